"""Compressed inputs: `corpus.jsonl.gz`, `notes.txt.xz`, `page.html.bz2`, `dump.jsonl.zst` are
read as the file inside them (the standard library's codecs, and zstandard for `.zst`;
streamed, never unpacked to disk).

A compressed file is one shard (its bytes cannot be split at line boundaries without reading
them all), and its records' byte offsets count uncompressed bytes. A truncated or corrupt
archive fails where it breaks: the records read before stay, the rest is one error.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import zstandard


class ZstdFrames(io.RawIOBase):
    """A Zstandard file's content (zstandard's stream reader: memory bounded whatever the
    ratio); at its end, a file that ends inside a frame raises `EOFError`, as gzip and xz do
    (zstandard's reader ends quietly: a truncated archive read as if it were whole, its last
    line cut mid-word). Whether it does is read off the frames' block headers (`complete`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stream = zstandard.open(path, "rb")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.stream.read(len(view))
        if not data:
            if not complete(self.path):
                raise EOFError("the Zstandard stream ends inside a frame (truncated)")
            return 0
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()


ZSTD_MAGIC = 0xFD2FB528
SKIPPABLE = range(0x184D2A50, 0x184D2A60)


def complete(path: Path) -> bool:
    """Whether every Zstandard frame of the file ends (its last block and checksum are there),
    walking the frame and block headers only, never decompressing (RFC 8878)."""
    with path.open("rb") as f:
        while magic_bytes := f.read(4):
            if len(magic_bytes) < 4:
                return False
            magic = int.from_bytes(magic_bytes, "little")
            if magic in SKIPPABLE:
                size = f.read(4)
                if len(size) < 4:
                    return False
                f.seek(int.from_bytes(size, "little"), io.SEEK_CUR)
                continue
            if magic != ZSTD_MAGIC or not frame_ends(f):
                return False
    return True


def frame_ends(f: IO[bytes]) -> bool:
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


def open_zstd(path: Path, mode: str) -> IO[bytes]:
    """A Zstandard stream, buffered so that it reads line by line."""
    return io.BufferedReader(ZstdFrames(path))


OPENERS: dict[str, Callable[..., Any]] = {
    ".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open, ".zst": open_zstd,
}  # fmt: skip
# What reading a broken archive raises, besides OSError (gzip.BadGzipFile is one).
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError, EOFError, zlib.error, lzma.LZMAError, zstandard.ZstdError,
)  # fmt: skip


class UntilBreak(io.RawIOBase):
    """A decompressed stream that ends where its archive breaks, instead of raising there.

    Raising reached the format's reader in the middle of its work: what it held and had not
    written yet was lost with it (the last whole paragraph of a cut `.txt.gz`, every block of a
    cut `.md.gz`). Here the reader sees an end of data, finishes what it holds, and then
    reports the break (`broken`). The bytes after the last line end before the break (a line
    the break cut) are not given as data: they are `tail`, for the error. The held bytes are
    at most `HELD` (a longer line is given as it comes: memory stays bounded)."""

    HELD = 1 << 20

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.ready = bytearray()
        self.pending = b""  # after the last line end read: given once a line end or the end comes
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
            self.tail, self.pending, self.done = self.pending, b"", True
            return
        if not chunk:
            self.ready += self.pending
            self.pending, self.done = b"", True
            return
        data = self.pending + chunk
        cut = max(data.rfind(b"\n"), data.rfind(b"\r")) + 1
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
    return suffix if suffix in OPENERS else None


def format_suffix(path: Path) -> str:
    """The suffix that says what the content is: `.jsonl` for `corpus.jsonl.gz`."""
    inner = path.with_suffix("") if compression(path) else path
    return inner.suffix.lower()


def open_bytes(path: Path) -> IO[bytes]:
    """The file's content as a binary stream, uncompressed on the fly."""
    suffix = compression(path)
    return OPENERS[suffix](path, "rb") if suffix else path.open("rb")


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
