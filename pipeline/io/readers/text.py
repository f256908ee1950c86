"""Plain text (`.txt`, `.text`): lines segmented into records (`pipeline.io.segment.segmenter`)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.io.discover import InputFile
from pipeline.io.readers.base import (
    FormatReader,
    Lines,
    WarningSink,
    set_aside_oversize,
    too_long_line,
)
from pipeline.io.readers.registry import register
from pipeline.record import Record


@register(".txt", ".text")
class TextReader(FormatReader):
    """Paragraphs, headings and furniture told apart by the segmenter; a line too long to
    decode is reported where it starts once the file's records are out."""

    record_ends = "paragraph"  # (at a compressed file's break: half a record is none)

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        max_chars = self.settings.max_chars
        oversize: list[tuple[int, int]] = []
        numbered = set_aside_oversize(lines, oversize)
        yield from self.settings.segmenter.segment(numbered, file.doc_id, file.source, max_chars)
        for number, byte in oversize:
            yield too_long_line(file, max_chars, number, byte, self.line_bytes)
