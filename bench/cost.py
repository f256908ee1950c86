"""Cost of one hostile record, end to end: does the time grow linearly with its size?

    .venv/bin/python bench/cost.py [--size 10000] [--full] [--only NAME]

For each character class and structure of `tests/cost_classes.py` (long runs of blanks, line
ends, each ASCII punctuation character, letters, digits, CJK, combining marks, emoji, mixed
patterns), one `.txt` file holding one line of about SIZE characters and one of 10x SIZE, through
the library's stages in one process:

- read: the reader (decoding, lines, the segmenter) on the file;
- detect: language ID on the records read;
- ner, translate: French NER then Apertium fr→en, the records taken as French (hostile text
  rarely looks like a language, and these paths are the ones to time), on the mixed patterns
  and the runs in `DEEP` (every class with `--full`: over an hour). The default run takes
  20-30 minutes on 2 busy cores (rows of many short lines, "a\\n" * n, cost ~1 ms per record
  in language ID: 25,000 records at 10x); `--only NAME` picks classes.

Each row prints the seconds at 1x and 10x and the ratio (times under 20 ms count as 20 ms: a
ratio of two tiny times is noise); a ratio over 15 with 10x over 0.1 s is marked `!!`.
The last rows compare one hostile record with one record of ordinary prose of the same size
(10x): the hostile one should not hold a run longer than the normal one (ratio ≤ ~1.5).
Models are loaded before timing (a warm-up record).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.readers import Reader  # noqa: E402
from pipeline.record import Record  # noqa: E402
from pipeline.stages.detect import Detect  # noqa: E402
from pipeline.stages.extract import Extract  # noqa: E402
from pipeline.stages.translate import Translate  # noqa: E402
from tests.cost_classes import hostile_texts  # noqa: E402

TARGET = 15.0  # 10x the size may take at most 15x the time
NOISE = 0.02  # seconds: a time under this is noise in a ratio
SIGNIFICANT = 0.1  # seconds at 10x: a row under this is not marked whatever its ratio
DEEP = {f"{c}/run" for c in ("space", "tab", "nbsp", "newline", "punct-2e", "punct-2d",
                             "punct-7c", "bullet", "cjk", "combining", "emoji")}  # fmt: skip


class Stages:
    """The stages timed, set up once."""

    def __init__(self) -> None:
        self.reader = Reader(max_chars=10**7)
        self.detect = Detect()
        self.ner = Extract(fields=["text"])
        self.translate = Translate(cache=None)
        self.folder = Path(tempfile.mkdtemp(prefix="cost-"))

    def read(self, text: str) -> tuple[float, list[Record]]:
        path = self.folder / "one.txt"
        path.write_text(text + "\n", encoding="utf-8")
        start = time.perf_counter()
        records = [r for r in self.reader([path]) if r.active]
        return time.perf_counter() - start, records

    def run(self, text: str, deep: bool) -> dict[str, float]:
        took: dict[str, float] = {}
        took["read"], records = self.read(text)
        start = time.perf_counter()
        records = list(self.detect(records))
        took["detect"] = time.perf_counter() - start
        if deep:
            for record in records:
                record.lang = "fr"
            start = time.perf_counter()
            records = list(self.ner(records))
            took["ner"] = time.perf_counter() - start
            start = time.perf_counter()
            records = list(self.translate(records))
            took["translate"] = time.perf_counter() - start
        took["total"] = sum(took.values())
        return took


def ratio(small: float, big: float) -> float:
    return max(big, NOISE) / max(small, NOISE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=5_000)
    parser.add_argument("--full", action="store_true", help="NER and translation on every class")
    parser.add_argument("--only", help="only the classes whose name contains this")
    args = parser.parse_args()
    stages = Stages()
    stages.run("Le film est lent mais honnête. Marie l'a vu à Paris.", deep=True)  # warm up
    small = dict(hostile_texts(args.size))
    big = dict(hostile_texts(10 * args.size))
    columns = ("read", "detect", "ner", "translate", "total")
    print(f"{'class/structure':28} " + " ".join(f"{c:>22}" for c in columns))
    print(f"{'':28} " + " ".join(f"{'1x   10x   ratio':>22}" for _ in columns))
    worst: list[tuple[float, str]] = []
    for name, text in small.items():
        if args.only and args.only not in name:
            continue
        deep = args.full or "/" not in name or name in DEEP
        one, ten = stages.run(text, deep), stages.run(big[name], deep)
        cells = []
        for column in columns:
            if column not in one:
                cells.append(f"{'-':>22}")
                continue
            r = ratio(one[column], ten[column])
            mark = "!!" if r > TARGET and ten[column] > SIGNIFICANT else "  "
            cells.append(f"{one[column]:7.3f} {ten[column]:7.3f} {r:5.1f}{mark}")
        worst.append((ratio(one["total"], ten["total"]), name))
        print(f"{name[:28]:28} " + " ".join(cells), flush=True)
    worst.sort(reverse=True)
    print("\nlargest total ratios:", ", ".join(f"{n} {r:.1f}" for r, n in worst[:5]))
    over = [n for r, n in worst if r > TARGET]  # the total: marked or not
    print(f"classes over {TARGET:.0f}x: {len(over)} of {len(worst)}", over[:10])

    prose = big["prose"]
    print(f"\nhostile vs normal prose, one record of {len(prose):,} characters (all stages):")
    normal = stages.run(prose, deep=True)["total"]
    for name in ("space/gap", "space/run", "tab/gap", "punct-2e/run", "punct-2d/run",
                 "punct-7c/c+space", "dot-space", "a-space", "combining/run", "cjk/run",
                 "emoji/run", "Title-Case"):  # fmt: skip
        hostile = stages.run(big[name], deep=True)["total"]
        print(f"  {name:20} {hostile:7.3f}s vs prose {normal:7.3f}s: {hostile / normal:5.2f}x")


if __name__ == "__main__":
    main()
