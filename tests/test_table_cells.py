"""Delimited files, what a row's cells may hold and how a row is reported (#29, hostile 40
F24, F2, F25, F9, dialect options): exhaustive tables of small inputs, each checked against an
oracle (the same object as a JSONL line, the csv module, pandas' documented reading).

- an oversize cell beside the text (raw HTML, a JSON blob: any column but the text and id,
  quoted or not, CSV or TSV, any size past the old row limit) leaves the row a record, as the
  same object in JSONL is; an oversize text or id cell fails its row alone (E009, naming the
  column), and a row over the whole budget too;
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.io.readers import Reader, table
from pipeline.record import ENTRY_TEXT_LIMIT, Record

MAX = 50  # --max-chars: the text and id cells hold 200 characters (4x), a span 16x that
SIZES = (4 * MAX + 1, 1_000, 5_000)  # just over the old row limit, over the span limit


def write_table(path: Path, header: list[str], rows: list[list[str]], delimiter: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def as_jsonl(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = [json.dumps(dict(zip(header, row, strict=True))) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def outcome(record: Record) -> tuple[Any, ...]:
    meta = {k: v for k, v in record.meta.items() if k != "line"}
    error = record.error.code if record.error else None
    return (record.id, error, None if error else record.text, meta)


def big_cell(kind: str, size: int) -> str:
    """A cell of `size` characters as crawls and APIs export them."""
    if kind == "html":
        body = '<p class="x">Some words, and more.</p>\n'
        return ("<div>" + body * (size // len(body) + 1))[:size]
    if kind == "json":
        return json.dumps({"ids": list(range(size))})[:size]
    return "y" * size  # one long token, no delimiter: unquoted in CSV too


LAYOUTS = {  # the header; "big" is the oversize column
    "after text": ["id", "text", "big"],
    "before text": ["id", "big", "text"],
    "first": ["big", "id", "text"],
    "no id column": ["big", "text"],
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", ["html", "json", "token"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_short_text_beside_an_oversize_other_cell_is_read_as_jsonl_reads_it(
    tmp_path: Path, delimiter: str, layout: str, kind: str, size: int
) -> None:
    """Every column but the text and id, every kind of content, every size: the row is the
    record its JSONL line gives, the big cell whole in meta (it was E009 "text too long" for
    a 27-character text: the limit was the row's)."""
    header = LAYOUTS[layout]
    values = {"id": "r1", "text": "A short review of the film.", "big": big_cell(kind, size)}
    small = {"id": "r2", "text": "Second review.", "big": "<p>small</p>"}
    rows = [[v[name] for name in header] for v in (values, small)]
    suffix = ".csv" if delimiter == "," else ".tsv"
    write_table(tmp_path / f"t{suffix}", header, rows, delimiter)
    as_jsonl(tmp_path / "t.jsonl", header, rows)
    reader = Reader(max_chars=MAX)
    got = [outcome(r) for r in reader([tmp_path / f"t{suffix}"])]
    want = [outcome(r) for r in reader([tmp_path / "t.jsonl"])]
    if "id" not in header:  # ids made from the line: the header is the CSV's line 1
        got, want = [g[1:] for g in got], [w[1:] for w in want]
    assert got == want
    assert got[0][-3] is None and got[0][-1]["big"] == values["big"]


@pytest.mark.parametrize("named", ["text", "id"])
@pytest.mark.parametrize("delimiter", [",", "\t"])
@pytest.mark.parametrize("size", SIZES)
def test_an_oversize_text_or_id_cell_fails_its_row_alone(
    tmp_path: Path, named: str, delimiter: str, size: int
) -> None:
    """The text and id cells keep the limit (4 x --max-chars): an id of hundreds of kB is a
    misread column, not a name for every output line to carry. One E009 naming the column, at
    its line; the rows around it are records."""
    header = ["id", "text", "other"]
    rows = [["r1", "first", "o"], ["r2", "second", "o"], ["r3", "third", "o"]]
    rows[1][header.index(named)] = big_cell("token", size)
    suffix = ".csv" if delimiter == "," else ".tsv"
    write_table(tmp_path / f"t{suffix}", header, rows, delimiter)
    records = list(Reader(max_chars=MAX)([tmp_path / f"t{suffix}"]))
    assert [(r.id, r.error.code if r.error else None) for r in records] == [
        ("r1", None), ("t:L3", "E009"), ("r3", None),
    ]  # fmt: skip
    error = records[1].error
    assert error is not None and f"column {named!r} too long" in error.message


@pytest.fixture
def small_budget() -> Iterator[int]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(table, "OTHER_CELLS_CHARS", 2_000)
        yield 4 * MAX + 2_000


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_a_row_over_the_whole_budget_fails_alone(
    tmp_path: Path, small_budget: int, delimiter: str
) -> None:
    """The other columns share a budget (64 MiB, as a JSONL line's other fields): a row over
    it is one E009 saying so; the next row is read."""
    header = ["id", "text", "a", "b"]
    half = big_cell("token", small_budget // 2 + 10)
    rows = [["r1", "first", half, "x"], ["r2", "second", half, half], ["r3", "third", "", ""]]
    suffix = ".csv" if delimiter == "," else ".tsv"
    write_table(tmp_path / f"t{suffix}", header, rows, delimiter)
    records = list(Reader(max_chars=MAX)([tmp_path / f"t{suffix}"]))
    assert [(r.id, r.error.code if r.error else None) for r in records] == [
        ("r1", None), ("t:L3", "E009"), ("r3", None),
    ]  # fmt: skip
    error = records[1].error
    assert error is not None and error.message.startswith("row too long")


# -- F25: a damaged row's text in errors.jsonl, whole up to the documented limit -------------

DAMAGES = {  # a damaged row of `n` characters of words, as written
    "unclosed quote": lambda words: f'r2,"{words}',
    "text after a closing quote": lambda words: f'r2,"{words}" tail',
    "too many cells": lambda words: f"r2,{words},extra,cells",
    "empty text": lambda words: f"r2,,{words}",
}


@pytest.mark.parametrize("size", [40, 2_000, ENTRY_TEXT_LIMIT + 7])
@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_rows_error_keeps_its_raw_text_whole_or_says_it_is_cut(
    tmp_path: Path, damage: str, size: int
) -> None:
    """errors.jsonl holds the row as written, whole up to `ENTRY_TEXT_LIMIT` characters, cut
    there with `truncated` and `text_chars` (its full length) beyond, as every other entry
    (it was cut at 500 characters without either: a 2 kB review a quarter kept)."""
    words = ("word " * (size // 5 + 1))[:size]
    row = DAMAGES[damage](words)
    path = tmp_path / "t.csv"
    path.write_text(f"id,text\nr1,first\n{row}\nr3,third\n", encoding="utf-8")
    records = list(Reader()([path]))
    assert [r.id for r in records if r.error is None] == ["r1", "r3"]
    (bad,) = [r for r in records if r.error]
    entry = bad.error_entry()
    if len(row) <= ENTRY_TEXT_LIMIT:
        assert entry["text"] == row and "truncated" not in entry
    else:
        assert entry["text"] == row[:ENTRY_TEXT_LIMIT]
        assert (entry["truncated"], entry["text_chars"]) == (True, len(row))


# -- F2: ragged rows, empty rows, comment lines, unnamed columns: as csv.DictReader reads them --

HEADERS = (["id", "text", "extra"], ["text", "id"], ["id", "note", "text"])
COMMENTS = ("", "# exported by tool v1\n", "# exported, by {d} tool\n# second note\n")


def ragged_rows(header: list[str], unnamed: int) -> list[list[str]]:
    """One row of each kind: full, short with its text, short without it, all empty, full."""
    width, t = len(header), header.index("text")
    full = [f"v{i}" if name != "text" else "first text" for i, name in enumerate(header)]
    full += [f"u{k}" for k in range(unnamed)]
    rows = [full]
    if not unnamed:  # a file with an unnamed column has every row wide
        rows.append([c if name != "text" else "short text" for c, name in
                     zip(full[: t + 1], header, strict=False)])  # fmt: skip
        if t > 0:
            rows.append(full[:t])  # short, its text cell not there: E010
    rows.append([""] * (width + unnamed))
    rows.append([c if c != "first text" else "last text" for c in full])
    return rows


def expected(header: list[str], unnamed: int, row: list[str]) -> tuple[Any, ...]:
    """What csv.DictReader makes of the row (restkey: the unnamed columns, `column_N`), as
    (error code or dropped reason, text, meta)."""
    if not any(row):
        return ("blank", None, None)
    names = header + [f"column_{len(header) + k + 1}" for k in range(unnamed)]
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    (obj,) = csv.DictReader(io.StringIO(buffer.getvalue()), fieldnames=names, restval=None)
    if obj["text"] is None:
        return ("E010", None, None)
    meta = {k: v for k, v in obj.items() if k not in ("text", "id") and v is not None}
    return (None, obj["text"], meta)


@pytest.mark.parametrize("unnamed", [0, 1, 2])
@pytest.mark.parametrize("comment", range(len(COMMENTS)))
@pytest.mark.parametrize("header", range(len(HEADERS)))
@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_ragged_empty_and_commented_rows_read_as_dict_reader_reads_them(
    tmp_path: Path, delimiter: str, header: int, comment: int, unnamed: int
) -> None:
    """Every row is a record, a dropped line or an error, as `csv.DictReader` reads it (pandas
    alike, with `comment='#'`): a short row holding its text is a record (missing columns
    absent); a row of empty cells (`,,`: a spreadsheet's empty row) is dropped `blank` (it
    failed E005); `#` lines before the header are dropped `header`, kind `comment` (the
    comment was the header: every row E010); columns past the header's names that every row
    has are `column_N` with one W007 each (every row failed E010)."""
    names = HEADERS[header]
    rows = ragged_rows(names, unnamed)
    path = tmp_path / ("t.tsv" if delimiter == "\t" else "t.csv")
    top = COMMENTS[comment].format(d=delimiter)
    path.write_text(top + "\n".join(delimiter.join(r) for r in [names, *rows]) + "\n")
    warnings: list[dict[str, Any]] = []
    records = list(Reader()([path], warnings.append))
    comments = top.count("\n")
    assert [(r.dropped, r.meta.get("kind")) for r in records[:comments]] == [
        ("header", "comment")
    ] * comments
    got = []
    for r in records[comments:]:
        code = r.error.code if r.error else r.dropped
        meta = {k: v for k, v in r.meta.items() if k != "line"} if code is None else None
        got.append((code, None if code else r.text, meta))
    assert got == [expected(names, unnamed, row) for row in rows]
    renamed = [w for w in warnings if w["code"] == "W007"]
    assert len(renamed) == unnamed


# -- F9: a column whose name holds a comma can be chosen -------------------------------------

ODD_NAMES = ["Review, full text", 'The "quoted" one', "back\\slash, too", "a,b,c", " spaced, "]


def option_forms(name: str) -> dict[str, str | list[str]]:
    """Every way to give `name` as --text-field: quoted, escaped (commas and backslashes),
    after another name, and as a list (TOML, the library) item by item."""
    escaped = name.strip().replace("\\", "\\\\").replace(",", "\\,").replace('"', '\\"')
    quoted = '"' + name.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'
    return {
        "quoted": quoted,
        "escaped": escaped,
        "second of two": f"missing column,{quoted}",
        "list": ["missing column", name],
    }


@pytest.mark.parametrize("form", ["quoted", "escaped", "second of two", "list"])
@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_column_named_with_a_comma_can_be_the_text_or_the_id(
    tmp_path: Path, name: str, form: str
) -> None:
    """The option is read as one CSV line (a TOML or library list item by item): the column
    is reached; it never was (`'Review'` or `'full text'` missing, the list split again)."""
    header = ["key", name.strip()]
    path = tmp_path / "t.csv"
    write_table(path, header, [["k1", "A calm film."], ["k2", "A loud one."]], ",")
    value = option_forms(name)[form]
    records = list(Reader(text_field=value)([path]))
    assert [(r.error, r.text) for r in records] == [(None, "A calm film."), (None, "A loud one.")]
    swapped = list(Reader(text_field="key", id_field=value)([path]))
    assert [r.id for r in swapped] == ["A calm film.", "A loud one."]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_toml_list_is_taken_item_by_item(name: str) -> None:
    """`text-field = ["Review, full text"]` in a config file: the value the option gets is read
    back as the list's items (it was joined with commas and split again inside the name). The
    command line hands its string to `Reader` as the test above does."""
    import typer.main

    from pipeline.app.config import config_value
    from pipeline.cli import app
    from pipeline.io.readers.base import Fields

    command = typer.main.get_command(app)
    param = next(p for p in command.commands["run"].params if p.name == "text_field")  # type: ignore[attr-defined]
    ctx = typer.Context(command)
    given = config_value(ctx, param, ["missing column", name], "--config c.toml: text-field")
    assert Fields.names(given) == ("missing column", name.strip())


# -- dialect: --no-header ---------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
@pytest.mark.parametrize("width", [1, 2, 4])
def test_no_header_reads_the_first_row_as_data(tmp_path: Path, delimiter: str, width: int) -> None:
    """With `header=False` (`--no-header`) every row is a record, the columns `column_N`, even
    where the file's first row could be names (short words: no sentence, so the detection
    keeps it as the header); run.json records the setting."""
    rows = [[f"w{r}c{c}" for c in range(width)] for r in range(3)]
    path = tmp_path / ("t.tsv" if delimiter == "\t" else "t.csv")
    path.write_text("\n".join(delimiter.join(r) for r in rows) + "\n", encoding="utf-8")
    reader = Reader(text_field=f"column_{width}", header=False, delimiter=delimiter)
    records = list(reader([path]))
    assert [r.text for r in records] == [r[-1] for r in rows]
    assert [r.meta.get("column_1") for r in records] == [
        (None if width == 1 else r[0]) for r in rows
    ]
    assert reader.config()["header"] is False
    default = list(Reader(text_field=f"column_{width}", delimiter=delimiter)([path]))
    assert len([r for r in default if r.error is None]) < len(rows)  # the detection keeps it
