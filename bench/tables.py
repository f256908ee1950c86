"""CSV/TSV reading: how TSV exports are read (quotes as text, or CSV quoting), and the cost of
damaged files at 10x the size (a quoted span over the span limit, closed or not, included).

TSV shapes, as each exporter writes them (rows made here, cells from the exporters' rules):
- IMDb datasets (title.basics.tsv): no quoting, `\\N` for null, titles holding quotes
  (`"Weird Al" Yankovic: ...`, `The "Bread" ...`, `12" Single`);
- PostgreSQL `COPY ... TO` (text format) and Linear TSV: no quoting, a tab, line break or
  backslash in a cell written `\\t`, `\\n`, `\\\\`;
- Excel / LibreOffice "Text (tab delimited)": CSV quoting with tabs (a cell holding a tab,
  line break or quote is quoted, its quotes doubled).
A row is read right when its cells are the exporter's cells (as written for the unquoted
exporters: escapes are kept as written; a `\\N` cell is NULL: a text cell holding it is an
error, E005, not a record). Each file is read with the csv module's quoting
(what the reader did before) and with the reader now (no quoting unless `tsv_is_quoted`).

    .venv/bin/python bench/tables.py
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.io.readers import Reader
from pipeline.record import Record

TITLES = [
    '"Weird Al" Yankovic: The Ultimate Video Collection',
    'The "Bread" Song',
    '12" Single',
    "Plain Title",
    '"Quoted" at the start, closed in the middle',
    "A title, with a comma",
    '"Never closed',
    "L'Avventura",
]


def imdb(n: int) -> tuple[str, list[list[str]]]:
    rows = [[f"tt{i:07d}", "movie", TITLES[i % len(TITLES)], "\\N"] for i in range(n)]
    text = "tconst\ttitleType\ttext\tendYear\n" + "".join("\t".join(r) + "\n" for r in rows)
    return text, rows


def copy(n: int) -> tuple[str, list[list[str]]]:
    cells = ["line one\\nline two", "a\\ttab", "C:\\\\path", 'said "hi"', "\\N"]
    rows = [[str(i), cells[i % len(cells)]] for i in range(n)]
    return "id\ttext\n" + "".join("\t".join(r) + "\n" for r in rows), rows


def excel(n: int) -> tuple[str, list[list[str]]]:
    cells = ["plain", "a\ttab", "two\nlines", 'said "hi"', "ok, fine"]
    rows = [[str(i), cells[i % len(cells)]] for i in range(n)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    return buffer.getvalue(), rows


def read_right(folder: Path, name: str, content: str, rows: list[list[str]]) -> tuple[int, int]:
    """Rows read right (in order) by the csv module's quoting, and by the reader."""
    text_at = 2 if name == "imdb" else 1
    parsed = list(csv.reader(io.StringIO(content), delimiter="\t"))[1:]
    before = sum(1 for row, want in zip(parsed, rows, strict=False) if row == want)
    path = folder / f"{name}.tsv"
    path.write_text(content, encoding="utf-8")
    records = list(Reader()([path]))  # one per row, in order: a record or an error
    after = sum(1 for r, want in zip(records, rows, strict=False) if right(r, want[text_at]))
    return before, after


def right(record: Record, want: str) -> bool:
    """The row's text, or for a `\\N` cell (COPY's and IMDb's NULL) no text: an error."""
    if want == "\\N":
        return record.error is not None
    return record.error is None and record.text == want


def cost(folder: Path, name: str, make: Callable[[int], str], n: int, max_chars: int) -> float:
    path = folder / f"{name}-{n}.csv"
    tail = '"\nlast,row\n' if "closed cell" in name else "\n"  # the cell closes at the end
    path.write_text("id,text\n" + "\n".join(make(i) for i in range(n)) + tail, newline="")
    start = time.perf_counter()
    for _ in Reader(max_chars=max_chars)([path]):
        pass
    return time.perf_counter() - start


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    print("TSV export            rows  csv quoting  reader now")
    for name, make in (("imdb", imdb), ("copy", copy), ("excel", excel)):
        content, rows = make(400)
        before, after = read_right(folder, name, content, rows)
        print(f"{name:20} {len(rows):5}  {before:11}  {after:10}")
    shapes: dict[str, Callable[[int], str]] = {
        "clean rows": lambda i: f"r{i},row {i} is fine",
        "every other row opens a quote": lambda i: f'r{i},"open {i}' if i % 2 else f"r{i},row",
        "one quote open, then '\"\"' rows": lambda i: 'r,"open' if i == 0 else f'r{i},""x{i}',
        "multi-line quoted cells": lambda i: f'r{i},"a, b\nc, d"',
        # max_chars 1000 below: a span over 64,000 characters is spooled to a temporary file
        "one closed cell of n lines": lambda i: 'r,"x' if i == 0 else f"r{i},inner,e",
        "one quote open, then clean rows": lambda i: 'r,"open' if i == 0 else f"r{i},row {i}",
        "quotes open, then rows with a CR": lambda i: f'r{i},"o' if i % 2 else f"r{i},a\rb",
    }
    print("\nshape (max_chars 1000)              5k rows   50k rows   ratio")
    for name, make in shapes.items():
        small = cost(folder, f"{name}-s", make, 5_000, 1000)
        large = cost(folder, f"{name}-l", make, 50_000, 1000)
        print(f"{name:34} {small:7.3f}s {large:9.3f}s {large / small:6.1f}")


if __name__ == "__main__":
    main()
