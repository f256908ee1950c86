"""Bytes to text: which encoding a file is in, and its lines decoded one at a time.

Files are read as bytes: a byte-order mark and CRLF line ends are accepted, a line longer than
the reader allows is skipped unread (never held), and invalid bytes are replaced (U+FFFD) and
reported as a warning with their byte offset.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import Warn
from pipeline.io.compression import head

if TYPE_CHECKING:
    from pipeline.shards import Part

SNIFF_BYTES = 8192
BOM = b"\xef\xbb\xbf"
ENCODING_SNIFF_BYTES = 1 << 16
UTF8_DAMAGE_RATIO = 1  # valid multi-byte characters per invalid sequence in damaged UTF-8
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
WIDE = frozenset({"utf-16", "utf-32"})
NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")

WarningSink = Callable[[dict[str, Any]], None]


def is_binary(path: Path) -> bool:
    return b"\0" in head(path, SNIFF_BYTES)


def file_encoding(path: Path) -> str:
    """`utf-8`, the encoding a byte-order mark names, or the one detected for a file whose
    first 64 kB are not UTF-8.

    UTF-8 with a few bad bytes (a damaged file) is still UTF-8: it has at least as many valid
    multi-byte characters as invalid sequences (the bad bytes are then replaced and warned,
    W001). Text in a legacy encoding decodes as UTF-8 into a few chance characters among many
    invalid sequences (Shift-JIS, GBK, Big5, EUC-KR, TIS-620: 0.15-0.35 per invalid one on real
    text): it goes to charset-normalizer, and of the encodings it finds least chaotic, the one
    whose text is most coherent (its language model) is taken; on a tie (a file too small to
    tell), Windows-1252, the commonest. Measured with `bench/encodings.py` on real translated
    text in 31 (language, encoding) pairs (see the README)."""
    sample = head(path, ENCODING_SNIFF_BYTES)
    for bom, encoding in BOMS:
        if sample.startswith(bom):
            return encoding
    decoded = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(sample)
    invalid = decoded.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    if invalid <= 0:
        return "utf-8"
    multibyte = len(NON_ASCII.findall(decoded))
    if multibyte >= UTF8_DAMAGE_RATIO * invalid:
        return "utf-8"
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return "utf-8"  # undecidable: read as UTF-8, invalid bytes replaced and warned
    plausible = [r for r in results if r.chaos <= results[0].chaos + 0.01]
    top = max(r.coherence for r in plausible)
    tied = [str(r.encoding) for r in plausible if r.coherence == top]
    return "cp1252" if "cp1252" in tied else tied[0]  # a tie (tiny files): the commonest


def bounded_lines(f: Any, limit: int | None) -> Iterator[bytes | int]:
    """The raw lines of a binary stream, each line over `limit` bytes replaced by its length:
    such a line is skipped a megabyte at a time, never held, so memory stays bounded whatever
    the stream holds (a compressed file can hold a gigabyte on one line)."""
    if limit is None:
        yield from f
        return
    while raw := f.readline(limit + 1):
        if len(raw) <= limit:
            yield raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := f.readline(1 << 20)):
            size += len(raw)
        yield size


def decoded_lines(
    f: Any, part: Part, warn: WarningSink, encoding: str = "utf-8", max_bytes: int | None = None
) -> Iterator[tuple[int, int, str | None]]:
    """Yield (line number, byte offset, text) for the part's lines, decoding leniently. A line
    over `max_bytes` is not decoded (text None): the reader reports it as too long."""
    if encoding in WIDE:
        yield from wide_lines(f, part, encoding, max_bytes)
        return
    if part.start:
        f.seek(part.start)  # a compressed stream is never split: it starts at 0, unseekable
    offset, number = part.start, part.first_line
    for raw in bounded_lines(f, max_bytes):
        if part.end is not None and offset >= part.end:
            return
        if isinstance(raw, int):
            yield number, offset, None
            offset += raw
            number += 1
            continue
        line = (
            raw[:-2] if raw.endswith(b"\r\n") else raw.rstrip(b"\n")
        )  # one CRLF: a CR before it is text
        if offset == 0 and line.startswith(BOM):
            line = line[len(BOM) :]
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError as e:
            text = line.decode(encoding, errors="replace")
            at = offset + e.start
            warn(
                Warn.INVALID_UTF8.entry(part.file.source, number, at, encoding=encoding, offset=at)
            )
        yield number, offset, text
        offset += len(raw)
        number += 1


def wide_lines(
    f: Any, part: Part, encoding: str, max_bytes: int | None = None
) -> Iterator[tuple[int, int, str | None]]:
    """Lines of a UTF-16/32 file (never split into parts: its bytes are not line-aligned),
    decoded as a stream; a line over `max_bytes` is skipped unread, like in `bounded_lines`."""
    unit = f"{encoding}-le"  # the same length in bytes whatever the byte order
    width = 4 if encoding == "utf-32" else 2
    text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
    limit = max_bytes // width if max_bytes is not None else -1
    offset, number = width, 1  # after the byte-order mark
    while line := text.readline(limit):
        size = len(line.encode(unit, "surrogatepass"))
        if limit >= 0 and len(line) >= limit and not line.endswith(("\n", "\r")):
            while not line.endswith(("\n", "\r")) and (line := text.readline(1 << 18)):
                size += len(line.encode(unit, "surrogatepass"))
            yield number, offset, None
        else:
            yield number, offset, line.rstrip("\r\n")
        offset += size
        number += 1
