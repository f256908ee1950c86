"""The compression codecs' own streaming decoders: the oracle the archive tests compare against.

One place, so the damage and offset tests judge the readers by the same decoder behaviour.
"""

from __future__ import annotations

import bz2
import lzma
import zlib
from collections.abc import Callable
from typing import Any

import zstandard

DECODERS: dict[str, Callable[[], Any]] = {
    ".gz": lambda: zlib.decompressobj(31),
    ".xz": lzma.LZMADecompressor,
    ".bz2": bz2.BZ2Decompressor,
    ".zst": lambda: zstandard.ZstdDecompressor().decompressobj(),
}


def decodable(suffix: str, data: bytes) -> int:
    """Content bytes of the whole units the codec's decoder gives back of a (cut) archive."""
    total, rest = 0, data
    while rest:
        decoder = DECODERS[suffix]()
        try:
            total += len(decoder.decompress(rest))
        except Exception:
            break
        if not decoder.eof:
            break
        rest = decoder.unused_data
    return total


def decoded(suffix: str, data: bytes) -> bytes:
    """Everything the decoder gives, fed in small pieces so what came before a failure counts."""
    out, rest = b"", data
    while rest.strip(b"\0"):
        decoder = DECODERS[suffix]()
        for i in range(0, len(rest), 64):
            try:
                out += decoder.decompress(rest[i : i + 64])
            except Exception:
                return out
            if decoder.eof:
                break
        if not decoder.eof:
            return out
        rest = decoder.unused_data
    return out
