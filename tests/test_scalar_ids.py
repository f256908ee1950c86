"""Every JSON scalar an `id` or `doc_id` may be written as is used as written: the id is the
JSON text of the scalar (`true`, `1.0`, `1e3`, `-0`), never Python's (`True`, `1`, `1000.0`,
`0`); null, a blank string, a list or an object is no id (the record is then named by its
file and line, and the value kept in `meta`). Table-tested for both fields in .jsonl, .json,
standard input, a dict handed to a stage, and Parquet where a column type holds the kind
(issue #29, F17)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from pipeline.io.stdin import spool
from pipeline.record import Record

# the literal as written → the id it gives (None: no id given)
SCALARS = {
    '"r-1"': "r-1", '" padded "': " padded ", '"17"': "17", "17": "17", "-3": "-3",
    "1.0": "1.0", "2.50": "2.50", "1e3": "1e3", "1E3": "1E3", "1.5e-3": "1.5e-3", "-0": "-0",
    "-0.0": "-0.0", "0": "0", "true": "true", "false": "false",
    "123456789012345678901234567890": "123456789012345678901234567890",
    "1e400": "1e400", "0.1000000000000000055511151231257827": "0.1000000000000000055511151231257827",
    "null": None, '""': None, '"  "': None, "[1]": None, '{"a": 1}': None, "NaN": None,
}  # fmt: skip
FIELDS = ["id", "doc_id"]


def objects() -> list[tuple[str, str, str | None]]:
    return [(field, literal, given) for field in FIELDS for literal, given in SCALARS.items()]


def body(field: str, literal: str, n: int) -> str:
    other = '"id": "base", ' if field == "doc_id" else ""
    return "{" + other + f'"{field}": {literal}, "text": "Record number {n} of the table."' + "}"


def check(records: list[Record], name: str) -> None:
    cases = objects()
    assert len(records) == len(cases)
    for record, (field, literal, given) in zip(records, cases, strict=True):
        assert record.error is None, (literal, record.error)
        if field == "id":
            default = f"{name}:{record.meta['line']}"  # (no id: the file and line)
            assert record.id == (given if given is not None else default), literal
            assert record.doc_id == record.id
        else:
            assert record.id == "base"
            assert record.doc_id == (given if given is not None else "base"), literal
        if given is None or given != literal.strip('"'):  # not used as written: kept in meta
            assert field in record.meta or literal in ("null", "NaN"), (literal, record.meta)


@pytest.mark.parametrize("shape", ["jsonl", "json", "stdin"])
def test_every_scalar_id_is_its_json_text(tmp_path: Path, shape: str) -> None:
    lines = [body(field, literal, n) for n, (field, literal, _) in enumerate(objects())]
    if shape == "json":
        path = tmp_path / "t.json"
        path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
        records = list(Reader()([path]))
    elif shape == "stdin":
        path = spool(io.BytesIO(("\n".join(lines) + "\n").encode("utf-8")))
        records = list(Reader()([path]))
    else:
        path = tmp_path / "t.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        records = list(Reader()([path]))
    check(records, path.name.split(".")[0])


@pytest.mark.parametrize(("value", "given"), [
    (True, "true"), (False, "false"), (1, "1"), (1.0, "1.0"), (-0.0, "-0.0"), ("a", "a"),
    (None, None),
])  # fmt: skip
def test_a_dict_handed_to_a_stage_uses_the_json_text_of_its_id(value: object, given: str) -> None:
    record = Record.of({"id": value, "doc_id": value, "text": "A text."}, 4)
    assert (record.id, record.doc_id) == ((given, given) if given is not None else ("4", "4"))


def test_parquet_scalar_ids_are_their_json_text(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    columns = {
        "bool": (pa.array([True, False, None]), ["true", "false", None]),
        "int": (pa.array([1, -0, None], pa.int64()), ["1", "0", None]),
        "double": (pa.array([1.0, 1e3, None], pa.float64()), ["1.0", "1000.0", None]),
        "string": (pa.array(["a", "", None]), ["a", None, None]),
    }
    for kind, (values, expected) in columns.items():
        for field in FIELDS:
            data = {field: values, "text": pa.array(["One text.", "Two text.", "Three text."])}
            if field == "doc_id":
                data["id"] = pa.array(["x", "y", "z"])
            path = tmp_path / f"{kind}_{field}.parquet"
            pq.write_table(pa.table(data), path)
            records = list(Reader()([path]))
            got = [r.id if field == "id" else r.doc_id for r in records]
            stem = path.name.removesuffix(".parquet")
            fallback = [f"{stem}:{n}" if field == "id" else "xyz"[n - 1] for n in (1, 2, 3)]
            pairs = zip(expected, fallback, strict=True)
            assert got == [e if e is not None else f for e, f in pairs], (kind, field)
