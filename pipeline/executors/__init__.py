"""Executors run a `ShardTask` over shards: in this process or in worker processes (`local`),
or on a Dask cluster (`dask`). Anything with the `Executor` shape can run a pipeline; it
sees only the task (a picklable callable), never the `Pipeline` that made it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipeline.run.progress import Report
    from pipeline.shards import Shard


class ShardWork(Protocol):
    """What an executor runs (`pipeline.run.shard_task.ShardTask`): one shard in, committed."""

    def __call__(self, shard: Shard, report: Report | None = None) -> None: ...

    @property
    def started(self) -> bool:
        """Whether engines are live in this process (then a worker must not be forked)."""
        ...

    def close(self) -> None: ...


class Executor(Protocol):
    """Runs `work` on each shard, somewhere, and calls `on_done` in this process as each one
    is committed (in any order); `report` takes record counts on the way, if the executor
    can pass them on. A failed shard raises; committed shards stay for `--resume`."""

    name: str

    def describe(self) -> dict[str, object]: ...

    def run(
        self,
        work: ShardWork,
        shards: Sequence[Shard],
        on_done: Callable[[Shard], None] = ...,
        report: Report | None = None,
    ) -> None: ...


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its shard (killed, out of memory): the run
    stops; the shards committed so far are kept for `--resume`."""
