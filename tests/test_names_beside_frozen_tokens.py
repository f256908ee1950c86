"""A name NER runs into a token frozen by its shape ("Blanche Blanc https://…/Blanche_Blanc"
tagged PERSON whole) keeps both protections: the name is carried as a name and the token as a
token (issue #30, hostile finding T15). Before, the span was judged as one name, read as a
phrase (its link is no capitalised word) and left to the engine: "Blanca White https://…".

Generated: names of capitalised common words (each a word the engine translates, chosen
here), each run into a link, an address, a handle, a file or a code, after a space, an
opening bracket or a comma, one batch through the real engine."""

from __future__ import annotations

import itertools

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.name_guard import frozen_of, name_parts
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate

FIRST = ["Blanche", "Rose", "Pierre", "Olive"]
LAST = ["Blanc", "Boulanger", "Renard", "Petit"]
TOKENS = {
    "link": "https://fr.exemple.org/wiki/{first}_{last}",
    "address": "{first}.{last}@exemple.fr",
    "handle": "@{first}{last}",
    "file": "/home/{first}/notes_{last}.txt",
    "code": "{first}_{last}_v2",
}
JOINS = [" ", " (", ", "]


def cases() -> list[tuple[str, str, str]]:
    """(text, name, token) for every name, token kind and join."""
    out = []
    for (first, last), shape, join in itertools.product(
        zip(FIRST, LAST, strict=True), sorted(TOKENS), JOINS
    ):
        name = f"{first} {last}"
        token = TOKENS[shape].format(first=first.lower(), last=last.lower())
        tail = ")" if join == " (" else ""
        out.append((f"Selon {name}{join}{token}{tail}, tout va bien.", name, token))
    return out


def test_a_name_run_into_a_frozen_token_keeps_both(apertium: ApertiumTranslator) -> None:
    del apertium  # the real engine must be installed
    records = []
    for i, (text, name, token) in enumerate(cases()):
        start = text.index(name)
        end = text.index(token) + len(token)  # NER's span: the name and the token
        entity = Entity(text[start:end], "PERSON", start, end)
        records.append(Record(f"r{i}", f"r{i}", "<memory>", 0, text, lang="fr",
                              entities=[entity]))  # fmt: skip
    stage = Translate(cache=None)
    try:
        out = list(stage(records))
    finally:
        stage.close()
    lost = [
        (text, r.translation.text if r.translation else r.meta.get("untranslated"))
        for r, (text, name, token) in zip(out, cases(), strict=True)
        if r.translation is None or name not in r.translation.text
        or token not in r.translation.text
    ]  # fmt: skip
    assert not lost, f"{len(lost)} of {len(out)}: {lost[:5]}"


@pytest.mark.parametrize(
    ("text", "surface", "parts"),
    [
        ("Selon Blanche Blanc https://a.fr/x, oui.", "Blanche Blanc https://a.fr/x",
         ["Blanche Blanc"]),
        ("Voir https://a.fr/x merci.", "https://a.fr/x merci", ["merci"]),
        ("Voir https://a.fr/x", "https://a.fr/x", []),
        ("Le A https://a.fr/x B, c@d.fr (C).", "A https://a.fr/x B, c@d.fr (C)",
         ["A", "B", "C"]),
    ],
)  # fmt: skip
def test_name_parts_cut_around_frozen_spans(text: str, surface: str, parts: list[str]) -> None:
    start = text.index(surface)
    entity = Entity(surface, "MISC", start, start + len(surface))
    got = name_parts(entity, text, frozen_of(text))
    assert [p.text for p in got] == parts
    assert all(text[p.start : p.end] == p.text for p in got)
