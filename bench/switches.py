"""What finding the encoding switches of a file costs (`pipeline/io/switches.py`): the time to
decide a file's layout (`encoding.file_layout`), at 1x and 10x the size, for each shape the
switch walk treats differently. A row's ratio near 10 is linear; the bound is 15.

    .venv/bin/python bench/switches.py

Shapes: a UTF-16 file of Latin lines (one BOM, walked a line at a time), of CJK lines (no NUL
but each line end's: every line start is looked at), UTF-8 then UTF-16 (the F28 file), Notepad
UTF-16 files joined (a BOM, a part, every 3 lines), and UTF-8 holding `ÿþ`-like marks that do
not switch.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.io.encoding import cached_layout, file_layout

LATIN = "The shell wrote this line in sixteen-bit units, one after another.\r\n"
CJK = "日本語の文章がここに続きます。改行の前にも文字があります。\r\n"
UTF8 = "Déjà vu: the café line, written by an ordinary editor in UTF-8.\n"


def shapes() -> dict[str, Callable[[int], bytes]]:
    return {
        "utf-16 latin": lambda n: ("\ufeff" + LATIN * n).encode("utf-16-le"),
        "utf-16 cjk": lambda n: ("\ufeff" + CJK * n).encode("utf-16-le"),
        "utf-8 + utf-16": lambda n: (
            (UTF8 * n).encode() + ("\ufeff" + LATIN * n).encode("utf-16-le")
        ),
        "utf-16 files joined": lambda n: ("\ufeff" + LATIN * 3).encode("utf-16-le") * (n // 3),
        "cp1252 with marks": lambda n: ("Sign: \xff\xfe " + UTF8).encode("cp1252") * n,
    }


def timed(path: Path) -> float:
    best = float("inf")
    for _ in range(3):
        cached_layout.cache_clear()
        start = time.perf_counter()
        file_layout(path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    print(f"{'shape':22} {'bytes':>11} {'1x s':>8} {'10x s':>8} {'ratio':>6}")
    for name, make in shapes().items():
        times, sizes = [], []
        for n in (20_000, 200_000):
            path = folder / f"{name.replace(' ', '_')}-{n}.txt"
            path.write_bytes(make(n))
            sizes.append(path.stat().st_size)
            times.append(timed(path))
        ratio = times[1] / max(times[0], 1e-9)
        print(f"{name:22} {sizes[0]:>11,} {times[0]:>8.3f} {times[1]:>8.3f} {ratio:>6.1f}")


if __name__ == "__main__":
    main()
