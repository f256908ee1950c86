"""The one stopwatch of the cost tests: the best of a few runs (a busy machine only slows one),
with the garbage collector paused as `timeit` does: a full collection walks every object the
test process holds, so its cost depends on what other tests left behind, not on the work.
(No collection before each run either: the cost-bound suite times thousands of short runs,
and a collection each took the timing phase from 1.5 to over 10 minutes.)"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best_of(work: Callable[[], object], runs: int = 1) -> float:
    """The shortest of `runs` timings of `work`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        paused = gc.isenabled()
        gc.disable()
        try:
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        finally:
            if paused:
                gc.enable()
    return best
