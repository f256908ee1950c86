"""Executors run the same `Pipeline` over shards: in this process or in worker processes
(`local`), or on a Dask cluster (`dask`). Anything with this shape can run a pipeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipeline.io.readers import Shard
    from pipeline.pipeline import Pipeline
    from pipeline.progress import Report


class Executor(Protocol):
    """Runs `pipeline.run_shard` on each shard, somewhere, and calls `on_done` in this process
    as each one is committed (in any order); `report` takes record counts on the way, if the
    executor can pass them on. A failed shard raises; committed shards stay for `--resume`."""

    name: str

    def describe(self) -> dict[str, object]: ...

    def run(
        self,
        pipeline: Pipeline,
        shards: Sequence[Shard],
        parts_dir: Path,
        on_done: Callable[[Shard], None] = ...,
        report: Report | None = None,
    ) -> None: ...
