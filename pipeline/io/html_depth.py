"""Bound an HTML page's nesting depth before a parser builds its tree, as browsers do.

Lexbor's tree builder checks "is there a `p` in button scope" (and, for `li`, walks the list
items) on every block start tag by scanning the stack of open elements, so a page of nested
`<div>`s costs depth² (100,000 nested `<div>`s, 1.1 MB: ~146 s; 40,000: 2.7 s, measured),
and trafilatura's lxml stops reading a page past depth ~256 (its whole content comes back
empty). Browsers bound the depth too (Firefox flattens past 200 for layout, Blink past 512).

`bounded` reads the page with a small linear tokenizer (comments, raw-text elements, quoted
attributes, void elements, implied end tags of `p`/`li`/`dd`/`dt`/cells, scope boundaries)
that follows the tree builder's stack closely enough to never count less than it (it may
count more): a start tag that would open an element past `MAX_DEPTH` is replaced by `<br>`
for a block (its text stays a block of its own; a space in the extraction's copy) or by
nothing for an inline element, and so is its end tag. Only markup is removed, never a
character of text, and a page within the bound comes back unchanged. `for_parser` renames
`<template>` to `<x-template>` so a template's content is part of the tree Lexbor gives (it
keeps a template's content out of the walk).
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_DEPTH = 200  # elements open at once; lxml (trafilatura) gives up past ~256

TEMPLATE = "x-template"  # what `<template>` becomes in the parser's copy of a page
TEMPLATE_TAG = re.compile(r"<(/?)template(?=[\t\n\f\r />])", re.IGNORECASE)
MARKUP = re.compile(r"<(?:!--|!|\?|/?[A-Za-z])")
COMMENT_END = re.compile(r"--!?>")
NAME = re.compile(r"[^\t\n\f\r />]*")
# the rest of a tag up to its `>`: a value quoted after `=` may hold `>` (unclosed, it runs
# to the end of the page); possessive, so a failed match costs one scan, never backtracking
TAG_REST = re.compile(r"""(?:[^>=]|=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|(?!["'])))*+>""")
VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
})  # fmt: skip
RAW_TEXT = frozenset({
    "script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
})  # fmt: skip
# elements the tree builder closes by itself (cells, rows, options): never counted
SELF_CLOSING = frozenset({
    "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "option", "optgroup",
    "rb", "rt", "rp", "rtc", "frameset", "head", "html", "body",
})  # fmt: skip
# "in scope" stops at these (the default scope, with buttons and foreign integration points)
SCOPE = frozenset({
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "svg",
    "math", "button", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject",
    "desc", "title",
})  # fmt: skip
CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "pre",
    "search", "section", "summary", "table", "ul", "dd", "dt", "xmp", "plaintext",
})  # fmt: skip
# an end tag of an ordinary (inline) element stops at any of these, as the tree builder's does
SPECIAL = SCOPE | CLOSES_P | {
    "body", "frameset", "head", "iframe", "noembed", "noframes", "noscript", "select",
    "textarea", "ul", "ol", "dd", "dt", "li", "tbody", "thead", "tfoot", "tr",
}  # fmt: skip
# a start tag closes an open sibling above its list (an item its item, a term its term)
SIBLINGS = {"li": (("li",), ("ul", "ol", "menu")), "dd": (("dd", "dt"), ("dl",)),
            "dt": (("dd", "dt"), ("dl",))}  # fmt: skip
BLOCK_LIKE = CLOSES_P | {
    "noscript", "template", "object", "video", "audio", "canvas", "select", "svg", "math",
    "option", "optgroup",
}  # fmt: skip
END_OF = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in RAW_TEXT}


def for_parser(page: str) -> str:
    """The page with its `<template>`s renamed, so their content is walked like any other."""
    return TEMPLATE_TAG.sub(rf"<\1{TEMPLATE}", page)


class Stack:
    """The open elements as a tree builder keeps them, with O(1) "is X open above the
    nearest boundary" (each name's positions, and the boundaries' positions)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.where: dict[str, list[int]] = {}
        self.scope: list[int] = [-1]  # where the scope boundaries are
        self.special: list[int] = [-1]  # where the special elements are

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: str) -> None:
        self.where.setdefault(name, []).append(len(self.names))
        if name in SCOPE:
            self.scope.append(len(self.names))
        if name in SPECIAL:
            self.special.append(len(self.names))
        self.names.append(name)

    def top(self, name: str) -> int:
        at = self.where.get(name)
        return at[-1] if at else -1

    def in_scope(self, name: str) -> int:
        """Where `name` is open with no boundary above it (it may be one), else -1."""
        at = self.top(name)
        limit = self.scope[-1] if name in SPECIAL else self.special[-1]
        return at if at >= 0 and at >= limit else -1

    def pop_to(self, index: int) -> None:
        while len(self.names) > index:
            name = self.names.pop()
            self.where[name].pop()
            if self.scope[-1] == len(self.names):
                self.scope.pop()
            if self.special[-1] == len(self.names):
                self.special.pop()

    @property
    def foreign(self) -> bool:
        return bool(self.where.get("svg") or self.where.get("math"))


class Bounded(NamedTuple):
    """A page with no element deeper than the bound: for the parser whose blocks are read (a
    flattened block is a `<br>`), for the extraction (a space: trafilatura's justext
    fallback costs depth × paragraphs, 40,000 `<br>`s at depth 200 took a minute), and how
    many elements were flattened."""

    parser_page: str
    extraction_page: str
    flattened: int


def bounded(page: str, cap: int = MAX_DEPTH) -> Bounded:
    """The page with no element opened deeper than `cap` (see the module doc). Linear: one
    pass over the page, each element pushed and popped once."""
    if page.count("<") < cap:  # too few tags to get that deep
        return Bounded(page, page, 0)
    out: list[str] = []
    plain: list[str] = []
    stack = Stack()
    flat: dict[str, int] = {}  # flattened elements whose end tag is still to come
    flattened = 0
    pos = done = 0  # done: the page up to here is copied
    n = len(page)

    def replace(start: int, end: int, name: str) -> None:
        nonlocal done
        out.extend((page[done:start], "<br>" if name in BLOCK_LIKE else ""))
        plain.extend((page[done:start], " " if name in BLOCK_LIKE else ""))
        done = end

    while (m := MARKUP.search(page, pos)) is not None:
        start = m.start()
        head = m.group()
        if head == "<!--":
            close = COMMENT_END.search(page, start + 2)  # `<!-->` ends at once
            pos = n if close is None else close.end()
            continue
        if head in ("<!", "<?"):
            cdata = stack.foreign and page.startswith("<![CDATA[", start)
            close_at = page.find("]]>" if cdata else ">", start)
            pos = n if close_at < 0 else close_at + (3 if cdata else 1)
            continue
        closing = head.startswith("</")
        name_at = start + (2 if closing else 1)
        name = NAME.match(page, name_at).group().lower()  # type: ignore[union-attr]
        rest = TAG_REST.match(page, name_at + len(name))
        if rest is None:  # a tag that never ends: the rest of the page is inside it
            break
        end = pos = rest.end()
        if name in VOID or name in SELF_CLOSING:
            continue
        if closing:
            if flat.get(name):
                flat[name] -= 1
                replace(start, end, name)
            elif (at := stack.in_scope(name)) >= 0:
                stack.pop_to(at)
            continue
        if not stack.foreign:
            if name in RAW_TEXT:
                close_m = END_OF[name].search(page, end)
                pos = n if close_m is None else close_m.start()
                continue
            if name == "plaintext":
                break  # the rest of the page is text
        elif page[end - 2] == "/":
            continue  # `<path/>` in SVG closes itself
        if name in CLOSES_P and (at := stack.in_scope("p")) >= 0:
            stack.pop_to(at)
        if name in SIBLINGS:
            kin, lists = SIBLINGS[name]
            at = max(stack.top(k) for k in kin)
            if at > max(stack.top(c) for c in lists) and at >= stack.scope[-1]:
                stack.pop_to(at)
        if len(stack) >= cap:
            flat[name] = flat.get(name, 0) + 1
            flattened += 1
            replace(start, end, name)
            continue
        stack.push(name)
    if not flattened:
        return Bounded(page, page, 0)
    out.append(page[done:])
    plain.append(page[done:])
    return Bounded("".join(out), "".join(plain), flattened)
