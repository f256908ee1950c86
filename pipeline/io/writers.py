"""Write records out: the corpus, the error report, the dropped lines and the warnings.

Each shard writes into `OUT/.parts/shard-NNNNN.tmp/` and is committed by renaming that folder
to `shard-NNNNN/` (its completion marker). The final files are the committed shards joined in
order, each written beside its final name and renamed into place, so a reader never sees a
half-written corpus, a killed run leaves the previous outputs intact, and `--resume` redoes
only the shards that were not committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, Any

from pipeline.errors import Warn
from pipeline.record import Record, dumps

CORPUS = "corpus.jsonl"
PARQUET = ("corpus.parquet", "entities.parquet")  # with --format parquet
ERRORS = "errors.jsonl"
DROPPED = "dropped.jsonl"
WARNINGS = "warnings.jsonl"
RUN = "run.json"
ENTITIES = "entities.jsonl"
REPORT = "report.html"
OUTPUTS = (CORPUS, ERRORS, DROPPED, WARNINGS)
EVERY_OUTPUT = (*OUTPUTS, RUN, ENTITIES, REPORT, *PARQUET)  # every file a run may write
MARKER = "done.json"


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over `path` only if the block succeeds (and
    made durable first), so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~process_umask())  # as `open` would: mkstemp makes it 0600
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[str]]:
    """Write text to `path` atomically (see `atomic_path`)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as f:
        yield f


def process_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: Any) -> None:
    with atomic_open(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


class ShardWriter:
    """Routes a shard's records to its corpus, errors and dropped files; collects warnings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stack = ExitStack()

    def __enter__(self) -> ShardWriter:
        self.folder.mkdir(parents=True)
        opened = {
            name: self._stack.enter_context(
                (self.folder / name).open("w", encoding="utf-8", newline="\n")
            )
            for name in OUTPUTS
        }
        self._corpus, self._errors, self._dropped, self._warnings = (opened[n] for n in OUTPUTS)
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:  # on disk before the commit makes the shard count
            for f in (self._corpus, self._errors, self._dropped, self._warnings):
                f.flush()
                os.fsync(f.fileno())
        self._stack.close()

    def write(self, record: Record) -> None:
        if record.error is not None:
            self._errors.write(dumps(record.error_entry()) + "\n")
        elif record.dropped is not None:
            self._dropped.write(dumps(record.dropped_entry()) + "\n")
        else:
            self._corpus.write(record.to_json() + "\n")

    def warn(self, entry: dict[str, Any]) -> None:
        self._warnings.write(dumps(entry) + "\n")


def commit(tmp: Path, final: Path, marker: dict[str, Any]) -> None:
    """Make a shard's outputs count: marker written, then the folder renamed into place. If
    another attempt committed the shard first, this attempt's (identical) outputs are dropped."""
    with (tmp / MARKER).open("w", encoding="utf-8") as f:
        json.dump(marker, f)
        f.flush()
        os.fsync(f.fileno())
    try:
        os.rename(tmp, final)  # fails if `final` exists and is not empty: never overwrites
    except OSError:
        if not (final / MARKER).exists():
            raise
        shutil.rmtree(tmp, ignore_errors=True)
        return
    fsync_folder(final.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a crash after it must not undo the commit)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_marker(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / MARKER).read_text(encoding="utf-8")))


def merge(
    folders: Sequence[Path],
    out_dir: Path,
    transform: Callable[[Record], Record] | None = None,
    warnings: Sequence[dict[str, Any]] = (),
) -> int:
    """Join committed shards, in order, into the final outputs; return duplicate ids renamed.

    Ids must be unique in the corpus: a repeated id gets a deterministic suffix (`ID~2`, `ID~3`
    in order of appearance) and a W002 warning; both records are kept. Only 64-bit digests of
    ids are held, so memory stays small. `transform` (entity linking) rewrites each record.
    """
    seen: dict[bytes, int] = {}
    renamed = 0
    with ExitStack() as stack:
        out = {name: stack.enter_context(atomic_open(out_dir / name)) for name in OUTPUTS}
        out[WARNINGS].writelines(dumps(entry) + "\n" for entry in warnings)
        for folder in folders:
            for name in (ERRORS, DROPPED, WARNINGS):
                with (folder / name).open(encoding="utf-8") as f:
                    shutil.copyfileobj(f, out[name])
            for line, record in corpus_lines(folder):
                original = record.id
                digest = hashlib.blake2b(original.encode(), digest_size=8).digest()
                count = seen.get(digest, 0) + 1
                seen[digest] = count
                if count > 1:
                    record.id = unique_id(original, count, seen)
                    renamed += 1
                    out[WARNINGS].write(dumps(duplicate_warning(record, original)) + "\n")
                if transform is not None:
                    record = transform(record)
                out[CORPUS].write(record.to_json() + "\n" if transform or count > 1 else line)
    return renamed


def corpus_lines(folder: Path) -> Iterator[tuple[str, Record]]:
    """A committed shard's corpus: each line as written, and as a record."""
    with (folder / CORPUS).open(encoding="utf-8") as f:
        for line in f:
            yield line, Record.from_dict(json.loads(line))


def records_of(folders: Sequence[Path]) -> Iterator[Record]:
    """The committed corpus records, shard by shard, in order."""
    for folder in folders:
        for _, record in corpus_lines(folder):
            yield record


def duplicate_warning(record: Record, original: str) -> dict[str, Any]:
    return Warn.DUPLICATE_ID.entry(
        record.source,
        record.meta.get("line"),
        None,
        record.id,
        original=original,
        renamed=record.id,
    )


def unique_id(original: str, count: int, seen: dict[bytes, int]) -> str:
    """`ID~N`, skipping any suffix that is itself an id already seen."""
    while True:
        candidate = f"{original}~{count}"
        digest = hashlib.blake2b(candidate.encode(), digest_size=8).digest()
        if digest not in seen:
            seen[digest] = 1
            return candidate
        count += 1
