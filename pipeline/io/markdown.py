"""Markdown files as blocks of text with their role (headings, paragraphs, list items, table
rows, quotations, code lines), for the segmenter; markdown-it-py (CommonMark, plus tables).

The file is cut into top-level blocks first (`top_level`: a line at the margin after a blank
line, outside a fence or a raw HTML block that runs across blank lines) and parsed a group of
them at a time. Why:

- markdown-it stops reading a container nested deeper than 20 levels and drops the rest of
  its input without a word: one line of 11 nested list markers made every later paragraph of
  a file an error (E012). A group where the parser stopped is parsed again one top-level block
  at a time, so only the blocks of the over-deep one fail, each with its line.
- the parser's input is bounded by the largest top-level block, not by the file: a file over
  40 x `--max-chars` bytes was one E009 with every paragraph lost, where the same `.txt` read;
  now only a top-level block over that bound fails (E009, at its first line), the rest is read.

Link reference definitions (`[id]: url`, commonly at the end of a file) are collected first
and given to every group, so `[text][id]` reads as `text` wherever its definition is.

Inline HTML tags are no text: `un<b>believ</b>able` is `unbelievable` (a tag gave a space:
`un believ able`, `H 2 O`); a line break (`<br>`) or a block-level tag still separates words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pipeline.io.markup import (
    BLOCKS,
    EMPHASIS,
    INLINE_TAG,
    LINK_DEFINITION,
    MARKUP_ONLY,
    NOT_TEXT,
    Page,
    column_names,
    page_blocks,
)
from pipeline.io.markup_extract import CELL_SEPARATOR
from pipeline.io.segment.blocks import EMPHASIS_WORDS, REPEATED_HEADER, Block, titles_in_italics
from pipeline.io.segment.credits import credits_block
from pipeline.io.segment.wrapping import joiner

MARKDOWN = (".md", ".markdown")
# top-level blocks parsed together: 20,000 paragraphs took 10.7 s parsed one by one, 7.4 s
# in groups of 4 kB, 5.3 s of 64 kB, 8.2 s of 1 MB (one machine, under load)
GROUP_CHARS = 1 << 16
Numbered = list[tuple[int, str]]

BREAKS = BLOCKS | {"br", "hr", "img", "td", "th"}  # tags that separate the words around them
# a fence (``` or ~~~, at most 3 spaces in) and the raw HTML blocks CommonMark runs across
# blank lines (types 1-5: <script>, <pre>, <style>, <textarea>, comments, <?, CDATA, <!X),
# each with what ends it
FENCE = re.compile(r" {0,3}+(`{3,}+|~{3,}+)")
RAW_HTML = re.compile(
    r" {0,3}+<(?:(?P<tag>script|pre|style|textarea)(?=[\s>]|$)|(?P<comment>!--)|"
    r"(?P<pi>\?)|(?P<cdata>!\[CDATA\[)|(?P<decl>![A-Za-z]))",
    re.IGNORECASE,
)
# what Markdown collapses: its source's blanks and line ends (space, tab, CR, LF), one space.
# Every other character is text as written, as the `.txt` reader keeps it: CommonMark reads
# none of VT, FF, FS-US, NEL, LS, PS as a line end or markup (they became a space, while the
# same paragraph in a `.txt` kept them: hostile41 F17); a no-break space (`12\u00a0000`,
# French `dit\u00a0:`) too
BLANKS = re.compile("[ \t\n\r]++")
RAW_END = MappingProxyType({"comment": "-->", "pi": "?>", "cdata": "]]>", "decl": ">"})


@dataclass(frozen=True)
class Oversize:
    """A top-level block over the parser's bound: not parsed, failed where it starts."""

    number: int
    size: int  # characters held, at least


def top_level(lines: Iterable[tuple[int, str | None]], cap: int) -> Iterator[Numbered | Oversize]:
    """The file's top-level blocks, each a list of its numbered lines (blank lines go with the
    block before them), or an `Oversize` for one over `cap` characters (or holding a line too
    long to decode, text None). One pass, holding one block."""
    block: Numbered = []
    size = 0
    over: int | None = None  # the first line of the block being skipped, when it is over
    end: str | None = None  # what ends the fence or raw HTML block the scan is inside
    blank = True
    for number, text in lines:
        starts = end is None and blank and (text is None or text[:1] not in (" ", "\t", ""))
        if starts and (block or over is not None):
            yield block if over is None else Oversize(over, size)
            block, size, over = [], 0, None
        if text is None:
            over = over if over is not None else (block[0][0] if block else number)
            size += cap + 1
            block, blank = [], False
            continue
        end = inside(text, end)
        blank = not text.strip()
        size += len(text) + 1
        if over is None and size > cap:
            over = block[0][0] if block else number
            block = []
        if over is None:
            block.append((number, text))
    if block or over is not None:
        yield block if over is None else Oversize(over, size)


def inside(line: str, end: str | None) -> str | None:
    """What ends the fence or raw HTML block the scan is in after `line` (None: outside)."""
    if end is not None:
        if end.startswith(("`", "~")):
            fence = FENCE.match(line)
            if fence is None or fence[1][0] != end[0] or len(fence[1]) < len(end):
                return end
            return None if not line[fence.end() :].strip() else end
        return None if end.lower() in line.lower() else end
    if fence := FENCE.match(line):
        return fence[1]
    if raw := RAW_HTML.match(line):
        kind = raw.lastgroup or "tag"
        closing = f"</{raw['tag']}>" if kind == "tag" else RAW_END[kind]
        return None if closing.lower() in line[raw.end() :].lower() else closing
    return None


def references_of(lines: Iterable[tuple[int, str | None]]) -> dict[str, Any]:
    """The link reference definitions of a file (markdown-it's `env`), from its one-line
    definitions."""
    found = [t for _, t in map(without_bom, lines) if t and LINK_DEFINITION.match(t)]
    env: dict[str, Any] = {}
    if found:
        parser().parse("\n\n".join(found), env)
    return env


def parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.inline.ruler.before("entity", "c1_reference", c1_reference)
    return md


# a numeric character reference to a C1 control (0x80-0x9F): what Windows-1252 text turned
# into HTML holds (`It&#146;s`, `&#150;`); HTML5 reads each as the Windows-1252 character
C1_REFERENCE = re.compile(r"&#(?:0*+(?P<dec>12[89]|1[3-5][0-9])|[xX]0*+(?P<hex>[89][0-9a-fA-F]));")


def c1_reference(state: Any, silent: bool) -> bool:
    """markdown-it's inline rule for `C1_REFERENCE`, before its own entity rule: the
    character a browser shows (`’ “ ” – — …`), where CommonMark's rule gave U+FFFD, silently."""
    if state.src[state.pos] != "&":
        return False
    found = C1_REFERENCE.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        code = int(found["dec"]) if found["dec"] else int(found["hex"], 16)
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            char = chr(code)  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: HTML5 keeps the control
        state.push("text", "", 0).content = char
    state.pos = found.end()
    return True


def markdown_blocks(
    lines: Iterable[tuple[int, str | None]], cap: int, env: dict[str, Any] | None = None
) -> Iterator[Block | Oversize]:
    """The blocks of a Markdown file, a group of top-level blocks parsed at a time; a group
    where the parser stopped (a `lost` line) is parsed again block by block."""
    md = parser()
    env = env if env is not None else {}
    group: list[Numbered] = []
    size = 0

    def flush() -> Iterator[Block]:
        blocks = parse(md, [line for block in group for line in block], env)
        if len(group) > 1 and any(b.role == "lost" for b in blocks):
            for block in group:
                yield from parse(md, block, env)
        else:
            yield from blocks

    for block in top_level(map(without_bom, lines), cap):
        if isinstance(block, Oversize):
            yield from flush()
            group, size = [], 0
            yield block
            continue
        group.append(block)
        size += sum(len(t) + 1 for _, t in block)
        if size >= GROUP_CHARS:
            yield from flush()
            group, size = [], 0
    if group:
        yield from flush()


def markdown_page(lines: Iterable[tuple[int, str]]) -> Page:
    """Blocks of a Markdown file held whole (for tests and `bench/markup_cost.py`); a top-level
    block over 64 MB characters comes out as one `lost` block."""
    from pipeline.io.front_matter import front_matter

    numbered = list(lines)
    env = references_of(numbered)
    front, rest = front_matter(numbered)
    blocks: list[Block] = list(front.blocks)
    for block in markdown_blocks(rest, 1 << 26, env):
        if isinstance(block, Oversize):
            blocks.append(Block(block.number, "", "lost"))
        else:
            blocks.append(block)
    return Page(blocks, front.author)


# CommonMark replaces a NUL with U+FFFD, silently; the `.txt` reader keeps it on its line. A
# noncharacter stands in for it while markdown-it reads a group that holds none of its own.
NUL_STANDIN = "\ufdd0"


def words_of(text: str) -> str:
    """A block's text as rendered: runs of ASCII blanks one space, no-break spaces kept."""
    return BLANKS.sub(" ", text).strip(" ")


def without_bom(line: tuple[int, str | None]) -> tuple[int, str | None]:
    """A byte-order mark opening a line (files joined with `cat`) is dropped, as the `.txt`
    and JSONL readers drop it: it glued a file's title to the last paragraph before it."""
    number, text = line
    return (number, text.lstrip("\ufeff")) if text and text.startswith("\ufeff") else line


def parse(md: Any, numbered: Numbered, env: dict[str, Any]) -> list[Block]:
    """Blocks of some top-level blocks of a Markdown file: headings, paragraphs, list items,
    table rows (one block per row, cells joined by ` | `), quotations; code blocks line by
    line; inline HTML read as HTML; then every line no block came from: markup-only lines
    (list markers, table rules, fences) hold no text, a link reference definition is given
    with the role `markup`, and any other line comes out with the role `lost` (the parser
    stopped before it), which the segmenter turns into an error with its line (E012)."""
    if not numbered:
        return []
    walk = TokenBlocks(numbered)
    source = "\n".join(text for _, text in numbered)
    nul = "\x00" in source and NUL_STANDIN not in source
    tokens = md.parse(source.replace("\x00", NUL_STANDIN) if nul else source, env)
    for token in tokens:
        walk.take(token)
    blocks = walk.blocks + uncovered(numbered, walk.covered)
    blocks.sort(key=lambda b: b.number)  # stable: blocks of one line keep their order
    if nul:
        blocks = [b._replace(text=b.text.replace(NUL_STANDIN, "\x00")) for b in blocks]
    return blocks


class TokenBlocks:
    """The blocks markdown-it's tokens of some top-level blocks give (`parse`), in token
    order, and the lines (indices into `numbered`) they came from (`covered`)."""

    def __init__(self, numbered: Numbered) -> None:
        self.numbered = numbered
        self.numbers = [number for number, _ in numbered]
        self.text_of = dict(numbered)
        self.covered: set[int] = set()
        self.blocks: list[Block] = []
        self.open_tags: list[str] = []
        self.row: list[str] = []  # the cells of the table row being read
        self.row_line = self.numbers[0]

    def line_of(self, index: int) -> int:
        return self.numbers[min(index, len(self.numbers) - 1)]

    def take(self, token: Any) -> None:
        """One token: the lines it covers, the blocks open, its blocks."""
        if token.map and token.type in ("inline", "fence", "code_block", "html_block", "hr",
                                        "table_open"):  # fmt: skip
            self.covered.update(range(token.map[0], token.map[1]))
        first = token.map[0] if token.map else 0
        if token.nesting == 1:
            self.open_tags.append(token.type)
        elif token.nesting == -1 and self.open_tags:
            self.open_tags.pop()
        if token.type == "tr_open":
            self.row, self.row_line = [], self.line_of(first)
        elif token.type == "tr_close":
            self.row += extra_cells(self.text_of.get(self.row_line, ""), len(self.row))
            if any(self.row):
                text = CELL_SEPARATOR.join(self.row)
                header = "thead_open" in self.open_tags and column_names(text)
                role = REPEATED_HEADER if header else "row"  # the row above `|---|`: markup
                self.blocks.append(Block(self.row_line, text, role))
        elif token.type == "inline":
            self.inline(token, first)
        elif token.type in ("fence", "code_block"):
            offset = 1 if token.type == "fence" else 0  # the opening ``` line
            for i, line in enumerate(token.content.splitlines()):
                if line.strip():
                    self.blocks.append(
                        Block(self.line_of(first + offset + i), line.rstrip(), "code")
                    )
        elif token.type == "html_block":
            shown = placed(list(page_blocks(token.content, described=True)), token, self.numbered)
            self.blocks += shown or raw_lines(token, self.numbered, self.line_of)

    def inline(self, token: Any, first: int) -> None:
        """An inline run: its HTML's blocks, then its words as a cell of the row being read
        or a block of the role the blocks around it give; a paragraph's lines as a text
        page's (`as_lines`) when they are credits or a hard break cuts them."""
        for block in inline_html_blocks(token):
            self.blocks.append(Block(self.line_of(first), block.text, block.role))
        pieces = inline_pieces(token)
        text = words_of(inline_text(token, pieces))
        if "th_open" in self.open_tags or "td_open" in self.open_tags:
            self.row.append(text)
        elif text:
            role = container_role(self.open_tags)
            lines = (
                as_lines(pieces, first, self.line_of, role == "quote")
                if role in ("paragraph", "quote")
                else None
            )
            if lines:
                self.blocks += lines
            else:
                emphasis = titles_in_italics(emphasised(token))
                self.blocks.append(Block(self.line_of(first), text, role, emphasis))


def as_lines(
    pieces: list[str], first: int, line_of: Any, quoted: bool = False
) -> list[Block] | None:
    """A paragraph's lines given as the lines of a text page (role None, a blank line around
    them, as `markup.wrap_lines` gives a paragraph's `<br>` lines), so the segmenter joins
    those a hard wrap cut and keeps the others apart, when a hard break (two trailing blanks,
    a backslash: a `<br>`) cuts it or its lines are a block of credits ("**Image** : X Y" one
    a line: hostile45 E24, one record glued each name to the next line's role); a
    blockquote's (`quoted`) only when they are credits ("> Director : X Y", hostile47 G26).
    A backslash ending the last line of a paragraph its hard breaks cut is one more break,
    no text (CommonMark keeps it: "Original Score : X Y\\" gave a name ending on it). None
    (one block, its soft breaks joined) otherwise."""
    if SOFT_BREAK not in pieces and HARD_BREAK not in pieces:
        return None
    if HARD_BREAK in pieces and pieces[-1].endswith("\\") and not pieces[-1].endswith("\\\\"):
        pieces = [*pieces[:-1], pieces[-1][:-1]]
    lines: list[Block] = []
    current: list[str] = []
    for piece in [*pieces, SOFT_BREAK]:
        if piece in (SOFT_BREAK, HARD_BREAK):
            text = words_of("".join(current))
            if text:
                lines.append(Block(line_of(first + len(lines)), text, None))
            current = []
        else:
            current.append(piece)
    if len(lines) < 2 or not ((HARD_BREAK in pieces and not quoted) or credits_block(lines)):
        return None
    return [lines[0]._replace(text=""), *lines, lines[-1]._replace(text="")]


def uncovered(numbered: Numbered, covered: set[int]) -> list[Block]:
    """The lines no block came from that hold text: a link reference definition as `markup`,
    any other as `lost` (markup-only lines hold none)."""
    blocks = []
    for index, (number, text) in enumerate(numbered):
        if index in covered or MARKUP_ONLY.match(text):
            continue
        role = "markup" if LINK_DEFINITION.match(text) else "lost"
        blocks.append(Block(number, text.strip(), role))
    return blocks


PLACE_LINES = 200  # lines of a raw HTML block searched for a block's first word


def placed(shown: list[Block], token: Any, numbered: Numbered) -> list[Block]:
    """The blocks of a raw HTML block, each at the line its first words are on (else its
    first word; searched from the line of the block before it, at most `PLACE_LINES` on:
    linear), else at that line: every block of a `<pre>` carried the HTML block's first line."""
    start, end = token.map
    end = min(end, len(numbered))
    at = start
    out = []
    for block in shown:
        words = block.text.split()
        for key in (" ".join(words[:3]), words[0]) if words else ():
            found = next(
                (i for i in range(at, min(end, at + PLACE_LINES)) if key in numbered[i][1]), None
            )
            if found is not None:
                at = found
                break
        out.append(Block(numbered[min(at, len(numbered) - 1)][0], block.text, block.role))
    return out


def raw_lines(token: Any, numbered: Numbered, line_of: Any) -> list[Block]:
    """The lines of a raw HTML block that shows no text (a comment, a script, a style, a
    processing instruction), each dropped as `markup` with its line: they were in no output
    (a commented-out paragraph of prose among them)."""
    start, end = token.map
    return [
        Block(line_of(i), text.strip(), "markup")
        for i, (_, text) in enumerate(numbered[start:end], start)
        if text.strip()
    ]


def extra_cells(line: str, parsed: int) -> list[str]:
    """Cells of a table row past the header's width: markdown-it drops them without a word
    (a row `| a | b |` under a one-column header keeps `a`); their words are kept."""
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
    return [words_of(c) for c in cells[parsed:] if c.strip()]


def container_role(open_tags: list[str]) -> str:
    """The role of an inline run from the blocks it is inside (the innermost that says)."""
    for tag in reversed(open_tags):
        if tag == "heading_open":
            return "heading"
        if tag == "list_item_open":
            return "item"
        if tag == "blockquote_open":
            return "quote"
    return "paragraph"


def inline_html_blocks(token: object) -> Iterator[Block]:
    """Blocks held by the raw HTML of an inline run (tags are no text): a CDATA section (a
    comment once rendered) and an iframe's `srcdoc` document."""
    for child in getattr(token, "children", None) or []:
        content = child.content if child.type == "html_inline" else ""
        if content.startswith("<![CDATA[") or "srcdoc" in content.lower():
            yield from page_blocks(content)


def inline_pieces(token: object) -> list[str]:
    """The words of an inline run, in pieces: text, code and image descriptions; no markup,
    and nothing between an inline `<script>` or `<style>` and its end tag (code, never shown:
    in a page it is no text either). A tag adds no character (`H<sub>2</sub>O` is `H2O`)
    unless a browser breaks the line there (`<br>`, a block's tag): then a space. A line end
    is `SOFT_BREAK`, a hard break (a `<br>` at a line end) `HARD_BREAK`."""
    out = []
    hidden: str | None = None  # the NOT_TEXT element the run is inside, if any
    for child in getattr(token, "children", None) or []:
        tag = INLINE_TAG.match(child.content) if child.type == "html_inline" else None
        if tag is not None:
            name = tag["name"].lower()
            empty = tag["rest"].endswith("/")
            if hidden is None and not tag["end"] and name in NOT_TEXT and not empty:
                hidden = name
            elif hidden == name and tag["end"]:
                hidden = None
        if hidden is not None:
            continue
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(SOFT_BREAK)
        elif child.type == "hardbreak":
            out.append(HARD_BREAK)
        elif child.type == "image":
            out.append(child.content)
        elif child.type == "html_inline" and tag is not None and tag["name"].lower() == "img":
            out.append(description(child.content) or " ")
        elif child.type == "html_inline" and tag is not None and tag["name"].lower() in BREAKS:
            out.append(" ")
    return out


def emphasised(token: object) -> list[str]:
    """The texts an inline run sets in italics (`*X*`, `_X_`, an inline `<em>`, `<i>`,
    `<cite>`): a work's title by the typographic convention (`Block.emphasis`)."""
    words: list[str] = []
    open_at: list[int] = []
    out = []
    for child in getattr(token, "children", None) or []:
        tag = INLINE_TAG.match(child.content) if child.type == "html_inline" else None
        italic = tag is not None and tag["name"].lower() in EMPHASIS
        if child.type == "em_open" or (italic and tag is not None and not tag["end"]):
            open_at.append(len(words))
        elif (child.type == "em_close" or (italic and tag is not None and tag["end"])) and open_at:
            at = open_at.pop()
            if len(words) - at <= 4 * EMPHASIS_WORDS:  # a title's size: linear in the run
                out.append("".join(words[at:]))
        elif child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return out


def inline_text(token: object, pieces: list[str] | None = None) -> str:
    """The words of an inline run (`inline_pieces`, given when the caller has them), a hard
    break a space, soft breaks joined (`unwrapped_run`)."""
    if pieces is None:
        pieces = inline_pieces(token)
    out = [" " if p == HARD_BREAK else p for p in pieces]
    return unwrapped_run(out) if SOFT_BREAK in out else "".join(out)


def description(tag: str) -> str:
    """An HTML `<img>` tag's description (`alt`, its entities read), as `![description](src)`
    keeps its own: the same image written in HTML was only a space (hostile41 F17)."""
    from pipeline.io.markup import parse

    image = parse(tag).css_first("img")
    return (image.attributes.get("alt") or "") if image is not None else ""


SOFT_BREAK = "\x00\n"  # a line end inside a paragraph (a NUL never reaches a page's text)
HARD_BREAK = "\x00\r"  # a hard break's line end (a `<br>`)
JOIN_CONTEXT = 256  # characters each side of a soft break the join looks at: linear


def unwrapped_run(pieces: list[str]) -> str:
    """An inline run's pieces with each soft break (a line end inside a paragraph) replaced by
    what a hard wrap took there (`segment.wrapping.joiner`: "" after "d'", a word's hyphen or a
    soft hyphen, between Chinese characters; " " elsewhere), looking at a bounded context."""
    out: list[str] = []
    tail = ""  # the last JOIN_CONTEXT characters written
    for i, piece in enumerate(pieces):
        if piece == SOFT_BREAK:
            head, j = "", i + 1
            while j < len(pieces) and pieces[j] != SOFT_BREAK and len(head) < JOIN_CONTEXT:
                head += pieces[j][:JOIN_CONTEXT]
                j += 1
            piece = joiner(tail, head)
        out.append(piece)
        tail = (tail + piece[-JOIN_CONTEXT:])[-JOIN_CONTEXT:]
    return "".join(out)
