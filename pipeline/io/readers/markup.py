"""Markup (HTML and XHTML pages): parsed whole into blocks with their role
(`pipeline.io.markup`), then segmented into records."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.errors import Code
from pipeline.io.compression import format_suffix
from pipeline.io.discover import InputFile
from pipeline.io.markdown import MARKDOWN
from pipeline.io.markup import MARKUP
from pipeline.io.readers.base import FormatReader, Lines, WarningSink, failed
from pipeline.io.readers.registry import register
from pipeline.io.xml_markup import EntityExpansion
from pipeline.record import Record

MARKUP_BYTES_PER_CHAR = 40  # an HTML page's markup is commonly 5-20x its text


@register(*(suffix for suffix in MARKUP if suffix not in MARKDOWN))  # (`readers.markdown`)
class MarkupReader(FormatReader):
    """A page may hold at most `MARKUP_BYTES_PER_CHAR` × `max_chars` bytes (a page is mostly
    markup); a larger one fails (E009) as soon as it passes that, before it is parsed or held."""

    record_ends = "block"  # (at a compressed file's break: half a record is none)

    @property
    def line_bytes(self) -> int:
        return MARKUP_BYTES_PER_CHAR * self.settings.max_chars

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        cap, max_chars = self.line_bytes, self.settings.max_chars
        total = 0
        held: list[tuple[int, str]] = []
        for number, _, text in lines:
            total += cap + 1 if text is None else len(text) + 1
            if text is None or total > cap:
                size = f"a page of more than {cap:,} bytes ({MARKUP_BYTES_PER_CHAR} per character)"
                message = Code.TOO_LONG.message(size=size, limit=max_chars)
                yield failed(file, Code.TOO_LONG, None, message=message)
                return
            held.append((number, text))
        try:
            page = MARKUP[format_suffix(file.path)](held)
        except EntityExpansion as error:  # a "billion laughs" page: one error, no text
            yield failed(file, Code.PARSER_LIMIT, None, message=f"not read: {error}")
            return
        yield from self.settings.segmenter.segment(
            page.blocks, file.doc_id, file.source, max_chars, page.author
        )
