"""Entity labels from the evidence a corpus gives, and a knowledge base only when asked for.

The knowledge base here is this test's own fixture: names that appear nowhere else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.entities import KnowledgeBaseError, cue_before, cues, known_names
from pipeline.record import Entity, EntityField, Record, Translation
from pipeline.run.pipeline import default_stages
from pipeline.stages.extract import Extract
from tests.conftest import read_jsonl
from tests.linker import Linker
from tests.test_hostile_world import cli

TEXTS = [
    "Le studio Quarvex tourna trois films en Patagonie.",
    "Les films de Quarvex furent distribués en Europe.",
]


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    path = tmp_path / "kb.jsonl"
    rows = [{"id": "kb:quarvex", "canonical": "Quarvex Pictures", "label": "ORG",
             "aliases": ["Quarvex"], "wikidata": "Q0"}]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def linked(texts: list[str], kb: Path | None) -> list[Record]:
    stages = default_stages(translator="none", cache=None, kb=kb)
    return Pipeline(stages=stages).process(texts, doc_id="quarvex")


def test_no_knowledge_base_unless_given(kb: Path) -> None:
    without = [e for r in linked(TEXTS, None) for e in r.entities if "Quarvex" in e.text]
    assert all(not e.entity_id or not e.entity_id.startswith("kb:") for e in without)
    with_kb = [e for r in linked(TEXTS, kb) for e in r.entities if "Quarvex" in e.text]
    assert len(with_kb) == 2
    assert {(e.canonical, e.entity_id, e.label) for e in with_kb} == {
        ("Quarvex Pictures", "kb:quarvex", "ORG")
    }


def test_a_broken_knowledge_base_is_one_line_before_any_model_loads(tmp_path: Path) -> None:
    bad = tmp_path / "kb.jsonl"
    bad.write_text('{"id": "x", "canonical": "X", "label": "PERSON"}\n{"id": "y", "label": 3}\n')
    with pytest.raises(KnowledgeBaseError, match=r"kb.jsonl:2"):
        known_names(bad)
    (tmp_path / "in.jsonl").write_text('{"text": "Hello there."}\n')
    result = cli("run", str(tmp_path / "in.jsonl"), "--out-dir", str(tmp_path / "out"),
                 "--kb", str(bad), timeout=60)  # fmt: skip
    assert result.returncode == 2 and "kb.jsonl:2" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "entry",
    [
        '{"id": "k", "canonical": "Ann Lee", "label": "PERSON", "aliases": [5]}',
        '{"id": "k", "canonical": "Ann Lee", "label": "PERSON", "aliases": "Ann"}',
        '{"id": "k", "canonical": "Ann Lee", "label": "PERSON", "aliases": [null]}',
        '{"id": "k", "canonical": "Ann Lee", "label": "PERSON", "aliases": [" "]}',
        '{"id": "k", "canonical": 7, "label": "PERSON"}',
        '{"id": "k", "canonical": ["Ann"], "label": "PERSON"}',
        '["k", "Ann Lee", "PERSON"]',
    ],
)
def test_every_name_of_a_knowledge_base_entry_is_a_string(tmp_path: Path, entry: str) -> None:
    """A name that is not a non-empty string is refused with its line when the file is read
    (an integer alias crashed the run after the first pass)."""
    bad = tmp_path / "kb.jsonl"
    bad.write_text(entry + "\n")
    with pytest.raises(KnowledgeBaseError, match=r"kb.jsonl:1"):
        known_names(bad)


def mention(text: str, label: str, field: EntityField, mention_id: str) -> Entity:
    return Entity(text, label, 0, len(text), field, mention=mention_id)


def test_each_mention_votes_once() -> None:
    """Two French mentions carried into their translations (4 entities, 2 mentions) against
    three English mentions: the three win. Counting copies, LOC would win 4 to 3."""
    records = [
        Record(f"fr{i}", f"fr{i}", "<memory>", i, "Zelbo", lang="fr",
               translation=Translation("Zelbo", "en", "apertium"),
               entities=[mention("Zelbo", "LOC", "text", "m0"),
                         mention("Zelbo", "LOC", "translation", "m0")])
        for i in range(2)
    ] + [
        Record(f"en{i}", f"en{i}", "<memory>", i, "Zelbo", lang="en",
               entities=[mention("Zelbo", "PERSON", "text", "m0")])
        for i in range(3)
    ]  # fmt: skip
    linker = Linker()
    for record in records:
        linker.observe(record)
    linker.resolve()
    labels = {e.label for r in records for e in linker.apply(r).entities}
    assert labels == {"PERSON"}


@pytest.mark.parametrize(
    ("lang", "text", "name", "label"),
    [
        (
            "fr",
            "Elle lisait chaque semaine la revue Brindlewick Herald.",
            "Brindlewick Herald",
            "ORG",
        ),
        ("fr", "Le lendemain, l'actrice Tarvena Olq arriva à Lyon.", "Tarvena Olq", "PERSON"),
        ("en", "Last year the band Quillomatic toured Norway.", "Quillomatic", "ORG"),
        ("en", "We met the actress Tarvena Olq in the lobby.", "Tarvena Olq", "PERSON"),
    ],
)
def test_a_role_noun_before_a_name_types_it(lang: str, text: str, name: str, label: str) -> None:
    record = Record(id="r", doc_id="d", source="s", seq=0, text=text, lang=lang)
    record.entities = [Entity(name, "MISC", text.index(name), text.index(name) + len(name))]
    (out,) = Extract(fields=["text"])([record])
    found = {e.text: e.label for e in out.entities}
    assert found.get(name) == label, found


CUED = [(lang, word, label) for lang in ("en", "fr") for word, label in sorted(cues(lang).items())]


@pytest.mark.parametrize(("lang", "word", "label"), CUED)
def test_a_role_noun_types_its_complement_not_an_apposition(
    lang: str, word: str, label: str
) -> None:
    """Every cue word of every language, before a made-up name: right before it (blanks
    only) it types the name; with a comma, semicolon or colon between, the name is an
    apposition or a list item ("secretary of state, X"), and the noun says nothing of it."""
    name = "Zorvaketh Quill"
    for glue in (" ", "  ", "\u00a0"):
        text = f"Hier {word}{glue}{name} arriva."
        assert cue_before(text, text.index(name), lang) == label, text
    for mark in (",", ";", ":", " ,", " :"):
        for space in (" ", "  ", "\u00a0"):
            text = f"Hier {word}{mark}{space}{name} arriva."
            assert cue_before(text, text.index(name), lang) is None, text


def test_the_samples_need_no_knowledge_base(seed_run: Path) -> None:
    """Names a French model misreads (a département, a magazine as MISC) are labelled from
    the corpus's own evidence: the English reviews, the translations, the role nouns."""
    rows = {r["canonical"]: r for r in read_jsonl(seed_run / "entities.jsonl")}
    assert rows["Cher"]["label"] == "PERSON" and rows["Cher"]["mentions"] >= 10
    assert rows["The Hollywood Reporter"]["label"] == "ORG"
    assert not any(r["entity_id"].startswith("kb:") for r in rows.values())
