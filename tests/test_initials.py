"""Initials written before a person's name are part of its mention, canonical and id, in every
language (rule `initials`): "J.-P. X" in an English record was the mention "X" (the English
model leaves hyphenated initials out). Generated: initials of several shapes × invented
surnames × credit lines and sentences in English and French. Real NER, real linking."""

from __future__ import annotations

import itertools
import random

from pipeline.record import Record
from pipeline.stages.extract import Extract, initials_before
from tests.linker import Linker

INITIALS = ["J.-P.", "M.-C.", "A. B.", "J.P.", "É.-L.", "K."]
CONTEXTS = {
    "en": ["Director: {n}", "The new film by {n} opens on 12 March.", "Produced with {n} in mind."],
    "fr": ["Réalisation : {n}", "Le nouveau film de {n} sort le 12 mars."],
}
SYLLABLES = ["mon", "bes", "son", "cor", "quil", "lac", "vau", "zel", "lin", "drac", "ker", "go"]


def surnames(n: int) -> list[str]:
    rng = random.Random(46)
    return ["".join(rng.sample(SYLLABLES, 3)).capitalize() for _ in range(n)]


def records() -> list[tuple[str, Record]]:
    out = []
    cases = itertools.product(INITIALS, [c for cs in CONTEXTS.values() for c in cs])
    for i, ((initials, context), surname) in enumerate(zip(cases, surnames(100), strict=False)):
        lang = next(lang for lang, cs in CONTEXTS.items() if context in cs)
        name = f"{initials} {surname}"
        out.append((name, Record(f"r{i}", f"r{i}", "<gen>", 0, context.format(n=name), lang=lang)))
    return out


def test_initials_stay_in_the_mention_canonical_and_id() -> None:
    cases = records()
    read = list(Extract(fields=["text"])([r for _, r in cases]))
    Linker().link_all(read)
    cut = []
    for (name, _), record in zip(cases, read, strict=True):
        people = [e for e in record.entities if name.split()[-1] in e.text]
        if not people:
            continue  # the model found no one: not this class
        if not any(e.text == name and e.canonical == name for e in people):
            cut.append((name, [(e.text, e.canonical) for e in people]))
    assert not cut, f"{len(cut)} of {len(cases)}: {cut}"


def test_what_is_no_initial_stays_out() -> None:
    text = "Plan b. Monbesson, then AB. Corquillac and x.y. Lindrac, I. Vau"
    for name in ("Monbesson", "Corquillac", "Lindrac"):
        start = text.index(name)
        assert initials_before(text, start) == start, name
    assert initials_before("Line one.\nJ. Vau", 13) == 13 - 3  # "J. " on the name's line
    assert initials_before("A.\nVau", 3) == 3  # never across a line break
