"""A name the engine translates ("Italie" → "Italy", "Londres" → "London") keeps its mention in
the translation, with the mention id of the original, and is one entity in the index (#31
item 4). Real NER, real Apertium: every place of the table below in every shape of sentence
(alone, opening the sentence, twice, beside another place, beside a person), in one batch.

The places are written here (countries with their article, cities, a compound name); the
people are made up. Which of them the engine translates is the engine's business: the test
checks every mention, and that most of the places are ones the engine does translate (else it
would test nothing)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.record import Entity, Record, Translation
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from pipeline.stages.link.names import name_key, surface_of
from pipeline.stages.translate import Translate
from tests.linker import Linker

# (the name, the name as a sentence writes it: with its article where French puts one)
PLACES = [
    ("Italie", "l'Italie"), ("Allemagne", "l'Allemagne"), ("Espagne", "l'Espagne"),
    ("Angleterre", "l'Angleterre"), ("Grèce", "la Grèce"), ("Suisse", "la Suisse"),
    ("Belgique", "la Belgique"), ("Russie", "la Russie"), ("Chine", "la Chine"),
    ("Japon", "le Japon"), ("Mexique", "le Mexique"), ("Brésil", "le Brésil"),
    ("Pologne", "la Pologne"), ("Suède", "la Suède"), ("Norvège", "la Norvège"),
    ("Égypte", "l'Égypte"), ("Autriche", "l'Autriche"), ("Hongrie", "la Hongrie"),
    ("Écosse", "l'Écosse"), ("Turquie", "la Turquie"), ("États-Unis", "les États-Unis"),
    ("Londres", "Londres"), ("Moscou", "Moscou"), ("Pékin", "Pékin"), ("Vienne", "Vienne"),
    ("Lisbonne", "Lisbonne"), ("Varsovie", "Varsovie"), ("Athènes", "Athènes"),
    ("Bruxelles", "Bruxelles"), ("Copenhague", "Copenhague"), ("Édimbourg", "Édimbourg"),
    ("Alger", "Alger"), ("Séville", "Séville"), ("Barcelone", "Barcelone"),
    ("La Nouvelle-Orléans", "La Nouvelle-Orléans"), ("Berlin", "Berlin"),
]  # fmt: skip
PEOPLE = ["Clarisse Vaudremont", "Anselme Perrichon", "Odile Brancourt", "Théo Marsaudon"]

SHAPES = {  # every shape of sentence a place takes; {a}: this place, {b}: another one
    "alone": "Le tournage a eu lieu en partie dans {a} au printemps.",
    "opening": "{A} a accueilli l'équipe pendant trois semaines.",
    "twice": "Le voyage vers {a} a duré deux jours, puis {a} les a retenus.",
    "two places": "Le film a été tourné entre {a} et {b} en été.",
    "with a person": "{p} a tourné dans {a} avec une petite équipe.",
    "person after": "Depuis {a}, {p} a écrit une longue lettre.",
}


def sentences() -> list[tuple[str, str]]:
    """Every place in every shape: (shape, sentence)."""
    out = []
    for i, (_, written) in enumerate(PLACES):
        other = PLACES[(i * 7 + 3) % len(PLACES)][1]
        person = PEOPLE[i % len(PEOPLE)]
        for shape, template in SHAPES.items():
            text = template.format(
                a=written, A=written[:1].upper() + written[1:], b=other, p=person
            )
            out.append((shape, text))
    return out


@pytest.fixture(scope="module")
def translated(apertium: ApertiumTranslator) -> list[Record]:
    records = [
        Record(id=f"r{i}", doc_id=f"d{i}", source="test", seq=0, text=text, lang="fr")
        for i, (_, text) in enumerate(sentences())
    ]
    stages = (
        Extract(fields=["text"]),
        Translate(engine=apertium, cache=None),
        Extract(fields=["translation"]),
    )
    for stage in stages:
        records = list(stage(records))
    return records


def test_every_mention_is_in_the_translation_with_its_id(translated: list[Record]) -> None:
    missing, misplaced = [], []
    for record in translated:
        assert record.translation is not None, record.text
        english = record.translation.text
        twins = {e.mention: e for e in record.entities if e.field == "translation"}
        for entity in record.entities:
            if entity.field != "text":
                continue
            twin = twins.get(entity.mention)
            if twin is None:
                missing.append((entity.text, record.text, english))
            elif english[twin.start : twin.end] != twin.text:
                misplaced.append((twin.text, english))
    assert not missing, f"{len(missing)} mentions without their translation: {missing[:5]}"
    assert not misplaced


def test_the_translation_names_nothing_the_original_does_not(translated: list[Record]) -> None:
    for record in translated:
        ids = {e.mention for e in record.entities if e.field == "text"}
        extra = [
            e.text for e in record.entities if e.field == "translation" and e.mention not in ids
        ]
        assert not extra, (record.text, extra)


def test_the_places_are_ones_the_engine_translates(translated: list[Record]) -> None:
    """The class is exercised: most carried place mentions read otherwise in English."""
    renamed = Counter()
    for record in translated:
        text = {e.mention: e.text for e in record.entities if e.field == "text"}
        for e in record.entities:
            if e.field == "translation" and e.mention in text:
                renamed[e.text != text[e.mention]] += 1
    assert renamed[True] >= 100, renamed


def test_each_name_is_one_entity_in_the_index(translated: list[Record]) -> None:
    linker = Linker()
    for record in translated:
        linker.observe(record)
    linker.resolve()
    for record in translated:
        linker.apply(record)
    index = linker.index()
    originals = {
        name_key(surface_of(e.text)) for r in translated for e in r.entities if e.field == "text"
    }
    for row in index:
        assert row["mentions"] > 0, row  # no entity that only a translation names
        assert name_key(row["canonical"]) in originals, row  # named as an original writes it
    for record in translated:
        by_mention: dict[str | None, set[str | None]] = {}
        for e in record.entities:
            by_mention.setdefault(e.mention, set()).add(e.entity_id)
        assert all(len(ids) == 1 for ids in by_mention.values()), record.entities
    written = {surface_of(e.text) for r in translated for e in r.entities if e.field == "text"}
    rendered = [r for r in index if set(r["aliases"]) - written]  # "Italie" and "Italy": one row
    assert len(rendered) >= len(PLACES) // 2, index


# -- the index across languages, on records made here (no model) --------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèô", min_size=3, max_size=9)


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def french(doc: str, name: str, rendering: str, label: str, n: int = 1) -> Record:
    """A French record naming `name` n times, each carried into its translation as
    `rendering` with the original's mention id."""
    text = " et ".join([f"vers {name}"] * n) + "."
    english = " and ".join([f"to {rendering}"] * n) + "."
    entities = []
    for i in range(n):
        start = text.index(name, (text.index(name) + 1) * i if i else 0)
        at = english.index(rendering, (english.index(rendering) + 1) * i if i else 0)
        mention = f"m{i}"
        entities.append(Entity(name, label, start, start + len(name), "text", mention=mention))
        entities.append(
            Entity(rendering, label, at, at + len(rendering), "translation", mention=mention)
        )
    return Record(
        f"{doc}:0", doc, "<memory>", 0, text, lang="fr", entities=entities,
        translation=Translation(english, "en", "test"),
    )  # fmt: skip


def english(doc: str, name: str, label: str) -> Record:
    text = f"They went to {name}."
    start = text.index(name)
    entity = Entity(name, label, start, start + len(name), "text", mention="m0")
    return Record(f"{doc}:0", doc, "<memory>", 0, text, lang="en", entities=[entity])


def index_of(records: list[Record], rules: Rules | None = None) -> list[dict[str, Any]]:
    linker = Linker()
    with using(rules or Rules.default()):
        for r in records:
            linker.observe(r)
        linker.resolve()
        for r in records:
            linker.apply(r)
    return linker.index()


@given(
    st.lists(st.tuples(WORD, WORD), min_size=1, max_size=4, unique_by=lambda p: p[0]),
    st.sampled_from(["LOC", "ORG", "MISC"]),
    st.integers(1, 3),
    st.booleans(),
)
def test_a_name_and_its_rendering_are_one_entity_across_texts(
    pairs: list[tuple[str, str]], label: str, times: int, article: bool
) -> None:
    pairs = [(capitalised(a), capitalised(b)) for a, b in pairs]
    assume(len({b for _, b in pairs}) == len(pairs) and all(a != b for a, b in pairs))
    assume(not {a for a, _ in pairs} & {b for _, b in pairs})
    records = []
    for i, (name, rendering) in enumerate(pairs):
        records.append(french(f"fr{i}", name, rendering, label, times))
        records.append(english(f"en{i}", rendering, label))
        if article:  # another document's mention holds the article: rendered alike
            records.append(french(f"fra{i}", f"l'{name}", rendering, label))
    index = index_of(records)
    assert len(index) == len(pairs), index
    for row in index:
        originals = {
            r.text[e.start : e.end] for r in records for e in r.entities if e.field == "text"
        }
        assert row["canonical"] in originals  # named as an original text writes it
    without = index_of(records, Rules.default().with_("translated_twin", False))
    assert len(without) == 2 * len(pairs)  # the rule is what joins them (an article is
    # no part of the name: rule bare_names)
    neither = Rules.default().with_("translated_twin", False).with_("bare_names", False)
    assert len(index_of(records, neither)) == (3 if article else 2) * len(pairs)


@given(WORD, WORD)
def test_a_person_and_a_carried_part_of_a_name_stay_apart(first: str, surname: str) -> None:
    first, surname = capitalised(first), capitalised(surname)
    assume(first != surname)
    titled = f"M. {surname}"  # carried head: the surname, no translation of the name
    records = [
        french("fr", titled, surname, "PERSON"),
        english("en", surname, "PERSON"),
        french("fr2", f"la société {first}", first, "ORG"),  # a part of the name, carried
        english("en2", first, "ORG"),
    ]
    with_rule = index_of(records)
    assert with_rule == index_of(records, Rules.default().with_("translated_twin", False))
    rendered = [english("en3", "Zzq", "PERSON"), french("fr3", "Zzr", "Zzq", "PERSON")]
    assert len(index_of(rendered)) == 2  # a person's name is never a translation's
