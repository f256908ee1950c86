"""Compressed inputs: `corpus.jsonl.gz`, `notes.txt.xz`, `page.html.bz2`, `dump.jsonl.zst` are
read as the file inside them (the standard library's decoders, and zstandard for `.zst`;
streamed, never unpacked to disk).

A compressed file is one shard (its bytes cannot be split at line boundaries without reading
them all), and its records' byte offsets count uncompressed bytes.

Only content the archive vouches for is given (docs/archives.md has the table). An archive is
a sequence of units, each with its own check at its end: gzip members (CRC-32 and length),
bzip2 and xz streams (block CRCs, the stream's CRC or check and index), zstd frames (a content
checksum when the frame has one). A byte flipped early in a member decodes to wrong text long
before the check fails: read as it decoded, the damaged records were written and the CRC
error came after them. So the file is first decoded once to nowhere (`verify`: one pass,
memory bounded, remembered per file), which finds where it stops being sound, and its content
is then given up to there only (`Sound`), then the break is raised (`BrokenArchive`):

- a unit that fails (its decoder raises, or its check differs): nothing of it or after it is
  given; the break names the unit and its byte in the file;
- the file ends inside a unit (cut): what the unit decoded before the cut is given (a cut
  damages nothing before it: "a truncated archive keeps the records before the break"), then
  the break;
- NUL bytes between or after units: padding (xz's stream padding; dd and tape blocks; gzip
  and Python's gzip skip them), no break; any other bytes there: a break with their offset
  (they were accepted silently after bzip2 and xz streams);
- a 0-byte file: empty content, as a 0-byte `.txt` (the four codecs disagreed).

A zstd frame written without a checksum (`zstd --no-check`, python-zstandard's default) is
verified only as far as its decoder sees damage: measured, 129 of 283 single-byte changes in
such a frame decode without an error. `Verdict.unchecked` says so (the reader warns W011).
"""

from __future__ import annotations

import bz2
import io
import lzma
import os
import re
import zlib
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, ClassVar, cast

import zstandard

CHUNK = 1 << 16  # compressed bytes fed at a time
UNVERIFIED = 1 << 20  # the most unverified content a break keeps for its error
OUT = 1 << 20  # the most content one decoder step gives: memory bounded whatever the ratio


class BrokenArchive(OSError):
    """Where an archive stops being sound; raised once its sound content has been given.
    `unverified`: what was decoded past the sound content (its first `UNVERIFIED` bytes), for
    the error: the records it may hold are reported there, not lost, not written."""

    def __init__(self, problem: str, unverified: bytes = b"", whole: bool = False) -> None:
        super().__init__(problem)
        self.unverified = unverified
        self.whole = whole  # the content before it is every unit whole, the file's end


# What reading a broken archive raises, besides OSError (BrokenArchive is one).
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError, EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError,
)  # fmt: skip
DECODE_ERRORS: tuple[type[BaseException], ...] = (*READ_ERRORS, ValueError)


@dataclass(frozen=True)
class Verdict:
    """What one decoding pass found: the first `good` content bytes are sound (verified, or
    decoded whole before a cut); `problem` says why nothing after them is read (None: the
    whole file is); `unchecked`: a unit carries no check of its content."""

    good: int
    problem: str | None = None
    unchecked: bool = False
    # the sound content ends where the last whole unit does, only other bytes after it (no
    # damaged unit: `Units.unit_like`): all the file held, its last record whole, not cut
    whole: bool = False


# (how a unit ended: "whole", "cut" or the decoder's complaint; compressed bytes read past it;
# whether the unit carried no check)
Outcome = tuple[str, bytes, bool]


class Units:
    """One pass over an archive, unit after unit, giving content as it decodes (unverified
    until its unit ends); once exhausted, `verdict` says how much of it was sound."""

    name: ClassVar[str] = ""
    unit: ClassVar[str] = "stream"
    magic: ClassVar[bytes] = b""
    # A cut unit gives what it decoded before its last `guard` bytes were fed: a byte damaged
    # near a unit's end (gzip's last-block flag, xz's index, a small zstd frame's header) made
    # the decoder read on into the trailer, the file's end looked like a cut, and the trailer
    # was given as a line of text; the damage cannot touch what was decoded before it.
    # Measured with every bit of every byte flipped (50 kB of text): gzip (9.4 kB) leaked
    # 196 times of 75,512, all within 118 bytes of the end; xz twice, within 34; zstd with
    # checksums never (small frames, tests/test_archive_offsets.py: within 81). A cut then
    # keeps in its error, not as records, the text of its last 256 compressed bytes (~1 kB).
    guard: ClassVar[int] = 256

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.size = os.fstat(f.fileno()).st_size
        self.total = 0  # content bytes decoded
        self.guarded: int | None = None  # `total` when the last `guard` bytes began to be fed
        self.verdict: Verdict | None = None

    def fed(self, data: bytes, end: int) -> Iterator[bytes]:
        """`data` (the file's bytes before `end`) in pieces cut where the guard starts; once
        the pieces before it are decoded, `guarded` is set."""
        start, guard_start = end - len(data), self.size - self.guard
        if start < guard_start < end:
            yield data[: guard_start - start]
            data, start = data[guard_start - start :], guard_start
        if start >= guard_start and self.guarded is None:
            self.guarded = self.total
        yield data

    def content(self) -> Generator[bytes, None, None]:
        unchecked = False
        rest = b""
        units = 0
        while True:
            if len(rest) < 8:
                more = self.f.read(CHUNK)
                rest += more
                if more and len(rest) < 8:
                    continue
            if units:  # padding after a unit, before another or the end (a file of NULs
                rest = rest.lstrip(b"\0")  # is no archive: preallocated, never written)
            if not rest:
                if self.f.read(1) == b"":
                    self.verdict = Verdict(self.total, None, unchecked)
                    return
                self.f.seek(-1, io.SEEK_CUR)
                continue
            start = self.f.tell() - len(rest)
            if not self.starts_unit(rest):
                whole = units > 0 and not self.unit_like(rest, start)
                self.verdict = Verdict(self.total, self.junk(start), unchecked, whole)
                return
            begun = self.total
            self.guarded = None
            how, rest, bare = yield from self.unit_content(rest, start)
            units += 1
            unchecked = unchecked or bare
            if how == "cut":
                good = self.total if self.guarded is None else max(begun, self.guarded)
                problem = f"the file ends inside the {self.unit} at byte {start:,} (truncated)"
                if good < self.total:
                    problem += (
                        f"; the last {self.total - good:,} bytes of content decoded, from its "
                        f"last {self.guard} bytes, are not read (unverified)"
                    )
                self.verdict = Verdict(good, f"{self.name}: {problem}", unchecked)
                return
            if how != "whole":
                rest_bytes = os.fstat(self.f.fileno()).st_size - start
                decoded = self.total - begun
                seen = f"; {decoded:,} bytes of content decoded before it failed" if decoded else ""
                problem = (
                    f"{self.name}: the {self.unit} at byte {start:,} of the file is damaged "
                    f"({how}): not read, with what follows it ({rest_bytes:,} bytes of the "
                    f"file{seen})"
                )
                self.verdict = Verdict(begun, problem, unchecked)
                return

    def junk(self, start: int) -> str:
        size = os.fstat(self.f.fileno()).st_size - start
        if start == 0:
            return f"{self.name}: not a {self.name} file (no {self.name} header at its start)"
        return (
            f"{self.name}: {size:,} byte(s) at byte {start:,} of the file, after the last "
            f"whole {self.unit}, are not a {self.unit}: not read"
        )

    def starts_unit(self, rest: bytes) -> bool:
        return rest.startswith(self.magic)

    def unit_like(self, rest: bytes, start: int) -> bool:
        """Whether the bytes at `start` that open no unit are a damaged unit rather than other
        bytes after the file's end: a unit's magic cut short (`rest` is the file's last
        bytes) or with one byte changed, or a unit's magic further on (units after the
        damage). The content before them may then end inside a record (units are cut at any
        byte: bgzip's blocks, `cat a.gz b.gz`); after other bytes (junk, a `PK` header, a
        download's tail) it ends where the file did. One read of the rest of the file."""
        magic = self.magic
        if len(rest) < len(magic):
            return magic.startswith(rest)
        if sum(a != b for a, b in zip(rest, magic, strict=False)) <= 1:
            return True
        f, overlap = self.f, len(magic) - 1
        f.seek(start + 1)
        tail = b""
        while chunk := f.read(CHUNK):
            if magic in tail + chunk:
                return True
            tail = chunk[-overlap:]
        return False

    def unit_content(self, rest: bytes, start: int) -> Generator[bytes, None, Outcome]:
        raise NotImplementedError


class StdlibUnits(Units):
    """gzip members, bzip2 and xz streams: the standard library's decoders, one per unit."""

    decoder: ClassVar[Callable[[], Any]]

    def unit_content(self, rest: bytes, start: int) -> Generator[bytes, None, Outcome]:
        decoder = type(self).decoder()
        data = rest
        while True:
            pieces = self.fed(data, self.f.tell())
            try:
                for piece in pieces:
                    yield from self.drain(decoder, piece)
                    if decoder.eof:
                        return "whole", decoder.unused_data + b"".join(pieces), False
            except DECODE_ERRORS as error:
                return str(error) or type(error).__name__, b"", False
            data = self.f.read(CHUNK)
            if not data:
                return "cut", b"", False

    def drain(self, decoder: Any, data: bytes) -> Iterator[bytes]:
        """What `decoder` gives of `data`, at most `OUT` bytes at a time."""
        out = decoder.decompress(data, OUT)
        while True:
            self.total += len(out)
            if out:
                yield out
            if decoder.eof:
                return
            tail = getattr(decoder, "unconsumed_tail", None)
            if tail is not None:  # zlib keeps what it did not take
                if not tail:
                    return
                out = decoder.decompress(tail, OUT)
            elif decoder.needs_input:
                return
            else:
                out = decoder.decompress(b"", OUT)


class GzipUnits(StdlibUnits):
    name, unit, magic = "gzip", "member", b"\x1f\x8b"
    decoder = staticmethod(lambda: zlib.decompressobj(31))  # 31: the gzip wrapper, checked


class Bzip2Units(StdlibUnits):
    name, magic = "bzip2", b"BZh"
    decoder = bz2.BZ2Decompressor
    guard = 0  # a block gives its content only whole, checked by its CRC


class XzUnits(StdlibUnits):
    name, magic = "xz", b"\xfd7zXZ\x00"
    decoder = staticmethod(lambda: lzma.LZMADecompressor(lzma.FORMAT_XZ))


ZSTD_MAGIC = 0xFD2FB528
SKIPPABLE = range(0x184D2A50, 0x184D2A60)


class ZstdUnits(Units):
    """Zstandard frames (and skippable frames): each frame's end is found by walking its block
    headers (`frame_ends`, RFC 8878), then the frame alone is decoded (zstandard's stream
    reader: memory bounded whatever the ratio; it ends quietly where a cut frame ends)."""

    name, unit = "zstd", "frame"
    magic = ZSTD_MAGIC.to_bytes(4, "little")  # (a skippable frame's too, `starts_unit`)

    def starts_unit(self, rest: bytes) -> bool:
        magic = int.from_bytes(rest[:4], "little")
        return len(rest) >= 4 and (magic == ZSTD_MAGIC or magic in SKIPPABLE)

    def unit_content(self, rest: bytes, start: int) -> Generator[bytes, None, Outcome]:
        f = self.f
        f.seek(start)
        if int.from_bytes(f.read(4), "little") in SKIPPABLE:
            size = int.from_bytes(f.read(4), "little")
            f.seek(start + 8 + size)  # (past the end: the next read gives nothing)
            return (
                ("whole" if start + 8 + size <= os.fstat(f.fileno()).st_size else "cut"),
                b"",
                False,
            )
        descriptor = f.read(1)
        checked = bool(descriptor and descriptor[0] & 4)
        f.seek(start + 4)
        whole = frame_ends(f)
        end = f.tell()
        f.seek(start)
        reader = zstandard.ZstdDecompressor().stream_reader(
            cast(IO[bytes], Window(self, end)), read_across_frames=False, closefd=False
        )
        try:
            while out := reader.read1(OUT):  # (one read of the input at a most: `guarded`)
                self.total += len(out)
                yield out
        except DECODE_ERRORS as error:
            return str(error) or type(error).__name__, b"", not checked
        f.seek(end)
        return ("whole" if whole else "cut"), b"", not checked


class Window(io.RawIOBase):
    """An archive's bytes up to `end` (one zstd frame, for its decoder), never a read across
    where the guard starts (`Units.guard`), which sets `guarded` when it is reached."""

    def __init__(self, units: Units, end: int) -> None:
        self.units, self.f, self.end = units, units.f, end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        at, end = self.f.tell(), self.end
        guard_start = self.units.size - self.units.guard
        if at < guard_start:
            end = min(end, guard_start)
        elif self.units.guarded is None:
            self.units.guarded = self.units.total
        data = self.f.read(min(len(view), max(0, end - at)))
        view[: len(data)] = data
        return len(data)


def frame_ends(f: IO[bytes]) -> bool:
    """Whether the zstd frame whose descriptor `f` is at ends in the file (its last block and
    checksum are there), walking its headers only; `f` is left after what was walked."""
    descriptor = f.read(1)
    if not descriptor:
        return False
    flags = descriptor[0]
    single_segment = bool(flags & 0x20)
    header = (0 if single_segment else 1) + (0, 1, 2, 4)[flags & 3]
    header += (1 if single_segment else 0, 2, 4, 8)[flags >> 6]
    if len(f.read(header)) < header:
        return False
    while True:
        block = f.read(3)
        if len(block) < 3:
            return False
        value = int.from_bytes(block, "little")
        last, kind, size = value & 1, (value >> 1) & 3, value >> 3
        length = 1 if kind == 1 else size
        if len(f.read(length)) < length:
            return False
        if last:
            checksum = 4 if flags & 4 else 0
            return len(f.read(checksum)) == checksum


UNITS: Mapping[str, type[Units]] = MappingProxyType({
    ".gz": GzipUnits, ".bz2": Bzip2Units, ".xz": XzUnits, ".zst": ZstdUnits,
})  # fmt: skip
REMEMBERED = 64  # verdicts remembered (the files last verified)


def verify(path: Path) -> Verdict:
    """How much of a compressed file's content is sound: one decoding pass to nowhere
    (decoding is some 100-400 MB/s, the stages after it under 1 MB/s), remembered per file
    while its size and time are unchanged (the sniffers and the reader each open it)."""
    suffix = compression(path)
    assert suffix is not None
    status = path.stat()
    return verdict_of(str(path), suffix, status.st_ino, status.st_size, status.st_mtime_ns)


@lru_cache(maxsize=REMEMBERED)
def verdict_of(path: str, suffix: str, inode: int, size: int, mtime_ns: int) -> Verdict:
    """`verify`'s answer for one version of a file (its inode, size and time: a file rewritten
    is asked again), the last `REMEMBERED` remembered."""
    with open(path, "rb") as f:
        units = UNITS[suffix](f)
        for _ in units.content():
            pass
    assert units.verdict is not None
    return units.verdict


class Sound(io.RawIOBase):
    """A compressed file's sound content (`verify`); at its end, `BrokenArchive` if the file
    breaks there (on every read from then on). One `read(n)` gives what is ready, so the
    content before a break is never lost with the raise."""

    def __init__(self, path: Path) -> None:
        self.verdict = verify(path)
        self.file = path.open("rb")
        suffix = compression(path)
        assert suffix is not None
        self.units = UNITS[suffix](self.file)
        self.chunks = self.units.content()
        self.left = self.verdict.good
        self.pending = memoryview(b"")
        self.over = b""  # the part of the last chunk past the sound content

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self.pending and self.left:
            chunk = next(self.chunks, None)
            if chunk is None:  # shorter than when verified: changed since
                self.left = 0
                raise BrokenArchive("the file changed while it was read")
            self.pending = memoryview(chunk)[: self.left]
            self.over = chunk[self.left :]
            self.left -= len(self.pending)
        if not self.pending:
            if self.verdict.problem is not None:
                raise BrokenArchive(self.verdict.problem, self.unverified(), self.verdict.whole)
            return 0
        size = min(len(view), len(self.pending))
        view[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size

    def unverified(self) -> bytes:
        """What was decoded past the sound content, up to `UNVERIFIED` bytes (once)."""
        kept = bytearray(self.over[:UNVERIFIED])
        self.over = b""
        while len(kept) < UNVERIFIED and (chunk := next(self.chunks, None)) is not None:
            kept += chunk[: UNVERIFIED - len(kept)]
        self.chunks.close()
        return bytes(kept)

    def readall(self) -> bytes:
        parts = []
        try:
            while part := self.read(OUT):
                parts.append(part)
        except BrokenArchive:
            if not parts:
                raise
        return b"".join(parts)

    def close(self) -> None:
        self.chunks.close()
        self.file.close()
        super().close()


# Where a record of each kind of format surely ends, for `UntilBreak`: a line end (JSONL, CSV
# and TSV: a row cut inside a quoted cell is the table reader's `CUT_SHORT`); a blank line
# (plain text, Markdown: a paragraph's lines are one record); a block's closing tag, on a line
# of its own or inside one (HTML: a minified page is one line), or a blank line.
LINE_END = re.compile(rb"(?>\r\n|\n|\r)")
BLANK_LINE = re.compile(rb"(?>\r\n|\n|\r)[ \t]*+(?>\r\n|\n|\r)")
BLOCK_END = re.compile(
    rb"</(?:p|div|li|h[1-6]|tr|td|th|table|ul|ol|dl|dt|dd|blockquote|pre|section|article"
    rb"|header|footer|main|aside|nav|figure|figcaption|body|html)[ \t]*+>"
    rb"|(?>\r\n|\n|\r)[ \t]*+(?>\r\n|\n|\r)",
    re.IGNORECASE,
)
RECORD_ENDS: Mapping[str, re.Pattern[bytes]] = MappingProxyType({
    "line": LINE_END, "paragraph": BLANK_LINE, "block": BLOCK_END,
})  # fmt: skip


def last_end(pattern: re.Pattern[bytes], data: bytes, start: int) -> int:
    """Where the last match of `pattern` in `data[start:]` ends (0: none), looked for in a
    window before the last line end (every match but a closing tag's ends one; for those, before
    the end of the data) that grows 4x until it finds one
    (the last record is usually short: every match of a chunk iterated ran at 23 MB/s, lines
    at 150). Any match found from inside the text is one in the whole (each begins at a line
    end or a tag). Linear: the windows add up to at most 4/3 of the data."""
    if pattern is BLOCK_END:  # (a closing tag ends a block inside a line too)
        last = len(data) - 1
    else:
        last = max(data.rfind(b"\n", start), data.rfind(b"\r", start))
    if last < start:  # every record end ends a line: none here (a long line, at memchr speed)
        return 0
    window = 4096
    while True:
        low = max(start, last + 1 - window)
        cut = 0
        for found in pattern.finditer(data, low, last + 1):
            cut = found.end()
        if cut or low == start:
            return cut
        window *= 4


class UntilBreak(io.RawIOBase):
    """A decompressed stream that ends where its archive breaks, instead of raising there.

    Raising reached the format's reader in the middle of its work: what it held and had not
    written yet was lost with it (the last whole paragraph of a cut `.txt.gz`, every block of a
    cut `.md.gz`). Here the reader sees an end of data, finishes what it holds, and then
    reports the break (`broken`). The bytes after the last place a record surely ends before
    the break (`ends`: a line end, a blank line for paragraphs, a closing block tag) are not
    given as data: they are `tail`, for the error (half a paragraph, its first line before
    the break, was written as a record of its own). The held bytes are at most `HELD` (a
    longer stretch is given as it comes: memory stays bounded)."""

    HELD = 1 << 20

    def __init__(self, raw: IO[bytes], ends: str = "line") -> None:
        self.raw = raw
        self.ends = RECORD_ENDS[ends]
        self.ready = bytearray()
        self.pending = b""  # after the last record end read: given once one or the end comes
        self.done = False
        self.broken: str | None = None
        self.tail = b""
        self.given = 0  # bytes given as data: where the break is

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self.ready and not self.done:
            self._fill(max(len(view), 1 << 16))
        size = min(len(view), len(self.ready))
        view[:size] = self.ready[:size]
        del self.ready[:size]
        self.given += size
        return size

    def _fill(self, size: int) -> None:
        try:  # one read of the codec (`read1`): a `read` that gathers several loses them all
            chunk = getattr(self.raw, "read1", self.raw.read)(size)  # when one raises
        except READ_ERRORS as error:
            self.broken = getattr(error, "strerror", None) or str(error) or type(error).__name__
            if getattr(error, "whole", False):  # other bytes after the last whole unit: what
                self.ready += self.pending  # it held ends where the file did, its last record
                self.pending = b""  # whole (it was the E001's text, as if cut inside)
            self.tail = self.pending + getattr(error, "unverified", b"")
            self.pending, self.done = b"", True
            return
        if not chunk:
            self.ready += self.pending
            self.pending, self.done = b"", True
            return
        data = self.pending + chunk
        # only what was read since is searched (no record end is in the pending bytes: a
        # long line pending up to `HELD` was searched again with every chunk, 8x its size)
        held = len(self.pending)
        if self.ends is LINE_END:
            cut = max(data.rfind(b"\n", held), data.rfind(b"\r", held)) + 1
        else:  # one may begin on the pending bytes' last line, or in a tag at their end
            start = max(self.pending.rfind(b"\n"), self.pending.rfind(b"\r"), held - 64, 0)
            cut = last_end(self.ends, data, start)
        if len(data) - cut > self.HELD:
            cut = len(data)
        self.ready += data[:cut]
        self.pending = data[cut:]

    def close(self) -> None:
        self.raw.close()
        super().close()


def compression(path: Path) -> str | None:
    """The compression suffix of `path` (`.gz`, `.bz2`, `.xz`, `.zst`), or None."""
    suffix = path.suffix.lower()
    return suffix if suffix in UNITS else None


BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")  # a bzip2 stream's first block, or its end


def packed(head: bytes) -> str | None:
    """The compression suffix the bytes show by their magic (standard input has no name to
    say it: `gzip -c x.jsonl | pipeline run -`), or None. bzip2's `BZh` is taken with its
    level and first block's magic (a text may open `BZh`)."""
    if head.startswith(b"\x1f\x8b\x08"):  # gzip, deflate
        return ".gz"
    if head[:3] == b"BZh" and head[3:4].isdigit() and head[4:10] in BZIP2_BLOCKS:
        return ".bz2"
    if head.startswith(XzUnits.magic):
        return ".xz"
    magic = int.from_bytes(head[:4], "little")
    if len(head) >= 4 and (magic == ZSTD_MAGIC or magic in SKIPPABLE):
        return ".zst"
    return None


def format_suffix(path: Path) -> str:
    """The suffix that says what the content is: `.jsonl` for `corpus.jsonl.gz`."""
    inner = path.with_suffix("") if compression(path) else path
    return inner.suffix.lower()


def open_bytes(path: Path) -> IO[bytes]:
    """The file's content as a binary stream: a compressed one's sound content (`Sound`),
    uncompressed on the fly."""
    return Sound(path) if compression(path) else path.open("rb")  # type: ignore[return-value]


def head(path: Path, size: int) -> bytes:
    """Up to `size` bytes of the content, or those before the place where a broken archive
    breaks (the reader then reports the break, after the records before it)."""
    chunks: list[bytes] = []
    total = 0
    with open_bytes(path) as f:
        while total < size:
            try:
                chunk = f.read(min(4096, size - total))
            except READ_ERRORS[1:]:  # not OSError: an unreadable file is reported as such
                break
            except OSError:
                if not chunks and not compression(path):
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


OPENERS = UNITS  # the compression suffixes, by their earlier name (tests/test_ids.py)
