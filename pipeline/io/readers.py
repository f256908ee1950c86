"""Turn input files into a stream of records, and plan the input into shards.

`.txt` files are segmented into records (see `pipeline.stages.segment`), and so are HTML pages
and Markdown files once their markup is gone (`pipeline.io.markup`); `.jsonl` files give one
record per line. Any of them may be compressed (`.gz`, `.bz2`, `.xz`, `.zst`: see
`pipeline.io.compression`). Whatever cannot be read becomes a failed record with its location,
so the accounting `read == written + dropped + failed` holds for every input. Files are read
as bytes: a byte-order mark and CRLF line ends are accepted, invalid UTF-8 is replaced (U+FFFD)
and reported as a warning with its byte offset.

Shards are the unit of resume and of parallel work: consecutive whole text files, and large
JSONL files cut at line boundaries, grouped to about `shard_bytes` each.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.errors import Code, Warn
from pipeline.io import jsonvalues
from pipeline.io.compression import READ_ERRORS, compression, format_suffix, head, open_bytes
from pipeline.io.discover import InputFile, discover, shown
from pipeline.io.markup import MARKUP
from pipeline.record import INPUT_PREFIX, PIPELINE_META, Location, Record
from pipeline.stages.segment import Segmenter

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # the delimiter of each
MARKUP_SUFFIXES = frozenset(MARKUP)
PARQUET_SUFFIX = ".parquet"
READABLE_SUFFIXES = (
    TEXT_SUFFIXES | JSONL_SUFFIXES | MARKUP_SUFFIXES | frozenset(TABLE_SUFFIXES) | {PARQUET_SUFFIX}
)
SNIFF_BYTES = 8192
BOM = b"\xef\xbb\xbf"
DEFAULT_SHARD_BYTES = 4 << 20  # the most a shard holds
MIN_SHARD_BYTES = 16 << 10
SHARDS_WANTED = 32
DEFAULT_MAX_CHARS = 200_000
MARKUP_BYTES_PER_CHAR = 40  # an HTML page's markup is commonly 5-20x its text
ENCODING_SNIFF_BYTES = 1 << 16
UTF8_DAMAGE_RATIO = 1  # valid multi-byte characters per invalid sequence in damaged UTF-8
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
WIDE = frozenset({"utf-16", "utf-32"})
NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")

WarningSink = Callable[[dict[str, Any]], None]


def ignore_warning(entry: dict[str, Any]) -> None:
    """The default sink for library use without an output directory."""


@dataclass(frozen=True)
class Part:
    """Lines of one input file from byte `start` (line `first_line`) up to byte `end`."""

    file: InputFile
    start: int = 0
    end: int | None = None
    first_line: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.file.source, "path": shown(self.file.path), **{
            k: v for k, v in asdict(self).items() if k != "file"
        }}  # fmt: skip


@dataclass(frozen=True)
class Shard:
    """A unit of work: parts of consecutive input files, processed and committed together."""

    index: int
    parts: tuple[Part, ...]
    plan: str = ""  # digest of the run's plan: a shard of another run is never accepted
    limit: int | None = None  # read only this many records of it (`--limit`)

    @property
    def name(self) -> str:
        return f"shard-{self.index:05d}"

    @property
    def size(self) -> int:
        """Input bytes (for progress and ETA)."""
        total = 0
        for part in self.parts:
            try:
                total += (
                    part.end if part.end is not None else part.file.path.stat().st_size
                ) - part.start
            except OSError:
                continue
        return total


def is_binary(path: Path) -> bool:
    return b"\0" in head(path, SNIFF_BYTES)


def split_points(file: InputFile, every: int) -> list[Part]:
    """Cut a JSONL file into parts of about `every` bytes, at line starts, never inside a
    document (consecutive lines with the same `doc_id`): a document is read whole by one
    worker, so its language prior and its names do not depend on where shards begin."""
    parts: list[Part] = []
    start, first, offset, line = 0, 1, 0, 1
    want_cut, last = False, b""
    with file.path.open("rb") as f:
        for raw in bounded_lines(f, every):
            if want_cut and not same_document(last, raw if isinstance(raw, bytes) else b""):
                parts.append(Part(file, start, offset, first))
                start, first, want_cut = offset, line, False
            offset += raw if isinstance(raw, int) else len(raw)
            line += 1
            last = raw if isinstance(raw, bytes) else b""
            want_cut = want_cut or offset - start >= every
    parts.append(Part(file, start, None, first))
    return parts


def same_document(a: bytes, b: bytes) -> bool:
    """Whether two JSONL lines carry the same `doc_id` (a line without one is its own)."""
    docs = []
    for raw in (a, b):
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError):  # a broken line is its own: reported when read
            return False
        doc = obj.get("doc_id") if isinstance(obj, dict) else None
        if not isinstance(doc, str) or not doc.strip():
            return False
        docs.append(doc.strip())
    return docs[0] == docs[1]


def shard_size(files: Sequence[InputFile], cap: int) -> int:
    """Bytes per shard: enough shards to keep every worker busy on any input (about
    `SHARDS_WANTED`, at least `MIN_SHARD_BYTES` each), at most `cap`. It depends on the input
    alone, never on `--workers`: output and `--resume` are the same whatever the worker count.
    Measured on one 600 kB JSONL file of English paragraphs, default settings: one 4 MB-capped
    shard and 1.06× with two workers before; 32 shards 1.60×, and 1.79× with forked workers
    (`make bench`; 64 kB shards: 1.51×)."""
    total = 0
    for file in files:
        with contextlib.suppress(OSError):
            total += file.path.stat().st_size if file.refused is None else 0
    return min(cap, max(MIN_SHARD_BYTES, total // SHARDS_WANTED))


def plan_shards(
    files: Sequence[InputFile], max_shard_bytes: int = DEFAULT_SHARD_BYTES
) -> list[Shard]:
    """Group the files into shards (see `shard_size`); deterministic for the same files."""
    shard_bytes = shard_size(files, max_shard_bytes)
    shards: list[Shard] = []
    pending: list[Part] = []
    size = 0
    for file in files:
        if file.refused is not None:
            pending.append(Part(file))
            continue
        try:
            file_size = file.path.stat().st_size
            splittable = (
                format_suffix(file.path) in JSONL_SUFFIXES
                and not compression(file.path)
                and file_size > shard_bytes
            )
            parts = (
                split_points(file, shard_bytes)
                if splittable and not is_binary(file.path)
                else [Part(file)]
            )
        except READ_ERRORS:
            file_size, parts = 0, [Part(file)]  # reported when read
        for part in parts:
            pending.append(part)
            size += (part.end or file_size) - part.start
            if size >= shard_bytes:
                shards.append(Shard(len(shards), tuple(pending)))
                pending, size = [], 0
    if pending:
        shards.append(Shard(len(shards), tuple(pending)))
    return shards


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


@dataclass
class Reader:
    """Reads input into records. `Reader()(paths)` streams; nothing is held per corpus.

    `follow_links` reads symbolic links that lead outside their input folder. A record longer
    than `max_chars` fails (E009) instead of costing minutes and gigabytes: measured, one
    record of 200,000 characters takes 23 s and 1.3 GB, one of 1,000,000 takes 121 s and
    3.6 GB."""

    segmenter: Segmenter = field(default_factory=Segmenter)
    follow_links: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    text_field: str = "text"  # in JSONL objects and CSV/TSV columns
    id_field: str = "id"

    def __call__(
        self, inputs: Iterable[str | Path], warn: WarningSink = ignore_warning
    ) -> Iterator[Record]:
        for file in discover(inputs, self.follow_links).files:
            yield from self.read_part(Part(file), warn)

    @property
    def fields(self) -> Fields:
        return Fields(self.text_field, self.id_field)

    def config(self) -> dict[str, Any]:
        """The settings that shape what is read (run.json and the `--resume` check)."""
        return {
            "follow_links": self.follow_links,
            "max_chars": self.max_chars,
            "text_field": self.text_field,
            "id_field": self.id_field,
        }

    def read_shard(self, shard: Shard, warn: WarningSink = ignore_warning) -> Iterator[Record]:
        records = (r for part in shard.parts for r in self.read_part(part, warn))
        yield from records if shard.limit is None else islice(records, shard.limit)

    def read_part(self, part: Part, warn: WarningSink = ignore_warning) -> Iterator[Record]:
        for record in self._read_part(part, warn):
            if record.active and len(record.text) > self.max_chars:
                record.fail("read", Code.TOO_LONG.value, too_long(len(record.text), self.max_chars))
            yield record

    def _read_part(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        file = part.file
        if file.refused is not None:
            code, fields = file.refused
            yield failed(file, code, **fields)
            return
        suffix = format_suffix(file.path)
        if suffix not in READABLE_SUFFIXES:
            yield failed(file, Code.UNSUPPORTED_FILE, suffix=suffix or "(none)")
            return
        if suffix == PARQUET_SUFFIX:
            yield from read_parquet(file, self.fields, warn)
            return
        try:
            encoding = file_encoding(file.path)
            if part.start == 0 and encoding not in WIDE and is_binary(file.path):
                yield failed(file, Code.BINARY_FILE)
                return
            if part.start == 0 and encoding != "utf-8":
                warn(Warn.NOT_UTF8.entry(file.source, encoding=encoding))
            with open_bytes(file.path) as f:
                lines = decoded_lines(f, part, warn, encoding, 4 * self.max_chars)
                if suffix in JSONL_SUFFIXES:
                    yield from read_jsonl(file, lines, warn, self.max_chars, self.fields)
                    return
                if suffix in TABLE_SUFFIXES:
                    yield from read_table(
                        file, lines, TABLE_SUFFIXES[suffix], self.max_chars, self.fields, warn
                    )
                    return
                if suffix in MARKUP:
                    yield from self.read_markup(file, f, part, warn, suffix, encoding)
                    return
                oversize: list[tuple[int, int]] = []
                numbered = set_aside_oversize(lines, oversize)
                yield from self.segmenter.segment(
                    numbered, file.doc_id, file.source, self.max_chars
                )
                for number, byte in oversize:
                    yield too_long_line(file, self.max_chars, number, byte)
        except READ_ERRORS as e:
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            yield failed(file, Code.UNREADABLE_FILE, reason=reason)

    def read_markup(
        self, file: InputFile, f: Any, part: Part, warn: WarningSink, suffix: str, encoding: str
    ) -> Iterator[Record]:
        """An HTML page or Markdown file: parsed whole, so it may hold at most
        `MARKUP_BYTES_PER_CHAR` × `max_chars` bytes (a page is mostly markup); a larger one
        fails (E009) as soon as it passes that, before it is parsed or held."""
        cap = MARKUP_BYTES_PER_CHAR * self.max_chars
        total = 0
        held: list[tuple[int, str]] = []
        for number, _, text in decoded_lines(f, part, warn, encoding, cap):
            total += cap + 1 if text is None else len(text) + 1
            if text is None or total > cap:
                size = f"a page of more than {cap:,} bytes ({MARKUP_BYTES_PER_CHAR} per character)"
                message = Code.TOO_LONG.message(size=size, limit=self.max_chars)
                yield failed(file, Code.TOO_LONG, None, message=message)
                return
            held.append((number, text))
        page = MARKUP[suffix](held)
        yield from self.segmenter.segment(
            page.blocks, file.doc_id, file.source, self.max_chars, page.author
        )


def set_aside_oversize(
    lines: Iterable[tuple[int, int, str | None]],
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


def too_long(chars: int | None, limit: int) -> str:
    size = f"{chars:,} characters" if chars is not None else "a line of more bytes than that"
    return Code.TOO_LONG.message(size=size, limit=limit)


def too_long_line(file: InputFile, limit: int | None, number: int, byte: int | None) -> Record:
    """A line too long to decode (it was set aside unread): failed where it starts."""
    return failed(file, Code.TOO_LONG, number, "", byte, message=too_long(None, limit or 0))


def file_encoding(path: Path) -> str:
    """`utf-8`, the encoding a byte-order mark names, or the one detected for a file whose
    first 64 kB are not UTF-8.

    UTF-8 with a few bad bytes (a damaged file) is still UTF-8: it has at least as many valid
    multi-byte characters as invalid sequences (the bad bytes are then replaced and warned,
    W001). Text in a legacy encoding decodes as UTF-8 into a few chance characters among many
    invalid sequences (Shift-JIS, GBK, Big5, EUC-KR, TIS-620: 0.15-0.35 per invalid one on real
    text): it goes to charset-normalizer, and of the encodings it finds least chaotic, the one
    whose text is most coherent (its language model) is taken; on a tie (a file too small to
    tell), Windows-1252, the commonest. Measured with `bench/encodings.py` on real translated
    text in 31 (language, encoding) pairs (see the README)."""
    sample = head(path, ENCODING_SNIFF_BYTES)
    for bom, encoding in BOMS:
        if sample.startswith(bom):
            return encoding
    decoded = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(sample)
    invalid = decoded.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    if invalid <= 0:
        return "utf-8"
    multibyte = len(NON_ASCII.findall(decoded))
    if multibyte >= UTF8_DAMAGE_RATIO * invalid:
        return "utf-8"
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(sample))
    if not results:
        return "utf-8"  # undecidable: read as UTF-8, invalid bytes replaced and warned
    plausible = [r for r in results if r.chaos <= results[0].chaos + 0.01]
    top = max(r.coherence for r in plausible)
    tied = [str(r.encoding) for r in plausible if r.coherence == top]
    return "cp1252" if "cp1252" in tied else tied[0]  # a tie (tiny files): the commonest


def bounded_lines(f: Any, limit: int | None) -> Iterator[bytes | int]:
    """The raw lines of a binary stream, each line over `limit` bytes replaced by its length:
    such a line is skipped a megabyte at a time, never held, so memory stays bounded whatever
    the stream holds (a compressed file can hold a gigabyte on one line)."""
    if limit is None:
        yield from f
        return
    while raw := f.readline(limit + 1):
        if len(raw) <= limit:
            yield raw
            continue
        size = len(raw)
        while not raw.endswith(b"\n") and (raw := f.readline(1 << 20)):
            size += len(raw)
        yield size


def decoded_lines(
    f: Any, part: Part, warn: WarningSink, encoding: str = "utf-8", max_bytes: int | None = None
) -> Iterator[tuple[int, int, str | None]]:
    """Yield (line number, byte offset, text) for the part's lines, decoding leniently. A line
    over `max_bytes` is not decoded (text None): the reader reports it as too long."""
    if encoding in WIDE:
        yield from wide_lines(f, part, encoding, max_bytes)
        return
    if part.start:
        f.seek(part.start)  # a compressed stream is never split: it starts at 0, unseekable
    offset, number = part.start, part.first_line
    for raw in bounded_lines(f, max_bytes):
        if part.end is not None and offset >= part.end:
            return
        if isinstance(raw, int):
            yield number, offset, None
            offset += raw
            number += 1
            continue
        line = raw.rstrip(b"\n").rstrip(b"\r")
        if offset == 0 and line.startswith(BOM):
            line = line[len(BOM) :]
        try:
            text = line.decode(encoding)
        except UnicodeDecodeError as e:
            text = line.decode(encoding, errors="replace")
            at = offset + e.start
            warn(
                Warn.INVALID_UTF8.entry(part.file.source, number, at, encoding=encoding, offset=at)
            )
        yield number, offset, text
        offset += len(raw)
        number += 1


def wide_lines(
    f: Any, part: Part, encoding: str, max_bytes: int | None = None
) -> Iterator[tuple[int, int, str | None]]:
    """Lines of a UTF-16/32 file (never split into parts: its bytes are not line-aligned),
    decoded as a stream; a line over `max_bytes` is skipped unread, like in `bounded_lines`."""
    unit = f"{encoding}-le"  # the same length in bytes whatever the byte order
    width = 4 if encoding == "utf-32" else 2
    text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
    limit = max_bytes // width if max_bytes is not None else -1
    offset, number = width, 1  # after the byte-order mark
    while line := text.readline(limit):
        size = len(line.encode(unit, "surrogatepass"))
        if limit >= 0 and len(line) >= limit and not line.endswith(("\n", "\r")):
            while not line.endswith(("\n", "\r")) and (line := text.readline(1 << 18)):
                size += len(line.encode(unit, "surrogatepass"))
            yield number, offset, None
        else:
            yield number, offset, line.rstrip("\r\n")
        offset += size
        number += 1


def read_jsonl(
    file: InputFile,
    lines: Iterable[tuple[int, int, str | None]],
    warn: WarningSink = ignore_warning,
    max_chars: int | None = None,
    fields: Fields | None = None,
) -> Iterator[Record]:
    """One record per JSON object line; a bad line becomes a failed record, the next is read.
    Values JSON output cannot carry as they are are repaired with a warning (`jsonvalues`)."""
    fields = fields or Fields()
    for number, byte, line in lines:
        if line is None:
            yield too_long_line(file, max_chars, number, byte)
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


def report_repairs(
    repairs: Sequence[jsonvalues.Repair],
    warn: WarningSink,
    source: str,
    line: int | None,
    byte: int | None,
) -> None:
    surrogates = 0
    for repair in repairs:
        if repair.written == "U+FFFD":
            surrogates += int(repair.found.split()[0])
        elif repair.found == jsonvalues.REPEATED_KEY:
            why = "the object repeats this key"
            warn(Warn.FIELD_RENAMED.entry(source, line, byte, original=repair.path,
                                          renamed=repair.written, why=why))  # fmt: skip
        else:
            warn(Warn.NOT_JSON_VALUE.entry(source, line, byte, path=repair.path,
                                           found=repair.found, written=repair.written))  # fmt: skip
    if surrogates:
        warn(Warn.INVALID_UNICODE.entry(source, line, byte, count=surrogates))


@dataclass(frozen=True)
class Fields:
    """Which field of an object (JSONL) or column (CSV/TSV) holds the text, and the id."""

    text: str = "text"
    id: str = "id"


def names_of(obj: dict[str, Any], most: int = 10) -> str:
    """The fields or columns a record has, for a message: the first `most`, each shortened."""
    names = [repr(k if len(k) <= 40 else k[:39] + "…") for k in list(obj)[:most]]
    more = f" and {len(obj) - most} more" if len(obj) > most else ""
    return f"fields {', '.join(names)}{more}" if names else "no fields"


def from_object(
    file: InputFile,
    number: int,
    byte: int | None,
    obj: dict[str, Any],
    line: str,
    fields: Fields,
    warn: WarningSink = ignore_warning,
) -> Record:
    """The record of one object, or a failed record saying which field is missing.

    The text is NFC-normalised (offsets in the corpus are offsets into it). Every other field
    is kept in `meta` under its own name, the id and `doc_id` too when they are not used as
    given (a number id is used as its string); a field named like one the pipeline writes in
    `meta` (`PIPELINE_META`) is kept as `input.NAME`, with a warning."""
    text = obj.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        problem = (
            f"missing; this record has {names_of(obj)} (--text-field NAME reads another)"
            if fields.text not in obj
            else f"not a non-empty string ({type(text).__name__})"
        )
        return failed(
            file, Code.MISSING_TEXT, number, line, byte, field=fields.text, problem=problem
        )
    given = obj.get(fields.id)
    valid = isinstance(given, (str, int)) and not isinstance(given, bool) and str(given).strip()
    record_id = str(given).strip() if valid else f"{file.doc_id}:{number}"
    given_doc = obj.get("doc_id")
    doc_id = given_doc.strip() if isinstance(given_doc, str) else ""
    used = {fields.text}
    if valid and (not isinstance(given, str) or given == record_id):
        used.add(fields.id)
    if doc_id and doc_id == given_doc:
        used.add("doc_id")
    meta: dict[str, Any] = {}
    for key, value in obj.items():
        if key in used:
            continue
        name = key
        if key in PIPELINE_META:
            name = INPUT_PREFIX + key
            while name in obj or name in meta:
                name = INPUT_PREFIX + name
            why = f"the pipeline writes meta[{key!r}]"
            warn(Warn.FIELD_RENAMED.entry(file.source, number, byte, original=key,
                                          renamed=name, why=why))  # fmt: skip
        meta[name] = value
    meta["line"] = number
    return Record(
        id=record_id,
        doc_id=doc_id or record_id,
        source=file.source,
        seq=0,
        text=unicodedata.normalize("NFC", text),
        meta=meta,
        location=Location(file.source, number, byte),
    )


def read_table(
    file: InputFile,
    lines: Iterable[tuple[int, int, str | None]],
    delimiter: str,
    max_chars: int | None = None,
    fields: Fields | None = None,
    warn: WarningSink = ignore_warning,
) -> Iterator[Record]:
    """One record per CSV/TSV row after the header (the csv module: quoted fields may hold
    delimiters and line breaks); `line` and `byte` are where the row starts. A row of the
    wrong width fails alone; columns other than the text and id go to `meta`. A header that
    repeats a column name keeps every column (`NAME.1`, ...: `jsonvalues.unique_names`)."""
    fields = fields or Fields()
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
            yield failed(file, Code.INVALID_TABLE, number, line, byte, part="row", problem=problem)
            continue
        obj = dict(zip(header, row, strict=True))
        yield from_object(file, number, byte, obj, line, fields, warn)


def read_parquet(
    file: InputFile, fields: Fields, warn: WarningSink = ignore_warning
) -> Iterator[Record]:
    """One record per row (pyarrow, a row group at a time); `line` is the row's number.
    Values JSON cannot hold (dates, bytes) go to `meta` as text, NaN and infinities as null
    (`jsonvalues`, with a warning)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield failed(
            file, Code.NEEDS_PACKAGE, suffix=PARQUET_SUFFIX, package="pyarrow", extra="parquet"
        )
        return
    number = 0
    try:
        for batch in pq.ParquetFile(file.path).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                number += 1
                line = json.dumps(row, ensure_ascii=False, default=str)
                obj, repairs = jsonvalues.loads(line)
                report_repairs(repairs, warn, file.source, number, None)
                yield from_object(file, number, None, obj, line, fields, warn)
    except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
        yield failed(file, Code.UNREADABLE_FILE, number + 1 if number else None, reason=e)
