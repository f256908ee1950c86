"""`Reader`: input files to a stream of records, each file by the reader of its format."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.errors import PART_TALLY, Code, no_record
from pipeline.io.compression import READ_ERRORS, format_suffix
from pipeline.io.discover import discover
from pipeline.io.invisible import REASON as INVISIBLE
from pipeline.io.invisible import invisible
from pipeline.io.readers.base import (
    RECORD_MAX_CHARS,
    Fields,
    ReadSettings,
    WarningSink,
    failed,
    ignore_warning,
    too_long,
)
from pipeline.io.readers.registry import format_of
from pipeline.io.segment.segmenter import Segmenter
from pipeline.record import Record
from pipeline.shards import Part, Shard


@dataclass
class Reader:
    """Reads input into records. `Reader()(paths)` streams; nothing is held per corpus.

    `follow_links` reads symbolic links that lead outside their input folder. A record longer
    than `max_chars` fails (E009) instead of costing minutes and gigabytes: measured, one
    record of 200,000 characters takes 23 s and 1.3 GB, one of 1,000,000 takes 121 s and
    3.6 GB."""

    segmenter: Segmenter = field(default_factory=Segmenter)
    follow_links: bool = False
    max_chars: int = RECORD_MAX_CHARS
    text_field: str | Sequence[str] = "text"  # JSONL fields, CSV/TSV/Parquet columns: "a,b"
    id_field: str | Sequence[str] = "id"  # the first one a record has is used
    delimiter: str | None = None  # of CSV/TSV files (one character); None: decided per file
    # the most markup an HTML page may hold besides its payload (scripts, styles, `data:`
    # URIs); None: `MARKUP_BYTES_PER_CHAR` x `max_chars`, at least 8,000,000 bytes
    max_page_bytes: int | None = None
    header: bool | None = None  # whether CSV/TSV files have a header; None: decided per file
    quote_char: str | None = None  # of CSV/TSV files: None `"`, "" none (quotes are text)
    escape_char: str | None = None  # of CSV/TSV files: None decided per file, "" none
    # of JSON documents: where the records are (`data`, `data.rows`); None: the one array of
    # objects at the top two levels of a document that is no record itself
    records_path: str | None = None

    def __call__(
        self, inputs: Iterable[str | Path], warn: WarningSink = ignore_warning
    ) -> Iterator[Record]:
        for file in discover(inputs, self.follow_links).files:
            yield from self.read_part(Part(file), warn)

    @property
    def fields(self) -> Fields:
        return Fields(Fields.names(self.text_field), Fields.names(self.id_field))

    @property
    def settings(self) -> ReadSettings:
        return ReadSettings(
            self.max_chars,
            self.fields,
            self.segmenter,
            self.delimiter,
            self.max_page_bytes,
            self.header,
            self.quote_char,
            self.escape_char,
            self.records_path,
        )

    def config(self) -> dict[str, Any]:
        """The settings that shape what is read (run.json and the `--resume` check)."""
        return {
            "follow_links": self.follow_links,
            "max_chars": self.max_chars,
            "text_field": list(self.fields.text),
            "id_field": list(self.fields.id),
        } | {  # the dialect and the page bound, when stated (a run without them keeps its run.json)
            key: value
            for key, value in (
                ("delimiter", self.delimiter),
                ("header", self.header),
                ("quote_char", self.quote_char),
                ("escape_char", self.escape_char),
                ("records_path", self.records_path),
                ("max_page_bytes", self.max_page_bytes),
            )
            if value is not None
        }

    def read_shard(self, shard: Shard, warn: WarningSink = ignore_warning) -> Iterator[Record]:
        records = (r for part in shard.parts for r in self.read_part(part, warn))
        yield from records if shard.limit is None else islice(records, shard.limit)

    def read_part(self, part: Part, warn: WarningSink = ignore_warning) -> Iterator[Record]:
        """The part's records: a text nothing of which shows dropped (`invisible`), a text
        over `max_chars` failed; a whole file that gave no record and no error warned (W015),
        so an empty input is not silent; a part of a file cut across shards says what it
        read (`errors.PART_TALLY`), and the merge warns once for the whole file."""
        kept = failures = dropped = 0
        for record in self._read_part(part, warn):
            if record.active and invisible(record.text):
                record.dropped, record.seq = INVISIBLE, -1
            elif record.active and len(record.text) > self.max_chars:
                record.fail("read", Code.TOO_LONG.value, too_long(len(record.text), self.max_chars))
            kept += record.active
            failures += record.error is not None
            dropped += record.dropped is not None
            yield record
        if part.start == 0 and part.end is None:
            if not kept and not failures:
                warn(no_record(part.file.source, dropped, empty(part)))
        else:  # a part of a file cut across shards: the merge adds its parts up (W015)
            last = part.end is None
            warn(part_tally(part.file.source, kept, failures, dropped, last))

    def _read_part(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        file = part.file
        if file.refused is not None:
            code, fields = file.refused
            yield failed(file, code, **fields)
            return
        kind = format_of(file.path)
        if kind is None:
            yield failed(file, Code.UNSUPPORTED_FILE, suffix=format_suffix(file.path) or "(none)")
            return
        last: int | None = None  # the line of the last record read, for where reading stopped
        try:
            for record in kind(self.settings).read(part, warn):
                last = record.location.line if record.location else last
                yield record
        except READ_ERRORS as e:
            reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
            yield failed(file, Code.UNREADABLE_FILE, reason=reason)
        except Exception as e:  # a reader's bug fails the rest of its file, not the whole run
            where = "from the start" if last is None else f"after line {last}"
            yield failed(
                file,
                Code.READER_FAILED,
                line=None if last is None else last + 1,
                where=where,
                format=format_suffix(file.path),
                kind=type(e).__name__,
                error=str(e)[:300],
            )


def empty(part: Part) -> bool:
    """Whether the part's file is 0 bytes (for its W015)."""
    try:
        return part.file.path.stat().st_size == 0
    except OSError:
        return False


def part_tally(source: str, kept: int, failed: int, dropped: int, last: bool) -> dict[str, Any]:
    """What one part of a file cut across shards read (`errors.PART_TALLY`)."""
    counts = {"kept": kept, "failed": failed, "dropped": dropped, "last": last}
    return {"source": source, "code": PART_TALLY, **counts}
