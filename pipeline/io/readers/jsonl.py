"""JSON Lines (`.jsonl`, `.ndjson`): one record per object line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pipeline.errors import Code
from pipeline.io import jsonvalues
from pipeline.io.discover import InputFile
from pipeline.io.readers.base import (
    OTHER_FIELDS_BYTES,
    FormatReader,
    Lines,
    WarningSink,
    failed,
    too_long_line,
)
from pipeline.io.readers.objects import from_object, report_repairs
from pipeline.io.readers.registry import register
from pipeline.record import Record

JSON_BYTES_PER_CHAR = 12  # '\\ud83c\\udfac' is one character


@register(".jsonl", ".ndjson")
class JsonlReader(FormatReader):
    """One record per JSON object line; a bad line becomes a failed record, the next is read.
    Values JSON output cannot carry as they are are repaired with a warning (`jsonvalues`)."""

    splittable = True

    @property
    def line_bytes(self) -> int:
        """JSON may spend 12 bytes on one character (a surrogate pair of `\\uXXXX` escapes,
        Python's `json.dumps` default) and the object holds other fields: a line is read up
        to that, and the record is then measured in characters like every other."""
        return JSON_BYTES_PER_CHAR * self.settings.max_chars + OTHER_FIELDS_BYTES

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        fields, max_chars = self.settings.fields, self.settings.max_chars
        for number, byte, line in lines:
            if line is None:
                yield too_long_line(file, max_chars, number, byte, self.line_bytes)
                continue
            if not line.strip():
                continue
            try:
                obj, repairs = jsonvalues.loads(line)
            except json.JSONDecodeError as e:
                problem = f"{e.msg} at column {e.colno}"
                yield failed(file, Code.INVALID_JSON, number, line, byte, problem=problem)
                continue
            except RecursionError:
                problem = "nested too deeply"
                yield failed(file, Code.INVALID_JSON, number, line, byte, problem=problem)
                continue
            except ValueError as e:  # whatever else the parser refuses: this line only
                yield failed(file, Code.INVALID_JSON, number, line, byte, problem=e)
                continue
            report_repairs(repairs, warn, file.source, number, byte)
            if any(r.path == fields.text and r.written == "a string" for r in repairs):
                problem = "not a non-empty string (a number)"  # kept as its literal, not text
                yield failed(file, Code.MISSING_TEXT, number, line, byte, field=fields.text,
                             problem=problem)  # fmt: skip
                continue
            if not isinstance(obj, dict):
                kind = type(obj).__name__
                yield failed(file, Code.NOT_AN_OBJECT, number, line, byte, kind=kind)
                continue
            yield from_object(file, number, byte, obj, line, fields, warn)
