"""Screenplays by their layout (h47 G14): a cue (a line in capitals before dialogue) is a person
at each mention of its name whatever the model read, its extension in brackets and a scene
heading's opening word are no names, and the person is named as the action lines write it.
Generated: invented names, extensions and headings of letters, the model's labels at random."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Entity, Record
from pipeline.rules import Rules
from pipeline.screenplay import screenplay
from tests.test_link_generalise import linked

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el",
             "no", "gra", "tis", "van", "quen", "zo", "bru", "fen", "hal", "jo", "ste"]  # fmt: skip
LABELS = ("PERSON", "ORG", "LOC", "MISC")


def letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(n))


def made(doc: str, n: int, text: str, names: list[tuple[str, str]]) -> Record:
    """A record of `text`, each of `names` (text, label) a mention at its first place."""
    entities = []
    for name, label in names:
        start = text.index(name)
        entities.append(Entity(name, label, start, start + len(name), mention=f"m{len(entities)}"))
    return Record(f"{doc}:{n}", doc, "<gen>", n, text, lang="en", entities=entities)


def scene(seed: int) -> tuple[list[Record], list[str], list[str]]:
    """A screenplay of two or three characters: its records, the characters, the strings that
    are no names (extensions, the headings' opening words)."""
    rng = random.Random(seed)
    people: list[str] = []
    while len(people) < rng.randint(2, 3):
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if name not in people:
            people.append(name)
    extensions = [f"{letters(rng, 1)}.{letters(rng, 1)}.", letters(rng, 3)]
    openers = [f"{letters(rng, 3)}.", f"{letters(rng, 3)}."]
    label = {p: rng.choice(LABELS) for p in people}  # the model reads a name one way
    texts: list[tuple[str, list[tuple[str, str]]]] = []
    for _ in range(rng.randint(2, 4)):
        opener = rng.choice(openers)
        place = letters(rng, 6)
        texts.append((f"{opener} {place} – {letters(rng, 4)}", [(opener.rstrip("."), "PERSON")]))
        a, b = rng.sample(people, 2)
        texts.append((f"{a} waits. {b} comes in.", [(a, label[a]), (b, label[b])]))
        for _ in range(rng.randint(1, 3)):
            speaker, other = rng.sample(people, 2)
            ext = rng.choice(["", *extensions])
            cue = speaker.upper() + (f" ({ext})" if ext else "")
            names = [(speaker.upper(), rng.choice(LABELS))]
            if ext:
                names.append((ext, rng.choice(LABELS)))
            texts.append((cue, names))
            texts.append((f"You are late, {other}.", [(other, label[other])]))
    # every character but one speaks twice at least; that one once, with an extension
    once = people[-1]
    texts += [
        (
            f"{once.upper()} ({extensions[1]})",
            [(once.upper(), label[once]), (extensions[1], rng.choice(LABELS))],
        )
    ]
    texts += [("Later.", [])]
    for p in people[:-1]:
        texts += [(p.upper(), [(p.upper(), label[p])]), (f"Yes, {people[0]}.", [])]
        texts += [(p.upper(), [(p.upper(), label[p])]), ("No.", [])]
    records = [made("sc", i, t, n) for i, (t, n) in enumerate(texts)]
    junk = [*extensions, *(o.rstrip(".") for o in openers)]
    return records, people, junk


def faults(seed: int) -> list[str]:
    records, people, junk = scene(seed)
    screenplay(records)
    linked(records, Rules.default())
    written = {e.text for r in records for e in r.entities}
    # named as the action lines write it; in capitals only when nothing else writes it
    named = {p if p in written else p.upper() for p in people}
    out = []
    for r in records:
        for e in r.entities:
            if e.text in junk:
                out.append(f"{e.text!r} kept in {r.text!r}")
            elif e.text.casefold() in {p.casefold() for p in people}:
                if e.label != "PERSON":
                    out.append(f"{e.text!r} {e.label} in {r.text!r}")
                if e.canonical not in named:
                    out.append(f"{e.text!r} named {e.canonical!r}")
    return out


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6))
def test_a_screenplay_s_characters_are_people_and_its_markup_no_name(seed: int) -> None:
    assert faults(seed) == []


def test_a_line_in_capitals_before_prose_once_is_no_cue() -> None:
    records = [
        made("d", 0, "KAREN VOLLO", [("KAREN VOLLO", "ORG")]),
        made("d", 1, "Le film sort en mai.", []),
    ]
    screenplay(records)
    assert records[0].entities[0].label == "ORG"
