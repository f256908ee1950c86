"""Lines of a delimited file to rows, where a damaged row never swallows, invents or empties
another: the row splitter behind `table.py`.

The csv module reads a quote that is never closed to the end of the file, and after a field
over its limit it goes on inside the cell, reading each of the cell's lines as a row. Here a
row is read by a small tokenizer (RFC 4180: a quote opens a field only at its start, `""` in a
quoted field is a quote, a closing quote is followed by the delimiter or the line end), and a
quoted field that spans lines is judged in hindsight:

- it closes well (the closing quote followed by a delimiter or the line end): the row is
  what it spans, whatever its lines look like and however long (a long review with commas
  in its paragraphs; a cell over the size limit whose lines each look like rows: one E009
  for the whole cell and its line range, reading resumes after the closing quote, never a
  record per line; a row of the wrong width: one E010 for its lines);
- it never closes (end of file) or closes badly (text after the closing quote): the quote
  is judged unclosed, and the row is resynchronised at the first line it swallowed where a
  row starts: it reads well with the header's width; or, after the line the quote opened
  on, it reads well with any width (a row of the wrong width fails alone; a row holding a
  bare CR, its first line short, is read whole; each was lost into the damaged row's
  error), but for the line whose quote closed the cell badly; or it opens a quote in one of
  the header's cells and does not read well (a row damaged as this one: consecutive rows
  each opening a stray quote, each closed badly by the next one's, are each their own
  error; they were one error for all). What came before that line is one E010 error with
  its raw text and line range; when no such line exists, the error covers the whole span.
  A damaged cell's own lines of text may so become errors of their own (E010, wrong
  width): nothing is lost, nothing invented.

Measured with the property tests (tests/test_table_reader.py, tests/test_table_spans.py,
every damage at random rows): resynchronising at the first line that stands alone keeps
every undamaged row; accepting a span only when no swallowed line stands alone (the eager
rule) split legitimate multi-line cells in two-column files whenever a paragraph held one
comma, and capping the span in lines or characters mis-reads long cells (a closed cell over
`SPAN_LIMIT` line limits was judged unclosed: each of its lines became a row, 20,000
invented records for one cell); resynchronising a well-closed row of the wrong width made
records of lines inside its cells (a one-column file's `","` line). The one case left
ambiguous: an unclosed quote closed, rows later, by a stray quote just before a delimiter or
a line end: it is read as one row (a record, or one E010 when its width is wrong), as the
csv module and pandas read it; when the lines between read alone as rows of the table and
the quote's line as a whole row with the quote as text (`Row.rows_inside`), byte for byte
the twin of a cell the csv module wrote, the row carries a W019 naming its lines (the stray
reading, an E010 and a record per line, invented records from a real cell's lines).

Memory is bounded: a span's lines past `SPAN_LIMIT` line limits wait in a temporary file
(`Spooled`) until its quote is judged: dropped when it closed well, read again from where
rows resume when it did not. A cell's text is never held past the row limit.
"""

from __future__ import annotations

import functools
import itertools
import pickle
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import IO, NamedTuple

from pipeline.io.encoding import Decoded
from pipeline.record import ENTRY_TEXT_LIMIT

QUOTE = '"'
BOM = "\ufeff"
# the raw text a row keeps for its error: what errors.jsonl holds whole (`ENTRY_TEXT_LIMIT`;
# it was 500 characters, with no `truncated` field: a 2 kB review a quarter kept)
HEAD_CHARS = ENTRY_TEXT_LIMIT
CUT_SHORT = "the data breaks off inside this row"  # (a broken archive: `FormatReader.unfinished`)
ANY_WIDTH = -1  # a damaged header's rows resume at the first line that reads well, any width
SPAN_LIMIT = 16  # a quoted span is followed for at most this many line limits of text
SPAN_LINES = 1 << 16  # and at most this many lines (~200 bytes each beside its text)
SPOOL_BATCH = 1024  # lines a spooled span writes at a time, at most
SPOOL_BATCH_CHARS = 1 << 20  # characters
BODY = re.compile('[^"]*(?:""[^"]*)*')  # a quoted field's text on one line (unrolled: linear)


@dataclass(frozen=True)
class Marks:
    """A file's quote and escape characters (`--quote-char`, `--escape-char`, as Python's csv
    and pandas' `quotechar`/`escapechar`): RFC 4180's `"` and no escape by default. With an
    escape character (MySQL's and PostgreSQL's `\\`, pandas' `escapechar`), it and the
    character after it are that character, in a quoted cell or not: `\\"` a quote that
    closes nothing, `\\,` a delimiter that splits nothing, `\\` before a line end a line
    break in the cell; a doubled quote is still a quote (Excel's, pandas' default). An
    unquoted cell that is the escape and `N` alone is MySQL's NULL, kept as `\\N` (`null`).
    Without it, `\\"` closed the cell early: the row failed or was cut into others."""

    quote: str = QUOTE
    escape: str = ""

    def __post_init__(self) -> None:
        if self.escape == self.quote:  # (PostgreSQL's CSV default: the doubled quote)
            object.__setattr__(self, "escape", "")

    @functools.cached_property
    def body(self) -> re.Pattern[str]:
        """A quoted field's text on one line: up to its closing quote, the line's end, or an
        escape ending the line (possessive and unrolled: linear)."""
        q, e = re.escape(self.quote), re.escape(self.escape)
        if not self.escape:
            return re.compile(f"[^{q}]*+(?:{q}{q}[^{q}]*+)*+")
        return re.compile(f"[^{q}{e}]*+(?:(?:{q}{q}|{e}.)[^{q}{e}]*+)*+", re.DOTALL)

    @functools.cached_property
    def quoted_units(self) -> re.Pattern[str]:
        q, e = re.escape(self.quote), re.escape(self.escape or self.quote)
        return re.compile(f"{q}{q}|{e}(.)", re.DOTALL)

    def unquote(self, text: str) -> str:
        """A quoted field's text as written to its value: doubled quotes and escapes undone."""
        if self.quote not in text and (not self.escape or self.escape not in text):
            return text
        return self.quoted_units.sub(lambda m: m.group(1) or self.quote, text)

    def plain(self, delimiter: str) -> re.Pattern[str]:
        """An unquoted field's text with escapes: to the delimiter, the line's end, or an
        escape ending the line."""
        return plain_field(delimiter, self.escape)

    def unescape(self, text: str) -> str:
        return text if self.escape not in text else escaped(self.escape).sub(r"\g<1>", text)


@functools.lru_cache(maxsize=32)
def plain_field(delimiter: str, escape: str) -> re.Pattern[str]:
    d, e = re.escape(delimiter), re.escape(escape)
    return re.compile(f"(?:[^{d}{e}]|{e}.)*+", re.DOTALL)


@functools.lru_cache(maxsize=8)
def escaped(escape: str) -> re.Pattern[str]:
    return re.compile(f"{re.escape(escape)}(.)", re.DOTALL)


RFC4180 = Marks()
NULL_CELL = "\\N"  # MySQL's, PostgreSQL's NULL (`table.null`)


class TextCell(str):
    """A cell written as text, between quotes or with its backslash escaped: its `\\N` is the
    text `\\N`, not NULL (MySQL, PostgreSQL and IMDb write NULL bare; hostile42 H22)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the file: its number (LF and CRLF end a line; a bare CR only in a file of
    CR line ends), its byte offset, its text (None when over the line limit), and the line end a
    cell spanning it keeps."""

    number: int
    byte: int
    text: str | None
    end: str = "\n"
    bare_cr: bool = False  # the line ends with a bare CR (perhaps text in an unquoted cell)
    quotes: int = 0  # of a line too long to decode: a quoted cell is followed through it
    size: int = 0  # of a line too long to decode, in bytes
    piece: int = 0  # the bare CRs before it on its numbered line (a row may start after one)


@dataclass
class Row:
    """A row read (cells), or what could not be (problem, and `too_long` for a size limit):
    its first line, last line number and raw text (the first `HEAD_CHARS` characters)."""

    first: Line
    last: int
    raw: str
    chars: int
    cells: list[str] | None = None
    problem: str | None = None
    too_long: bool = False
    over: int | None = None  # the named cell over its limit (None: the row, or a line)
    # lines of its quoted cell that read alone as rows of the table, the quote's line a whole
    # row with the quote as text: byte for byte a stray quote closed by a later one (W019)
    rows_inside: int = 0
    bare: int = 0  # quotes inside unquoted cells (`RowScan.bare`)
    closes_nothing: bool = False  # an unquoted cell ends with a quote (`RowScan.bare`)
    quoted_fields: int = 0  # of a row read from one line (`RowScan.quoted_fields`)
    spanned: bool = False  # read past its first line by a quoted cell (`RowSplitter.spanning`)

    @property
    def lines(self) -> str:
        n = self.first.number
        return f"line {n}" if self.last == n else f"lines {n}-{self.last}"


class RowScan:
    """The cells of one row, fed a line at a time: `done` once the row ends, `error` when a
    quote is malformed. Cells past `limit` characters in all are not kept (`too_long`)."""

    def __init__(
        self,
        delimiter: str,
        quoted: bool,
        limit: int,
        total: int | None = None,
        named: frozenset[int] | None = None,
        marks: Marks = RFC4180,
    ) -> None:
        self.delimiter, self.quoted, self.limit = delimiter, quoted, limit
        self.marks = marks
        self.plain = marks.plain(delimiter) if marks.escape else None  # (`plain_field`)
        self.open_plain = False  # the open field is unquoted, its line end escaped
        self.total = limit if total is None else total  # all the row's cells together
        self.named = named  # the cells `limit` bounds (None: every cell)
        self.over: int | None = None  # the cell that went over `limit` (None: the total)
        self.cells: list[str] = []
        self.open: list[str] | None = None  # the parts of a quoted field still open
        self.chars = 0
        self.done = False
        self.error: str | None = None
        self.too_long = False
        self.quoted_fields = 0
        self.quoted_cells: set[int] = set()  # which cells were quoted (their blanks are text)
        self.open_chars = 0
        self.opened_at = -1  # the cell the first quoted field opened (its index)
        self.fed = 0  # lines fed
        self.open_line = 0  # the line (as fed, from 0) the last quoted field opened on
        self.open_pos = -1  # where on its line the last quoted field's quote is
        # quotes inside unquoted cells (an inch mark, a quotation, damage), and whether one
        # ends its cell as a closing quote does (`break",fr`: a cell's tail whose opening
        # quote was damaged, `RowSplitter.tail`)
        self.bare = 0
        self.closes_nothing = False

    def bare_quotes(self, raw: str) -> None:
        """Note the quotes in an unquoted cell's raw text (escaped ones are no quotes)."""
        q = self.marks.quote
        if not self.quoted or q not in raw:
            return
        if self.marks.escape:
            raw = escaped(self.marks.escape).sub("", raw)
        n = raw.count(q)
        self.bare += n
        self.closes_nothing |= n > 0 and raw.endswith(q)

    def add(self, cell: str) -> None:
        self.chars += len(cell)
        self.check(len(self.cells), len(cell), self.chars)
        self.cells.append("" if self.too_long else cell)

    def check(self, index: int, cell_chars: int, row_chars: int) -> None:
        """`too_long` once cell `index` (a named one: the text, the id) is over `limit`
        characters or the row over `total`. The columns beside the text have a budget of their
        own, as a JSONL line's other fields do: a short review beside a crawl's raw `html` cell
        was refused as "text too long" (the limit was the whole row's)."""
        if self.too_long:
            return
        if (self.named is None or index in self.named) and cell_chars > self.limit:
            self.too_long, self.over = True, index
        elif row_chars > self.total:
            self.too_long = True

    def feed(self, text: str, end: str) -> None:
        self.fed += 1
        d, n = self.delimiter, len(text)
        marks = self.marks
        if (
            self.open is None
            and (not self.quoted or marks.quote not in text)
            and (not marks.escape or marks.escape not in text)
        ):
            for cell in text.split(d):
                self.add(cell)
            self.done = True
            return
        pos = 0
        if self.open is not None:
            if self.open_plain:
                pos = self.plain_field(text, 0, end)
            else:
                pos = self.quoted_field(text, 0, end)
            if pos < 0:
                return
        else:
            pos = self.field(text, 0, end)
            if pos < 0:
                return
        while pos < n:  # text[pos] is the delimiter
            pos = self.field(text, pos + 1, end)
            if pos < 0:
                return
        self.done = True

    def skip(self, quotes: int, end: str) -> None:
        """A line too long to decode, read as its quotes: a quoted cell open before it stays
        open after it when they are even (doubled quotes), closes in it when odd; a line with
        an odd number opens one that goes on. The row is too long either way."""
        self.fed += 1
        self.too_long = True
        if self.marks.quote != QUOTE:  # (the bytes counted are `"`: of no other quote)
            quotes = 0
        inside = self.open is not None
        if quotes:
            self.quoted_fields += 1
        if inside != bool(quotes % 2):
            if not inside:
                self.open_line = self.fed - 1
            self.open, self.open_chars = [""], self.limit + 1
        else:
            self.open = None
            self.done = True

    def field(self, text: str, pos: int, end: str) -> int:
        """Read the field at `pos`; the position after it, or -1 (still open, or an error)."""
        if self.quoted and pos < len(text) and text[pos] == self.marks.quote:
            self.open, self.open_chars = [], 0
            self.open_line, self.open_pos = self.fed - 1, pos
            if self.opened_at < 0:
                self.opened_at = len(self.cells)
            self.quoted_fields += 1
            self.quoted_cells.add(len(self.cells))
            return self.quoted_field(text, pos + 1, end)
        if self.plain is not None:
            return self.plain_field(text, pos, end)
        stop = text.find(self.delimiter, pos)
        stop = len(text) if stop < 0 else stop
        self.bare_quotes(text[pos:stop])
        self.add(text[pos:stop])
        return stop

    def plain_field(self, text: str, pos: int, end: str) -> int:
        """An unquoted field with escapes (`Marks`): an escape ending the line makes the line
        end the cell's and the field go on on the next line."""
        assert self.plain is not None
        match = self.plain.match(text, pos)
        assert match is not None  # the pattern matches the empty string
        stop, raw = match.end(), match.group()
        self.bare_quotes(raw)
        part = self.marks.unescape(raw)
        if stop < len(text) and text[stop] != self.delimiter:  # an escape ends the line
            if self.open is None:
                self.open, self.open_chars = [], 0
                self.open_line = self.fed - 1
            self.open_plain = True
            self.open += [part, end]
            self.open_chars += len(part) + len(end)
            self.check(len(self.cells), self.open_chars, self.chars + self.open_chars)
            if self.too_long:
                self.open = [""]
            return -1
        if self.open is not None:
            cell, self.open, self.open_plain = "".join(self.open) + part, None, False
        else:  # MySQL's NULL, `\N`, as the reader knows it (`table.null`)
            cell = NULL_CELL if raw == self.marks.escape + "N" else part
            cell = TextCell(cell) if cell == NULL_CELL and raw != cell else cell
        self.add(cell)
        return stop

    def quoted_field(self, text: str, pos: int, end: str) -> int:
        assert self.open is not None
        marks = self.marks
        match = (BODY if marks is RFC4180 else marks.body).match(text, pos)
        assert match is not None  # the pattern matches the empty string
        stop = match.end()
        part = (
            match.group().replace('""', QUOTE) if marks is RFC4180 else marks.unquote(match.group())
        )
        self.open.append(part)
        self.open_chars += len(part)
        if stop == len(text) or text[stop] != marks.quote:  # the field goes on to the next line
            self.open.append(end)
            self.open_chars += len(end)
            self.check(len(self.cells), self.open_chars, self.chars + self.open_chars)
            if self.too_long:
                self.open = [""]
            return -1
        after = stop + 1  # text[stop] is the closing quote
        if after < len(text) and text[after] != self.delimiter:
            self.error = f"text after a closing quote (column {after + 1})"
            return -1
        cell, self.open = "".join(self.open), None
        self.add(TextCell(cell) if cell == NULL_CELL else cell)
        return after


class Kept(list[Line]):
    """Lines kept for a resynchronisation, and how many characters they hold."""

    chars = 0

    def add(self, line: Line) -> None:
        self.append(line)
        self.chars += len(line.text or "")  # what is held (a line too long is not)

    def full(self, chars: int) -> bool:
        """Over `chars` characters, or `SPAN_LINES` lines (a short line's object outweighs its
        text: a cell of 12-character lines held a million of them in the characters alone,
        360 MB for one cell)."""
        return self.chars > chars or len(self) > SPAN_LINES


class Spooled:
    """The lines a quoted span takes after its first: the first `budget` characters held in
    memory, the rest written to a temporary file, so a span of any size is followed to where
    its quote closes (a closed cell over the limit is one error, never a row per line: with a
    span capped in memory, the lines past the cap were read again as rows) and, when the quote
    never closes well, read again from the line where rows resume, memory bounded either way.
    `head` is the raw text of the whole span (its first `HEAD_CHARS` characters)."""

    def __init__(self, first: Line, budget: int) -> None:
        self.budget = budget
        self.memory = Kept()
        self.spool: IO[bytes] | None = None
        self.pending: list[Line] = []  # written a batch at a time (one pickle per line: 2x)
        self.pending_chars = 0
        self.batches = 0
        self.spooled = 0
        self.head = Head(first)
        self.head.add(first)

    def add(self, line: Line) -> None:
        self.head.add(line)
        if self.spool is None and not self.memory.full(self.budget - len(line.text or "")):
            self.memory.add(line)
            return
        if self.spool is None:
            self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed once read or judged)
        self.pending.append(line)
        self.pending_chars += len(line.text or "")
        self.spooled += 1
        if len(self.pending) == SPOOL_BATCH or self.pending_chars > SPOOL_BATCH_CHARS:
            self.flush()

    def flush(self) -> None:
        if self.spool is not None and self.pending:
            pickle.dump(self.pending, self.spool, pickle.HIGHEST_PROTOCOL)
            self.batches += 1
        self.pending, self.pending_chars = [], 0

    def __len__(self) -> int:
        return len(self.memory) + self.spooled

    def __iter__(self) -> Iterator[Line]:
        """The lines in order, once: those in the file are read back as they are asked for."""
        yield from self.memory
        pending, self.pending = self.pending, []
        spool, self.spool = self.spool, None
        if spool is None:
            return
        with spool:
            spool.seek(0)
            for _ in range(self.batches):
                yield from pickle.load(spool)
        yield from pending

    def close(self) -> None:
        self.pending = []
        if self.spool is not None:
            self.spool.close()
            self.spool = None


class LineSource:
    """Lines, with lines put back in front (the span a resynchronisation reads again)."""

    def __init__(self, lines: Iterable[Line]) -> None:
        self.stack: list[Iterator[Line]] = [iter(lines)]

    def __iter__(self) -> LineSource:
        return self

    def __next__(self) -> Line:
        while self.stack:
            try:
                return next(self.stack[-1])
            except StopIteration:
                self.stack.pop()
        raise StopIteration

    def push(self, lines: Iterable[Line]) -> None:
        self.stack.append(iter(lines))


class Window:
    """The lines a resynchronisation reads a candidate row from (`RowSplitter.resync`): the
    span's lines taken, then the source's; `lines` the candidate's, from its first, and how
    many characters they hold."""

    def __init__(self, taken: Iterator[Line], source: LineSource) -> None:
        self.taken, self.source = taken, source
        self.lines: deque[Line] = deque()
        self.chars = 0

    def more(self) -> Line | None:
        """The next line, added to the candidate's (None: there is none)."""
        line = next(self.taken, None)
        if line is None:
            line = next(self.source, None)
        if line is not None:
            self.lines.append(line)
            self.chars += len(line.text or "")
        return line


@dataclass
class Head:
    """The raw text of a span, its first `HEAD_CHARS` characters, and its last line."""

    first: Line
    last: int = 0
    parts: list[str] = field(default_factory=list)
    kept: int = 0
    chars: int = 0
    end: str = ""  # the line end before the next line

    def add(self, line: Line) -> None:
        self.last = line.number
        text = self.end + (line.text if line.text is not None else "")
        self.end = line.end
        self.chars += len(text) + (line.size if line.text is None else 0)
        if self.kept < HEAD_CHARS:
            self.parts.append(text[: HEAD_CHARS - self.kept])
            self.kept += len(self.parts[-1])

    def row(self, **kwargs: object) -> Row:
        return Row(self.first, self.last, "".join(self.parts), self.chars, **kwargs)  # type: ignore[arg-type]


class Followed(NamedTuple):
    """How an open quoted cell read on ended (`RowSplitter.follow`): the problem (None: the
    row ended or a quote failed in it), its last line, how many of its lines read alone as
    rows, and whether the line closing it opens a cell of its own."""

    problem: str | None
    last: Line
    rows_inside: int
    opens: bool


class RowSplitter:
    """Rows of a delimited file, `width` the header's (0 before the header is read)."""

    def __init__(
        self,
        delimiter: str,
        quoted: bool,
        limit: int,
        at_break: Callable[[], bool] = lambda: False,
        marks: Marks = RFC4180,
    ) -> None:
        self.delimiter, self.quoted, self.limit = delimiter, quoted, limit
        self.marks = marks
        self.total = limit  # the row's cells together (`RowScan.total`)
        self.named: frozenset[int] | None = None  # the cells `limit` bounds (None: all)
        self.width = 0
        self.at_break = at_break  # whether the lines ended where a compressed file breaks
        self.shapes = Shapes()
        # the line a row whose quoted cell may have opened damaged starts on (`tail`), and
        # the shapes the lines after it are judged by
        self.damaged_at: int | None = None
        self.damage_shapes = self.tail_shapes = self.shapes

    def scan(self) -> RowScan:
        return RowScan(self.delimiter, self.quoted, self.limit, self.total, self.named, self.marks)

    def fits(self, cells: list[str]) -> bool:
        """The header's width; cells past it are allowed when empty (a trailing delimiter)."""
        return fits(cells, self.width)

    def rows(self, source: LineSource) -> Iterator[Row]:
        for first in source:
            if first.text is None and not (self.quoted and first.quotes % 2):
                yield Row(first, first.number, "", 0, problem="line too long", too_long=True)
                continue
            row = self.tail(self.row(first, source))
            if row.cells is not None and self.width and self.fits(row.cells):
                self.shapes.learn(row.cells[: self.width])
            yield row

    def tail(self, row: Row) -> Row:
        """The lines of a quoted cell whose opening quote was damaged, read as rows: no rows
        (E010; hostile43 H15: its last line, `break",fr`, was a record, its id the cell's
        tail). A damaged row holds a quote and failed on it (`"1"2, rue`: text after a
        closing quote, on its first line or a later one; a quote never closed well, rows
        resumed at a line of its cell), or is read as a row of the wrong width (`r2,"line"`
        under three columns), or is one line with quotes inside unquoted cells (`6'2" tall
        "line`) or with cells not of the shapes rows have had (`r1,"12", rue X line`: a cell
        opening with a blank). After it, up to a row of the rows' shapes: a line whose typed
        cells do not have the rows' shapes is a line of that cell (`break, and more`,
        `it""s`, `"film",en`: a quote before its last line) unless it holds a quoted cell
        and has the header's width, and a line whose unquoted cell ends with a quote that closes
        nothing is its last, unless it reads alone as a row of the table (`alone`: the width,
        the typed columns' shapes; an inch mark ending a text cell, `6,She is 5'9",en`).
        Before any row, a line is judged against the shapes of the damaged row's cells before
        its quote only when its quote closes nothing (one row's id is weak evidence:
        `last,a good row` after `r1,"stray` is a row)."""
        one_line = row.first.number == row.last and not row.spanned
        quote = self.quoted and self.marks.quote in row.raw
        at = self.damaged_at
        if at is not None and one_line and row.cells is not None:
            if row.closes_nothing and self.alone(row.first, self.tail_shapes) != WHOLE:
                self.damaged_at = None
                return replace(row, cells=None, problem=(
                    "a quote here closes a cell never opened: the end of the quoted cell "
                    f"line {at} opened damaged"))  # fmt: skip
            joined = "\r" in row.raw  # pieces joined at a bare CR: `join_bare_crs` judged it
            typed = self.shaped(row.cells, self.damage_shapes, blanks=False)
            whole = row.quoted_fields and self.fits(row.cells)  # a quoted row of the width
            if not (whole or joined or typed):
                return replace(row, cells=None, problem=(
                    f"a line of the quoted cell line {at} opened damaged"))  # fmt: skip
        damaged = quote and (
            (row.cells is None and not row.too_long)
            or (row.cells is not None and not self.fits(row.cells))
            or (one_line and row.cells is not None and (
                row.bare > 0 or not self.shaped(row.cells, self.shapes)))
        )  # fmt: skip
        if damaged and self.width:
            self.damaged_at = row.first.number
            self.damage_shapes = self.tail_shapes = self.shapes
            if self.shapes.columns is None:  # before any row: the cells before the quote's
                before = row.raw.split("\n", 1)[0].split(self.marks.quote, 1)[0]
                self.tail_shapes = Shapes(before.split(self.delimiter)[:-1])
        elif quote or (row.cells is not None and self.fits(row.cells)):
            self.damaged_at = None
        return row

    @staticmethod
    def shaped(cells: list[str], shapes: Shapes, blanks: bool = True) -> bool:
        """Whether `cells` have the shapes rows have had (true while none is known): the
        typed columns' and, with `blanks`, no cell opening with a blank where none has."""
        if not shapes.typed():
            return True
        if not blanks:
            typed = [i for i in shapes.typed() if i < len(cells)]
            return all(shape(cells[i]) == (shapes.columns or [])[i] for i in typed)
        return shapes.match(cells)

    def stands_alone(self, line: Line, shapes: Shapes) -> bool:
        """Whether `line`, read alone, is a row of the table: it reads well with the header's
        width and its cells have the shapes of `shapes`' typed columns (an id `17`, a date
        `2024-05-01`). A line of a quoted cell's text (a paragraph with a comma) does not
        start with a cell of that shape."""
        return self.alone(line, shapes) is not None

    def alone(self, line: Line, shapes: Shapes) -> str | None:
        """`stands_alone`, and how: `WHOLE` (the line is the row) or `GOES_ON` (a row whose
        own quoted cell goes on to the next line: the typed cells before it have the
        shapes); None when it is no row."""
        if line.text is None or not self.width or not shapes.typed():
            return None
        scan = self.scan()
        scan.feed(line.text, line.end)
        if scan.error is not None or scan.too_long:
            return None
        if scan.done:
            return WHOLE if self.fits(scan.cells) and shapes.match(scan.cells) else None
        cells = scan.cells
        typed = [i for i in shapes.typed() if i < len(cells)]
        if len(cells) < self.width and bool(typed) and shapes.match(cells):
            return GOES_ON
        return None

    def reads_on(self, line: Line, source: LineSource, shapes: Shapes) -> bool:
        """Whether the row `line` opens, read on from `source` (its lines put back), reads
        well as a row of the table: at most a row's limit of text read ahead."""
        scan = self.scan()
        scan.feed(line.text or "", line.end)
        taken = Kept()
        while not scan.done and scan.error is None and not taken.full(self.total):
            more = next(source, None)
            if more is None:
                break
            taken.add(more)
            if more.text is None:
                break
            scan.feed(more.text, more.end)
        source.push(taken)
        well = scan.done and scan.error is None and not scan.too_long
        return well and self.fits(scan.cells) and shapes.match(scan.cells, scan.quoted_cells)

    def stray_row(self, first: Line, quote: int, shapes: Shapes) -> bool:
        """Whether `first`, its quote at `quote` read as text, is a whole row of the table (the
        header's width, the shapes): what a row opening a stray quote is. A quoted cell's first
        line is not, but by chance: it holds the cells after the text's (its own delimiters),
        or the text is the last cell."""
        if first.text is None or quote < 0 or not self.width:
            return False
        text = first.text[:quote] + first.text[quote + 1 :]
        return self.alone(replace(first, text=text), shapes) == WHOLE

    def row(self, first: Line, source: LineSource) -> Row:
        scan = self.scan()
        if first.text is None:
            scan.skip(first.quotes, first.end)
        else:
            scan.feed(first.text, first.end)
        if scan.done or scan.error is not None:  # one line: nothing kept
            kept = Kept()
            if scan.error is None and not scan.too_long:
                self.join_bare_crs(scan, first, source, kept)
            head = span(first, kept)
            if scan.error is not None:
                return head.row(problem=scan.error)
            if scan.too_long:
                return head.row(problem="row too long", too_long=True, over=scan.over)
            return head.row(
                cells=scan.cells,
                bare=scan.bare,
                closes_nothing=scan.closes_nothing,
                quoted_fields=scan.quoted_fields,
            )
        return replace(self.spanning(first, scan, source), spanned=True)

    def spanning(self, first: Line, scan: RowScan, source: LineSource) -> Row:
        """The row whose quoted cell `first` opened and left open, read on (or resynchronised)."""
        taken = Spooled(first, SPAN_LIMIT * self.limit)  # the lines after the first
        # the shapes rows have had; before any row, those of the cells before the quote
        shapes = self.shapes if self.shapes.columns is not None else Shapes(scan.cells)
        quote = scan.open_pos if first.text is not None and not scan.open_plain else -1
        read = self.follow(first, scan, source, taken, shapes)
        if read is None:  # cut short, not unclosed: the row is what the break took, its
            taken.close()  # lines are no rows (one break, no E010)
            return taken.head.row(problem=CUT_SHORT)
        problem, twin = read.problem, 0
        if (
            problem is None
            and scan.error is None
            and read.rows_inside
            and self.stray_row(first, quote, shapes)
        ):
            problem, twin = self.stray_or_twin(read, scan, source, shapes)
        if problem is None and scan.error is None:  # closed well: the row is what it spans
            return self.closed(scan, taken, read.last, source, twin)
        # the quote never closed well: a row starts after the line it opened on, never before
        closed_at = len(taken) - 1 if scan.error is not None else -1
        width = self.width or ANY_WIDTH
        head, rest, at = self.resync(first, taken, source, width, scan.open_line, closed_at)
        source.push(rest)
        if at is None:
            return head.row(problem=problem or scan.error)
        return head.row(problem=f"a quote opened here is not closed (rows resume at line {at})")

    def follow(
        self, first: Line, scan: RowScan, source: LineSource, taken: Spooled, shapes: Shapes
    ) -> Followed | None:
        """The open quoted cell read on, line by line (each taken), until the row ends or a
        quote fails: how it ended, and how many of its lines read alone as rows of the table
        (`alone`). None: the lines ended where a compressed file breaks (cut short)."""
        problem = None
        last = first
        rows_inside = 0  # lines taken that read alone as rows of the table (`stands_alone`)
        opens = False  # the line closing the cell opens one of its own, read alone
        while not scan.done and scan.error is None:
            line = next(source, None)
            if line is None and self.at_break():
                return None
            if line is None:
                problem = "a quote opened here is never closed"
                break
            taken.add(line)
            last = line
            alone, column = self.alone(line, shapes), len(scan.cells)
            if line.text is None:
                scan.skip(line.quotes, line.end)
            else:
                scan.feed(line.text, line.end)
            # the line closing a first column's cell holds the rest of its row: it reads as one
            rows_inside += alone is not None and not (scan.done and column == 0)
            opens = scan.done and alone == GOES_ON and column > 0  # (its closing quote opens
            # a cell of its own: a row only when that cell closes well, `r2,x,",` then `"`;
            # not `r12\t"` then rows, a row as damaged as this one: `reads_on`)
        return Followed(problem, last, rows_inside, opens)

    def stray_or_twin(
        self, read: Followed, scan: RowScan, source: LineSource, shapes: Shapes
    ) -> tuple[str | None, int]:
        """A cell closed well after lines that read as rows, on a first line that is a whole
        row with its quote read as text: a stray quote (a problem) or a twin (no problem, the
        rows inside it for W019)."""
        rows_inside, opens = read.rows_inside, read.opens
        if opens and self.reads_on(read.last, source, shapes):
            # the closing quote opens a cell of its own that closes well on a later line:
            # read as one cell, the line after it would open inside that cell (no twin)
            return f"a quote opened here closes only after {rows_inside:,} rows", 0
        if (rows_inside > 1 or not opens) and scan.bare > 0:
            # read as one cell, the row would hold a quote in an unquoted cell after it
            # (`r2,x,",;"`: `;"`), which no csv writer writes: no twin, a stray quote
            return f"a quote opened here closes only after {rows_inside:,} rows", 0
        if rows_inside > 1 or not opens:
            # closed well, but only after lines that are rows of the table (`3,Review 3`,
            # ..., `48,The lead is 6'2"`), and the line it opened on is a whole row with
            # the quote as text: byte for byte, a cell of several lines (as the csv module
            # writes one) and a stray quote closed by an inch mark. Read as the csv module
            # reads it, the row whole (the other reading made the row an E010 and records
            # of the cell's lines, invented when the cell was a cell); W019 names the lines
            # that read as rows, so that a stray quote's rows are found in this record's text
            return None, rows_inside
        return None, 0

    def closed(
        self, scan: RowScan, taken: Spooled, last: Line, source: LineSource, twin: int
    ) -> Row:
        """The row whose quoted cell closed well: what it spans (too long, or its cells, the
        lines a bare CR joins to it after)."""
        taken.close()
        head = taken.head
        if scan.too_long:
            return head.row(problem="row too long", too_long=True, over=scan.over)
        kept = Kept()
        self.join_bare_crs(scan, last, source, kept)
        for line in kept:
            head.add(line)
        return head.row(cells=scan.cells, rows_inside=twin)

    def join_bare_crs(self, scan: RowScan, last: Line, source: LineSource, kept: Kept) -> None:
        """A row that ended at a bare CR outside a quoted cell, in a file whose line ends are
        mostly not CR, goes on when the CR is text in one of its cells: the row is short of
        the header's width and the line after it completes it without going over (a CR in
        any cell: `cr,Text with\rcarriage,x` under `id,text,extra`), or the line after it
        holds one cell and the row has two or more (a CR in the last cell). Otherwise the CR
        ends the row: a section of CR line ends (its rows have the header's cells), a
        one-column file (as pandas and the csv module read it)."""
        while last.end == "\r" and last.text is not None and scan.cells:
            line = next(source, None)
            if line is None:
                return
            after = self.scan()
            taken = Kept([line])
            if line.text is not None and not (
                self.quoted and line.text.startswith(self.marks.quote)
            ):
                after.feed(line.text, line.end)
                while not after.done and after.error is None and not self.over_span(taken):
                    more = next(source, None)  # a quoted cell of the row's rest spans lines
                    if more is None or more.text is None:
                        taken += [] if more is None else [more]  # put back with the rest
                        break
                    taken.add(more)
                    after.feed(more.text, more.end)
            if not (after.done and after.error is None and after.cells):
                source.push(taken)
                return
            joined = [*scan.cells[:-1], scan.cells[-1] + "\r" + after.cells[0], *after.cells[1:]]
            short = len(scan.cells) < self.width and len(joined) <= self.width
            in_last = len(scan.cells) >= 2 and len(after.cells) == 1
            if not (short or in_last):
                source.push(taken)
                return
            for taken_line in taken:
                kept.add(taken_line)
            line = taken[-1]
            scan.cells = joined
            scan.chars += after.chars + 1
            last = line

    def over_span(self, kept: Kept) -> bool:
        return kept.full(SPAN_LIMIT * self.limit)

    def resync(
        self,
        first: Line,
        taken: Spooled,
        source: LineSource,
        width: int,
        start: int = 0,
        closed_at: int = -1,
    ) -> tuple[Head, Iterator[Line], int | None]:
        """Where rows start again among the lines `taken` after `first` by a quote that never
        closed well: the raw text before that line (with `first`), the lines from it on (to be
        read again), and its number (None: no row starts there, the error covers them all).

        A row starts at the first line that reads well (its quotes close well) with `width`
        cells (the header's; any, for a damaged header). From `start` (the line after the one
        the failing quote opened on), it also starts at a line that reads well with any number
        of cells: a row of the wrong width fails alone (it was folded into the damaged row's
        error), a row whose first line ends at a bare CR in a cell reads short and is joined
        whole once read as a row (it was lost into the error); but not at a line whose unquoted
        cell ends with a quote that closes nothing (`film",en`: the cell's last line, after a
        quote inside it closed it badly, hostile43 H15), nor at the line whose quote
        closed the cell badly (`closed_at`: the cell's end, `"two` / `lines" x`) unless that
        quote opens one of its cells (`extra,"a"`: a row's own quoted cell), but its first
        one in a row shorter than `width` (`"film",en`: the damaged cell's last line, a
        quote put before it). And from
        `start` at a line that opens a quote in one of its `width` cells and does not read well
        (a row damaged as the one before: consecutive stray quotes each fail their own row).
        A candidate row that goes on past `taken` reads on from `source`. Linear: a candidate
        reads more than its line only when it opens a quote, and is then accepted (from
        `start`) or bounded by the span limit (`candidate`, `starts_row`)."""
        lines = iter(taken)
        total = len(taken)
        window = Window(lines, source)  # the candidate row's lines, from kept[at]
        head = Head(first)
        head.add(first)
        for at in range(total):
            line = window.lines[0] if window.lines else window.more()
            assert line is not None
            if line.text is not None and line.text.strip() and width:
                scan = self.candidate(window)
                if self.starts_row(scan, at, start, closed_at, width):
                    return head, itertools.chain(window.lines, lines), line.number
            window.lines.popleft()
            window.chars -= len(line.text or "")
            head.add(line)
        return head, itertools.chain(window.lines, lines), None

    def candidate(self, window: Window) -> RowScan:
        """The row that starts at the window's first line, read until it ends, fails, or its
        lines go past the span limit (or past the lines there are)."""
        scan = self.scan()
        lines = window.lines
        i = 0
        while True:
            text = lines[i].text
            if text is None:
                break
            scan.feed(text, lines[i].end)
            if scan.done or scan.error is not None:
                break
            i += 1
            too_many = window.chars > SPAN_LIMIT * self.limit or i > SPAN_LINES
            if i == len(lines) and (too_many or window.more() is None):
                break
        return scan

    def starts_row(self, scan: RowScan, at: int, start: int, closed_at: int, width: int) -> bool:
        """Whether the candidate row read from line `at` of the span (`scan`) is where rows
        start again (see `resync`)."""
        well = scan.done and scan.error is None
        # the line that closed the cell badly, its quote opening its first cell, and
        # short: the cell's last line with a stray quote before it (`"film",en`), whose
        # reading as a short row is a record invented (hostile43 H15); wider, a row;
        # of the width, a row when its typed cells have the rows' shapes (`bad;" very
        # bad";fr` is a cell's last line with a quote put inside it)
        own = (
            at != closed_at
            or scan.opened_at > 0
            or len(scan.cells) >= width
            or self.short_row_shaped(scan.cells)
        )
        return (
            (
                well
                and (scan.too_long or width == ANY_WIDTH or fits(scan.cells, width))
                and (at != closed_at or self.shaped(scan.cells, self.shapes, False))
            )
            or (
                at >= start
                and well
                and own
                and not scan.closes_nothing  # the cell's last line (`film",en`)
            )
            or (
                at >= start
                and scan.opened_at >= 0
                and (not well or own)
                and (width == ANY_WIDTH or scan.opened_at < width)
            )
        )

    def short_row_shaped(self, cells: list[str]) -> bool:
        """Whether a short line at the quote that closed a damaged cell badly is a ragged row
        on the rows' evidence: no column typed yet (nothing tells it from the cell's last
        line, and a ragged row is read), or typed columns among its cells, all of the rows'
        shapes. A typed column it lacks or breaks (`"film",en` under ids `r1`) makes it the
        cell's last line (hostile43 H15)."""
        typed = self.shapes.typed()
        if not typed:
            return True
        among = [i for i in typed if i < len(cells)]
        return bool(among) and self.shaped(cells, self.shapes, False)


SHAPE_CHARS = 40  # a longer cell is text, not an id or a date: no shape
WHOLE, GOES_ON = "whole", "goes on"  # how a line reads alone as a row (`RowSplitter.alone`)


def shape(cell: str) -> str | None:
    """A cell's shape: digits as `9`, letters as `a`, runs of one kind as one (`17` -> `9`,
    `2024-05-01` -> `9-9-9`, `r12` -> `a9`); None for a long cell or one with blanks (text)."""
    if not cell or len(cell) > SHAPE_CHARS or any(c.isspace() for c in cell):
        return None
    out: list[str] = []
    for c in cell:
        kind = "9" if c.isdigit() else "a" if c.isalpha() else c
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


class Shapes:
    """The shape each column's cells have had in every row read (None once two differ): a
    column whose shape holds a digit is typed (ids, dates, counts). A stray quote's span is
    told from a quoted cell's lines by them: rows swallowed by a stray quote keep the typed
    columns' shapes (`3,Review 3`), a review's lines do not (`Best film, no doubt`). And
    whether each column's cells open with a blank (None once two differ; a column not yet
    seen, no): a line of text after a delimiter and a space (`12, rue des Ecoles`, `2, the
    music`) is no row of a table whose cells never open so."""

    def __init__(self, cells: list[str] | None = None) -> None:
        self.columns: list[str | None] | None = None
        self.blanks: list[bool | None] = []
        if cells:
            self.learn(cells)

    def learn(self, cells: list[str]) -> None:
        shapes = [shape(c) for c in cells]
        blanks: list[bool | None] = [spaced(c) for c in cells]
        if self.columns is None:
            self.columns, self.blanks = shapes, blanks
            return
        self.columns = [a if a == b else None for a, b in zip(self.columns, shapes, strict=False)]
        self.blanks = [a if a == b else None for a, b in zip(self.blanks, blanks, strict=False)]

    def typed(self) -> list[int]:
        """The columns whose one shape holds a digit."""
        return [i for i, s in enumerate(self.columns or []) if s is not None and "9" in s]

    def match(self, cells: list[str], quoted: set[int] | None = None) -> bool:
        """Whether `cells` have the typed columns' shapes and open with a blank only where
        cells have (a `quoted` cell's blanks are its text: `"\tx"` is no text after a tab)."""
        assert self.columns is not None
        if not all(shape(cells[i]) == self.columns[i] for i in self.typed() if i < len(cells)):
            return False
        known = self.blanks
        return not any(
            spaced(c) and (known[i] if i < len(known) else False) is False
            for i, c in enumerate(cells)
            if not quoted or i not in quoted
        )


def spaced(cell: str) -> bool:
    """Whether a cell opens with a space or a tab, as text after a delimiter does (`, rue`);
    a quoted cell opening with its line break is no such cell."""
    return cell[:1] in (" ", "\t", "\u00a0")


def fits(cells: list[str], width: int) -> bool:
    """`width` cells, or more when the ones past it are empty (a trailing delimiter)."""
    return len(cells) >= width and not any(cells[width:])


def span(first: Line, lines: list[Line]) -> Head:
    head = Head(first)
    head.add(first)
    for line in lines:
        head.add(line)
    return head


def logical_lines(decoded: Iterable[Decoded]) -> Iterator[Line]:
    """Decoded lines: LF, CRLF and a bare CR each end one (`pipeline.io.encoding.line_stream`),
    numbered as the file's lines are counted: at each LF or CRLF, and at a bare CR only in a
    file of CR line ends (a bare CR elsewhere is text, in a cell or not: the row after one
    counted it as a line, so every later line number was one too many). A quoted cell keeps
    the line ends it spans (LF for CRLF, and for a bare CR in a file of CR line ends; a bare
    CR elsewhere stays CR); a bare CR in an unquoted cell is joined back by
    `RowSplitter.join_bare_crs`. A byte-order mark opening a line is taken off (concatenated
    exports: `cat a.csv b.csv` puts the second one's mark before its header), as the JSONL
    and text readers do."""
    number: int | None = None
    piece = 0
    for first, byte, text, end, bare_cr, quotes, size in crcrlf(decoded):
        number = first if number is None else number
        if text is not None and text.startswith(BOM):
            text = text.lstrip(BOM)
        if end == "\r\n" and text is not None and text.endswith("\r"):
            text, end = text[:-1], "\r\r\n"  # Python's csv.writer on Windows in text mode
        yield Line(number, byte, text, end, bare_cr, quotes, size, piece)
        if end == "\r":  # only for a bare CR in a file whose line ends are not CR
            piece += 1
        else:
            number, piece = number + 1, 0


def crcrlf(decoded: Iterable[Decoded]) -> Iterator[Decoded]:
    """The lines with a CR directly before a CRLF taken as part of that line end (`\r\r\n`,
    what Python's csv module writes on Windows to a file opened without `newline=''`): as a
    bare CR it was text in the row's last cell (`text\r` as the last header name: every row
    failed E005 when the text column was last; `5\r` in meta)."""
    held: Decoded | None = None
    for line in decoded:
        if held is not None:
            if line.text == "" and line.end == "\r\n":
                yield held._replace(end="\r\r\n", bare_cr=False)
                held = None
                continue
            yield held
            held = None
        if line.end == "\r" and line.text is not None:
            held = line
            continue
        yield line
    if held is not None:
        yield held
