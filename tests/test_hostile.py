"""Nothing lost: a directory of hostile inputs runs to completion with balanced accounting,
one error per bad line pointing at its line, and warnings for what was repaired."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import Pipeline
from pipeline.run.pipeline import default_stages
from tests.conftest import read_jsonl

LONG_FRENCH = " ".join(
    f"Le réalisateur Peter Bogdanovich tourna la scène numéro {i} avec Cher à Los Angeles."
    for i in range(330)
)
JSONL_LINES = [
    json.dumps(
        {"id": 42, "text": "Un film numérique avec un identifiant numérique, tourné à Paris."}
    ),  # 1
    '{"id": "broken", "text": "no closing brace"',  # 2 invalid JSON
    json.dumps([1, 2, 3]),  # 3 not an object
    json.dumps({"id": "no-text"}),  # 4 missing text
    json.dumps({"text": ""}),  # 5 empty text
    json.dumps({"text": "   \t "}),  # 6 whitespace text
    json.dumps({"text": 7}),  # 7 non-string text
    json.dumps({"id": "dup", "text": "The first record with this id."}),  # 8
    "",  # 9 blank line
    json.dumps({"id": "dup", "text": "The second record with the same id."}),  # 10 duplicate id
    json.dumps({"text": "🎬🍿🎥"}),  # 11 emoji only
    json.dumps({"text": "!!! ??? ***"}),  # 12 symbols only
    "[" * 100_000 + "]" * 100_000,  # 13 nested too deeply for the JSON parser
    json.dumps({"id": "long", "text": LONG_FRENCH}),  # 14 a 28,000-character text
    json.dumps({"id": True, "text": "A boolean id, as written."}),  # 15 (no newline at the end)
]
BAD_JSONL_LINES = {2: "E003", 3: "E004", 4: "E005", 5: "E005", 6: "E005", 7: "E005", 13: "E003"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    (root / "records.jsonl").write_text("\n".join(JSONL_LINES), encoding="utf-8")
    (root / "bom_crlf.txt").write_bytes(
        b"\xef\xbb\xbfThe Title\r\n\r\nReviews\r\nalice It was a wonderful film about a family.\r\n"
    )
    (root / "bad_utf8.txt").write_bytes(
        b"Un caf\xc3\xa9 tr\xe8s noir, s'il vous pla\xc3\xaet, avec un croissant.\n"
    )
    (root / "binary.txt").write_bytes(b"\x00\x01\x02 not text at all \x00")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "empty.txt").write_bytes(b"")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    return root


@pytest.fixture(scope="module")
def hostile_run(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile_out")
    Pipeline(stages=default_stages(cache=None)).run([hostile], out)
    return out


def by_source(entries: list[dict[str, Any]], source: str) -> list[dict[str, Any]]:
    return [e for e in entries if e["source"] == source]


def test_accounting_balances(hostile_run: Path) -> None:
    counts = json.loads((hostile_run / "run.json").read_text())["counts"]
    assert counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    corpus = read_jsonl(hostile_run / "corpus.jsonl")
    errors = read_jsonl(hostile_run / "errors.jsonl")
    assert (counts["written"], counts["failed"]) == (len(corpus), len(errors))
    assert counts["warnings"] == {"W001": 1, "W002": 1, "W015": 1}  # W015: empty.txt


def test_one_error_per_bad_line_pointing_at_it(hostile_run: Path) -> None:
    errors = read_jsonl(hostile_run / "errors.jsonl")
    jsonl = by_source(errors, "records.jsonl")
    assert {e["line"]: e["code"] for e in jsonl} == BAD_JSONL_LINES
    assert all(e["stage"] == "read" and e["byte"] is not None and e["message"] for e in jsonl)
    files = {e["source"]: e["code"] for e in errors if e["line"] is None}
    assert files == {"binary.txt": "E002", "image.png": "E006", "gone.txt": "E001"}


def test_good_lines_around_bad_ones_are_kept(hostile_run: Path) -> None:
    corpus = {r["id"]: r for r in read_jsonl(hostile_run / "corpus.jsonl")}
    assert corpus["42"]["lang"] == "fr"
    assert corpus["dup"]["text"].startswith("The first") and corpus["dup~2"]["text"].startswith(
        "The second"
    )
    assert corpus["true"]["text"] == "A boolean id, as written."  # last line, no newline: a
    # JSON scalar id is used as written
    emoji = next(r for r in corpus.values() if r["text"] == "🎬🍿🎥")
    assert (emoji["lang"], emoji["entities"], emoji["translation"]) == ("und", [], None)
    title = next(
        r for r in corpus.values() if r["source"] == "bom_crlf.txt" and r["meta"]["kind"] == "title"
    )
    assert title["text"] == "The Title"
    review = next(r for r in corpus.values() if r["meta"].get("kind") == "review")
    assert review["text"].startswith("alice ") and not review["text"].endswith("\r")


def test_repairs_are_reported_as_warnings(hostile_run: Path) -> None:
    warnings = {w["code"]: w for w in read_jsonl(hostile_run / "warnings.jsonl")}
    assert warnings["W001"]["source"] == "bad_utf8.txt" and warnings["W001"]["byte"] == 11
    assert warnings["W002"]["id"] == "dup~2"
    corpus = read_jsonl(hostile_run / "corpus.jsonl")
    assert any("tr\ufffds" in r["text"] for r in corpus)


def test_long_text_is_translated_and_read_in_pieces_with_exact_offsets(hostile_run: Path) -> None:
    (long,) = [r for r in read_jsonl(hostile_run / "corpus.jsonl") if r["id"] == "long"]
    assert len(long["text"]) > 20_000 and long["translation"]["text"].count("Bogdanovich") == 330
    for e in long["entities"]:
        source = long["text"] if e["field"] == "text" else long["translation"]["text"]
        assert source[e["start"] : e["end"]] == e["text"]
    late = [e for e in long["entities"] if e["field"] == "text" and e["start"] > 20_000]
    assert late, "entities past the first piece are found and shifted"
