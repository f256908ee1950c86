"""Time and memory of `--dedup near` at 1x / 4x / 16x the records, against the same run without it.

Each run is a child process (its peak memory is its own): the reader, language ID (`Detect`,
the cheapest stage that reads every text) and, for the `near` rows, `NearDedup`, one worker,
the default shard size. 1x is `--records` paragraphs (real ones from `DATA/bench/corpus_*.txt`
when there, generated otherwise), a third of them followed later by a near copy (a header line
added or a word changed). Printed: seconds, the seconds the step added, peak RSS of the run
(one process: with one worker the shards run in the process that resolves), and the resolve's
own seconds and the size of the partials it reads (the shards' signatures' bands).

    python bench/near_cost.py [--records 4000] [--sizes 1 4 16]

Measured (--records 2000, 2 shared cores, -w 1; beyond the real paragraphs the corpus repeats
them with a suffix, so 16x holds many more near copies):

| size | records | near found | without s | near s | step adds | peak MB without / near |
| --- | --- | --- | --- | --- | --- | --- |
| 1x | 2,667 | 695 | 4.0 | 8.1 | +4.2 | 197 / 241 |
| 4x | 10,667 | 3,023 | 8.1 | 16.3 | +8.2 | 197 / 241 |
| 16x | 42,667 | 26,123 | 25.2 | 48.9 | +23.7 | 197 / 241 |

The step costs about 0.5 ms per record (MinHash of the word 3-grams, SHA-1 per 3-gram, and the
apply pass) plus about 2 s per process to import datasketch and scipy; its memory does not grow
with the records at these sizes (the 44 MB are scipy and datasketch).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data"))


def paragraphs(data: Path, count: int, rng: random.Random) -> list[str]:
    lines: list[str] = []
    for lang in ("en", "fr"):
        path = data / "bench" / f"corpus_{lang}.txt"
        if path.exists():
            lines += [" ".join(x.split()) for x in path.open(encoding="utf-8") if len(x) > 80]
    if not lines:  # no developer data: generated words
        syllables = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pi", "dun", "qua"]
        words = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(3000)]
        lines = [" ".join(rng.choices(words, k=rng.randint(15, 80))) for _ in range(20_000)]
    return [lines[i % len(lines)] + ("" if i < len(lines) else f" ({i})") for i in range(count)]


def corpus(path: Path, data: Path, records: int) -> None:
    rng = random.Random(34)
    texts = paragraphs(data, records, rng)
    rows = []
    for i, text in enumerate(texts):
        rows.append({"id": f"p{i}", "text": text})
        if i % 3 == 0:
            words = text.split()
            words[rng.randrange(len(words))] = "changed"
            copy = "Reposted\n\n" + " ".join(words) if i % 2 else " ".join(words)
            rows.insert(rng.randint(len(rows) // 2, len(rows)), {"id": f"c{i}", "text": copy})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def child(src: Path, out: Path, near: bool) -> None:
    from pipeline import NearDedup, Pipeline
    from pipeline.executors.local import LocalExecutor
    from pipeline.stages.detect import Detect

    measured: dict[str, float] = {"resolve_s": 0.0, "partials_mb": 0.0}

    class Measured(NearDedup):
        """NearDedup whose resolve notes its own seconds and the bytes of the partials it
        reads: the parts folder is gone once the run ends."""

        def resolve(self, partials: Any) -> dict[str, Any]:
            files = [folder / partials.name for folder in partials.folders]
            measured["partials_mb"] = sum(f.stat().st_size for f in files) / 2**20
            started = time.perf_counter()
            resolved = super().resolve(partials)
            measured["resolve_s"] = time.perf_counter() - started
            return resolved

    stages = [Detect(), *([Measured()] if near else [])]
    started = time.perf_counter()
    report = Pipeline(stages=stages, executor=LocalExecutor(1)).run([src], out)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "records": report["counts"]["read"],
                "near": report["counts"].get("near_duplicates", {}).get("mark", 0),
                "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                **measured,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.child[2] == "near")
        return
    print(
        "| size | records | near found | run | seconds | step adds | peak MB | resolve s | partials MB |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            src = Path(tmp) / f"in-{size}.jsonl"
            corpus(src, args.data, args.records * size)
            base = 0.0
            for kind in ("without", "near"):
                out = Path(tmp) / f"out-{size}-{kind}"
                done = subprocess.run(
                    [sys.executable, __file__, "--child", str(src), str(out), kind],
                    capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                )  # fmt: skip
                row = json.loads(done.stdout.strip().splitlines()[-1])
                base = row["seconds"] if kind == "without" else base
                added = f"{row['seconds'] - base:+.1f}" if kind == "near" else ""
                resolve = (
                    f"{row['resolve_s']:.2f} | {row['partials_mb']:.2f}"
                    if kind == "near"
                    else " | "
                )
                print(
                    f"| {size}x | {row['records']} | {row['near'] if kind == 'near' else ''} | "
                    f"{kind} | {row['seconds']:.1f} | {added} | {row['main_mb']:.0f} | "
                    f"{resolve} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
