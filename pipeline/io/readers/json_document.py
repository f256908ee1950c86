"""JSON documents (`.json`): an array of records, a single object, or JSON Lines, streamed.

What pandas (`read_json`, `to_json(orient="records")`), Hugging Face `datasets` and
datatrove's JSON reader read: each object of a top-level array (or each top-level object)
is a record, read as a JSON Lines line is (`JsonlReader.record_of`: fields, ids, repairs).
The document is never held: `json_stream.Scanner` holds one value at a time, so memory is
bounded by the largest record (`line_bytes`), not the file; a UTF-8 file (RFC 8259's
encoding) is read in pieces of `CHUNK_BYTES` whatever its line lengths (pandas writes the
whole array on one line); a file in another encoding is read through the line decoder
(`encoding`), a line at most `line_bytes`. Each record and each failure has the line and
byte where its value starts; a damaged value fails alone (`json_stream`).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline.errors import Code, Warn
from pipeline.io.compression import UntilBreak, compression, open_bytes
from pipeline.io.discover import InputFile
from pipeline.io.encoding import Layout, file_layout
from pipeline.io.json_paths import Array, clipped, survey
from pipeline.io.json_stream import Scanner
from pipeline.io.padding import unpadded
from pipeline.io.readers.base import (
    Lines,
    WarningSink,
    failed,
    ignore_warning,
    nfc,
    too_long,
)
from pipeline.io.readers.jsonl import JsonlReader, byte_codec
from pipeline.io.readers.registry import register
from pipeline.record import Record

if TYPE_CHECKING:
    from pipeline.shards import Part

CHUNK_BYTES = 1 << 20


@register(".json")
class JsonDocumentReader(JsonlReader):
    """One record per object of the document's top level or of its top-level array."""

    splittable = False  # a value may span lines: one worker reads the file

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        self.part: Part | None = part  # (its pieces read again by `records_at`)
        yield from super().read(part, warn)

    def lines(self, part: Part, warn: WarningSink, layout: Layout | None = None) -> Iterator[Any]:
        """(line, byte, text) pieces: a UTF-8 file's lines cut every `CHUNK_BYTES` (a long
        line's pieces share its number), else the line decoder's lines."""
        layout = self.line_layout(layout or part.layout or file_layout(part.file.path))
        if layout.encoding != "utf-8" or layout.segments or layout.cr_lines:
            yield from super().lines(part, warn, layout)
            return
        with open_bytes(part.file.path) as raw:
            if compression(part.file.path):
                self.broke = UntilBreak(raw, self.record_ends)
                raw = io.BufferedReader(self.broke)
            for piece in utf8_pieces(raw):
                self.last_line = piece[0]
                yield piece

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        codec = byte_codec(file_layout(file.path))  # (decided once per file: cached)
        array, why = self.records_at(file, warn, codec)
        if array is not None:  # the records are that array's elements
            lines = clipped(lines, array, codec)
        for record in self.read_values(file, lines, warn, codec):
            if why is not None and record.error is not None:  # (the document, whole)
                record.error.message += f"; {why}"
            yield record

    def read_values(
        self, file: InputFile, lines: Lines, warn: WarningSink, codec: str
    ) -> Iterator[Record]:
        scanner = Scanner(self.line_bytes, codec)
        for number, byte, text in lines:
            if text is None:  # (the line decoder's: a line over `line_bytes`, unread)
                yield from self.of_values(file, scanner.end(), warn)
                message = too_long(None, self.settings.max_chars, self.line_bytes)
                yield failed(file, Code.TOO_LONG, number, "", byte, message=message)
                scanner = Scanner(self.line_bytes, codec)
                continue
            yield from self.of_values(file, scanner.feed(number, byte, text), warn)
        yield from self.of_values(file, scanner.end(), warn)

    def records_at(
        self, file: InputFile, warn: WarningSink, codec: str
    ) -> tuple[Array | None, str | None]:
        """The array whose elements are the records, when the document is one object that
        wraps them (`json_paths`: `--records-path`, else its one array of mostly objects at
        the top two levels, W018), or why the document read whole is no record (several arrays of
        objects, a map id -> record, the path named not there)."""
        path = None if self.settings.records_path is None else nfc(self.settings.records_path)
        part = getattr(self, "part", None)
        if part is None or part.start:
            return None, None
        pieces = unpadded((d[:3] for d in self.lines(part, ignore_warning)), file.source,
                          ignore_warning)  # fmt: skip
        found = survey(pieces, self.settings.fields.text, path, codec)
        arrays = found.found(path)
        if not found.one_object or (found.record and not arrays):
            return None, None
        if arrays and (path is not None or len(arrays) == 1):
            if path is None:
                at = arrays[0]
                warn(Warn.RECORDS_PATH.entry(file.source, at.line, at.byte, path=at.path))
            return arrays[0], None
        candidates = ", ".join(repr(a.path) for a in found.found(None))
        if path is not None:
            where = f"its arrays of objects: {candidates}" if candidates else "it has none"
            return None, f"no array at {path!r} (--records-path); {where}"
        if arrays:
            return None, (
                f"the document wraps its records in one of its arrays of objects, at "
                f"{candidates}: --records-path NAME names the one to read"
            )
        if found.members >= 2 and found.object_members == found.members:
            return None, (
                "its values are objects under keys (a map id -> record, pandas' "
                "orient='index'): not read as records; write them as an array of objects "
                "and --records-path names it"
            )
        return None, None


def utf8_pieces(raw: io.BufferedIOBase | Any) -> Iterator[tuple[int, int, str]]:
    """(line number, byte offset, text) of each line of a UTF-8 stream, a line longer than
    `CHUNK_BYTES` in several pieces (never cut inside a character); bytes that are not UTF-8
    are replaced (U+FFFD)."""
    number, offset, carry = 1, 0, b""
    while True:
        chunk = raw.read(CHUNK_BYTES)
        data = carry + chunk
        if not data:
            return
        carry = b""
        if chunk:  # an incomplete character at the end waits for the next chunk
            lead = len(data) - 1
            while lead > len(data) - 4 and lead > 0 and data[lead] & 0xC0 == 0x80:
                lead -= 1
            need = 2 if data[lead] < 0xE0 else 3 if data[lead] < 0xF0 else 4
            if data[lead] >= 0xC0 and len(data) - lead < need:
                data, carry = data[:lead], data[lead:]
        start = 0
        while start < len(data):
            end = data.find(b"\n", start)
            stop = len(data) if end < 0 else end
            if stop > start:
                yield number, offset + start, data[start:stop].decode("utf-8", "replace")
            if end < 0:
                break
            number += 1
            start = end + 1
        offset += len(data)
