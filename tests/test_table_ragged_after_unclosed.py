"""A ragged row right after a one-line row whose quote is never closed is a record.

The ragged row's first cell is quoted, so its opening quote closes the unclosed cell badly
(text after it): in a table with no typed column (ids, dates) nothing tells that line from
the damaged cell's last line, and a ragged row whose text cell is there is read (pandas).
The unclosed row is one E010 over its own line. (With typed columns, a short line off
their shapes stays the cell's last line: tests/test_table_damaged_openings.py.)
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader
from tests.test_table_reader import line_range

WORD = st.text(st.sampled_from("abxé"), min_size=1, max_size=4)


def quote(cell: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow([cell])
    return buffer.getvalue()[:-1]


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, int, list[str], str]:
    """(file text, the unclosed row's line, the ragged row's cells, its text)."""
    width = draw(st.integers(2, 4))
    before = draw(st.lists(st.lists(WORD, min_size=width, max_size=width), max_size=3))
    ragged = draw(st.lists(WORD, min_size=1, max_size=width - 1))
    ragged[0] = ragged[0] + draw(st.sampled_from(["", "\n", "\r", ","])) + draw(WORD)
    unclosed = ",".join(['"' + draw(WORD), *draw(st.lists(WORD, min_size=0, max_size=width))])
    lines = [",".join(["text", *(f"c{i}" for i in range(1, width))])]
    lines += [",".join(quote(c) for c in row) for row in before]
    lines += [unclosed, ",".join(quote(c) for c in ragged), ",".join(["z"] * width)]
    return "\n".join(lines) + "\n", len(before) + 2, ragged, ragged[0]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=tables())
def test_a_ragged_row_after_an_unclosed_quote_is_its_record(
    tmp_path_factory: pytest.TempPathFactory, table: tuple[str, int, list[str], str]
) -> None:
    content, at, _, text = table
    path = tmp_path_factory.mktemp("t") / "t.csv"
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader()([path]))
    errors = [r for r in records if r.error is not None]
    assert [line_range(r) for r in errors] == [(at, at)], (content, errors)
    texts = [r.text for r in records if r.error is None and line_range(r)[0] == at + 1]
    assert texts == [text], (content, records)
    assert len(records) == at + 1, (content, records)  # every row: one record or error each
