"""A key repeated in one JSON object is read as every JSON parser users know reads it (Python's
`json`, JavaScript, jq): its last value is the key's, in every JSON reader (.jsonl, .json,
standard input, a Markdown page's JSON front matter), with a W014 warning naming the key and
locating the object (line, byte); the earlier values stay in `meta` as `KEY.1`, `KEY.2`. On
main the first value was the key's: `{"text": "a", "text": "b"}` read `a`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from pipeline.io.stdin import spool

# objects whose keys repeat: the text, the id, the doc_id, a key under another, three times,
# beside a key already named like the renamed one
OBJECTS = [
    '{"id": "r1", "text": "First value of the text.", "text": "Last value of the text."}',
    '{"id": "old", "text": "A text whose id repeats.", "id": "new"}',
    '{"doc_id": "d1", "id": "r3", "text": "A text whose document repeats.", "doc_id": "d2"}',
    '{"id": "r4", "text": "Nested.", "m": {"k": 1, "k": 2}}',
    '{"id": "r5", "text": "One.", "text": "Two.", "text": "Three times written."}',
    '{"id": "r6", "text": "Early.", "text.1": "taken", "text": "Late text."}',
]
SHAPES = {
    "jsonl": lambda objs: ("x.jsonl", "\n".join(objs) + "\n"),
    "json array": lambda objs: ("x.json", "[\n" + ",\n".join(objs) + "\n]\n"),
    "json one line": lambda objs: ("x.json", "[" + ", ".join(objs) + "]"),
    "stdin jsonl": lambda objs: ("-", "\n".join(objs) + "\n"),
    "stdin json": lambda objs: ("-", "[\n" + ",\n".join(objs) + "\n]\n"),
}


def read(tmp_path: Path, shape: str) -> tuple[list, list[dict]]:
    name, content = SHAPES[shape](OBJECTS)
    if name == "-":
        path = spool(io.BytesIO(content.encode("utf-8")))
    else:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
    warnings: list[dict] = []
    return list(Reader()([path], warnings.append)), warnings


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_last_value_of_a_repeated_key_is_read_and_the_key_named(
    tmp_path: Path, shape: str
) -> None:
    records, warnings = read(tmp_path, shape)
    assert len(records) == len(OBJECTS) and all(r.error is None for r in records)
    for record, written in zip(records, OBJECTS, strict=True):
        expected = json.loads(written)  # the oracle: what Python's json (last value) reads
        assert record.text == expected["text"]
        assert record.id == expected["id"]
        assert record.doc_id == expected.get("doc_id", expected["id"])
        if "m" in expected:
            assert record.meta["m"]["k"] == expected["m"]["k"]
    repeated = [w for w in warnings if w["code"] == "W014"]
    keys = sorted(w["message"].split("'")[1] for w in repeated)
    assert keys == sorted(["text", "id", "doc_id", "m.k", "text", "text", "text"])
    located = {(r.location.line, r.location.byte) for r in records if r.location}
    assert {(w["line"], w["byte"]) for w in repeated} <= located  # the object's own place
    assert all(w["byte"] is not None for w in repeated)
    # nothing lost: the earlier values are in meta, in the order written
    assert records[0].meta["text.1"] == "First value of the text."
    assert records[1].meta["id.1"] == "old"
    assert records[4].meta["text.1"] == "One." and records[4].meta["text.2"] == "Two."
    assert records[5].meta["text.1"] == "taken" and records[5].meta["text.2"] == "Early."


def test_json_front_matter_reads_the_last_title_and_names_the_key(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(
        '{\n  "title": "First title",\n  "title": "Last title"\n}\n\nThe body of the page.\n',
        encoding="utf-8",
    )
    warnings: list[dict] = []
    records = list(Reader()([page], warnings.append))
    assert [r.text for r in records if r.meta.get("kind") == "title"] == ["Last title"]
    assert [(w["code"], w["line"], w["byte"]) for w in warnings] == [("W014", 3, 28)]
    assert "'title'" in warnings[0]["message"]
