"""Which lines of a group are one paragraph: the breaks a hard wrap made (joined as written),
those a hand made inside one sentence, and the ones that end a list item, a credit, a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from pipeline.io.segment.blocks import Block
from pipeline.io.segment.credits import credits_block, is_credit
from pipeline.io.segment.lines import Group, is_sentence
from pipeline.io.segment.rules import SegmentRules
from pipeline.io.segment.wrapping import (
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

LIST_LINES = 3  # a list of short lines shows itself in this many lines, not fewer
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


def closed_column(rules: SegmentRules, lines: list[str], shape: Shape) -> bool:
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
        continues(previous, line) is not None or rules.open_ended(previous)
        for previous, line in pairwise(lines)
    )


def loose_break(rules: SegmentRules, lines: list[str], i: int, shape: Shape) -> bool:
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
    if rules.open_ended(previous) or list_marker(line) is not None:
        return False
    width = columns(previous)
    if shape.columns >= WRAP_WIDTH and width >= WRAP_SHARE * shape.columns:
        return False
    if shape.forced(previous, line, width):
        return False
    before = lines[i - 2] if i > 1 else ""
    return not (before and (continues(before, previous) or rules.open_ended(before)))


@dataclass
class GroupReading:
    """One group of lines being segmented: what it says of itself, each asked once a group
    (per line, a byline check made 24,000 "By X" lines cost ten minutes), and which of its
    breaks a hard wrap made (`wrapped`, given to `unwrapped`)."""

    rules: SegmentRules
    kind: str  # the section's kind it is read under: under a reviews heading a line is one
    lines: list[Block]
    shape: Shape
    credit: Callable[[str], bool]  # `is_credit`, remembering the last lines' answers
    _credits: bool | None = None
    _list: bool | None = None
    _sentence: bool | None = None

    def in_credits(self) -> bool:
        """Whether it is a block of credits: two credit lines or more, or half its lines
        when it is wrapped (a line of a paragraph may end on a name after a lower-case
        word: `… praised by Ana Ruiz`)."""
        if self._credits is None:
            self._credits = credits_block(self.lines, share=self.shape.wrapped)
        return self._credits

    def short_list(self) -> bool:
        """Whether it is a list: three lines or more (two are as often one sentence a hand
        broke where it chose: "… the fjord path" / "and the fjord shore …"), with a break no
        wrapper made and no hand would (`loose_break`), or a narrow column of closed lines
        (`closed_column`)."""
        if self._list is None:
            lines = [visible(block.text) for block in self.lines]
            self._list = len(lines) >= LIST_LINES and (
                any(loose_break(self.rules, lines, i, self.shape) for i in range(1, len(lines)))
                or closed_column(self.rules, lines, self.shape)
            )
        return self._list

    def one_sentence(self) -> bool:
        """Whether it is one paragraph by its sentences: `sentence_block`."""
        if self._sentence is None:
            self._sentence = sentence_block([visible(b.text) for b in self.lines], self.shape)
        return self._sentence

    def wrapped(
        self, previous: str, line: str, shape: Shape, previous_width: int, inside: bool
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
        if self.kind == "review" or not (previous and line) or self.rules.section_name(previous):
            return False  # a known section name heads what follows, never begins it
        goes_on = continues(previous, line)  # False after a sentence end
        if goes_on is None:
            goes_on = self.rules.open_ended(previous) or None
        marker = list_marker(line)
        if marker is not None and not (
            marker in ("number", "letter") and goes_on and previous[-1].isalpha()
        ):
            return False  # "- item", "a) item"; "im" / "12. Jahrhundert" goes on
        if (shape.wrapped or self.one_sentence()) and not (
            credit_start(previous) and credit_start(line)
        ):
            # every break of the block is a wrap: "… before dawn." / "He checks…",
            # "… praised by Ana Ruiz" / "for its…" (a credit's shape inside a paragraph)
            return not self.in_credits()
        if goes_on is not None:
            return goes_on  # "… et" / "Paul Ferrand": one credit, too; "every-" / "one"
        if (
            self.credit(previous)
            or self.credit(line)
            or (credit_start(previous) and credit_start(line))
        ):
            return False
        fills = shape.columns >= WRAP_WIDTH and previous_width >= WRAP_SHARE * shape.columns
        if line[0].islower():
            # a lower-case start goes on where a wrapper broke or a hand did (the line
            # fills a wide block, or went on from its own line before); a block with
            # one break neither made is a list, one line a record ("2 eggs" / "half a
            # lemon"; a list of long lines, some short)
            return not self.short_list()
        if not fills or shape.listed or self.short_list():
            return False  # a list: its longest line leaves no room, and says nothing
        # a script without case has no list shape to show: the break itself must be one a
        # wrapper makes (hand-wrapped Latin lines often leave room for the next word)
        return not uncased(line[0]) or shape.forced(previous, line, previous_width)
