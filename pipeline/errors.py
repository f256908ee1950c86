"""Stable error and warning codes with their message templates (spaCy's `Errors` idea).

A code never changes meaning once published; add new ones at the end of their block. Every
message a code is reported with comes from its template here (`Code.X.message(...)`), so
the wording of one problem is written once and a user searching for a code finds them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any


class Code(str, Enum):
    # input (E0xx)
    UNREADABLE_FILE = "E001"
    BINARY_FILE = "E002"
    INVALID_JSON = "E003"
    NOT_AN_OBJECT = "E004"
    MISSING_TEXT = "E005"
    UNSUPPORTED_FILE = "E006"
    LINK_OUTSIDE = "E007"
    NOT_A_FILE = "E008"
    TOO_LONG = "E009"
    INVALID_TABLE = "E010"
    NEEDS_PACKAGE = "E011"
    PARSER_LIMIT = "E012"
    READER_FAILED = "E013"  # a reader's own bug: its file fails from there on, never the run
    INVALID_CUE = "E014"  # a subtitle cue whose timing line is damaged or lost
    # stages (E1xx detect, E2xx translate, E3xx extract)
    DETECT_FAILED = "E101"
    TRANSLATE_FAILED = "E201"
    EXTRACT_FAILED = "E301"
    STAGE_FAILED = "E901"  # any other stage (a custom one): the message names the stage

    def message(self, **fields: Any) -> str:
        """This code's message: its template filled in with `fields`."""
        return MESSAGES[self].format(**fields)


class Warn(str, Enum):
    """Something was repaired, not lost: reported in warnings.jsonl."""

    INVALID_UTF8 = "W001"
    DUPLICATE_ID = "W002"
    OUTPUT_SKIPPED = "W003"
    INVALID_UNICODE = "W004"
    NOT_UTF8 = "W005"
    NOT_JSON_VALUE = "W006"
    FIELD_RENAMED = "W007"
    BINARY_NOT_UTF8 = "W008"
    HIDDEN_SKIPPED = "W009"
    PADDING_SKIPPED = "W010"
    UNCHECKED_ARCHIVE = "W011"
    EMPTY_SHIFT = "W012"
    NO_DECODER = "W013"
    REPEATED_KEY = "W014"
    NO_RECORD = "W015"  # a whole input file gave no record and no error: the run says so
    FRONT_MATTER_CUT = "W016"
    ENCODING_GUESSED = "W017"
    RECORDS_PATH = "W018"
    CELL_LINES_ROWS = "W019"

    def message(self, **fields: Any) -> str:
        return MESSAGES[self].format(**fields)

    def entry(
        self,
        source: str,
        line: int | None = None,
        byte: int | None = None,
        record_id: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """The warnings.jsonl line: where, the code, (the record), the message."""
        entry: dict[str, Any] = {"source": source, "line": line, "byte": byte, "code": self.value}
        if record_id is not None:
            entry["id"] = record_id
        entry["message"] = self.message(**fields)
        return entry


STAGE_FAILED = "{kind}: {error}"  # the exception a stage raised on the record, as it said it

MESSAGES: Mapping[Code | Warn, str] = MappingProxyType({
    Code.UNREADABLE_FILE: "cannot read: {reason}",
    Code.BINARY_FILE: "binary file (NUL bytes), not text",
    Code.INVALID_JSON: "invalid JSON: {problem}",
    Code.NOT_AN_OBJECT: "expected a JSON object, got {kind}",
    Code.MISSING_TEXT: "field {field} is {problem}",
    Code.UNSUPPORTED_FILE: "unsupported file type {suffix!r}",
    Code.LINK_OUTSIDE: "symbolic link to {target}, outside the input folder: not followed{hint}",
    Code.NOT_A_FILE: "not a regular file (FIFO, socket or device)",
    Code.TOO_LONG: "text too long: {size}, over the limit of {limit:,} (--max-chars)",
    Code.INVALID_TABLE: "invalid {part}: {problem}",
    Code.NEEDS_PACKAGE: "reading {suffix} needs {package}: install the {extra!r} extra "
    "(`pipeline doctor` gives the command for where it runs)",
    Code.PARSER_LIMIT: "not read: the Markdown parser stopped before this line (blocks nested "
    "more than 20 deep)",
    Code.READER_FAILED: "not read {where}: the {format} reader failed ({kind}: {error}); a bug "
    "in the pipeline, please report it with this file",
    Code.INVALID_CUE: "invalid subtitle cue: {problem}",
    Code.DETECT_FAILED: STAGE_FAILED,
    Code.TRANSLATE_FAILED: STAGE_FAILED,
    Code.EXTRACT_FAILED: STAGE_FAILED,
    Code.STAGE_FAILED: STAGE_FAILED,
    Warn.EMPTY_SHIFT: "ISO-2022 escapes with no character between them: an empty line",
    Warn.NO_DECODER: "{count} character(s) of {charset} ({encoding}) from byte {offset}: no "
    "decoder for this set here, replaced with U+FFFD",
    Warn.REPEATED_KEY: "key {key!r} is repeated in one object: its last value is read, as JSON "
    "parsers read it{kept}",
    Warn.FRONT_MATTER_CUT: "front matter longer than the page bound ({bound:,} characters, "
    "--max-page-bytes): read as metadata up to this line, its lines from here to its closing "
    "fence dropped as markup, unread",
    Warn.RECORDS_PATH: "the document wraps its records: those of its one array of objects, at "
    "{path!r}, are read (--records-path {path} says so; the wrapper's other fields are not "
    "records)",
    Warn.CELL_LINES_ROWS: "a quoted cell over {lines}: {rows:,} of its lines read alone as "
    "rows of the table, and its first line as a whole row with the quote as text; read as one "
    "cell, as the csv module reads it (if that quote was stray, closed by a later one such as "
    "an inch mark, those rows are in this record's text: fix the quote and read it again)",
    Warn.INVALID_UTF8: "invalid {encoding} at byte {offset}, replaced with U+FFFD",
    Warn.DUPLICATE_ID: "duplicate id {original!r} renamed to {renamed!r}",
    Warn.OUTPUT_SKIPPED: "{folder} holds the outputs of a run: not read as input",
    Warn.INVALID_UNICODE: "{count} lone surrogate(s) (\\ud800-\\udfff escapes that are not a "
    "pair) replaced with U+FFFD",
    Warn.NOT_UTF8: "not UTF-8: read as {encoding} (detected)",
    Warn.ENCODING_GUESSED: "{count} byte(s) beyond ASCII: too few to tell the encoding, read as "
    "{encoding}; {alternatives} read them as text too",
    Warn.NOT_JSON_VALUE: "field {path}: {found} is not a JSON value: written as {written}",
    Warn.FIELD_RENAMED: "field {original!r} kept as meta[{renamed!r}]: {why}",
    Warn.BINARY_NOT_UTF8: "column {column!r} holds bytes that are not UTF-8: read as {encoding} "
    "(detected)",
    Warn.HIDDEN_SKIPPED: "{path} is hidden (its name starts with '.'): not read (name it as an "
    "input to read it)",
    Warn.PADDING_SKIPPED: "{count:,} padding character(s) (NUL, Ctrl-Z) at byte {offset}: not "
    "text, skipped",
    Warn.UNCHECKED_ARCHIVE: "{units} without a checksum: damage inside cannot be detected, "
    "the content is read as it decodes",
    Warn.NO_RECORD: "no record read from this file: {what}",
})  # fmt: skip


# Not a warning: what a part of a file cut across shards read (records kept, failed, dropped),
# written where its W015 would go; the merge adds up a file's parts and writes the W015 in
# place of its last part's tally when the whole file gave nothing, so the warning is the same,
# once, whatever the shard size (`writers.merge`).
PART_TALLY = "part-tally"


def nothing_read(dropped: int, empty: bool = False) -> str:
    """What a file that gave no record held, for its warning (W015)."""
    if dropped:
        return f"{dropped:,} line(s) or part(s) dropped as no content (dropped.jsonl)"
    return "the file is empty (0 bytes)" if empty else "no text in it"


def no_record(source: str, dropped: int, empty: bool = False) -> dict[str, Any]:
    """The W015 entry of a file that gave no record and no error."""
    return Warn.NO_RECORD.entry(source, what=nothing_read(dropped, empty))
