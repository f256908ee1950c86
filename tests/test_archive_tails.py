"""Other bytes after an archive's last whole unit: every record of the units is written, the
last one too, and the E001 holds the tail only (hostile42 H4).

docs/archives.md: "other bytes after the last whole unit: all those of the whole units
before". The end of a whole, verified unit was taken for a possible cut: a `.txt`/`.md`
file's last paragraph (not followed by a blank line) became the E001's text, as if the cut
fell inside it; a `.jsonl`/`.csv` file's last line without its line end likewise. Every
format x codec x tail x final line end.
"""

from __future__ import annotations

import bz2
import gzip
import itertools
import json
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from pipeline.io import compression
from pipeline.io.readers import Reader

CODECS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda b: gzip.compress(b, mtime=0),
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda b: zstandard.ZstdCompressor(write_checksum=True).compress(b),
}
TAILS = {"one byte": b"x", "junk": b"\x01\x02 not a stream\n", "a zip header": b"PK\x03\x04junk"}
TEXTS = ["First paragraph of the file, a quiet one.", "Second paragraph of it, the last."]
FORMATS: dict[str, Callable[[str], str]] = {
    ".txt": lambda end: "\n\n".join(TEXTS) + end,
    ".md": lambda end: "# Title\n\n" + "\n\n".join(TEXTS) + end,
    ".jsonl": lambda end: (
        "\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(TEXTS)) + end
    ),
    ".csv": lambda end: "id,text\n" + "\n".join(f'{i},"{t}"' for i, t in enumerate(TEXTS)) + end,
}


@pytest.mark.parametrize(
    ("fmt", "codec", "tail", "end"),
    list(itertools.product(sorted(FORMATS), sorted(CODECS), sorted(TAILS), ["", "\n"])),
)
def test_the_last_record_of_a_whole_unit_is_written(
    tmp_path: Path, fmt: str, codec: str, tail: str, end: str
) -> None:
    content = FORMATS[fmt](end).encode()
    path = tmp_path / f"t{fmt}{codec}"
    path.write_bytes(CODECS[codec](content) + TAILS[tail])
    compression.verdict_of.cache_clear()
    records = list(Reader()([path]))  # type: ignore[list-item]
    written = [r.text for r in records if r.error is None and r.dropped is None]
    errors = [r for r in records if r.error is not None]
    assert written[-2:] == TEXTS, written
    assert [e.error.code for e in errors if e.error] == ["E001"] and records[-1] is errors[0]
    assert TEXTS[-1] not in errors[0].text
    assert f"{len(TAILS[tail])} byte(s)" in (errors[0].error.message if errors[0].error else "")
