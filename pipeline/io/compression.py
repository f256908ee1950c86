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
