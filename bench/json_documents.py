"""Cost of reading a `.json` document: does the time grow linearly with the records, and
does memory stay bounded by one record, whatever the document's shape?

    .venv/bin/python bench/json_documents.py [--records 5000]

For each shape (an array on one line, as pandas' `to_json(orient="records")` writes it; an
array pretty-printed, `indent=2`; jq's pretty objects one after another; and, for reference,
the same records as JSON Lines in a `.jsonl`), a file of RECORDS records and one of 10x
RECORDS go through `Reader`. Each row prints the seconds at 1x and 10x (best of two), the
ratio (over 15 is marked `!!`), and the peak memory traced while reading the 10x file
(tracemalloc, a separate read: it slows the read itself). The reader holds one value at a
time (`pipeline/io/json_stream.py`), so the peak should not grow with the file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.readers import Reader  # noqa: E402

TARGET = 15.0


def records(n: int) -> list[dict[str, object]]:
    return [
        {"id": f"r{i}", "text": f"Review {i}: a film with \"quotes\", [brackets] and é ü 東京.",
         "meta": {"stars": i % 5, "tags": ["a]", "{b"]}}
        for i in range(n)
    ]  # fmt: skip


SHAPES = {
    "array, one line (.json)": (".json", lambda rs: json.dumps(rs)),
    "array, indent=2 (.json)": (".json", lambda rs: json.dumps(rs, indent=2)),
    "jq pretty objects (.json)": (".json", lambda rs: "\n".join(json.dumps(r, indent=2) for r in rs)),
    "JSON Lines (.jsonl)": (".jsonl", lambda rs: "".join(json.dumps(r) + "\n" for r in rs)),
}  # fmt: skip


def read_seconds(path: Path) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        count = sum(1 for r in Reader()([path]) if r.error is None)
        best = min(best, time.perf_counter() - start)
    assert count > 0
    return best


def peak_bytes(path: Path) -> int:
    tracemalloc.start()
    for _ in Reader()([path]):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=5000)
    n = parser.parse_args().records
    print(f"{'shape':28} {'MB 10x':>7} {'1x s':>7} {'10x s':>7} {'ratio':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, write) in SHAPES.items():
            times, size = [], 0
            for scale in (1, 10):
                path = Path(folder) / f"doc{scale}{suffix}"
                path.write_text(write(records(n * scale)), "utf-8")
                times.append(read_seconds(path))
                size = path.stat().st_size
            ratio = times[1] / times[0]
            mark = " !!" if ratio > TARGET else ""
            peak = peak_bytes(path) / 2**20
            print(f"{name:28} {size / 2**20:7.1f} {times[0]:7.2f} {times[1]:7.2f} "
                  f"{ratio:6.1f} {peak:8.1f}{mark}")  # fmt: skip


if __name__ == "__main__":
    main()
