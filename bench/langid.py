"""Language-ID benchmark: accuracy per length bucket and speed, every engine side by side.

    .venv/bin/python bench/langid.py [--data ../shared/data/langid_dev.jsonl] [--engines a,b]

Reads labelled texts (`text, lang, bucket`), runs each engine's batch `detect` over all of them
(accuracy) and over the short bucket alone (texts/s, single process, after a warm-up), and prints
one table. The default engine is marked; ratios are against langdetect, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from pipeline.engines.registry import make_detector
from pipeline.stages.detect import DEFAULT_ENGINE

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = (
    Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data")) / "langid_dev.jsonl"
)
ENGINES = ["langdetect", "lingua", "fasttext", "py3langid", "lexicon", "combined"]
BUCKETS = ["short", "medium", "long"]
BATCH = 256


def timed_detect(engine: object, texts: list[str]) -> tuple[list[tuple[str, float]], float]:
    started = time.perf_counter()
    out = []
    for i in range(0, len(texts), BATCH):
        out += engine.detect(texts[i : i + BATCH])  # type: ignore[attr-defined]
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--engines", default=",".join(ENGINES))
    args = parser.parse_args()
    if not args.data.exists():
        print(
            f"no data at {args.data} (developer data, not shipped): run `make bench DATA=DIR` "
            "with DIR holding langid_dev.jsonl (text, lang, bucket)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    rows = [
        json.loads(line)
        for line in args.data.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [r["text"] for r in rows]
    short = [r["text"] for r in rows if r["bucket"] == "short"]
    totals = Counter(r["bucket"] for r in rows)
    print(
        f"{len(rows)} texts from {args.data.name}: {dict(totals)}; languages {sorted({r['lang'] for r in rows})}"
    )
    header = f"{'engine':<12} {'short %':>8} {'medium %':>9} {'long %':>7} {'short texts/s':>14} {'vs langdetect':>14}  load s"
    print(header)
    print("-" * len(header))
    baseline = None
    for name in args.engines.split(","):
        started = time.perf_counter()
        engine = make_detector(name)
        load = time.perf_counter() - started
        engine.detect(short[:200])  # warm-up: lazy tables, caches
        answers, _ = timed_detect(engine, texts)
        correct = Counter(
            r["bucket"] for r, (lang, _) in zip(rows, answers, strict=True) if lang == r["lang"]
        )
        # best of 3: a shared machine
        seconds = min(timed_detect(engine, short)[1] for _ in range(3))
        speed = len(short) / seconds
        baseline = baseline or (speed if name == "langdetect" else None)
        ratio = f"{speed / baseline:.1f}x" if baseline else "-"
        accuracy = [100 * correct[b] / totals[b] for b in BUCKETS]
        mark = " (default)" if name == DEFAULT_ENGINE else ""
        print(
            f"{name + mark:<12} {accuracy[0]:>8.1f} {accuracy[1]:>9.1f} {accuracy[2]:>7.1f} {speed:>14,.0f} {ratio:>14}  {load:.1f}"
        )


if __name__ == "__main__":
    main()
