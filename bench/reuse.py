"""Each distinct text processed once (#34): end to end, `-w 1`, vs `bench/raw_en.py`.

    .venv/bin/python bench/reuse.py [--data ../shared/data/bench] [--times 3] [--records 3000]

Two corpora of real English paragraphs (`corpus_en.txt`), `--records` records each, written
as JSONL as `bench/run.py` writes row 1's:

- repeats: 30 % of the records repeat a paragraph an earlier record holds (each repeat put at
  a random place after its first occurrence, seeded), the others distinct;
- distinct: every record a different paragraph (row 1 of `bench/run.py`).

Each side is a fresh process (`pipeline run INPUT -o OUT -q -w 1`, default settings, against
`raw_en.py` on the same file: spaCy's `nlp.pipe` over every record, repeats included, as a user
writes it), alternating, `--times` rounds, the median of the per-round ratios (raw / ours: above
1 the pipeline is faster), for wall time and for CPU seconds (user + system, from `wait4`), with
the 1-minute load average seen before each run: on a shared machine whose load is above its
cores, wall times measure the neighbours, and the CPU ratio is the one to read. Both sides run
with compiled bytecode (`PYTHONPYCACHEPREFIX` in the work folder, written by a warm-up run), as
an installed package or a second run has it: with
`PYTHONDONTWRITEBYTECODE` set, as on some machines, the pipeline would compile its ~100 modules
in every process (0.3 s) while spaCy's come compiled with the wheel.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

from run import DEFAULT_DATA, PIPELINE, ROOT, Sample, lines, measured, median, paired, row

SHARE = 0.30  # of the records, repeats of an earlier one
SEED = 34


def with_repeats(texts: list[str], count: int, share: float = SHARE) -> list[str]:
    """`count` records of which `share` repeat an earlier record's text, at seeded places."""
    rng = random.Random(SEED)
    records = list(texts[: count - round(count * share)])
    for _ in range(count - len(records)):
        first = rng.randrange(len(records))
        records.insert(rng.randint(first + 1, len(records)), records[first])
    return records


def write(texts: list[str], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.writelines(
            json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--times", type=int, default=3, help="rounds per comparison (median)")
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    if not (args.data / "corpus_en.txt").exists():
        print(f"no corpus_en.txt in {args.data}: run `make bench DATA=DIR`", file=sys.stderr)
        raise SystemExit(2)
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-reuse-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"XDG_CACHE_HOME": str(work / "cache"), "PYTHONHASHSEED": "0",
            "PYTHONPYCACHEPREFIX": str(work / "pycache")}  # fmt: skip
    texts = lines(args.data / "corpus_en.txt", args.records)
    corpora = {
        "repeats": write(with_repeats(texts, args.records), work / "repeats.jsonl"),
        "distinct": write(texts, work / "distinct.jsonl"),
    }
    distinct_texts = len(set(with_repeats(texts, args.records)))
    print(
        f"{args.records} English paragraphs per corpus; repeats: {distinct_texts} distinct "
        f"({1 - distinct_texts / args.records:.0%} repeat); {os.cpu_count()} cpus, medians of "
        f"{args.times}\n",
        flush=True,
    )

    loads: list[float] = []

    def ours(name: str, path: Path) -> Sample:
        out = work / name
        shutil.rmtree(out, ignore_errors=True)
        command = [*PIPELINE, "run", str(path), "-o", str(out), "-q", "-w", "1"]
        loads.append(os.getloadavg()[0])
        return measured(command, env, work / f"{name}.log")

    def raw(name: str, path: Path) -> Sample:
        command = [sys.executable, str(ROOT / "bench" / "raw_en.py"), str(path), str(work / f"{name}.jsonl")]  # fmt: skip
        loads.append(os.getloadavg()[0])
        return measured(command, env, work / f"{name}.log")

    ours("warmup", corpora["repeats"])  # bytecode, the machine-wide caches a first run builds
    raw("raw-warmup", corpora["repeats"])
    loads.clear()
    samples: dict[str, dict[str, list[Sample]]] = {k: {"ours": [], "raw": []} for k in corpora}
    for _ in range(args.times):
        for kind, path in corpora.items():
            samples[kind]["ours"].append(ours(f"ours-{kind}", path))
            samples[kind]["raw"].append(raw(f"raw-{kind}", path))
    print("| benchmark | ours | baseline | ratio | target |")
    print("| --- | --- | --- | --- | --- |")
    targets = {"repeats": "≥ 1.2×", "distinct": "≥ 0.95×"}
    for kind in corpora:
        mine, base = samples[kind]["ours"], samples[kind]["raw"]
        title = "30 % of records repeat" if kind == "repeats" else "no repeats"
        print(row(f"9. English end to end, {title}, `-w 1`, vs `bench/raw_en.py` (speed)", median(mine).seconds, median(base).seconds, "s", paired(base, mine), targets[kind]))  # fmt: skip
        print(row(f"9. the same, {title}, CPU seconds (user + system)", median(mine).cpu, median(base).cpu, "s", paired(base, mine, "cpu"), "-"))  # fmt: skip
        print(row(f"9. the same, {title}, peak memory", median(mine).peak_mb, median(base).peak_mb, "MB", 1 / paired(base, mine, "peak_mb"), "-"))  # fmt: skip
    print(f"\nload average (1 min) before each run: {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cpus")  # fmt: skip
    for kind in corpora:
        rounds = zip(samples[kind]["ours"], samples[kind]["raw"], strict=True)
        shown = ", ".join(f"{o.seconds:.2f}/{r.seconds:.2f} s ({o.cpu:.2f}/{r.cpu:.2f} CPU-s)" for o, r in rounds)  # fmt: skip
        print(f"{kind}, ours/raw per round: {shown}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
