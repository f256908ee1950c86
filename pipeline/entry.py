"""The `pipeline` command's first moments: signals are taken over before anything heavy loads.

Python turns Ctrl-C into a KeyboardInterrupt wherever the program is, and SIGTERM kills it
without a word; a signal that lands while spaCy imports, while a model loads, or while the
interpreter shuts its threads down then prints a traceback or "Exception ignored in …" (about
one SIGTERM in eight did). Until the command is ready to stop cleanly, and again once it has
finished, a signal ends the process at once, quietly, with the shell's code (130, 143); while
a run works, the command raises instead so that the run can say what it kept
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


def main() -> None:
    quiet_signals()
    from pipeline.cli import main as command

    command()


if __name__ == "__main__":
    main()
