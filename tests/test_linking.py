"""Entities that survive translation and link across languages and documents."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pipeline import Pipeline
from pipeline.record import Entity, Record
from pipeline.run.pipeline import default_stages
from pipeline.stages.link.names import surface_of
from tests.conftest import FRENCH_NOTES, ROOT, read_jsonl
from tests.linker import Linker

EXPECTED = {
    "Bogdanovich": ("Peter Bogdanovich", "PERSON"),
    "Cher": ("Cher", "PERSON"),
    "Universal": ("Universal Pictures", "ORG"),
    "Springsteen": ("Bruce Springsteen", "PERSON"),
}
VERBATIM = ["Cher", "Universal", "Bruce Springsteen", "The Hollywood Reporter", "Peter Bogdanovich"]


def notes(corpus: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in corpus if r["doc_id"] == FRENCH_NOTES]


def test_names_survive_translation_verbatim(seed_corpus: list[dict[str, Any]]) -> None:
    for record in notes(seed_corpus):
        for name in VERBATIM:
            assert record["translation"]["text"].count(name) == record["text"].count(name), (
                name,
                record["id"],
            )


def test_mentions_link_to_canonical_entities_in_both_languages(
    seed_corpus: list[dict[str, Any]],
) -> None:
    seen: Counter[tuple[str, str]] = Counter()
    for record in seed_corpus:
        for e in record["entities"]:
            for short, (canonical, label) in EXPECTED.items():
                if short in e["text"]:
                    assert (e["canonical"], e["label"]) == (canonical, label), (e, record["id"])
                    seen[short, e["field"]] += 1
    for short in EXPECTED:
        assert seen[short, "text"] and seen[short, "translation"], short


def test_translation_mentions_are_tied_to_their_source_mention(
    seed_corpus: list[dict[str, Any]],
) -> None:
    for record in notes(seed_corpus):
        source = {e["mention"]: e for e in record["entities"] if e["field"] == "text"}
        carried = [
            e for e in record["entities"] if e["field"] == "translation" and e["mention"] in source
        ]
        assert carried
        for e in carried:
            original = source[e["mention"]]
            # carried as written, or a place or other name the engine translates as a name
            # ("États-Unis" → "United States", #31 item 4): one mention either way
            assert e["text"] == original["text"] or original["label"] != "PERSON"
            assert record["translation"]["text"][e["start"] : e["end"]] == e["text"]
            assert e["entity_id"] == source[e["mention"]]["entity_id"]


def test_entity_index(seed_run: Path) -> None:
    schema = json.loads((ROOT / "schema" / "entity.schema.json").read_text())
    rows = read_jsonl(seed_run / "entities.jsonl")
    for row in rows:
        jsonschema.validate(row, schema)
    by_name = {r["canonical"]: r for r in rows}
    cher = by_name["Cher"]
    assert (
        cher["label"] == "PERSON"
        and sorted(cher["languages"]) == ["en", "fr"]
        and cher["mentions"] >= 10
    )
    assert set(by_name["Peter Bogdanovich"]["aliases"]) == {"Bogdanovich", "Peter Bogdanovich"}
    assert len({r["entity_id"] for r in rows}) == len(rows)
    assert rows == sorted(
        rows, key=lambda r: (-r["mentions"], -r["translated_mentions"], r["entity_id"])
    )
    corpus = read_jsonl(seed_run / "corpus.jsonl")
    for row in rows:  # the index's counts are the corpus's
        said = [(r, e) for r in corpus for e in r["entities"] if e["entity_id"] == row["entity_id"]]
        assert row["mentions"] == sum(e["field"] == "text" for _, e in said)
        assert row["translated_mentions"] == sum(e["field"] == "translation" for _, e in said)
        assert row["records"] == len({r["id"] for r, _ in said})
        assert row["documents"] == len({r["doc_id"] for r, _ in said})
        ids = list(dict.fromkeys(r["id"] for r, _ in said))
        assert row["sample_records"] == ids[:20]


def test_entity_offsets_point_into_the_whole_review_text(seed_corpus: list[dict[str, Any]]) -> None:
    reviews = [r for r in seed_corpus if r["meta"].get("kind") == "review"]
    assert reviews
    for r in reviews:
        for e in r["entities"]:
            field = r["text"] if e["field"] == "text" else r["translation"]["text"]
            assert field[e["start"] : e["end"]] == e["text"]


def test_common_words_are_not_entities() -> None:
    pipe = Pipeline(stages=default_stages(cache=None))
    records = pipe.process(
        ["Le billet était trop cher pour moi.", "The film has a universal message."],
        doc_id="common",
    )
    assert [r.entities for r in records] == [[], []]


UNSEEN_NOTES = """\
La Leçon de piano est un film réalisé par Jane Campion, présenté au festival en 1993.
Holly Hunter y joue une femme muette et Harvey Keitel un voisin taciturne.
Campion obtint la Palme d'or, et Hunter le prix d'interprétation, grâce au soutien de Miramax Films.
Miramax distribua ensuite le film aux États-Unis, où Keitel en assura la promotion.
"""
UNSEEN_PAGE = """\
The Piano

Reviews

filmfan88 Jane Campion directs Holly Hunter in a haunting story. Hunter never speaks a word.
ana maria Campion and Keitel make every scene count, and Miramax Films gave it a wide release.
"""


@pytest.fixture(scope="module")
def unseen(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Documents about a film the knowledge base knows nothing of."""
    root = tmp_path_factory.mktemp("unseen")
    (root / "piano_fr.txt").write_text(UNSEEN_NOTES, encoding="utf-8")
    (root / "piano_en.txt").write_text(UNSEEN_PAGE, encoding="utf-8")
    out = root / "out"
    Pipeline(stages=default_stages(cache=None)).run([root], out)
    return read_jsonl(out / "corpus.jsonl"), read_jsonl(out / "entities.jsonl")


def test_linking_works_for_names_absent_from_the_knowledge_base(
    unseen: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    corpus, index = unseen
    canonical = {
        (e["text"], e["field"], r["lang"]): e["canonical"] for r in corpus for e in r["entities"]
    }
    full = {"Campion": "Jane Campion", "Hunter": "Holly Hunter", "Keitel": "Harvey Keitel"}
    for (text, _, _), name in canonical.items():
        if text in full:  # the English page names no Keitel in full, nor says he is a
            # company: its bare "Keitel" is the French notes' Harvey Keitel (`person_across`)
            assert name == full[text]
        if text == "Miramax":
            assert name == "Miramax Films"
    entries = {r["canonical"]: r for r in index}
    assert entries["Jane Campion"]["label"] == "PERSON" and {"Campion", "Jane Campion"} <= set(
        entries["Jane Campion"]["aliases"]
    )
    assert sorted(entries["Jane Campion"]["languages"]) == ["en", "fr"]
    assert entries["Miramax Films"]["label"] == "ORG"
    assert all(e["entity_id"].startswith("ent:") for e in index)
    french = [r for r in corpus if r["lang"] == "fr"]
    for record in french:
        for name in ("Jane Campion", "Holly Hunter", "Harvey Keitel", "Miramax"):
            assert record["translation"]["text"].count(name) == record["text"].count(name)


def test_an_ambiguous_short_form_stays_its_own_entity() -> None:
    def record(doc: str, names: list[str]) -> Record:
        text = ", ".join(names)
        entities = [Entity(n, "PERSON", text.index(n), text.index(n) + len(n)) for n in names]
        return Record(f"{doc}:0", doc, "<memory>", 0, text, lang="en", entities=entities)

    linker = Linker(known={})
    for doc, names in [("a", ["Anna Smith"]), ("b", ["John Smith"]), ("c", ["Smith"])]:
        linker.observe(record(doc, names))
    linker.resolve()
    assert linker.apply(record("c", ["Smith"])).entities[0].canonical == "Smith"


def test_possessives_link_to_the_name() -> None:
    assert (
        surface_of("Cher's") == "Cher" and surface_of("Peter  Bogdanovich’s") == "Peter Bogdanovich"
    )


def test_chrf_of_the_french_notes_is_at_least_57_5(
    shared: Path, seed_corpus: list[dict[str, Any]]
) -> None:
    sacrebleu = pytest.importorskip("sacrebleu")
    reference = (
        (shared / "data" / f"{FRENCH_NOTES}.ref.en.txt").read_text(encoding="utf-8").splitlines()
    )
    records = notes(seed_corpus)
    heading = (
        "À noter"  # a heading, kept in meta.section: translated like the paragraphs for scoring
    )
    hypotheses = [r["translation"]["text"] for r in records]
    pipe = Pipeline(stages=default_stages(cache=None))
    (translated_heading,) = pipe.process([heading], doc_id=FRENCH_NOTES)
    hypotheses.insert(
        4, translated_heading.translation.text if translated_heading.translation else heading
    )
    score = sacrebleu.corpus_chrf(hypotheses, [reference]).score
    print(f"chrF {score:.1f}")
    # one Spanish chain with names protected (the raw chain scores 56.7); the three-pivot
    # consensus scored 60.4 here but only +0.15 on real news at 5-10x the time, and two of
    # its pivots carry state between texts, so it was removed
    assert score >= 57.5
