"""A layout row's label cell is no name (rule `label_cells`; issue 31 item 2, h49).

A credits table laid out by column gaps (two blanks or more), tabs or cell borders ("|")
gives each row a job and a name: "X Y      Montage      Irlande", "Son | X Y". The model
reads a job cell alone as a name ("Montage" PERSON in an English row: the row's language
has no such label, and a short row's language is a guess). The evidence is the table's,
read over the document's records (a text file gives a row a record): a cell is its row's
label when it is a credit's role word of any language `models/cues.json` lists
(`job_words`) and its row's other cell holds a mention or its column holds role words in
another row; or, whatever it says ("Bruitage", a job no list holds), when its column holds
role words in most of its other rows (two at least). Reading is one pass over each line:
linear."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.io.segment.credits import job_words
from pipeline.record import Entity

# what parts a row's cells: a tab, a cell border, a run of two blanks or more (each match
# runs to the end of its run of blanks: linear)
CELL_BREAK = re.compile(r"[\t|¦]|[ \u00a0\u2007\u202f]{2,}+")
EDGES = " \u00a0\u2007\u202f:*_•·-–—."  # around a cell's words: "**Montage**", "Son :"


@dataclass(frozen=True)
class Cell:
    """A row's cell: where its words are in its text (`start`, `end`), its place in the row
    (`index`, and `column`: its offset in its line, the column a table laid out with blanks
    alone aligns; -1 in a row with a tab or a border), and whether its words are a role's."""

    start: int
    end: int
    index: int
    column: int
    role: bool


def row_cells(text: str) -> Iterator[list[Cell]]:
    """The rows of `text` (lines of two cells or more), each as its cells."""
    jobs = job_words()
    at = 0
    for line in text.split("\n"):
        cells: list[Cell] = []
        edge = 0
        aligned = not any(mark in line for mark in "\t|¦")
        for match in [*CELL_BREAK.finditer(line), None]:
            stop = len(line) if match is None else match.start()
            words = line[edge:stop].strip(EDGES)
            if words:
                start = at + edge + line[edge:stop].index(words)
                role = words.lower() in jobs
                column = start - at if aligned else -1
                cells.append(Cell(start, start + len(words), len(cells), column, role))
            edge = stop if match is None else match.end()
        if len(cells) >= 2:
            yield cells
        at += len(line) + 1


def label_cells(texts: Sequence[str], entities: Sequence[Sequence[Entity]]) -> list[set[int]]:
    """For each of a document's texts (in order) and its mentions, the indexes of the mentions
    that are a layout row's label cell (the module's evidence)."""
    rows = [list(row_cells(text)) for text in texts]
    by_index: Counter[tuple[int, bool]] = Counter()  # (index, role) → cells
    by_column: Counter[tuple[int, bool]] = Counter()  # (column, role) → cells
    for cell in (c for text_rows in rows for row in text_rows for c in row):
        by_index[cell.index, cell.role] += 1
        by_column[cell.column, cell.role] += 1
    out: list[set[int]] = []
    for text_rows, mentions in zip(rows, entities, strict=True):
        spans = sorted((e.start, e.end, i) for i, e in enumerate(mentions))
        starts = [s for s, _, _ in spans]
        found: set[int] = set()
        for row in text_rows:
            low = bisect_left(starts, row[0].start)
            high = bisect_left(starts, row[-1].end)
            inside = spans[low:high]  # the row's mentions: a row costs its own
            whole = {(s, e): i for s, e, i in inside}
            names = {c.index for c in row if not c.role and holds_mention(c, spans, starts)}
            for cell in row:
                i = whole.get((cell.start, cell.end))
                if i is None:
                    continue
                roles, others = column_roles(cell, by_index, by_column)
                name_beside = len(names) > (cell.index in names)
                if (cell.role and (roles >= 1 or name_beside)) or (
                    others >= 2 and 2 * roles > others
                ):
                    found.add(i)
        out.append(found)
    return out


def holds_mention(cell: Cell, spans: list[tuple[int, int, int]], starts: list[int]) -> bool:
    """Whether a mention lies inside `cell` (a name cell the model read in part); each
    mention starting in the cell looked at once."""
    at = bisect_left(starts, cell.start)
    while at < len(spans) and spans[at][0] < cell.end:
        if spans[at][1] <= cell.end:
            return True
        at += 1
    return False


def column_roles(
    cell: Cell, by_index: Counter[tuple[int, bool]], by_column: Counter[tuple[int, bool]]
) -> tuple[int, int]:
    """How many of the other cells of `cell`'s column (by its place in the row, or by its
    offset in the line, whichever holds more) are role words, and how many there are."""
    best = (0, 0)
    for table, key in ((by_index, cell.index), (by_column, cell.column)):
        if key < 0:
            continue  # no column by offset in a row apart by tabs or borders
        roles = table[key, True] - cell.role
        others = roles + table[key, False] - (not cell.role)
        best = max(best, (roles, others))
    return best
