"""One run per output folder.

Two runs writing one folder interleave their shards and delete each other's parts while every
count still adds up. A run holds an exclusive `flock` on `OUT/.lock` for its whole life; the
kernel releases it when the process ends, however it ends, so a lock left by a killed run never
blocks `--resume`. The file keeps the holder's pid, for the message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

LOCK = ".lock"


class OutputInUse(RuntimeError):
    """Another live run holds the output folder, or the folder holds what no run of ours made
    (a symbolic link or a file where the run keeps its own folder): refused, never followed."""


@contextlib.contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold `OUT/.lock` for the block; removed when the block ends (a killed run leaves the file,
    but no lock on it)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK
    fd = acquire(path)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: the next run starts on a fresh file
        os.close(fd)


def acquire(path: Path) -> int:
    """An fd holding an exclusive lock on the file now at `path`. A file unlinked by the run that
    held it (between our open and our lock) is not the lock any more: open again."""
    while True:
        try:  # O_NOFOLLOW: a link planted at OUT/.lock would have us truncate its target
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as e:
            raise OutputInUse(
                f"{path} is not a lock file of this tool ({e.strerror}): remove it, or choose "
                "another --out-dir"
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OutputInUse(
                f"{path} is not a regular file: remove it, or choose another --out-dir"
            )
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise OutputInUse(
                f"{path.parent} is in use by another run (pid {holder}): wait for it to finish, "
                "or choose another --out-dir"
            ) from None
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)
