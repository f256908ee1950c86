"""Memory is bounded by --max-chars for every reader, compressed or not: a line, a paragraph or
a page too large to be a record is skipped without being held (E009)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
import zstandard

MiB = 1 << 20
PEAK_LIMIT_MB = 300


def fill(f: IO[bytes], head: bytes, body: bytes, size: int, tail: bytes) -> None:
    f.write(head)
    chunk = body * (MiB // len(body))
    for _ in range(size // len(chunk)):
        f.write(chunk)
    f.write(tail)


def zst(path: Path) -> IO[bytes]:
    return zstandard.ZstdCompressor(level=1).stream_writer(path.open("wb"))  # type: ignore[return-value]


def gz(path: Path) -> IO[bytes]:
    return gzip.open(path, "wb", compresslevel=1)


BOMBS: dict[str, tuple[Callable[[Path], IO[bytes]], bytes, bytes, int, bytes]] = {
    # name: (opener, head, repeated body, bytes, tail)
    "one.jsonl.zst": (zst, b'{"text": "', b"a", 1024 * MiB, b'"}\n{"text": "After the bomb."}\n'),
    "one.txt.gz": (gz, b"", b"word ", 128 * MiB, b"\n\nAfter the bomb, a sentence.\n"),
    # (64 MiB: 1.7 million wrapped lines, joined pair by pair; held, they pass the limit)
    "wrapped.txt.zst": (zst, b"", b"a long line without an end of sentence\n", 64 * MiB, b""),
    "table.csv.zst": (zst, b'text,n\n"', b"a", 128 * MiB, b'",1\nAfter the bomb.,2\n'),
    # a closed cell of 700,000 lines that each look like a row: followed to its quote, the
    # lines past 65,536 spooled (it was 1.1 million lines held, then a record per line)
    "cell.csv.zst": (zst, b'text,n\n"', b"inner row,1\n", 8 * MiB, b'",1\nAfter the bomb.,2\n'),
    "page.html.zst": (zst, b"<html><body><p>", b"<b>x</b>", 32 * MiB, b"</p></body></html>\n"),
    # one list of 2.4 million items: one top-level block, followed to its end (the reader cuts a
    # Markdown file into top-level blocks: 18 s for 16 MiB here, linear; 128 MiB took 170 s)
    "notes.md.gz": (gz, b"# Title\n\n", b"- item\n", 16 * MiB, b"\nAfter.\n"),
    "wide.txt.zst": (zst, "\ufeff".encode("utf-16-le"), "a".encode("utf-16-le"), 128 * MiB,
                     "\nAfter the bomb.\n".encode("utf-16-le")),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_a_compressed_bomb_stays_under_the_memory_limit(tmp_path: Path, name: str) -> None:
    opener, head, body, size, tail = BOMBS[name]
    src = tmp_path / "in"
    src.mkdir()
    with opener(src / name) as f:
        fill(f, head, body, size, tail)
    out = tmp_path / "out"
    script = (
        "import sys\n"
        "from pipeline import Pipeline\n"
        "Pipeline(stages=[]).run([sys.argv[1]], sys.argv[2])\n"
        # VmHWM, not ru_maxrss: after fork and exec, ru_maxrss keeps the parent's peak
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') "
        "if l.startswith('VmHWM')) // 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    peak_mb = int(done.stdout.split()[-1])
    assert peak_mb < PEAK_LIMIT_MB, f"{name}: peak {peak_mb} MB"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    corpus = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    dropped = (out / "dropped.jsonl").read_text().splitlines()
    if name.startswith("wrapped"):  # hard-wrapped lines: paragraphs stop growing at the limit
        assert corpus and all(len(r["text"]) <= 200_000 for r in corpus)
    else:
        assert errors and all(e["code"] == "E009" for e in errors), errors
    run = json.loads((out / "run.json").read_text())["counts"]
    assert run["read"] == run["written"] + run["dropped"] + run["failed"]
    assert len(corpus) + len(dropped) + len(errors) >= 1
