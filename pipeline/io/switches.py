"""Where a file's encoding switches: files joined end to end in different encodings.

`cat a.txt b.txt` of a UTF-8 export and a UTF-16 one, Windows PowerShell 5's `>>` (it appends
UTF-16LE to an existing UTF-8 file), Notepad's UTF-16 files joined after UTF-8 ones: the file
holds a byte-order mark in its middle. Read as one encoding it was lost whole as binary (its
UTF-16 part has NUL bytes, E002). A BOM is a switch only when what follows it reads as text in
the encoding it names, with its own blanks or line ends: a NUL beside each, which 8-bit text
never has (`ÿþ` in Windows-1252 is the bytes of a UTF-16LE BOM, followed by no NUL).

Back from UTF-16/32 to 8-bit text (`cat a b c`, the third file UTF-8): at a UTF-8 BOM on a
code-unit boundary, or at a line start from which the bytes hold no NUL to the end of the file,
to the next BOM, or for `LOOK` bytes, and read as 8-bit lines (a line of UTF-16 CJK text has no
NUL either, but its line end has one).

One streamed pass, a megabyte at a time, with `LOOK` bytes of look-ahead: memory bounded, cost
linear (each line start looks at most as far as the next NUL, which ends a UTF-16 line).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.io.compression import READ_ERRORS, open_bytes

CHUNK = 1 << 20
LOOK = 8192  # bytes after a BOM (or a line start) that must read as the new encoding
PRINTABLE = 0.98  # of the characters after a BOM (as `encoding.WIDE_PRINTABLE`)
BINARY_NULS = 4  # NULs that make an 8-bit part binary (as `encoding.BINARY_NULS`)
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)  # fmt: skip
UTF8_BOM = codecs.BOM_UTF8
NARROW = ""  # a segment of 8-bit text (its encoding decided on its own evidence)

Segment = tuple[int, str]  # (byte where it starts, `NARROW` or the wide encoding)


class Window:
    """The file's bytes from an offset on, read a megabyte at a time, with look-ahead."""

    def __init__(self, f: object) -> None:
        self.f = f
        self.buf = b""
        self.base = 0  # the file offset of buf[0]
        self.eof = False

    def fill(self, until: int) -> None:
        """Read until the buffer holds the file's bytes up to offset `until` (or its end)."""
        while not self.eof and self.base + len(self.buf) < until:
            try:
                chunk = self.f.read(CHUNK)  # type: ignore[attr-defined]
            except READ_ERRORS:
                chunk = b""
            if not chunk:
                self.eof = True
            self.buf += chunk

    def drop(self, before: int) -> None:
        """Forget the bytes before `before` (kept while under a megabyte: slicing is a copy)."""
        if before - self.base > CHUNK:
            self.buf = self.buf[before - self.base :]
            self.base = before

    def at(self, start: int, end: int) -> bytes:
        self.fill(end)
        return self.buf[start - self.base : end - self.base]

    @property
    def end(self) -> int:
        return self.base + len(self.buf)


def segments(path: Path, first: str | None) -> list[Segment]:
    """The file's segments, in order: [(0, NARROW)] or [(0, wide)] for a file of one encoding.
    `first` is the wide encoding the file starts in (a BOM or `wide_without_bom`), else None."""
    try:
        with open_bytes(path) as f:
            found = list(walk(Window(f), first))
    except OSError:
        return [(0, first or NARROW)]
    return found


def walk(w: Window, first: str | None) -> Iterator[Segment]:
    pos, kind = 0, first or NARROW
    start_bom = first in ("utf-16", "utf-32")
    while True:
        yield pos, kind
        if kind == NARROW:
            nxt = narrow_end(w, pos)
        else:
            nxt = wide_end(w, pos, kind, bom=start_bom or pos > 0)
        if nxt is None:
            return
        pos, kind = nxt
        start_bom = False


def narrow_end(w: Window, start: int) -> Segment | None:
    """The next verified UTF-16/32 BOM in 8-bit text, and the encoding it names; None when
    there is none, or when the 8-bit part is binary (NULs: a binary file stays binary). Each
    mark is looked for once (a search from each rejected one to the buffer's end, for the
    mark that was not there, made 8-bit text full of `ÿþ` quadratic)."""
    pos, nuls = start, 0
    w.fill(pos + CHUNK)
    while True:
        i = pos - w.base
        found = MARKS.search(w.buf, i)
        if found is None:
            if w.eof:
                return None
            upto = max(pos, w.end - 1)  # a mark's first byte may end the buffer
            nuls += w.buf.count(b"\0", i, upto - w.base)
            pos = upto
            w.drop(pos)
            w.fill(w.end + CHUNK)
            continue
        at = w.base + found.start()
        nuls += w.buf.count(b"\0", i, found.start())
        if nuls >= BINARY_NULS:
            return None  # NULs before the mark: binary data, not an 8-bit text part
        for bom, named, fixed in WIDE_BOMS:
            if w.at(at, at + len(bom)) == bom and reads_wide(
                w.at(at + len(bom), at + len(bom) + LOOK), fixed
            ):
                return at, named
        pos = at + 1
        w.drop(pos)


MARKS = re.compile(rb"\xff\xfe|\xfe\xff")  # the bytes of a UTF-16 BOM (and UTF-32LE's start)


def reads_wide(sample: bytes, encoding: str) -> bool:
    """Whether the bytes after a BOM are text in the wide `encoding` (fixed byte order): its
    first line (to its line end, or `LOOK` bytes) decodes without an error, holds a blank or a
    line end (a NUL beside it: 8-bit text has none) and is printable."""
    if b"\0" not in sample:
        return False  # 8-bit text: no NUL (UTF-16 text has one in its line end at the latest)
    width = 4 if encoding.startswith("utf-32") else 2
    ends = [aligned_find(sample, c.encode(encoding), 0, width) for c in "\n\r"]
    end = min((e for e in ends if e >= 0), default=-1)  # (a CR alone: a Mac file's line end)
    cut = sample[: end + width] if end >= 0 else sample[: len(sample) // width * width]
    try:
        text = cut.decode(encoding)
    except UnicodeDecodeError as e:
        if e.start < len(cut) - 4 or end >= 0:
            return False
        text = cut[: e.start].decode(encoding, "replace")  # a pair cut by the look-ahead
    if not text or not any(c in " \t\r\n\u3000" for c in text):
        return False
    printable = sum(c.isprintable() or c in "\t\r\n" for c in text)
    return printable >= PRINTABLE * len(text)


def aligned_find(data: bytes, unit: bytes, start: int, width: int, end: int | None = None) -> int:
    """The first occurrence of `unit` at a multiple of `width` from `start`, or -1."""
    stop = len(data) if end is None else end
    i = data.find(unit, start, stop)
    while i >= 0 and (i - start) % width:
        i = data.find(unit, i + 1, stop)
    return i


def wide_end(w: Window, start: int, encoding: str, bom: bool) -> Segment | None:
    """Where a UTF-16/32 segment ends: a BOM on a code-unit boundary (another wide one, or
    UTF-8's) that the bytes after it bear out, or a line start from which 8-bit text runs on.
    Walked a line (or a megabyte of one long line) at a time."""
    width = 4 if encoding.startswith("utf-32") else 2
    fixed = order(w, start, encoding) if encoding in ("utf-16", "utf-32") else encoding
    lf = "\n".encode(fixed)
    boms = [(b, named) for b, named, _ in WIDE_BOMS] + [(UTF8_BOM, NARROW)]
    pos = start + (width if bom else 0)
    line_start = False
    while True:
        w.fill(pos + CHUNK)
        if line_start and narrow_from(w, pos):
            return pos, NARROW
        data, base = w.buf, w.base
        i = pos - base
        stop = len(data) - (len(data) - i) % width
        nl = aligned_find(data, lf, i, width, stop)
        upto = nl + width if nl >= 0 else stop
        for mark, named in boms:
            j = aligned_find(data, mark, i, width, upto)
            while j >= 0:
                after = base + j + len(mark)
                sample = w.at(after, after + LOOK)
                data, base = w.buf, w.base  # (the look-ahead may have read on)
                if named == NARROW and utf8_text(sample):
                    return base + j, NARROW
                if (
                    named
                    and base + j != start
                    and any(b == mark and reads_wide(sample, f) for b, _, f in WIDE_BOMS)
                ):
                    return base + j, named
                j = aligned_find(data, mark, j + width, width, upto)
        if upto <= i:  # nothing left but a cut code unit
            return None
        pos = base + upto
        line_start = nl >= 0
        w.drop(pos)
        if w.eof and pos >= w.end:
            return None


def order(w: Window, start: int, encoding: str) -> str:
    """The byte order a BOM at `start` names."""
    for bom, named, fixed in WIDE_BOMS:
        if named == encoding and w.at(start, start + len(bom)) == bom:
            return fixed
    return f"{encoding}-le"


def utf8_text(sample: bytes) -> bool:
    """Whether bytes after a UTF-8 BOM read as UTF-8 text (to their first NUL)."""
    cut = sample.split(b"\0", 1)[0]
    try:
        cut.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(cut) - 3 and e.start > 0  # a character cut by the look-ahead
    return bool(cut.strip())


def narrow_from(w: Window, pos: int) -> bool:
    """Whether 8-bit text starts at this line start of a wide segment: no NUL from here to
    the end of the file, to the next BOM, or for `LOOK` bytes (a UTF-16 line's end has one),
    with an 8-bit line end in it, and UTF-8 (or at least two 8-bit lines)."""
    w.fill(pos + LOOK)
    i = pos - w.base
    nul = w.buf.find(b"\0", i, i + LOOK)
    run = w.buf[i : nul if nul >= 0 else i + LOOK]
    if not run or b"\n" not in run:
        return False
    ends_run = nul < 0 and (w.eof or len(run) >= LOOK)
    if not ends_run and not any(b in run for b, _, _ in WIDE_BOMS):
        return False  # a NUL ends it: a wide line (CJK text holds no NUL but its end)
    if run.count(b"\n") >= 2 and not run.startswith(b"\n"):
        return True
    return utf8_text(run)
