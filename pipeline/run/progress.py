"""Progress of a run: rich's progress bar on a terminal, a plain line every 5 s otherwise (CI
logs, pipes, cron), and a last line when the run ends.

Two measures move it. Records: each process running shards reports how many records it has
written, at most twice a second (`Reporter`), so the count and the rate move with the work,
not once per shard. Input bytes: a committed shard adds its size, which is what the share
done and the ETA need; a committed shard's record count is then its exact count (from its
completion marker), whatever was reported on the way.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

LOG_EVERY = 5.0  # seconds between log lines when not on a terminal
REPORT_EVERY = 0.5  # seconds between a process's record reports
WIDTH = 28

Report = Callable[[str, int], None]  # (shard name, records written in it so far)


class Reporter:
    """Counts one shard's records and passes the count on at most every `REPORT_EVERY` s."""

    def __init__(self, shard: str, report: Report | None) -> None:
        self.shard, self.report = shard, report
        self.records = 0
        self._last = time.monotonic()

    def count(self) -> None:
        self.records += 1
        if self.report is not None and time.monotonic() - self._last >= REPORT_EVERY:
            self.report(self.shard, self.records)
            self._last = time.monotonic()


class Progress:
    def __init__(
        self, total_bytes: int, shards: int, enabled: bool = True, stream: TextIO | None = None
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.total_bytes = max(1, total_bytes)
        self.shards = shards
        self.done_bytes = self.done_shards = 0
        self.by_shard: dict[str, int] = {}
        self.started = time.monotonic()
        self._last_log = self.started
        self._lock = threading.Lock()
        self._bar: Any = None
        if enabled and self.tty:
            self._bar = rich_bar(self.stream, shards)

    @property
    def records(self) -> int:
        return sum(self.by_shard.values())

    def report(self, shard: str, records: int) -> None:
        """A process has written `records` records of `shard` so far (thread-safe)."""
        with self._lock:
            self.by_shard[shard] = max(records, self.by_shard.get(shard, 0))
            self._show(final=False)

    def advance(self, size: int, records: int, shard: str | None = None) -> None:
        """A shard was committed: its input bytes are done, its record count is exact."""
        with self._lock:
            self.done_bytes += size
            self.done_shards += 1
            self.by_shard[shard or f"#{self.done_shards}"] = records
            self._show(final=self.done_shards == self.shards)

    def _show(self, final: bool) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if self._bar is not None:
            bar, task = self._bar
            bar.update(
                task,
                completed=self.done_bytes * 100 / self.total_bytes,
                shards=f"{self.done_shards}/{self.shards}",
                records=f"{self.records:,}",
                rate=f"{self.records / max(1e-9, now - self.started):,.0f}",
            )
            if final:
                bar.stop()
        elif final or now - self._last_log >= LOG_EVERY:
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()
            self._last_log = now

    def close(self) -> None:
        """Stop the terminal bar (an interrupted run leaves no half-drawn line)."""
        if self._bar is not None:
            self._bar[0].stop()

    def line(self, now: float) -> str:
        elapsed = max(1e-9, now - self.started)
        share = min(1.0, self.done_bytes / self.total_bytes)
        eta = f"{elapsed * (1 - share) / share:,.0f} s" if share else "?"  # after a shard
        bar = "#" * round(WIDTH * share) + "." * (WIDTH - round(WIDTH * share))
        return (
            f"[{bar}] {share:4.0%} shards {self.done_shards}/{self.shards}  "
            f"records {self.records:,}  {self.records / elapsed:,.0f} records/s  ETA {eta}"
        )


def rich_bar(stream: TextIO, shards: int) -> tuple[Any, Any]:
    """rich's live progress bar (share of the input done, shards, records, rate, ETA)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("shards {task.fields[shards]}"),
        TextColumn("records {task.fields[records]}"),
        TextColumn("{task.fields[rate]} records/s"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=False,
    )
    task = bar.add_task("run", total=100, shards=f"0/{shards}", records="0", rate="0")
    bar.start()
    return bar, task
