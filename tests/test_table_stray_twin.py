"""The CSV shape a stray quote and a quoted cell of several lines share byte for byte: a
cell whose first line, with the row's cells before it and the quote read as text, is a whole
row of the table, and whose later lines read alone as rows (`1,"intro` / `5,word word"`
under `id,text`; `3,"Review 3,m2` / `4,Review 4,m2` / `7,The lead is 6'2",m2`). The csv
module wrote it from a cell; a hand may have written a stray quote closed by an inch mark.
The rule that loses nothing either way: the row read as the csv module reads it (whole: no
E010, no record invented from the cell's lines, which took real-looking ids from its text)
and a W019 naming its lines, so a stray quote's rows are found in that record's text.
Tables generated here, written by `csv.writer`."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

WORDS = ["the", "film", "quiet", "harbour", "ending", "long", "music", "école", "shore"]
IDS = {"number": str, "prefixed": lambda i: f"r{i}", "date": lambda i: f"2024-03-{i % 28 + 1:02}"}


def read(path: Path) -> tuple[list[tuple[str | None, str, str | None]], list[dict[str, Any]]]:
    warnings: list[dict[str, Any]] = []
    got = [
        (r.id, r.text, r.error.code if r.error else None)
        for r in Reader()([path], warn=warnings.append)
    ]
    return got, [w for w in warnings if w["code"] == "W019"]


def sentence(draw: st.DrawFn, low: int = 2, high: int = 5) -> str:
    return " ".join(draw(st.sampled_from(WORDS)) for _ in range(draw(st.integers(low, high))))


@st.composite
def twin_tables(draw: st.DrawFn) -> tuple[str, list[list[str]], int, set[int]]:
    """A table as `csv.writer` writes it where some rows' text cells are twins: their lines
    are rows of the table (an id of the column's shape, the other cells' count of
    delimiters), the first line completing the row. (content, rows, text column, twins)."""
    d = draw(st.sampled_from([",", ";", "|", "\t"]))
    width = draw(st.integers(2, 4))
    text_column = draw(st.integers(1, width - 1))
    ident = IDS[draw(st.sampled_from(sorted(IDS)))]
    after = width - 1 - text_column  # cells after the text's
    n = draw(st.integers(2, 8))
    twins = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=3))
    rows = []
    for i in range(n):
        cells = [ident(i)] + [draw(st.sampled_from(WORDS)) for _ in range(width - 1)]
        if i in twins:
            # the first line: the text and as many delimiters as cells follow it
            lines = [d.join([sentence(draw)] + [draw(st.sampled_from(WORDS))] * after)]
            for _ in range(draw(st.integers(1, 3))):  # lines that are rows of the table
                k = draw(st.integers(0, 99))
                row_line = [ident(k)] + [sentence(draw, 1, 2)] * (width - 1)
                lines.append(d.join(row_line))
            # the last line holds the text's end only: the cells after it are the row's own
            last = [ident(draw(st.integers(0, 99)))] + [sentence(draw, 1, 2)] * text_column
            lines[-1] = d.join(last)
            end = draw(st.sampled_from(["\n", "\r\n"]))
            cells[text_column] = end.join(lines)
        else:
            cells[text_column] = sentence(draw)
        rows.append(cells)
    header = ["id"] + [f"c{c}" for c in range(1, width)]
    header[text_column] = "text"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=d, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue(), rows, text_column, twins


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(table=twin_tables(), name=st.integers(0, 10**9))
def test_a_cell_whose_lines_are_rows_is_read_as_the_csv_module_reads_it(
    tmp_path: Path, table: tuple[str, list[list[str]], int, set[int]], name: int
) -> None:
    content, rows, text_column, _ = table
    path = tmp_path / f"t{name}.csv"
    path.write_bytes(content.encode("utf-8"))
    got, warnings = read(path)
    delimiter = csv.Sniffer().sniff(content.splitlines()[0], ",;|\t").delimiter
    expected = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))[1:]
    assert expected == rows
    assert got == [(row[0], row[text_column], None) for row in rows]
    # a W019 only ever names a row whose cell spans lines, at that row's first line
    starts = [2]
    for row in rows[:-1]:
        starts.append(starts[-1] + 1 + row[text_column].count("\n"))
    spanning = {s for s, row in zip(starts, rows, strict=True) if "\n" in row[text_column]}
    assert {w["line"] for w in warnings} <= spanning


@st.composite
def stray_tables(draw: st.DrawFn) -> tuple[str, int, int, int, list[str]]:
    """The other reading of the same bytes: rows written by hand, one opening its text with a
    stray quote, a later one ending its text with an inch mark. (content, stray, closer,
    rows, each row's line)."""
    d = draw(st.sampled_from([",", ";", "|"]))
    width = draw(st.integers(2, 4))
    text_column = draw(st.integers(1, width - 1))
    n = draw(st.integers(3, 10))
    stray = draw(st.integers(0, n - 2))
    closer = draw(st.integers(stray + 1, n - 1))
    lines = []
    for i in range(n):
        text = sentence(draw)
        if i == stray:
            text = '"' + text
        elif i == closer:
            text += draw(st.sampled_from([" 6'2\"", ' 27"']))  # (at the cell's end)
        cells = [str(i + 1)] + [draw(st.sampled_from(WORDS)) for _ in range(width - 1)]
        cells[text_column] = text
        lines.append(d.join(cells))
    header = d.join(["id"] + ["text" if c == text_column else f"c{c}" for c in range(1, width)])
    return "\n".join([header, *lines]) + "\n", stray, closer, n, lines


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(table=stray_tables(), name=st.integers(0, 10**9))
def test_a_stray_quote_closed_rows_later_loses_nothing_and_is_named(
    tmp_path: Path, table: tuple[str, int, int, int, list[str]], name: int
) -> None:
    """The stray reading of the twin: the rows between are in the record of the row that
    opened the quote (every word of theirs there), a W019 names its first and last line;
    every row before and after is its own record, nothing fails, nothing is invented."""
    content, stray, closer, n, lines = table
    path = tmp_path / f"s{name}.csv"
    path.write_text(content, encoding="utf-8", newline="")
    got, warnings = read(path)
    assert [code for _, _, code in got] == [None] * (n - (closer - stray))
    ids = [i for i, _, _ in got]
    assert ids == [str(i + 1) for i in range(n) if not stray < i <= closer]
    whole = got[stray][1]
    for i in range(stray + 1, closer):
        assert lines[i] in whole  # the row between, whole, in the text
    assert [(w["line"], w["id"]) for w in warnings] == [(stray + 2, str(stray + 1))]
    assert f"lines {stray + 2}-{closer + 2}" in warnings[0]["message"]
