"""A mention is one name on credit and cast lines (#31 item 2), generated and read by the real
models: a credit line's opening ("Starring X Y", "Avec X Y", "Voices of X Y") is not part of a
name, and a cast line ("X Y ... Louise", "X Y as Louise") never joins actor and character.
Names are invented syllables; the characters' names are generic first names."""

from __future__ import annotations

import random
import re

from pipeline.entities import credit_phrases
from pipeline.record import Record
from pipeline.stages.extract import Extract
from tests.test_mention_generated import person, word

CREDITS = {
    "en": ["Starring", "With", "Featuring", "Voices of", "Also starring", "Introducing", "And"],
    "fr": ["Avec", "Avec la participation de", "Et", "Voix de", "Mettant en vedette"],
}
CAST = {
    "en": ["{a} as {c}", "{a} ... {c}", "{a} ({c})", "{a} : {c}", "{a} – {c}", "{a} .... {c}",
           "{a} … {c}", "{a}\t{c}"],
    "fr": ["{a} dans le rôle de {c}", "{a} : {c}", "{a} ({c})", "{a} – {c}", "{a} ... {c}",
           "{a} … {c}"],
}  # fmt: skip
CHARACTERS = ["Louise", "Marc", "Hélène", "Paul", "Claire", "Thomas", "Anna", "Julien"]
DOCS = 60
CAST_DOCS = 400  # actor and character joined: about 1 in 100 documents on main
STAGE = Extract(fields=["text"])


def character(rng: random.Random) -> str:
    return rng.choice(CHARACTERS) if rng.random() < 0.5 else word(rng)


def mentions(docs: list[tuple[str, str]]) -> list[list[str]]:
    records = [
        Record(f"{i}:0", str(i), "<gen>", 0, t, lang=lang) for i, (lang, t) in enumerate(docs)
    ]
    return [[e.text for e in r.entities if e.field == "text"] for r in STAGE(records)]


def test_credit_phrases_cover_the_languages() -> None:
    for lang in ("en", "fr", "es", "de", "it", "pt"):
        assert credit_phrases(lang), lang


def test_a_credit_lines_opening_is_no_part_of_a_name() -> None:
    rng = random.Random("credit-lines-31")
    docs = []
    for _ in range(DOCS):
        lang = rng.choice(["en", "fr"])
        names = [person(rng) for _ in range(rng.randint(1, 3))]
        joined = rng.choice([", ", " and " if lang == "en" else " et "]).join(names)
        docs.append((lang, f"{rng.choice(CREDITS[lang])} {joined}{rng.choice(['', '.'])}"))
    openings = {c.split()[0].lower() for words in CREDITS.values() for c in words}
    faults = [
        (text, found)
        for (_, text), found in zip(docs, mentions(docs), strict=True)
        if any(m.split()[0].lower() in openings for m in found)
    ]
    assert not faults, (len(faults), faults[:5])


def test_a_cast_line_never_joins_actor_and_character() -> None:
    rng = random.Random("cast-lines-31b")
    docs, cast = [], []
    for _ in range(CAST_DOCS):
        lang = rng.choice(["en", "fr"])
        shape = rng.choice(CAST[lang])
        pairs = [(person(rng), character(rng)) for _ in range(rng.randint(2, 4))]
        docs.append((lang, "\n".join(shape.format(a=a, c=c) for a, c in pairs)))
        cast.append(pairs)
    faults = [
        (text, found)
        for (_, text), found, pairs in zip(docs, mentions(docs), cast, strict=True)
        if any(re.search(r"\.\.|…|\(|\)| as | : |rôle|\t", m) for m in found)
        or any(a in m and c in m for m in found for a, c in pairs)
    ]
    assert not faults, (len(faults), faults[:5])
