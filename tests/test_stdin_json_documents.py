"""JSON and JSON Lines on standard input read as the same bytes in a `.json` / `.jsonl` file
are: a compact one-line wrapper (`{"data": [...]}`, `{"meta": ..., "items": [...]}`, nested
`data.rows`) or a one-line array is one JSON document, not one JSON Lines record (it was one
E005 whose text was the whole input); RFC 7464 sequences, pretty or not, are JSON, not text
pages of their syntax. Generated: every shape x size (one record, a few, past the head that
sniffs) x UTF (with and without a BOM, UTF-16/32), and compressed. Text generated here."""

from __future__ import annotations

import gzip
import io
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from pipeline.io.stdin import remove_spools, spool

Rows = list[dict[str, str]]


def rows(n: int) -> Rows:
    return [
        {"id": f"r{i}", "text": f"Review {i} of the quiet film, [seen] {{twice}}."}
        for i in range(n)
    ]


def lines(rs: Rows, prefix: str = "", end: str = "\n", indent: int | None = None) -> str:
    return "".join(prefix + json.dumps(r, indent=indent) + end for r in rs)


# each shape: (the content, the suffix a file of it has)
SHAPES: dict[str, Callable[[Rows], tuple[str, str]]] = {
    "wrapper": lambda rs: (json.dumps({"data": rs}) + "\n", "json"),
    "wrapper, no line end": lambda rs: (json.dumps({"data": rs}), "json"),
    "wrapper in blank lines": lambda rs: ("\n\n" + json.dumps({"data": rs}) + "\r\n\n", "json"),
    "wrapper with meta": lambda rs: (json.dumps({"meta": {"v": 1}, "items": rs}) + "\n", "json"),
    "nested wrapper": lambda rs: (json.dumps({"v": 1, "data": {"rows": rs}}) + "\n", "json"),
    "pretty wrapper": lambda rs: (json.dumps({"data": rs}, indent=2), "json"),
    "array": lambda rs: (json.dumps(rs) + "\n", "json"),
    "pretty array": lambda rs: (json.dumps(rs, indent=2), "json"),
    "one object a line": lambda rs: (lines(rs), "jsonl"),
    "CRLF lines": lambda rs: (lines(rs, end="\r\n"), "jsonl"),
    "pretty objects": lambda rs: (lines(rs, indent=2), "json"),
    "RFC 7464": lambda rs: (lines(rs, "\x1e"), "jsonl"),
    "RFC 7464 pretty": lambda rs: (lines(rs, "\x1e", indent=2), "json"),
    "RFC 7464 wrapper": lambda rs: ("\x1e" + json.dumps({"data": rs}) + "\n", "json"),
}
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32"]
LONG = 1500  # records: a compact wrapper's one line is longer than the head that sniffs
ONE_LINE = ["wrapper", "wrapper in blank lines", "nested wrapper", "array", "RFC 7464 wrapper"]
CASES = [(s, e, n) for s, e, n in itertools.product(SHAPES, ENCODINGS, [1, 3])]
CASES += [(s, e, LONG) for s, e in itertools.product(ONE_LINE, ["utf-8", "utf-16"])]
CASES += [("one object a line", "utf-8", LONG)]


def read(path: Path) -> list[tuple[str, str, str | None]]:
    return [(r.id, r.text, r.error.code if r.error else None) for r in Reader()([path])]


@pytest.fixture(autouse=True)
def _spools() -> object:
    yield
    remove_spools()


@pytest.mark.parametrize(("shape", "encoding", "size"), CASES)
def test_piped_json_reads_as_the_file_does(
    tmp_path: Path, shape: str, encoding: str, size: int
) -> None:
    text, suffix = SHAPES[shape](rows(size))
    data = text.encode(encoding)
    file = tmp_path / f"stdin.{suffix}"
    file.write_bytes(data)
    expected = read(file)
    assert [t for _, t, code in expected if code is None] == [r["text"] for r in rows(size)]
    assert read(spool(io.BytesIO(data))) == expected


@pytest.mark.parametrize("shape", ["wrapper", "one object a line"])
def test_compressed_piped_json_reads_as_the_file_does(tmp_path: Path, shape: str) -> None:
    text, suffix = SHAPES[shape](rows(LONG))
    spooled = spool(io.BytesIO(gzip.compress(text.encode())))
    assert spooled.name == f"stdin.{suffix}.gz"
    assert [t for _, t, _ in read(spooled)] == [r["text"] for r in rows(LONG)]


def test_a_record_alone_on_its_line_is_read_alike() -> None:
    """One object that is a record (or no record at all) reads the same either way."""
    for obj in ({"text": "A lone review of the film."}, {"id": "x", "text": "T."}, {"foo": 1}):
        data = (json.dumps(obj) + "\n").encode()
        got = read(spool(io.BytesIO(data)))
        assert len(got) == 1
        assert got[0][2] == (None if "text" in obj else "E005")
