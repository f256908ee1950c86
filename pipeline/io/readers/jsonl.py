"""JSON Lines (`.jsonl`, `.ndjson`): one record per object line.

An object over several lines (jq's default output, `json.dumps(indent=2)` per object, an
array of them saved as `.jsonl`), and RFC 7464 JSON text sequences (RS before each text), are
read as the `.json` reader reads them, each object one record: the evidence is a line that is
`{` alone, which no JSON Lines line is; from it to where its object closes the lines go
through `json_stream.Scanner`, then reading goes on a line at a time. Each line of such an
object was an E003 and no record was read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from pipeline.errors import Code
from pipeline.io import jsonvalues
from pipeline.io.discover import InputFile
from pipeline.io.encoding import Layout, file_layout
from pipeline.io.json_stream import RS, Scanner, Value
from pipeline.io.padding import without_stray_nuls, zeroed_block
from pipeline.io.readers.base import (
    Fields,
    FormatReader,
    Lines,
    WarningSink,
    failed,
    ignore_warning,
    too_long,
    too_long_line,
)
from pipeline.io.readers.objects import from_object, named, report_repairs
from pipeline.io.readers.registry import register
from pipeline.io.utf8_variants import decode_utf8
from pipeline.record import Record
from pipeline.shards import UNKNOWN

JSON_BYTES_PER_CHAR = 12  # '\\ud83c\\udfac' is one character
# room for the fields beside the text in one line: what shard planning parses a line up to
# (`shards.PLAN_LINE_BYTES`); parsing 64 MB of JSON takes about 0.5 s and 0.5 GB
OBJECT_FIELDS_BYTES = 64 << 20
# what files joined end to end put around their lines, none of it JSON: a byte-order mark
# (each UTF's, once decoded), NUL padding, DOS's end-of-file mark (Ctrl-Z), blanks, CR
# (and RS, RFC 7464's mark before each JSON text of a sequence)
BETWEEN_LINES = "\ufeff\x00\x1a \t\r\n\x0b\x0c" + RS


BLANKS_AND_COMMAS = BETWEEN_LINES + ","


def objects(text: str) -> bool:
    """Whether `text` is one JSON object."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return True  # (an object that fails on its own, located, beside good ones)


def opens_object(line: str) -> bool:
    """Whether a line (`json_line`) opens an object over several lines: `{` alone, as pretty
    printers write an object's first line (jq, `json.dumps(indent=...)`, `JSON.stringify`),
    or an object whose JSON ends with the line, unclosed (`{"id": "r0",`: formatters that keep
    the first key on the brace's line; hostile43 H14). A line that ends with `}` is not asked
    (every JSON Lines line: parsed once, as before). A record cut short at the line's end
    reads the same way: the next line opening an object at its column ends it
    (`json_stream.Scanner`), so it fails alone."""
    if line == "{":
        return True
    if not line.startswith("{") or line.endswith("}"):
        return False
    try:
        json.loads(line)
    except json.JSONDecodeError as e:
        return e.pos >= len(line)  # the line ends inside the object: it goes on
    except (ValueError, RecursionError):
        return False
    return False


def byte_codec(layout: Layout) -> str:
    """The codec a line's characters are counted in (bytes): the file's, without a BOM (the
    decoder gives each line's own offset); UTF-8 for a mixed file (`utf-8+cp1252`)."""
    encoding = layout.encoding
    if "+" in encoding or layout.segments:
        return "utf-8"
    return {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}.get(
        encoding, encoding
    )


def json_line(line: str) -> str:
    """A line's JSON, without what concatenated files put around it (a blank line: '')."""
    return line.strip(BETWEEN_LINES)


@register(".jsonl", ".ndjson")
class JsonlReader(FormatReader):
    """One record per JSON object line; a bad line becomes a failed record, the next is read.
    Values JSON output cannot carry as they are are repaired with a warning (`jsonvalues`)."""

    splittable = True
    stray_nuls = False  # taken out of each value (`record_of`): joined values keep their bytes

    @property
    def line_bytes(self) -> int:
        """JSON may spend 12 bytes on one character (a surrogate pair of `\\uXXXX` escapes,
        Python's `json.dumps` default) and the object holds other fields, which may dwarf the
        text (a crawl's raw `html`, a tokenised dataset's `input_ids`): a line is read up to
        that, and the record is then measured in characters of its text like every other. A
        short text beside a 10 MB field was refused as "text too long" (the cap was 1 MB for
        the other fields), its text and id in no output; the fields are kept whole in meta."""
        return JSON_BYTES_PER_CHAR * self.settings.max_chars + OBJECT_FIELDS_BYTES

    @classmethod
    def line_layout(cls, layout: Layout) -> Layout:
        """JSON Lines end at LF: a bare CR is JSON's whitespace (a valid record with a CR
        between two tokens was split into two E003), unless most of the file's line ends are
        bare CRs (a file of CR line ends)."""
        return replace(layout, bare_cr=False) if not layout.cr_lines else layout

    def document_of(self, file: InputFile, number: int, raw: bytes) -> str | None:
        """As `read_lines` reads the line (the same `records_of`): the document of its first
        active record (a line of joined objects is read by one worker). Called on a file's
        lines in order: the lines of an object over several lines, as `read_lines` finds
        them, are `shards.UNKNOWN` (no cut inside it or right after it)."""
        decoded = decode_utf8(raw)[0]
        planning: Scanner | None = getattr(self, "planning", None)
        if planning is not None or opens_object(json_line(decoded)):
            planning = planning or Scanner(self.line_bytes)
            for _ in planning.feed(number, 0, decoded.rstrip("\r\n")):
                pass
            self.planning = None if planning.idle else planning
            return UNKNOWN
        text = json_line(decoded)
        records = self.records_of(file, number, 0, text, ignore_warning) if text else iter(())
        limit = self.settings.max_chars
        return next((r.doc_id for r in records if r.active and len(r.text) <= limit), None)

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        scanner: Scanner | None = None  # an object over several lines, being read
        for number, byte, line in lines:
            if scanner is not None and line is not None:
                yield from self.of_values(file, scanner.feed(number, byte, line), warn)
                scanner = None if scanner.idle else scanner
                continue
            if scanner is not None:  # (a line too long to read ends it)
                yield from self.of_values(file, scanner.end(), warn)
                scanner = None
            if line is None:
                yield too_long_line(file, self.settings.max_chars, number, byte, self.line_bytes)
            elif opens_object(text := json_line(line)):
                scanner = Scanner(self.line_bytes, byte_codec(file_layout(file.path)))
                yield from self.of_values(file, scanner.feed(number, byte, line), warn)
            elif text:
                yield from self.records_of(file, number, byte, text, warn)
        if scanner is not None:
            yield from self.of_values(file, scanner.end(), warn)

    def of_values(
        self, file: InputFile, values: Iterator[Value], warn: WarningSink
    ) -> Iterator[Record]:
        """The records of values `json_stream` gives (a value over the bound: E009)."""
        for value in values:
            if value.problem is not None and not value.text:
                message = too_long(None, self.settings.max_chars, self.line_bytes)
                yield failed(file, Code.TOO_LONG, value.line, "", value.byte, message=message)
                continue
            record = self.record_of(file, value.line, value.byte, value.text, warn)
            if value.problem is not None and record.error is not None:
                record.error.message += f" ({value.problem})"
            yield record

    def records_of(
        self, file: InputFile, number: int, byte: int, line: str, warn: WarningSink
    ) -> Iterator[Record]:
        """The record of a line; the records of a line holding several JSON objects one after
        another (files joined when the first lacks its final newline, `{..} {..}`), each
        with its byte offset: two valid records were one E003 "Extra data", both lost."""
        held: list[dict[str, Any]] = []  # the line's warnings, given if it is read as one value
        record = self.record_of(file, number, byte, line, held.append)
        error = record.error
        if error is None or error.code not in (Code.INVALID_JSON.value, Code.NOT_AN_OBJECT.value):
            for entry in held:
                warn(entry)
            yield record
            return
        if line.strip(BLANKS_AND_COMMAS) in ("[", "]"):
            return  # an array's own line (`[`, `]`, `],`): an array written one object a line
        scanner = Scanner(self.line_bytes)
        scanner.in_array = not line.startswith("[")  # (`{..}]`: the array's last line)
        values = [*scanner.feed(number, byte, line), *scanner.end()]
        if not values or not all(objects(v.text) for v in values):
            for entry in held:
                warn(entry)
            yield record  # not objects (`[1, 2]`, `0 0`, `{..} garbage`): the line fails whole
            return
        for value in values:  # objects joined (`{..} {..}`, `{..},`, `[{..}, {..}]`)
            yield self.record_of(file, number, value.byte, value.text, warn)

    def record_of(
        self, file: InputFile, number: int, byte: int | None, line: str, warn: WarningSink
    ) -> Record:
        """The record of one line, or a failed record saying why."""
        fields = self.settings.fields
        if why := zeroed_block(line):  # (json would say "Invalid control character")
            return failed(file, Code.UNREADABLE_FILE, number, line.replace("\x00", ""), byte,
                          reason=why)  # fmt: skip
        if "\x00" in line:  # stray NULs: no JSON, no text (`padding.without_stray_nuls`)
            line = without_stray_nuls(line, number, byte or 0, file.source, warn)
        try:
            obj, repairs = jsonvalues.loads(line)
        except json.JSONDecodeError as e:
            # json's own message may end in "at" ("Unterminated string starting at")
            problem = f"{e.msg}{'' if e.msg.endswith(' at') else ' at'} column {e.colno}"
            return failed(file, Code.INVALID_JSON, number, line, byte, problem=problem)
        except RecursionError:
            problem = f"nested too deeply (over {jsonvalues.MAX_DEPTH} levels)"
            return failed(file, Code.INVALID_JSON, number, line, byte, problem=problem)
        except ValueError as e:  # whatever else the parser refuses: this line only
            return failed(file, Code.INVALID_JSON, number, line, byte, problem=e)
        report_repairs(repairs, warn, file.source, number, byte)
        text_field = Fields.first(fields.text, obj) if isinstance(obj, dict) else fields.text[0]
        if any(r.path == text_field and r.written == "a string" for r in repairs):
            problem = "not a non-empty string (a number)"  # kept as its literal, not text
            record = failed(file, Code.MISSING_TEXT, number, line, byte, field=repr(text_field),
                            problem=problem)  # fmt: skip
            return named(record, file, obj, fields)
        if not isinstance(obj, dict):
            kind = type(obj).__name__
            return failed(file, Code.NOT_AN_OBJECT, number, line, byte, kind=kind)
        return from_object(file, number, byte, obj, line, fields, warn)
