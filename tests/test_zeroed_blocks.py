"""A zeroed block (a run of 32 or more NULs: a filesystem block lost in a crash) inside a line
of any text format: the record it cuts fails, saying so, every other record is read, and the
run is warned (W010). A JSON Lines, text or Markdown file with one such block was refused
whole as binary (E002) and every good record in it was lost; tables had the fix alone."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

N = 120
TEXTS = [f"Good record number {i} of the file and a whole sentence." for i in range(N)]
DAMAGED = 17  # the record the block lands in


@dataclass(frozen=True)
class Layout:
    head: str
    unit: Callable[[int, str], str]  # record i's bytes, its separator last
    separator: str
    tail: str = ""

    def content(self) -> tuple[bytes, list[tuple[int, int]]]:
        """The file's bytes and each record's (start, end), separator included."""
        out, spans = self.head.encode(), []
        for i, t in enumerate(TEXTS):
            unit = self.unit(i, t).encode()
            spans.append((len(out), len(out) + len(unit)))
            out += unit
        return out + self.tail.encode(), spans


FORMATS = {
    ".jsonl": Layout("", lambda i, t: json.dumps({"id": f"g{i}", "text": t}) + "\n", "\n"),
    ".txt": Layout("", lambda i, t: f"{t}\n\n", "\n\n"),
    ".md": Layout("", lambda i, t: f"{t}\n\n", "\n\n"),
    ".html": Layout("<html><body><article>\n", lambda i, t: f"<p>{t}</p>\n", "</p>\n",
                    "</article></body></html>\n"),
    ".csv": Layout("id,text\n", lambda i, t: f"g{i},{t}\n", "\n"),
    ".tsv": Layout("id\ttext\n", lambda i, t: f"g{i}\t{t}\n", "\n"),
}  # fmt: skip


def zeroed(layout: Layout, size: int, where: str) -> tuple[bytes, set[int]]:
    """The file with `size` bytes of one record overwritten by NULs (inside its text, or
    from inside it across its end into the next records), and the records the block cuts:
    those it overlaps, separator before them included (a line end wiped joins two)."""
    data, spans = layout.content()
    start, _ = spans[DAMAGED]
    at = start + data[start:].index(TEXTS[DAMAGED].encode()) + 10
    if where == "across":
        at += len(TEXTS[DAMAGED]) - 15
    cut = {
        i
        for i, (s, e) in enumerate(spans)
        if at < e and s - len(layout.separator.encode()) < at + size
    }
    return data[:at] + b"\0" * size + data[at + size :], cut


@pytest.mark.parametrize("compressed", [False, True])
@pytest.mark.parametrize("where", ["inside", "across"])
@pytest.mark.parametrize("size", [32, 64, 4096])
@pytest.mark.parametrize("suffix", list(FORMATS))
def test_a_zeroed_block_fails_only_what_it_cuts(
    tmp_path: Path, suffix: str, size: int, where: str, compressed: bool
) -> None:
    data, cut = zeroed(FORMATS[suffix], size, where)
    path = tmp_path / f"damaged{suffix}"
    if compressed:
        path = path.with_name(path.name + ".gz")
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    warnings: list[dict[str, object]] = []
    records = list(Reader()([path], warn=warnings.append))
    assert not [r for r in records if r.error is not None and r.error.code == "E002"]
    kept = [r.text for r in records if r.error is None and not r.dropped]
    assert not [t for t in kept if "\0" in t], "a zeroed block in a record's text"
    damaged = [r for r in records if r.error is not None]
    assert damaged, "the cut record is in no output"
    # every record the block does not cut is read as written, and only those
    assert [t for t in kept if "record number" in t] == [
        t for i, t in enumerate(TEXTS) if i not in cut
    ]
    assert any(w["code"] == "W010" for w in warnings)
