"""What a block is, by its place and its words: the document's title, a heading (and whether
its place allows one), a tagline, a facts line, or its section's kind."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from pipeline.io.segment.blocks import Block
from pipeline.io.segment.credits import is_credit
from pipeline.io.segment.facts import states_fact
from pipeline.io.segment.lines import is_sentence
from pipeline.io.segment.rules import SegmentRules

NUMBERING = re.compile(r"\A(?:\d{1,3}|[IVX]{1,5})(?:[.)]\d{0,3})*+\s++(?=\S)")


TAGLINE = re.compile(r'^(?:(?P<year>\d{4})\s+)?["“«„](?P<quote>.+)["”»“]$')
# One character, the blanks around it stripped from the fields: `\s*[|•·]\s*` retried its
# `\s*` from every position of a run of blanks (180,000 characters: minutes).
FACT_SEPARATOR = re.compile(r"[|•·]")


def heading_candidates(blocks: list[Block], after: list[Block] | None) -> list[tuple[Block, bool]]:
    """A group's blocks, each with whether its place allows a heading: alone in its group and
    heading the next group (`heads_content`), or directly above prose it is not joined to,
    at the start of its group or after a finished sentence ("Anecdotes" over a paragraph)."""
    if len(blocks) == 1:
        block = blocks[0]
        return [(block, block.role is None and heads_content(after))]
    out = []
    for i, block in enumerate(blocks):
        starts = i == 0 or is_sentence(blocks[i - 1].text)
        above_prose = i + 1 < len(blocks) and is_prose(blocks[i + 1].text)
        out.append((block, block.role is None and starts and above_prose))
    return out


def is_prose(text: str) -> bool:
    return is_sentence(text) or len(text.split()) > HEADING_HEADS_WORDS


def heads_content(group: list[Block] | None) -> bool:
    """Whether a group can be what a heading before it heads: a paragraph (a sentence, or
    longer than a heading), or a list (several lines). A single short line after a single
    short line is two lines of a list set apart (a cast list with blank lines), not a heading
    and its content."""
    if not group:
        return False
    if len(group) > 1 or group[0].role is not None:
        return True
    return is_prose(group[0].text)


HEADING_HEADS_WORDS = 6  # a line of more words than this is prose a heading may head


MARKUP_KINDS = MappingProxyType({"item": "item", "row": "row", "quote": "quote", "code": "code"})


def kind_of(role: str | None, section_kind: str) -> str:
    """A content block's kind: a row or a code line is one whatever its section; prose (a
    paragraph, list item or quotation) takes its section's kind (a list under "Reviews" is
    reviews), else its own."""
    own = MARKUP_KINDS.get(role or "", "paragraph")
    if own in ("row", "code") or section_kind == "paragraph":
        return own
    return section_kind


def is_title(rules: SegmentRules, line: str, words: list[str], role: str | None) -> bool:
    """Whether the document's first block is its title: a heading of a markup page, or a
    short line that is not a sentence."""
    return role == "heading" or (len(words) <= rules.title_max_words and not is_sentence(line))


def is_heading(
    rules: SegmentRules, line: str, words: list[str], kind: str, role: str | None, may_head: bool
) -> bool:
    """Markup says what a heading is; in a text page, a known section name is one, and so
    is a short line that is not a sentence, a credit, a fact (`states_fact`: a number with
    its label, a date, a duration, a year, a credit label and a name), a tagline or a facts
    line, alone between blank lines and heading a paragraph or a list (`may_head`): never a line
    only because it is short and capitalised (credits and cast lines are content)."""
    if role is not None:
        return role == "heading"
    written = line
    line = NUMBERING.sub("", line)  # "2. The shoot": numbering is a heading's evidence too
    words = line.split() or words
    name = line.rstrip(":").strip().lower()
    if name in rules.section_kinds:
        return True
    if kind == "review":  # short reviews ("Loved it") are content, not headings
        return False
    return (
        may_head
        and len(words) <= rules.heading_max_words
        and not is_sentence(line)
        and line[0].isupper()
        and not is_credit(line)
        and not states_fact(written)  # as written: "12 March" is a date, not "March" numbered
        and not TAGLINE.match(line)
        and not FACT_SEPARATOR.search(line)
    )


NAME_WORDS = 2  # a name a heading holds: two capitalised words at least ("X Y")


def names_someone(line: str) -> bool:
    """Whether a heading ends on a name after a lower-case word that links it ("Entretien
    avec X Y", "Interview with X Y", "Portrait de X Y"): its names are content, so the
    heading is a record as well as the section of what follows (hostile45 E25: the
    interviewee reached no record's entities). "Entretien avec la réalisatrice" names no
    one; a line in capitals shows no name by its case."""
    words = line.rstrip(":").split()
    tail = 0
    while tail < len(words) and words[-1 - tail][:1].isupper():
        tail += 1
    link = len(words) - tail - 1
    return tail >= NAME_WORDS and link >= 1 and words[link].islower()


def classify(line: str, kind: str, meta: dict[str, Any]) -> None:
    """Set `meta.kind` (and kind-specific fields) for a content line; its text is kept."""
    if tagline := TAGLINE.match(line):
        meta["kind"] = "tagline"
        if tagline["year"]:
            meta["year"] = int(tagline["year"])
        return
    fields = [f for f in (part.strip() for part in FACT_SEPARATOR.split(line)) if f]
    if (
        kind in ("paragraph", "item")
        and len(fields) >= 3
        and all(len(f.split()) <= 3 for f in fields)
    ):
        meta["kind"] = "facts"
        meta["fields"] = fields
        return
    meta["kind"] = kind
