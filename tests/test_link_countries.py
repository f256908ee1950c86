"""A country under its ISO 3166 codes and names is one entity across documents (rule
`country_codes`, #31 item 5), by class, on corpora generated here from the standard itself
(pycountry) and invented names, no model: a code and the name it is the initials of, in
documents of their own; the same letters read as an organisation; a code whose document writes
another place it spells; a code that is not its country's initials; codes without the name.
Each class is checked with the rule on, and the first shown to fail with it off."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

import pycountry

from pipeline.record import Entity, Record
from pipeline.rules import Rules
from pipeline.stages.link.countries import country_of, country_table, spells
from pipeline.stages.link.names import initials
from tests.test_link_generalise import linked

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el"]


def word(rng: random.Random, first: str = "") -> str:
    rest = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
    return (first + rest).capitalize() if first else rest.capitalize()


def record(doc: str, n: int, mentions: list[tuple[str, str]]) -> Record:
    """A record naming each (name, label) in turn, each in a sentence of its own."""
    text, entities = "", []
    for name, label in mentions:
        start = len(text)
        text += name + " was in the news. "
        entities.append(Entity(name, label, start, start + len(name), mention=f"m{len(entities)}"))
    return Record(f"{doc}:{n}", doc, "<gen>", n, text.strip(), lang="en", entities=entities)


def written(code: str, rng: random.Random) -> str:
    """A code as texts write it: "US", "U.S.", "U.S"."""
    dotted = ".".join(code)
    return rng.choice([code, dotted + ".", dotted])


def names_of(alpha_2: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=alpha_2)
    every = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
    return [n for n in every if n and "," not in n]


@dataclass
class Case:
    records: list[Record]
    same: list[list[tuple[int, int]]]  # mentions (record, entity) that must share one entity
    itself: list[tuple[int, int]]  # mentions that must name themselves


def shuffled(rng: random.Random, records: list[Record]) -> tuple[list[Record], list[int]]:
    order = list(range(len(records)))
    rng.shuffle(order)
    return [records[i] for i in order], [order.index(i) for i in range(len(records))]


def code_and_name(rng: random.Random) -> Case:
    """A code in documents of its own, the name its letters spell in others: one entity."""
    _, codes = country_table()
    code = rng.choice(sorted(codes))
    name = rng.choice([n for n in names_of(codes[code]) if initials(n) == code])
    records = [record(f"name{i}", 0, [(name, "LOC"), (word(rng), "PERSON")]) for i in range(rng.randint(1, 3))]  # fmt: skip
    records += [record(f"code{i}", 0, [(written(code, rng), "LOC")]) for i in range(rng.randint(1, 3))]  # fmt: skip
    records, at = shuffled(rng, records)
    mentions = [(at[i], 0) for i in range(len(records))]
    return Case(records, [mentions], [])


def organisation(rng: random.Random) -> Case:
    """The same letters read as an organisation (every mention) are not the country."""
    _, codes = country_table()
    code = rng.choice(sorted(codes))
    name = rng.choice([n for n in names_of(codes[code]) if initials(n) == code])
    records = [record("place", 0, [(name, "LOC")]), record("firm", 0, [(code, "ORG")])]
    return Case(records, [], [(1, 0)])


def spelled_here(rng: random.Random) -> Case:
    """A document that writes another place the code spells ("SA" beside "South Africa"):
    its code is not the country; the code in another document is."""
    _, codes = country_table()
    code = rng.choice(sorted(c for c in codes if len(c) == 2))
    name = rng.choice([n for n in names_of(codes[code]) if initials(n) == code])
    other = f"{word(rng, code[0].lower())} {word(rng, code[1].lower())}"
    records = [record("country", 0, [(name, "LOC")]),
               record("local", 0, [(other, "LOC"), (code, "LOC")]),
               record("away", 0, [(code, "LOC")])]  # fmt: skip
    return Case(records, [[(0, 0), (2, 0)]], [(1, 1)])


def not_initials(rng: random.Random) -> Case:
    """A code that is not the initials of its country's name ("CA": Canada, California; "DE":
    Germany, Delaware) is read as what its text says, not as the country."""
    countries = [c for c in pycountry.countries if country_of(c.alpha_2) is None and names_of(c.alpha_2)]  # fmt: skip
    country = rng.choice(sorted(countries, key=lambda c: c.alpha_2))
    records = [record("country", 0, [(names_of(country.alpha_2)[0], "LOC")]),
               record("code", 0, [(written(country.alpha_2, rng), "LOC")])]  # fmt: skip
    return Case(records, [], [(1, 0)])


def codes_alone(rng: random.Random) -> Case:
    """Two ways of writing the code and no name: one entity, named as the corpus writes it."""
    _, codes = country_table()
    code = rng.choice(sorted(c for c in codes if len(c) == 2))
    forms = [code, ".".join(code) + "."]
    records = [record(f"d{i}", 0, [(forms[i % 2], "LOC")]) for i in range(rng.randint(2, 5))]
    return Case(records, [[(i, 0) for i in range(len(records))]], [])


def holds_the_code(rng: random.Random) -> Case:
    """A name of the document that holds the code as a word ("U.S. war") is not spelled by it:
    the code is still the country."""
    _, codes = country_table()
    code = rng.choice(sorted(c for c in codes if len(c) == 2))
    name = rng.choice([n for n in names_of(codes[code]) if initials(n) == code])
    dotted = ".".join(code) + "."
    records = [record("country", 0, [(name, "LOC")]),
               record("here", 0, [(f"{dotted} {word(rng).lower()}", "MISC"), (dotted, "LOC")])]  # fmt: skip
    return Case(records, [[(0, 0), (1, 1)]], [])


CLASSES: dict[str, Callable[[random.Random], Case]] = {
    "code and name": code_and_name,
    "organisation": organisation,
    "spelled here": spelled_here,
    "not initials": not_initials,
    "codes alone": codes_alone,
    "holds the code": holds_the_code,
}
PER_CLASS = 40


def fault(case: Case, rules: Rules) -> str | None:
    linked(case.records, rules)
    entity = [[e for e in r.entities] for r in case.records]
    for group in case.same:
        ids = {entity[i][j].entity_id for i, j in group}
        if len(ids) > 1:
            return f"{[entity[i][j].text for i, j in group]} split over {sorted(map(str, ids))}"
    for i, j in case.itself:
        e = entity[i][j]
        if e.canonical != e.text:
            return f"{e.text!r} in {case.records[i].id} linked to {e.canonical!r}"
    return None


def failures(rules: Rules) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, make in CLASSES.items():
        rng = random.Random(f"{name}-countries")
        out[name] = [f for _ in range(PER_CLASS) if (f := fault(make(rng), rules))]
    return out


def test_a_country_is_one_entity_under_its_codes_and_names() -> None:
    found = failures(Rules.default())
    assert not any(found.values()), {n: (len(f), f[:3]) for n, f in found.items() if f}


def test_without_the_rule_a_code_and_its_country_are_apart() -> None:
    """The classes that link fail with the rule off (what main did): the check can fail."""
    found = failures(Rules.default().with_("country_codes", False))
    assert len(found["code and name"]) == PER_CLASS
    assert len(found["codes alone"]) == PER_CLASS


def test_the_standard_gives_a_code_to_its_country_only_when_nothing_else_holds_it() -> None:
    """Read from the standard, not written here: "US", "U.S.", "USA" are the United States;
    "CA", "DE", "NC" (New Caledonia, North Carolina) and "UK" (not an ISO code) are no
    country; a code's letters must spell its country's name."""
    assert {country_of(f) for f in ("US", "U.S.", "U.S", "USA", "U.S.A.", "United States")} == {
        "US"
    }
    assert [country_of(f) for f in ("CA", "DE", "N.C.", "UK", "S.D.")] == [None] * 5
    _, codes = country_table()
    assert all(
        any(initials(n) == code for n in names_of(alpha_2)) for code, alpha_2 in codes.items()
    )
    assert spells("South Alden", "SA") and not spells("U.S. war", "US")
