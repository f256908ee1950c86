"""What the command tells the terminal: text escaped on the way out, and a usage error in one
line with exit status 2."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import typer

from pipeline.safe_text import safe


def echo(message: object = "", err: bool = False) -> None:
    """`typer.echo` through `safe_text.safe`: no character of a name or an input text reaches
    the terminal as a control (names and texts in a message are made `safe` whole where the
    message is built; this keeps the line ends and tabs the program laid out). Data printed
    on standard output (a translation, a language) is escaped only when it goes to a
    terminal: a pipe gets it exact."""
    text = str(message)
    if err or sys.stdout.isatty():
        text = safe(text, layout=True)
    typer.echo(text, err=err)


def usage_error(message: str) -> NoReturn:
    """A mistake in how the pipeline was called: one line naming the option and the fix, exit 2,
    before any model loads and before anything is written."""
    echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def missing_input(path: Path) -> str:
    """A named input that is not there, shown safely; a link says where it leads (a ring of
    links, or a target that is gone), which `exists()` alone hides."""
    if not path.is_symlink():
        return safe(str(path))
    return f"{safe(str(path))} (a link that leads nowhere: to {safe(os.readlink(path))})"
