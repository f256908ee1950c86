"""`--text-field a.b` / `--id-field meta.id`: a dotted name reaches into nested objects, as
datatrove adapters and pandas' `json_normalize` users name a field (issue #29, F17). The rule
(`readers.base.field_path`): a key that is the whole name first (a flat `a.b`, as
`json_normalize` writes it), then each dot from the left, so a key holding a dot is reached
without escaping. Oracle: the value `json_normalize` gives the name (its flat columns), for
every object of the table whose path `json_normalize` reads unambiguously. On main every
nested name failed E005 "missing"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.io.readers import Reader

# (text field, id field, object): the text is always "T …", the id "I …"
TABLE: list[tuple[str, str, dict[str, Any]]] = [
    ("a.b", "id", {"a": {"b": "T one level"}, "id": "I1"}),
    ("a.b.c", "id", {"a": {"b": {"c": "T two levels"}}, "id": "I2"}),
    ("a.b.c.d", "m.id", {"a": {"b": {"c": {"d": "T three"}}}, "m": {"id": "I3"}}),
    ("content.body", "meta.id", {"content": {"body": "T body", "lang": "en"}, "meta": {"id": 4}}),
    ("a.b", "id", {"a.b": "T flat key first", "a": {"b": "nested"}, "id": "I5"}),
    ("x.y.z", "id", {"x": {"y.z": "T key with a dot"}, "id": "I6"}),
    ("x.y.z", "id", {"x.y": {"z": "T flat key holding an object"}, "id": "I7"}),
    ("text", "meta.id", {"text": "T plain", "meta": {"id": True}}),
    ("a.b", "a.id", {"a": {"b": "T siblings", "id": "I9", "keep": 1}}),
]


def expected(text_field: str, id_field: str, obj: dict[str, Any]) -> tuple[str, str]:
    """What `json_normalize` reads under the names (a flat key wins over a nested one)."""
    pd = pytest.importorskip("pandas")
    flat = {**pd.json_normalize(obj).iloc[0].to_dict(), **{k: v for k, v in obj.items()}}
    given = flat[id_field]
    return flat[text_field], json.dumps(given) if not isinstance(given, str) else given


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_dotted_names_read_nested_fields(tmp_path: Path, suffix: str) -> None:
    for n, (text_field, id_field, obj) in enumerate(TABLE):
        path = tmp_path / f"t{n}{suffix}"
        path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
        (record,) = Reader(text_field=text_field, id_field=id_field)([path])
        assert record.error is None, (obj, record.error)
        assert (record.text, record.id) == expected(text_field, id_field, obj)


def test_the_value_used_leaves_its_object_in_meta(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    rows = [
        {"content": {"body": "Text of the first.", "lang": "en"}, "meta": {"id": "a"}},
        {"content": {"body": "Text of the second."}, "meta": {"id": "b", "src": "w"}},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    records = list(Reader(text_field="content.body", id_field="meta.id")([path]))
    assert [r.meta for r in records] == [
        {"content": {"lang": "en"}, "line": 1},
        {"meta": {"src": "w"}, "line": 2},
    ]
    assert rows[0]["content"] == {"body": "Text of the first.", "lang": "en"}  # not changed


def test_a_nested_field_in_a_parquet_struct(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"doc": [{"body": "A text in a struct.", "n": 1}], "key": [{"id": 12}]})
    pq.write_table(table, tmp_path / "s.parquet")
    (record,) = Reader(text_field="doc.body", id_field="key.id")([tmp_path / "s.parquet"])
    assert (record.text, record.id, record.error) == ("A text in a struct.", "12", None)
