"""A text page's lines, normalised, in blank-line separated groups (a block of markup is a
group of its own): what the segmenter reads a group at a time (`segmenter.Document.enter`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pipeline.io.segment.blocks import Block
from pipeline.io.segment.layout import Spacing, spacing, table_rows
from pipeline.io.segment.pages import PAGE_GAP, PAGE_NUMBER, paged
from pipeline.io.segment.wrapping import columns, ends_sentence

SENTENCE_END = tuple('.!?;…"»”)。！？．」』）')


def normalise(line: str) -> str:
    """NFC-normalise and trim a line (byte-order marks too); inner whitespace is kept."""
    return unicodedata.normalize("NFC", line).strip().strip("\ufeff").strip()


def verbatim(line: str) -> str:
    """A code line NFC-normalised, its indentation kept (nesting is what code says: a
    Python block, a YAML map); only its trailing blanks trimmed, "" for a blank line."""
    line = unicodedata.normalize("NFC", line).strip("\ufeff").rstrip()
    return line if line.strip() else ""


def is_sentence(line: str) -> bool:
    """A line that ends as a sentence does, in any script ("।", "؟", "။"...), or on a closing
    quote or bracket: no title or heading (where lines join, `ends_sentence` alone counts)."""
    return line.endswith(SENTENCE_END) or ends_sentence(line)


def as_blocks(lines: Iterable[tuple[int, str] | Block]) -> Iterator[Block]:
    """Numbered lines of a text page, or the blocks of a markup page, as blocks."""
    for line in lines:
        yield line if isinstance(line, Block) else Block(line[0], line[1])


@dataclass
class Group:
    """Blank-line separated lines of a text page (normalised), or one block of markup; and,
    for each line, whether it ended on a blank before it was trimmed (a Thai phrase ends on
    one: the join keeps it)."""

    blocks: list[Block]
    blanks: list[bool]
    furniture: list[Block] = field(default_factory=list)  # page numbers inside it
    # each line's blanks as read (indentation, gaps: `layout`), for a table's rows
    spacings: list[Spacing] = field(default_factory=list)

    def rows(self) -> list[bool]:
        """Which of its lines are rows of a table laid out with blanks (`layout`)."""
        if len(self.spacings) != len(self.blocks):
            return [False] * len(self.blocks)
        return table_rows(self.spacings)


def groups(blocks: Iterable[Block], max_chars: int | None = None) -> Iterator[Group]:
    """A text page's lines in blank-line separated groups (a block of markup is a group of
    its own). A group stops growing at `max_chars` (memory stays bounded). A page break
    (`pages.paged`) inside a sentence is no group's end: its page number is the group's
    furniture, its blank lines are passed over."""
    group = Group([], [])
    size = 0
    for block in paged(blocks):
        if block.role == PAGE_GAP:
            if group.blocks and not is_sentence(group.blocks[-1].text):
                continue
            block = block._replace(role=None)
        line = verbatim(block.text) if block.role == "code" else normalise(block.text)
        if block.role == PAGE_NUMBER and group.blocks:
            group.furniture.append(Block(block.number, line, PAGE_NUMBER))
            continue
        if block.role is not None or not line:
            if group.blocks:
                yield group
                group, size = Group([], []), 0
            if line:
                yield Group([block._replace(text=line)], [False])
            continue
        if len(group.blocks) == 1 and underlines(group.blocks[0].text, line):
            # "Notes\n=====": a heading by its markup, its rule no text of its own
            title = group.blocks[0]
            yield Group([Block(title.number, title.text, "heading")], [False])
            yield Group([Block(block.number, line, "markup")], [False])
            group, size = Group([], []), 0
            continue
        if group.blocks and max_chars is not None and size + 1 + len(line) > max_chars:
            yield group
            group, size = Group([], []), 0
        group.blocks.append(Block(block.number, line))
        group.blanks.append(block.text[-1:].isspace())
        group.spacings.append(spacing(block.text))
        size += 1 + len(line)
    if group.blocks:
        yield group


RULE = re.compile(r"([=~*#_-])\1{2,}+")


def underlines(title: str, line: str) -> bool:
    """Whether `line` is a rule under `title` that makes it a heading (as Setext and
    reStructuredText write one): one character of `=-~*#_` repeated, at least half as wide as
    a short title that is not a sentence."""
    return (
        RULE.fullmatch(line) is not None
        and 2 * len(line) >= columns(title)
        and len(title.split()) <= HEADING_RULE_WORDS
        and not is_sentence(title)
    )


HEADING_RULE_WORDS = 12
