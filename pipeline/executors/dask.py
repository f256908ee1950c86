"""Run shards on a Dask cluster: a local one (bound to 127.0.0.1) or any scheduler address.

`pip install '.[dask]'`, then `pipeline run ... --executor dask [--scheduler tcp://HOST:8786]`.
The shard task is sent to every worker once (`Client.scatter(..., broadcast=True)`) and kept
there in a module-level cache, so models load once per worker, not once per shard. Shards are
written under OUT (`pipeline.run.parts`) and committed by rename, so on a cluster OUT must be on
a file system every worker shares; a failed or repeated task only ever rewrites its own folder.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.executors import ShardWork
from pipeline.run.progress import Report
from pipeline.shards import Shard

_tasks: dict[str, Any] = {}  # per worker process: task token → unpickled task


def _run_shard(shard: Shard, token: str, task_bytes: bytes) -> str:
    if token not in _tasks:
        _tasks[token] = pickle.loads(task_bytes)
    _tasks[token](shard)
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
        work: ShardWork,
        shards: Sequence[Shard],
        on_done: Callable[[Shard], None] = lambda shard: None,
        report: Report | None = None,  # Dask workers report per shard only
    ) -> None:
        if not shards:
            return
        from distributed import Client, LocalCluster, as_completed

        payload = pickle.dumps(work)
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
                    _run_shard, list(shards), token=token, task_bytes=shared, pure=False
                )
                by_key = {future.key: shard for future, shard in zip(futures, shards, strict=True)}
                for future in as_completed(futures):  # type: ignore[no-untyped-call]
                    future.result()  # a failed shard raises; committed shards stay for --resume
                    on_done(by_key[future.key])
        finally:
            if cluster is not None:
                cluster.close()
