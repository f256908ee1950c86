"""Front matter: the metadata block at the very top of a Markdown file, as static-site
generators write it: YAML between `---` lines (closed by `---` or `...`: Jekyll, Hugo, Pandoc,
MkDocs, Obsidian), TOML between `+++` lines (Hugo), JSON `{...}` (Hugo and others).

A block is front matter only when its format's own parser (PyYAML, tomllib, json) reads it as
a mapping; anything else is ordinary Markdown. An opening `---` followed by a blank line is a
thematic break (Pandoc's rule: prose after a rule may read as a mapping, `Note: a sentence.`);
a block that opens with its first key, as generators write it, is read. The block was taken
line by line before: a document opening with a thematic break `---` lost every paragraph up
to the next `---` (dropped as markup), a TOML block became a paragraph of its keys, a folded
YAML title became the record `>-` with its words dropped, quotes, escapes and comments stayed
in titles.

Its `title` (a scalar: folded, literal, quoted, escaped, a number as written) is the page's
title block, at the line of its first word; a title that is a mapping or a list is no title.
Its `author` (or `authors`) is the page's author: a list of names is written joined by "; "
(as trafilatura writes a page's several authors), a mapping gives its `name`; a list inside
the list names no one (YAML aliases of nested lists are a "billion laughs"). Every other
non-blank line of the block, the fences included, is dropped as `markup` with its line; the
lines a multi-line title spans are its record's."""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import tomllib
import yaml

from pipeline.io.markdown import words_of
from pipeline.io.segment.blocks import Block

# what a block's parser is given at most, when the reader gives no bound (the page bound,
# `--max-page-bytes`, as for a Markdown block: `readers.markdown`)
FRONT_CHARS = 1 << 23
AUTHORS_JOINED = "; "  # several authors in one `meta.author`, as trafilatura joins them

# libyaml rejects nesting over 1,000 levels in microseconds; pure-Python PyYAML recursed for
# 6 s on 2,000 `[` before its RecursionError: without libyaml, a deeply nested block is no
# front matter
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", None)
PURE_YAML_DEPTH = 64
NULL = "tag:yaml.org,2002:null"

Numbered = tuple[int, str | None]


@dataclass
class FrontMatter:
    """The front matter's blocks (its title as a `heading`, its other lines as `markup`)
    and the author it names."""

    blocks: Iterable[Block] = field(default_factory=list)
    author: str | None = None
    # a JSON block's keys written more than once (as read: lower case), each with the line of
    # its later value: the last value is read, as JSON parsers read it (W014)
    repeated: tuple[tuple[str, int], ...] = ()
    cut: int | None = None  # a block past the bound: the line its parser was not given from


@dataclass(frozen=True)
class Fields:
    """What a parsed block names: the title, the lines of the block's content (0-based) its
    value spans, and the author."""

    title: str | None = None
    title_lines: range = range(0)
    author: str | None = None
    repeated: tuple[tuple[str, int], ...] = ()  # (key, 0-based line of the block) (`FrontMatter`)


def front_matter(
    lines: Iterable[Numbered], bound: int = FRONT_CHARS
) -> tuple[FrontMatter, Iterator[Numbered]]:
    """The file's front matter, if it opens with one, and the lines after it (all of them,
    from the first, when it does not). Its parser is given at most `bound` characters: a
    YAML or TOML block past them whose first `bound` characters read as a mapping is front
    matter still (its title and author from them, `cut` the first line not read), its lines
    up to its closing fence streamed as `markup`; a block of 200 lines (a site's tags) was
    read as Markdown, its keys and tags records, the page without its title (hostile42 H21)."""
    stream = iter(lines)
    head: list[Numbered] = list(itertools.islice(stream, 1))
    opening = (unbommed(head[0][1]) or "").rstrip() if head else ""
    style = "yaml" if opening == "---" else "toml" if opening == "+++" else ""
    style = "json" if opening.startswith("{") else style
    depth = json_depth(opening, 0) if style == "json" else None
    if not style or (style == "json" and depth is None):
        return FrontMatter(), itertools.chain(head, stream)
    size = len(opening)
    found: Fields | None = None
    over = size > bound
    while not over and depth != 0:
        line = next(stream, None)
        if line is None or line[1] is None:
            head += [line] if line is not None else []
            break
        head.append(line)
        size += len(line[1]) + 1
        if style == "json":
            depth = json_depth(line[1], depth)
            if depth is None:
                break
        elif style == "yaml" and len(head) == 2 and not line[1].strip():
            break  # Pandoc's rule: `---` then a blank line is a thematic break, never YAML
        elif line[1].rstrip() in CLOSINGS[style]:
            found = parsed(style, [text or "" for _, text in head[1:-1]])
            break
        over = size > bound
    if over and style in CLOSINGS and len(head) > 2:  # its parser given what fits the bound
        found = parsed(style, [text or "" for _, text in head[1:-1]])
        if found is not None:
            tail, rest = rest_of_block(stream, style)
            blocks = itertools.chain(blocks_of(head, found, style), tail)
            repeated = tuple((key, head[line][0]) for key, line in found.repeated)
            return FrontMatter(blocks, found.author, repeated, cut=head[-1][0]), rest
    elif depth == 0 and not over:
        found = json_block(head)
    if found is None:
        return FrontMatter(), itertools.chain(head, stream)
    repeated = tuple((key, head[line][0]) for key, line in found.repeated)
    return FrontMatter(blocks_of(head, found, style), found.author, repeated), stream


def rest_of_block(
    stream: Iterator[Numbered], style: str
) -> tuple[Iterator[Block], Iterator[Numbered]]:
    """The lines of a block past the bound, up to its closing fence, as `markup` blocks (one
    at a time, never held), and the lines after it (the block's first, if not yet read). A
    line over the reader's bound (None) ends the block: Markdown reports it."""
    given_back: list[Numbered] = []

    def tail() -> Iterator[Block]:
        for number, text in stream:
            if text is None:
                given_back.append((number, text))
                return
            if stripped := (unbommed(text) or "").strip():
                yield Block(number, stripped, "markup")
            if text.rstrip() in CLOSINGS[style]:
                return

    blocks = tail()

    def after() -> Iterator[Numbered]:
        for _ in blocks:  # (a caller that reads the lines after it first)
            pass
        yield from given_back
        yield from stream

    return blocks, after()


CLOSINGS = MappingProxyType({"yaml": ("---", "..."), "toml": ("+++",)})


def unbommed(text: str | None) -> str | None:
    return text.lstrip("\ufeff") if text else text


def parsed(style: str, content: list[str]) -> Fields | None:
    """The fields of a block's content (the lines between its fences), or None when its
    format does not read it as a mapping."""
    return yaml_fields(content) if style == "yaml" else toml_fields(content)


def blocks_of(head: list[Numbered], found: Fields, style: str) -> list[Block]:
    """Every non-blank line of the block as `markup`, but the lines the title spans: the
    first holding its first word is the title's `heading` block."""
    first = 0 if style == "json" else 1  # a JSON block's first line is its content's
    spanned = range(found.title_lines.start + first, found.title_lines.stop + first)
    title_at = None
    if found.title and found.title.split() and spanned:
        word = found.title.split()[0]
        title_at = next((i for i in spanned if word in (head[i][1] or "")), spanned.start)
    blocks = []
    for i, (number, text) in enumerate(head):
        if i == title_at and found.title:
            blocks.append(Block(number, found.title, "heading"))
        elif i not in spanned and (text := (unbommed(text) or "").strip()):
            blocks.append(Block(number, text, "markup"))
    return blocks


def words(value: str) -> str | None:
    """A value as a title or a name, as a Markdown heading's words are read (blanks, a
    literal scalar's line ends among them, one space); None when nothing is left."""
    return words_of(value) or None


# --- YAML


def yaml_fields(content: list[str]) -> Fields | None:
    text = "\n".join(content)
    if YAML_LOADER is None and nesting(text) > PURE_YAML_DEPTH:
        return None
    try:
        root = yaml.compose(text, Loader=YAML_LOADER or yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if root is None:  # blank lines and comments only: an empty mapping
        return Fields()
    if not isinstance(root, yaml.MappingNode):
        return None
    keys = {k.value.lower(): (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    title, span = None, range(0)
    if "title" in keys:
        key, value = keys["title"]
        title = yaml_scalar(value)
        end = value.end_mark.line + (1 if value.end_mark.column else 0)
        span = range(key.start_mark.line, max(end, key.start_mark.line + 1)) if title else span
    author = keys.get("author") or keys.get("authors")
    return Fields(title, span, yaml_author(author[1]) if author else None)


def yaml_scalar(node: Any) -> str | None:
    """A scalar's text as its writer wrote it (quotes, escapes, folding read; `1917` or
    `yes` as typed, not a number or a boolean); None for a null or a collection."""
    if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
        return words(node.value)
    return None


def yaml_author(node: Any, in_list: bool = False) -> str | None:
    """A name, a mapping's `name`, or a list of those; a list inside the list is no author:
    through YAML aliases, nested lists name 9^9 authors in 600 bytes (hostile42 H17), where a
    flat list costs what the file spells out."""
    if isinstance(node, yaml.MappingNode):
        names = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "name"]
        return yaml_scalar(names[-1]) if names else None
    if isinstance(node, yaml.SequenceNode):
        return None if in_list else joined(yaml_author(item, True) for item in node.value)
    return yaml_scalar(node)


def nesting(text: str) -> int:
    """An upper bound on a YAML text's nesting (brackets opened, block indentation)."""
    depth = deepest = 0
    for char in text:
        depth += (char in "[{") - (char in "]}")
        deepest = max(deepest, depth)
    indent = max((len(line) - len(line.lstrip(" -")) for line in text.split("\n")), default=0)
    return max(deepest, indent // 2)


def joined(names: Iterable[str | None]) -> str | None:
    return AUTHORS_JOINED.join(n for n in names if n) or None


# --- TOML


def toml_fields(content: list[str]) -> Fields | None:
    try:
        table = tomllib.loads("\n".join(content), parse_float=str)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    title = plain(table_get(table, "title"))
    author = table_get(table, "author")
    author = table_get(table, "authors") if author is None else author
    return Fields(title, toml_span(content) if title else range(0), plain_author(author))


def table_get(table: dict[str, Any], key: str) -> Any:
    """A top-level key, whatever its case (Hugo's keys are case-insensitive)."""
    return next((v for k, v in table.items() if k.lower() == key), None)


def plain(value: Any) -> str | None:
    """A JSON or TOML value as a title or name: a string, or a number as written; no
    boolean, date, table or array."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return words(str(value))


def plain_author(value: Any, in_list: bool = False) -> str | None:
    """As `yaml_author`, for TOML and JSON values."""
    if isinstance(value, dict):
        return plain(table_get(value, "name"))
    if isinstance(value, list):
        return None if in_list else joined(plain_author(item, True) for item in value)
    return plain(value)


def toml_span(content: list[str]) -> range:
    """The lines of a top-level `title = ...` (to the end of a multi-line string)."""
    for i, line in enumerate(content):
        stripped = line.strip()
        if stripped.startswith("["):
            break  # a table: keys after it are not top-level
        key, equals, value = stripped.partition("=")
        if not equals or key.strip().strip("\"'").lower() != "title":
            continue
        value = value.strip()
        quote = value[:3] if value[:3] in ('"""', "'''") else ""
        if not quote or quote in value[3:]:
            return range(i, i + 1)
        end = next((j for j in range(i + 1, len(content)) if quote in content[j]), i)
        return range(i, end + 1)
    return range(0)


# --- JSON


# what changes a JSON text's nesting: brackets, and the quotes and backslashes of strings
JSON_MARKS = re.compile(r'[\[\]{}"\\]')


def json_depth(line: str, depth: int | None) -> int | None:
    """How deep in brackets a JSON text is after `line`, from `depth` before it: 0 once the
    object closes (where the parser is asked, once: a block read again at every line ending
    in `}` took 4.4 s for 200 lines, quadratic); None when the line leaves a string open
    (JSON strings never span lines) or the object never opened."""
    if depth is None:
        return None
    in_string, escaped = False, -1
    for mark in JSON_MARKS.finditer(line):
        at, char = mark.start(), mark[0]
        if at == escaped:
            continue
        if in_string:
            escaped = at + 1 if char == "\\" else escaped
            in_string = char != '"'
        elif char == '"':
            in_string = True
        else:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth <= 0:
                return 0
    return None if in_string else depth


def json_block(head: list[Numbered]) -> Fields | None:
    """The fields of the JSON object the lines of `head` hold, if it ends at their end."""
    lines = [unbommed(text) or "" for _, text in head]
    text = "\n".join(lines)
    try:
        pairs, end = json_pairs(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if text[end:].strip():
        return None
    values: dict[str, tuple[Any, int, int]] = {}  # the last value of a key, as json reads it
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    repeated = []
    for key, value, start, stop in pairs:
        if key.lower() in values:
            repeated.append((key.lower(), bisect_right(starts, start) - 1))
        values[key.lower()] = (value, start, stop)
    title, span = None, range(0)
    if "title" in values:
        value, start, stop = values["title"]
        title = plain(value)
        first, last = bisect_right(starts, start) - 1, bisect_right(starts, stop - 1) - 1
        span = range(first, last + 1) if title else span
    author = values.get("author") or values.get("authors")
    return Fields(title, span, plain_author(author[0]) if author else None, tuple(repeated))


DECODER = json.JSONDecoder(parse_float=str, parse_int=str)


def json_pairs(text: str) -> tuple[list[tuple[str, Any, int, int]], int]:
    """The top-level members of the JSON object `text` opens with (key, value, where the
    value starts and ends; numbers as written), the last of a repeated key last, and where
    the object ends."""
    pairs: list[tuple[str, Any, int, int]] = []
    pos = skip(text, 1)
    if text[pos : pos + 1] == "}":
        return pairs, pos + 1
    while True:
        if text[pos : pos + 1] != '"':
            raise json.JSONDecodeError("expecting a key", text, pos)
        key, pos = json.decoder.scanstring(text, pos + 1)  # type: ignore[attr-defined]
        pos = skip(text, pos)
        if text[pos : pos + 1] != ":":
            raise json.JSONDecodeError("expecting ':'", text, pos)
        start = skip(text, pos + 1)
        value, pos = DECODER.raw_decode(text, start)
        pairs.append((key, value, start, pos))
        pos = skip(text, pos)
        if text[pos : pos + 1] == "}":
            return pairs, pos + 1
        if text[pos : pos + 1] != ",":
            raise json.JSONDecodeError("expecting ',' or '}'", text, pos)
        pos = skip(text, pos + 1)


def skip(text: str, pos: int) -> int:
    """The first position at or after `pos` that is not JSON whitespace."""
    while pos < len(text) and text[pos] in " \t\n\r":
        pos += 1
    return pos
