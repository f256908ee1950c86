"""Cost of 7-bit escape and shift encodings (`pipeline/io/seven_bit.py`): linear in the size?

    .venv/bin/python bench/seven_bit_cost.py [--size 20000]

For each shape, a file of about SIZE bytes and one of 10x SIZE, read by the library's reader
(the encoding decided, lines decoded, the segmenter): the seconds at 1x and 10x and their
ratio (times under 20 ms count as 20 ms). A ratio over 15 with 10x over 0.1 s is marked `!!`.
Shapes: one long line and many short lines of each ISO-2022 variant, HZ and UTF-7; hostile
lines (escapes with nothing between them, a shift-out never shifted back, units no set holds,
`+` and `~{` look-alikes on every line, which the file's evidence judges line by line).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.readers import Reader  # noqa: E402

TARGET = 15.0
NOISE = 0.02
SIGNIFICANT = 0.1
JA = "東京の古い映画館で彼女は映画を見た"
KO = "비 오는 저녁에 영화를 보았다"
ZH = "我们今天去公园散步天气非常好"
RU = "Привет мир как дела сегодня"


def repeat(piece: bytes, size: int, sep: bytes = b"") -> bytes:
    return (piece + sep) * max(1, size // (len(piece) + len(sep)))


SHAPES: dict[str, Callable[[int], bytes]] = {
    "jp/line": lambda n: repeat(JA.encode("iso2022_jp"), n) + b"\n",
    "jp/lines": lambda n: repeat(JA.encode("iso2022_jp"), n, b"\n\n"),
    "jp-2/line": lambda n: repeat(("丂 " + JA).encode("iso2022_jp_2"), n) + b"\n",
    "jp-2004/lines": lambda n: repeat(("𠀋 " + JA).encode("iso2022_jp_2004"), n, b"\n\n"),
    "kr/line": lambda n: b"\x1b$)C\n" + repeat(KO.encode("iso2022_kr")[4:], n) + b"\n",
    "kr/lines": lambda n: b"\x1b$)C\n" + repeat(KO.encode("iso2022_kr")[4:], n, b"\n\n"),
    "cn/line": lambda n: (
        b"\x1b$)A\x0e" + repeat(bytes(b - 0x80 for b in ZH.encode("gb2312")), n) + b"\x0f\n"
    ),
    "hz/lines": lambda n: repeat(ZH.encode("hz"), n, b"\n\n"),
    "utf-7/line": lambda n: repeat(RU.encode("utf-7") + b" ", n) + b"\n",
    "utf-7/lines": lambda n: repeat(RU.encode("utf-7"), n, b"\n\n"),
    "empty-shifts/line": lambda n: b"a" + repeat(b"\x1b$B\x1b(B", n) + b"z\n",
    "shift-out-open/line": lambda n: b"\x1b$)C\x0e" + repeat(b"GQ", n) + b"\n",
    "unknown-units/line": lambda n: b"\x1b$)G\x0e" + repeat(b"D!", n) + b"\x0f\n",
    "plus-look-alike/lines": lambda n: repeat(b"C++ and a+b and +4930-", n, b"\n"),
    "plus-neutral/lines": lambda n: repeat(b"see +Max here and +RUZHSElK", n, b"\n"),
    "tilde-look-alike/lines": lambda n: repeat(b"LaTeX ~{AB~} and ~{ab~} here", n, b"\n"),
}


def timed(reader: Reader, folder: Path, name: str, data: bytes) -> float:
    path = folder / f"{name.replace('/', '-')}-{len(data)}.txt"
    path.write_bytes(data)
    start = time.perf_counter()
    records = list(reader([path]))
    spent = time.perf_counter() - start
    assert records or not data.strip(b"\n\x1b$)C"), name
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    args = parser.parse_args()
    reader = Reader(max_chars=10**7)
    folder = Path(tempfile.mkdtemp(prefix="seven-bit-cost-"))
    timed(reader, folder, "warm-up", SHAPES["jp/lines"](1000))
    print(f"{'shape':26} {'1x (s)':>8} {'10x (s)':>8} {'ratio':>6}")
    for name, make in SHAPES.items():
        small = timed(reader, folder, name, make(args.size))
        big = timed(reader, folder, name, make(10 * args.size))
        ratio = max(big, NOISE) / max(small, NOISE)
        flag = " !!" if ratio > TARGET and big > SIGNIFICANT else ""
        print(f"{name:26} {small:8.3f} {big:8.3f} {ratio:6.1f}{flag}")


if __name__ == "__main__":
    main()
