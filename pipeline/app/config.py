"""`--config FILE`: a TOML file or an earlier run's run.json gives a command its options (the
command line wins), and a run records its options so that run.json reads back as one."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import tomllib
import typer

from pipeline.app.terminal import usage_error
from pipeline.io.readers.base import written_names

LIST_OPTIONS = ("text_field", "id_field")  # one option value, a comma-separated list


def load_config(ctx: typer.Context, value: Path | None) -> Path | None:
    """`--config FILE`: its options become the defaults of this command (the command line
    wins). TOML keys are option names (dashes or underscores); a run.json gives the options
    its run recorded."""
    if value is None:
        return None
    try:
        text = value.read_text(encoding="utf-8")
        loaded = (
            json.loads(text).get("options", {}) if value.suffix == ".json" else tomllib.loads(text)
        )
    except (OSError, ValueError) as e:
        usage_error(f"--config {value}: {e}")
    keys = option_keys(ctx)
    known = sorted(k for k in keys if "_" not in k)
    for key in sorted(str(k) for k in loaded if k not in keys):
        close = difflib.get_close_matches(key.replace("_", "-"), known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
        usage_error(f"--config {value}: unknown option {key!r}; {hint}")
    params = {p.name: p for p in ctx.command.params}
    options = {}
    for key, given in loaded.items():
        name, negated = keys[key]
        options[name] = config_value(ctx, params[name], (not given) if negated else given,
                                     f"--config {value}: {key} = {given!r}")  # fmt: skip
    ctx.default_map = {**(ctx.default_map or {}), **options}
    return value


def option_keys(ctx: typer.Context) -> dict[str, tuple[str, bool]]:
    """Each key a config file may write for the command's options → (parameter, negated): the
    parameter's name, its long options, `--no-` forms negated; dashes or underscores."""
    keys: dict[str, tuple[str, bool]] = {}
    for param in ctx.command.params:
        if param.name and param.name != "config":
            keys[param.name] = keys[param.name.replace("_", "-")] = (param.name, False)
            for opt in param.opts:
                if opt.startswith("--"):
                    keys[opt[2:]] = (param.name, False)
            for opt in getattr(param, "secondary_opts", []):  # --no-report
                keys[opt.lstrip("-")] = (param.name, True)
    keys.update({k.replace("-", "_"): v for k, v in list(keys.items())})
    return keys


def config_value(ctx: typer.Context, param: Any, given: Any, where: str) -> Any:
    """A value of a config file, as the option takes it, or a one-line error naming the file
    and key: one input for a list of them is a list of one; a list for a list option is
    joined with commas."""
    many = param.multiple or param.nargs == -1
    if many and isinstance(given, str):
        given = [given]
    elif param.name in LIST_OPTIONS and isinstance(given, list):
        if not all(isinstance(name, str) for name in given):
            usage_error(f'{where}: expected field names, e.g. ["review", "text"]')
        given = written_names(given)  # item by item: a name may hold a comma
    if many and not isinstance(given, list):
        usage_error(f'{where}: expected a list, e.g. ["a", "b"]')
    if not many and isinstance(given, list | dict):
        usage_error(f"{where}: expected one value, not a {type(given).__name__}")
    try:
        param.process_value(ctx, given)
    except typer.BadParameter as e:
        usage_error(f"{where}: {e.message}")
    return given


def recorded_options(params: dict[str, Any]) -> dict[str, Any]:
    """The run's options as `--config` reads them back (not --config itself, nor --resume: a
    reproduction is a run of its own). Paths are absolute (`-`, standard input, as given): a
    rerun from another folder read whatever files had the same relative names there."""
    out: dict[str, Any] = {}
    for name, value in sorted(params.items()):
        if name in ("config", "resume") or value is None:
            continue
        if isinstance(value, list | tuple):
            out[name] = [recorded_path(v) if isinstance(v, Path) else v for v in value]
        else:
            out[name] = recorded_path(value) if isinstance(value, Path) else value
    return out


def recorded_path(path: Path) -> str:
    """A path as run.json records it: absolute, links kept as written (not resolved)."""
    return str(path) if str(path) == "-" else os.path.abspath(path)
