"""Linking's cost grows linearly with what it is given, for every shape a document can take:
one name of many words, many distinct names (short forms, acronyms, full names) in one document,
many mentions of a few names. Each shape at two sizes 8x apart; the bound sits between linear
(8x) and quadratic (64x) growth: 24x the time. It catches quadratic paths, it times nothing
(a 27,000-character name of short words took 60 s and 1.5 GB to link before the bound).

The names are generated from syllables; none comes from a corpus."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from pipeline.record import Entity, Record
from tests.test_linking_rules import linked
from tests.timing import best_of

SMALL, BIG = 400, 3200  # 8x
RATIO = 24
FLOOR = 0.002
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pi", "dun", "qua", "zi", "bo"]


def word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(1, 3))).capitalize()


def one_record(names: list[tuple[str, str]], between: str = ". ") -> list[Record]:
    text, entities = "", []
    for name, label in names:
        start = len(text)
        text += name + between
        entities.append(Entity(name, label, start, start + len(name), mention=f"m{len(entities)}"))
    return [Record("d:0", "d", "<memory>", 0, text, lang="en", entities=entities)]


def long_name(n: int) -> list[Record]:
    """One PERSON span of `n` short words, as a model reads a run of capitalised words."""
    rng = random.Random(n)
    return one_record([(" ".join(word(rng) for _ in range(n)), "PERSON")])


def repeated_long_name(n: int) -> list[Record]:
    """One span of `n` words, the same two words over and over ("Ab Cd Ab Cd …")."""
    return one_record([(" ".join(["Ab", "Cd"] * (n // 2)), "ORG")])


def many_names(n: int) -> list[Record]:
    """`n` distinct full names, their surnames alone and acronyms, in one document."""
    rng = random.Random(n)
    names: list[tuple[str, str]] = []
    for _ in range(n // 3):
        full = [word(rng) for _ in range(rng.randint(2, 4))]
        names += [(" ".join(full), "PERSON"), (full[-1], "PERSON")]
        names.append(("".join(w[0] for w in full).upper(), "ORG"))
    return one_record(names)


def one_sentence_names(n: int) -> list[Record]:
    """`n` names with their surnames, in one sentence of commas (a cast list, an index):
    every mention shares its sentence with every other."""
    rng = random.Random(n)
    names: list[tuple[str, str]] = []
    for _ in range(n // 2):
        full = [word(rng) for _ in range(rng.randint(2, 3))]
        names += [(full[-1], "PERSON"), (" ".join(full), "PERSON")]
    return one_record(names, between=", ")


def one_family(n: int) -> list[Record]:
    """`n // 2` people of one surname, each named in full and then by the surname alone (a
    family, a dynasty): every bare surname has every full name as a candidate."""
    rng = random.Random(n)
    names: list[tuple[str, str]] = []
    for _ in range(n // 2):
        names += [(f"{word(rng)} {word(rng)} Surname", "PERSON"), ("Surname", "PERSON")]
    return one_record(names)


def many_mentions(n: int) -> list[Record]:
    rng = random.Random(n)
    pool = [" ".join(word(rng) for _ in range(2)) for _ in range(5)]
    return one_record([(rng.choice(pool), "PERSON") for _ in range(n)])


def country_codes(n: int) -> list[Record]:
    """A country's code written again and again among as many names that begin with it
    ("U.S. Kalo"): each code mention asks whether its document spells another name with
    those letters (`countries.spells_another`), once per document, not once per mention."""
    rng = random.Random(n)
    names: list[tuple[str, str]] = [("United States", "LOC")]
    for _ in range(n // 2):
        names += [(f"U.S. {word(rng)}", "ORG"), ("U.S.", "LOC")]
    return one_record(names)


SHAPES: dict[str, Callable[[int], list[Record]]] = {
    f.__name__: f
    for f in (
        long_name,
        repeated_long_name,
        many_names,
        one_sentence_names,
        one_family,
        many_mentions,
        country_codes,
    )
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_linking_one_document_is_linear_in_its_names(shape: str) -> None:
    small, big = SHAPES[shape](SMALL), SHAPES[shape](BIG)
    linked(small)  # warm: word lists and rules load once
    t_small = max(best_of(lambda: linked(SHAPES[shape](SMALL)), 3), FLOOR)
    t_big = best_of(lambda: linked(big), 2)
    assert t_big < RATIO * t_small, f"{shape}: {t_big / t_small:.0f}x at 8x the size"
