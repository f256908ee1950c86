"""Compressed inputs: what verifying an archive before reading it costs (`compression.verify`,
one decoding pass to nowhere), that the cost is linear in the size, and that memory does not
grow with it.

Per codec, for content of 1x and 10x the size (generated JSONL lines):
- `verify`: the decoding pass alone, MB of content per second;
- `stream`: `open_bytes` read to its end, the verdict already known (the reader's pass);
- `reader`: `Reader()` over the file, records out (what a run pays), and the ratio 10x / 1x;
- `peak`: the most Python memory reading the stream held (tracemalloc), at 1x and 10x.
Run it on a checkout before the change to compare the reader column (`verify` is then n/a):

    .venv/bin/python bench/archives.py [--mb 2]
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import lzma
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import zstandard

from pipeline.io import compression
from pipeline.io.readers import Reader

PACK: dict[str, Callable[[bytes], bytes]] = {
    ".gz": lambda b: gzip.compress(b, compresslevel=6, mtime=0),
    ".bz2": bz2.compress,
    ".xz": lambda b: lzma.compress(b, preset=1),
    ".zst": zstandard.ZstdCompressor(level=3, write_checksum=True).compress,
}
WORDS = ["river", "stone", "market", "evening", "quiet", "north", "lantern", "field", "bread"]


def content(megabytes: float) -> bytes:
    lines, size, i = [], 0, 0
    while size < megabytes * 1e6:
        words = " ".join(WORDS[(i * k) % len(WORDS)] for k in range(3, 3 + 8 + i % 9))
        line = json.dumps({"id": f"r{i}", "text": f"Item {i}: {words}."}) + "\n"
        lines.append(line)
        size += len(line)
        i += 1
    return "".join(lines).encode()


def timed(work: Callable[[], object], repeat: int = 3) -> float:
    """The best of `repeat` runs (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def drain(path: Path) -> int:
    total = 0
    with compression.open_bytes(path) as f:
        while chunk := f.read(1 << 16):
            total += len(chunk)
    return total


def forget() -> None:
    """Forget the verdicts `compression.verify` remembered: each timing verifies anew."""
    remembered = getattr(compression, "verdict_of", None)
    if remembered is not None:
        remembered.cache_clear()


def row(path: Path, size: int) -> dict[str, float | None]:
    verify = getattr(compression, "verify", None)
    forget()
    verify_s = timed(lambda: (forget(), verify(path))) if verify else None
    stream_s = timed(lambda: drain(path))
    forget()
    reader_s = timed(lambda: (forget(), sum(1 for _ in Reader()([path]))))
    mb = size / 1e6
    return {
        "verify_mb_s": None if verify_s is None else mb / verify_s,
        "stream_mb_s": mb / stream_s,
        "reader_s": reader_s,
    }


def peak(path: Path) -> float:
    forget()
    tracemalloc.start()
    drain(path)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0, help="content size at 1x (MB)")
    args = parser.parse_args()
    small, large = content(args.mb), content(args.mb * 10)
    print(f"content: {len(small) / 1e6:.1f} MB and {len(large) / 1e6:.1f} MB of JSONL")
    print(
        f"{'codec':6} {'verify MB/s':>11} {'stream MB/s':>11} {'reader 1x s':>11} "
        f"{'reader 10x s':>12} {'10x/1x':>6} {'peak MB 1x':>10} {'peak MB 10x':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, pack in PACK.items():
            rows, tops = [], []
            for data in (small, large):
                path = Path(tmp) / f"in.jsonl{suffix}"
                path.write_bytes(pack(data))
                rows.append(row(path, len(data)))
                tops.append(peak(path))
            one, ten = rows
            verify = "n/a" if ten["verify_mb_s"] is None else f"{ten['verify_mb_s']:.0f}"
            ratio = (ten["reader_s"] or 0) / (one["reader_s"] or 1)
            print(
                f"{suffix:6} {verify:>11} {ten['stream_mb_s']:>11.0f} {one['reader_s']:>11.2f} "
                f"{ten['reader_s']:>12.2f} {ratio:>6.1f} {tops[0]:>10.1f} {tops[1]:>11.1f}"
            )


if __name__ == "__main__":
    main()
