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
character of text. The same pass writes the parser's copy of two more things Lexbor's tree
builder costs quadratic time on (measured, `bench/markup_cost.py`): each `<option>` inserted in
a `<select>` (32,000 options: 11 s; 4,000: 0.06 s), and each attribute of one start tag, or
added to `<html>`/`<body>` by a repeated tag (64,000: 21-32 s), is checked against all the
others. So `<select>` becomes `<x-select>` (an ordinary element: its options are read as
anywhere else, in linear time) and a start tag keeps its first `MAX_ATTRIBUTES` attributes
and those the reader looks at (`READ_ATTRIBUTES`); a repeated `<html>`/`<body>` only those.
The extraction's copy has no markup past `EXTRACTION_DEPTH` (a space for a block, the parts
of a table gone with it): trafilatura's readability fallback counts each container's
descendants, depth x size (16,000 nested list items, 300 kB: 6.6 s for the page at depth
200, 1.0 s at 64, measured). It keeps the same attributes as the parser's copy: lxml and
justext (in trafilatura) check each attribute of a tag against the others too (one tag with
30,000 attributes, 260 kB: ~20 s; 0.06 s bounded, measured).
`<template>` becomes `<x-template>` so a template's content is part of the tree Lexbor gives
(it keeps a template's content out of the walk). Names are renamed only in markup, never in
text (a `<textarea>`'s content is left as written).
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import NamedTuple

MAX_DEPTH = 200  # elements open at once; lxml (trafilatura) gives up past ~256
# elements open at once in the extraction's copy: trafilatura's readability fallback counts
# the descendants of every container, so nesting costs depth x size (16,000 nested list items,
# 300 kB: 3.4 s in trafilatura at depth 200, 1.4 s at 64, measured); real pages nest far less
EXTRACTION_DEPTH = 64

TEMPLATE = "x-template"  # what `<template>` becomes in the parser's copy of a page
SELECT = "x-select"  # what `<select>` becomes there (see the module doc)
RENAMED = MappingProxyType({"template": TEMPLATE, "select": SELECT})
MAX_ATTRIBUTES = 100  # attributes kept on one start tag in the parser's copy
# the attributes the reader (`markup.tree_blocks`, `tree_author`) looks at: always kept
READ_ATTRIBUTES = frozenset({
    "srcdoc", "hidden", "open", "shadowrootmode", "shadowroot", "style", "name", "content",
    "property", "value", "type",
})  # fmt: skip
# one attribute of a start tag, its name group 1 (None: only the blanks before the tag's
# end); possessive and never failing once the blanks are read, so a run of blanks is read
# once, not once per position
ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*+(?:([^\t\n\f\r />][^\t\n\f\r /=>]*+)"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+))?+)?+"""
)
# a template that is a declarative shadow root (`shadowroot`: Chrome's name before 2023)
SHADOW_ROOT = re.compile(
    r"""[\t\n\f\r /]shadowroot(?:mode)?+[\t\n\f\r ]*+=[\t\n\f\r ]*+["']?+(?:open|closed)\b""",
    re.IGNORECASE,
)
RUBY_PARTS = frozenset({"rb", "rtc", "rt", "rp"})
MERGED = frozenset({"html", "body"})  # a repeated start tag adds its attributes to the first
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
# elements the tree builder closes by itself (cells, rows), or ignores outside a table:
# never counted. Options and ruby parts are counted: in the parser's copy there is no
# `<select>` (`SELECT`), and out of a `<ruby>` its parts nest (`<rt>x` × n: depth n)
SELF_CLOSING = frozenset({
    "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "frameset", "head",
    "html", "body",
})  # fmt: skip
# the parts of a table: markup only where their table is (`EXTRACTION_DEPTH`)
TABLE_PARTS = frozenset({"tr", "td", "th", "tbody", "thead", "tfoot", "caption", "colgroup", "col"})
# what "generate implied end tags" closes
IMPLIED_END = frozenset({"dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc"})
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
    "body", "frameset", "head", "iframe", "noembed", "noframes", "noscript", "textarea",
    "ul", "ol", "dd", "dt", "li", "tbody", "thead", "tfoot", "tr",
}  # fmt: skip
# a start tag closes an open sibling above its list (an item its item, a term its term)
SIBLINGS = MappingProxyType({"li": (("li",), ("ul", "ol", "menu")), "dd": (("dd", "dt"), ("dl",)),
            "dt": (("dd", "dt"), ("dl",))})  # fmt: skip
BLOCK_LIKE = CLOSES_P | {
    "noscript", "template", "object", "video", "audio", "canvas", "select", "svg", "math",
    "option", "optgroup",
}  # fmt: skip
# blocks whose run of inline elements the extraction's copy cuts every `INLINE_RUN` elements
# (see `Stack.inline`)
SPLITTABLE = frozenset({
    "p", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "section",
    "article", "main", "summary", "figcaption", "address", "center", "header", "footer",
    "aside", "nav",
})  # fmt: skip
# inline elements in one block of the extraction's copy: trafilatura's extraction costs the
# square of a block's inline elements (16,000 `<b>` in one `<p>`: 33 s; 2,000: 0.15 s;
# measured), so past this many the block is closed and opened again there (a second block
# of the same kind: same text, same link density); no ordinary paragraph holds so many
INLINE_RUN = 250
END_OF = MappingProxyType(
    {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in RAW_TEXT}
)


class Stack:
    """The open elements as a tree builder keeps them, with O(1) "is X open above the
    nearest boundary" (each name's positions, and the boundaries' positions)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.where: dict[str, list[int]] = {}
        self.scope: list[int] = [-1]  # where the scope boundaries are
        self.special: list[int] = [-1]  # where the special elements are
        self.block_at: list[int] = []  # for each open element, the innermost block at or below
        self.inlines: list[int] = []  # for each open block, its inline elements so far
        self.tags: list[str] = []  # each open element's start tag in the extraction's copy

    def __len__(self) -> int:
        return len(self.names)

    def push(self, name: str, tag: str = "") -> None:
        self.tags.append(tag or f"<{name}>")
        self.where.setdefault(name, []).append(len(self.names))
        if name in SCOPE:
            self.scope.append(len(self.names))
        if name in SPECIAL:
            self.special.append(len(self.names))
        inline = name not in BLOCK_LIKE and name not in SELF_CLOSING
        below = self.block_at[-1] if self.block_at else -1
        self.block_at.append(below if inline else len(self.names))
        self.inlines.append(0)
        if inline and below >= 0:
            self.inlines[below] += 1
        self.names.append(name)

    def inline_run(self) -> int:
        """Where the innermost block is when it has just passed `INLINE_RUN` inline elements
        and may be cut (a `SPLITTABLE` block, no foreign content), else -1."""
        if not self.block_at or self.foreign:
            return -1
        block = self.block_at[-1]
        if block < 0 or self.inlines[block] < INLINE_RUN or self.names[block] not in SPLITTABLE:
            return -1
        return block

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
            self.block_at.pop()
            self.inlines.pop()
            self.tags.pop()
            if self.scope[-1] == len(self.names):
                self.scope.pop()
            if self.special[-1] == len(self.names):
                self.special.pop()

    def pop_implied(self, but: str | None = None) -> None:
        """Close what "generate implied end tags" closes (all but `but`)."""
        while self.names and self.names[-1] in IMPLIED_END and self.names[-1] != but:
            self.pop_to(len(self.names) - 1)

    @property
    def foreign(self) -> bool:
        return bool(self.where.get("svg") or self.where.get("math"))


class Tags(NamedTuple):
    """A start tag rewritten: in the parser's copy, in the extraction's (None: as written)."""

    parser: str
    extraction: str | None


class Bounded(NamedTuple):
    """A page with no element deeper than the bound: for the parser whose blocks are read (a
    flattened block is a `<br>`), for the extraction (a space: trafilatura's justext
    fallback costs depth × paragraphs, 40,000 `<br>`s at depth 200 took a minute), and how
    many elements were flattened."""

    parser_page: str
    extraction_page: str
    flattened: int


def bounded(page: str, cap: int = MAX_DEPTH) -> Bounded:
    """The page with no element opened deeper than `cap`, and the parser's copy with
    `<template>`/`<select>` renamed and attributes bounded (see the module doc). Linear: one
    pass over the page, each element pushed and popped once, each tag read once."""
    if "<" not in page:
        return Bounded(page, page, 0)
    out: list[str] = []
    plain: list[str] = []
    stack = Stack()
    flat: dict[str, int] = {}  # flattened elements whose end tag is still to come
    flattened = 0
    changed = False  # the parser's copy differs from the page
    merged: set[str] = set()  # html/body start tags seen
    shadows: list[bool] = []  # for each open template, whether it is a declarative shadow root
    pos = done = 0  # done: the page up to here is copied
    n = len(page)

    def replace(start: int, end: int, name: str) -> None:
        nonlocal done
        out.extend((page[done:start], "<br>" if name in BLOCK_LIKE else ""))
        plain.extend((page[done:start], " " if name in BLOCK_LIKE else ""))
        done = end

    def parser_tag(start: int, name_at: int, name: str, end: int) -> Tags | None:
        """A start tag as the parser's copy has it (renamed, fewer attributes) and as the
        extraction's has it (fewer attributes; None: as written), or None when both are
        as written."""
        thin = None
        if end - start > 2 * MAX_ATTRIBUTES or name in MERGED:
            keep = 0 if name in merged else MAX_ATTRIBUTES
            merged.update((name,) if name in MERGED else ())
            thin = fewer_attributes(page, name_at + len(name), end, keep)
        renamed = RENAMED.get(name)
        if thin is None and renamed is None:
            return None
        written = page[name_at : name_at + len(name)]
        rest = page[name_at + len(name) : end] if thin is None else thin
        return Tags(f"<{renamed or written}{rest}", None if thin is None else f"<{written}{thin}")

    def rewrite(start: int, end: int, tag: str | None, extraction: str | None = None) -> None:
        """The tag at start:end written otherwise in the parser's copy, the extraction's,
        or both (None: as written)."""
        nonlocal done, changed
        out.extend((page[done:start], page[start:end] if tag is None else tag))
        plain.extend((page[done:start], page[start:end] if extraction is None else extraction))
        done = end
        changed = True

    def cut(start: int, at: int) -> None:
        """In the extraction's copy, before the tag at `start`: the open elements from `at`
        up (a block, then the inline ones in it) closed and opened again, as written."""
        nonlocal done, changed
        out.append(page[done:start])
        closing = "".join(f"</{n}>" for n in reversed(stack.names[at:]))
        plain.extend((page[done:start], closing, "".join(stack.tags[at:])))
        done = start
        changed = True

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
            tags = None if closing else parser_tag(start, name_at, name, end)
            if name in TABLE_PARTS and stack.top("table") >= EXTRACTION_DEPTH:
                rewrite(start, end, tags.parser if tags else None, " ")  # its table's gone
            elif tags is not None:
                rewrite(start, end, *tags)
            continue
        if closing:
            if flat.get(name):
                flat[name] -= 1
                replace(start, end, name)
                continue
            shadow = hide = False
            if (at := stack.in_scope(name)) >= 0:
                hide = at >= EXTRACTION_DEPTH  # its start tag is not in the extraction's copy
                stack.pop_to(at)
                shadow = name == "template" and shadows.pop()
            if name in RENAMED:
                rewrite(start, end, f"</{RENAMED[name]}{page[name_at + len(name) : end]}",
                        flat_tag(name) if hide else "</div>" if shadow else None)  # fmt: skip
            elif hide:
                rewrite(start, end, None, flat_tag(name))
            continue
        tags = parser_tag(start, name_at, name, end)
        if not stack.foreign:
            if name in RAW_TEXT or name == "plaintext":
                if tags is not None:
                    rewrite(start, end, *tags)
                if name == "plaintext":
                    break  # the rest of the page is text
                close_m = END_OF[name].search(page, end)
                pos = n if close_m is None else close_m.start()
                continue
        elif page[end - 2] == "/":  # `<path/>` in SVG closes itself
            if tags is not None:
                rewrite(start, end, *tags)
            continue
        if name in CLOSES_P and (at := stack.in_scope("p")) >= 0:
            stack.pop_to(at)
        if name in SIBLINGS:
            kin, lists = SIBLINGS[name]
            at = max(stack.top(k) for k in kin)
            if at > max(stack.top(c) for c in lists) and at >= stack.scope[-1]:
                stack.pop_to(at)
        elif name in ("option", "optgroup"):  # in a body, as in the parser's copy
            if stack.names and stack.names[-1] == "option":
                stack.pop_to(len(stack) - 1)
        elif name in RUBY_PARTS and (ruby := stack.top("ruby")) >= 0 and ruby >= stack.scope[-1]:
            stack.pop_implied("rtc" if name in ("rt", "rp") else None)
        if len(stack) >= cap:
            flat[name] = flat.get(name, 0) + 1
            flattened += 1
            replace(start, end, name)
            continue
        if (block := stack.inline_run()) >= 0 and len(stack) < EXTRACTION_DEPTH:
            cut(start, block)  # the block so far ends; the same goes on
            stack.inlines[block] = 0
        shadow = name == "template" and SHADOW_ROOT.search(page, start, end) is not None
        extraction = "<div>" if shadow else tags.extraction if tags else None
        stack.push(name, extraction or page[start:end])
        hide = len(stack) > EXTRACTION_DEPTH  # past the extraction's bound: markup removed
        if name == "template":  # a declarative shadow root is shown: a `div` to trafilatura
            shadows.append(shadow)
            parser, extraction = tags or (None, None)
            rewrite(start, end, parser,
                    flat_tag(name) if hide else "<div>" if shadows[-1] else extraction)  # fmt: skip
        elif hide:
            rewrite(start, end, tags.parser if tags else None, flat_tag(name))
        elif tags is not None:
            rewrite(start, end, *tags)
    if not flattened and not changed:
        return Bounded(page, page, 0)
    out.append(page[done:])
    plain.append(page[done:])
    return Bounded("".join(out), "".join(plain), flattened)


def flat_tag(name: str) -> str:
    """What a tag past a depth bound becomes: a space for a block (its text stays apart from
    the next), nothing for an inline element."""
    return " " if name in BLOCK_LIKE else ""


def fewer_attributes(page: str, at: int, end: int, keep: int) -> str | None:
    """The attributes of the start tag whose name ends at `at` and which ends at `end`, when
    there are more than `keep` (its first `keep` and the first of each name in
    `READ_ATTRIBUTES`), else None. One scan of the tag."""
    close = "/>" if page[end - 2] == "/" and end - 2 >= at else ">"
    kept: list[str] = []
    read: set[str] = set()
    count = 0
    for m in ATTRIBUTE.finditer(page, at, end - len(close)):
        if m.group(1) is None:
            continue
        count += 1
        name = m.group(1).lower()
        if count <= keep or (name in READ_ATTRIBUTES and name not in read):
            kept.append(m.group().lstrip("\t\n\f\r /"))
        if name in READ_ATTRIBUTES:
            read.add(name)
    if count <= keep:
        return None
    return "".join(f" {a}" for a in kept) + close
