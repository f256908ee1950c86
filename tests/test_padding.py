"""Padding (NUL or Ctrl-Z runs: a crashed writer, a preallocated log, files joined) is no text
and no sign of a binary file, by class (issue #29): every length, at the end, between lines
and at the start, in small and large files of each line format; every record is read, none
is made of padding, and each run cut is reported (W010)."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

PADS = ["\x00", "\x1a"]
LENGTHS = [1, 3, 64, 4096, 20000]
PLACES = ["end", "middle", "start"]
SIZES = {"small": 1, "large": 600}


def texts_of(n: int) -> list[str]:
    return [f"Entry {i} about a lantern by the harbor." for i in range(n)]


def body(fmt: str, texts: list[str]) -> list[str]:
    if fmt == ".jsonl":
        return [json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(texts)]
    return [line for t in texts for line in (t, "")][:-1]  # paragraphs: blank between


@pytest.mark.parametrize(
    ("fmt", "pad", "length", "place", "size"),
    list(itertools.product([".jsonl", ".txt", ".md"], PADS, LENGTHS, PLACES, sorted(SIZES))),
)
def test_padding_is_skipped_and_every_record_read(
    tmp_path: Path, fmt: str, pad: str, length: int, place: str, size: str
) -> None:
    texts = texts_of(SIZES[size])
    lines = body(fmt, texts)
    run = pad * length
    if place == "end":
        data = "\n".join(lines) + "\n" + run
    elif place == "start":
        data = run + "\n".join(lines) + "\n"
    else:
        half = (len(lines) + 1) // 2 if fmt == ".jsonl" else max(1, len(lines) // 2)
        half += half % 2 if fmt != ".jsonl" else 0  # between paragraphs
        data = "\n".join(lines[:half]) + "\n" + run + "\n" + "\n".join(lines[half:]) + "\n"
    path = tmp_path / f"padded{fmt}"
    path.write_bytes(data.encode("utf-8"))
    warnings: list[dict] = []
    records = list(Reader()([path], warnings.append))
    assert [r.error for r in records] == [None] * len(records)
    read = [r.text for r in records if r.dropped is None]
    assert read == texts
    assert not any(c in r.text for r in records for c in "\x00\x1a")
    assert any(w["code"] == "W010" for w in warnings)


@pytest.mark.parametrize("length", [1, 100, 9000])
def test_a_file_of_nothing_but_padding_is_binary(tmp_path: Path, length: int) -> None:
    path = tmp_path / "zeroed.txt"
    path.write_bytes(b"\x00" * length)
    (record,) = Reader()([path])
    assert record.error is not None and record.error.code == "E002"


@pytest.mark.parametrize("kind", ["png", "sqlite"])
def test_binary_data_is_still_binary(tmp_path: Path, kind: str) -> None:
    """Binary formats hold NULs inside their records, not only after a line end."""
    if kind == "png":
        data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
    else:
        data = b"SQLite format 3\x00" + random.Random(kind).randbytes(20000)
    path = tmp_path / "data.txt"
    path.write_bytes(data)
    (record,) = Reader()([path])
    assert record.error is not None and record.error.code == "E002"


def test_a_stray_nul_inside_a_line_is_taken_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(b"A line with a\x00stray byte in it.\n")
    warnings: list[dict] = []
    (record,) = Reader()([path], warnings.append)
    assert record.text == "A line with astray byte in it."
    assert [(w["code"], w["byte"]) for w in warnings] == [("W010", 13)]
