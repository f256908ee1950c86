"""What every format reader shares: the reader protocol, its settings, and failed records.

A format reader turns one part of one file into records; whatever it cannot read becomes a
failed record with its location and a code (never an exception), so the accounting
`read == written + dropped + failed` holds for every input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pipeline.errors import Code, Warn
from pipeline.io.compression import UntilBreak, compression, open_bytes, verify
from pipeline.io.discover import InputFile
from pipeline.io.discover import nfc as nfc  # (field and column names compared in NFC)
from pipeline.io.encoding import (
    WIDE,
    Layout,
    decoded_lines,
    described_layout,
    file_layout,
    guess_warning,
    line_stream,
    switched_lines,
)
from pipeline.io.invisible import invisible
from pipeline.io.padding import NUL_BLOCK_RUNS, NUL_RUN, is_binary, unpadded, zeroed_block
from pipeline.io.segment.segmenter import Segmenter
from pipeline.record import Location, Record

if TYPE_CHECKING:
    from pipeline.shards import Part

RECORD_MAX_CHARS = 200_000
OTHER_FIELDS_BYTES = 1 << 20  # room for the fields beside the text in a line (JSONL, CSV)
WarningSink = Callable[[dict[str, Any]], None]
Lines = Iterable[tuple[int, int, str | None]]  # (line number, byte offset, text or None)


def ignore_warning(entry: dict[str, Any]) -> None:
    """The default sink for library use without an output directory."""


@dataclass(frozen=True)
class Fields:
    """Which field of an object (JSONL, Parquet) or column (CSV/TSV) holds the text, and the id:
    names tried in order, the first one an object has is used (`--text-field review,text`: a
    CSV of reviews and a JSONL of texts read in one run)."""

    text: tuple[str, ...] = ("text",)
    id: tuple[str, ...] = ("id",)

    def __post_init__(self) -> None:
        """The names in NFC, as every reader's keys and column names are (`nfc_keys`): a name
        typed composed never matched a key written decomposed (macOS, some exports), and the
        message named two fields that look the same."""
        object.__setattr__(self, "text", tuple(map(nfc, self.text)))
        object.__setattr__(self, "id", tuple(map(nfc, self.id)))

    @staticmethod
    def names(value: str | Sequence[str]) -> tuple[str, ...]:
        """`"review,text"` or `["review", "text"]` → `("review", "text")` in NFC; blanks
        dropped; no name at all is a `ValueError` (the command line's usage error). A string is
        read as one CSV line, so a name holding a comma is quoted or escaped:
        `'"Review, full text",text'`, `'Review\\, full text'` (a column named so could never
        be chosen: spreadsheets' "Comments, if any"); a list is taken item by item."""
        parts = names_in(value) if isinstance(value, str) else list(value)
        names = tuple(dict.fromkeys(nfc(p.strip()) for p in parts if p.strip()))
        if not names:
            shown = "an empty name" if not str(value).strip() else "only commas and blanks"
            raise ValueError(f"no field name in {value!r} ({shown}): name a field, e.g. text")
        return names

    @staticmethod
    def first(names: tuple[str, ...], obj: dict[str, Any]) -> str:
        """The first of `names` the object holds a value for, else the first name. A null and
        a blank string are both no value: exports write a missing value as either (pandas'
        `to_json` writes null, CSV-to-JSON converters ""), and one fell back where the other
        failed the record. A text nothing of which shows (`invisible`) is passed over too."""
        return next(
            (
                n
                for n in names
                if not Fields.missing(v := Fields.value(obj, n)) and not shows_nothing(v)
            ),
            names[0],
        )

    @staticmethod
    def value(obj: dict[str, Any], name: str) -> Any:
        """The value `name` names in `obj` (`field_path`), or None."""
        path = field_path(obj, name)
        return None if path is None else path[-1][1]

    @staticmethod
    def missing(value: Any) -> bool:
        """Whether a field's value stands for no value: null, or a string of blanks."""
        return value is None or (isinstance(value, str) and not value.strip())

    @staticmethod
    def shown(names: tuple[str, ...]) -> str:
        """`'text'`, or `'review' or 'text'`: for messages."""
        return " or ".join(map(repr, names))


def field_path(obj: dict[str, Any], name: str) -> list[tuple[str, Any]] | None:
    """The keys leading to the value `name` names, each with its value, or None: the key
    `name` itself when the object has it (a flat `a.b`, as pandas' `json_normalize` writes
    it), else a dotted path into nested objects (`a.b` is `{"a": {"b": ...}}`, as datatrove
    adapters and `json_normalize` users name it), each dot tried from the left, so a key that
    holds a dot is reached too (`meta.x.y` finds `{"meta": {"x.y": ...}}`)."""
    if name in obj:
        return [(name, obj[name])]
    dot = name.find(".")
    while dot >= 0:
        head = name[:dot]
        inner = obj.get(head)
        if isinstance(inner, dict):
            rest = field_path(inner, name[dot + 1 :])
            if rest is not None:
                return [(head, inner), *rest]
        dot = name.find(".", dot + 1)
    return None


def shows_nothing(value: Any) -> bool:
    """Whether a field's value is a string nothing of which shows (`invisible`)."""
    return isinstance(value, str) and invisible(value)


def names_in(value: str) -> list[str]:
    """The names of an option value, read as one CSV line: commas separate, a quoted name
    or a backslash keeps one (`"a, b"`, `a\\, b`); `written_names` writes them back."""
    return next(csv.reader([value], escapechar="\\", skipinitialspace=True), [])


def written_names(names: Sequence[str]) -> str:
    """One option value for `names` that `names_in` reads back item by item (a TOML list
    was joined with commas, then split again at the commas inside a name)."""

    def one(name: str) -> str:
        if not any(c in name for c in ',"\\') and name == name.strip():
            return name
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return ",".join(one(name) for name in names)


@dataclass(frozen=True)
class ReadSettings:
    """What shapes reading, whatever the format."""

    max_chars: int = RECORD_MAX_CHARS
    fields: Fields = field(default_factory=Fields)
    segmenter: Segmenter = field(default_factory=Segmenter)
    delimiter: str | None = None  # of CSV/TSV files; None: decided per file (`table_dialect`)
    # the most markup an HTML page may hold, its payload not counted; None: from `max_chars`
    # (`readers.markup.MarkupReader.page_bytes`)
    max_page_bytes: int | None = None
    header: bool | None = None  # whether CSV/TSV files have a header; None: decided per file
    # of CSV/TSV files: the quote (None: `"`; "": none, quotes are text) and the escape (None:
    # decided per file, `table_dialect.escape_of`; "": none)
    quote_char: str | None = None
    escape_char: str | None = None
    # of JSON documents: the keys, dotted, of the array holding the records (`json_paths`);
    # None: the document's one array of objects at its top two levels, if it is not a record
    records_path: str | None = None


class FormatReader:
    """Reads one format. A subclass registered for its suffixes (`registry.register`)
    implements `read_lines` over the decoded lines of a part, or `read` for a format that is
    not lines of text (Parquet)."""

    suffixes: ClassVar[tuple[str, ...]] = ()
    # where a record surely ends, at a compressed file's break (`compression.RECORD_ENDS`)
    record_ends: ClassVar[str] = "line"
    splittable: ClassVar[bool] = False  # a part may start at any line (JSONL)
    detailed: ClassVar[bool] = False  # lines come as `encoding.Decoded` (their ends, quotes)
    # a run of NULs inside a line is a zeroed block that fails the record it cuts
    # (`padding.zeroed_block`), not a sign of a binary file
    nul_blocks: ClassVar[bool] = True
    # what a zeroed block becomes before parsing, for a format whose parser drops NULs (HTML:
    # a block cutting two paragraphs made one record of their remains, no error)
    zeroed_mark: ClassVar[str] = "\x00"
    # stray NULs inside a line are taken out as the lines are read (`padding.strip`); a format
    # that gives offsets inside a line (JSONL's joined values) takes them out itself
    stray_nuls: ClassVar[bool] = True

    def __init__(self, settings: ReadSettings) -> None:
        self.settings = settings
        self.broke: UntilBreak | None = None  # a compressed file's stream, once opened
        self.last_line = 0  # the number of the last line read
        # (line, byte, raw text) of what the format was still reading when a compressed file
        # broke off (a CSV row inside its quoted cell): part of the break, not an error of its own
        self.unfinished: tuple[int, int | None, str] | None = None

    def at_break(self) -> bool:
        """Whether the lines read so far ended where a compressed file breaks."""
        return self.broke is not None and self.broke.broken is not None

    @property
    def line_bytes(self) -> int:
        """The longest line decoded; a longer one is skipped unread and reported."""
        return 4 * self.settings.max_chars

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        file = part.file
        layout = part.layout or file_layout(file.path)  # decided once per file
        encoding = layout.encoding
        switched = bool(layout.segments)  # parts in several encodings: not binary (`switches`)
        if (
            part.start == 0
            and encoding not in WIDE
            and not switched
            and is_binary(file.path, self.nul_blocks)
        ):
            yield failed(file, Code.BINARY_FILE)
            return
        if part.start == 0 and (encoding != "utf-8" or switched):
            warn(Warn.NOT_UTF8.entry(file.source, encoding=described_layout(layout)))
        if part.start == 0 and file_layout(file.path).uncertain:
            warn(guess_warning(file.source, file_layout(file.path)))  # (a few bytes: W017)
        if part.start == 0 and compression(file.path) and verify(file.path).unchecked:
            warn(Warn.UNCHECKED_ARCHIVE.entry(file.source, units="zstd frame(s)"))
        lines = self.lines(part, warn, layout)
        if self.detailed:
            yield from self.read_lines(file, lines, warn)
        else:
            plain = unpadded((d[:3] for d in lines), file.source, warn, self.stray_nuls)
            if self.zeroed_mark != "\x00":
                plain = ((n, b, marked(t, self.zeroed_mark)) for n, b, t in plain)
            for record in self.read_lines(file, plain, warn):
                yield failed_if_zeroed(record, self.zeroed_mark)
        if self.broke is not None and self.broke.broken is not None:
            line, byte, text = self.unfinished or (self.last_line + 1, self.broke.given, "")
            yield failed(
                file,
                Code.UNREADABLE_FILE,
                line=line,
                byte=byte,
                text=text + self.broke.tail.decode(encoding, "replace"),
                reason=self.broke.broken,
            )

    def lines(self, part: Part, warn: WarningSink, layout: Layout | None = None) -> Iterator[Any]:
        """The part's decoded lines (`encoding.Decoded`), the file open while they are read.
        A compressed file that breaks ends there (`compression.UntilBreak`): the reader
        finishes what it holds, then `read` reports the break, after the last line."""
        layout = self.line_layout(layout or part.layout or file_layout(part.file.path))
        with open_bytes(part.file.path) as raw:
            if compression(part.file.path):
                self.broke = UntilBreak(raw, self.record_ends)
                raw = io.BufferedReader(self.broke)
            wide = layout.encoding in WIDE
            f = line_stream(raw, layout.bare_cr) if not wide else raw
            lines = (
                switched_lines(raw, part, warn, layout, self.line_bytes)
                if layout.segments
                else decoded_lines(
                    f,
                    part,
                    warn,
                    layout.encoding,
                    self.line_bytes,
                    layout.cr_lines,
                    layout.seven_bit,
                )
            )
            for line in lines:
                self.last_line = line.number
                yield line

    @classmethod
    def line_layout(cls, layout: Layout) -> Layout:
        """The file's layout as this format counts lines (shard planning counts them alike)."""
        return layout

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        raise NotImplementedError

    def document_of(self, file: InputFile, number: int, raw: bytes) -> str | None:
        """The document of the active record line `number` gives (None: no active record), for
        a splittable format: where shards may be cut (`pipeline.shards`)."""
        raise NotImplementedError


def failed_if_zeroed(record: Record, mark: str = "\x00") -> Record:
    """The record, failed (E001, its text kept without the block) when a zeroed block cuts
    its text: the bytes the block overwrote are lost, so the text is not what was written.
    One such block made a whole JSONL, text or Markdown file "binary", every record lost."""
    if record.error is None and (why := zeroed_block(record.text, mark)):
        record.text = record.text.replace(mark, "")
        record.fail("read", Code.UNREADABLE_FILE.value, Code.UNREADABLE_FILE.message(reason=why))
    return record


def marked(text: str | None, mark: str) -> str | None:
    """A line with each zeroed block's NULs written as `mark` (one each), which its parser
    keeps in the text."""
    if text is None or NUL_RUN not in text:
        return text
    return NUL_BLOCK_RUNS.sub(lambda m: mark * len(m[0]), text)


def failed(
    file: InputFile,
    code: Code,
    line: int | None = None,
    text: str = "",
    byte: int | None = None,
    message: str | None = None,
    **fields: Any,
) -> Record:
    """A record of the input that could not be read: where, and why (`code`'s message with
    `fields`, or `message` already made from it)."""
    suffix = f":L{line}" if line is not None else ""
    record = Record(
        id=f"{file.doc_id}{suffix}",
        doc_id=file.doc_id,
        source=file.source,
        seq=-1,
        text=text,
        location=Location(file.source, line, byte),
    )
    record.fail("read", code.value, message or code.message(**fields))
    return record


def set_aside_oversize(
    lines: Lines,
    oversize: list[tuple[int, int]],
    kept: list[tuple[int, int]] | None = None,
) -> Iterator[tuple[int, str]]:
    """(number, text) of the lines that were decoded; the others' (number, byte) go to
    `oversize`, to be reported once the file's records are out (and the decoded ones' to
    `kept`, when the caller needs to know where each starts)."""
    for number, byte, text in lines:
        if text is None:
            oversize.append((number, byte))
            continue
        if kept is not None:
            kept.append((number, byte))
        yield number, text


def too_long(chars: int | None, limit: int, line_bytes: int | None = None) -> str:
    if chars is not None:
        size = f"{chars:,} characters"
    elif line_bytes is not None:
        size = f"a line of more than {line_bytes:,} bytes, read no further"
    else:
        size = "a line too long to read"
    return Code.TOO_LONG.message(size=size, limit=limit)


def too_long_line(
    file: InputFile, limit: int | None, number: int, byte: int | None, line_bytes: int | None = None
) -> Record:
    """A line too long to decode (it was set aside unread): failed where it starts."""
    message = too_long(None, limit or 0, line_bytes)
    return failed(file, Code.TOO_LONG, number, "", byte, message=message)
