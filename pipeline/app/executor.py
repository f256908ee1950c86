"""The executor `--executor`, `--workers` and `--scheduler` name, checked before a run starts: a
Dask without its package, or a scheduler that does not answer, is a usage error in one line."""

from __future__ import annotations

from pipeline import hints
from pipeline.app.terminal import usage_error
from pipeline.executors.dask import DaskExecutor
from pipeline.executors.local import LocalExecutor


def make_executor(name: str, workers: int, scheduler: str | None) -> LocalExecutor | DaskExecutor:
    if name == "local":
        if scheduler:
            usage_error("--scheduler goes with --executor dask")
        return LocalExecutor(workers)
    if name == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError as e:
            usage_error(
                f"--executor dask needs distributed ({e}); fix: {hints.install_package('dask')}"
            )
        if scheduler:
            check_scheduler(scheduler)
        return DaskExecutor(scheduler, workers)
    usage_error(f"--executor {name!r} is unknown; choose local or dask")


def check_scheduler(address: str, seconds: float = 5.0) -> None:
    """A Dask scheduler that does not answer fails now, in one line, within `seconds`."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError:
        host, port = None, None
    if not host or not port:
        usage_error(f"--scheduler {address!r} is not an address (tcp://HOST:8786)")
    try:
        socket.create_connection((host, port), timeout=seconds).close()
    except OSError as e:
        reason = f"no answer in {seconds:g} s" if isinstance(e, TimeoutError) else e.strerror or e
        usage_error(
            f"--scheduler {address}: nothing answers there ({reason}); start one with "
            "`dask scheduler`, or leave --scheduler out for a local cluster"
        )
