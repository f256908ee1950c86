"""A record that fails keeps the id and document it gives (issue #29, F17): whatever makes its
text unusable (a number, a list, an object, a boolean, null, a blank or missing text, a number
too long for a double), in every JSON reader (.jsonl, .json) and Parquet, `errors.jsonl`
names it by the id the user wrote, as the record would have been named. On main every such
failure was `FILE:LN`, its own id in no output."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

BAD_TEXTS = {
    "number": "5", "float": "2.5", "list": '["a"]', "object": '{"a": "b"}', "true": "true",
    "null": "null", "blank": '"  "', "empty": '""', "missing": None, "huge": "1e400",
}  # fmt: skip
IDS = {"string": '"r-7"', "int": "7", "float": "7.0", "bool": "false", "dotted": '"a.b"'}


def line(text: str | None, given: str, doc: str | None) -> str:
    fields = [f'"id": {given}']
    fields += [f'"doc_id": {doc}'] if doc else []
    fields += [f'"text": {text}'] if text is not None else ['"body": "no text field"']
    return "{" + ", ".join(fields) + "}"


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_every_failed_object_keeps_its_given_id_and_document(tmp_path: Path, suffix: str) -> None:
    cases = list(itertools.product(BAD_TEXTS.values(), IDS.values(), [None, '"doc-9"']))
    objects = [line(text, given, doc) for text, given, doc in cases]
    objects.append('{"id": "good", "text": "A good record between the failed ones."}')
    path = tmp_path / f"f{suffix}"
    body = "\n".join(objects) if suffix == ".jsonl" else "[" + ",\n".join(objects) + "]"
    path.write_text(body + "\n", encoding="utf-8")
    records = list(Reader()([path]))
    assert len(records) == len(objects)
    for record, (_, given, doc) in zip(records, cases, strict=False):
        assert record.error is not None and record.error.code == "E005", record
        expected = json.loads(given)
        written = given if not isinstance(expected, str) else expected  # the JSON text
        assert record.id == written
        assert record.doc_id == (json.loads(doc) if doc else written)
        assert record.location is not None and record.location.byte is not None
    assert records[-1].error is None and records[-1].id == "good"


def test_a_failed_object_without_an_id_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text('{"text": 5}\n{"id": null, "text": []}\n', encoding="utf-8")
    assert [r.id for r in Reader()([path])] == ["f:L1", "f:L2"]


def test_a_failed_parquet_row_keeps_its_given_id(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": ["p1", "p2", "p3"], "doc_id": ["d", "d", None],
                      "text": ["A fine row of text.", None, "  "]})  # fmt: skip
    pq.write_table(table, tmp_path / "rows.parquet")
    records = list(Reader()([tmp_path / "rows.parquet"]))
    assert [(r.id, r.doc_id, r.error.code if r.error else None) for r in records] == [
        ("p1", "d", None), ("p2", "d", "E005"), ("p3", "p3", "E005"),
    ]  # fmt: skip
