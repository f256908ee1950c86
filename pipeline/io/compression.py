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


def open_zstd(path: Path, mode: str) -> IO[bytes]:
    """A Zstandard stream, buffered so that it reads line by line."""
    return io.BufferedReader(zstandard.open(path, mode))


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
