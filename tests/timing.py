"""The one stopwatch of the cost tests: the best of a few runs (a busy machine only slows one)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(work: Callable[[], object], runs: int = 1) -> float:
    """The shortest of `runs` timings of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
