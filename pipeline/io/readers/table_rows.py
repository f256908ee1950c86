"""Lines of a delimited file to rows, where a damaged row never swallows, invents or empties
another: the row splitter behind `table.py`.

The csv module reads a quote that is never closed to the end of the file, and after a field
over its limit it goes on inside the cell, reading each of the cell's lines as a row. Here a
row is read by a small tokenizer (RFC 4180: a quote opens a field only at its start, `""` in a
quoted field is a quote, a closing quote is followed by the delimiter or the line end), and a
quoted field that spans lines is judged in hindsight:

- it closes well (the closing quote followed by a delimiter or the line end): the row is
  what it spans, whatever its lines look like (a long review with commas in its
  paragraphs; a cell over the size limit whose lines each look like rows: one E009 for the
  whole cell, never a record per line; a row of the wrong width: one E010 for its lines);
- it never closes (end of file), closes badly (text after the closing quote), or meets a
  line too long to decode: the quote is judged unclosed, and the row is resynchronised at
  the first line it swallowed where a row starts: it reads well (its quotes close well, the
  header's width), or it opens a quote in one of the header's cells and does not read well
  (a row damaged as this one: consecutive rows each opening a stray quote, each closed
  badly by the next one's, are each their own error; they were one error for all). What
  came before that line is one E010 error with its raw text and line range; when no such
  line exists, the error covers the whole span (those lines could not be rows anyway). A
  line of the wrong width with no quote in the span is no row's start: it is the damaged
  cell's text as far as any reader can tell.

Measured with the property test (tests/test_table_reader.py, every damage at random rows):
resynchronising at the first line that stands alone keeps every undamaged row; accepting a
span only when no swallowed line stands alone (the eager rule) split legitimate multi-line
cells in two-column files whenever a paragraph held one comma, and capping the span in lines
mis-reads long cells; resynchronising a well-closed row of the wrong width made records of
lines inside its cells (a one-column file's `","` line). The one case left ambiguous: an
unclosed quote closed, rows later, by a stray quote just before a delimiter or a line end:
it is read as one row (a record, or one E010 when its width is wrong), as the csv module
and pandas read it.

Memory is bounded: the lines kept for a resynchronisation are at most `SPAN_LIMIT` line
limits; a span past that is judged unclosed at that point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pipeline.io.encoding import Decoded

QUOTE = '"'
BOM = "\ufeff"
HEAD_CHARS = 500  # the raw text an error keeps of what it skipped
ANY_WIDTH = -1  # a damaged header's rows resume at the first line that reads well, any width
SPAN_LIMIT = 16  # a quoted span is followed for at most this many line limits of text
BODY = re.compile('[^"]*(?:""[^"]*)*')  # a quoted field's text on one line (unrolled: linear)


@dataclass(frozen=True)
class Line:
    """One line of the file: its number (as an editor counts them: CR, LF and CRLF each end
    a line), its byte offset, its text (None when over the line limit), and the line end a
    cell spanning it keeps."""

    number: int
    byte: int
    text: str | None
    end: str = "\n"
    bare_cr: bool = False  # the line ends with a bare CR (perhaps text in an unquoted cell)
    quotes: int = 0  # of a line too long to decode: a quoted cell is followed through it
    size: int = 0  # of a line too long to decode, in bytes


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

    @property
    def lines(self) -> str:
        n = self.first.number
        return f"line {n}" if self.last == n else f"lines {n}-{self.last}"


class RowScan:
    """The cells of one row, fed a line at a time: `done` once the row ends, `error` when a
    quote is malformed. Cells past `limit` characters in all are not kept (`too_long`)."""

    def __init__(self, delimiter: str, quoted: bool, limit: int) -> None:
        self.delimiter, self.quoted, self.limit = delimiter, quoted, limit
        self.cells: list[str] = []
        self.open: list[str] | None = None  # the parts of a quoted field still open
        self.chars = 0
        self.done = False
        self.error: str | None = None
        self.too_long = False
        self.quoted_fields = 0
        self.open_chars = 0
        self.opened_at = -1  # the cell the first quoted field opened (its index)
        self.fed = 0  # lines fed
        self.open_line = 0  # the line (as fed, from 0) the last quoted field opened on

    def add(self, cell: str) -> None:
        self.chars += len(cell)
        if self.chars > self.limit:
            self.too_long = True
        self.cells.append("" if self.too_long else cell)

    def feed(self, text: str, end: str) -> None:
        self.fed += 1
        d, n = self.delimiter, len(text)
        if self.open is None and (not self.quoted or QUOTE not in text):
            for cell in text.split(d):
                self.add(cell)
            self.done = True
            return
        pos = 0
        if self.open is not None:
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
        if pos < len(text) and text[pos] == QUOTE:
            self.open, self.open_chars = [], 0
            self.open_line = self.fed - 1
            if self.opened_at < 0:
                self.opened_at = len(self.cells)
            self.quoted_fields += 1
            return self.quoted_field(text, pos + 1, end)
        stop = text.find(self.delimiter, pos)
        stop = len(text) if stop < 0 else stop
        self.add(text[pos:stop])
        return stop

    def quoted_field(self, text: str, pos: int, end: str) -> int:
        assert self.open is not None
        match = BODY.match(text, pos)
        assert match is not None  # the pattern matches the empty string
        stop = match.end()
        part = match.group().replace('""', QUOTE)
        self.open.append(part)
        self.open_chars += len(part)
        if stop == len(text):  # the field goes on to the next line
            self.open.append(end)
            self.open_chars += len(end)
            if self.chars + self.open_chars > self.limit:
                self.too_long, self.open = True, [""]
            return -1
        after = stop + 1  # text[stop] is the closing quote
        if after < len(text) and text[after] != self.delimiter:
            self.error = f"text after a closing quote (column {after + 1})"
            return -1
        cell, self.open = "".join(self.open), None
        self.add(cell)
        return after


class Kept(list[Line]):
    """Lines kept for a resynchronisation, and how many characters they hold."""

    chars = 0

    def add(self, line: Line) -> None:
        self.append(line)
        self.chars += len(line.text or "")  # what is held (a line too long is not)


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


class RowSplitter:
    """Rows of a delimited file, `width` the header's (0 before the header is read)."""

    def __init__(self, delimiter: str, quoted: bool, limit: int) -> None:
        self.delimiter, self.quoted, self.limit = delimiter, quoted, limit
        self.width = 0

    def fits(self, cells: list[str]) -> bool:
        """The header's width; cells past it are allowed when empty (a trailing delimiter)."""
        return fits(cells, self.width)

    def rows(self, source: LineSource) -> Iterator[Row]:
        for first in source:
            if first.text is None and not (self.quoted and first.quotes % 2):
                yield Row(first, first.number, "", 0, problem="line too long", too_long=True)
                continue
            yield self.row(first, source)

    def row(self, first: Line, source: LineSource) -> Row:
        scan = RowScan(self.delimiter, self.quoted, self.limit)
        if first.text is None:
            scan.skip(first.quotes, first.end)
        else:
            scan.feed(first.text, first.end)
        kept = Kept()  # the lines after the first, read again on a resynchronisation
        problem = None
        while not scan.done and scan.error is None:
            line = next(source, None)
            if line is None:
                problem = "a quote opened here is never closed"
                break
            kept.add(line)
            if self.over_span(kept):
                problem = "a quoted cell spans more text than the limit allows"
                break
            if line.text is None:
                scan.skip(line.quotes, line.end)
            else:
                scan.feed(line.text, line.end)
        if problem is None and scan.error is None and not scan.too_long:
            self.join_bare_crs(scan, kept[-1] if kept else first, source, kept)
        problem = problem or scan.error
        if problem is not None and kept:
            # a row starts after the line its failing quote opened on, never before
            at = self.resync(kept, source, self.width or ANY_WIDTH, scan.open_line)
            if at is not None:
                source.push(kept[at:])
                problem = (
                    f"a quote opened here is not closed (rows resume at line {kept[at].number})"
                )
                return span(first, kept[:at]).row(problem=problem)
        head = span(first, kept)
        if problem is not None:
            return head.row(problem=problem)
        if scan.too_long:
            return head.row(problem="row too long", too_long=True)
        return head.row(cells=scan.cells)

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
            after = RowScan(self.delimiter, self.quoted, self.limit)
            taken = Kept([line])
            if line.text is not None and not (self.quoted and line.text.startswith(QUOTE)):
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
        return kept.chars > SPAN_LIMIT * self.limit

    def resync(self, kept: Kept, source: LineSource, width: int, start: int = 0) -> int | None:
        """The first of `kept` where a row starts: it reads well (its quotes close well,
        `width` cells: the header's; any, for a damaged header), or (from `start`, the line
        after the one the failing quote opened on) it opens a quote in one of its `width`
        cells and does not (a row damaged as the one before: consecutive stray quotes each
        fail their own row), reading on from `source` into
        `kept` when that row goes on. A line of the wrong width with no quote is no row's
        start: the text of the damaged cell, or a row no reader can tell from it."""
        for at, line in enumerate(kept):
            if line.text is None or not line.text.strip() or not width:
                continue
            scan = RowScan(self.delimiter, self.quoted, self.limit)
            i = at
            while True:
                text = kept[i].text
                if text is None:
                    break
                scan.feed(text, kept[i].end)
                if scan.done or scan.error is not None:
                    break
                i += 1
                if i == len(kept):
                    more = next(source, None)
                    if more is None or self.over_span(kept):
                        break
                    kept.add(more)
            if (
                scan.done
                and scan.error is None
                and (scan.too_long or width == ANY_WIDTH or fits(scan.cells, width))
            ):
                return at
            if (
                at >= start
                and scan.opened_at >= 0
                and (width == ANY_WIDTH or scan.opened_at < width)
            ):
                return at  # a row damaged by a quote, as the one before: it stands alone
        return None


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
    """Decoded lines: LF, CRLF and a bare CR each end one, as an editor counts them
    (`pipeline.io.encoding.line_stream`). A quoted cell keeps the line ends it spans (LF for
    CRLF, and for a bare CR in a file of CR line ends; a bare CR elsewhere stays CR); a bare
    CR in an unquoted cell is joined back by `RowSplitter.join_bare_crs`. A byte-order mark
    opening a line is taken off (concatenated exports: `cat a.csv b.csv` puts the second one's
    mark before its header), as the JSONL and text readers do."""
    for number, byte, text, end, bare_cr, quotes, size in decoded:
        if text is not None and text.startswith(BOM):
            text = text.lstrip(BOM)
        yield Line(number, byte, text, end, bare_cr, quotes, size)
