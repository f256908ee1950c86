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
# the start tags that may close open elements (`Bounding.close_implied`)
CLOSES_OTHERS = CLOSES_P | frozenset(SIBLINGS) | {"option", "optgroup"} | RUBY_PARTS
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
    return Bounding(page, cap).run()


class Bounding:
    """One pass of `bounded` over a page: the two copies written so far (`out`, the parser's;
    `plain`, the extraction's; both up to `done`), the open elements (`Stack`) and what was
    flattened. `run` reads the page tag by tag; each method decides one kind of tag."""

    __slots__ = (
        "cap", "changed", "done", "flat", "flattened", "merged", "out", "page", "plain", "shadows",
        "stack",
    )  # fmt: skip

    def __init__(self, page: str, cap: int) -> None:
        self.page, self.cap = page, cap
        self.out: list[str] = []
        self.plain: list[str] = []
        self.stack = Stack()
        self.flat: dict[str, int] = {}  # flattened elements whose end tag is still to come
        self.flattened = 0
        self.changed = False  # the parser's copy differs from the page
        self.merged: set[str] = set()  # html/body start tags seen
        self.shadows: list[bool] = []  # for each open template, whether it is a shadow root
        self.done = 0  # the page up to here is copied

    def run(self) -> Bounded:
        """The page read tag by tag (comments and declarations skipped), each tag to the
        method for its kind; the two copies."""
        page = self.page
        n = len(page)
        pos = 0
        while (m := MARKUP.search(page, pos)) is not None:
            start = m.start()
            head = m.group()
            if head == "<!--":
                close = COMMENT_END.search(page, start + 2)  # `<!-->` ends at once
                pos = n if close is None else close.end()
                continue
            if head in ("<!", "<?"):
                pos = self.declaration_end(start)
                continue
            closing = head.startswith("</")
            name_at = start + (2 if closing else 1)
            name = NAME.match(page, name_at).group().lower()  # type: ignore[union-attr]
            rest = TAG_REST.match(page, name_at + len(name))
            if rest is None:  # a tag that never ends: the rest of the page is inside it
                break
            end = pos = rest.end()
            if name in VOID or name in SELF_CLOSING:
                self.uncounted(start, name_at, name, end, closing)
            elif closing:
                self.end_tag(start, name_at, name, end)
            elif (pos := self.start_tag(start, name_at, name, end)) < 0:
                break  # `<plaintext>`: the rest of the page is text
        if not self.flattened and not self.changed:
            return Bounded(page, page, 0)
        self.out.append(page[self.done :])
        self.plain.append(page[self.done :])
        return Bounded("".join(self.out), "".join(self.plain), self.flattened)

    def declaration_end(self, start: int) -> int:
        """Where a `<!...>` or `<?...>` at `start` ends (a CDATA section only in SVG or
        MathML, at its `]]>`)."""
        page = self.page
        cdata = self.stack.foreign and page.startswith("<![CDATA[", start)
        close_at = page.find("]]>" if cdata else ">", start)
        return len(page) if close_at < 0 else close_at + (3 if cdata else 1)

    def uncounted(self, start: int, name_at: int, name: str, end: int, closing: bool) -> None:
        """A void or self-closing element's tag (never counted): rewritten; a table part is a
        space in the extraction's copy where its table is past `EXTRACTION_DEPTH`."""
        tags = None if closing else self.parser_tag(start, name_at, name, end)
        if name in TABLE_PARTS and self.stack.top("table") >= EXTRACTION_DEPTH:
            self.rewrite(start, end, tags.parser if tags else None, " ")  # its table's gone
        elif tags is not None:
            self.rewrite(start, end, *tags)

    def end_tag(self, start: int, name_at: int, name: str, end: int) -> None:
        """An end tag: a flattened element's is replaced as its start was; else it closes
        its element when open in scope, renamed or hidden as its start tag was."""
        flat = self.flat
        if flat.get(name):
            flat[name] -= 1
            self.replace(start, end, name)
            return
        shadow = hide = False
        if (at := self.stack.in_scope(name)) >= 0:
            hide = at >= EXTRACTION_DEPTH  # its start tag is not in the extraction's copy
            self.stack.pop_to(at)
            shadow = name == "template" and self.shadows.pop()
        if name in RENAMED:
            renamed = f"</{RENAMED[name]}{self.page[name_at + len(name) : end]}"
            self.rewrite(
                start, end, renamed, flat_tag(name) if hide else "</div>" if shadow else None
            )
        elif hide:
            self.rewrite(start, end, None, flat_tag(name))

    def start_tag(self, start: int, name_at: int, name: str, end: int) -> int:
        """A start tag: raw text's (read to its end tag), one that closes itself in foreign
        content, else what it closes, then flattened past `cap` or opened. Where the page
        goes on (-1 after `<plaintext>`: the rest of the page is text)."""
        tags = self.parser_tag(start, name_at, name, end)
        if not self.stack.foreign:
            if name in RAW_TEXT or name == "plaintext":
                return self.raw_text(start, name, end, tags)
        elif self.page[end - 2] == "/":  # `<path/>` in SVG closes itself
            if tags is not None:
                self.rewrite(start, end, *tags)
            return end
        if name in CLOSES_OTHERS:
            self.close_implied(name)
        if len(self.stack) >= self.cap:
            self.flat[name] = self.flat.get(name, 0) + 1
            self.flattened += 1
            self.replace(start, end, name)
        else:
            self.open(start, name, end, tags)
        return end

    def raw_text(self, start: int, name: str, end: int, tags: Tags | None) -> int:
        """A raw text element's start: the page goes on at its end tag (-1 for `<plaintext>`,
        which has none)."""
        if tags is not None:
            self.rewrite(start, end, *tags)
        if name == "plaintext":
            return -1
        close_m = END_OF[name].search(self.page, end)
        return len(self.page) if close_m is None else close_m.start()

    def close_implied(self, name: str) -> None:
        """What a start tag closes, as the tree builder does: an open `<p>`, a sibling item
        or term, an `<option>`, the ruby parts open in a `<ruby>`."""
        stack = self.stack
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

    def open(self, start: int, name: str, end: int, tags: Tags | None) -> None:
        """An element opens: a long run of inline elements cut first (`INLINE_RUN`); its tag
        hidden past `EXTRACTION_DEPTH`, a declarative shadow root a `div` to trafilatura."""
        stack = self.stack
        if (block := stack.inline_run()) >= 0 and len(stack) < EXTRACTION_DEPTH:
            self.cut(start, block)  # the block so far ends; the same goes on
            stack.inlines[block] = 0
        shadow = name == "template" and SHADOW_ROOT.search(self.page, start, end) is not None
        extraction = "<div>" if shadow else tags.extraction if tags else None
        stack.push(name, extraction or self.page[start:end])
        hide = len(stack) > EXTRACTION_DEPTH  # past the extraction's bound: markup removed
        if name == "template":  # a declarative shadow root is shown: a `div` to trafilatura
            self.shadows.append(shadow)
            parser, extraction = tags or (None, None)
            shown = flat_tag(name) if hide else "<div>" if self.shadows[-1] else extraction
            self.rewrite(start, end, parser, shown)
        elif hide:
            self.rewrite(start, end, tags.parser if tags else None, flat_tag(name))
        elif tags is not None:
            self.rewrite(start, end, *tags)

    def replace(self, start: int, end: int, name: str) -> None:
        """A flattened element's tag: a `<br>` (a space in the extraction's copy) for a
        block, nothing for an inline element."""
        page = self.page
        self.out.extend((page[self.done : start], "<br>" if name in BLOCK_LIKE else ""))
        self.plain.extend((page[self.done : start], " " if name in BLOCK_LIKE else ""))
        self.done = end

    def parser_tag(self, start: int, name_at: int, name: str, end: int) -> Tags | None:
        """A start tag as the parser's copy has it (renamed, fewer attributes) and as the
        extraction's has it (fewer attributes; None: as written), or None when both are
        as written."""
        page = self.page
        thin = None
        if end - start > 2 * MAX_ATTRIBUTES or name in MERGED:
            keep = 0 if name in self.merged else MAX_ATTRIBUTES
            self.merged.update((name,) if name in MERGED else ())
            thin = fewer_attributes(page, name_at + len(name), end, keep)
        renamed = RENAMED.get(name)
        if thin is None and renamed is None:
            return None
        written = page[name_at : name_at + len(name)]
        rest = page[name_at + len(name) : end] if thin is None else thin
        return Tags(f"<{renamed or written}{rest}", None if thin is None else f"<{written}{thin}")

    def rewrite(self, start: int, end: int, tag: str | None, extraction: str | None = None) -> None:
        """The tag at start:end written otherwise in the parser's copy, the extraction's,
        or both (None: as written)."""
        page, done = self.page, self.done
        self.out.extend((page[done:start], page[start:end] if tag is None else tag))
        self.plain.extend((page[done:start], page[start:end] if extraction is None else extraction))
        self.done = end
        self.changed = True

    def cut(self, start: int, at: int) -> None:
        """In the extraction's copy, before the tag at `start`: the open elements from `at`
        up (a block, then the inline ones in it) closed and opened again, as written."""
        page, done, stack = self.page, self.done, self.stack
        self.out.append(page[done:start])
        closing = "".join(f"</{n}>" for n in reversed(stack.names[at:]))
        self.plain.extend((page[done:start], closing, "".join(stack.tags[at:])))
        self.done = start
        self.changed = True


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
