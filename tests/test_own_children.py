"""The library never kills a process it did not start: when a run with worker processes fails
or is interrupted, it stops its own workers, and a child the caller started survives."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

import pytest

from pipeline.executors.local import LocalExecutor
from pipeline.shards import Shard


class Work:
    """A shard task that fails on shard `fail_on` (or never), sleeping a little on each."""

    started = False

    def __init__(self, fail_on: int | None) -> None:
        self.fail_on = fail_on

    def __call__(self, shard: Shard, report: Any = None) -> None:
        time.sleep(0.2)
        if shard.index == self.fail_on:
            raise RuntimeError("this shard fails")

    def close(self) -> None:
        pass


def caller_child() -> None:
    time.sleep(60)


def interrupt(shard: Shard) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize("how", ["a shard fails", "interrupted"])
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_child_of_the_caller_survives_a_failed_or_interrupted_run(how: str, method: str) -> None:
    child = multiprocessing.get_context(method).Process(target=caller_child, daemon=True)
    child.start()
    try:
        shards = [Shard(i, ()) for i in range(6)]
        if how == "a shard fails":
            with pytest.raises(RuntimeError):
                LocalExecutor(2).run(Work(fail_on=1), shards)
        else:
            with pytest.raises(KeyboardInterrupt):
                LocalExecutor(2).run(Work(fail_on=None), shards, on_done=interrupt)
        time.sleep(0.3)
        assert child.is_alive() and child.exitcode is None
    finally:
        child.kill()
        child.join()
