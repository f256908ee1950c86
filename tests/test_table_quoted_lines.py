"""A well-closed quoted cell is read whole whatever its lines look like (hostile42 H2).

Tables written by the csv module (every delimiter the reader decides, minimal and full
quoting, LF and CRLF rows) whose text cells hold lines that start with a number or an id and
the delimiter (an address `12, rue des Ecoles`, a numbered point `2, the music`), lines of
the header's width, bare CRs and CRLFs: each row is exactly one record, its own id and text
(the stray-quote heuristic cut such a cell at its last line: an E010 and a record invented
from the cell's tail, its id the number in the text), lines that are rows of the table
included (the stray quote's twin: W019). A stray quote opening a row's text cell, closed
rows later by a quote ending a cell (an inch mark), is those bytes: one record, named by
W019, and every later row its own record.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader
from pipeline.record import Record

WORDS = ["the", "film", "quiet", "harbour", "ending", "long", "worked", "music", "rue", "école"]
DELIMITERS = {",": ".csv", ";": ".csv", "|": ".csv", "\t": ".tsv"}
QUOTING = {"minimal": csv.QUOTE_MINIMAL, "all": csv.QUOTE_ALL}
IDS = {"number": lambda i: str(i + 1), "prefixed": lambda i: f"r{i + 1}"}


def read(path: Path) -> list[Record]:
    return list(Reader()([path]))  # type: ignore[arg-type]


def words(draw: st.DrawFn, low: int, high: int) -> str:
    n = draw(st.integers(low, high))
    return " ".join(draw(st.sampled_from(WORDS)) for _ in range(n))


@st.composite
def cell_line(draw: st.DrawFn, d: str, width: int, ident: str, ambiguous: bool) -> str:
    """One line of a text cell: a sentence (with the delimiter, quotes), or one that starts
    with a number or an id and the delimiter and a blank (an address, a numbered point), or
    one of the header's width whose first cell is a word or a number, but for `ambiguous`."""
    kind = draw(st.sampled_from(["sentence", "numbered", "id-led", "row-width", "quoted"]))
    number = str(draw(st.integers(1, 99)))
    if kind == "sentence":
        return words(draw, 1, 6) + draw(st.sampled_from(["", d, f"{d} and so on", "."]))
    if kind == "numbered":
        return f"{number}{d} {words(draw, 1, 5)}"
    if kind == "id-led":
        return f"{ident}{d} {words(draw, 1, 4)}"
    if kind == "quoted":
        return (
            f'she said "{words(draw, 1, 3)}"{draw(st.sampled_from(["", d, " 6" + chr(39) + "2"]))}'
        )
    first = draw(st.sampled_from(WORDS if ambiguous else [number, *WORDS]))
    return d.join([first] + [words(draw, 1, 2)] * (width - 1))


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str, list[list[str]], int]:
    """A table as the csv module writes it: its delimiter, the file's text, its rows (id
    first) and the text column."""
    d = draw(st.sampled_from(sorted(DELIMITERS)))
    width = draw(st.integers(2, 4))
    text_column = draw(st.integers(1, width - 1))
    style = draw(st.sampled_from(sorted(IDS)))
    ident = IDS[style]
    # a text cell last in its row whose lines are rows of the table (`1,"intro` / `5,word
    # word"`) is, byte for byte, a stray quote closed by a quote ending a cell: read as the
    # csv module reads it, with a W019 (tests/test_table_stray_twin.py)
    ambiguous = False
    rows = []
    for i in range(draw(st.integers(1, 6))):
        cells = [ident(i)] + [draw(st.sampled_from(WORDS)) for _ in range(width - 1)]
        lines = [words(draw, 2, 8)]
        lines += draw(
            st.lists(cell_line(d, width, ident(i + 1), ambiguous), min_size=0, max_size=3)
        )
        breaks = [draw(st.sampled_from(["\n", "\r\n", "\r"])) for _ in lines[1:]]
        text = lines[0] + "".join(b + line for b, line in zip(breaks, lines[1:], strict=True))
        cells[text_column] = text
        rows.append(cells)
    header = ["id"] + [f"c{i}" for i in range(1, width)]
    header[text_column] = "text"
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=d,
        quoting=QUOTING[draw(st.sampled_from(sorted(QUOTING)))],
        lineterminator=draw(st.sampled_from(["\n", "\r\n"])),
    )
    writer.writerow(header)
    writer.writerows(rows)
    return d, buffer.getvalue(), rows, text_column


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(table=tables(), name=st.integers(0, 10**9))
def test_a_table_written_by_the_csv_module_is_one_record_per_row(
    tmp_path: Path, table: tuple[str, str, list[list[str]], int], name: int
) -> None:
    d, content, rows, text_column = table
    path = tmp_path / f"t{name}{DELIMITERS[d]}"
    path.write_bytes(content.encode("utf-8"))
    got = [(r.id, r.text, r.error.code if r.error else None) for r in read(path)]
    assert got == [(row[0], row[text_column], None) for row in rows]


def test_an_address_on_a_cells_second_line_is_the_cells_text(tmp_path: Path) -> None:
    """The issue's reproducer, in a two- and a three-column table, in the first row and after
    one: one record, id 1, its two lines (it was an E010 and a record `12`)."""
    for header, after in (("id,text,lang", ",fr"), ("id,text", "")):
        for before in ("", '0,"A plain review, first."' + after + "\n"):
            content = (
                f'{header}\n{before}1,"The cinema is at this address:\n12, rue des Ecoles"{after}\n'
                f'2,"A second plain review of the film."{after}\n'
            )
            path = tmp_path / "addr.csv"
            path.write_text(content, encoding="utf-8", newline="")
            got = [(r.id, r.text, r.error) for r in read(path)]
            assert ("1", "The cinema is at this address:\n12, rue des Ecoles", None) in got, (
                header, before, got)  # fmt: skip
            assert len(got) == 2 + bool(before)


@st.composite
def stray_tables(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None]]]:
    """Rows written by hand (no quoting): one opens its text with a stray quote it never
    closes, a later one ends its text with a quote (an inch mark, a quotation); rows between
    may hold a well-quoted cell of several lines. Each row's (id, text), None for the stray."""
    d = draw(st.sampled_from([",", ";", "|"]))
    width = draw(st.integers(2, 4))
    text_column = draw(st.integers(1, width - 1))
    n = draw(st.integers(3, 10))
    stray = draw(st.integers(0, n - 2))
    closer = draw(st.integers(stray + 1, n - 1))
    lines, want = [d.join(["id"] + ["text" if c == text_column else f"c{c}" for c in
                                    range(1, width)])], []  # fmt: skip
    for i in range(n):
        text = words(draw, 2, 6)
        written = text
        if i == stray:
            written = '"' + text
        elif i == closer:
            text = written = text + draw(st.sampled_from([" 6'2\"", ' said "no"']))
        cells = [str(i + 1)] + [draw(st.sampled_from(WORDS)) for _ in range(width - 1)]
        cells[text_column] = written
        lines.append(d.join(cells))
        want.append((str(i + 1), None if i == stray else text))
    return "\n".join(lines) + "\n", want


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(table=stray_tables(), name=st.integers(0, 10**9))
def test_a_stray_quote_closed_rows_later_is_one_row_and_named(
    tmp_path: Path, table: tuple[str, list[tuple[str, str | None]]], name: int
) -> None:
    """Byte for byte a cell of several lines: read as the csv module reads it (the rows up to
    the closing quote in the record of the row that opened it, W019 naming its lines: see
    tests/test_table_stray_twin.py); every row after it its own record."""
    content, want = table
    path = tmp_path / f"s{name}.csv"
    path.write_text(content, encoding="utf-8", newline="")
    if ' said "no"' in content:  # its quote closes badly (`"no`): unclosed, one E010
        got = [
            (r.id, None if r.error else r.text, r.error.code if r.error else None)
            for r in read(path)
        ]
        assert [(g[1], g[2]) for g in got] == [(t, None if t else "E010") for _, t in want]
        return
    stray = next(i for i, (_, t) in enumerate(want) if t is None)
    got = [(r.id, r.error.code if r.error else None) for r in read(path)]
    assert all(code is None for _, code in got)
    ids = [i for i, _ in got]
    assert ids[: stray + 1] == [i for i, _ in want[: stray + 1]]
    assert ids[stray + 1 :] == [i for i, _ in want][len(want) - len(ids) + stray + 1 :]
