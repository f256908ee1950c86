"""Progress of a run: a bar on a terminal, plain log lines otherwise (CI logs, pipes, cron).

Work is counted in input bytes of committed shards, which is what the ETA needs; records and
records/s come from each shard's completion marker.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_EVERY = 5.0  # seconds between log lines when not on a terminal
WIDTH = 28


class Progress:
    def __init__(
        self, total_bytes: int, shards: int, enabled: bool = True, stream: TextIO | None = None
    ) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.total_bytes = max(1, total_bytes)
        self.shards = shards
        self.done_bytes = self.done_shards = self.records = 0
        self.started = time.monotonic()
        self._last_log = 0.0

    def advance(self, size: int, records: int) -> None:
        self.done_bytes += size
        self.done_shards += 1
        self.records += records
        if not self.enabled:
            return
        now = time.monotonic()
        last = self.done_shards == self.shards
        if self.tty:
            self.stream.write("\r" + self.line(now) + ("\n" if last else ""))
            self.stream.flush()
        elif last or now - self._last_log >= LOG_EVERY:
            self.stream.write(self.line(now) + "\n")
            self._last_log = now

    def line(self, now: float) -> str:
        elapsed = max(1e-9, now - self.started)
        share = min(1.0, self.done_bytes / self.total_bytes)
        eta = elapsed * (1 - share) / share if share else float("nan")
        bar = "#" * round(WIDTH * share) + "." * (WIDTH - round(WIDTH * share))
        return (
            f"[{bar}] {share:4.0%} shards {self.done_shards}/{self.shards}  "
            f"records {self.records:,}  {self.records / elapsed:,.0f} records/s  ETA {eta:,.0f} s"
        )
