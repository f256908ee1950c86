"""What of an HTML page is not text, taken out as its lines stream in: `<script>` and `<style>`
bodies, comments' bodies, `data:` URIs (in the attributes that load a resource, in the
`data-*` attributes lazy loaders read, inside a `style` attribute's `url(...)`, a `<meta>`'s
`content`), a hidden input's value, an SVG shape's geometry (`d`, `points`).

A page saved "as a single file" (SingleFile, MHTML converted, Evernote/Notion exports) holds
its images, fonts and styles inline: 8.4 MB of markup around 260 characters of text was
refused whole as "text too long" (issue 29, F10), and an ordinary 88 kB page with 87 kB of CSS
was refused with `--max-chars 2000`. Its CSS backgrounds are `data:` URIs in `style`
attributes, an ASP.NET page carries its `__VIEWSTATE` in a hidden input, a generator may leave
megabytes in a comment: a page over the bound by those lost every paragraph (hostile42 H16).
A browser shows none of these bytes and the reader never reads them (`markup.NOT_TEXT`,
comments, `markup.shows_value`), so the page's size is counted without them, and the parser
and trafilatura never see them (the page's cost follows its markup, not its payload). Never
an element's text, a text input's value, a `srcdoc` document (a browser shows it), or a
`style` attribute's declarations (`display: none` hides an element). What no browser
renders (`Inert`: a template's content, a script may clone it; a `<noscript>`'s, a
`<datalist>`'s, a raw fallback's) is kept, its spans noted: a page past its bound without
their markup is read (`readers.markup.Templates`).

No other attribute value is text either (`COUNTED_VALUES` says which are): a page's JSON
state in a `data-*` attribute, its event handlers, ARIA labels, SVG animation values are
kept for the parser (the reader reads `class`, `style`, `<meta>` authors) but not counted
(`State.uncounted`), nor is a bogus comment's body; a 2 MB `data-page` lost its page.

The line is read as the HTML tokenizer reads it: text, tags with their attributes (quoted
values may hold `<script>` or `<!--` as text, and span lines), comments, raw text. One pass,
`str.find` and anchored possessive patterns (no backtracking): linear.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

# attributes whose `data:` value is a resource loaded, never shown; and every `data-*` one
RESOURCE_ATTRIBUTES = frozenset({
    "src", "href", "srcset", "poster", "data", "background", "xlink:href", "lowsrc", "dynsrc",
})  # fmt: skip
# raw-text and escapable raw-text elements whose text may hold `<script>` as text (kept whole),
# `<plaintext>` (the rest of the file is its text)
KEPT_RAW = frozenset({"textarea", "title", "xmp", "iframe", "noembed", "noframes"})
TAKEN_RAW = frozenset({"script", "style"})
# what starts markup in text: a comment, a bogus comment or doctype (`<!`, `<?`), a tag
MARKUP = re.compile(r"<(?:(!--)|[!?]|(/?)([A-Za-z][^\t\n\f\r />]*+))")
END_OF = MappingProxyType({
    name: re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE)
    for name in (*TAKEN_RAW, *KEPT_RAW)
})  # fmt: skip
COMMENT_END = re.compile(r"--!?>")
# a script's body as the tokenizer reads it (WHATWG 13.2.5.4, 13.2.5.15-13.2.5.32): in script
# data `<!--` opens the escaped states, where `<script` followed by a blank, `/` or `>` opens
# the double-escaped ones, in which `</script` does not end the script but goes back to
# escaped; `-->` goes back to script data from either. A line's end is a newline (the lines
# come without theirs): no token spans it, so a line starts in one of three states (`State.
# script`: "" script data, "escaped", "double"). Each pattern finds the first token of its
# state: every `<` and `-` the tokenizer reads is reconsumed when a token fails, so the
# earliest match is the tokenizer's
SCRIPT_TERM = r"(?:[\t\n\f\r />]|\Z)"
SCRIPT_DATA = re.compile(rf"<!--|</script(?={SCRIPT_TERM})", re.IGNORECASE)
SCRIPT_ESCAPED = re.compile(rf"-->|<(/?)script(?={SCRIPT_TERM})", re.IGNORECASE)
SCRIPT_DOUBLE = re.compile(rf"-->|</script{SCRIPT_TERM}", re.IGNORECASE)
BETWEEN = re.compile(r"[\t\n\f\r /]*+")  # between a tag's attributes
# a run of whole attributes this module leaves as they are, each with its value if it has one
# (a name at the line's end, or a value not closed on it, is left to the attribute's states:
# its `=` may come on the next line); possessive: each character read once or twice. An
# `<input>`'s or a `<meta>`'s run stops at every attribute `value_rule` reads (`STRICT`);
# another's only at a `data:` resource, a `style` holding `data:`, a shape's geometry
BLANK = r"[\t\n\f\r ]*+"
NAME_END = r"(?=[\t\n\f\r /=>]|$)"
RESOURCE = "|".join(re.escape(name) for name in sorted(RESOURCE_ATTRIBUTES))
TAKES = (
    rf"(?:{RESOURCE}|data-[^\t\n\f\r /=>]*+){BLANK}={BLANK}[\"']?+{BLANK}data:"
    rf"|style{BLANK}={BLANK}(?:\"[^\"]*?data:|'[^']*?data:|[^\t\n\f\r >\"'][^\t\n\f\r >]*?data:)"
    rf"|(?:d|points){NAME_END}"
)
STRICT = rf"(?:style|value|type|content|d|points|{RESOURCE}){NAME_END}|data-"
WHOLE_ATTRIBUTE = (
    r"""[^\t\n\f\r />][^\t\n\f\r /=>]*+"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|(?!["'])[^\t\n\f\r >]*+)"""
    r"""|(?![\t\n\f\r ]*+(?:=|$)))"""
)
OTHER_ATTRIBUTES = re.compile(rf"(?:[\t\n\f\r /]*+(?!{TAKES}){WHOLE_ATTRIBUTE})*+", re.IGNORECASE)
STRICT_OTHER_ATTRIBUTES = re.compile(
    rf"(?:[\t\n\f\r /]*+(?!{STRICT}){WHOLE_ATTRIBUTE})*+", re.IGNORECASE
)
SPACES = re.compile(r"[\t\n\f\r ]*+")
NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*+")
UNQUOTED_END = re.compile(r"[\t\n\f\r >]")
DATA_URI = re.compile(r"[\t\n\f\r ]*+data:", re.IGNORECASE)
STYLE_URI = re.compile(r"data:", re.IGNORECASE)
# where a `data:` URI in a `style` value ends: its `url(...)`, a CSS quote, `&quot;` (every
# attribute quote is one of them: the URI never runs past the value)
CSS_URI_END = re.compile(r"[)\"'&]")
CSS_URI_END_UNQUOTED = re.compile(r"[)\"'&\t\n\f\r >]")
# attributes whose whole value is never shown nor read: an SVG shape's geometry
GEOMETRY = frozenset({"d", "points"})
# No attribute value is text a browser renders in the page (HTML: attributes annotate
# elements; `title` is a tooltip, `aria-*` is read to assistive technology, `data-*` to
# scripts, `on*` is code, `<meta content>` metadata, SVG `values`/`path` geometry), so none
# counts against the page bound, kept for the parser all the same (the reader reads
# `<meta>` authors, `class`, `style`, `hidden`), but these: a described image's `alt` and a
# shown input's `value`, which the reader makes text, and a frame's `srcdoc`, a document the
# browser shows. A bogus comment's body (`<?xml-stylesheet …?>`, `<![CDATA[…]]>` in HTML) is
# not counted either.
COUNTED_VALUES = frozenset({"alt", "value", "srcdoc"})
ONE_ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*+([^\t\n\f\r />][^\t\n\f\r /=>]*+)"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+("[^"]*+"|'[^']*+'|(?!["'])[^\t\n\f\r >]*+)"""
    r"""|(?![\t\n\f\r ]*+(?:=|$)))"""
)


class Unpacked(NamedTuple):
    """A line of the page without its payload, and how many characters were taken out."""

    number: int
    text: str
    taken: int


@dataclass(slots=True)
class State:
    """Where a line starts. `mode`: "" in text; "tag" between the attributes of tag `name`
    ("/" for an end tag), "after" after attribute `attr`'s name, "before" after its `=`,
    "value" in its value quoted by `quote`, read as `take` says ("keep", "all", "style",
    "uri": a `data:` URI in a style value); "raw" in a script's or style's body (taken),
    "kept" in a `KEPT_RAW` element's, "comment" in a comment's body (taken), "bogus" in
    `<!...>`; "plain" after `<plaintext>`. `kind`: an `<input>`'s type once read. `script`:
    in a script's body, its escaped state (`script_end`). `uncounted`: how many characters
    of the line `unpack_line` returned it for are attribute values or bogus comments' bodies
    (kept for the parser, not counted against the page bound: `COUNTED_VALUES`)."""

    mode: str = ""
    name: str = ""
    attr: str = ""
    quote: str = ""
    take: str = ""
    kind: str = ""
    script: str = ""
    uncounted: int = 0  # of the line just read, the characters kept but not counted

    def set(self, **fields: str) -> State:
        """This state, changed in place (a line's states are its own: `unpack_line`)."""
        for name, value in fields.items():
            setattr(self, name, value)
        return self


# a template's `shadowrootmode` (`shadowroot`: Chrome's name before 2023): a declarative shadow
# root, shown where its host is (`markup.visibility_of`); any other template's content is inert
SHADOW_ROOT = re.compile(
    r"shadowroot(?:mode)?+[\t\n\f\r ]*+=[\t\n\f\r ]*+[\"']?+(?:open|closed)", re.IGNORECASE
)
TEMPLATE_END = "template"
# what else holds content no browser renders, read as markup to its end tag: what shows only
# with scripts off (`noscript`), a text input's suggestions (`datalist`); and the raw text a
# browser shows only when it cannot show the element itself (`KEPT_RAW`'s fallbacks)
INERT = frozenset({TEMPLATE_END, "noscript", "datalist"})
INERT_RAW = frozenset({"iframe", "noembed", "noframes"})


@dataclass(slots=True)
class Inert:
    """The elements of `INERT` (and a raw fallback's body) open where a line starts,
    innermost last, each with whether its content is inert (a template that is a
    declarative shadow root is shown), and, once a line is read, the spans of its kept text
    inside an inert one (`spans`, offsets in that text): what the page bound may leave out
    (`readers.markup`)."""

    stack: list[tuple[str, bool]] = field(default_factory=list)
    inert: int = 0  # how many of `stack` are inert
    spans: list[tuple[int, int]] = field(default_factory=list)

    def push(self, name: str, inert: bool = True) -> bool:
        """An element opens; whether its content starts an inert span."""
        self.stack.append((name, inert))
        self.inert += inert
        return inert and self.inert == 1

    def pop(self, name: str) -> bool:
        """Its end tag: the elements open down to the last `name` close (an end tag with none
        open closes nothing); whether an inert span ends."""
        if not any(open_name == name for open_name, _ in self.stack):
            return False
        was = self.inert
        while self.stack:
            open_name, inert = self.stack.pop()
            self.inert -= inert
            if open_name == name:
                break
        return was > 0 and self.inert == 0


def unpacked(lines: Iterable[tuple[int, str]]) -> Iterator[Unpacked]:
    """Each line without its payload (see the module doc), in order."""
    state = State()
    for number, text in lines:
        kept, state = unpack_line(text, state)
        yield Unpacked(number, kept, len(text) - len(kept))


def value_rule(state: State, attr: str, text: str, at: int) -> str:
    """How the value of `attr` starting at `at` is read: "all" taken (a hidden input's
    value), "uri" taken after its `data:` (a resource, on this line), "style" (its `data:`
    URIs taken), "keep"."""
    if attr == "value" and state.name == "input" and state.kind == "hidden":
        return "all"
    if attr == "style":
        return "style"
    if attr in GEOMETRY:
        return "all"
    resource = attr in RESOURCE_ATTRIBUTES or attr.startswith("data-")
    if (resource or (attr, state.name) == ("content", "meta")) and DATA_URI.match(text, at):
        return "data"
    return "keep"


def unpack_line(
    text: str, state: State, inert: Inert | None = None, xml: bool = False
) -> tuple[str, State]:
    """One line without its payload, and the state the next line starts in; with `inert`,
    the inert elements open are followed and its `spans` set to this line's inert text;
    `xml`: an XHTML page's (`<script/>` closes there)."""
    return LineRead(text, state, inert, xml).read()


class LineRead:
    """One line read by `unpack_line`: what it keeps so far (`parts`), where the read is
    (`at`) and in which state (its own copy: `State`). Each state's method reads from `at`
    and says whether the line goes on (`READS`: a mode's method)."""

    __slots__ = (
        "at", "inert", "inside", "parts", "pending", "size", "state", "text", "toggles",
        "uncounted", "xml",
    )  # fmt: skip

    def __init__(self, text: str, state: State, inert: Inert | None, xml: bool) -> None:
        self.text, self.inert, self.xml = text, inert, xml
        self.parts: list[str] = []
        self.toggles: list[int] = []  # where in `parts` an inert element's content starts or ends
        self.inside = inert is not None and inert.inert > 0
        self.uncounted = 0  # attribute values and bogus comments' bodies kept (`State.uncounted`)
        self.pending: list[int] = []  # an `<input>`'s value on this line, its type not yet read
        self.state = State(
            state.mode, state.name, state.attr, state.quote, state.take, state.kind, state.script
        )
        self.at, self.size = 0, len(text)

    def read(self) -> tuple[str, State]:
        """The line read state by state; what it keeps, and the state the next starts in."""
        reads, size = READS, self.size
        while self.at <= size and reads[self.state.mode](self):
            pass
        kept = "".join(self.parts)
        if self.inert is not None:
            self.inert.spans = inert_spans(self.parts, self.toggles, self.inside, len(kept))
        self.state.uncounted = self.uncounted
        return kept, self.state

    def plain(self) -> bool:
        """After `<plaintext>`: the rest is text."""
        self.parts.append(self.text[self.at :])
        return False

    def text_run(self) -> bool:
        """Text up to the next markup, kept: a comment, a tag or a bogus comment starts (an
        inert element's content ends before its end tag)."""
        text, at, parts, inert = self.text, self.at, self.parts, self.inert
        match = MARKUP.search(text, at)
        if match is None:
            parts.append(text[at:])
            return False
        if (
            inert is not None
            and match.group(2)
            and match.group(3).lower() in INERT
            and inert.pop(match.group(3).lower())
        ):  # an inert element's content ends before its end tag
            parts.append(text[at : match.start()])
            self.toggles.append(len(parts))
            at = match.start()
        parts.append(text[at : match.end()])
        self.at = at = match.end()
        if match.group(1):  # `<!-->` and `<!--->` close at once
            abrupt = 1 if text.startswith(">", at) else 2 if text.startswith("->", at) else 0
            parts.append(text[at : at + abrupt])
            self.at, self.state = at + abrupt, State() if abrupt else State("comment")
        elif match.group(3):  # its attributes next, read at once
            name = "/" if match.group(2) else match.group(3).lower()
            self.state, self.pending = State("tag", name), []
            return self.attributes()
        else:
            self.state = State("bogus")
        return True

    def taken_body(self) -> bool:
        """A script's body (its states: `script_end`) or a style's, taken to its end tag."""
        if self.state.name != "script":
            return self.raw_body()
        stop, escaped = script_end(self.text, self.at, self.state.script)
        if stop is None:
            self.state.script = escaped
            return False
        self.at, self.state = stop, State()
        return True

    def raw_body(self) -> bool:
        """A raw-text body up to its end tag: taken, or kept (`KEPT_RAW`; a raw fallback's
        inert span ends there)."""
        state, text, at = self.state, self.text, self.at
        end = END_OF[state.name].search(text, at)
        stop = self.size if end is None else end.start()
        if state.mode == "kept":
            self.parts.append(text[at:stop])
        if end is None:
            return False
        raw = state.mode == "kept" and self.inert is not None and state.name in INERT_RAW
        if raw and self.inert is not None and self.inert.pop(state.name):  # (no `INERT` tag)
            self.toggles.append(len(self.parts))
        self.at, self.state = stop, State()
        return True

    def comment_body(self) -> bool:
        """A comment's body (taken) or a bogus comment's (kept, not counted), to its end."""
        mode, text, at = self.state.mode, self.text, self.at
        end = COMMENT_END.search(text, at) if mode == "comment" else None
        close = text.find(">", at) if mode == "bogus" else -1
        if mode == "comment" and end is not None:
            self.parts.append(end.group())
            self.at, self.state = end.end(), State()
            return True
        if close >= 0:
            self.parts.append(text[at : close + 1])
            self.uncounted += close - at
            self.at, self.state = close + 1, State()
            return True
        if mode == "bogus":
            self.parts.append(text[at:])
            self.uncounted += self.size - at
        return False

    def attributes(self) -> bool:
        """In a tag: the attributes left as they are kept (their values not counted), then
        the tag's end (its body next) or the next attribute's name."""
        state, text, parts = self.state, self.text, self.parts
        strict = state.name in ("input", "meta")
        before = self.at
        at = kept_span(STRICT_OTHER_ATTRIBUTES if strict else OTHER_ATTRIBUTES, text, before, parts)
        self.uncounted += values_in(text, before, at)
        if state.name == TEMPLATE_END and SHADOW_ROOT.search(text, before, at) is not None:
            state.kind = "shadow"
        self.at = at = kept_span(BETWEEN, text, at, parts)
        if at >= self.size:
            return False
        if text[at] == ">":  # the tag ends: what its body is (`body_after`), an inert one opens
            parts.append(">")
            self.at = at = at + 1
            body = body_after(state.name, text, at, self.xml)
            opens = state.name in INERT or (state.name in INERT_RAW and body == "kept")
            inert = self.inert
            if opens and inert is not None and inert.push(state.name, state.kind != "shadow"):
                self.toggles.append(len(parts))
            self.state = State(body, state.name) if body in ("raw", "kept") else State(body)
            self.pending = []
            return True
        start, self.at = at, kept_span(NAME, text, at, parts)
        state.set(mode="after", attr=text[start : self.at].lower())
        return True

    def after_name(self) -> bool:
        """After an attribute's name: `=` and a value, or another attribute."""
        self.at = at = kept_span(SPACES, self.text, self.at, self.parts)
        if at >= self.size:
            return False
        if self.text[at] == "=":
            self.parts.append("=")
            self.at = at + 1
            self.state.set(mode="before")
        else:
            self.state.set(mode="tag", attr="")
        return True

    def value_start(self) -> bool:
        """After an attribute's `=`: its quote, and how its value is read (`value_rule`;
        a `data:` URI's scheme kept); an `<input>`'s value waits for its type."""
        state, text, parts = self.state, self.text, self.parts
        self.at = at = kept_span(SPACES, text, self.at, parts)
        if at >= self.size:
            return False
        quote = text[at] if text[at] in "\"'" else ""
        if text[at] == ">":  # `name=>`: an empty value, the tag ends
            state.set(mode="tag", attr="")
            return True
        parts.append(quote)
        at += len(quote)
        rule = value_rule(state, state.attr, text, at)
        if rule == "data":  # `data:` kept, the rest of the URI taken
            at, rule = kept_span(DATA_URI, text, at, parts), "all"
        if rule == "keep" and state.attr == "value" and state.name == "input" and not state.kind:
            self.pending.append(len(parts))
        state.set(mode="value", quote=quote, take=rule)
        self.at = at
        return True

    def value(self) -> bool:
        """An attribute's value (`read_value`), counted only for `COUNTED_VALUES`."""
        state, parts = self.state, self.parts
        attr, quote, first = state.attr, state.quote, len(parts)
        self.at, self.state = read_value(self.text, self.at, state, parts, self.pending)
        if attr not in COUNTED_VALUES:  # (its closing quote is markup)
            closed = len(quote) if self.state.mode != "value" else 0
            self.uncounted += sum(len(part) for part in parts[first:]) - closed
        return True


# each `State.mode`'s reader (`LineRead`)
READS: Mapping[str, Callable[[LineRead], bool]] = MappingProxyType(
    {
        "plain": LineRead.plain,
        "": LineRead.text_run,
        "raw": LineRead.taken_body,
        "kept": LineRead.raw_body,
        "comment": LineRead.comment_body,
        "bogus": LineRead.comment_body,
        "tag": LineRead.attributes,
        "after": LineRead.after_name,
        "before": LineRead.value_start,
        "value": LineRead.value,
    }
)


def script_end(text: str, at: int, escaped: str) -> tuple[int | None, str]:
    """Where the script whose body goes on at `at` in state `escaped` ends (its end tag's
    `<`), or None and the state the next line starts in."""
    while True:
        if escaped == "":
            match = SCRIPT_DATA.search(text, at)
            if match is None:
                return None, ""
            if match.group() != "<!--":
                return match.start(), ""
            at, escaped = match.end() - 2, "escaped"  # its `--`: `<!-->` closes at once
        elif escaped == "escaped":
            match = SCRIPT_ESCAPED.search(text, at)
            if match is None:
                return None, "escaped"
            if match.group() == "-->":
                at, escaped = match.end(), ""
            elif match.group(1):
                return match.start(), ""
            else:
                at, escaped = match.end(), "double"
        else:
            match = SCRIPT_DOUBLE.search(text, at)
            if match is None:
                return None, "double"
            escaped = "" if match.group() == "-->" else "escaped"
            at = match.end()


def inert_spans(
    parts: list[str], toggles: list[int], inside: bool, size: int
) -> list[tuple[int, int]]:
    """The spans of a line's kept text (`parts` joined) inside an inert element: from its
    start when the line starts inside one, between the toggles, to its end when one is open."""
    if not toggles and not inside:
        return []
    offsets = [0, *itertools.accumulate(len(p) for p in parts)]
    edges = [offsets[i] for i in toggles]
    if inside:
        edges.insert(0, 0)
    if len(edges) % 2:
        edges.append(size)
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]  # (empty: one ends)


def values_in(text: str, start: int, end: int) -> int:
    """How many characters of the attribute values in `text[start:end]`, a run of whole
    attributes, are not counted (`COUNTED_VALUES`'s are): one match an attribute, linear."""
    total, at = 0, start
    while at < end:
        match = ONE_ATTRIBUTE.match(text, at, end)
        if match is None or match.end() == at:
            break
        value = match.group(2)
        if value and match.group(1).lower() not in COUNTED_VALUES:
            total += len(value) - (2 if value[0] in "\"'" else 0)  # (its quotes are markup)
        at = match.end()
    return total


def kept_span(pattern: re.Pattern[str], text: str, at: int, parts: list[str]) -> int:
    """Where what `pattern` matches at `at` ends (`at` if nothing), its text kept."""
    match = pattern.match(text, at)
    end = match.end() if match else at
    parts.append(text[at:end])
    return end


def body_after(tag: str, text: str, at: int, xml: bool = False) -> str:
    """What follows a start tag's `>` at `at`: a raw text body, the rest of the file, text.
    `<script/>` is closed in XHTML; in HTML its `/` is ignored, a body follows."""
    if tag in TAKEN_RAW:
        return "" if xml and text[at - 2 : at - 1] == "/" else "raw"
    if tag in KEPT_RAW:
        return "kept"
    return "plain" if tag == "plaintext" else ""


def read_value(
    text: str, at: int, state: State, parts: list[str], pending: list[int]
) -> tuple[int, State]:
    """An attribute value from `at`, up to its quote (a blank or `>` unquoted, or the line's
    end): what it keeps added to `parts`; the position after it and the state then."""
    quote, size = state.quote, len(text)
    if quote:
        found = text.find(quote, at)
        end, closed = (size, False) if found < 0 else (found, True)
    else:
        blank = UNQUOTED_END.search(text, at)
        end, closed = (size if blank is None else blank.start()), True
    take = state.take
    if take == "uri":  # a `data:` URI in a style value, taken up to where it ends
        stop = (CSS_URI_END if quote else CSS_URI_END_UNQUOTED).search(text, at, end)
        if stop is not None:
            return stop.start(), state.set(take="style")
        if not closed:
            return size + 1, state
        at, take = end, "style"
    if take == "style" and (mark := STYLE_URI.search(text, at, end)) is not None:
        parts.append(text[at : mark.end()])
        return mark.end(), state.set(take="uri")
    if take in ("keep", "style"):
        parts.append(text[at:end])
    elif not quote:  # an unquoted value taken whole leaves `""`: `d= b` is `d="b"`
        parts.append('""')
    if not closed:
        return size + 1, state
    parts.append(quote)
    shadow = state.name == TEMPLATE_END and state.attr in ("shadowrootmode", "shadowroot")
    if shadow and text[at:end].strip(" \t\n\f\r").lower() in ("open", "closed"):
        state.set(kind="shadow")  # (a value on a line of its own: `SHADOW_ROOT` the others)
    if state.attr == "type" and state.name == "input" and not state.kind:
        kind = "hidden" if text[at:end].strip(" \t\n\f\r").lower() == "hidden" else "other"
        if kind == "hidden":  # a value before it on this line is a hidden one
            for index in pending:
                parts[index] = ""
        state.set(kind=kind)
    return end + len(quote), state.set(mode="tag", attr="", quote="", take="")
