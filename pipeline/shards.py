"""The input cut into shards: the unit of resume and of parallel work.

A `Part` is a byte range of one input file, read from a line start; a `Shard` is the parts of
consecutive files processed and committed together. Whole files are grouped to about
`shard_size` bytes; a large file whose format allows it (JSONL) is cut at line starts, never
inside a document.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from pipeline.io.compression import READ_ERRORS, compression
from pipeline.io.discover import InputFile, shown
from pipeline.io.encoding import Layout, bounded_lines, file_layout, is_binary, line_stream

if TYPE_CHECKING:
    from pipeline.io.readers import ReadSettings

DEFAULT_SHARD_BYTES = 4 << 20  # the most a shard holds
MIN_SHARD_BYTES = 16 << 10
SHARDS_WANTED = 32


@dataclass(frozen=True)
class Part:
    """Lines of one input file from byte `start` (line `first_line`) up to byte `end`, and,
    for a file cut in several parts, how its bytes are decoded (`encoding.file_encoding`,
    decided once when planning, from the whole file: every part decodes the same)."""

    file: InputFile
    start: int = 0
    end: int | None = None
    first_line: int = 1
    encoding: str | None = None
    bare_cr: bool = False
    cr_lines: bool = False

    @property
    def layout(self) -> Layout | None:
        """The file's layout when planning decided it (a file cut in several parts)."""
        if self.encoding is None:
            return None
        return Layout(self.encoding, self.bare_cr, self.cr_lines)

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


DocumentOf = Callable[[int, bytes], str | None]


def split_points(file: InputFile, every: int, document_of: DocumentOf) -> list[Part]:
    """Cut a file into parts of about `every` bytes, at line starts, never inside a document
    (consecutive records of one document, as `document_of(line number, line)` says the
    reader will give them: None for a line that gives no active record): a document is read
    whole by one worker, so its language prior and its names do not depend on where shards
    begin. A line too long to plan by allows no cut before the next line."""
    parts: list[Part] = []
    start, first, offset, line = 0, 1, 0, 1
    want_cut, last = False, None
    with file.path.open("rb") as raw_file:  # lines as the reader counts them (a bare CR ends one)
        f = line_stream(raw_file, line_layout(file).bare_cr)
        for raw in bounded_lines(f, PLAN_LINE_BYTES):
            doc = document_of(line, raw) if isinstance(raw, bytes) else UNKNOWN
            if want_cut and doc not in (None, UNKNOWN) and last not in (UNKNOWN, doc):
                parts.append(Part(file, start, offset, first))
                start, first, want_cut = offset, line, False
            offset += raw if isinstance(raw, int) else len(raw)
            line += 1
            last = doc if doc is not None else last
            want_cut = want_cut or offset - start >= every
    parts.append(Part(file, start, None, first))
    return parts


def line_layout(file: InputFile) -> Layout:
    """The file's layout as its format reader counts lines (JSONL: a bare CR is no line end)."""
    from pipeline.io.readers import format_of  # the readers import this module

    layout = file_layout(file.path)
    kind = format_of(file.path)
    return kind.line_layout(layout) if kind is not None else layout


PLAN_LINE_BYTES = 64 << 20  # a longer line is not parsed to plan the cuts
UNKNOWN = "\0unknown"  # the document of a line too long to plan by


def splitter_of(file: InputFile, settings: ReadSettings | None) -> DocumentOf | None:
    """How the file's format reader tells each line's document, when the file may be cut at
    line starts (JSONL, not compressed); None when it may not."""
    from pipeline.io.readers import ReadSettings, format_of  # the readers import this module

    kind = format_of(file.path)
    if kind is None or not kind.splittable or compression(file.path):
        return None
    reader = kind(settings or ReadSettings())
    return lambda number, raw: reader.document_of(file, number, raw)


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
    files: Sequence[InputFile],
    max_shard_bytes: int = DEFAULT_SHARD_BYTES,
    settings: ReadSettings | None = None,
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
            splitter = splitter_of(file, settings) if file_size > shard_bytes else None
            if splitter is not None and file_layout(file.path).segments:
                splitter = None  # parts in several encodings (`switches`): read in one part
            parts = (
                split_points(file, shard_bytes, splitter)
                if splitter is not None and not is_binary(file.path)
                else [Part(file)]
            )
            if len(parts) > 1:
                layout = file_layout(file.path)
                parts = [
                    replace(part, encoding=layout.encoding, bare_cr=layout.bare_cr,
                            cr_lines=layout.cr_lines)
                    for part in parts
                ]  # fmt: skip
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
