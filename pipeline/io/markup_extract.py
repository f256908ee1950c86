"""The texts of a page's main content as trafilatura extracts it, block by block, for
`markup_align` to tell which of the page's own blocks it holds.

trafilatura writes its extraction as XML whose text is not only in its `<p>`s: a line break
is an empty `<lb/>` between two texts, loose text between blocks (and around a block nested in
a quotation, a cell or a list item) is the tail of the element before it. Read with
`itertext()` per child, the first glued the lines of a poem into one run ("still,the") that
held none of the page's lines as whole words, and the second was never read: every such line
of main content was dropped as furniture (F11). So here every text node of the XML is read,
a space is put wherever a block or a line break ends one text and starts another, and
inline markup (`hi`, `ref`, ...) joins its text to the words around it, as the page's own
reading does (`markup.tree_blocks`).

trafilatura gets the page parsed here (`extraction_tree`: its own parser's options, its own
repair) into elements that answer one XPath of its, `//p//text()` (how much text the page's
paragraphs hold), in linear time: libxml2 merges the node sets of that expression at a cost
that grows with the square of the text nodes in paragraphs (32,000 `<p>w <a>x</a> z</p>`,
0.9 MB: 26 s in trafilatura; 11.5 s with it, 4x the page 4x the time; measured). The answer
is the same list, in the same order, so the extraction is the same (byte-identical on the
pages of `bench/html_extraction.py` and 180 rustdoc pages).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

CELL_SEPARATOR = " | "  # between the cells of a table row: one row is one record
# inline elements of trafilatura's XML (and HTML names it may keep): part of the words
# around them, no break
INLINE = frozenset({
    "hi", "ref", "del", "graphic", "span", "code", "sub", "sup", "a", "b", "i", "em",
    "strong", "u", "s", "small", "mark", "abbr", "q", "cite", "time",
})  # fmt: skip
# elements holding blocks, whose own loose text (and their children's tails) is a block of
# its own between the blocks it holds
CONTAINERS = frozenset({"main", "comments", "body", "div", "ab", "quote", "list", "section"})


def words_of(text: str) -> str:
    return " ".join(text.split())


def main_texts(page: str) -> list[str] | None:
    """The texts of trafilatura's main content and comments (reviews are comments), in
    reading order, or None when it finds none. Tables are content."""
    import trafilatura
    from lxml import etree

    tree = extraction_tree(page)
    xml = trafilatura.extract(
        page if tree is None else tree,
        output_format="xml",
        include_comments=True,
        include_tables=True,
        deduplicate=False,
    )
    if not xml:
        return None
    doc = etree.fromstring(xml.encode("utf-8"))
    texts: list[str] = []
    for part in ("main", "comments"):
        for section in doc.iter(part):
            texts.extend(xml_texts(section))
    return texts


def xml_texts(root: Any) -> Iterator[str]:
    """The blocks of a container of trafilatura's XML: each run of its own text, inline
    children and line breaks is one; a container in it is read the same way, any other
    child block by `child_texts`. Iterative (one stack of open containers), so a list
    nested 200 deep costs each text one step, not one per level."""
    stack = [(root, iter(root), [root.text or ""])]  # (container, its children, its run)
    while stack:
        element, children, run = stack[-1]
        child = next(children, None)
        if child is None:  # the container ends: its run, then its tail in its parent's run
            if text := words_of("".join(run)):
                yield text
            stack.pop()
            if stack:
                stack[-1][2].append(element.tail or "")
            continue
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is None:  # a comment or processing instruction: no text, but its tail
            pass
        elif tag == "code" and not code_block(child, run):  # a term of its own (a list's)
            run.append(f" {spaced_text(child)} ")
        elif tag in INLINE and tag != "code":
            run.append(spaced_text(child))
        elif tag == "lb":
            run.append(" ")
        else:
            if text := words_of("".join(run)):
                yield text
            run.clear()
            if tag in CONTAINERS:
                stack.append((child, iter(child), [child.text or ""]))
                continue  # its tail comes when it ends
            yield from child_texts(child)
        run.append(child.tail or "")


def code_block(code: Any, run: list[str]) -> bool:
    """Whether a `<code>` in a container is a block of its own (read line by line): text of
    more than one line, or nothing but blanks on either side. trafilatura writes inline
    code there too, in the loose text of a list it flattened (`<code>-v</code> ¶<code>
    --verbose</code>`: two terms of a definition list), read as words of their own."""
    lone = not "".join(run).strip() and not (code.tail or "").strip()
    return lone or "\n" in "".join(code.itertext()).strip()


def child_texts(child: Any) -> Iterator[str]:
    """A block of trafilatura's XML that is no container: a table's rows (cells joined by
    ` | `), a code block's lines, any other element's whole text."""
    tag = child.tag
    if tag == "table":
        for row in child.iter("row"):
            cells = [words_of(spaced_text(cell)) for cell in row.iter("cell")]
            if any(cells):
                yield CELL_SEPARATOR.join(cells)
    elif tag == "code":
        for line in spaced_text(child, lines=True).splitlines():
            if line.strip():
                yield line.strip()
    elif text := words_of(spaced_text(child)):
        yield text


def spaced_text(element: Any, lines: bool = False) -> str:
    """The text of an element and its descendants (not its tail), a space (a line end when
    `lines`) at each end of a block or line break inside it, none around inline markup.
    Iterative: no recursion limit."""
    from lxml import etree

    parts: list[str] = []
    gap = "\n" if lines else " "
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else None
        spacer = "" if tag in INLINE or node is element else gap
        if event == "start":
            parts += [spacer, (node.text or "") if tag is not None else ""]
        else:
            parts.append(spacer)
            if node is not element:
                parts.append(node.tail or "")
    return "".join(parts)


PARAGRAPH_TEXTS = "//p//text()"  # the XPath of trafilatura's answered in linear time


def _element_class() -> type:
    """An lxml HTML element whose `xpath(PARAGRAPH_TEXTS)` is answered by walking each
    outermost `<p>` once (made on first use: lxml is imported lazily)."""
    from lxml import html

    class Element(html.HtmlElement):  # type: ignore[misc]
        def xpath(self, _path: str, **kwargs: Any) -> Any:
            if _path != PARAGRAPH_TEXTS or kwargs:
                return super().xpath(_path, **kwargs)
            texts: list[Any] = []
            for p in self.getroottree().getroot().iter("p"):
                if not any(a.tag == "p" for a in p.iterancestors()):
                    texts += p.xpath("descendant::text()")
            return texts

    return Element


@cache
def extraction_parser() -> Any:
    """The parser `extraction_tree` reads with, built once per process: trafilatura's options
    (`load_html`), into elements of `_element_class`."""
    from lxml import etree, html

    parser = etree.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    lookup = etree.ElementDefaultClassLookup(  # in C: no Python call per element
        element=_element_class(),
        comment=html.HtmlComment,
        pi=html.HtmlProcessingInstruction,
        entity=html.HtmlEntity,
    )
    parser.set_element_class_lookup(lookup)
    return parser


def extraction_tree(page: str) -> Any:
    """The page parsed as trafilatura's `load_html` parses a string (same parser options,
    same repair), into elements of `_element_class`; None where `load_html` would do more
    than parse (a page it reparses as bytes, or rejects): the page then goes as a string."""
    from lxml import html
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = page[:50].lower()
    try:
        tree = html.fromstring(repair_faulty_html(page, beginning), parser=extraction_parser())
    except Exception:
        return None
    if tree is None or len(tree) < 1 or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    return tree
