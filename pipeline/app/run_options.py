"""`pipeline run`'s options turned into what a run is made of (the stages, the reader, the
executor, the `Pipeline`), and a run that cannot start or finish told in one line."""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from pipeline.app.executor import make_executor
from pipeline.app.options import FORMATS
from pipeline.app.terminal import echo, missing_input, usage_error
from pipeline.app.values import parse_languages, parse_ner_models
from pipeline.entities import KnowledgeBaseError
from pipeline.entry import Stopped, quiet_signals
from pipeline.executors import WorkerDied
from pipeline.io.lock import OutputInUse
from pipeline.io.parquet import parquet_problem
from pipeline.io.readers import Reader, readable_suffixes
from pipeline.io.stdin import is_pipe, spool, spool_pipe
from pipeline.run.parts import Parts
from pipeline.run.pipeline import (
    DEDUP_CHOICES,
    OutputOverlapsInput,
    Pipeline,
    ResumeError,
    default_stages,
)
from pipeline.safe_text import safe, safe_path
from pipeline.stages.base import SettingError, Stage
from pipeline.stages.settings import DEFAULT_CACHE

# Write failures a user fixes outside the pipeline (space, permissions, mounts).
DISK_ERRORS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EIO}
)


@dataclass
class RunOptions:
    """`pipeline run`'s options (as typer parsed them), turned into what a run is made of:
    the stages, the reader, the executor and the `Pipeline`."""

    inputs: list[Path]
    out_dir: Path
    translator: str
    target_lang: str
    lang_engine: str
    languages: str | None
    lang_threshold: float
    fallback: str
    cache: Path | None
    no_cache: bool
    workers: int
    executor: str
    scheduler: str | None
    quiet: bool
    verbose: bool
    resume: bool
    shard_size: int
    max_chars: int
    max_page_bytes: int | None
    output_format: str
    write_report: bool
    text_field: str
    id_field: str
    delimiter: str | None
    quote_char: str | None
    escape_char: str | None
    records_path: str | None
    no_header: bool
    stdin_format: str | None
    follow_links: bool
    kb: Path | None
    ner_models: list[str] | None
    dedup: str | None
    near_threshold: float
    limit: int | None
    strict: bool
    config: Path | None

    @property
    def given(self) -> list[str]:
        """The inputs as typed (run.json, messages)."""
        return [str(p) for p in self.inputs]

    def check(self) -> None:
        """Options that do not go together, or name nothing there is: a usage error each."""
        if self.dedup is not None and self.dedup not in DEDUP_CHOICES:
            usage_error(f"--dedup {self.dedup!r} is unknown; choose {' or '.join(DEDUP_CHOICES)}")
        if self.output_format not in FORMATS:
            usage_error(
                f"--format {self.output_format!r} is unknown; choose {' or '.join(FORMATS)}"
            )
        if self.output_format == "parquet" and (problem := parquet_problem()):
            usage_error(problem)
        if self.out_dir.exists() and not self.out_dir.is_dir():
            usage_error(f"--out-dir {safe_path(self.out_dir)} is a file: give a folder (it is "
                        "created if missing)")  # fmt: skip
        if self.stdin_format is not None and "-" not in self.given:
            usage_error("--stdin-format names the format of standard input: give - as an input")
        for name, mark in (("--quote-char", self.quote_char), ("--escape-char", self.escape_char)):
            if mark and mark == self.delimiter:
                usage_error(f"{name} {mark!r} is the delimiter: give another character")

    def readable_inputs(self) -> list[Path]:
        """The inputs, standard input and pipes spooled to files; a missing one a usage
        error."""
        inputs = [
            spool(sys.stdin.buffer, self.stdin_format)
            if str(p) == "-"
            else spool_pipe(p, readable_suffixes())
            if is_pipe(p)
            else p
            for p in self.inputs
        ]
        missing = [missing_input(p) for p in inputs if not p.exists()]
        if missing:
            usage_error(f"no such input: {', '.join(missing)}")
        return inputs

    def stages(self) -> list[Stage]:
        cache = None if self.no_cache else (self.cache.absolute() if self.cache else DEFAULT_CACHE)
        return default_stages(
            translator=self.translator,
            target_lang=self.target_lang,
            lang_engine=self.lang_engine,
            languages=parse_languages(self.languages),
            lang_threshold=self.lang_threshold,
            fallback=self.fallback,
            cache=cache,
            kb=self.kb.absolute() if self.kb else None,  # a worker elsewhere opens the same file
            ner_models=parse_ner_models(self.ner_models or []),
            dedup=self.dedup,  # type: ignore[arg-type]
            near_threshold=self.near_threshold,
        )

    def reader(self) -> Reader:
        return Reader(
            follow_links=self.follow_links,
            max_chars=self.max_chars,
            max_page_bytes=self.max_page_bytes,
            text_field=self.text_field,
            id_field=self.id_field,
            delimiter=self.delimiter,
            header=False if self.no_header else None,
            quote_char=self.quote_char,
            escape_char=self.escape_char,
            records_path=self.records_path,
        )

    def pipeline(self, recorded: dict[str, Any]) -> Pipeline:
        """The run's `Pipeline`; its stages check their settings as it is built."""
        return Pipeline(
            stages=self.stages(),
            reader=self.reader(),
            executor=make_executor(self.executor, self.workers, self.scheduler),
            progress=not self.quiet,
            parquet=self.output_format == "parquet",
            report=self.write_report,
            options=recorded,
            strict=self.strict,
            command=["pipeline", *sys.argv[1:]],
        )


RESUME = "run the same command with --resume to do only the rest"


def kept(out_dir: Path) -> str:
    """What an interrupted run kept, for its last line."""
    parts = Parts.of(out_dir)
    return f"{parts.committed_shards()} shard(s) finished and kept in {safe_path(parts.root)}"


@contextmanager
def failures_reported(out_dir: Path) -> Iterator[None]:
    """A run that cannot start or cannot finish ends with one line saying why and what was
    kept: a usage error (exit 2), a dead worker, a signal, a full disk or too few file
    descriptors (exit 1, or 128 + the signal)."""
    try:
        yield
    except (ResumeError, OutputInUse, OutputOverlapsInput, KnowledgeBaseError, SettingError) as e:
        usage_error(safe(e))  # one line each: a line end in a name is escaped too
    except WorkerDied as e:
        echo(f"error: {safe(e)}; {kept(out_dir)}: {RESUME}", err=True)
        raise typer.Exit(1) from None
    except Stopped as e:
        quiet_signals()  # a second signal while the message is written ends it quietly
        echo(f"\ninterrupted: {kept(out_dir)}; {RESUME}", err=True)
        raise typer.Exit(e.code) from None
    except OSError as e:
        stopped_by_the_machine(e, out_dir)
        raise


def stopped_by_the_machine(e: OSError, out_dir: Path) -> None:
    """Too few file descriptors, or a disk that takes no more: what to do, exit 1."""
    if e.errno in (errno.EMFILE, errno.ENFILE):
        echo(
            f"error: {e.strerror}: the limit on open files "
            "(`ulimit -n`) is too low for this run; raise it, or run with fewer --workers, "
            "then run the same command with --resume: committed shards are kept",
            err=True,
        )
        raise typer.Exit(1) from None
    if e.errno in DISK_ERRORS:
        where = safe_path(e.filename or out_dir)
        echo(
            f"error: cannot write {where}: {e.strerror}. The outputs in "
            f"{safe_path(out_dir)} are unchanged (the previous run's, if any, whole); committed "
            "shards are kept: once there is room, run the same command with --resume",
            err=True,
        )
        raise typer.Exit(1) from None


@contextmanager
def settings_checked() -> Iterator[None]:
    """A `Pipeline` of the subcommands built inside: a stage setting that cannot work is a
    usage error, before any model loads (its stages check their settings as it is built)."""
    try:
        yield
    except (SettingError, KnowledgeBaseError) as e:
        usage_error(safe(e))
