"""Compressed data on standard input is read as what it holds (hostile42 H8).

`gzip -c x.jsonl | pipeline run -` was one E002 "binary file (NUL bytes)" and exit 1: the
sniffer looked at the compressed bytes. Every codec (gzip, bzip2, xz, zstd) x every format
the content shows, in process; a pipe named `x.jsonl.gz`; a text opening with a codec's
letters stays text; and one run of the command line.
"""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import json
import lzma
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io.readers import Reader, readable_suffixes
from pipeline.io.stdin import remove_spools, spool, spool_pipe

CODECS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".bz2": bz2.compress,
    ".xz": lzma.compress,
    ".zst": lambda b: zstandard.ZstdCompressor(write_checksum=True).compress(b),
}
TEXTS = ["A first review of the quiet film.", "A second review, of the harbour."]
CONTENTS = {
    "jsonl": "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)),
    "json": json.dumps([{"id": f"r{i}", "text": t} for i, t in enumerate(TEXTS)], indent=2),
    "txt": "\n\n".join(TEXTS) + "\n",
}


def texts(path: Path) -> list[str]:
    return [r.text for r in Reader()([path]) if r.active]  # type: ignore[list-item]


@pytest.mark.parametrize(("codec", "kind"), list(itertools.product(sorted(CODECS), CONTENTS)))
def test_compressed_standard_input_is_read_as_its_content(codec: str, kind: str) -> None:
    data = CODECS[codec](CONTENTS[kind].encode())
    try:
        path = spool(io.BytesIO(data))
        assert path.name == f"stdin.{kind}{codec}"
        records = list(Reader()([path]))
    finally:
        remove_spools()
    assert [r.text for r in records if r.active] == TEXTS
    assert not [r for r in records if r.error is not None]


@pytest.mark.parametrize("opening", ["BZh9 is a text", "\x1f\x8b is no text either"])
def test_a_text_opening_with_a_codecs_letters_is_text(opening: str) -> None:
    try:
        path = spool(io.BytesIO((opening + "\n\nMore prose here.\n").encode()))
    finally:
        remove_spools()
    assert path.suffix == ".txt"


def test_a_compressed_pipe_named_as_an_input_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl.gz"
    os.mkfifo(fifo)
    writer = threading.Thread(
        target=fifo.write_bytes, args=(gzip.compress(CONTENTS["jsonl"].encode()),)
    )
    writer.start()
    try:
        path = spool_pipe(fifo, readable_suffixes())
        writer.join()
        assert path.name == "feed.jsonl.gz"
        assert texts(path) == TEXTS
    finally:
        remove_spools()


def test_gzip_on_standard_input_through_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    data = gzip.compress(CONTENTS["jsonl"].encode())
    result = CliRunner().invoke(
        app,
        ["run", "-", "-o", str(out), "-t", "none", "-q", "--no-report", "--lang-engine", "lexicon"],
        input=data,
    )
    assert result.exit_code == 0, result.output
    corpus = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    assert [(r["id"], r["text"]) for r in corpus] == [(f"r{i}", t) for i, t in enumerate(TEXTS)]
    assert (out / "errors.jsonl").read_text() == ""
