"""CSV spans: a damaged row is exactly one error over exactly its own lines, and every other row
is a record with exactly its own cells, whatever the cells hold and wherever the damage is.

The generator writes valid tables (any width, the text in any column; cells holding quotes,
doubled quotes, delimiters, tabs, LF, CRLF, bare CRs (quoted, and unquoted in any column of
a row), long runs of one character; LF, CRLF or CR line ends), then damages any rows, any
column, one kind each: a quote opened and never closed (a single-line row: the lines after
it are rows, so the error is that line alone), a closed quoted cell over the span limit whose
lines each look like rows (one E009 over all its lines, reading resumes after it), a row of
the wrong width (its own E010, even right after an unclosed quote), an unquoted row over the
row limit (E009). Line numbers count LF and CRLF, not a bare CR in a cell (in a file of CR
line ends, CR is the line end). `tests/test_table_reader.py` holds the wider property
(truncated rows, quotes closed badly, TSV as exported) with the ambiguities it allows.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader, table
from pipeline.io.readers.table_rows import SPAN_LIMIT
from pipeline.record import Record
from tests.test_table_reader import line_range


@pytest.fixture(autouse=True, scope="module")
def every_column_bounded() -> Iterator[None]:
    """These tables damage any column with cells over the row limit: the columns beside the
    text and id get no budget of their own here (`table.OTHER_CELLS_CHARS`, 64 MiB: a
    short review beside a huge `html` cell is a record, tests/test_table_cells.py), so a row
    over the limit in any column is one E009 as the span machinery reports it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table, "OTHER_CELLS_CHARS", 0)
        yield


MAX_CHARS = 60
LIMIT = 4 * MAX_CHARS  # a row's limit
SPAN = SPAN_LIMIT * LIMIT  # what a quoted span may hold before it is no longer kept in memory
EXAMPLES = 200
KINDS = ("unclosed", "oversize_cell", "width", "oversize_row")

LETTER = st.sampled_from("abcdéßжλ中😀")
RUN = st.tuples(st.sampled_from('x ,"\t\n\r'), st.integers(2, 12)).map(lambda t: t[0] * t[1])
PIECE = st.one_of(
    st.text(LETTER, min_size=1, max_size=5),
    st.sampled_from([",", '"', '""', "\n", "\r\n", "\r", "\t", " ", "'"]),
    RUN,
)
# a cell opens with a letter: a quoted cell's opening quote is then never followed by a
# delimiter or a line end, so no later quote can close an unclosed one well (that is the one
# case no reader can tell from a long cell: tests/test_table_reader.py allows it)
CELL = st.tuples(LETTER, st.lists(PIECE, max_size=4).map("".join)).map("".join)
ONE_LINE = st.tuples(LETTER, st.text(st.sampled_from('ab ,"x'), max_size=10)).map("".join)
BARE_CR = st.tuples(LETTER, LETTER).map(lambda t: f"{t[0]}\r{t[1]}")  # written unquoted


@dataclass
class Table:
    width: int
    text_column: int
    rows: list[list[str]]
    unquoted_cr: dict[int, int]  # row -> column written unquoted with a bare CR in it
    damage: dict[int, tuple[str, int, int]]  # row -> (kind, column, seed)
    line_end: str


@st.composite
def tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(1, 4))
    text_column = draw(st.integers(0, width - 1))
    n = draw(st.integers(1, 7))
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    rows, unquoted_cr = [], {}
    for i in range(n):
        rows.append([draw(CELL) for _ in range(width)])
        if width > 1 and line_end != "\r" and draw(st.booleans()):
            column = draw(st.integers(0, width - 1))
            rows[i][column] = draw(BARE_CR)
            unquoted_cr[i] = column
    damage = draw(
        st.dictionaries(
            st.integers(0, n - 1),
            st.tuples(st.sampled_from(KINDS), st.integers(0, width - 1), st.integers(0, 99)),
            max_size=n,
        )
    )
    for i, (kind, _, _) in damage.items():
        unquoted_cr.pop(i, None)
        if kind == "unclosed":  # a single-line row: its error is its line alone
            rows[i] = [draw(ONE_LINE) for _ in range(width)]
    return Table(width, text_column, rows, unquoted_cr, damage, line_end)


def quote(cell: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([cell])
    return buffer.getvalue()[:-2]


def inner_rows(width: int) -> str:
    """A quoted cell's text past the span limit, each line a row of the header's width."""
    line = ",".join(["inner"] * width)
    return "\n".join([line] * (SPAN // len(line) + 2))


def written_row(table: Table, i: int) -> tuple[str, str | None]:
    """The row as written, and the error code it must get (None: a record)."""
    cells = [quote(c) for c in table.rows[i]]
    if i in table.unquoted_cr:
        cells[table.unquoted_cr[i]] = table.rows[i][table.unquoted_cr[i]]
    kind, column, seed = table.damage.get(i, ("", 0, 0))
    code: str | None = None
    if kind == "unclosed":
        cell = cells[column]
        cells[column] = cell[:-1] if cell.startswith('"') else '"' + cell
        code = "E010"
    elif kind == "oversize_cell":
        cells[column] = '"' + inner_rows(table.width) + '"'
        code = "E009"
    elif kind == "width":
        code = "E010"
        if seed % 2 and table.width > 1:  # a ragged row: its trailing cells left out, read
            del cells[present_cells(table, i) :]  # when its text cell is there (pandas)
            code = None if table.text_column < present_cells(table, i) else "E010"
        else:
            cells.insert(seed % (table.width + 1), "extra")
    elif kind == "oversize_row":
        cells[column] = "y" * (LIMIT + 1 + seed)
        code = "E009"
    return ",".join(cells), code


def wider(table: Table, i: int) -> bool:
    """Whether row `i` is written with a cell inserted (`width` damage, even seed)."""
    kind, _, seed = table.damage.get(i, ("", 0, 0))
    return kind == "width" and not (seed % 2 and table.width > 1)


def present_cells(table: Table, i: int) -> int:
    """The cells row `i` has: all, or fewer for a ragged row (`width` damage, odd seed)."""
    kind, _, seed = table.damage.get(i, ("", 0, 0))
    if kind == "width" and seed % 2 and table.width > 1:
        return max(1, seed % table.width)
    return table.width


def line_count(text: str, cr_ends: bool) -> int:
    """Line ends in `text`: LF and CRLF; a bare CR only in a file of CR line ends."""
    return len(re.findall(r"\r\n|\n|\r" if cr_ends else r"\r\n|\n", text))


def cr_lines(content: str) -> bool:
    return len(re.findall(r"\r(?!\n)", content)) > content.count("\n")


def expected_cell(cell: str, cr_ends: bool) -> str:
    """A cell as read: as written (a CRLF in it stays CRLF, as the csv module and pandas read
    it), but for a bare CR in a file of CR line ends, which reads as LF (as its line ends do)."""
    if not cr_ends:
        return cell
    return re.sub("\r(?!\n)", "\n", cell)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(table=tables())
# a ragged row opening with a quoted cell right after an unclosed quote, no typed column (CI)
@example(table=Table(2, 0, [["a", "a"], ["a\ra", "a"], *[["a", "a"]] * 5], {},
                     {0: ("unclosed", 0, 0), 1: ("width", 0, 1)}, "\n"))  # fmt: skip
@example(table=Table(2, 0, [*[["a", "a"]] * 6, ["a,", "a"]], {},
                     {5: ("unclosed", 0, 0), 0: ("oversize_cell", 0, 0),
                      1: ("oversize_cell", 0, 0), 6: ("width", 0, 1)}, "\n"))  # fmt: skip
def test_each_row_is_one_record_with_its_cells_or_one_error_over_its_lines(
    tmp_path_factory: pytest.TempPathFactory, table: Table
) -> None:
    header = [f"c{i}" for i in range(table.width)]
    header[table.text_column] = "text"
    written = [written_row(table, i) for i in range(len(table.rows))]
    content = table.line_end.join([",".join(header), *(row for row, _ in written), ""])
    cr_ends = cr_lines(content)
    # a file of CR line ends has more bare CRs than LFs (cells' line breaks); one whose CRs and
    # LFs are about even is read by a rule of thumb (tests/test_table_reader.py)
    assume(cr_ends == (table.line_end == "\r"))
    # every row that reads wider than the header by inserted cells: nothing tells that from
    # columns the header has no name for (read as `column_N`, tests/test_table_cells.py)
    readable = [i for i in range(len(table.rows)) if table.damage.get(i, ("",))[0] in ("", "width")]
    assume(not readable or not all(wider(table, i) for i in readable))
    spans, line = [], 1 + line_count(",".join(header) + table.line_end, cr_ends)
    for row, _ in written:
        last = line + line_count(row, cr_ends)
        spans.append((line, last))
        line = last + line_count(table.line_end, cr_ends)
    path = tmp_path_factory.mktemp("t") / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader(max_chars=MAX_CHARS)([path]))
    by_start: dict[int, list[Record]] = {}
    for record in records:  # in file order
        by_start.setdefault(line_range(record)[0], []).append(record)
    rows_at: dict[int, list[int]] = {}  # rows ended by a bare CR in a file of mostly LF
    for i, (first, _) in enumerate(spans):  # line ends share their line number
        rows_at.setdefault(first, []).append(i)
    invented = [r for first, rs in by_start.items() if first not in rows_at for r in rs]
    assert not invented, [(line_range(r), r.text[:80]) for r in invented]
    for first, rows in rows_at.items():
        outcome = by_start.get(first, [])
        assert len(outcome) == len(rows), (rows, [(line_range(r), r.error) for r in outcome])
    for i, (row, code) in enumerate(written):
        record = by_start[spans[i][0]][rows_at[spans[i][0]].index(i)]
        cells = table.rows[i]
        if code is None and len(cells[table.text_column]) > MAX_CHARS:
            code = "E009"  # within the row's limit, over --max-chars
        if code is not None:
            assert record.error is not None and record.error.code == code, (i, row[:80], record)
            assert line_range(record) == spans[i], (i, row[:80], record.error.message)
            continue
        assert record.error is None, (i, row[:80], record.error)
        text = unicodedata.normalize("NFC", expected_cell(cells[table.text_column], cr_ends))
        assert record.text == text, i
        for c, name in enumerate(header):
            if name != "text" and c < present_cells(table, i):
                assert record.meta[name] == expected_cell(cells[c], cr_ends), (i, name)
            elif name != "text":
                assert name not in record.meta, (i, name)  # a ragged row's missing cell


# -- the span classes, every variant: an exhaustive table ------------------------------------

SMALL = 50  # --max-chars: a row holds 200 characters, a span 16 x 200 before it is spooled
ENDS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def huge_cell(delimiter: str, end: str) -> str:
    """A closed quoted cell past the span limit: in CSV its lines are rows of the header's
    width (`r,inner row text,e`); in TSV lines of text (a TSV whose quoted cell's lines are
    rows of its width is read as lines: `tsv_is_quoted`)."""
    line = "r,inner row text,e" if delimiter == "," else "inner row text, one cell"
    return '"' + end.join([line] * (SPAN_LIMIT * 4 * SMALL // len(line) + 5)) + ' end"'


@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("end", sorted(ENDS))
@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("where", ["middle", "last", "last_no_end"])
@pytest.mark.parametrize("count", [1, 3])
def test_a_closed_cell_over_the_span_limit_is_one_error_and_reading_resumes_after_it(
    tmp_path: Path, delimiter: str, end: str, column: int, where: str, count: int
) -> None:
    """Every place a closed oversize cell can be: any column, CSV or quoted TSV, LF, CRLF or
    CR line ends, mid-file or at its end (with or without a last line end), one or several
    in a row, beside an unquoted row over the limit and a line too long to decode. Each is
    one E009 over exactly its lines (it was an E010 for its first line, then a record per
    line of the cell); every other row is its record, on its line."""
    eol, d = ENDS[end], delimiter
    rows: list[tuple[str, str | None]] = [(d.join(["1", "before", "e"]), "before")]
    for k in range(count):
        cells = [f"big{k}", "big text", "e"]
        cells[column] = huge_cell(d, eol)
        rows.append((d.join(cells), None))
    if where == "middle":
        rows += [
            (d.join(["2", "w" * (4 * SMALL + 3), "e"]), None),  # unquoted, over the row limit
            (d.join(["3", "w" * (16 * 4 * SMALL * 2), "e"]), None),  # a line too long to decode
            (d.join(["4", "after", "e"]), "after"),
        ]
    content = d.join(["id", "text", "extra"]) + eol + eol.join(row for row, _ in rows)
    content += "" if where == "last_no_end" else eol
    path = tmp_path / ("t.csv" if d == "," else "t.tsv")
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader(max_chars=SMALL)([path]))
    expected, line = [], 2
    for row, text in rows:
        last = line + row.count(eol)
        expected.append((line, last, "E009" if text is None else None, text))
        line = last + 1
    got = [
        (*line_range(r), r.error.code if r.error else None, None if r.error else r.text)
        for r in records
    ]
    assert got == expected


@pytest.mark.parametrize("end", ["\n", "\r\n"])
@pytest.mark.parametrize(
    "after",
    [
        "2,two\rmore,e",  # a bare CR in the text cell
        "2\rb,two,e",  # in the first cell
        "2,two,e\rf",  # in the last
        '2,"closed, on its line",e',  # quotes closed on the same line
        "2,two,",  # an empty cell
        '2,"two\nlines",e',  # a quoted cell over two lines
    ],
)
def test_rows_resume_after_an_unclosed_quote_at_the_first_line_that_reads(
    tmp_path: Path, end: str, after: str
) -> None:
    """The row after a quote never closed is its record, whatever it holds (it was taken into
    the unclosed quote's error when its first line, cut at a bare CR, was short); a row of
    the wrong width after it fails alone (it was folded into the same error)."""
    body = ['1,"one opens a quote, e', after.replace("\n", end), "3,too,many,cells", "4,four,e"]
    content = "id,text,x" + end + end.join(body) + end
    path = tmp_path / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader()([path]))
    cells = next(csv.reader(io.StringIO(after.replace("\r", "\x00"), newline="")))
    text = cells[1].replace("\x00", "\r").replace("\n", end)  # a CRLF in a cell kept
    second = 4 + after.count("\n")  # the wrong-width row's line
    got = [(*line_range(r), r.error.code if r.error else None, r.text) for r in records]
    assert got == [
        (2, 2, "E010", body[0]),
        (3, 3, None, text),
        (second, second, "E010", body[2]),
        (second + 1, second + 1, None, "four"),
    ], got


@pytest.mark.parametrize(
    ("content", "rows"),
    [
        ("text\nfirst\rsecond\nthird\n", 3),  # one column: a bare CR ends the row
        ("text,n\na,1\rb,2\rc,3\n\nd,4\n", 4),  # a section of CR line ends in an LF file
        # a quoted cell holding a CR and a wrong-width row, each after a CR
        ('text,n\na,1\r"b\rc",2\rd,3,x\ne,5\nf,6\ng,7\n', 6),
    ],
)
def test_rows_after_a_bare_cr_on_one_line_have_their_own_ids(
    tmp_path: Path, content: str, rows: int
) -> None:
    """A bare CR is no line where LF ends lines, so rows it separates share a line number;
    their ids (and documents) do not: the id made from the line takes the CR's count (`t:2.1`)."""
    path = tmp_path / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader()([path]))
    assert len(records) == rows
    assert len({r.id for r in records}) == len(records), [r.id for r in records]
    docs = [r.doc_id for r in records if r.error is None]
    assert len(set(docs)) == len(docs)
    assert [r.location.line for r in records if r.location] == sorted(
        r.location.line for r in records if r.location
    )
