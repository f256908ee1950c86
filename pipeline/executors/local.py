"""Run shards on this machine: in this process, or in worker processes (`workers > 1`).

Each worker process receives the shard task once (an initializer, not a pickle per shard) and
keeps it, so models load once per worker. Shards are committed independently and joined in
order afterwards, so the output does not depend on the number of workers.

Workers are forked when that is safe: on Linux, from a process running one Python thread,
before any stage has started an engine here (a forked worker must not share an Apertium
pipe or a database connection with its parent). A forked worker starts with every module
the parent imported; a spawned one imports them again (0.5 s per worker, measured: one
600 kB file on 2 cores, `-w 2` took 9.4-9.9 s spawned, 8.5-9.2 s forked). Otherwise, and
everywhere else, workers are spawned.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.util import Finalize
from typing import Any

from pipeline.executors import ShardWork, WorkerDied
from pipeline.run.progress import Report
from pipeline.shards import Shard

PR_SET_PDEATHSIG = 1
_worker_work: ShardWork | None = None
_worker_reports: Any = None  # where a worker sends its record counts (a queue to the parent)
_worker_owners: Any = None  # shared: the pid of the worker that took each shard (0: none yet)


def _start_worker(work: ShardWork, reports: Any = None, owners: Any = None) -> None:
    global _worker_work, _worker_reports, _worker_owners
    die_with_parent()
    _worker_reports = reports
    _worker_owners = owners
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker has the CLI's handler
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent stops us
    _worker_work = work
    # Run at the worker's exit whether it was spawned (atexit runs) or forked (it ends with
    # os._exit, after multiprocessing's finalizers only).
    Finalize(work, work.close, exitpriority=10)


def _run_shard(shard: Shard, index: int = 0) -> str:
    assert _worker_work is not None
    if _worker_owners is not None:
        _worker_owners[index] = os.getpid()
    queue = _worker_reports
    report = (lambda name, records: queue.put((name, records))) if queue is not None else None
    _worker_work(shard, report)
    return shard.name


def relay(reports: Any, report: Report) -> threading.Thread:
    """Pass the workers' record counts to `report` until a `None` arrives."""

    def run() -> None:
        try:
            while (item := reports.get()) is not None:
                report(*item)
        except (OSError, EOFError, ValueError):  # the queue was closed: the run is stopping
            return

    thread = threading.Thread(target=run, daemon=True, name="progress-relay")
    thread.start()
    return thread


def die_with_parent() -> None:
    """On Linux, a worker is killed when the run's main process dies, even by SIGKILL, so no
    orphan keeps writing into the output folder that a `--resume` is about to use."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:
            pass
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)


def own_workers(pool: ProcessPoolExecutor) -> list[Any]:
    """The worker processes of `pool`, and only those: the caller's own children (a process
    it started before or beside the run) are never the library's to kill. The pool keeps
    them in `_processes` (CPython's only record of them; no public accessor)."""
    processes = getattr(pool, "_processes", None) or {}
    return [p for p in list(processes.values()) if p.is_alive()]


def died_running(
    pool: ProcessPoolExecutor, shards: Sequence[Shard], futures: Sequence[Future[str]], owners: Any
) -> list[Shard]:
    """The shard the dead worker was running, once the pool has stopped the others (the first
    shard still in flight named a survivor's as often as not): the one whose worker did not
    end by the pool's SIGTERM; when that cannot tell (the worker was sent SIGTERM itself),
    every shard in flight. Empty when nothing says (it died before taking a shard)."""
    processes = dict(getattr(pool, "_processes", None) or {})  # (see `own_workers`)
    for process in processes.values():
        process.join(timeout=10)  # the pool terminates the survivors: their codes are final
    in_flight = [
        (owners[i], shard)
        for i, (shard, future) in enumerate(zip(shards, futures, strict=True))
        if owners[i]
        and not (future.done() and not future.cancelled() and future.exception() is None)
    ]
    dead = [s for pid, s in in_flight if processes.get(pid) and processes[pid].exitcode
            not in (None, -signal.SIGTERM)]  # fmt: skip
    return dead if len(dead) == 1 else [shard for _, shard in in_flight]


def start_method(work: ShardWork) -> str:
    """`fork` when a worker can safely start as a copy of this process, else `spawn`."""
    if sys.platform.startswith("linux") and threading.active_count() == 1 and not work.started:
        return "fork"
    return "spawn"


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class LocalExecutor:
    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)

    def describe(self) -> dict[str, object]:
        return {"executor": self.name, "workers": self.workers}

    def run(
        self,
        work: ShardWork,
        shards: Sequence[Shard],
        on_done: Callable[[Shard], None] = lambda shard: None,
        report: Report | None = None,
    ) -> None:
        workers = min(self.workers, len(shards))
        if workers <= 1:
            for shard in shards:
                work(shard, report)
                on_done(shard)
            return
        context = multiprocessing.get_context(start_method(work))
        reports = context.SimpleQueue() if report is not None else None
        owners = context.Array("q", len(shards), lock=False)
        pool = ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(work, reports, owners),
        )
        relaying = None
        try:
            # Not `pool.map`: on an interrupt its iterator cancels the futures left, and the pool's
            # manager thread, failing them once the workers are gone, prints an
            # InvalidStateError traceback for each cancelled one.
            futures = [pool.submit(_run_shard, shard, i) for i, shard in enumerate(shards)]
            if reports is not None and report is not None:  # a thread only once workers are up
                relaying = relay(reports, report)
            for shard, future in zip(shards, futures, strict=True):
                try:
                    future.result()  # a failed shard raises here; committed ones stay
                except BrokenProcessPool:
                    died = died_running(pool, shards, futures, owners)
                    named = " or ".join(s.name for s in died)
                    raise WorkerDied(
                        f"a worker process died while running {named or shard.name} (killed, "
                        "or out of memory?)"
                    ) from None
                on_done(shard)
        except BaseException:
            # Interrupted or failed: stop now rather than wait for the shards in progress (an
            # uncommitted shard is redone by --resume anyway); the pool fails what is left.
            for worker in own_workers(pool):
                worker.kill()
            pool.shutdown(wait=False)
            if reports is not None:
                reports.close()  # the relay thread ends on the closed queue
            raise
        pool.shutdown()
        if reports is not None and relaying is not None:
            reports.put(None)
            relaying.join()
