"""HTML pages and Markdown files as lines of text, for the same segmenter as text pages.

Markup is structure, not content: each block (paragraph, heading, list item, table cell,
quotation) becomes one line, inline markup disappears, entities are decoded. What is not
text at all (scripts, styles, SVG, the document head) is left out; page furniture (menus,
footers, cookie notices) stays and meets the boilerplate rules of `models/segment.json`, as
it does in a text page, so what is dropped is counted and says why.

HTML is parsed by Lexbor (selectolax), which reads broken markup as browsers do; a record's
`line` is then the number of its block in the page (a parser gives no source lines).
Markdown is parsed by markdown-it-py (CommonMark, plus tables); a record's `line` is its line
in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

Lines = Iterable[tuple[int, str]]

NOT_TEXT = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
    "canvas", "video", "audio", "select", "textarea", "-comment",
})  # fmt: skip
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr",
    "ul",
})  # fmt: skip


def html_lines(lines: Lines) -> Iterator[tuple[int, str]]:
    """One (block number, text) per block of text in the page, in reading order."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser("\n".join(text for _, text in lines))
    root = tree.body or tree.root
    if root is None:
        return
    number, words = 0, list[str]()
    stack: list[tuple[bool, object]] = [(True, root)]  # (entering, node); no recursion limit
    while stack:
        entering, node = stack.pop()
        tag = node.tag  # type: ignore[attr-defined]
        if entering and tag == "-text":
            words.append(node.text_content or "")  # type: ignore[attr-defined]
            continue
        if entering and tag in NOT_TEXT:
            continue
        if tag in BLOCKS or tag == "br" or not entering:
            text = " ".join("".join(words).split())
            words = []
            if text:
                number += 1
                yield number, text
        if not entering or tag == "br":
            continue
        if tag == "pre":  # preformatted: its own lines
            for line in (node.text(deep=True) or "").splitlines():  # type: ignore[attr-defined]
                if line.strip():
                    number += 1
                    yield number, line.strip()
            continue
        if tag in BLOCKS:
            stack.append((False, node))
        children = list(node.iter(include_text=True))  # type: ignore[attr-defined]
        stack.extend((True, child) for child in reversed(children))
    text = " ".join("".join(words).split())
    if text:
        yield number + 1, text


def markdown_lines(lines: Lines) -> Iterator[tuple[int, str]]:
    """One (line number, text) per block: headings, paragraphs, list items, table cells,
    quotations; code blocks line by line; inline HTML read as HTML."""
    from markdown_it import MarkdownIt

    numbered = list(lines)
    numbers = [number for number, _ in numbered]
    parser = MarkdownIt("commonmark").enable("table")
    for token in parser.parse("\n".join(text for _, text in numbered)):
        first = token.map[0] if token.map else 0
        where = numbers[min(first, len(numbers) - 1)] if numbers else 1
        if token.type == "inline":
            text = " ".join(inline_text(token).split())
            if text:
                yield where, text
        elif token.type in ("fence", "code_block"):
            offset = 1 if token.type == "fence" else 0  # the opening ``` line
            for i, line in enumerate(token.content.splitlines()):
                at = min(first + offset + i, len(numbers) - 1)
                if line.strip():
                    yield numbers[at], line.strip()
        elif token.type == "html_block":
            for _, text in html_lines([(where, token.content)]):
                yield where, text


def inline_text(token: object) -> str:
    """The words of an inline run: text, code and image descriptions; no markup."""
    out = []
    for child in getattr(token, "children", None) or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(child.content)
        elif child.type == "html_inline":
            out.append(" ")
    return "".join(out)


MARKUP: dict[str, Callable[[Lines], Iterator[tuple[int, str]]]] = {
    ".html": html_lines,
    ".htm": html_lines,
    ".xhtml": html_lines,
    ".md": markdown_lines,
    ".markdown": markdown_lines,
}
