"""The lines of a quoted cell whose opening was damaged are never made records (hostile43 H15).

A table as the csv module writes it (every delimiter and quote character the reader takes),
one row's quoted cell spanning lines, damaged by a quote at any place of the row's lines (an
inch mark, a quote inside the cell, one closing it early, one left unclosed, one added at
the end): its last line, `break",fr`, was a record whose id was the cell's tail. Each record
written is a row's own (its id one of the table's), and every undamaged row is its record
with its own text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

WORDS = ["film", "the", "a review", "of Paris", "good", "bad, very bad", "12, rue X", "it's", "ok"]
DIALECTS = [  # (delimiter, quote, suffix)
    (",", '"', ".csv"),
    (";", '"', ".csv"),
    ("|", '"', ".csv"),
    ("\t", '"', ".csv"),  # (a .tsv file is quoted only on evidence: test_table_reader)
    (",", "'", ".csv"),
]


def sentence(draw: st.DrawFn, d: str) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
    return " ".join(words).replace(",", d)


@st.composite
def damaged_tables(draw: st.DrawFn) -> tuple[int, str, list[list[str]], str]:
    """A table (dialect index, file text, rows, the damaged row's id)."""
    dialect = draw(st.integers(0, len(DIALECTS) - 1))
    d, q, _ = DIALECTS[dialect]
    rows = []
    for i in range(draw(st.integers(2, 8))):
        lines = [sentence(draw, d) for _ in range(draw(st.integers(1, 3)))]
        rows.append([f"r{i}", "\n".join(lines), draw(st.sampled_from(["en", "fr", "x"]))])
    # (the first row damaged: no row before it gives the shapes its cell's lines lack)
    k = draw(st.integers(1, len(rows) - 1))
    if "\n" not in rows[k][1]:
        rows[k][1] += "\n" + sentence(draw, d)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=d, quotechar=q, lineterminator="\n")
    writer.writerow(["id", "text", "lang"])
    writer.writerows(rows)
    lines = buffer.getvalue().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(f"r{k}{d}"))
    end = start + rows[k][1].count("\n")
    at = draw(st.integers(start, end))  # any line of the damaged row
    line = lines[at]
    kind = draw(st.sampled_from(["inch", "lead", "anywhere", "end", "unclosed"]))
    first = len(f"r{k}{d}") if at == start else 0
    if kind == "inch":
        line = line[:first] + f"6'2{q} tall " + line[first:]
    elif kind == "lead":
        line = line[:first] + q + line[first:]
    elif kind == "anywhere":
        pos = draw(st.integers(first, len(line)))
        line = line[:pos] + q + line[pos:]
    elif kind == "end":
        line += q
    else:
        line = line[:first] + f"{q}unclosed " + line[first:]
    lines[at] = line
    return dialect, "\n".join(lines), rows, f"r{k}"


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(table=damaged_tables(), name=st.integers(0, 10**9))
def test_no_line_of_a_damaged_cell_is_a_record(
    tmp_path: Path, table: tuple[int, str, list[list[str]], str], name: int
) -> None:
    dialect, content, rows, damaged = table
    _, quote, suffix = DIALECTS[dialect]
    path = tmp_path / f"t{name}{suffix}"
    path.write_text(content, encoding="utf-8", newline="")
    reader = Reader(quote_char=quote if quote != '"' else None)
    records = list(reader([path]))  # type: ignore[arg-type]
    written = {r.id: r.text for r in records if not r.error and not r.dropped}
    ids = {row[0] for row in rows}
    assert set(written) <= ids, (content, written)
    for row_id, text, _ in rows:
        if row_id != damaged:
            assert written.get(row_id) == text, (content, row_id, written)
