"""Standard input as an input file: spooled to a temporary file (streamed, any size), named
`stdin.jsonl` when its first line, decoded, is a JSON object, else `stdin.txt` (`kind_of`).

The spool's folder is random, so a run's identity (`plan.py`, what `--resume` compares) names
a spooled file by `-` and its content digest, never by its path: the same bytes piped again
resume the interrupted run; other bytes are refused, saying so.
"""

from __future__ import annotations

import codecs
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

from pipeline.io.encoding import BOMS, before_mark, wide_without_bom
from pipeline.io.seven_bit import read_iso2022

SNIFF_BYTES = 1 << 16
STDIN = "-"  # how a spooled file is placed in a run's identity
_spooled: set[Path] = set()  # this process's spool files, removed by `remove_spools`


def spool(source: BinaryIO) -> Path:
    """Copy `source` to a new temporary file; return its path."""
    folder = Path(tempfile.mkdtemp(prefix="pipeline-stdin-"))
    head = source.read(SNIFF_BYTES)
    kind = kind_of(head, complete=len(head) < SNIFF_BYTES)
    path = folder / f"stdin.{kind}"
    _spooled.add(path)
    with path.open("wb") as f:
        f.write(head)
        shutil.copyfileobj(source, f)
    return path


def kind_of(head: bytes, complete: bool = False) -> str:
    """`jsonl` when the stream's first line that is not blank (nor padding) is a JSON object,
    decoded as the file's reader will decode it (a byte-order mark of any UTF, UTF-16/32
    without one); else `txt`. A first line longer than the head (not `complete`) opens with
    `{"`. Deciding on a raw leading `{` read a text page beginning `{Draft}` as JSONL (every
    paragraph E003), and a UTF-16 JSONL stream (Windows PowerShell's `>`) as one text record."""
    from pipeline.io.readers.jsonl import json_line  # (the readers import discovery, this)

    text = head_text(head)
    for line in text.splitlines(keepends=True):
        body = json_line(line)
        if not body:
            continue
        whole = line.endswith(("\n", "\r")) or complete
        if not whole:
            return "jsonl" if OPENS_OBJECT.match(body) else "txt"
        try:
            return "jsonl" if isinstance(json.loads(body), dict) else "txt"
        except ValueError:
            return "txt"
    return "txt"


OPENS_OBJECT = re.compile(r'\{\s*+"')


def head_text(head: bytes) -> str:
    """The head of the stream as text, in the encoding its bytes show (BOM, UTF-16/32's NULs),
    else UTF-8 (invalid bytes replaced: only the first characters matter)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), *BOMS):
        if head.startswith(bom):
            return head.decode(encoding, errors="replace")
    wide = wide_without_bom(before_mark(head[:SNIFF_WIDE]))  # (a part after a BOM: `switches`)
    if wide is None and (b"\x1b" in head or b"\x0e" in head):
        return read_iso2022(head)  # ISO-2022 lines, read as the file will be (`seven_bit`)
    return head.decode(wide or "utf-8", errors="replace")


SNIFF_WIDE = 8192  # as `encoding.file_layout` sniffs it


def is_spooled(path: Path) -> bool:
    return path in _spooled or path.absolute() in _spooled


def remove_spools() -> None:
    for path in list(_spooled):
        shutil.rmtree(path.parent, ignore_errors=True)
        _spooled.discard(path)
