"""A truncated archive keeps every record ended before the break, in every line format
(issue #29): the reader gives the records of what it holds (the paragraph being read, a
Markdown group) before it reports the break (E001, at the line after the last one read). A
truncated `.md.gz` lost its whole page, a `.txt.gz` its last complete paragraph."""

from __future__ import annotations

import bz2
import gzip
import itertools
import json
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from pipeline.io.readers import Reader

COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".xz": lzma.compress,
    ".bz2": bz2.compress,
    ".zst": lambda b: zstandard.ZstdCompressor().compress(b),
}


def held(suffix: str, cut: bytes) -> bytes:
    """What a streaming decompressor gets out of the cut archive."""
    if suffix == ".gz":
        return zlib.decompressobj(31).decompress(cut)
    if suffix == ".xz":
        return lzma.LZMADecompressor().decompress(cut)
    if suffix == ".bz2":
        try:
            return bz2.BZ2Decompressor().decompress(cut)
        except (OSError, EOFError):
            return b""
    return zstandard.ZstdDecompressor().decompressobj().decompress(cut)


def texts(n: int) -> list[str]:
    return [f"Paragraph {i} about a lantern in the orchard at dusk." for i in range(n)]


def body(fmt: str, items: list[str]) -> bytes:
    if fmt == ".jsonl":
        return "".join(
            json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(items)
        ).encode()
    return ("\n\n".join(items) + "\n").encode()


@pytest.mark.parametrize(
    ("fmt", "suffix", "cut"),
    list(itertools.product([".txt", ".md", ".jsonl"], sorted(COMPRESS), [4, 0.1, 0.5])),
)
def test_every_record_ended_before_the_break_is_read(
    tmp_path: Path, fmt: str, suffix: str, cut: float
) -> None:
    items = texts(3000)
    data = COMPRESS[suffix](body(fmt, items))
    lose = int(cut) if cut >= 1 else int(len(data) * cut)
    cut_data = data[:-lose]
    path = tmp_path / f"cut{fmt}{suffix}"
    path.write_bytes(cut_data)
    prefix = held(suffix, cut_data).decode("utf-8", "replace")
    ended = [t for t in items if (t + "\n\n" in prefix or t + '"}\n' in prefix)]
    records = list(Reader()([path]))
    read = {r.text for r in records if r.error is None}
    assert all(t in read for t in ended)
    errors = [r for r in records if r.error is not None]
    assert [r.error.code for r in errors] == ["E001"]
    assert errors[0].location.line is not None
