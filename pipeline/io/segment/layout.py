"""Rows of a table laid out with blanks (`pdftotext -layout`, a plain-text report, a
filmography typed in columns): two lines of a text page that are rows of one table stay
apart, each a record with its blanks kept.

A wrapper never puts a run of blanks inside a line; a layout table pads each cell to its
column's width, so between two columns a strip of blank columns runs down every row, at
least two wide (hostile42 H12: "Le Bonheur    1965    A. Varda" / "Vagabond    1985    A.
Varda" were one record). Two lines are rows of one table when each has a gap (a run of two
blanks or more, or a tab, inside it) and every gap of the one with fewer overlaps one of the
other's by two columns or more: a cell left-aligned, right-aligned or empty leaves its strip.
Not a gap: the blanks after a sentence's end (typed prose sets two), nor a line's
indentation (counted in the columns). Justified prose pads between words too, and its gaps
meet by chance; but its lines are even (every space between two words one of two sizes, k
and k+1) and end at one column: two such lines are no table's rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.io.segment.wrapping import CLOSERS, SENTENCE_TERMINAL, char_columns, columns

TAB = 8
GAP_MIN = 2  # blanks: one is a word's space; and the columns two rows' gaps share
BLANKS = re.compile(r"\s+")
EVEN_RUNS = 3  # a line of prose has words: a row of two or three cells has fewer runs


@dataclass(frozen=True)
class Spacing:
    """The blanks inside one line: its gaps (first and last blank column, half-open), whether
    it is even (every run of blanks between words one of two sizes), and its end column."""

    gaps: tuple[tuple[int, int], ...]
    even: bool
    end: int

    @classmethod
    def of(cls, raw: str) -> Spacing:
        """Display columns from the line's start (a wide character two, a tab to the next
        multiple of 8); one pass over its runs of blanks, each read once."""
        line = raw.rstrip()
        gaps: list[tuple[int, int]] = []
        sizes: set[int] = set()
        runs = 0
        column = pos = 0
        for match in BLANKS.finditer(line):
            start, end = match.span()
            column += columns(line[pos:start])
            blanks = match.group()
            if "\t" in blanks:
                width = 0
                for char in blanks:
                    width += TAB - (column + width) % TAB if char == "\t" else char_columns(char)
            else:
                width = columns(blanks)
            if start > 0:  # not the indentation
                size = len(blanks) + (GAP_MIN - 1) * blanks.count("\t")
                sizes.add(size)
                runs += 1
                if size >= GAP_MIN and not after_stop(line, start):
                    gaps.append((column, column + width))
            column += width
            pos = end
        column += columns(line[pos:])
        even = runs >= EVEN_RUNS and max(sizes) - min(sizes) <= 1
        return cls(tuple(gaps), even, column)


def after_stop(line: str, start: int) -> bool:
    """Whether the blanks at `start` follow a sentence's end (before closing quotes or
    brackets): typed prose sets two blanks there. Reads back over the closers only."""
    k = start - 1
    while k > 0 and line[k] in CLOSERS:
        k -= 1
    return SENTENCE_TERMINAL.match(line, k) is not None


def rows(previous: Spacing, line: Spacing) -> bool:
    """Whether two lines with these blanks are rows of one table: see the module."""
    if not previous.gaps or not line.gaps:
        return False
    if previous.even and line.even and previous.end == line.end:
        return False  # two lines of justified prose
    fewer, more = (previous, line) if len(previous.gaps) <= len(line.gaps) else (line, previous)
    k = 0  # both sorted: one pass
    for start, end in fewer.gaps:
        while k < len(more.gaps) and more.gaps[k][1] < start + GAP_MIN:
            k += 1
        if k == len(more.gaps) or min(end, more.gaps[k][1]) - max(start, more.gaps[k][0]) < GAP_MIN:
            return False
    return True


NONE = Spacing((), False, 0)


def spacing(raw: str) -> Spacing:
    """A line's blanks; `NONE` (no gap) for a line with no two blanks in a row nor a tab,
    told without reading it character by character."""
    return Spacing.of(raw.lstrip("\f")) if "  " in raw or "\t" in raw else NONE


def table_rows(spacings: list[Spacing]) -> list[bool]:
    """For each line of a block (given its blanks), whether it is a row of a table: it and
    the line before or after it are rows of one table (`rows`)."""
    out = [False] * len(spacings)
    for i in range(len(spacings) - 1):
        if rows(spacings[i], spacings[i + 1]):
            out[i] = out[i + 1] = True
    return out
