"""`Block`, what a page's reader gives the segmenter, and the roles the segmenter drops.

The vocabulary between the readers that see a page's structure (`io/markup`, `io/markdown`,
`io/front_matter`) and the segmenter (`io/segment/segmenter.py`) lives here, below both, so
the import arrows point one way: a reader imports the segmenter and this module, the segmenter
imports no reader. `io/markup` maps its elements onto these roles (`markup.HIDDEN`, `HIDING`;
`tests/test_markup_visible.py` checks every role it gives is one of them).
"""

from __future__ import annotations

from typing import NamedTuple


class Block(NamedTuple):
    """One block of a document: where (line or block number), its text, what markup made it.

    `role` is None for a line of a text page (the segmenter decides), else one of `heading`,
    `paragraph`, `item`, `row`, `quote`, `code`, `furniture` (left out by the main-content
    extraction), `markup` (no text: a link definition), `lost` (text a parser skipped).
    `emphasis`: the texts the markup sets in italics in it (`<em>`, `<i>`, `<cite>`, `*X*`,
    `_X_`), a work's title by the typographic convention (`meta.emphasis` of its record,
    read by `evidence.written_titles`: hostile45 E6)."""

    number: int
    text: str
    role: str | None = None
    emphasis: tuple[str, ...] = ()


EMPHASIS_WORDS = 6  # an italic run of more words is no title (`evidence.TITLE_WORDS`)
EMPHASIS_KEPT = 32  # a block's italic runs kept at most: the record's meta stays small


def titles_in_italics(texts: list[str]) -> tuple[str, ...]:
    """The italic runs of a block worth keeping as title evidence: its blanks one space, at
    most `EMPHASIS_WORDS` words, the first `EMPHASIS_KEPT` (no search in the block's text:
    linear however many runs it has)."""
    out: list[str] = []
    for text in texts:
        words = text.split()
        if words and len(words) <= EMPHASIS_WORDS:
            out.append(" ".join(words))
            if len(out) == EMPHASIS_KEPT:
                break
    return tuple(out)


# what a browser does not show as part of the page, by the reason it is dropped: the page's
# head, what shows only when scripts are off, a template, an embedded element's fallback, a
# datalist, a CDATA section, an SVG's title and description, an element hidden by its
# attribute or a dialog not open (`io/markup.HIDDEN`, `HIDING`)
HIDDEN_ROLES = frozenset({
    "head", "noscript", "template", "fallback", "datalist", "cdata", "svg-metadata", "hidden",
    "dialog",
})  # fmt: skip
# a table's header row repeated in it (long tables repeat it every so many rows), as for CSV
REPEATED_HEADER = "header"
# the roles the segmenter drops, each with its name as the reason
DROPPED_ROLES = HIDDEN_ROLES | {"furniture", "markup", REPEATED_HEADER}
