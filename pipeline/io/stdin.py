"""Standard input as an input file: spooled to a temporary file (streamed, any size), named
`stdin.jsonl` when it opens with a JSON object, else `stdin.txt`.

The spool's folder is random, so a run's identity (`plan.py`, what `--resume` compares) names
a spooled file by `-` and its content digest, never by its path: the same bytes piped again
resume the interrupted run; other bytes are refused, saying so.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

SNIFF_BYTES = 1 << 16
STDIN = "-"  # how a spooled file is placed in a run's identity
_spooled: set[Path] = set()  # this process's spool files, removed by `remove_spools`


def spool(source: BinaryIO) -> Path:
    """Copy `source` to a new temporary file; return its path."""
    folder = Path(tempfile.mkdtemp(prefix="pipeline-stdin-"))
    head = source.read(SNIFF_BYTES)
    kind = "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "txt"
    path = folder / f"stdin.{kind}"
    _spooled.add(path)
    with path.open("wb") as f:
        f.write(head)
        shutil.copyfileobj(source, f)
    return path


def is_spooled(path: Path) -> bool:
    return path in _spooled or path.absolute() in _spooled


def remove_spools() -> None:
    for path in list(_spooled):
        shutil.rmtree(path.parent, ignore_errors=True)
        _spooled.discard(path)
