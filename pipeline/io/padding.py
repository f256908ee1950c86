"""Padding: runs of NUL bytes (or DOS end-of-file marks, Ctrl-Z) that fill a file around its
lines: a writer that crashed before it wrote into a preallocated file, a log rotated over a
zeroed block, files joined end to end. Padding is not text and not a sign of a binary file.

A small JSONL file of one record followed by 4,096 NULs was refused whole as binary (E002)
and the record was lost; a text file with the same padding got a corpus record made of 4,096
NULs. Here the binary test leaves padding out, and a reader skips it, with a warning (W010)
giving its size and offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.errors import Warn
from pipeline.io.compression import head, open_bytes
from pipeline.io.encoding import BINARY_RUN, SNIFF_BYTES, binary_sample

PAD = "\x00\x1a"  # NUL, and DOS's end-of-file mark (Ctrl-Z), which CP/M-era tools pad with
# a run of padding at the start of the sample or of a line: where a writer starts or stops
# (followed by a control character other than a line end, a run is no padding: a binary
# record's bytes, "\x00\x01\x02", are not a writer's fill)
PADDING_BYTES = re.compile(
    rb"(?:^|(?<=[\n\r]))[\x00\x1a]++(?![\x01-\x08\x0b\x0c\x0e-\x19\x1b-\x1f])"
)
Line = tuple[int, int, str | None]
WarningSink = Callable[[dict[str, Any]], None]


NUL_BLOCK = 32  # a run of this many NULs anywhere is a zeroed block, not a binary record
NUL_BLOCK_BYTES = re.compile(rb"\x00{%d,}" % NUL_BLOCK)
NUL_RUN = "\x00" * NUL_BLOCK
NUL_BLOCK_RUNS = re.compile(f"\\x00{{{NUL_BLOCK},}}")
STRAY_NULS = re.compile(f"(?<!\\x00)\\x00{{1,{NUL_BLOCK - 1}}}(?!\\x00)")


def run_length(text: str, at: int, char: str) -> int:
    """How many `char` follow one another in `text` from `at`."""
    return len(text) - at - len(text[at:].lstrip(char))


def zeroed_block(text: str, mark: str = "\x00") -> str | None:
    """Why a record's text is damaged by a zeroed block (a run of `NUL_BLOCK` NULs inside
    it, or of the `mark` a reader wrote them as: the bytes the block overwrote are lost), or
    None."""
    at = text.find(mark * NUL_BLOCK)
    if at < 0:
        return None
    count = run_length(text, at, mark)
    return f"a run of {count} NUL bytes (a zeroed block) cuts it: its bytes are lost"


def is_binary(path: Path, blocks: bool = False) -> bool:
    """Whether the file is binary: NULs among its first bytes (as `encoding.is_binary`), not
    counting padding at the start of a line or of the file (binary formats have NULs inside
    their records, 4-byte integers, not only after a line end), nor, with `blocks`, runs of
    `NUL_BLOCK` NULs anywhere (a filesystem block zeroed by a crash lands mid-line: a table
    with one such run was refused whole as binary; its reader fails the rows the run cuts).
    A file of nothing but padding (a zeroed file) is binary: it holds no text."""
    sample = head(path, SNIFF_BYTES)
    if not sample.count(b"\0"):
        return binary_sample(sample)  # (no NUL: a magic number, controls, no decoding)
    if BINARY_RUN.search(sample):
        return True  # a NUL then a control character: a binary record's bytes, no fill
    rest = PADDING_BYTES.sub(b"", sample)
    if len(sample) < SNIFF_BYTES:  # the whole file: padding after its last line too
        rest = rest.rstrip(b"\x00\x1a")
    if blocks:
        rest = NUL_BLOCK_BYTES.sub(b"", rest)
    if not rest.strip(b"\x00\x1a \t\r\n"):
        rest = after_padding(path)  # padding longer than the sample: what follows it
        if not rest:
            return True
    return binary_sample(rest)


def after_padding(path: Path) -> bytes:
    """The first bytes after the padding (and blanks) a file starts with; b"" when there is
    nothing else (read a megabyte at a time: linear, memory bounded)."""
    with open_bytes(path) as f:
        while chunk := f.read(1 << 20):
            rest = chunk.lstrip(b"\x00\x1a \t\r\n")
            if rest:
                return rest[:SNIFF_BYTES] + f.read(max(0, SNIFF_BYTES - len(rest)))
    return b""


def padding_of(text: str) -> tuple[int, int]:
    """The lengths of the padding runs at the start and at the end of a line."""
    body = text.lstrip(PAD)
    lead = len(text) - len(body)
    return lead, len(body) - len(body.rstrip(PAD))


def unpadded(
    lines: Iterable[Line], source: str, warn: WarningSink, stray: bool = True
) -> Iterator[Line]:
    """The lines without their padding: a line of nothing but padding (and blanks) is given
        as blank (so it still ends a paragraph); a run at the start of a line (where a writer
        started, or a file joined after padding) or at the end of the file's last line is cut
        off. Each run is reported once (W010) with its line, its byte offset and its length in
        characters. Stray NULs inside a line of text (a damaged export) are taken out, reported
    (W010) once per line; a zeroed block inside one is kept, and fails its record."""
    previous: Line | None = None
    for line in lines:
        if previous is not None:
            yield strip(previous, source, warn, last=False, stray=stray)
        previous = line
    if previous is not None:
        yield strip(previous, source, warn, last=True, stray=stray)


def strip(line: Line, source: str, warn: WarningSink, last: bool, stray: bool = True) -> Line:
    """One line without its padding: all of it, a run at its start, a run at the end of the
    file's last line, and (with `stray`) its stray NULs; each run cut reported."""
    number, byte, text = line
    if text is None or not any(c in text for c in PAD):
        return line
    if not text.strip(PAD + " \t\r\n\x0b\x0c"):
        count = sum(text.count(c) for c in PAD)
        warn(Warn.PADDING_SKIPPED.entry(source, number, byte, count=count, offset=byte))
        return number, byte, ""
    lead, trail = padding_of(text)
    trail = trail if last else 0
    if lead:
        warn(Warn.PADDING_SKIPPED.entry(source, number, byte, count=lead, offset=byte))
    if trail:
        at = byte + len(text[: len(text) - trail].encode("utf-8", "surrogatepass"))
        warn(Warn.PADDING_SKIPPED.entry(source, number, at, count=trail, offset=at))
    kept = text[lead : len(text) - trail]
    block = kept.find(NUL_RUN)
    if block >= 0:  # a zeroed block inside the line: warned, kept; its record fails
        count = run_length(kept, block, "\x00")
        at = byte + len(text[: lead + block].encode("utf-8", "surrogatepass"))
        warn(Warn.PADDING_SKIPPED.entry(source, number, at, count=count, offset=at))
    if not stray:
        return number, byte, kept
    start = byte + len(text[:lead].encode("utf-8", "surrogatepass"))
    return number, byte, without_stray_nuls(kept, number, start, source, warn)


def without_stray_nuls(text: str, number: int, byte: int, source: str, warn: WarningSink) -> str:
    """A line without its stray NULs (runs shorter than a zeroed block, inside the text: a
    damaged export's; the file was read as text, `encoding.binary_sample`): they are no text
    and no JSON or CSV parser takes them. One warning (W010) per line, at the first."""
    first = STRAY_NULS.search(text)
    if first is None:
        return text
    count = sum(len(m[0]) for m in STRAY_NULS.finditer(text))
    at = byte + len(text[: first.start()].encode("utf-8", "surrogatepass"))
    warn(Warn.PADDING_SKIPPED.entry(source, number, at, count=count, offset=at))
    return STRAY_NULS.sub("", text)
