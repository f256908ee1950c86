"""Delimited files (`.csv`, `.tsv`): one record per row after the header.

Rows are cut by `table_rows.RowSplitter` (a damaged row is one error with its raw text and
line range, and reading resumes at the next line that is a row). TSV is read as TSV: a line
is a row and quotes are text (IMDb datasets, PostgreSQL COPY, the Linear TSV convention), unless
the file is clearly quoted (`tsv_is_quoted`, on the whole file: spreadsheets'
"tab-delimited text").
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from pipeline.errors import Code, Warn
from pipeline.io import jsonvalues
from pipeline.io.discover import InputFile
from pipeline.io.encoding import Decoded, Layout, file_layout
from pipeline.io.padding import NUL_RUN, strip
from pipeline.io.readers.base import (
    Fields,
    FormatReader,
    Lines,
    WarningSink,
    failed,
    ignore_warning,
    too_long,
)
from pipeline.io.readers.jsonl import OBJECT_FIELDS_BYTES
from pipeline.io.readers.objects import from_object
from pipeline.io.readers.registry import register
from pipeline.io.readers.table_dialect import SAMPLE_ROWS, escape_of, hint, sniff
from pipeline.io.readers.table_rows import (
    CUT_SHORT,
    QUOTE,
    RFC4180,
    SPAN_LIMIT,
    LineSource,
    Marks,
    Row,
    RowScan,
    RowSplitter,
    Shapes,
    TextCell,
    logical_lines,
    shape,
)
from pipeline.record import Location, Record, dropped_record

if TYPE_CHECKING:
    from pipeline.shards import Part


def tsv_is_quoted(
    lines: Iterable[str | None],
    whole: bool = True,
    delimiter: str = "\t",
    marks: Marks = RFC4180,
) -> bool:
    """A TSV file is quoted CSV-style when more of its fields that open with a quote close
    well (the closing quote before a tab or the line end, quotes inside doubled) than do not,
    counted over the whole file: then its few damaged rows fail alone (the row splitter's
    resynchronisation) and every other row keeps its quoted reading. Text that merely holds
    quotes (IMDb's `"Weird Al" Yankovic`, `"open` never closed) has more fields that close
    badly or never: read as written. One streaming pass, holding nothing of the lines.

    Decided before on a single cell: one unclosed quote, or one quoted cell spanning lines
    that each read alone as rows, switched the whole file to quotes-as-text (Excel's and R's
    tab-delimited exports: 642 of 1,003 good rows right in a generated set, R's `write.table`
    output no record at all). Such a span still counts against quoting (its lines read alone
    make more rows of the header's width than the quoted reading: `r1\t"Stray\tx`,
    `r2\tplain\tx`, `r3\tends"\tx`), as one field that closed badly. In a one-column file
    every line is such a row: a quote there spanning lines is text. A line too long to
    decode is not judged; a field still open at the end (`whole` False: the lines are a
    sample) is not held against it."""
    evidence = QuotingEvidence(delimiter, marks)
    for text in lines:
        evidence.add(text)
    return evidence.quoted(whole)


class QuotingEvidence:
    """`tsv_is_quoted`'s count, a line at a time: quoted fields that close well (`good`), and
    those that close badly, never close, or close only after lines that read alone as rows of
    the table (`bad`: the header's width and, where rows so far share them, the shapes of
    their typed columns, `table_rows.Shapes`: a quoted cell's lines of text do not start
    with an id)."""

    def __init__(self, delimiter: str, marks: Marks = RFC4180) -> None:
        self.delimiter, self.marks = delimiter, marks
        self.scan: RowScan | None = None
        self.good = self.bad = self.width = 0
        self.rows = 0  # rows ended well, the header first
        self.plain_fit = 0  # the current row's lines that alone are rows of the table
        self.learned = Shapes()  # of the rows read so far, plain (split at the delimiter)
        self.reference = self.learned

    def quoted(self, whole: bool) -> bool:
        return self.good > self.bad + (self.scan is not None and whole)

    def row_like(self, text: str) -> bool:
        cells = text.split(self.delimiter)
        if len(cells) != self.width:
            return False
        return not self.reference.typed() or self.reference.match(cells)

    def start(self, text: str) -> None:
        """A row starts at `text`."""
        self.scan = RowScan(self.delimiter, True, 0, marks=self.marks)  # 0: no cell is kept
        if self.learned.columns is not None:
            self.reference = self.learned
        else:  # before any row: the shapes of the row's own first line
            self.reference = Shapes(text.split(self.delimiter))
        self.plain_fit = 0

    def add(self, text: str | None) -> None:
        if text is None:
            self.scan = None
            return
        if not self.width:
            if not text.strip() or hint(text) is not None:  # Excel's `sep=X` line: no row
                return
            self.width = text.count(self.delimiter) + 1  # the header: evidence, no shapes
        if self.scan is None:
            self.start(text)
        assert self.scan is not None
        self.feed(text)
        if self.scan is not None and self.scan.error is not None and self.scan.fed > 1:
            self.bad += 1  # a span closed badly on this line: rows resume here
            self.start(text)  # (`RowSplitter.resync`), so the line starts a row again
            self.feed(text)
        scan = self.scan
        if scan is None or (not scan.done and scan.error is None):
            return
        if scan.error is not None:
            self.bad += 1
        elif scan.quoted_fields and self.plain_fit > (len(scan.cells) == self.width):
            self.bad += 1  # its lines are rows: a quote that opens one and ends another;
            self.start(text)  # the line closing it starts a row again
            self.feed(text)
            self.add_done()
            return
        else:
            self.good += scan.quoted_fields
            if scan.fed == 1 and self.row_like(text) and self.rows:
                self.learned.learn(text.split(self.delimiter))
            self.rows += 1
        self.scan = None

    def feed(self, text: str) -> None:
        assert self.scan is not None
        self.plain_fit += self.row_like(text)
        self.scan.feed(text, "\n")

    def add_done(self) -> None:
        scan = self.scan
        assert scan is not None
        if scan.error is not None:
            self.bad += 1
        elif scan.done:
            self.good += scan.quoted_fields
        else:
            return
        self.scan = None


@dataclass
class Preamble:
    """What `CsvReader.outcomes` knows of a table's header: its names once read (`header`,
    and its cells as written), the row it could not be read from (`broken`), the rows read
    so far (blank lines aside), the comment lines still allowed before it."""

    comments: int
    header: list[str] | None = None
    header_cells: list[str] | None = None
    broken: Row | None = None
    seen: int = 0


@register(".csv")
class CsvReader(FormatReader):
    """One record per CSV row after the header; `line` and `byte` are where the row starts.
    Quoted fields may hold delimiters and line breaks; a damaged row (a quote never closed or
    closed badly, a row of the wrong width, a row over the size limit) fails alone, E010 (E009
    for size) with its raw text (the first 500 characters) and line range, and never takes
    another row with it. Lines may end in LF, CRLF or CR. Columns other than the text and id
    go to `meta`; a header that repeats a column name keeps every column (`NAME.1`, ...), an
    empty header cell is named `column_N`. A row may have more cells than the header only
    when the extra ones are empty (a trailing delimiter)."""

    delimiter = ","
    detailed = True

    @property
    def line_bytes(self) -> int:
        """Lines up to `SPAN_LIMIT` row limits and the other columns' budget are decoded (a
        row over its limits is then one error over its lines, its quotes followed); a longer
        line is skipped unread, E009, and what follows it is read as rows (its quotes
        unknown)."""
        return SPAN_LIMIT * self.row_limit + OTHER_CELLS_CHARS

    @property
    def row_limit(self) -> int:
        """The most characters the text cell and the id cell each hold (4 x --max-chars, as a
        line elsewhere; a text over --max-chars within it fails E009 as a record)."""
        return 4 * self.settings.max_chars

    @property
    def row_total(self) -> int:
        """The most characters a row holds: the text's limit and, for the other columns, the
        room a JSONL line has beside its text (`OTHER_CELLS_CHARS`)."""
        return self.row_limit + OTHER_CELLS_CHARS

    quoting: bool | None = None  # decided by `read` from the whole file
    separator: str | None = None  # the file's delimiter, decided by `read` (`dialect`)
    marks: Marks = RFC4180  # the file's quote and escape, decided by `read` (`escapes`)

    def quoted(self, part: Part) -> bool:
        """Whether the file's quotes are CSV quoting (always, for CSV, unless `--quote-char
        none`, or the quote named is the file's delimiter)."""
        return self.settings.quote_char != "" and self.marks.quote != self.separator

    def head(self, part: Part) -> list[str | None]:
        """The texts of the file's first lines, what its dialect is decided on."""
        lines = self.lines(part, ignore_warning)
        try:
            return [line.text for line in itertools.islice(lines, 1 + SAMPLE_ROWS)]
        finally:
            getattr(lines, "close", lambda: None)()  # the file, open while lines are read

    def dialect(self, part: Part, head: list[str | None]) -> str:
        """The file's delimiter: `--delimiter`, else its `sep=X` line, else the candidate most
        of its first rows read with (`table_dialect.sniff`), the format's own on a tie."""
        if self.settings.delimiter:
            return self.settings.delimiter
        first = next((t for t in head if t is None or t.strip()), None)
        quote = self.settings.quote_char
        marks = Marks(quote or QUOTE, self.settings.escape_char or "")
        return hint(first) or sniff(head, self.delimiter, quote != "", marks)

    def escapes(self, head: list[str | None]) -> Marks:
        """The file's quote (`--quote-char`, else `"`) and escape (`--escape-char`, else a
        backslash when its first rows read by it and not without it: `table_dialect.escape_of`)."""
        settings = self.settings
        quote = settings.quote_char or QUOTE
        escape = settings.escape_char
        delimiter = self.separator or self.delimiter
        if escape is None:
            escape = escape_of(head, delimiter, settings.quote_char != "", quote)
        return Marks(quote, "" if escape == delimiter else escape)

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        settings = self.settings
        stated = settings.delimiter and settings.escape_char is not None
        head = [] if stated else self.head(part)  # (nothing left to decide on it)
        self.separator = self.dialect(part, head)
        self.marks = self.escapes(head)
        layout = part.layout or file_layout(part.file.path)
        self.lf_rows = layout.cr_lines and self.rows_end_at_lf(part)
        self.quoting = self.quoted(part)
        sample = self.sample(part)
        self.comments = comment_lines(sample, {*self.fields.text, *self.fields.id})
        sample = sample[self.comments :]
        self.headerless = self.settings.header is False or (
            self.settings.header is None and self.no_header(sample)
        )
        self.unnamed = unnamed_columns(sample, self.headerless)
        yield from super().read(part, warn)

    headerless = False  # the file's first row is data, not names (`no_header`)
    comments = 0  # `#` lines before the header (`comment_lines`)
    unnamed = 0  # columns past the header's names that its rows all have (`unnamed_columns`)

    def sample(self, part: Part) -> list[Row]:
        """The file's first rows that read (no blank line, no `sep=` hint), as the reader
        reads them: what the header, comment and column decisions look at."""
        lines = self.lines(part, ignore_warning)
        rows: list[Row] = []
        try:
            splitter = RowSplitter(self.separator or self.delimiter, bool(self.quoting),
                                   self.row_limit, marks=self.marks)  # fmt: skip
            source = LineSource(logical_lines(cast(Iterable[Decoded], lines)))
            for tried, row in enumerate(splitter.rows(source)):
                if tried > 4 * SAMPLE_DATA_ROWS:
                    break
                if row.cells is None or hint(row.raw) is not None or not row.raw.strip():
                    continue
                rows.append(row)
                if len(rows) > SAMPLE_DATA_ROWS:
                    break
        finally:
            getattr(lines, "close", lambda: None)()
        return rows

    def no_header(self, sample: list[Row]) -> bool:
        """Whether the file has no header (Sentiment140 and many dataset dumps): its first row
        holds no column the user names (`--text-field`, `--id-field`), a number or date in a
        column whose next rows all have that cell's shape (`table_rows.shape`: `0`, `4`, `0`),
        and a sentence (a cell of four words or 30 characters: no header names a column so).
        Its columns are then `column_1`, ...: the first row was consumed as the header and
        was in no output."""
        fields = self.fields
        names = {*fields.text, *fields.id}
        rows = [row.cells for row in sample[:21] if row.cells is not None]
        if len(rows) < 3 or any(c.strip() in names for c in rows[0]):
            return False
        first, rest = rows[0], [r for r in rows[1:] if len(r) == len(rows[0])]
        if len(rest) < 2:
            return False
        sentence = any(len(c) >= 30 or len(c.split()) >= 4 for c in first)
        typed = any(
            (kind := shape(cell)) is not None
            and "9" in kind
            and all(shape(r[i]) == kind for r in rest)
            for i, cell in enumerate(first)
        )
        return sentence and typed

    lf_rows = False  # a file with more bare CRs than LFs whose rows end at LF (`read`)

    def lines(self, part: Part, warn: WarningSink, layout: Layout | None = None) -> Iterator[Any]:
        layout = layout or part.layout or file_layout(part.file.path)
        if self.lf_rows:
            layout = replace(layout, cr_lines=False)
        return super().lines(part, warn, layout)

    def rows_end_at_lf(self, part: Part) -> bool:
        """Whether a file whose bare CRs outnumber its LFs has its rows at LF all the same:
        its first lines, cut at LF (or CRLF) only, each read as one row of the header's width
        (two or more cells) with the bare CRs as text in their cells. Decided on those rows,
        not on counts: an LF file whose cells hold classic-Mac line breaks (text pasted from
        old tools, web forms) was re-read as CR-ended as soon as its CRs outnumbered its LFs
        (records cut to their first line, every later line number wrong, one row's fate
        decided by the CRs of the others); a file of CR line ends does not read so (its first
        LF line holds many rows)."""
        self.lf_rows = True  # the lines cut at LF, a bare CR kept as `end` "\r"
        lines = self.lines(part, ignore_warning)
        try:
            width, rows, scan = 0, 0, None
            text = ""
            for line in itertools.chain(lines, [None]):
                if line is not None and line.text is None:
                    return False
                if line is None and not text:
                    break
                if line is not None:
                    text += line.text + line.end if line.end == "\r" else line.text
                    if line.end == "\r":
                        continue
                scan = scan or RowScan(
                    self.separator or self.delimiter, True, 1 << 30, marks=self.marks
                )
                scan.feed(text, "\n")
                text = ""
                if scan.error is not None:
                    return False
                if not scan.done:
                    continue
                if not width:
                    width = len(scan.cells)
                    if width < 2:
                        return False
                elif len(scan.cells) != width:
                    return False
                rows, scan = rows + 1, None
                if rows > SAMPLE_ROWS:
                    break
            return rows > 1
        finally:
            getattr(lines, "close", lambda: None)()
            self.lf_rows = False

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        quoted = self.quoting if self.quoting is not None else True
        splitter = RowSplitter(
            self.separator or self.delimiter, quoted, self.row_limit, self.at_break, self.marks
        )
        splitter.total = self.row_total
        unpadded = without_padding(cast(Iterable[Decoded], lines), file.source, warn)
        source = LineSource(logical_lines(unpadded))
        for row, record in self.outcomes(file, splitter, source, warn):
            if not record.active and row.chars > len(row.raw):
                record.text_chars = row.chars  # its raw text kept in part (`HEAD_CHARS`)
            yield apart(file, row, record)

    def outcomes(
        self, file: InputFile, splitter: RowSplitter, source: LineSource, warn: WarningSink
    ) -> Iterator[tuple[Row, Record]]:
        """Each row read and its record (or failure, or dropped header)."""
        found = Preamble(comments=self.comments)
        for row in splitter.rows(source):
            if row.cells is None and row.problem == CUT_SHORT:  # reported with the break
                self.unfinished = (row.first.number, row.first.byte, row.raw + "\n")
                continue
            if found.broken is not None:  # no column is known: each row fails alone, whole
                if row.raw.strip() or row.cells is None:
                    yield row, self.headless(file, row, found.broken)
                continue
            if found.header is None and (dropped := self.before_header(file, row, found)):
                yield row, dropped
                continue
            found.seen += bool(row.raw.strip())
            if found.header is None:
                data = yield from self.header_row(file, splitter, row, found, warn)
                if not data:
                    continue
            assert found.header is not None  # (read, or the row was no data)
            record = self.data_row(file, splitter, row, found.header, found.header_cells, warn)
            if record is not None:
                yield row, record

    def headless(self, file: InputFile, row: Row, broken: Row) -> Record:
        """A row after a header that could not be read: no column is known, it fails whole."""
        problem = f"no header: the header ({broken.lines}) could not be read"
        return self.failure(file, row, "row", None if row.cells is None else problem)

    def before_header(self, file: InputFile, row: Row, found: Preamble) -> Record | None:
        """A line before the header that is none: Excel's delimiter hint, a comment."""
        if found.seen == 0 and hint(row.raw) is not None:
            return dropped_line(file, row, "delimiter hint")  # Excel's `sep=;`
        if found.comments and row.raw.strip():
            found.comments -= 1
            return dropped_line(file, row, "comment")  # `# exported by ...`
        return None

    def header_row(
        self,
        file: InputFile,
        splitter: RowSplitter,
        row: Row,
        found: Preamble,
        warn: WarningSink,
    ) -> Generator[tuple[Row, Record], None, bool]:
        """The header read from `row` (its failure, when it cannot be read: `broken`); a
        headerless table's columns named by position, the row then read as data (True)."""
        if row.cells is None:
            found.broken = row
            yield row, self.failure(file, row, "header")
            return False
        if not row.raw.strip():  # blank lines before the header
            return False
        if self.headerless:  # the first row is data: columns named by position
            found.header = [f"column_{i + 1}" for i in range(len(row.cells))]
            self.columns(splitter, found.header)
            return True
        header = self.header(file, row, warn)
        found.header_cells = [row.cells[0].lstrip("\ufeff"), *row.cells[1:]]
        found.header = self.name_unnamed(file, row, header, warn)
        self.columns(splitter, found.header)
        return False

    def data_row(
        self,
        file: InputFile,
        splitter: RowSplitter,
        row: Row,
        header: list[str],
        header_cells: list[str] | None,
        warn: WarningSink,
    ) -> Record | None:
        """A row after the header: its record, its failure, or dropped (None: a blank line)."""
        if row.cells is None:
            return self.failure(file, row, "row")
        if not row.raw.strip() and splitter.delimiter not in row.raw:  # a blank line
            return None
        if not any(cell.strip() for cell in row.cells):  # `,,`: a spreadsheet's empty row
            return dropped_line(file, row, "empty row", "blank")
        first = row.first
        if row.cells == header_cells:  # the header again: concatenated exports
            return repeated_header(file, row)
        if not splitter.fits(row.cells) and not self.short(header, row.cells):
            problem = f"{len(row.cells)} columns where the header has {len(header)}"
            return self.failure(file, row, "row", problem)
        if any(NUL_RUN in cell for cell in row.cells):
            problem = "a run of NUL bytes (a zeroed block) cuts this row: its bytes are lost"
            return self.failure(file, row, "row", problem)
        obj = {name: null(cell) for name, cell in zip(header, row.cells, strict=False)}
        record = from_object(file, first.number, first.byte, obj, row.raw, self.fields, warn)
        if row.rows_inside:  # a cell whose lines read as rows: a stray quote's twin
            warn(Warn.CELL_LINES_ROWS.entry(file.source, first.number, first.byte,
                                            record.id, rows=row.rows_inside,
                                            lines=row.lines))  # fmt: skip
        return record

    header_names: list[str] | None = None  # the file's columns, once its header is read

    def columns(self, splitter: RowSplitter, header: list[str]) -> None:
        """The header read: its width, and the cells the text limit bounds (the text and id
        columns the user names; every other column shares the row's budget, `row_total`)."""
        self.header_names = header
        splitter.width = len(header)
        names = {*self.fields.text, *self.fields.id}
        splitter.named = frozenset(i for i, name in enumerate(header) if name in names)

    @property
    def fields(self) -> Fields:
        """The columns the user names, in NFC as the header's names are (`header`): `Fields`
        holds its names in NFC, for every reader."""
        return self.settings.fields

    def name_unnamed(
        self, file: InputFile, row: Row, header: list[str], warn: WarningSink
    ) -> list[str]:
        """The header with the columns it has no name for (`unnamed`) named `column_N`, each
        warned (W007): rows one column wider than their header (a script's index column, an
        export's trailing date) all failed E010; `csv.DictReader` keeps them (`restkey`)."""
        named, taken = list(header), set(header)
        for i in range(len(header), len(header) + self.unnamed):
            name = f"column_{i + 1}"
            while name in taken:
                name += "_"
            named.append(name)
            taken.add(name)
            why = "the header has no name for this column"
            warn(Warn.FIELD_RENAMED.entry(file.source, row.first.number, row.first.byte,
                                          original="", renamed=name, why=why))  # fmt: skip
        return named

    def short(self, header: list[str], cells: list[str]) -> bool:
        """A ragged row: fewer cells than the header, the text column among them (exports
        that drop a row's trailing empty cells, Google Sheets' TSV): read as pandas and
        `csv.DictReader` read it, the missing columns absent (it failed whole, E010)."""
        text_columns = [header.index(n) for n in self.fields.text if n in header]
        return 0 < len(cells) < len(header) and any(i < len(cells) for i in text_columns)

    def header(self, file: InputFile, row: Row, warn: WarningSink) -> list[str]:
        """Column names: a byte-order mark taken off, in NFC (a header written decomposed, as
        macOS tools may, never matched `--text-field` typed composed: two names that look the
        same), empty ones named `column_N`, repeated ones made unique (each renaming warned,
        W007)."""
        assert row.cells is not None
        cells = [unicodedata.normalize("NFC", c) for c in [row.cells[0].lstrip("\ufeff"),
                                                           *row.cells[1:]]]  # fmt: skip
        named: list[str] = []
        for i, cell in enumerate(cells):
            if cell.strip():
                named.append(cell)
                continue
            name = f"column_{i + 1}"
            named.append(name)
            warn(Warn.FIELD_RENAMED.entry(file.source, row.first.number, row.first.byte,
                                          original=cell, renamed=name,
                                          why="the header cell is empty"))  # fmt: skip
        names = jsonvalues.unique_names((name, None) for name in named)
        for name, _ in names:
            if isinstance(name, jsonvalues.Renamed):
                why = "the header repeats this column name"
                warn(Warn.FIELD_RENAMED.entry(file.source, row.first.number, row.first.byte,
                                              original=name.original, renamed=str(name),
                                              why=why))  # fmt: skip
        return [str(name) for name, _ in names]

    def failure(self, file: InputFile, row: Row, part: str, problem: str | None = None) -> Record:
        """A row that could not be read: its raw text (the first 500 characters) and lines."""
        first = row.first
        cut = (
            f" (its first {len(row.raw):,} of {row.chars:,} characters kept)"
            if row.chars > len(row.raw)
            else ""
        )
        if row.too_long:
            limit = self.settings.max_chars
            message = f"{too_long(row.chars or None, limit)}, {row.lines}"
            if row.over is not None:
                names = self.header_names
                column = repr(names[row.over]) if names else f"{row.over + 1}"
                message = (
                    f"column {column} too long: over {self.row_limit:,} characters (4 x "
                    f"--max-chars {limit:,}), {row.lines}; the row holds {row.chars:,}"
                )
            elif row.chars > self.row_total:
                message = (
                    f"row too long: {row.chars:,} characters, over the limit of "
                    f"{self.row_total:,} (4 x --max-chars, and {OTHER_CELLS_CHARS:,} for the "
                    f"columns beside the text), {row.lines}"
                )
            return failed(
                file, Code.TOO_LONG, first.number, row.raw, first.byte, message=message + cut
            )
        what = f"{problem or row.problem}, {row.lines}{cut}"
        return failed(
            file, Code.INVALID_TABLE, first.number, row.raw, first.byte, part=part, problem=what
        )


SAMPLE_DATA_ROWS = 50  # rows the header, comment and column decisions look at


def comment_lines(sample: list[Row], names: set[str]) -> int:
    """How many of the first rows are comments (`# exported by tool v1`, as pandas'
    `comment='#'` reads them): rows opening with `#` before the first row that does not,
    when that row is the header (it is as wide as the row after it, or names a column the
    user gave, and the `#` rows do not). A `#` row as wide as the rows after it is the header
    (`#id,text`, VCF's `#CHROM`). The comment was the header: every row failed E010."""
    count = 0
    while count < len(sample) and sample[count].raw.lstrip().startswith("#"):
        count += 1
    if not count or count == len(sample):
        return 0
    header = sample[count].cells or []
    after = sample[count + 1].cells if count + 1 < len(sample) else None
    gives = any(c.strip() in names for c in header)
    for row in sample[:count]:
        cells = row.cells or []
        if any(c.strip().lstrip("#").strip() in names for c in cells):
            return 0  # a `#` row that names the user's column: a header
        if after is not None and len(cells) == len(after) and not gives:
            return 0
    return count


def unnamed_columns(sample: list[Row], headerless: bool) -> int:
    """How many columns the rows have past the header's names: when the sample's data rows
    all have at least that many more cells than the header, some of them not empty (pandas
    reads one such column as the index, `csv.DictReader` keeps them under `restkey`; here
    `column_N`). One wide row (an unquoted comma in a review), or a file of one row, is no
    column: its row fails E010 as before, its text never cut."""
    if headerless or len(sample) < 2 or sample[0].cells is None:
        return 0
    width = len(sample[0].cells)
    rows = [r.cells for r in sample[1:] if r.cells is not None and any(c.strip() for c in r.cells)]
    if len(rows) < 2:  # one row wider than its header is that row's damage
        return 0
    extra = min(len(cells) for cells in rows) - width
    if extra <= 0 or not any(c.strip() for cells in rows for c in cells[width : width + extra]):
        return 0  # none, or empty ones only: a trailing delimiter (`fits`)
    return extra


# room for the cells beside the text and the id in a row, as for a JSONL line's other fields
# (`jsonl.OBJECT_FIELDS_BYTES`): a crawl's raw `html` column, a JSON blob
OTHER_CELLS_CHARS = OBJECT_FIELDS_BYTES
NULL = "\\N"  # PostgreSQL COPY's, mysqldump --tab's and IMDb's missing value


def null(cell: str) -> str | None:
    """A cell's value: None for `\\N`, the NULL of PostgreSQL's COPY, MySQL's `INTO OUTFILE`
    and IMDb's datasets (a NULL review was a record whose text was `\\N`); a missing text is
    then E005 as an empty cell is, a missing meta value null."""
    return None if cell == NULL and not isinstance(cell, TextCell) else cell


def without_padding(lines: Iterable[Decoded], source: str, warn: WarningSink) -> Iterator[Decoded]:
    """The lines with their padding cut as every reader cuts it (`padding.strip`, W010 with
    offset and length): a run at a line's start, one at the end of the file's last line, a
    line of nothing but padding made blank (Ctrl-Z or NULs after the last row were a failed
    row, `world\x1a` a text, `\x00\x00\x001` an id). A run of NULs inside a line (a zeroed
    block) is warned too and kept: the row it cuts fails (E010)."""
    previous: Decoded | None = None
    for line in itertools.chain(lines, [None]):
        if previous is not None:
            text = previous.text
            if text is not None and ("\x00" in text or "\x1a" in text):
                last = line is None
                _, _, text = strip((previous.number, previous.byte, text), source, warn, last)
                previous = previous._replace(text=text)
            yield previous
        previous = line


def apart(file: InputFile, row: Row, record: Record) -> Record:
    """A row that starts after a bare CR on its line (a CR that ended a row: a one-column
    file, a section of CR line ends) shares its line's number with the row before it: the id
    made from the line (`t:3`, `t:L3`) takes the CR's count after a dot (`t:3.1`), so no two
    rows of a file share an id or a document (it was `t:3` twice, W002 for an input without
    duplicates)."""
    piece = row.first.piece
    if not piece:
        return record
    number = row.first.number
    for made in (f"{file.doc_id}:{number}", f"{file.doc_id}:L{number}"):
        if record.id == made:
            if record.doc_id == made:
                record.doc_id = f"{made}.{piece}"
            record.id = f"{made}.{piece}"
    return record


def repeated_header(file: InputFile, row: Row) -> Record:
    """A row identical to the header (a second export appended to the first, a header
    repeated per page): not a record, dropped with reason `header` and its line."""
    return dropped_line(file, row, "header")


def dropped_line(file: InputFile, row: Row, kind: str, reason: str = "header") -> Record:
    """A row that is no record (a repeated header, a `sep=;` hint, a `#` comment before the
    header: reason `header`; a row of empty cells: `blank`), with its kind and its line."""
    location = Location(file.source, row.first.number, row.first.byte)
    return dropped_record(file.doc_id, row.raw, kind, location, reason)


@register(".tsv", ".tab")
class TsvReader(CsvReader):
    """Tab-separated values: a line is a row, a tab separates the cells, and quotes are text
    (as IMDb's datasets, PostgreSQL's COPY and the Linear TSV convention write them: a tab
    or line break in a cell is written `\\t`/`\\n`, kept as written here), unless the file
    is clearly quoted CSV-style, all of it (`tsv_is_quoted`: Excel's "Text (tab delimited)"
    quotes a cell holding a tab, line break or quote), then read as CSV with tabs."""

    delimiter = "\t"

    def quoted(self, part: Part) -> bool:
        """`tsv_is_quoted` on every line of the file: one more streaming read of it (no
        quoting at all with `--quote-char none`)."""
        if self.settings.quote_char == "" or self.marks.quote == self.separator:
            return False
        texts = (line.text for line in self.lines(part, ignore_warning))
        return tsv_is_quoted(texts, delimiter=self.separator or self.delimiter, marks=self.marks)
