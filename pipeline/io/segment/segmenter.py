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

import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

from pipeline.errors import Code
from pipeline.io.segment.blocks import DROPPED_ROLES, Block
from pipeline.io.segment.boilerplate import Boilerplate
from pipeline.io.segment.layout import Spacing, spacing, table_rows
from pipeline.io.segment.pages import PAGE_GAP, PAGE_NUMBER, paged
from pipeline.io.segment.wrapping import (
    ROLE_LINKS,
    WRAPPED_MIN_COLUMNS,
    Shape,
    columns,
    continues,
    credit_start,
    ends_sentence,
    joined,
    list_marker,
    uncased,
    visible,
)
from pipeline.record import Location, Record
from pipeline.resources import load_json

NUMBERING = re.compile(r"\A(?:\d{1,3}|[IVX]{1,5})(?:[.)]\d{0,3})*+\s++(?=\S)")
SENTENCE_END = tuple('.!?;…"»”)。！？．」』）')


TAGLINE = re.compile(r'^(?:(?P<year>\d{4})\s+)?["“«„](?P<quote>.+)["”»“]$')
# One character, the blanks around it stripped from the fields: `\s*[|•·]\s*` retried its
# `\s*` from every position of a run of blanks (180,000 characters: minutes).
FACT_SEPARATOR = re.compile(r"[|•·]")
BYLINE_MIN_WORDS = 2
BYLINE_MAX_WORDS = 4
# "By" and four words: a longer line is no byline, and never reaches the model's patterns (which
# a user edits: one that backtracks must not cost a long line minutes).
BYLINE_MAX_CHARS = 200


LIST_LINES = 3  # a list of short lines shows itself in this many lines, not fewer


@dataclass(frozen=True)
class SegmentRules:
    """The data-driven rules of `models/segment.json`, compiled once."""

    boilerplate: Boilerplate
    section_kinds: dict[str, str]
    heading_max_words: int
    title_max_words: int
    byline: re.Pattern[str]
    open_ends: frozenset[str]

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> SegmentRules:
        kinds = {name: kind for kind, names in config["sections"].items() for name in names}
        return cls(
            boilerplate=Boilerplate.from_phrases(config["boilerplate"]),
            section_kinds=kinds,
            heading_max_words=int(config["heading_max_words"]),
            title_max_words=int(config["title_max_words"]),
            byline=re.compile("|".join(f"(?:{p})" for p in config["bylines"]), re.IGNORECASE),
            open_ends=frozenset(config["open_ends"]),
        )

    def open_ended(self, line: str) -> bool:
        """Whether `line` stops where no line of text ends: on a comma, an elided article
        ("d'", "l’") or a lower-case article, preposition or conjunction ("sous la direction
        de"): the next line goes on with it, whatever that line starts with."""
        if line.endswith((",", "'", "’")):
            return True
        words = line.rsplit(maxsplit=2)
        # after a word or a comma: "PG-13| en" ends a list of facts with a language code
        return (
            len(words) >= 2
            and words[-1] in self.open_ends
            and (words[-2][-1].isalnum() or words[-2].endswith(","))
        )

    def author_of(self, line: str) -> str | None:
        """The name a byline gives ("By Jane Doe"), or None: a person's name, two to four
        capitalised words (a given name and a family name at least) and none a function
        word, and nothing else on the line. One word names no one by itself: "By Train",
        "By Night" are headings (hostile41 F10: they made authors "Train" and "Car")."""
        if len(line) > BYLINE_MAX_CHARS:
            return None
        match = self.byline.fullmatch(line)
        if match is None:
            return None
        name = match["author"].strip()
        words = name.split()
        if not BYLINE_MIN_WORDS <= len(words) <= BYLINE_MAX_WORDS or is_sentence(name):
            return None
        if any(w.lower() in self.open_ends for w in words):
            return None  # "By The Sea", "By Car and Bus": function words name no one
        return name if all(w[0].isupper() for w in words if w[0].isalpha()) else None


@cache
def default_rules() -> SegmentRules:
    return SegmentRules.from_config(load_json("segment.json"))


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
                yield Group([Block(block.number, line, block.role)], [False])
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
NAME_WORDS = 3  # a line of this many capitalised words or fewer may be a name of a list
SENTENCE_BLOCK_SHARE = 0.5  # a hand-wrapped line fills half its block's width at least


def sentence_block(lines: list[str], shape: Shape) -> bool:
    """Whether a block's lines are one paragraph by what they say: only its last line ends a
    sentence, every other line holds a lower-case word (or more words than a name: German
    capitalises its nouns) and fills half the block's width at
    least (`WRAPPED_MIN_COLUMNS` wide), no line is a list item or a credit. A list's items
    do not end on a full stop but the last ("Tom Hanks" / "Meg Ryan"), or each end on one;
    a line that does not end a sentence goes on, whatever the next starts with (a name)."""
    if len(lines) < 2 or shape.columns < WRAPPED_MIN_COLUMNS or not is_sentence(lines[-1]):
        return False
    names = [name_shaped(line) for line in lines]
    for i, line in enumerate(lines):
        if list_marker(line) is not None or is_credit(line):
            return False
        if i < len(lines) - 1 and (
            is_sentence(line)
            or columns(line) < SENTENCE_BLOCK_SHARE * shape.columns
            or (names[i] and not inside_prose(lines, names, i, shape))
        ):
            return False
    return True


def name_shaped(line: str) -> bool:
    """A line that may be a name of a list: `NAME_WORDS` capitalised words or fewer."""
    words = line.split()
    return len(words) <= NAME_WORDS and not any(w[:1].islower() for w in words)


def inside_prose(lines: list[str], names: list[bool], i: int, shape: Shape) -> bool:
    """Whether a name-shaped line is a hand-wrapped line of prose all the same: a language
    that capitalises its nouns (German) fills a line with a few of them. It fills its block
    as a wrapped line does (`WRAP_SHARE`), goes on from a line of prose and is followed by
    none like it but the sentence's last line: a list's names come in runs."""
    return (
        i > 0
        and not names[i - 1]
        and (not names[i + 1] or i + 1 == len(lines) - 1)  # the last: its sentence's end
        and columns(lines[i]) >= WRAP_SHARE * shape.columns
    )


WRAP_WIDTH = 40  # a hard-wrapped block has lines this long at least
WRAP_SHARE = 0.6  # a wrapped line fills this share of its block's longest line at least


def unwrapped(
    group: Group,
    wrapped: Callable[[str, str, Shape, int, bool], bool],
    max_chars: int | None = None,
    shape: Shape | None = None,
    rows: list[bool] | None = None,
) -> list[Block]:
    """The group's lines, those a hard wrap cut (`wrapped(line, next line, the block's shape,
    the line's width in columns, whether the line went on from the one before it)`) joined
    into paragraphs as written (`joined`), each at most `max_chars` long (joined once:
    linear); a row of a table laid out with blanks (`rows`, `Group.rows`) is a block of its
    own, role "row". `shape`: the group's, when the caller has it."""
    blocks = group.blocks
    widths = [columns(block.text) for block in blocks]
    if shape is None:
        shape = Shape.of([block.text for block in blocks], widths)
    if rows is None:
        rows = group.rows()
    # first block, its lines, whether each ended on a blank, their size
    paragraphs: list[tuple[Block, list[str], list[bool], int]] = []
    previous, previous_width = "", 0
    for block, blank, line_width, row in zip(blocks, group.blanks, widths, rows, strict=True):
        line = block.text
        if row and block.role is None:
            block = block._replace(role="row")
        elif paragraphs:
            first, lines, blanks, size = paragraphs[-1]
            room = max_chars is None or size + 1 + len(line) <= max_chars
            inside = len(lines) > 1
            if (
                first.role is None
                and room
                and wrapped(previous, line, shape, previous_width, inside)
            ):
                lines.append(line)
                blanks.append(blank)
                paragraphs[-1] = (first, lines, blanks, size + 1 + len(line))
                previous, previous_width = line, line_width
                continue
        paragraphs.append((block, [line], [blank], len(line)))
        previous, previous_width = line, line_width
    return [
        first if len(lines) == 1 else Block(first.number, joined(lines, blanks), first.role)
        for first, lines, blanks, _ in paragraphs
    ]


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


CREDIT_MAX_WORDS = 8  # a role and one or two names; a longer line is prose
# the word a role ends on before its name: "by", "par", "de", "von"...; "with", "avec" alone
# ("Avec X Y"), not after other words ("Entretien avec X Y" is a heading, "… harbour with X Y"
# a paragraph's line)
CREDIT_LINKS = ROLE_LINKS | frozenset(("per", "van", "of", "du", "del", "do"))
WITH = frozenset(("with", "avec", "mit", "con", "com", "amb", "met", "With", "Avec", "Mit",
                  "Con", "Com", "Amb", "Met"))  # fmt: skip
CREDIT_ROLE_WORDS = 4  # "Directed by", "Avec la participation de": a role's words at most
# a label and its value set apart by a tab or a wide gap ("Image\tX Y", "MUSIQUE    X Y")
FIELD_GAP = re.compile(r"\S(?:\t|[ \u00a0]{3})\s*+(?=\S)")  # possessive: linear on any run


def is_credit(line: str) -> bool:
    """A role and a name, in a short line: text on both sides of a colon ("Musique : X Y"),
    a label and a value apart by a tab or a wide gap ("Image\tX Y"), or a capitalised role of
    one to four words ending on a lower-case one, then a name of two capitalised words or
    more after a word that links a role to a name ("Directed by X Y", "Musique originale de
    X Y", "Avec X Y"). A line of a paragraph that ends on
    a name after five words or more ("… with the crew in Jane Morrow") is no credit, nor one
    that starts in lower case. A heading names a part of the document, not a person in a
    role."""
    if len(line.split()) > CREDIT_MAX_WORDS:
        return False
    head, colon, rest = line.partition(":")
    if colon and head.strip() and rest.strip()[:1].isupper():
        return True
    if FIELD_GAP.search(line.strip()):
        return True
    words = line.split()
    tail = 0
    while tail < len(words) and words[len(words) - 1 - tail][:1].isupper():
        tail += 1
    role = len(words) - tail
    return (
        tail >= 2
        and 1 <= role <= CREDIT_ROLE_WORDS
        and (words[role - 1] in CREDIT_LINKS or (role == 1 and words[0] in WITH))
        and words[0][:1].isupper()
    )


def credits_block(group: list[Block], share: bool = False) -> bool:
    """A block of two credit lines or more: "Written by X" there is a credit, no byline.
    `share` (a wrapped block, whose lines may end on a name after a lower-case word): half
    its lines at least, each starting with a capital as a credit does ("Music by X Y")."""
    if not share:
        return sum(1 for block in group if is_credit(block.text)) >= 2
    count = sum(1 for b in group if b.text[:1].isupper() and is_credit(b.text))
    return count >= 2 and 2 * count >= len(group)


def as_blocks(lines: Iterable[tuple[int, str] | Block]) -> Iterator[Block]:
    """Numbered lines of a text page, or the blocks of a markup page, as blocks."""
    for line in lines:
        yield line if isinstance(line, Block) else Block(line[0], line[1])


MARKUP_KINDS = {"item": "item", "row": "row", "quote": "quote", "code": "code"}


def kind_of(role: str | None, section_kind: str) -> str:
    """A content block's kind: a row or a code line is one whatever its section; prose (a
    paragraph, list item or quotation) takes its section's kind (a list under "Reviews" is
    reviews), else its own."""
    own = MARKUP_KINDS.get(role or "", "paragraph")
    if own in ("row", "code") or section_kind == "paragraph":
        return own
    return section_kind


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
        of a markup page (`pipeline.io.markup`); `author` is the page's, from its metadata."""
        seq = 0
        first = True
        kind = "paragraph"
        section: str | None = None
        dropped_ids: dict[int, int] = {}  # a line → how many of its blocks were dropped

        def wrapped(
            previous: str, line: str, shape: Shape, previous_width: int, inside: bool
        ) -> bool:
            """A line cut by a hard wrap (`pipeline.io.segment.wrapping`): not after a sentence
            end nor before a list item; after a line that stops where no line ends (a comma,
            a hyphen, an elided article, `SegmentRules.open_ended`'s words); else before a
            lower-case start where no break shows a list of short lines (`inside`: `previous`
            went on from the line before it), or after a line that fills its block when the
            next one's first word could not fit on it (a wrapped block's lines are long,
            whatever the next one starts with: a name, a title) and the block is no list (a
            table's rows never reach here: `layout`); a credit line, or a line
            that starts as a credit after another ("Image : X, Y and Z of …"), is a line of
            its own. Never under a reviews heading, where each line is one review."""
            previous, line = visible(previous), visible(line)
            if kind == "review" or not (previous and line) or self._section_name(previous):
                return False  # a known section name heads what follows, never begins it
            goes_on = continues(previous, line)  # False after a sentence end
            if goes_on is None:
                goes_on = self.rules.open_ended(previous) or None
            marker = list_marker(line)
            if marker is not None and not (
                marker in ("number", "letter") and goes_on and previous[-1].isalpha()
            ):
                return False  # "- item", "a) item"; "im" / "12. Jahrhundert" goes on
            if (shape.wrapped or one_sentence()) and not (
                credit_start(previous) and credit_start(line)
            ):
                # every break of the block is a wrap: "… before dawn." / "He checks…",
                # "… praised by Ana Ruiz" / "for its…" (a credit's shape inside a paragraph)
                return not in_credits()
            if goes_on is not None:
                return goes_on  # "… et" / "Paul Ferrand": one credit, too; "every-" / "one"
            if credit(previous) or credit(line) or (credit_start(previous) and credit_start(line)):
                return False
            fills = shape.columns >= WRAP_WIDTH and previous_width >= WRAP_SHARE * shape.columns
            if line[0].islower():
                # a lower-case start goes on where a wrapper broke or a hand did (the line
                # fills a wide block, or went on from its own line before); a block with
                # one break neither made is a list, one line a record ("2 eggs" / "half a
                # lemon"; a list of long lines, some short)
                return not short_list()
            if not fills or shape.listed or short_list():
                return False  # a list: its longest line leaves no room, and says nothing
            # a script without case has no list shape to show: the break itself must be one a
            # wrapper makes (hand-wrapped Latin lines often leave room for the next word)
            return not uncased(line[0]) or shape.forced(previous, line, previous_width)

        credits: dict[str, bool] = {}  # the last lines' answers: each line is asked twice

        def credit(line: str) -> bool:
            if line not in credits:
                if len(credits) > 2:
                    credits.clear()
                credits[line] = is_credit(line)
            return credits[line]

        def dropped(block: Block, reason: str) -> Record:
            # two blocks of one line (Markdown table cells...): `.2`, `.3`, ... counted per
            # line, not searched again from `.2` for each (quadratic in a line's cells)
            n = dropped_ids.get(block.number, 0) + 1
            dropped_ids[block.number] = n
            record_id = f"{doc_id}:L{block.number}" + (f".{n}" if n > 1 else "")
            return Record(
                id=record_id,
                doc_id=doc_id,
                source=source,
                seq=-1,
                text=block.text,
                meta={"kind": reason},
                location=Location(source, block.number),
                dropped=reason,
            )

        group: list[Block] = []  # the lines of the group being segmented
        page: Shape | None = None  # the last block wrapped by its own evidence
        # whether the last group was a lone short line of content, and the current group
        # comes after one: a short line after one is the next of a list set apart by blank
        # lines ("Country France" / "Language French", a review "Meh"), never its heading
        lone = in_run = False
        shape: Shape | None = None  # the shape of the group being segmented
        group_credits: bool | None = None  # whether they are a block of credits, once asked
        group_list: bool | None = None  # whether they are a list of short lines, once asked
        group_sentence: bool | None = None  # whether they are one paragraph, once asked

        def short_list() -> bool:
            """Whether the group being segmented is a list (asked once a group): three lines
            or more (two are as often one sentence a hand broke where it chose: "… the fjord
            path" / "and the fjord shore …"), with a break no wrapper made and no hand would
            (`loose_break`), or a narrow column of closed lines (`closed_column`)."""
            nonlocal group_list
            if group_list is None:
                assert shape is not None
                lines = [visible(block.text) for block in group]
                group_list = len(lines) >= LIST_LINES and (
                    any(loose_break(lines, i, shape) for i in range(1, len(lines)))
                    or closed_column(lines, shape)
                )
            return group_list

        def one_sentence() -> bool:
            """Whether the group being segmented is one paragraph by its sentences (asked once
            a group): `sentence_block`."""
            nonlocal group_sentence
            if group_sentence is None:
                assert shape is not None
                group_sentence = sentence_block([visible(b.text) for b in group], shape)
            return group_sentence

        def closed_column(lines: list[str], shape: Shape) -> bool:
            """Whether these lines are a column of items by their ends, where their breaks
            say nothing: a block narrower than any a wrapper is set to (`WRAPPED_MIN_COLUMNS`),
            no line of which ends open (a comma, a hyphen, a function word: `continues`,
            `open_ended`) or ends a sentence, the last one included: a wrapped paragraph ends
            on a sentence end, and its short lines end on a function word as often as not.
            Every break of such a list may be forced (`half a lemon` / `sugar to taste` /
            `olive oil`: the break after the block's longest line always is, the others by
            chance), so `loose_break` never saw it (hostile43 H11)."""
            if shape.columns >= WRAPPED_MIN_COLUMNS or any(map(ends_sentence, lines)):
                return False
            return not any(
                continues(previous, line) is not None or self.rules.open_ended(previous)
                for previous, line in pairwise(lines)
            )

        def loose_break(lines: list[str], i: int, shape: Shape) -> bool:
            """Whether the break before `lines[i]` was made by no wrapper and no hand: the
            line end before it leaves it open (no comma, no open end, no list item after it),
            the next line's first word would have fitted (`Shape.forced`), the line before
            it does not fill a wide block (hand-wrapped lines often leave room for a word)
            and did not go on from its own line before ("… soutien de" / "Rivage Cinéma" /
            "et de la région.": a short line inside a sentence). The block's width alone
            says nothing: its longest line always fits no more."""
            previous, line = lines[i - 1], lines[i]
            if not (previous and line) or continues(previous, line) is not None:
                return False
            if self.rules.open_ended(previous) or list_marker(line) is not None:
                return False
            width = columns(previous)
            if shape.columns >= WRAP_WIDTH and width >= WRAP_SHARE * shape.columns:
                return False
            if shape.forced(previous, line, width):
                return False
            before = lines[i - 2] if i > 1 else ""
            return not (before and (continues(before, previous) or self.rules.open_ended(before)))

        def in_credits() -> bool:
            """Whether the group being segmented is a block of credits (asked once a group:
            per byline it made 24,000 "By X" lines cost ten minutes): two credit lines or
            more, or half its lines when it is wrapped (a line of a paragraph may end on a
            name after a lower-case word: `… praised by Ana Ruiz`)."""
            nonlocal group_credits
            if group_credits is None:
                group_credits = credits_block(group, share=bool(shape and shape.wrapped))
            return group_credits

        pending = groups(as_blocks(lines), max_chars)
        current = next(pending, None)
        blocks: deque[tuple[Block, bool]] = deque()  # (block, whether it may be a heading)
        while current is not None or blocks:
            if not blocks:
                assert current is not None
                after = next(pending, None)
                group, group_credits, group_list = current.blocks, None, None
                group_sentence = None
                in_run, lone = lone, False
                shape = Shape.of(
                    [block.text for block in group], [columns(b.text) for b in group], page
                )
                rows = current.rows()
                if shape.measured and not any(rows):  # a table's width is no page's
                    page = shape  # the width the page is wrapped at, for its shorter blocks
                blocks = deque(
                    heading_candidates(
                        unwrapped(current, wrapped, max_chars, shape, rows),
                        after.blocks if after else None,
                    )
                )
                blocks.extend((block, False) for block in current.furniture)
                current = after
            block, may_head = blocks.popleft()
            line, role = block.text, block.role
            words = line.split()
            meta: dict[str, Any] = {}
            if role == "lost":
                record = dropped(block, "lost")
                record.dropped = None
                record.fail("read", Code.PARSER_LIMIT.value, Code.PARSER_LIMIT.message())
                yield record
                continue
            if role in DROPPED_ROLES or role == PAGE_NUMBER:
                yield dropped(block, role)
                continue
            if self.rules.boilerplate.matches(line):
                yield dropped(block, "boilerplate")
                continue
            if (
                role in (None, "paragraph")
                and (name := self.rules.author_of(line))
                and not in_credits()
            ):
                author = name
                yield dropped(block, "byline")
                continue
            if first and role in (None, "heading") and self._is_title(line, words, role):
                meta["kind"] = "title"
            elif self._is_heading(line, words, kind, role, may_head and not in_run):
                section = line.rstrip(":").strip()
                kind = self.rules.section_kinds.get(section.lower(), "paragraph")
                yield dropped(block, "heading")
                continue
            first = False
            if "kind" not in meta:
                self._classify(line, kind_of(role, kind), meta)
            if author is not None and meta["kind"] != "title":
                meta["author"] = author
            if section is not None:
                meta["section"] = section
            meta["line"] = block.number
            yield Record(
                id=f"{doc_id}:{seq}",
                doc_id=doc_id,
                source=source,
                seq=seq,
                text=line,
                meta=meta,
                location=Location(source, block.number),
            )
            seq += 1
            # a lone short line of content: one of a list set apart by blank lines
            lone = len(group) == 1 and meta["kind"] != "title" and not is_prose(line)

    def _is_title(self, line: str, words: list[str], role: str | None) -> bool:
        return role == "heading" or (
            len(words) <= self.rules.title_max_words and not is_sentence(line)
        )

    def _section_name(self, line: str) -> bool:
        return line.rstrip(":").strip().lower() in self.rules.section_kinds

    def _is_heading(
        self, line: str, words: list[str], kind: str, role: str | None, may_head: bool
    ) -> bool:
        """Markup says what a heading is; in a text page, a known section name is one, and so
        is a short line that is not a sentence, a credit, a tagline or a facts line, alone
        between blank lines and heading a paragraph or a list (`may_head`): never a line
        only because it is short and capitalised (credits and cast lines are content)."""
        if role is not None:
            return role == "heading"
        line = NUMBERING.sub("", line)  # "2. The shoot": numbering is a heading's evidence too
        words = line.split() or words
        name = line.rstrip(":").strip().lower()
        if name in self.rules.section_kinds:
            return True
        if kind == "review":  # short reviews ("Loved it") are content, not headings
            return False
        return (
            may_head
            and len(words) <= self.rules.heading_max_words
            and not is_sentence(line)
            and line[0].isupper()
            and not is_credit(line)
            and not TAGLINE.match(line)
            and not FACT_SEPARATOR.search(line)
        )

    @staticmethod
    def _classify(line: str, kind: str, meta: dict[str, Any]) -> None:
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
