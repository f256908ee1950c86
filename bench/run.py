"""End-to-end benchmarks: what a user runs, as whole processes, side by side with raw engines.

    .venv/bin/python bench/run.py [--data ../shared/data/bench] [--times 3] [--scale 1.0]

Every side is a fresh process started the way a user starts it (`pipeline run INPUT -o OUT`,
default settings; `-w 1` where the comparison is one process against one process), timed
from start to exit, model loading included, with its peak memory (the process and its
children, from `wait4`). Sides alternate, `--times` rounds, and the median of the per-round ratios counts. Inputs are
real prose (`corpus_en.txt`, `corpus_fr.txt`, one paragraph per line) written as JSONL.

The machine-wide caches a first run builds once (the lexicon's tables, py3langid's unpacked
model) are built by a warm-up run; the translation cache is emptied before every French run,
so each is a first translation of that text.

1. English end to end (read, detect, NER, link, write), `-w 1`, vs `bench/raw_en.py`.
2. French end to end (with translation), `-w 1`, vs `bench/raw_fr.py` (apertium fr-es |
   spa-eng, French NER, English NER, in sequence).
3. `-w 2` vs `-w 1` on the English input of (1) (one 600 kB file), identical output.
4. French again with the translation cache of the previous run: translate stage and total.
5. Start-up: the sample corpus (`data/raw`, default settings) and `pipeline detect TEXT`.
6. Peak memory of one process at 1× and 10× the corpus (distinct text, not repeats; English
   and French paragraphs mixed 3:1 in both).
8. Scale: the same English records at 1×, 4× and 16× (3,000 → 48,000 records, distinct ids,
   documents of 20 records), `-w 2`: seconds per 1,000 records, the share of the wall time
   spent after the first pass's last shard was committed (corpus-wide work and the merge),
   and the peak memory of the largest process; then the 16× corpus under `--executor dask`
   (a local cluster) must give the same corpus.
7. `pipeline translate -s fr` over 1,000 real sentences (the dev news set, `real/`), first
   translation, vs `apertium -u fr-es | apertium -u spa-eng` on the same lines, and vs that
   chain with the French NER name protection needs running beside it (`bench/raw_translate.py`
   floor: the least the same work costs on this machine's cores).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.run.parts import Parts

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.translate_speed import adopt_orphans, reap_orphans  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data")) / "bench"
PIPELINE = [sys.executable, "-m", "pipeline"]


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # CPU seconds of the process and its children (user + system)


def measured(command: list[str], env: dict[str, str], log: Path) -> Sample:
    """Wall seconds, peak memory and CPU seconds of one process run to its end."""
    with log.open("wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=err, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}\n{log.read_text()}")
    return Sample(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def after_first_pass(
    command: list[str], env: dict[str, str], log: Path, out: Path
) -> tuple[Sample, float]:
    """`measured`, and the seconds from the first pass's last shard commit to the end: a
    thread watches the first pass's shards committed (`Parts.committed_shards`)."""
    last = [time.perf_counter()]
    done = threading.Event()

    def watch() -> None:
        seen = 0
        while not done.wait(0.05):
            now = Parts.of(out).committed_shards()
            if now > seen:
                seen, last[0] = now, time.perf_counter()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    sample = measured(command, env, log)
    ended = time.perf_counter()
    done.set()
    watcher.join()
    return sample, ended - last[0]


def paired(base: list[Sample], ours: list[Sample], key: str = "seconds") -> float:
    """The median of the per-round ratios base/ours: runs of one round are next to each
    other in time, so the machine's slow drifts cancel out (this machine is shared)."""
    return statistics.median(
        getattr(b, key) / getattr(o, key) for b, o in zip(base, ours, strict=True)
    )


def median(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.seconds for s in samples),
        statistics.median(s.peak_mb for s in samples),
        statistics.median(s.cpu for s in samples),
    )


def lines(path: Path, count: int) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()][:count]


def write_jsonl(texts: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(
            json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
        )
    return path


def row(name: str, ours: float, base: float, unit: str, ratio: float, target: str) -> str:
    return f"| {name} | {ours:.2f} {unit} | {base:.2f} {unit} | {ratio:.2f}× | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--times", type=int, default=3, help="rounds per comparison (median)")
    parser.add_argument("--scale", type=float, default=1.0, help="corpus sizes multiplier")
    args = parser.parse_args()
    adopt_orphans()  # `pipeline translate`'s Apertium programs end after it (row 7)
    if not (args.data / "corpus_en.txt").exists():
        print(
            f"no benchmark corpora in {args.data} (developer data, not shipped): run "
            "`make bench DATA=DIR` with DIR holding bench/corpus_en.txt and bench/corpus_fr.txt",
            file=sys.stderr,
        )
        raise SystemExit(2)
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONHASHSEED": "0"}
    translations = work / "cache" / "pipeline" / "translations.sqlite"
    en = write_jsonl(lines(args.data / "corpus_en.txt", int(3000 * args.scale)), work / "en.jsonl")
    fr = write_jsonl(lines(args.data / "corpus_fr.txt", int(600 * args.scale)), work / "fr.jsonl")
    print(
        f"English: {en.stat().st_size / 1e3:,.0f} kB, {int(3000 * args.scale)} paragraphs; "
        f"French: {fr.stat().st_size / 1e3:,.0f} kB, {int(600 * args.scale)} paragraphs; "
        f"{os.cpu_count()} cpus, python {sys.version.split()[0]}, medians of {args.times}\n",
        flush=True,
    )

    def run(name: str, command: list[str]) -> Sample:
        return measured(command, env, work / f"{name}.log")

    def ours(name: str, inputs: Path | str, *options: str) -> Sample:
        out = work / name
        shutil.rmtree(out, ignore_errors=True)
        return run(name, [*PIPELINE, "run", str(inputs), "-o", str(out), "-q", *options])

    def raw(script: str, inputs: Path, name: str) -> Sample:
        return run(name, [sys.executable, str(ROOT / "bench" / script), str(inputs), str(work / f"{name}.jsonl")])  # fmt: skip

    ours("warmup", fr, "-w", "1")  # builds the machine-wide caches a first run builds once

    samples: dict[str, list[Sample]] = {k: [] for k in ("en1", "raw_en", "en2", "fr1", "raw_fr")}
    for _ in range(args.times):
        samples["en1"].append(ours("en-w1", en, "-w", "1"))
        samples["en2"].append(ours("en-w2", en, "-w", "2"))
        samples["raw_en"].append(raw("raw_en.py", en, "raw-en"))
        translations.unlink(missing_ok=True)
        samples["fr1"].append(ours("fr-cold", fr, "-w", "1"))
        samples["raw_fr"].append(raw("raw_fr.py", fr, "raw-fr"))
    same = (work / "en-w1" / "corpus.jsonl").read_bytes() == (work / "en-w2" / "corpus.jsonl").read_bytes()  # fmt: skip
    en1, raw_en, en2 = median(samples["en1"]), median(samples["raw_en"]), median(samples["en2"])
    fr1, raw_fr = median(samples["fr1"]), median(samples["raw_fr"])
    cold = json.loads((work / "fr-cold" / "run.json").read_text())
    warm_samples = [ours("fr-warm", fr, "-w", "1") for _ in range(args.times)]
    warm = json.loads((work / "fr-warm" / "run.json").read_text())
    ours("sample-warmup", ROOT / "data" / "raw")
    sample = median([ours("sample", ROOT / "data" / "raw") for _ in range(args.times)])
    detect = median([run("detect", [*PIPELINE, "detect", "un mot"]) for _ in range(args.times)])
    # English and French paragraphs, 3:1, at both sizes: every model is loaded in both runs
    # (memory depends on the languages in the input, which is not what this measures).
    english = lines(args.data / "corpus_en.txt", int(4500 * args.scale))
    french = lines(args.data / "corpus_fr.txt", int(1500 * args.scale))
    every: list[str] = []
    for i, text in enumerate(english):
        every.append(text)
        if i % 3 == 2 and i // 3 < len(french):
            every.append(french[i // 3])
    news = args.data.parent / "real" / "mt_fr_en_newstest2014_dev.jsonl"
    translate_rows: list[str] = []
    if news.exists():
        sentences = work / "news_fr.txt"
        with news.open(encoding="utf-8") as f:
            first = [json.loads(line)["fr"] for line, _ in zip(f, range(1000), strict=False)]
        sentences.write_text("".join(text + "\n" for text in first), encoding="utf-8")
        rounds: dict[str, list[Sample]] = {"ours": [], "chain": [], "floor": []}
        for _ in range(args.times):
            translations.unlink(missing_ok=True)
            with sentences.open("rb") as stdin, (work / "translate.log").open("wb") as err:
                started = time.perf_counter()
                proc = subprocess.Popen([*PIPELINE, "translate", "-s", "fr"], cwd=ROOT, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
                _, status, usage = os.wait4(proc.pid, 0)
                seconds = time.perf_counter() - started
                reap_orphans()  # gone before the next run starts
                if os.waitstatus_to_exitcode(status) != 0:
                    raise SystemExit(f"pipeline translate failed: {(work / 'translate.log').read_text()}")  # fmt: skip
                rounds["ours"].append(Sample(seconds, usage.ru_maxrss / 1024))
            for kind in ("chain", "floor"):
                rounds[kind].append(run(f"raw-{kind}", [sys.executable, str(ROOT / "bench" / "raw_translate.py"), kind, str(sentences), str(work / f"raw-{kind}.txt")]))  # fmt: skip
        mine = median(rounds["ours"]).seconds
        translate_rows = [
            row("7. `pipeline translate -s fr`, 1,000 news sentences, vs the raw Apertium chain", mine, median(rounds["chain"]).seconds, "s", 1 / paired(rounds["chain"], rounds["ours"]), "≤ 1.5×"),
            row("7. the same, vs the chain + French NER beside it (the floor)", mine, median(rounds["floor"]).seconds, "s", 1 / paired(rounds["floor"], rounds["ours"]), "-"),
        ]  # fmt: skip
    one = ours("mem-1x", write_jsonl(every[: len(every) // 10], work / "m1.jsonl"), "-w", "1")
    ten = ours("mem-10x", write_jsonl(every, work / "m10.jsonl"), "-w", "1")
    scale_rows = scaling(lines(args.data / "corpus_en.txt", int(3000 * args.scale)), work, env)

    print("| benchmark | ours | baseline | ratio | target |")
    print("| --- | --- | --- | --- | --- |")
    for line in (
        row("1. English end to end, `-w 1`, vs `bench/raw_en.py` (speed)", en1.seconds, raw_en.seconds, "s", paired(samples["raw_en"], samples["en1"]), "≥ 0.9×"),
        row("1. English end to end, peak memory", en1.peak_mb, raw_en.peak_mb, "MB", 1 / paired(samples["raw_en"], samples["en1"], "peak_mb"), "≤ 1.3×"),
        row("2. French end to end, `-w 1`, vs `bench/raw_fr.py` (speed)", fr1.seconds, raw_fr.seconds, "s", paired(samples["raw_fr"], samples["fr1"]), "≥ 0.8×"),
        row("2. French end to end, peak memory", fr1.peak_mb, raw_fr.peak_mb, "MB", 1 / paired(samples["raw_fr"], samples["fr1"], "peak_mb"), "-"),
        row(f"3. `-w 2` vs `-w 1`, one {en.stat().st_size / 1e3:,.0f} kB file (identical output: {same})", en2.seconds, en1.seconds, "s", paired(samples["en1"], samples["en2"]), "≥ 1.7×"),
        row("4. translate stage, warm cache vs first run", warm["seconds"]["translate"], cold["seconds"]["translate"], "s", cold["seconds"]["translate"] / max(warm["seconds"]["translate"], 1e-3), "≥ 10×"),
        row("4. French end to end, warm cache vs first run", median(warm_samples).seconds, fr1.seconds, "s", fr1.seconds / median(warm_samples).seconds, "-"),
        row("5. sample corpus (`data/raw`), default settings, warm", sample.seconds, 4.0, "s", sample.seconds / 4.0, "≤ 1× of 4 s"),
        row("5. `pipeline detect TEXT`", detect.seconds, 1.0, "s", detect.seconds / 1.0, "≤ 1× of 1 s"),
        row("6. peak memory, 10× the corpus vs 1× (one process)", ten.peak_mb, one.peak_mb, "MB", ten.peak_mb / one.peak_mb, "≤ 1.2×"),
        *translate_rows,
        *scale_rows,
    ):  # fmt: skip
        print(line)
    shutil.rmtree(work, ignore_errors=True)


def scaling(texts: list[str], work: Path, env: dict[str, str]) -> list[str]:
    """Row 8: one run at each size (these runs are long), `-w 2`, default settings."""
    results: dict[int, tuple[Sample, float, int]] = {}
    for times in (1, 4, 16):
        path = work / f"scale-{times}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(len(texts) * times):
                row_ = {"id": f"r{i}", "doc_id": f"d{i // 20}", "text": texts[i % len(texts)]}
                f.write(json.dumps(row_, ensure_ascii=False) + "\n")
        out = work / f"scale-{times}"
        shutil.rmtree(out, ignore_errors=True)
        command = [*PIPELINE, "run", str(path), "-o", str(out), "-q", "-w", "2"]
        sample, post = after_first_pass(command, env, work / f"scale-{times}.log", out)
        results[times] = (sample, post, len(texts) * times)
    dask_out = work / "scale-16-dask"
    command = [*PIPELINE, "run", str(work / "scale-16.jsonl"), "-o", str(dask_out), "-q",
               "-w", "2", "--executor", "dask"]  # fmt: skip
    measured(command, env, work / "scale-dask.log")
    same = (dask_out / "corpus.jsonl").read_bytes() == (work / "scale-16" / "corpus.jsonl").read_bytes()  # fmt: skip
    base, _, n1 = results[1]
    per_1k = {t: s.seconds / n * 1000 for t, (s, _, n) in results.items()}
    rows = []
    for times in (4, 16):
        sample, post, n = results[times]
        rows += [
            row(f"8. scale {times}× ({n:,} records), `-w 2`: seconds per 1,000 records vs 1× ({n1:,})", per_1k[times], per_1k[1], "s", per_1k[times] / per_1k[1], "≤ 1.15× at 16×"),
            row(f"8. scale {times}×: peak memory of the largest process vs 1×", sample.peak_mb, base.peak_mb, "MB", sample.peak_mb / base.peak_mb, "≤ 1.2× at 16×"),
            row(f"8. scale {times}×: wall time after the first pass's last shard (share)", post, sample.seconds, "s", post / sample.seconds, "≤ 0.10 at 16×"),
        ]  # fmt: skip
    rows.append(
        f"| 8. scale 16× under `--executor dask` (local cluster): same corpus as local | {same} | - | - | True |"
    )
    return rows


if __name__ == "__main__":
    main()
