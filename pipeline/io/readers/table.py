"""Delimited files (`.csv`, `.tsv`): one record per row after the header."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from pipeline.errors import Code, Warn
from pipeline.io import jsonvalues
from pipeline.io.discover import InputFile
from pipeline.io.readers.base import (
    FormatReader,
    Lines,
    WarningSink,
    failed,
    set_aside_oversize,
    too_long_line,
)
from pipeline.io.readers.objects import from_object
from pipeline.io.readers.registry import register
from pipeline.record import Record


@register(".csv")
class CsvReader(FormatReader):
    """One record per CSV/TSV row after the header (the csv module: quoted fields may hold
    delimiters and line breaks); `line` and `byte` are where the row starts. A row of the
    wrong width fails alone; columns other than the text and id go to `meta`. A header that
    repeats a column name keeps every column (`NAME.1`, ...: `jsonvalues.unique_names`)."""

    delimiter = ","

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        fields, max_chars = self.settings.fields, self.settings.max_chars
        delimiter = self.delimiter
        starts: list[tuple[int, int]] = []  # where the lines read since the last row start
        oversize: list[tuple[int, int]] = []
        # A cell may be as long as a record may be (the csv module's own limit is 131,072).
        csv.field_size_limit(max(csv.field_size_limit(), 4 * (max_chars or 0)))

        def texts() -> Iterator[str]:
            for _, text in set_aside_oversize(lines, oversize, starts):
                yield text + "\n"  # a quoted field keeps its line breaks

        rows = csv.reader(texts(), delimiter=delimiter)
        try:
            header = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            yield failed(file, Code.INVALID_TABLE, 1, "", 0, part="header", problem=e)
            return
        names = jsonvalues.unique_names((name, None) for name in header)
        for name, _ in names:
            if isinstance(name, jsonvalues.Renamed):
                why = "the header repeats this column name"
                warn(Warn.FIELD_RENAMED.entry(file.source, 1, 0, original=name.original,
                                              renamed=str(name), why=why))  # fmt: skip
        header = [str(name) for name, _ in names]
        where = starts[-1] if starts else (1, 0)
        starts.clear()  # the reader pulls a row's lines and no more: these are the header's
        while True:
            try:
                row = next(rows)
            except StopIteration:
                for number, byte in oversize:
                    yield too_long_line(file, max_chars, number, byte)
                return
            except csv.Error as e:
                number, byte = where = starts[0] if starts else where
                starts.clear()
                yield failed(file, Code.INVALID_TABLE, number, "", byte, part="row", problem=e)
                continue
            number, byte = where = starts[0] if starts else where
            starts.clear()
            if not any(cell.strip() for cell in row):
                continue
            line = delimiter.join(row)
            if len(row) != len(header):
                problem = f"{len(row)} columns where the header has {len(header)}"
                yield failed(
                    file, Code.INVALID_TABLE, number, line, byte, part="row", problem=problem
                )
                continue
            obj = dict(zip(header, row, strict=True))
            yield from_object(file, number, byte, obj, line, fields, warn)


@register(".tsv")
class TsvReader(CsvReader):
    """Tab-separated values: as CSV, with a tab between the cells."""

    delimiter = "\t"
