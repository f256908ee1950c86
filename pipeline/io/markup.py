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
from typing import Any, NamedTuple

from pipeline.io.html_depth import SELECT, TEMPLATE, bounded
from pipeline.io.markup_align import content_mask
from pipeline.io.markup_extract import CELL_SEPARATOR, main_texts, words_of

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
    "textarea", "tfoot", "thead", "title", "tr", "ul", "xmp", "desc", SELECT,
})  # fmt: skip
# containers whose text a browser does not show as part of the page, by the reason it is
# dropped: the page's head (its title is the tab's), what shows only when scripts are off,
# a template (a script's material), what an iframe, object or media element shows only
# when it cannot show itself
HIDDEN = {
    "head": "head", "noscript": "noscript", "template": "template", TEMPLATE: "template",
    "iframe": "fallback", "object": "fallback", "video": "fallback", "audio": "fallback",
    "canvas": "fallback", "noembed": "fallback", "noframes": "fallback",
}  # fmt: skip
# an element the HTML standard's rendering hides whatever its tag (`visibility_of`): the
# `hidden` attribute (not `until-found`: find-in-page shows it), a `dialog` not open (shown
# only when a script opens it), an inline `display: none`
HIDING = frozenset({"hidden", "dialog"})
HIDDEN_ROLES = frozenset(HIDDEN.values()) | {"cdata"} | HIDING
# the roles the segmenter drops, each with its name as the reason
DROPPED_ROLES = HIDDEN_ROLES | {"furniture", "markup"}
RAW_FALLBACK = frozenset({"iframe", "noembed", "noframes"})  # their markup is text
MAX_FRAMES = 2  # iframes' srcdoc documents read inside one another; deeper ones as text
TAG = re.compile(r"<[^<>]*>")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MARKUP_ONLY = re.compile(r"^[\s>*+\-#|:=_`~.)0-9]*$")  # list markers, rules, fences, numbers
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
CDATA_OPEN = "[CDATA["  # what a CDATA section's comment starts with in an HTML tree


class Block(NamedTuple):
    """One block of a document: where (line or block number), its text, what markup made it.

    `role` is None for a line of a text page (the segmenter decides), else one of `heading`,
    `paragraph`, `item`, `row`, `quote`, `code`, `furniture` (left out by the main-content
    extraction), `markup` (no text: a link definition), `lost` (text a parser skipped)."""

    number: int
    text: str
    role: str | None = None


@dataclass
class Page:
    """The blocks of one markup document, and what its metadata says of it."""

    blocks: list[Block]
    author: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


CELLS = frozenset({"td", "th"})
CELL_MARK = "\x00"  # between cells while a row is read (a NUL never reaches a page's text)


def cells_of(text: str) -> str:
    """A block's words; a table row's cells joined by ` | ` (empty cells kept, none trailing)."""
    if CELL_MARK not in text:
        return words_of(text)
    cells = [words_of(cell) for cell in text.split(CELL_MARK)]
    while cells and not cells[-1]:
        cells.pop()
    return CELL_SEPARATOR.join(cells) if any(cells) else ""


def parse(page: str) -> Any:
    """Lexbor's tree of a page whose nesting was bounded (`html_depth`), its templates'
    content in the tree."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(page)


def page_blocks(page: str, frames: int = 0) -> Iterator[Block]:
    """Every block of text of an HTML page (see `tree_blocks`)."""
    return tree_blocks(parse(bounded(page).parser_page), frames)


def tree_blocks(tree: Any, frames: int = 0) -> Iterator[Block]:
    """Every block of text of a parsed page, in reading order, numbered from 1, with the
    role its tag gives (`role_of`): the head's title and the content of `HIDDEN` containers
    with the reason a browser does not show them; a CDATA section (a comment in HTML) as
    `cdata`; an iframe's `srcdoc` document read in place. Iterative: no recursion limit."""
    node = tree.root
    if node is None:
        return
    while node.prev is not None:  # a comment (a CDATA section) before <html> is its sibling
        node = node.prev
    top = []
    while node is not None:
        top.append(node)
        node = node.next
    number, words = 0, list[str]()
    hosts: set[int] = set()  # elements given a declarative shadow root
    roles = ["paragraph"]  # the role of each open block, innermost last
    stack: list[tuple[bool, Any]] = [(True, n) for n in reversed(top)]  # (entering, node)

    def block(text: str, role: str) -> Iterator[Block]:
        nonlocal number
        if text:
            number += 1
            yield Block(number, text, role)

    while stack:
        entering, node = stack.pop()
        tag = node.tag
        if entering and tag == "-text":
            words.append(node.text_content or "")
            continue
        if entering and tag == "-comment":  # text only when it is a CDATA section's
            data = node.comment_content or ""
            if data.startswith(CDATA_OPEN):
                yield from block(words_of(data[len(CDATA_OPEN) :].removesuffix("]]")), "cdata")
            continue
        if entering and (tag is None or tag in NOT_TEXT):  # None: `<?...>`, shown by no browser
            continue
        if tag in CELLS:  # the cells of a row stay one block, ` | ` between them
            if not entering:
                words.append(CELL_MARK)
            else:
                stack.append((False, node))
                stack.extend((True, c) for c in reversed(list(node.iter(include_text=True))))
            continue
        shown = visibility_of(node, tag, hosts) if entering and tag[0] != "-" else None
        container = tag in BLOCKS or tag in HIDDEN or shown is not None
        if container or tag == "br" or not entering:
            joined = "".join(words)
            words = []
            if roles[-1] == "code":  # preformatted: each of its lines a block
                for line in joined.splitlines():
                    yield from block(line.strip(), "code")
            else:
                yield from block(cells_of(joined), roles[-1])
        if not entering:
            roles.pop()
            continue
        if tag == "br":
            continue
        if tag == "iframe" and (srcdoc := node.attributes.get("srcdoc")):
            if frames < MAX_FRAMES:  # a document of its own, shown in place
                hidden = roles[-1] if roles[-1] in HIDDEN_ROLES else None
                for inner in page_blocks(srcdoc, frames + 1):
                    yield from block(inner.text, hidden or inner.role or "paragraph")
            else:
                yield from block(words_of(html.unescape(TAG.sub(" ", srcdoc))), "fallback")
        if tag in RAW_FALLBACK:  # raw text: the markup in it is text, read once more
            raw = node.text(deep=True) or ""
            yield from block(words_of(html.unescape(TAG.sub(" ", raw))), "fallback")
            continue
        role = role_of(tag, roles[-1], shown)
        if tag == "pre":  # preformatted: its lines, its children walked like any others
            role = role if role in HIDDEN_ROLES else "code"
        if container:
            stack.append((False, node))
            roles.append(role)
        stack.extend((True, child) for child in reversed(list(node.iter(include_text=True))))
    yield from block(cells_of("".join(words)), roles[-1])


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
    every = list(tree_blocks(tree))
    author = tree_author(tree)
    try:
        extracted = main_texts(page.extraction_page)
    except Exception:
        extracted = None
    if not extracted:
        return Page(every, author)  # no main content found: the whole page, nothing left out
    shown = [k for k, b in enumerate(every) if b.role not in HIDDEN_ROLES]
    held = content_mask([every[k].text for k in shown], extracted)
    blocks = list(every)
    for k, keep in zip(shown, held, strict=True):
        if not keep:
            blocks[k] = every[k]._replace(role="furniture")
    return Page(blocks, author)


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


MARKUP = {
    ".html": html_page,
    ".htm": html_page,
    ".xhtml": xhtml_page,
    ".xht": xhtml_page,
    ".md": markdown_page,
    ".markdown": markdown_page,
}
