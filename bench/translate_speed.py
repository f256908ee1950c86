"""`pipeline translate -s fr` against the floor, measured in the same run.

    python bench/translate_speed.py [--sentences 1000] [--rounds 3] [--modes DIR ...]

The floor is `bench/raw_translate.py floor`: the raw `apertium -u fr-es | apertium -u spa-eng`
chain with the French NER that name protection needs running beside it. Each round runs the
floor, then the pipeline once per modes directory (the default one, then each `--modes`, e.g. a
directory that adds the Catalan and Esperanto lookup routes), each with a cold translation
cache; rounds alternate so that the machine's load falls on all alike. Every side shares one
cache folder, warmed once (what a machine builds once: the French tokenizer pattern, the
lexicon's tables); a fresh folder per pipeline run made it rebuild them every time while the
floor found them built (3-5 s of the 1.55× once measured here). Prints the median and the
minimum seconds, and the ratios to the floor: median and minimum of the per-round ratios, and
minimum over minimum (on a shared machine the minimum is the least disturbed run; target
≤ 1.15×), and each side's CPU seconds (every process it waited for, Apertium's included).

Measured 2026-12-04 on the 2-core machine under a load average of 13-28 (no idle window), 4
rounds: floor 32.91 s median / 24.74 min, ours 31.23 / 22.52, per-round ratio median 1.03×
(0.71-1.14); CPU floor 10.5-11.2 s, ours 14.5-16.2 s. Under such load the wall ratio follows
the CPU share; on an idle machine it follows the critical path: spaCy's load, then NER with
the translation beside it on the other core (what `pipeline translate` no longer puts before
NER: the Quotations stage's language-ID load, ~1.3 s idle).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data"))


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system, every process) per side


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants' orphans (Linux `PR_SET_CHILD_SUBREAPER`):
    `pipeline translate` ends without waiting for its Apertium programs (they end on their own
    once their input closes), so their CPU seconds reach this process only through it."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_orphans() -> None:
    """Wait for every orphan adopted (`adopt_orphans`): counted, and gone before the next run."""
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


def timed(command: list[str], stdin: Path, env: dict[str, str], side: str = "") -> float:
    """Wall seconds of `command`; its CPU seconds (with every process it started and
    waited for: Apertium's) go to `CPU[side]`, a measure a busy machine disturbs less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with stdin.open("rb") as text:
        started = time.perf_counter()
        subprocess.run(command, stdin=text, stdout=subprocess.DEVNULL, env=env, cwd=ROOT,
                       check=True)  # fmt: skip
        seconds = time.perf_counter() - started
    reap_orphans()  # after the wall time: a run ends when its command does
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    CPU.setdefault(side, []).append(used)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", type=Path, action="append", default=[])
    args = parser.parse_args()
    adopt_orphans()
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
        # One cache folder for every side, as `bench/run.py` does: what a machine builds once
        # (the French tokenizer pattern, the lexicon's tables) is built by a warm-up run; the
        # translations are emptied before each pipeline run, so each is a first translation.
        # Both sides with compiled bytecode, as an installed package runs (`bench/reuse.py`):
        # with `PYTHONDONTWRITEBYTECODE` set, as on this machine, each run compiled the ~150
        # modules the command line imports (0.15-0.25 CPU-s) while spaCy's came compiled.
        base_env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(ROOT),
                    "XDG_CACHE_HOME": str(work / "cache"),
                    "PYTHONPYCACHEPREFIX": str(work / "pycache")}  # fmt: skip
        base_env.pop("APERTIUM_MODES_DIR", None)
        base_env.pop("PYTHONDONTWRITEBYTECODE", None)
        translations = work / "cache" / "pipeline" / "translations.sqlite"
        command = [sys.executable, "-m", "pipeline", "translate", "-s", "fr"]
        warm_up = work / "warm_up.txt"
        warm_up.write_text("".join(t + "\n" for t in texts[:20]), encoding="utf-8")
        timed(command, warm_up, base_env)
        for _ in range(args.rounds):
            floor = [sys.executable, str(ROOT / "bench" / "raw_translate.py"), "floor",
                     str(source), str(work / "floor.txt")]  # fmt: skip
            seconds["floor"].append(timed(floor, source, base_env, "floor"))
            for name, modes in configurations.items():
                env = {**base_env, **({"APERTIUM_MODES_DIR": modes} if modes else {})}
                translations.unlink(missing_ok=True)
                seconds[name].append(timed(command, source, env, name))
    print(f"| `pipeline translate -s fr`, {len(texts):,} news sentences | seconds (median / min "
          f"of {args.rounds}) | × floor (median of rounds / min / min ÷ min) | target |")  # fmt: skip
    print("| --- | --- | --- | --- |")
    floor = seconds["floor"]
    print(f"| floor (`bench/raw_translate.py floor`) | {statistics.median(floor):.2f} / "
          f"{min(floor):.2f} | 1.00× | - |")  # fmt: skip
    for name in configurations:
        ratios = [s / f for s, f in zip(seconds[name], floor, strict=True)]
        print(f"| pipeline, {name} | {statistics.median(seconds[name]):.2f} / "
              f"{min(seconds[name]):.2f} | {statistics.median(ratios):.2f}× / {min(ratios):.2f}× / "
              f"{min(seconds[name]) / min(floor):.2f}× | ≤ 1.15× |")  # fmt: skip
    print(
        "seconds per round:", json.dumps({k: [round(s, 2) for s in v] for k, v in seconds.items()})
    )
    print("CPU seconds per round (every process):",
          json.dumps({k: [round(s, 2) for s in v] for k, v in CPU.items() if k}))  # fmt: skip
    print("load average at the end:", " ".join(f"{x:.1f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
