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
    """A Zstandard file's content, every frame in turn; a file that ends inside a frame raises
    `EOFError` there, as gzip and xz do (zstandard's own reader ends quietly: a truncated
    archive read as if it were whole, its last line cut mid-word)."""

    CHUNK = 1 << 16

    def __init__(self, path: Path) -> None:
        self.file = path.open("rb")
        self.frame = zstandard.ZstdDecompressor().decompressobj()
        self.inside = False  # a frame has begun and not ended
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.pending:
            chunk = self.file.read(self.CHUNK)
            if not chunk:
                if self.inside:
                    raise EOFError("the Zstandard stream ends inside a frame (truncated)")
                return 0
            self.pending = self.feed(chunk)
        view = memoryview(buffer).cast("B")
        n = min(len(view), len(self.pending))
        view[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n

    def feed(self, chunk: bytes) -> bytes:
        out = []
        while chunk:
            self.inside = True
            out.append(self.frame.decompress(chunk))
            if not self.frame.eof:
                break
            self.inside = False
            chunk = self.frame.unused_data
            self.frame = zstandard.ZstdDecompressor().decompressobj()
        return b"".join(out)

    def close(self) -> None:
        self.file.close()
        super().close()


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
