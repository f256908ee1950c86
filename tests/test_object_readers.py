"""JSONL and Parquet inputs read exactly, by class: a record's length is counted in
characters whatever its bytes, every JSON scalar id is used as written, and Parquet text
stored as bytes is text."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

LIMIT = 300
# Characters by how many bytes JSON may spend on each: ASCII, escapes, BMP, astral (a pair).
ALPHABETS = {
    "ascii": st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    "escaped": st.sampled_from(list('"\\\b\f\n\r\t\x01\x1f')),
    "bmp": st.characters(min_codepoint=0x80, max_codepoint=0xFFFF, exclude_categories=["Cs"]),
    "astral": st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF),
}


def read_jsonl(tmp_path: Path, lines: list[str], **options: object) -> list:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(Reader(**options)([path]))  # type: ignore[arg-type]


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kinds=st.lists(st.sampled_from(sorted(ALPHABETS)), min_size=1, max_size=4),
    ascii_only=st.booleans(),
    extra=st.integers(0, 3 * LIMIT),
    data=st.data(),
)
def test_a_record_is_measured_in_characters_whatever_its_json_bytes(
    tmp_path: Path, kinds: list[str], ascii_only: bool, extra: int, data: st.DataObject
) -> None:
    """A text of at most `max_chars` characters is read, however JSON spells it (`\\uXXXX`
    escapes: 6 bytes a character, 12 for a surrogate pair) and whatever other fields the
    object holds; one character more fails with E009, never as an unread line."""
    alphabet = st.one_of(*(ALPHABETS[k] for k in kinds))
    drawn = "x" + data.draw(st.text(alphabet, min_size=LIMIT - 1, max_size=LIMIT - 1))
    text = unicodedata.normalize("NFC", drawn)[:LIMIT]  # NFC may lengthen a text
    assume(unicodedata.normalize("NFC", text) == text)
    over = text + "y" * (LIMIT + 1 - len(text))
    lines = [
        json.dumps({"id": "fits", "text": text, "note": "n" * extra}, ensure_ascii=ascii_only),
        json.dumps({"id": "over", "text": over, "note": "n" * extra}, ensure_ascii=ascii_only),
    ]
    fits, too_long = read_jsonl(tmp_path, lines, max_chars=LIMIT)
    assert fits.id == "fits" and fits.error is None and fits.text == text
    assert too_long.id == "over" and too_long.error is not None
    assert too_long.error.code == "E009" and f"{len(over):,} characters" in too_long.error.message


SCALARS = [
    ("17", "17"), ("-3", "-3"), ("0", "0"), ("1.5", "1.5"), ("1e2", "1e2"), ("2.50", "2.50"),
    ("true", "true"), ("false", "false"), ('"a"', "a"), ('" b "', " b "),  # as written
]  # fmt: skip


@pytest.mark.parametrize("field", ["id", "doc_id"])
@pytest.mark.parametrize(("literal", "expected"), SCALARS)
def test_every_json_scalar_id_is_used_as_written(
    tmp_path: Path, field: str, literal: str, expected: str
) -> None:
    """`id` and `doc_id` alike: a number or boolean is used as its JSON literal (a string),
    not kept in meta while the record gets another document."""
    lines = [f'{{"{field}": {literal}, "text": "One line of prose."}}']
    (record,) = read_jsonl(tmp_path, lines)
    assert record.error is None
    assert (record.id if field == "id" else record.doc_id) == expected
    if field == "doc_id":
        assert "doc_id" not in record.meta or literal.startswith('" ')


def test_a_null_or_structured_id_is_not_an_id(tmp_path: Path) -> None:
    lines = [
        '{"id": null, "doc_id": null, "text": "First."}',
        '{"id": [1], "doc_id": {"a": 1}, "text": "Second."}',
    ]
    first, second = read_jsonl(tmp_path, lines)
    assert (first.id, first.doc_id) == ("in:1", "in:1")
    assert (second.id, second.doc_id) == ("in:2", "in:2")
    assert second.meta["id"] == [1] and second.meta["doc_id"] == {"a": 1}


ENCODED = {
    "utf-8": "Une phrase accentuée : été, garçon, œuvre.",
    "cp1252": "Une phrase accentuée : été, garçon, œuvre, déjà vu à l'écran.",
    "cp1250": "Zażółć gęślą jaźń, powiedział reżyser o swoim filmie.",
    "cp1251": "Режиссёр снял фильм о море и о людях.",
}


@pytest.mark.parametrize("binary", ["binary", "large_binary"])
@pytest.mark.parametrize("encoding", sorted(ENCODED))
def test_parquet_binary_columns_are_text(tmp_path: Path, binary: str, encoding: str) -> None:
    """BINARY without a UTF-8 annotation (Hive, Impala, older Spark): the text, not
    Python's `b'...'`; bytes that are not UTF-8 are decoded in the encoding they are in,
    with a warning."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    kind = getattr(pa, binary)()
    texts = [ENCODED[encoding], ENCODED[encoding].upper(), ENCODED[encoding][::-1]]
    table = pa.table({
        "id": pa.array([t.encode(encoding)[:0] + f"r{i}".encode() for i, t in enumerate(texts)], kind),
        "text": pa.array([t.encode(encoding) for t in texts], kind),
        "tag": pa.array([b"abc", None, b"d\xc3\xa9j\xc3\xa0"], kind),
    })  # fmt: skip
    pq.write_table(table, tmp_path / "rows.parquet")
    warnings: list[dict] = []
    records = list(Reader()([tmp_path / "rows.parquet"], warnings.append))
    assert [r.text for r in records] == texts
    assert [r.id for r in records] == ["r0", "r1", "r2"]
    assert records[0].meta["tag"] == "abc" and records[2].meta["tag"] == "déjà"
    assert bool(warnings) == (encoding != "utf-8")


def test_parquet_binary_encoding_is_decided_from_the_whole_column(tmp_path: Path) -> None:
    """A column whose first thousands of values are ASCII and whose legacy text comes later is
    decided on that text (one short value in the first batch read it as Big5); bytes in lists
    and structs are text too; a repeated column name is kept as NAME.1."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    later = ["Режиссёр снял фильм о море и о людях, которые там живут.", "Да"] * 1000
    texts = ["ok"] * 1023 + ["Да"] + later
    n = len(texts)
    table = pa.Table.from_arrays(
        [
            pa.array([f"r{i}" for i in range(n)]),
            pa.array([t.encode("cp1251") for t in texts], pa.binary()),
            pa.array([[b"caf\xc3\xa9"]] * n, pa.list_(pa.binary())),
            pa.array(["x"] * n),
        ],
        names=["id", "text", "tags", "text"],
    )
    pq.write_table(table, tmp_path / "rows.parquet")
    warnings: list[dict] = []
    records = list(Reader()([tmp_path / "rows.parquet"], warnings.append))
    assert [r.text for r in records] == texts
    assert records[-1].meta["tags"] == ["café"] and records[-1].meta["text.1"] == "x"
    assert any(w["code"] == "W007" for w in warnings)
