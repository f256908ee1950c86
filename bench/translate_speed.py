"""`pipeline translate -s fr` against the floor, measured in the same run.

    python bench/translate_speed.py [--sentences 1000] [--rounds 3] [--modes DIR ...]

The floor is `bench/raw_translate.py floor`: the raw `apertium -u fr-es | apertium -u spa-eng`
chain with the French NER that name protection needs running beside it. Each round runs the
floor, then the pipeline once per modes directory (the default one, then each `--modes`, e.g. a
directory that adds the Catalan and Esperanto lookup routes), each with a cold translation
cache; rounds alternate so that the machine's load falls on all alike. Prints the median
seconds and the median of the per-round ratios to the floor (target ≤ 1.15×).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data"))


def timed(command: list[str], stdin: Path, env: dict[str, str]) -> float:
    with stdin.open("rb") as text:
        started = time.perf_counter()
        subprocess.run(command, stdin=text, stdout=subprocess.DEVNULL, env=env, cwd=ROOT,
                       check=True)  # fmt: skip
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", type=Path, action="append", default=[])
    args = parser.parse_args()
    news = args.data / "real" / "mt_fr_en_newstest2014_dev.jsonl"
    with news.open(encoding="utf-8") as f:
        texts = [json.loads(line)["fr"] for line, _ in zip(f, range(args.sentences), strict=False)]
    configurations: dict[str, str | None] = {"default modes": None}
    configurations |= {f"modes {m}": str(m) for m in args.modes}
    seconds: dict[str, list[float]] = {"floor": [], **{name: [] for name in configurations}}
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        source = work / "news_fr.txt"
        source.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
        base_env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT)}
        for round_ in range(args.rounds):
            floor = [sys.executable, str(ROOT / "bench" / "raw_translate.py"), "floor",
                     str(source), str(work / "floor.txt")]  # fmt: skip
            seconds["floor"].append(timed(floor, source, base_env))
            for name, modes in configurations.items():
                env = {**base_env, "XDG_CACHE_HOME": str(work / f"cache-{round_}-{name}")}
                env.pop("APERTIUM_MODES_DIR", None)
                if modes:
                    env["APERTIUM_MODES_DIR"] = modes
                command = [sys.executable, "-m", "pipeline", "translate", "-s", "fr"]
                seconds[name].append(timed(command, source, env))
    print(f"| `pipeline translate -s fr`, {len(texts):,} news sentences | seconds (median of "
          f"{args.rounds}) | × floor (median of rounds) | target |")  # fmt: skip
    print("| --- | --- | --- | --- |")
    print(f"| floor (`bench/raw_translate.py floor`) | {statistics.median(seconds['floor']):.2f}"
          " | 1.00× | - |")  # fmt: skip
    for name in configurations:
        ratios = [s / f for s, f in zip(seconds[name], seconds["floor"], strict=True)]
        print(f"| pipeline, {name} | {statistics.median(seconds[name]):.2f} | "
              f"{statistics.median(ratios):.2f}× | ≤ 1.15× |")  # fmt: skip


if __name__ == "__main__":
    main()
