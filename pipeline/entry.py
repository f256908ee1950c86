"""The `pipeline` command's first moments: signals are taken over before anything heavy loads.

Python turns Ctrl-C into a KeyboardInterrupt wherever the program is, and SIGTERM kills it
without a word; a signal that lands while spaCy imports, while a model loads, or while the
interpreter shuts its threads down then prints a traceback or "Exception ignored in …" (about
one SIGTERM in eight did). Until the command is ready to stop cleanly, and again once it has
finished, a signal ends the process at once, quietly, with the shell's code (130, 143); while
a run works, the command raises `Stopped` instead so that the run can say what it kept
(`pipeline.cli`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


def leave(signum: int, frame: FrameType | None = None) -> None:
    """Stop now, quietly: flush what was printed, exit with 128 + the signal's number."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(128 + signum)


def quiet_signals() -> None:
    for sig in SIGNALS:
        signal.signal(sig, leave)


class Stopped(BaseException):
    """SIGINT or SIGTERM, raised where the command is, so that a run ends with a message
    saying what it kept (not a KeyboardInterrupt: nothing on the way may catch it as one)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum


def stop(signum: int, frame: object) -> None:
    raise Stopped(signum)


def main() -> None:
    """The command, with signals raising `Stopped` while it works (they end the process
    quietly before and after): never a traceback on a signal."""
    quiet_signals()
    from pipeline.app.lines import PRINTED
    from pipeline.cli import app
    from pipeline.io.stdin import remove_spools

    for sig in SIGNALS:
        signal.signal(sig, stop)
    PRINTED["all"] = False  # this command's own: a caller may run several in one process
    code: object = 1
    try:
        app()
    except Stopped as e:
        quiet_signals()
        raise SystemExit(e.code) from None
    except SystemExit as e:
        code = e.code
        raise
    finally:
        quiet_signals()
        remove_spools()
        if PRINTED["all"] and code in (0, None):
            end_now()


def end_now() -> None:
    """A line command that printed all it had (`pipeline.app.lines.all_printed`) ends here,
    its output and logs flushed, without the interpreter's teardown; when a flush fails (a
    closed pipe), the ordinary exit says so instead."""
    import logging

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    logging.shutdown()
    os._exit(0)


if __name__ == "__main__":
    main()
