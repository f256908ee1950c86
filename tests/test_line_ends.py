"""Every line-end convention reads alike, in every line format and compression: LF, CRLF and
a bare CR (classic Mac OS, spreadsheet exports) give the same records, however large the file
(a CR-only file was one line: JSONL failed whole, text became one record, a large one E009)."""

from __future__ import annotations

import bz2
import gzip
import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

ROWS = [f"Review number {i} says the harbour scenes are slow but honest." for i in range(40)]


def content(kind: str) -> str:
    if kind == "jsonl":
        return "\n".join(json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(ROWS))
    if kind in ("csv", "tsv"):
        sep = "," if kind == "csv" else "\t"
        return "\n".join([f"id{sep}text", *(f"r{i}{sep}{t}" for i, t in enumerate(ROWS))])
    if kind == "md":
        return "\n\n".join(f"Paragraph {t}" for t in ROWS)
    return "\n\n".join(ROWS)  # txt


def read(path: Path, max_chars: int) -> list[tuple[str, str | None]]:
    return [
        (r.text, r.error.code if r.error else None) for r in Reader(max_chars=max_chars)([path])
    ]


@pytest.mark.parametrize("packed", ["", ".gz", ".bz2"])
@pytest.mark.parametrize("end", ["\r\n", "\r"])
@pytest.mark.parametrize("kind", ["txt", "md", "jsonl", "csv", "tsv"])
@pytest.mark.parametrize("max_chars", [100_000, 300])  # 300: the file is over the line limit
def test_every_line_end_reads_as_lf(
    tmp_path: Path, kind: str, end: str, packed: str, max_chars: int
) -> None:
    text = content(kind)
    opener = {"": Path.write_bytes, ".gz": None, ".bz2": None}[packed]
    reference = tmp_path / f"lf.{kind}"
    reference.write_bytes(text.encode())
    other = tmp_path / f"other.{kind}{packed}"
    data = text.replace("\n", end).encode()
    if packed == ".gz":
        other.write_bytes(gzip.compress(data))
    elif packed == ".bz2":
        other.write_bytes(bz2.compress(data))
    else:
        assert opener is not None
        opener(other, data)
    expected = read(reference, max_chars)
    assert len(expected) >= 40 and all(code is None for _, code in expected)
    assert read(other, max_chars) == expected
