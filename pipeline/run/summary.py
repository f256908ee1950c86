"""What a run tells: its summary, timings and the problem that fails it (`RunResult`), the
warnings it logged, and `run.log`, which `Pipeline.run` writes with every other output.

A library user gets the same run.log as the command line; the command line only prints the
result (`RunResult.shown`)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import Warn
from pipeline.io.writers import ERRORS, REPORT, WARNINGS, atomic_open
from pipeline.run import problems
from pipeline.run.accounting import explained
from pipeline.run.problems import first_error, unread_files
from pipeline.safe_text import safe, safe_path


class RunResult(dict[str, Any]):
    """run.json's content (what `Pipeline.run` has always returned), with what the run tells:
    `summary` (counts, the problems by reason, where the report is), `timings` (per stage and
    pass) and `problem`, the line that fails the run (nothing read; `strict` and a failure)."""

    summary: list[str]
    timings: list[str]
    problem: str | None

    def shown(self, quiet: bool = False, verbose: bool = False) -> list[str]:
        """The lines the terminal is told: the summary unless `quiet`, the timings if
        `verbose`, and the problem whatever else."""
        return [
            *([] if quiet else self.summary),
            *(self.timings if verbose else []),
            *([self.problem] if self.problem else []),
        ]

    def logged(self) -> list[str]:
        """The lines run.log has after the warnings: everything, whatever was shown."""
        return self.shown(quiet=False, verbose=True)


def told(
    folder: Path,
    out_dir: Path,
    report: dict[str, Any],
    given: Sequence[str],
    write_report: bool,
    strict: bool,
) -> RunResult:
    """What the terminal and run.log are told about a run whose outputs are in `folder` (the
    staged set, named by their place `out_dir`)."""
    result = RunResult(report)
    counts = report["counts"]
    result.summary = [
        *unread_files(folder, out_dir),
        f"read {counts['read']}, written {counts['written']}, dropped {counts['dropped']}, "
        f"failed {counts['failed']} in {report['seconds']['total']} s → {safe_path(out_dir)}",
        *problems.summary_lines(folder, counts),  # what went wrong first, by reason
        *(f"  {line}" for line in explained(counts)),
        *([f"  report: {safe_path(out_dir / REPORT)}"] if write_report else []),
    ]
    result.timings = list(stage_timings(report))
    result.problem = problem(folder, out_dir, counts, given, strict)
    return result


def problem(
    folder: Path, out_dir: Path, counts: dict[str, Any], given: Sequence[str], strict: bool
) -> str | None:
    """The line that fails a run: nothing was read (and why), or `strict` and a failure."""
    if counts["written"] == 0 and counts["dropped"] == 0:
        return f"error: nothing was read from {', '.join(map(safe, given))}: " + why_nothing(
            folder, out_dir
        )
    if strict and counts["failed"]:
        return (
            f"error: --strict: {counts['failed']} record(s) failed "
            f"(see {safe_path(out_dir / ERRORS)})"
        )
    return None


def why_nothing(folder: Path, out_dir: Path) -> str:
    """Why a run read nothing: its inputs were earlier runs' outputs, hidden entries, or no
    file of a type it reads (with the first error)."""
    first = first_error(folder / ERRORS)
    skipped = warned(folder / WARNINGS, Warn.OUTPUT_SKIPPED)
    hidden = warned(folder / WARNINGS, Warn.HIDDEN_SKIPPED)
    if skipped and not first:
        return (
            f"{', '.join(map(safe, skipped))} hold(s) the outputs of an earlier run, not read as "
            "input (move them out, or give the input files themselves)"
        )
    if hidden and not first:
        return (
            f"{', '.join(map(safe, hidden[:3]))}{' …' if len(hidden) > 3 else ''} "
            "hidden (named '.…'), not read (give them as inputs to read them)"
        )
    return "no file of a type it reads (see --help), or no record in them " + (
        f"(see {safe_path(out_dir / ERRORS)})" + (f"; the first: {first}" if first else "")
    )


def warned(warnings: Path, warning: Warn) -> list[str]:
    """What a run skipped with `warning` (W003 a folder of outputs, W009 a hidden entry)."""
    if not warnings.is_file():
        return []
    code = warning.value
    with warnings.open(encoding="utf-8") as f:
        return [entry["source"] for line in f if (entry := json.loads(line))["code"] == code]


def stage_timings(report: dict[str, Any]) -> Iterator[str]:
    """Seconds and records/s of each stage (summed over every process), and of each pass."""
    read = report["counts"]["read"]
    for stage, seconds in report["seconds"].items():
        if stage != "total":
            rate = f"{read / seconds:,.0f} records/s" if seconds else "-"
            yield f"  {stage:<22} {seconds:8.2f} s  {rate}"
    for step in report.get("passes", []):
        if step["seconds"] is not None:
            what = ", ".join(step["stages"]) or "-"
            yield f"  pass {step['pass']} ({what})    {step['seconds']:8.2f} s wall"


def write_log(path: Path, command: Sequence[str], lines: Sequence[str]) -> None:
    """`OUT/run.log`: the command, what the terminal was told (warnings included) and the
    timings, whatever --quiet hid."""
    with atomic_open(path) as f:
        f.write(" ".join(map(safe, command)) + "\n")
        f.writelines(safe(line, layout=True) + "\n" for line in lines)


def to_stderr(message: str) -> None:
    """Where a run's warnings go as they happen: standard error, as Python shows a warning
    no handler takes."""
    print(message, file=sys.stderr, flush=True)


class Warnings(logging.Handler):
    """The pipeline's warnings during one run: shown as they happen (`show`) and kept, for
    run.log."""

    def __init__(self, show: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.show = show
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = safe(record.getMessage(), layout=True)
        self.show(message)
        self.lines.append(f"{record.levelname.lower()}: {message}")


@contextmanager
def collected_warnings(show: Callable[[str], None] = to_stderr) -> Iterator[Warnings]:
    """The `pipeline` logger's warnings while the block runs (a handler attached for it and
    removed after: a process may run twice, and no run keeps another's)."""
    handler = Warnings(show)
    logger = logging.getLogger("pipeline")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
