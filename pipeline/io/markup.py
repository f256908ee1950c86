"""HTML pages and Markdown files as blocks of text with their role, for the segmenter.

Markup is structure, not content: each block (paragraph, heading, list item, table row,
quotation, code line) becomes one `Block` whose `role` says what the markup made it, so the
segmenter never has to guess a heading from a line's length (a list item "Directed by ..." is
an item, not a heading). Inline markup disappears, entities are decoded.

HTML: the page's main content is found by trafilatura (as datatrove does; chosen by
`bench/html_extraction.py` on saved documentation sites: see the README), which leaves out
navigation, headers, footers, sidebars, scripts and styles by its own rules, not ours. Every
block of the page (Lexbor via selectolax, which reads broken markup as browsers do) that the
extraction does not hold is still accounted for: it comes out with the role `furniture`, and
the segmenter drops it with that reason, so nothing of the page is lost silently (the
extraction's texts are read by `markup_extract`, aligned by `markup_align`). A page where
trafilatura finds no main content is read whole, every block kept. The page's author, when
its metadata or a byline names one, is given as `author`. A block's `number` is its place in
the page (a parser gives no source lines).

Markdown: `pipeline.io.markdown` (markdown-it-py, parsed one group of top-level blocks at a
time); a block's `number` is its line in the file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

from pipeline.io.html_depth import SELECT, TEMPLATE, bounded
from pipeline.io.markup_align import content_mask
from pipeline.io.markup_extract import CELL_SEPARATOR, main_texts, words_of
from pipeline.io.markup_pre import CODE_ELEMENTS, code_class, reads_as_prose
from pipeline.io.markup_shown import SHOWN_FALLBACK, multiline_box, shows_fallback
from pipeline.io.markup_tables import holds_blocks, layout_table
from pipeline.io.segment.blocks import (
    EMPHASIS_WORDS,
    HIDDEN_ROLES,
    REPEATED_HEADER,
    Block,
    titles_in_italics,
)
from pipeline.io.segment.credits import name_shaped

Lines = Iterable[tuple[int, str]]

NOT_TEXT = frozenset({"script", "style"})  # code, never shown
# An inline tag of Markdown's raw HTML: `<name …>`, `</name>` or `<name …/>` (markdown-it gives
# each tag a token); its attributes stop at the next `<`, so a run of `<a<a…` costs one pass.
INLINE_TAG = re.compile(r"<(?P<end>/?)(?P<name>[A-Za-z][\w-]*+)(?P<rest>[^<>]*+)>")
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
    "legend", "li", "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p",
    "plaintext", "pre", "search", "section", "select", "summary", "table", "tbody", "text",
    "tfoot", "thead", "title", "tr", "ul", "xmp", "desc", SELECT,
})  # fmt: skip
# containers whose text a browser does not show as part of the page, by the reason it is
# dropped: the page's head (its title is the tab's), what shows only when scripts are off,
# a template (a script's material), what an iframe, object or media element shows only
# when it cannot show itself
HIDDEN = MappingProxyType({
    "head": "head", "noscript": "noscript", "template": "template", TEMPLATE: "template",
    "iframe": "fallback", "object": "fallback", "video": "fallback", "audio": "fallback",
    "canvas": "fallback", "noembed": "fallback", "noframes": "fallback",
    "datalist": "datalist", "applet": "fallback",
})  # fmt: skip
# phrasing content (HTML Living Standard 3.2.5.2.5: embedded, interactive, hidden and
# script-supporting elements) whose content is not the sentence's: it is read apart (its
# blocks come before the block it stands in, with their own role) and never ends the
# paragraph around it ("rows out <audio></audio> to the island" was two records). Those a
# browser draws as a box in the line (`REPLACED`) are a space there; the others, nothing.
APART = frozenset({
    "noscript", "template", TEMPLATE, "iframe", "object", "video", "audio", "canvas",
    "noembed", "datalist", "select", SELECT, "applet", "svg",
})  # fmt: skip
REPLACED = frozenset({
    "iframe", "object", "video", "audio", "canvas", "select", SELECT, "applet", "svg",
})  # fmt: skip
# an element the HTML standard's rendering hides whatever its tag (`visibility_of`): the
# `hidden` attribute (not `until-found`: find-in-page shows it), a `dialog` not open (shown
# only when a script opens it), an inline `display: none`
HIDING = frozenset({"hidden", "dialog"})
# an SVG's title and description: a tooltip and an accessibility text, never drawn
SVG_METADATA = frozenset({"title", "desc"})
# preformatted as `<pre>` by the standard's rendering (`xmp`, `listing`: obsolete, still shown)
PREFORMATTED = frozenset({"pre", "xmp", "listing"})
# `<q>`'s quotation marks, which a browser draws (the CSS `quotes` default: English marks)
QUOTE_MARKS = ("\u201c", "\u201d")
RAW_FALLBACK = frozenset({"iframe", "noembed", "noframes"})  # their markup is text
MAX_FRAMES = 2  # iframes' srcdoc documents read inside one another; deeper ones as text
TAG = re.compile(r"<[^<>]*>")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MARKUP_ONLY = re.compile(r"^[\s>*+\-#|:=_`~.)0-9]*$")  # list markers, rules, fences, numbers
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
CDATA_OPEN = "[CDATA["  # what a CDATA section's comment starts with in an HTML tree
# elements trafilatura deletes with their content before it extracts (its `MANUALLY_CLEANED`,
# 2.3; `tests/test_markup_inline.py` checks the installed one's against it): inside a
# paragraph (a `<time>`, a button, a ruby annotation, a form control) their text made the
# page's paragraph differ from the extraction's, and the whole paragraph was dropped as
# furniture. A block's text without them is what it is aligned by (`tree_blocks`).
EXTRACTION_DELETES = frozenset({
    "applet", "area", "aside", "audio", "blink", "button", "canvas", "datalist", "dialog",
    "embed", "fencedframe", "fieldset", "figure", "footer", "form", "frame", "frameset", "head",
    "iframe", "input", "label", "legend", "link", "map", "marquee", "math", "menu", "menuitem",
    "nav", "noindex", "noscript", "object", "optgroup", "option", "output", "param", "picture",
    "progress", "rp", "rt", "rtc", "script", "select", "source", "style", "svg", "textarea",
    "time", "track", "use", "video", SELECT, TEMPLATE,
})  # fmt: skip
# elements a browser draws as a box of their own inside a line (inline-block, or replaced):
# the words before and after them are apart ("70%<button>High</button>": "70% High")
WIDGETS = frozenset({
    "button", "meter", "progress", "input", "img", "embed", "output", "textarea",
})  # fmt: skip
# an `<input>` whose `value` a browser shows as text in its box (not hidden, not a password's
# dots, not a box to tick, a file, an image or a slider)
INPUT_SHOWS_VALUE = frozenset({
    "", "text", "search", "email", "url", "tel", "number", "submit", "button", "reset", "date",
    "time", "datetime-local", "month", "week",
})  # fmt: skip


# elements trafilatura deletes whole that a browser shows in the flow of the text around them:
# an illustration and its caption, a group of a form with its legend, a formula, an image's
# drawn text. A block in one follows where it stands: content when the blocks on both sides
# of it are (`in_flow`); a `<nav>`, `<aside>` or `<footer>` stays what the extraction says
FLOW = frozenset({"figure", "fieldset", "math", "svg", "picture"})
# what the markup says is outside the main content: a block in one stays what the extraction
# says it is (`in_content`)
NAVIGATION = frozenset({"nav", "aside", "footer"})
# what the markup says is the main content: a block in one that holds a block the extraction
# holds is content too, at any position in it (`in_content`)
MAIN = frozenset({"article", "main"})
# a block of running text in the main content has at least this many words (`in_content`): a
# one-word "Share" or "Reply" between two paragraphs is not made content by where it stands
RUNNING_WORDS = 5
# blocks the extraction left out between two it holds that can be the main content's own
# (`in_content`): a longer run between them is another part of the page (a comment thread's
# furniture, a box of related links)
GAP_BLOCKS = 4


class Aligned(NamedTuple):
    """What `html_page` knows of a block besides its text: the two texts `markup_align`
    aligns it by (`written`, and `kept` without what trafilatura deletes), whether it is in a
    `FLOW` element, in a `NAVIGATION` one, and whether all its words are in links."""

    written: str
    kept: str
    flow: bool
    navigation: bool = False
    linked: bool = False
    main: int = 0  # the outermost `MAIN` element around it (0: none)
    lines: int = 0  # blocks with the same number are lines one `<br>` apart (`wrap_lines`)
    path: int = 0  # a hash of the tags open around it: blocks alike in the markup share it
    in_cell: bool = False  # in a table cell (a block there is part of its row: `in_content`)
    prose: bool = False  # a line of preformatted text that reads as a wrapped message
    layout: int = 0  # the cell of a table used for layout it is in (`markup_tables`; 0: none)


class End(NamedTuple):
    """Where an element's children end, for what `tree_blocks` does there: `deleted` (its
    text is back in what the extraction holds), `flow` (out of a `FLOW` element), `widget` (a
    space), `annotation` (a ruby annotation's closing parenthesis), `quote` (a `<q>`'s closing
    mark), `svg` (out of an SVG), `emphasis` (an italic element's text, `EMPHASIS`),
    `apart` / `apart box`
    (the words set aside before an `APART` element are back, a space after a box)."""

    kind: str


@dataclass
class Page:
    """The blocks of one markup document, and what its metadata says of it."""

    blocks: list[Block]
    author: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


CELLS = frozenset({"td", "th"})
ROW_PARTS = CELLS | {"tr"}
CELL_MARK = "\x00"  # between cells while a row is read (a NUL never reaches a page's text)


# what a page shows as one space: HTML's blanks (space, tab, line ends, form feed) and the
# line separators (VT, FS-US, NEL, LS, PS), as the line separators test has it for HTML
HTML_BLANKS = re.compile("[ \t\n\r\f\x0b\x1c-\x1f\x85\u2028\u2029]++")


def shown_text(text: str) -> str:
    """A block's text as a browser shows it: `HTML_BLANKS` collapsed to one space, none at
    either end; no-break, narrow no-break, thin and every other space kept as written, runs
    too (`1&nbsp;h&nbsp;50`, `«&#8239;oui&#8239;»`, `Name:&nbsp;&nbsp;&nbsp;x` were folded to
    ASCII spaces, one per run; Markdown kept them)."""
    return HTML_BLANKS.sub(" ", text).strip()


def cells_of(text: str) -> str:
    """A block's text (`shown_text`); a table row's cells joined by ` | ` (empty cells kept
    between others, none at either end)."""
    if CELL_MARK not in text:
        return shown_text(text)
    cells = [shown_text(cell) for cell in text.split(CELL_MARK)]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:  # empty cells at either end alike: not shown as text
        cells.pop(0)
    return CELL_SEPARATOR.join(cells) if any(cells) else ""


def parse(page: str) -> Any:
    """Lexbor's tree of a page whose nesting was bounded (`html_depth`), its templates'
    content in the tree."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(page)


def page_blocks(page: str, frames: int = 0, described: bool = False) -> Iterator[Block]:
    """Every block of text of an HTML page (see `tree_blocks`)."""
    return tree_blocks(parse(bounded(page).parser_page), frames, described=described)


def tree_blocks(
    tree: Any, frames: int = 0, aligned: list[Aligned] | None = None, described: bool = False
) -> Iterator[Block]:
    """Every block of text of a parsed page, in reading order, numbered from 1, with the
    role its tag gives (`role_of`): the head's title and the content of `HIDDEN` containers
    with the reason a browser does not show them; a CDATA section (a comment in HTML) as
    `cdata`; an iframe's `srcdoc` document read in place. Iterative: no recursion limit.

    Inline, as a browser shows it: a widget (`WIDGETS`) apart from the words around it, an
    `<input>`'s value where the browser shows one; a ruby annotation in parentheses after
    its base text (`東京(とうきょう)`: a browser shows it above the base; `<rp>`, the
    parentheses only a browser without ruby shows, is left out: ours replace it).
    `aligned`, when given, gets for each block the two texts `markup_align` aligns it by: its
    text nodes as written (none of the parentheses or values added here: trafilatura's
    fallbacks keep what it would delete), and those without what trafilatura deletes
    (`EXTRACTION_DELETES`; the first when nothing else is left), and whether the block is in
    a `FLOW` element, in a `NAVIGATION` one, and whether its words are all in links (`Aligned`).
    `described`: an image's description (`alt`) is text where the image is, as words of its
    line (HTML inside Markdown, where `![description](src)` keeps it; a browser
    shows it only when the image is missing, so a page's own images have none)."""
    return TreeWalk(frames, aligned, described).blocks(tree)


def top_nodes(tree: Any) -> list[Any]:
    """The tree's root and its siblings, in order (none for an empty tree): a comment (a CDATA
    section) before `<html>` is its sibling."""
    node = tree.root
    if node is None:
        return []
    while node.prev is not None:
        node = node.prev
    top = []
    while node is not None:
        top.append(node)
        node = node.next
    return top


EMPHASIS = frozenset(("em", "i", "cite"))  # italics: a work's title by convention (`Block`)
APART_ENDS = ("apart", "apart box")  # `End` kinds after an `APART` element (`TreeWalk.rejoin`)


class TreeWalk:
    """One walk of a parsed page (`tree_blocks`): the words read since the last block and what
    is open around the walk. `blocks` takes the nodes in document order off an explicit stack
    (an `End` marks where an element's children end); each method decides one thing at one
    kind of node: a data table's cell, a block inside one, an element read apart, a block's
    end, an element's start and what it opens until its `End`."""

    __slots__ = (
        "aligned", "apart", "cells", "cut", "deleted", "described", "emphasis", "emphasised",
        "flat", "flow", "frames", "free", "header_row", "headers", "hosts", "layout_cells",
        "lines", "link", "mains", "navigation", "nodes", "number", "paths", "pre_code", "roles",
        "seen", "stack", "svg", "tables", "words",
    )  # fmt: skip

    def __init__(self, frames: int, aligned: list[Aligned] | None, described: bool) -> None:
        self.frames, self.aligned, self.described = frames, aligned, described
        self.number = 0
        self.words: list[str] = []  # the words read since the last block
        self.nodes: list[str] = []  # the text nodes only (no parentheses, no values added)
        self.seen: list[str] = []  # and without those in deleted elements
        self.free: list[str] = []  # the text nodes outside any link
        self.deleted = 0  # EXTRACTION_DELETES elements open around the walk
        self.flow = 0  # FLOW elements open around the walk
        self.navigation = 0  # NAVIGATION elements open around the walk
        self.link = 0  # links open around the walk
        self.mains = [0]  # the `MAIN` elements open around the walk, innermost last
        self.lines = 0  # the group of `<br>`-separated lines being read (`Aligned.lines`)
        self.cells = 0  # data tables' cells open around the walk (since the innermost layout)
        self.tables: list[tuple[bool, int]] = []  # each open table: for layout, `cells` outside
        self.flat = [False]  # each open data cell: its blocks are lines of it (`markup_tables`)
        self.layout_cells = [0]  # the layout tables' cells open around the walk, innermost last
        self.paths = [0]  # `Aligned.path` of each open element, innermost last
        self.cut = False  # a block ended inside the cell being read: its end is no new cell
        self.svg = 0  # SVG elements open around the walk
        self.headers: list[str | None] = []  # each open table's first row of header cells only
        self.header_row = False  # the row being read has header cells only so far
        self.hosts: set[int] = set()  # elements given a declarative shadow root
        self.apart: list[tuple[list[str], list[str], list[str], list[str]]] = []  # `APART`
        self.roles = ["paragraph"]  # the role of each open block, innermost last
        self.pre_code: list[bool] = []  # each preformatted element open: markup says code
        self.stack: list[tuple[bool, Any]] = []  # (entering, node)
        # each italic element open (`EMPHASIS`): the words list it started in and where; the
        # texts of those closed in the block being read
        self.emphasis: list[tuple[list[str], int]] = []
        self.emphasised: list[str] = []

    def blocks(self, tree: Any) -> Iterator[Block]:
        """The page's blocks: each node off the stack to the method that decides it."""
        stack, roles, tables = self.stack, self.roles, self.tables
        stack.extend((True, n) for n in reversed(top_nodes(tree)))
        while stack:
            entering, node = stack.pop()
            if isinstance(node, End):
                if node.kind in APART_ENDS:  # the sentence around it goes on
                    yield from self.rejoin(node.kind)
                else:
                    self.close_scope(node.kind)
                continue
            tag = node.tag
            if entering and tag == "object" and shows_fallback(node):
                tag = SHOWN_FALLBACK  # (`markup_shown`: no browser plays it; its content shows)
            if entering and tag == "-text":
                self.add(node.text_content or "")
                continue
            if entering and tag == "-comment":  # text only when it is a CDATA section's
                yield from self.comment(node)
                continue
            if entering and (tag is None or tag in NOT_TEXT):  # None: `<?...>`, shown by none
                continue
            layout = bool(tables) and tables[-1][0]  # the innermost table is a page's layout
            if tag in CELLS and not layout:  # a data row's cells stay one block, ` | ` between
                if entering:
                    self.enter_cell(node, tag)
                else:
                    self.leave_cell()
                continue
            shown = visibility_of(node, tag, self.hosts) if entering and tag[0] != "-" else None
            box = tag == "textarea" and multiline_box(node)  # its lines, as `<pre>`'s
            container = tag in BLOCKS or tag in HIDDEN or shown is not None or tag in CELLS or box
            if container and self.in_cell_line(tag, entering, shown):
                self.cell_line(node, tag, entering)
                continue
            if entering and (tag in APART or shown in HIDING or box):  # read apart: see `APART`
                self.set_apart(tag in REPLACED or box)
            if tag == "br" and self.cells and roles[-1] != "code":  # a line of the cell: the
                self.add(" ")  # row goes on
                continue
            if container or tag == "br" or not entering:
                yield from self.block_end(tag)
            if not entering:
                roles.pop()
                if layout and tag in CELLS:
                    self.layout_cells.pop()
                continue
            if tag == "br":
                continue
            if tag in RAW_FALLBACK:  # raw text: the markup in it is text, read once more
                yield from self.embedded(node, tag)
                continue
            self.enter(node, tag, layout, shown, container, box)
        yield from self.flush()

    def walk_into(self, node: Any) -> None:
        """An element's children, next on the stack in document order."""
        self.stack.extend((True, c) for c in reversed(list(node.iter(include_text=True))))

    def add(self, text: str, node_text: bool = True) -> None:
        """Words of the block being read; `node_text`: a text node's (not a mark we add)."""
        self.words.append(text)
        self.free.append(text if node_text and not self.link else "")
        self.nodes.append(text if node_text else "")
        self.seen.append(text if node_text and not self.deleted else "")

    def block(
        self,
        text: str,
        role: str,
        written: str = "",
        kept: str = "",
        linked: bool = False,
        prose: bool = False,
        emphasis: tuple[str, ...] = (),
    ) -> Iterator[Block]:
        """A block of `text` (none when empty), a table's header row (`column_names`) and the
        header row repeated in it marked `REPEATED_HEADER`; what `aligned` is given of it."""
        headers = self.headers
        if text and role == "row" and headers and self.header_row:  # (`REPEATED_HEADER`)
            if headers[-1] is None:
                headers[-1] = text
                if column_names(text):  # the header row itself: markup, never names
                    role = REPEATED_HEADER
            elif text == headers[-1]:
                role = REPEATED_HEADER
        if text:
            self.number += 1
            if self.aligned is not None:
                self.aligned.append(self.alignment(text, written, kept, linked, prose))
            yield Block(self.number, text, role, emphasis)

    def alignment(self, text: str, written: str, kept: str, linked: bool, prose: bool) -> Aligned:
        """What `html_page` is told of a block besides its text (`Aligned`), from what is open
        around the walk."""
        mains, layout_cells = self.mains, self.layout_cells
        in_row = self.cells > 0 or len(layout_cells) > 1 or self.roles[-1] == "row"
        return Aligned(
            written or text,
            kept or written or text,
            self.flow > 0,
            navigation=self.navigation > 0,
            linked=linked,
            main=mains[min(1, len(mains) - 1)],
            lines=self.lines,
            path=self.paths[-1],
            in_cell=in_row,
            prose=prose,
            layout=0 if self.cells else layout_cells[-1],
        )

    def flush(self) -> Iterator[Block]:
        """The words read since the last block, as a block (or a code block per line)."""
        self.cut = self.cells > 0
        joined, written, kept = "".join(self.words), "".join(self.nodes), "".join(self.seen)
        linked = not "".join(self.free).replace(CELL_MARK, "").strip()
        self.words, self.nodes, self.seen, self.free = [], [], [], []
        emphasis = titles_in_italics(self.emphasised)
        self.emphasised = []
        if self.roles[-1] == "code":  # preformatted: each of its lines a block
            yield from self.code_lines(joined)
        else:
            text = cells_of(joined)
            yield from self.block(
                text, self.roles[-1], cells_of(written), cells_of(kept), linked, emphasis=emphasis
            )

    def code_lines(self, joined: str) -> Iterator[Block]:
        """Preformatted text's lines, each a block; a wrapped message (`markup_pre`): its lines
        are joined as a text page's are, a blank line between its paragraphs (`wrap_lines`)."""
        prose = not (self.pre_code and self.pre_code[-1]) and reads_as_prose(joined)
        for line in joined.splitlines():
            if prose and not line.strip():
                self.lines += 1
            # code as written, its indentation kept (`segment.verbatim`)
            yield from self.block(line.strip() if prose else line.rstrip(), "code", prose=prose)

    def block_end(self, tag: str) -> Iterator[Block]:
        """A block ends (or a `<br>` ends a line): the words so far; a new group of lines
        unless a `<br>` ended a line of the same block."""
        before = self.number
        yield from self.flush()
        if tag != "br" or self.number == before:  # a block ends, or a `<br><br>`: new lines
            self.lines += 1

    def comment(self, node: Any) -> Iterator[Block]:
        """A comment: a block of its own when it is a CDATA section's (`cdata`), else none."""
        data = node.comment_content or ""
        if data.startswith(CDATA_OPEN):
            yield from self.block(shown_text(data[len(CDATA_OPEN) :].removesuffix("]]")), "cdata")

    def close_scope(self, kind: str) -> None:
        """Where an element's children end (`End`): out of what it opened; the mark a browser
        draws after it (a widget's space, an annotation's or a quotation's close)."""
        if kind == "deleted":
            self.deleted -= 1
        elif kind == "flow":
            self.flow -= 1
        elif kind == "navigation":
            self.navigation -= 1
        elif kind == "link":
            self.link -= 1
        elif kind == "main":
            self.mains.pop()
        elif kind == "path":
            self.paths.pop()
        elif kind == "table":
            self.headers.pop()
            layout, outside = self.tables.pop()
            self.cells = outside if layout else self.cells
        elif kind == "pre":
            self.pre_code.pop()
        elif kind == "svg":
            self.svg -= 1
        elif kind == "quote":
            self.add(QUOTE_MARKS[1], node_text=False)
        elif kind == "emphasis":
            words, at = self.emphasis.pop()
            if words is self.words and len(words) - at <= 4 * EMPHASIS_WORDS:  # no block
                self.emphasised.append("".join(words[at:]))  # ended inside it; a title's size
        else:
            self.add(" " if kind == "widget" else ")", kind == "widget")

    def set_apart(self, box: bool) -> None:
        """An `APART` element's start: the words around it wait until its end (`rejoin`)."""
        self.apart.append((self.words, self.nodes, self.seen, self.free))
        self.words, self.nodes, self.seen, self.free = [], [], [], []
        self.stack.append((False, End("apart box" if box else "apart")))

    def rejoin(self, kind: str) -> Iterator[Block]:
        """An `APART` element's end: what it holds outside a block of its own is a block, the
        words set aside before it go on (after a space, for a box a browser draws)."""
        yield from self.flush()
        self.words, self.nodes, self.seen, self.free = self.apart.pop()
        if kind == "apart box":
            self.add(" ")

    def enter_cell(self, node: Any, tag: str) -> None:
        """A data table's cell: the row goes on; its blocks are lines of it when it holds
        none of its own (`markup_tables`)."""
        self.cells += 1
        self.flat.append(self.flat[-1] or not holds_blocks(node))
        self.cut = False
        self.header_row = self.header_row and tag == "th"
        self.stack.append((False, node))
        self.walk_into(node)

    def leave_cell(self) -> None:
        """A data table's cell ends: a cell mark in the row (a space in an outer cell; none
        after the rest of a cell a block ended in)."""
        self.cells -= 1
        self.flat.pop()
        if self.cells:  # a cell of a table in a data cell: its text is that cell's
            self.add(" ")
        elif not (self.cut and not "".join(self.words).strip()):  # not the rest of a cut cell
            for part in (self.words, self.nodes, self.seen):
                part.append(CELL_MARK)
        self.cut = False

    def in_cell_line(self, tag: str, entering: bool, shown: str | None) -> bool:
        """Whether a container is a line of the data cell it is in, not a block of its own
        (an SVG's title and description, what is read apart or hidden are blocks)."""
        return bool(
            self.cells
            and self.flat[-1]
            and not self.svg
            and (shown is None or not entering)
            and tag not in APART
            and tag not in HIDDEN
            and self.roles[-1] not in HIDDEN_ROLES
        )

    def cell_line(self, node: Any, tag: str, entering: bool) -> None:
        """A block in a data cell: a line of the cell, the row goes on (`markup_tables`)."""
        self.add(" ")
        if entering:
            self.roles.append(self.roles[-1])
            self.stack.append((False, node))
            if tag == "table":
                self.tables.append((False, self.cells))
                self.headers.append(None)
                self.stack.append((False, End("table")))
            self.walk_into(node)
        else:
            self.roles.pop()

    def embedded(self, node: Any, tag: str) -> Iterator[Block]:
        """A `RAW_FALLBACK` element: an iframe's `srcdoc` document, then its raw text."""
        if tag == "iframe" and (srcdoc := node.attributes.get("srcdoc")):
            yield from self.frame(srcdoc)
        raw = node.text(deep=True) or ""
        yield from self.block(shown_text(html.unescape(TAG.sub(" ", raw))), "fallback")

    def frame(self, srcdoc: str) -> Iterator[Block]:
        """An iframe's `srcdoc`: a document of its own, shown in place, in the flow of the page
        around it (`in_flow`), as a figure (the extraction deletes it); as text past
        `MAX_FRAMES`."""
        if self.frames >= MAX_FRAMES:
            yield from self.block(shown_text(html.unescape(TAG.sub(" ", srcdoc))), "fallback")
            return
        hidden = self.roles[-1] if self.roles[-1] in HIDDEN_ROLES else None
        self.flow += 1
        for inner in page_blocks(srcdoc, self.frames + 1):
            role = inner.role if inner.role not in (None, "furniture") else "paragraph"
            yield from self.block(inner.text, hidden or role)
        self.flow -= 1

    def role_for(self, tag: str, layout: bool, shown: str | None, box: bool) -> str:
        """The role of an element's blocks (`role_of`): a layout table's rows and cells are
        divisions of the page (`markup_tables`), an SVG's title and description are not drawn,
        preformatted text is code."""
        role = role_of("div" if layout and tag in ROW_PARTS else tag, self.roles[-1], shown)
        if tag in SVG_METADATA and self.svg:
            role = role if role in HIDDEN_ROLES else "svg-metadata"
        if tag in PREFORMATTED or box:
            role = role if role in HIDDEN_ROLES else "code"
        return role

    def enter(
        self, node: Any, tag: str, layout: bool, shown: str | None, container: bool, box: bool
    ) -> None:
        """An element's start: its role, what it opens until its end, what a browser draws at
        its start, then its children (none for `<rp>`)."""
        if layout and tag in CELLS:
            self.layout_cells.append(node.mem_id)
        role = self.role_for(tag, layout, shown, box)
        self.open_code(node, tag, box)
        self.open_scopes(node, tag)
        if container:
            self.stack.append((False, node))
            self.roles.append(role)
        if tag == "rp":  # what a browser without ruby shows: our parentheses replace it
            return
        self.drawn_start(node, tag)
        self.open_inline(node, tag)
        self.paths.append(hash((self.paths[-1], tag)))
        self.stack.append((False, End("path")))
        self.walk_into(node)

    def open_code(self, node: Any, tag: str, box: bool) -> None:
        """Preformatted text opens (until its `End`), code or not by its class; `<pre><code>`
        or a highlighter's spans say it is code."""
        if tag in PREFORMATTED or box:  # preformatted: its lines, its children walked as others
            self.pre_code.append(code_class(node.attributes.get("class") or ""))
            self.stack.append((False, End("pre")))
        elif self.pre_code and (tag in CODE_ELEMENTS or code_class(classes_of(node))):
            self.pre_code[-1] = True

    def open_scopes(self, node: Any, tag: str) -> None:
        """The markup's places that `Aligned` tells of, open until the element's `End`: in the
        flow of the text, in navigation, in a link, in the main content."""
        stack = self.stack
        if tag in FLOW or tag == SHOWN_FALLBACK:  # out of it after its end (popped there)
            self.flow += 1
            stack.append((False, End("flow")))
        if tag in NAVIGATION:
            self.navigation += 1
            stack.append((False, End("navigation")))
        if tag == "a":
            self.link += 1
            stack.append((False, End("link")))
        if tag in MAIN:
            self.mains.append(node.mem_id)
            stack.append((False, End("main")))

    def drawn_start(self, node: Any, tag: str) -> None:
        """What a browser draws where an element starts: an image's description as words
        (`described`), a widget's space (not in preformatted text, where blanks are as
        written), an `<input>`'s value."""
        alt = (node.attributes.get("alt") or "") if tag == "img" and self.described else ""
        if alt:  # an image's description reads as words of its line, as Markdown's
            self.add(alt, node_text=False)
        elif tag in WIDGETS:
            if self.roles[-1] != "code":
                self.add(" ")
                self.stack.append((False, End("widget")))
            if tag == "input" and shows_value(node):
                self.add(node.attributes.get("value") or "", node_text=False)

    def open_inline(self, node: Any, tag: str) -> None:
        """What an element opens until its `End`: deleted by the extraction, a ruby annotation
        (in parentheses), an SVG, a table (layout or data; its header row), a row, a `<q>`
        (in quotation marks)."""
        stack = self.stack
        if tag in EXTRACTION_DELETES or tag == SHOWN_FALLBACK:
            self.deleted += 1
            stack.append((False, End("deleted")))
        if tag == "rt":
            self.add("(", node_text=False)
            stack.append((False, End("annotation")))
        if tag == "svg":
            self.svg += 1
            stack.append((False, End("svg")))
        if tag == "table":
            self.tables.append((layout_table(node), self.cells))
            self.cells = 0 if self.tables[-1][0] else self.cells
            self.headers.append(None)
            stack.append((False, End("table")))
        if tag == "tr":
            self.header_row = True
        if tag == "q":
            self.add(QUOTE_MARKS[0], node_text=False)
            stack.append((False, End("quote")))
        if tag in EMPHASIS:
            self.emphasis.append((self.words, len(self.words)))
            stack.append((False, End("emphasis")))


def classes_of(node: Any) -> str:
    """An element's class attribute ("" for none)."""
    return (node.attributes.get("class") or "") if node.tag[0] != "-" else ""


def shows_value(node: Any) -> bool:
    """Whether a browser shows an `<input>`'s value as text (`INPUT_SHOWS_VALUE`)."""
    kind = (node.attributes.get("type") or "").strip().lower()
    return kind in INPUT_SHOWS_VALUE


def role_of(tag: str, parent: str, shown: str | None = None) -> str:
    """A block's role from its tag, or from the block it is in (a paragraph in a quotation
    or a list item is part of it; anything in a hidden container is hidden); `shown` is
    what `visibility_of` says of the element."""
    if parent in HIDDEN_ROLES:
        return parent
    if shown in HIDING:
        return shown
    if shown == "shown":  # a shadow root's content: where its host is
        return parent if parent in ("item", "quote") else "paragraph"
    if tag in HIDDEN:
        return HIDDEN[tag]
    if tag in HEADINGS:
        return "heading"
    if tag in ("li", "dt", "dd"):
        return "item"
    if tag == "tr":
        return "row"
    if tag == "blockquote":
        return "quote"
    return parent if parent in ("item", "quote") else "paragraph"


SHADOW_MODES = ("open", "closed")


def visibility_of(node: Any, tag: str, hosts: set[int]) -> str | None:
    """What the HTML standard's rendering does with an element whatever its tag: "shown"
    for a template that is its parent's declarative shadow root (the first one: a browser
    attaches one; `shadowroot` is Chrome's name before 2023), a reason in `HIDING` for an
    element it hides, None for an element its tag decides. A closed `details` is not
    hidden: its reader opens it (and find-in-page does); `aria-hidden` hides nothing from
    sight."""
    if tag in BLOCKS or tag in HIDDEN:
        attributes = node.attributes
    elif "hidden" in (attributes := node.attributes) or "style" in attributes:
        pass
    else:
        return None
    if tag == TEMPLATE:
        mode = attributes.get("shadowrootmode") or attributes.get("shadowroot") or ""
        host = node.parent
        if mode.lower() in SHADOW_MODES and host is not None and host.mem_id not in hosts:
            hosts.add(host.mem_id)
            return "shown"
    if "hidden" in attributes and (attributes["hidden"] or "").lower() != "until-found":
        return "hidden"
    if tag == "dialog" and "open" not in attributes:
        return "dialog"
    if displays_none(attributes.get("style")):
        return "hidden"
    return None


def displays_none(style: str | None) -> bool:
    """Whether an inline style says `display: none` (its last `display` wins)."""
    if not style or "display" not in style.lower():
        return False
    display = None
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        if name.strip().lower() == "display":
            display = value.lower().replace("!important", "").strip()
    return display == "none"


def html_page(lines: Lines) -> Page:
    """The page's blocks, each with the role its tag gives; those outside the main content
    that trafilatura finds are `furniture`. A page where it finds none is read whole.
    The page is parsed once, its nesting bounded first (`html_depth`)."""
    page = bounded("\n".join(text for _, text in lines).replace(CELL_MARK, " "))
    tree = parse(page.parser_page)
    aligned: list[Aligned] = []
    every = list(tree_blocks(tree, aligned=aligned))
    author = tree_author(tree)
    try:
        extracted = main_texts(page.extraction_page)
    except Exception:
        extracted = None
    if not extracted:  # no main content found: the whole page, nothing left out
        return Page(wrap_lines(every, aligned), author)
    shown = [k for k, b in enumerate(every) if b.role not in HIDDEN_ROLES | {REPEATED_HEADER}]
    held = content_mask([aligned[k][0] for k in shown], extracted)
    if any(aligned[k][1] != aligned[k][0] for k in shown):  # trafilatura deleted some (or
        # not: its fallbacks keep them): a block is held when either of its texts is
        held_kept = content_mask([aligned[k][1] for k in shown], extracted)
        held = [a or b for a, b in zip(held, held_kept, strict=True)]
    in_flow(held, [aligned[k][2] for k in shown])
    in_content(held, [aligned[k] for k in shown], [every[k] for k in shown])
    blocks = list(every)
    for k, keep in zip(shown, held, strict=True):
        if not keep:
            blocks[k] = every[k]._replace(role="furniture")
    return Page(wrap_lines(blocks, aligned), author)


COLUMN_NAME_WORDS = 3  # "Date de sortie", "Rôle", "Country of origin": a column's name


def column_names(row: str) -> bool:
    """Whether a table's header row (its cells all `<th>`: a Markdown table's row above its
    `|---|` rule) names the columns (hostile47 G5: "Poste | Nom", "Comédien | Rôle" were
    entities at the top of the index): every cell a few words, none a name of two capitalised
    words or more. A header row holding one ("| Réalisation | X Y |", a credit table
    written with no header) is content."""
    cells = [cell.split() for cell in row.split(CELL_SEPARATOR)]
    return all(
        len(words) <= COLUMN_NAME_WORDS and not (len(words) >= 2 and name_shaped(words))
        for words in cells
    )


def wrap_lines(blocks: list[Block], aligned: list[Aligned]) -> list[Block]:
    """The page's blocks, each run of two or more paragraph lines one `<br>` apart given as
    the lines of a text page (role None, a blank line around the run), so the segmenter joins
    those a hard wrap cut by the text reader's rule (`paragraphs.unwrapped`: a forum post or a
    mail archive wrapped at 72 columns was one record per line, sentences cut mid-clause) and
    keeps apart those that are not sentence continuations (a poem, an address); `<br><br>`
    is the paragraph break."""
    out: list[Block] = []
    k = 0

    def wraps(k: int) -> bool:  # a paragraph's line, or a wrapped message's (`markup_pre`)
        role = blocks[k].role
        return role == "paragraph" or (role == "code" and aligned[k].prose)

    while k < len(blocks):
        end = k + 1
        if wraps(k):
            while end < len(blocks) and wraps(end) and aligned[end].lines == aligned[k].lines:
                end += 1
        if end - k < 2:
            alone = blocks[k]
            out.append(alone._replace(role="paragraph") if wraps(k) else alone)
        else:
            out.append(Block(blocks[k].number, "", None))
            out.extend(b._replace(role=None) for b in blocks[k:end])
            out.append(Block(blocks[end - 1].number, "", None))
        k = end
    return out


def in_flow(held: list[bool], flowing: list[bool]) -> None:
    """Hold each block in a `FLOW` element (`flowing`) that the extraction left out when the
    nearest blocks outside one before and after it are both held: the figure or the form
    stands inside the main content, as a browser shows it. Two passes, linear."""
    before = [False] * len(held)
    last = False
    for k, (h, f) in enumerate(zip(held, flowing, strict=True)):
        before[k] = last
        if not f:
            last = h
    last = False
    for k in range(len(held) - 1, -1, -1):
        if flowing[k] and not held[k] and before[k] and last:
            held[k] = True
        if not flowing[k]:
            last = held[k]


def in_content(held: list[bool], aligned: list[Aligned], blocks: list[Block]) -> None:
    """Hold what the markup places in the main content that the extraction left out.

    Then `alike`; never a block of a layout table's cell that holds short blocks all in
    links only (the site's menu: the extraction keeps such a table whole); and never a
    block in a `NAVIGATION` element where anything else is held (trafilatura deletes those
    whole: only their wording made them held). Held: in an `<article>` or `<main>` the
    extraction holds a block of, and in a run of at
    most `GAP_BLOCKS` blocks between two held ones (a sentence written straight in a
    `<section>`, a `<center>`, a `<form>`, a custom element; one beside paragraphs that share
    its opening words), each block that is running text (`RUNNING_WORDS`, not all links), in
    a table cell (a list in a cell is part of its row), a heading or a preformatted line;
    and a heading the held block after it belongs to (a page's first `<h1>`, a listing's
    short `<h2>` titles). Never a block in a `NAVIGATION` element: the markup says
    it is not the article. Decided by position and markup, not by wording: blocks of the
    same markup in the same place get the same fate. Linear: one pass, each run read once."""
    count = len(held)
    eligible = [
        not a.navigation
        and (b.role in ("heading", "code") or (not a.linked and (a.in_cell or running(b.text))))
        for a, b in zip(aligned, blocks, strict=True)
    ]
    mains = {a.main for a, h in zip(aligned, held, strict=True) if h and a.main}
    for k, a in enumerate(aligned):  # in an article the extraction holds part of: content
        if not held[k] and eligible[k] and a.main in mains:
            held[k] = True
    start = 0
    while start < count:
        if held[start]:
            start += 1
            continue
        end = start
        while end < count and not held[end]:
            end += 1
        if start > 0 and end < count and end - start <= GAP_BLOCKS:
            for k in range(start, end):
                held[k] = eligible[k]
        start = end
    for k in range(count - 1, -1, -1):  # backwards: an `h2` before a held `h3` is held too
        if not held[k] and eligible[k] and blocks[k].role == "heading":
            held[k] = k + 1 < count and held[k + 1]
    title_of(held, blocks, eligible)
    alike(held, aligned, blocks, eligible)
    menus = {a.layout for a in aligned if a.layout}  # a layout cell of links only: a menu
    for a, b in zip(aligned, blocks, strict=True):
        if a.layout in menus and not (a.linked and not running(b.text)):
            menus.discard(a.layout)
    for k, a in enumerate(aligned):
        if a.layout in menus:
            held[k] = False
    if any(h and not a.navigation for h, a in zip(held, aligned, strict=True)):
        for k, a in enumerate(aligned):  # trafilatura deletes these whole: held by wording only
            if a.navigation:
                held[k] = False


def title_of(held: list[bool], blocks: list[Block], eligible: list[bool]) -> None:
    """Hold the page's title: the nearest heading before the first held block, at most
    `GAP_BLOCKS` blocks before it, when that block is no heading itself, wherever the
    extraction left it out (a mailing-list
    archive's `<h1>` subject above the sender and date lines, a thread's title above its
    posts: furniture before). Never one in a `NAVIGATION` element (`eligible`)."""
    first = next((k for k, h in enumerate(held) if h), None)
    if first is None or blocks[first].role == "heading":  # the content has its own title: a
        return  # heading above it is the site's name (a blog's header), not the page's
    for k in range(first - 1, max(-1, first - 1 - GAP_BLOCKS), -1):
        if blocks[k].role == "heading":
            held[k] = eligible[k]
            return


def alike(
    held: list[bool], aligned: list[Aligned], blocks: list[Block], eligible: list[bool]
) -> None:
    """Blocks alike in the markup (same tags around, same role) get the same fate: where most
    of them are held, every one that is running text or a heading is (the first comment of a
    thread was furniture, the others content); a short block all in links that repeats
    (a comment's "Reply", "Share", "Read more") is furniture wherever it stands, never a
    paragraph record. Linear: one count per group."""
    groups: dict[tuple[int, str | None], list[int]] = {}
    for k, (a, b) in enumerate(zip(aligned, blocks, strict=True)):
        if not a.navigation:
            groups.setdefault((a.path, b.role), []).append(k)
    texts: dict[str, int] = {}
    for a, b in zip(aligned, blocks, strict=True):
        if a.linked and b.role == "paragraph" and not running(b.text):
            texts[b.text] = texts.get(b.text, 0) + 1
    for members in groups.values():
        if 2 * sum(held[k] for k in members) > len(members):
            for k in members:
                held[k] = held[k] or eligible[k]
    for k, (a, b) in enumerate(zip(aligned, blocks, strict=True)):
        if a.linked and b.role == "paragraph" and texts.get(b.text, 0) > 1 and not running(b.text):
            held[k] = False


def running(text: str) -> bool:
    """Whether a block is running text (`RUNNING_WORDS` or more words)."""
    return len(text.split(None, RUNNING_WORDS)) >= RUNNING_WORDS


AUTHOR_META = (
    'meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]',
    'meta[name="dc.creator"]', 'meta[name="DC.creator"]',
)  # fmt: skip


def tree_author(tree: Any) -> str | None:
    """The author a page's metadata names (the standard meta tags; a URL is not a name)."""
    head = tree.head
    if head is None:
        return None
    for selector in AUTHOR_META:
        node = head.css_first(selector)
        content = words_of((node.attributes.get("content") or "") if node else "")
        if content and "://" not in content and len(content.split()) <= 6:
            return content
    return None


def markdown_page(lines: Lines) -> Page:
    """The blocks of a Markdown file (`pipeline.io.markdown`)."""
    from pipeline.io.markdown import markdown_page as read

    return read(lines)


def html_blocks(page: str, main_content: bool = True) -> list[Block]:
    """The blocks of an HTML page as a string (for tests and `bench/html_extraction.py`)."""
    if not main_content:
        return list(page_blocks(page))
    return html_page([(1, page)]).blocks


def xhtml_page(lines: Lines) -> Page:
    """An XHTML page, parsed as XML (`xml_markup`: CDATA is text there)."""
    from pipeline.io.xml_markup import xhtml_page as read

    return read(lines)


MARKUP = MappingProxyType({
    ".html": html_page,
    ".htm": html_page,
    ".xhtml": xhtml_page,
    ".xht": xhtml_page,
    ".md": markdown_page,
    ".markdown": markdown_page,
})  # fmt: skip
