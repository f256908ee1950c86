"""Run shards on a Dask cluster: a local one (bound to 127.0.0.1) or any scheduler address.

`pip install '.[dask]'`, then `pipeline run ... --executor dask [--scheduler tcp://HOST:8786]`.
The pipeline is sent to every worker once (`Client.scatter(..., broadcast=True)`) and kept
there in a module-level cache, so models load once per worker, not once per shard. Shards are
written to `OUT/.parts/` and committed by rename, so on a cluster OUT must be on a file system
every worker shares; a failed or repeated task only ever rewrites its own `.tmp` folder.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.io.readers import Shard
from pipeline.progress import Report

if TYPE_CHECKING:
    from pipeline.pipeline import Pipeline

_pipelines: dict[str, Any] = {}  # per worker process: pipeline token → unpickled pipeline


def _run_shard(shard: Shard, parts_dir: str, token: str, pipeline_bytes: bytes) -> str:
    if token not in _pipelines:
        _pipelines[token] = pickle.loads(pipeline_bytes)
    _pipelines[token].run_shard(shard, Path(parts_dir))
    return shard.name


class DaskExecutor:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 1) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)

    def describe(self) -> dict[str, object]:
        return {
            "executor": self.name,
            "scheduler": self.scheduler or "local cluster",
            "workers": self.workers,
        }

    def run(
        self,
        pipeline: Pipeline,
        shards: Sequence[Shard],
        parts_dir: Path,
        on_done: Callable[[Shard], None] = lambda shard: None,
        report: Report | None = None,  # Dask workers report per shard only
    ) -> None:
        if not shards:
            return
        from distributed import Client, LocalCluster, as_completed

        payload = pickle.dumps(pipeline)
        token = hashlib.sha256(payload).hexdigest()[:16]
        cluster = None
        if self.scheduler is None:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=min(self.workers, len(shards)),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                silence_logs=40,
            )
        try:
            with Client(cluster or self.scheduler) as client:  # type: ignore[no-untyped-call]
                shared = client.scatter(payload, broadcast=True)
                futures = client.map(
                    _run_shard, list(shards), parts_dir=str(parts_dir.resolve()), token=token,
                    pipeline_bytes=shared, pure=False,
                )  # fmt: skip
                by_key = {future.key: shard for future, shard in zip(futures, shards, strict=True)}
                for future in as_completed(futures):  # type: ignore[no-untyped-call]
                    future.result()  # a failed shard raises; committed shards stay for --resume
                    on_done(by_key[future.key])
        finally:
            if cluster is not None:
                cluster.close()
