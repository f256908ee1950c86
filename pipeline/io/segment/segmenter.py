"""Segment a document into records: one per title, tagline, facts line, paragraph, list item,
table row, quotation.

Web pages and notes mix content with furniture (ads, navigation, section headings). The rules
here are generic and driven by `models/segment.json` (boilerplate patterns, section names,
bylines); the text of a record is always the line as read (NFC), never cut:

- a line whose whole text is advertising or navigation phrases or a copyright notice is dropped
  (reason `boilerplate`, `io/segment/boilerplate.py`); a line that merely contains one is content;
- a byline ("By NAME", two to four capitalised words and nothing else) is dropped (reason
  `byline`) and NAME becomes `meta.author` of the records after it; a page whose metadata
  names its author (HTML) gives it to every record;
- the first line, if short and not a sentence (or a heading of a markup page), is the
  document's `title`;
- a heading is dropped as a record (reason `heading`) but kept as `meta.section` of the records
  under it, and a known section name ("Reviews", "Synopsis", ...) sets the `kind` of the
  records that follow. In a text page a heading is a short line that is not a sentence,
  alone between blank lines, heading a paragraph or a list (see below); in HTML and
  Markdown it is what the markup says is one, and nothing else (a short list item stays
  content);
- a year followed by a quotation is a `tagline` (`meta.year`), a line of `|`-separated short
  fields is `facts` (`meta.fields`);
- list items, table rows, quotations and code lines of markup are `item`, `row`, `quote`,
  `code`; anything else is a `paragraph` (or the section's kind: `review`, `synopsis`).
  Hard-wrapped lines of a text page are joined where a wrapper broke them, as it wrote them
  ("" or " "; every script, hyphen, elision, bracket: `io/segment/wrapping.py`), except under a
  reviews heading; list items, long credit lines and lists of long lines stay apart, and so
  do the lines of a narrow block with a break no wrapper made (a list of short lines) and the
  rows of a table laid out with blanks (`io/segment/layout.py`: kind `row`);
- credits ("Réalisation : X Y", "Directed by X Y") and cast lines are content: a heading of a
  text page is a short line alone between blank lines that heads a paragraph or a list, or a
  known section name, never a line only because it is short and capitalised, nor one that
  follows a lone short line of content (the next of a list set apart by blank lines).
- a PDF-to-text export's page number beside a form feed is dropped (reason `page-number`,
  `io/segment/pages.py`), and a sentence the page break cut goes on across it;
- blocks a page's main-content extraction left out are dropped (reason `furniture`); text a
  parser skipped (Markdown nested past its limit) fails with E012 and its line.

Nothing is lost: dropped lines come out as records with `dropped` set, for the accounting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import Code
from pipeline.io.segment.blocks import DROPPED_ROLES, Block
from pipeline.io.segment.credits import RecentCredits
from pipeline.io.segment.kinds import (
    classify,
    heading_candidates,
    is_heading,
    is_prose,
    is_title,
    kind_of,
    names_someone,
)
from pipeline.io.segment.lines import Group, as_blocks, groups
from pipeline.io.segment.pages import PAGE_NUMBER
from pipeline.io.segment.paragraphs import GroupReading, unwrapped
from pipeline.io.segment.rules import SegmentRules, default_rules
from pipeline.io.segment.wrapping import Shape, columns
from pipeline.record import Location, Record, content_record, dropped_record


@dataclass
class Segmenter:
    """Turns one document's lines into records. Usable alone: `Segmenter().segment(...)`."""

    rules: SegmentRules = field(default_factory=default_rules)

    def segment(
        self,
        lines: Iterable[tuple[int, str] | Block],
        doc_id: str,
        source: str,
        max_chars: int | None = None,
        author: str | None = None,
    ) -> Iterator[Record]:
        """Yield the records of one document, given its numbered lines (1-based) or the blocks
        of a markup page (`pipeline.io.markup`); `author` is the page's, from its metadata.
        A group of lines is read whole (its wrapped lines joined; the group after it read
        first, for whether a heading heads it), then each of its blocks gives one record."""
        document = Document(self.rules, doc_id, source, max_chars, author)
        pending = groups(as_blocks(lines), max_chars)
        current = next(pending, None)
        while current is not None:
            after = next(pending, None)
            for block, may_head in document.enter(current, after):
                yield document.record(block, may_head)
            current = after


@dataclass
class Document:
    """One document being segmented: the next record's number, whether a title may still come,
    the section it is in and that section's kind, the author a byline named, the width its
    page is wrapped at, and the group of lines being read."""

    rules: SegmentRules
    doc_id: str
    source: str
    max_chars: int | None
    author: str | None
    seq: int = 0
    first: bool = True
    kind: str = "paragraph"
    section: str | None = None
    page: Shape | None = None  # the last block wrapped by its own evidence
    # whether the last group was a lone short line of content, and the current group
    # comes after one: a short line after one is the next of a list set apart by blank
    # lines ("Country France" / "Language French", a review "Meh"), never its heading
    lone: bool = False
    in_run: bool = False
    dropped_ids: dict[int, int] = field(default_factory=dict)  # a line → its blocks dropped
    # whether the last group ended on a credit line, and the current group stands beside one
    # (that one's last line, or the next group's first): "Écrit par X" alone between credits
    # set apart by blank lines is a credit, no byline (hostile45 E4)
    ended_on_credit: bool = False
    beside_credits: bool = False
    credit: RecentCredits = field(default_factory=RecentCredits)
    group: GroupReading = field(init=False)

    def enter(self, current: Group, after: Group | None) -> list[tuple[Block, bool]]:
        """The group's blocks, its hard-wrapped lines joined (`unwrapped`), each with whether
        its place allows a heading (`heading_candidates`), then the page numbers inside it."""
        self.in_run, self.lone = self.lone, False
        lines = current.blocks
        shape = Shape.of(
            [block.text for block in lines], [columns(b.text) for b in lines], self.page
        )
        self.group = GroupReading(self.rules, self.kind, lines, shape, self.credit)
        self.beside_credits = self.ended_on_credit or bool(
            after and after.blocks and self.credit(after.blocks[0].text)
        )
        self.ended_on_credit = bool(lines) and self.credit(lines[-1].text)
        rows = current.rows()
        if shape.measured and not any(rows):  # a table's width is no page's
            self.page = shape  # the width the page is wrapped at, for its shorter blocks
        paragraphs = unwrapped(current, self.group.wrapped, self.max_chars, shape, rows)
        blocks = heading_candidates(paragraphs, after.blocks if after else None)
        blocks.extend((block, False) for block in current.furniture)
        return blocks

    def record(self, block: Block, may_head: bool) -> Record:
        """The block's one record: set aside (`set_aside`), a heading, or content."""
        aside = self.set_aside(block)
        if aside is not None:
            return aside
        line, role = block.text, block.role
        words = line.split()
        section = self.rules.section_name(line)  # "Biographie" opens a section, titles nothing
        title = (
            self.first
            and not section
            and role in (None, "heading")
            and is_title(self.rules, line, words, role)
        )
        if not title and is_heading(
            self.rules, line, words, self.kind, role, may_head and not self.in_run
        ):
            self.first = self.first and not section
            # a section name over a lone short line ("Biographie" / "X Y" / the text): that
            # line is the section's first line of content (its subject), no heading of its own
            self.lone = section and not may_head
            if names_someone(line):
                return self.named_heading(block)
            return self.heading(block)
        self.first = False
        return self.content(block, title)

    def set_aside(self, block: Block) -> Record | None:
        """A block that is no content, dropped with its reason (its markup's role, a page
        number, boilerplate, a byline: its name the author of the records after it), or
        text a parser skipped, failed (E012); None for content and headings."""
        role = block.role
        if role == "lost":
            record = self.dropped(block, "lost")
            record.dropped = None
            record.fail("read", Code.PARSER_LIMIT.value, Code.PARSER_LIMIT.message())
            return record
        if role in DROPPED_ROLES or role == PAGE_NUMBER:
            return self.dropped(block, role)
        if self.rules.boilerplate.matches(block.text):
            return self.dropped(block, "boilerplate")
        if (
            role in (None, "paragraph")
            and (name := self.rules.author_of(block.text))
            and not self.group.in_credits()
            and not (self.beside_credits and self.credit(block.text))
        ):
            self.author = name
            return self.dropped(block, "byline")
        return None

    def heading(self, block: Block) -> Record:
        """A heading, dropped: its name is the section of the records under it."""
        self.enter_section(block)
        return self.dropped(block, "heading")

    def enter_section(self, block: Block) -> None:
        """A heading's name is the section of the records under it, and a known section name
        ("Reviews") sets their kind."""
        self.section = block.text.rstrip(":").strip()
        self.kind = self.rules.section_kinds.get(self.section.lower(), "paragraph")

    def named_heading(self, block: Block) -> Record:
        """A heading that names someone ("Entretien avec X Y"): a record of kind `heading`,
        so its names reach the entities, and the section of the records under it."""
        record = self.content(block, False)
        record.meta["kind"] = "heading"
        self.enter_section(block)
        return record

    def content(self, block: Block, title: bool) -> Record:
        """A record of content: its kind (the title, a tagline, facts, its section's), the
        author and section it is under, its line."""
        line = block.text
        meta: dict[str, Any] = {}
        if title:
            meta["kind"] = "title"
        else:
            classify(line, kind_of(block.role, self.kind), meta)
        if self.author is not None and meta["kind"] != "title":
            meta["author"] = self.author
        if self.section is not None:
            meta["section"] = self.section
        meta["line"] = block.number
        if block.emphasis:
            meta["emphasis"] = list(block.emphasis)
        record = content_record(
            self.doc_id, self.seq, line, meta, Location(self.source, block.number)
        )
        self.seq += 1
        # a lone short line of content: one of a list set apart by blank lines
        self.lone = len(self.group.lines) == 1 and meta["kind"] != "title" and not is_prose(line)
        return record

    def dropped(self, block: Block, reason: str) -> Record:
        """The block as a dropped record. Two blocks of one line (Markdown table cells...):
        `.2`, `.3`, ... counted per line, not searched again from `.2` for each (quadratic in
        a line's cells)."""
        n = self.dropped_ids.get(block.number, 0) + 1
        self.dropped_ids[block.number] = n
        location = Location(self.source, block.number)
        return dropped_record(self.doc_id, block.text, reason, location, nth=n)
