"""Cost of joining a hard-wrapped block: does the segmenter's time grow linearly with the
number of lines of one block, whatever its lines end and start with?

    .venv/bin/python bench/wrap_cost.py [--lines 4000]

For each kind of line (`pipeline/io/segment/wrapping.py` decides on each: a word, a hyphen, a
soft hyphen, an elision, a comma, a URL cut, a capitalised start, a bullet, a sentence end
before a closing quote, Chinese, Thai with its trailing blank, a credit, a layout table's
row, a short lower-case line), one block of LINES lines of that kind and one of 10x LINES,
without a blank line between them, through
`Segmenter.segment`. Each row prints the best of three timings at 1x and 10x and the ratio;
a ratio over 15 (10x the lines in more than 15x the time) is marked `!!`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.segment.segmenter import Segmenter  # noqa: E402

TARGET = 15.0
KINDS = {
    "word/lower": "word " * 12 + "end",
    "word/upper": "Word " * 12 + "End",
    "hyphen": "word " * 10 + "mas-",
    "soft-hyphen": "word " * 10 + "mas\u00ad",
    "elision": "word " * 10 + "d'",
    "comma": "word " * 12 + ",",
    "url-cut": "see https://example.org/films/a-",
    "bullet": "- item " * 8,
    "sentence-end+quote": 'word word word."',
    "chinese": "中" * 40,
    "thai+blank": "ก" * 60 + " ",
    "credit": "Image : Tom Lark, Pia Holm and",
    "blanks-inside": "a" + " " * 200 + "b",
    "layout-row": "Title of a work     1965    B. Name",
    "short-lower": "half a lemon",
}


def best(lines: list[tuple[int, str]], runs: int = 3) -> float:
    segmenter = Segmenter()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for _record in segmenter.segment(lines, "d", "d.txt"):
            pass
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=4000)
    n = parser.parse_args().lines
    print(f"{'kind':20} {'1x':>8} {'10x':>8} {'ratio':>6}")
    for kind, line in KINDS.items():
        small = best(list(enumerate([line] * n, 1)))
        big = best(list(enumerate([line] * (10 * n), 1)))
        ratio = big / max(small, 1e-6)
        mark = "  !!" if ratio > TARGET else ""
        print(f"{kind:20} {small:8.3f} {big:8.3f} {ratio:6.1f}{mark}")


if __name__ == "__main__":
    main()
