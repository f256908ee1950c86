"""Markup (HTML and XHTML pages): parsed whole into blocks with their role
(`pipeline.io.markup`), then segmented into records."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline.errors import Code
from pipeline.io.compression import format_suffix
from pipeline.io.discover import InputFile
from pipeline.io.encoding import Layout
from pipeline.io.markdown import MARKDOWN
from pipeline.io.markup import MARKUP, xhtml_page
from pipeline.io.markup_payload import Inert, State, unpack_line
from pipeline.io.readers.base import (
    RECORD_MAX_CHARS,
    FormatReader,
    Lines,
    ReadSettings,
    WarningSink,
    failed,
)
from pipeline.io.readers.registry import register
from pipeline.io.xml_markup import EntityExpansion
from pipeline.record import ENTRY_TEXT_LIMIT, Record

if TYPE_CHECKING:
    from pipeline.shards import Part

MARKUP_BYTES_PER_CHAR = 40  # an HTML page's markup is commonly 5-20x its text
# the longest line of a page decoded: a saved single-file page holds its images as `data:`
# URIs, one line each (a 3 MB image: 4 MB of base64); the line is held only while its
# payload is taken out (`markup_payload`)
PAGE_LINE_BYTES = 32 * 1024 * 1024


def counted(kept: str, spans: list[tuple[int, int]], uncounted: int) -> int:
    """What a held line counts against the page bound: its markup and line end, but its
    attribute values and bogus comments' bodies (`markup_payload.COUNTED_VALUES`); a line
    with inert content counts them (once that content is its text, they may be gone)."""
    return len(kept) + 1 - (0 if spans else uncounted)


@register(*(suffix for suffix in MARKUP if suffix not in MARKDOWN))  # (`readers.markdown`)
class MarkupReader(FormatReader):
    """A page's markup, without what no browser shows as text (`markup_payload`: scripts,
    styles, comments, `data:` URIs, hidden inputs' values), may hold at most
    `--max-page-bytes` bytes, by default
    `MARKUP_BYTES_PER_CHAR` × `--max-chars` (at least that for the default `--max-chars`:
    lowering the limit on a record does not refuse ordinary pages); a larger one fails (E009)
    as soon as it passes that, before it is parsed, saying which option raises it. The limit
    on text is the segmenter's, per record. A compressed page that breaks
    is read up to the break (what was decompressed, as a browser shows it), then the break
    is reported (E001)."""

    encoding = "utf-8"
    zeroed_mark = "\ufdd0"  # a noncharacter: the parsers keep it, no page writes it

    record_ends = "block"  # (at a compressed file's break: half a record is none)

    @property
    def line_bytes(self) -> int:
        return max(PAGE_LINE_BYTES, self.page_bytes)

    @property
    def page_bytes(self) -> int:
        """The most markup a page may hold, its payload not counted: `--max-page-bytes` when
        given (the page's bound is its own: a page's markup is not a record's text), else
        `MARKUP_BYTES_PER_CHAR` x `--max-chars`, at least that for the default."""
        return page_bound(self.settings)

    def lines(self, part: Part, warn: WarningSink, layout: Layout | None = None) -> Iterator[Any]:
        """The page's lines; its encoding noted for the tail of a broken stream."""
        if layout is not None:
            self.encoding = layout.encoding
        return super().lines(part, warn, layout)

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        cap, max_chars = self.page_bytes, self.settings.max_chars
        total, number = 0, 0
        held: list[tuple[int, str]] = []  # the page's lines without their payload
        spans: list[list[tuple[int, int]]] = []  # each held line's inert template content
        uncounted: list[int] = []  # each held line's attribute values (`State.uncounted`)
        state, inert = State(), Inert()
        xml = MARKUP[format_suffix(file.path)] is xhtml_page  # (`<script/>` closes there)
        templates: Templates | None = None  # past the bound: inert templates' content apart
        for number, _, text in lines:
            if text is None:
                size = f"a page with a line of more than {self.line_bytes:,} bytes"
                yield failed(file, Code.TOO_LONG, number, message=page_too_large(size))
                return
            kept, state = unpack_line(text, state, inert, xml)
            if templates is not None:
                kept = templates.apart(kept, inert.spans)
            held.append((number, kept))
            spans.append(inert.spans)
            uncounted.append(state.uncounted)
            total += counted(kept, inert.spans, state.uncounted)
            if total > cap and templates is None:  # their markup is not counted either
                templates = Templates()
                held = [(n, templates.apart(k, s)) for (n, k), s in zip(held, spans, strict=True)]
                total = sum(
                    counted(k, s, u) for (_, k), s, u in zip(held, spans, uncounted, strict=True)
                )
            if templates is not None:
                spans, uncounted = [], []
            if total > cap:
                size = f"a page of more than {cap:,} bytes of markup besides its payload"
                yield failed(file, Code.TOO_LONG, None, message=page_too_large(size))
                return
        try:
            page = MARKUP[format_suffix(file.path)](held)
        except EntityExpansion as error:  # a "billion laughs" page: one error, no text
            yield failed(file, Code.PARSER_LIMIT, None, message=f"not read: {error}")
            return
        yield from self.settings.segmenter.segment(
            page.blocks, file.doc_id, file.source, max_chars, page.author
        )


class Templates:
    """A page past its bound without the markup of what no browser renders (an inert
    `<template>`'s content, a `<noscript>`'s, a `<datalist>`'s, a raw fallback's:
    `markup_payload.Inert`): each one's content becomes its text alone, escaped, so that it
    is still a block with its reason (`template`, `noscript`, `fallback`: a dropped line),
    and the page's paragraphs are read. A page within its bound is parsed as written (each
    of their blocks a dropped line). Measured: parsing that markup instead (not counted,
    kept) took 21 s for a 2 MB template, 171 s for 8 MB.

    Its text is kept up to `TEMPLATE_TEXT` characters and one more (the writer cuts it there,
    saying so: `truncated`); its markup is held up to a multiple of that."""

    def __init__(self) -> None:
        self.raw: list[str] = []  # the open template's markup so far
        self.chars = 0

    def apart(self, kept: str, spans: list[tuple[int, int]]) -> str:
        """A line without its inert templates' markup: each template's text where it ends."""
        if not spans:
            return kept
        out, at = [], 0
        for start, end in spans:
            out.append(kept[at:start])
            self.hold(kept[start:end])
            if end < len(kept):  # its end tag follows: the template's text, in its place
                out.append(self.text())
            at = end
        out.append(kept[at:])
        return "".join(out)

    def hold(self, markup: str) -> None:
        room = TEMPLATE_MARKUP - self.chars
        if room > 0:
            self.raw.append(markup[:room])
            self.chars += min(room, len(markup))

    def text(self) -> str:
        """The text of the template that ends, escaped, and nothing held after it."""
        shown = html.unescape(TAG.sub(" ", "".join(self.raw)))
        self.raw, self.chars = [], 0
        return html.escape(shown[: TEMPLATE_TEXT + 1], quote=False)


TEMPLATE_TEXT = ENTRY_TEXT_LIMIT  # (what dropped.jsonl keeps of a line)
TEMPLATE_MARKUP = 8 * TEMPLATE_TEXT
TAG = re.compile(r"<[^<>]*+>?")


def page_too_large(size: str) -> str:
    """E009's message for a page: markup, not text, is what is too large, and the option
    that raises that bound alone."""
    return (
        f"page too large: {size} (scripts, styles, comments, data: URIs, hidden inputs' "
        "values and what no browser renders not counted); the bound is "
        f"--max-page-bytes, by default {MARKUP_BYTES_PER_CHAR} bytes per character of "
        f"--max-chars, at least {MARKUP_BYTES_PER_CHAR * RECORD_MAX_CHARS:,}"
    )


def page_bound(settings: ReadSettings) -> int:
    """The bound on what a markup parser is given at once (an HTML page's markup, a top-level
    Markdown block): `--max-page-bytes` when given, else `MARKUP_BYTES_PER_CHAR` x
    `--max-chars`, at least that for the default (a lower `--max-chars` limits records only)."""
    given = settings.max_page_bytes
    return given or MARKUP_BYTES_PER_CHAR * max(settings.max_chars, RECORD_MAX_CHARS)
