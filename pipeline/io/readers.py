"""Turn input paths (files or directories) into a stream of records.

`.txt` files are segmented into records (see `pipeline.stages.segment`); `.jsonl` files give one
record per line. Whatever cannot be read becomes a failed record with its location, so the
accounting `read == written + dropped + failed` holds for every input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pipeline.errors import Code
from pipeline.record import Location, Record
from pipeline.stages.segment import Segmenter

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SNIFF_BYTES = 8192


@dataclass(frozen=True, order=True)
class InputFile:
    """One input file and its path relative to the input root (the record's `source`)."""

    source: str
    path: Path = field(compare=False)

    @property
    def doc_id(self) -> str:
        return str(PurePosixPath(self.source).with_suffix(""))


def discover(inputs: Iterable[str | Path]) -> list[InputFile]:
    """List input files: files as given, directories recursively; sorted for determinism."""
    found: dict[str, InputFile] = {}
    for given in map(Path, inputs):
        if given.is_dir():
            for path in given.rglob("*"):
                if path.is_file() and not path.name.startswith("."):
                    source = path.relative_to(given).as_posix()
                    found.setdefault(source, InputFile(source, path))
        else:
            found.setdefault(given.name, InputFile(given.name, given))
    return sorted(found.values())


def failed(
    file: InputFile, code: Code, message: str, line: int | None = None, text: str = ""
) -> Record:
    suffix = f":L{line}" if line is not None else ""
    record = Record(
        id=f"{file.doc_id}{suffix}",
        doc_id=file.doc_id,
        source=file.source,
        seq=-1,
        text=text,
        location=Location(file.source, line),
    )
    record.fail("read", code.value, message)
    return record


def is_binary(path: Path) -> bool:
    with path.open("rb") as f:
        return b"\0" in f.read(SNIFF_BYTES)


@dataclass
class Reader:
    """Reads input files into records. `Reader()(paths)` streams; nothing is held per corpus."""

    segmenter: Segmenter = field(default_factory=Segmenter)

    def __call__(self, inputs: Iterable[str | Path]) -> Iterator[Record]:
        for file in discover(inputs):
            yield from self.read_file(file)

    def read_file(self, file: InputFile) -> Iterator[Record]:
        suffix = file.path.suffix.lower()
        if suffix not in TEXT_SUFFIXES | JSONL_SUFFIXES:
            yield failed(file, Code.UNSUPPORTED_FILE, f"unsupported file type {suffix!r}")
            return
        try:
            if is_binary(file.path):
                yield failed(file, Code.BINARY_FILE, "binary file (NUL bytes), not text")
                return
            with file.path.open(encoding="utf-8-sig", errors="replace", newline=None) as f:
                lines = enumerate((line.rstrip("\n") for line in f), start=1)
                if suffix in JSONL_SUFFIXES:
                    yield from read_jsonl(file, lines)
                else:
                    yield from self.segmenter.segment(lines, file.doc_id, file.source)
        except OSError as e:
            yield failed(file, Code.UNREADABLE_FILE, f"cannot read: {e.strerror or e}")


def read_jsonl(file: InputFile, lines: Iterable[tuple[int, str]]) -> Iterator[Record]:
    """One record per JSON object line; a bad line becomes a failed record, the next is read."""
    for number, line in lines:
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield failed(
                file, Code.INVALID_JSON, f"invalid JSON: {e.msg} at column {e.colno}", number, line
            )
            continue
        if not isinstance(obj, dict):
            yield failed(
                file,
                Code.NOT_AN_OBJECT,
                f"expected a JSON object, got {type(obj).__name__}",
                number,
                line,
            )
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield failed(file, Code.MISSING_TEXT, "no non-empty string field 'text'", number, line)
            continue
        yield from_object(file, number, obj, text)


def from_object(file: InputFile, number: int, obj: dict[str, Any], text: str) -> Record:
    given = obj.get("id")
    record_id = (
        str(given)
        if isinstance(given, (str, int)) and str(given).strip()
        else f"{file.doc_id}:{number}"
    )
    doc_id = obj.get("doc_id")
    meta = {k: v for k, v in obj.items() if k not in ("id", "text", "doc_id")}
    meta["line"] = number
    return Record(
        id=record_id,
        doc_id=doc_id if isinstance(doc_id, str) and doc_id else record_id,
        source=file.source,
        seq=0,
        text=text,
        meta=meta,
        location=Location(file.source, number),
    )
