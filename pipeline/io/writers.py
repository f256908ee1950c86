"""Write records out: the corpus, the error report and the dropped-lines report.

Files are written beside their final name and renamed into place only when the run completes,
so a reader never sees a half-written corpus and a failed run leaves the previous one intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pipeline.record import Record, dumps

CORPUS = "corpus.jsonl"
ERRORS = "errors.jsonl"
DROPPED = "dropped.jsonl"
RUN = "run.json"


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, obj: Any) -> None:
    import json

    with atomic_open(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2, sort_keys=False)
        f.write("\n")


class CorpusWriter:
    """Routes each record to `corpus.jsonl`, `errors.jsonl` or `dropped.jsonl` in `out_dir`."""

    def __init__(self, out_dir: str | Path) -> None:
        self.out_dir = Path(out_dir)

    @contextmanager
    def open(self) -> Iterator[CorpusWriter]:
        with (
            atomic_open(self.out_dir / CORPUS) as self._corpus,
            atomic_open(self.out_dir / ERRORS) as self._errors,
            atomic_open(self.out_dir / DROPPED) as self._dropped,
        ):
            yield self

    def write(self, record: Record) -> None:
        if record.error is not None:
            self._errors.write(dumps(record.error_entry()) + "\n")
        elif record.dropped is not None:
            self._dropped.write(dumps(record.dropped_entry()) + "\n")
        else:
            self._corpus.write(record.to_json() + "\n")
