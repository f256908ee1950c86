"""No traceback on any signal: SIGTERM and SIGINT sent at points spread over a whole run
(imports, model loading, each pass, writing, shutdown), 30 runs; stderr holds the run's own
message or nothing, never a traceback or an "Exception ignored"."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def test_no_traceback_on_any_signal(tmp_path: Path) -> None:
    draw = random.Random(29)  # the same points every run of the suite
    base = time.perf_counter()
    whole = subprocess.run(  # how long a run takes here, to spread the signals over it
        [sys.executable, "-m", "pipeline", "run", str(ROOT / "data" / "raw"), "-o",
         str(tmp_path / "whole"), "-q", "-t", "none", "-w", "2"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert whole.returncode == 0, whole.stderr
    span = time.perf_counter() - base
    bad = []
    for n in range(RUNS):
        sig = (signal.SIGTERM, signal.SIGINT)[n % 2]
        at = draw.uniform(0.0, span * 1.1)
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "run", str(ROOT / "data" / "raw"), "-o",
             str(tmp_path / f"out{n}"), "-q", "-t", "none", "-w", "2"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(at)
        if proc.poll() is None:
            os.kill(proc.pid, sig)
        _, stderr = proc.communicate(timeout=300)
        if "Traceback" in stderr or "Exception ignored" in stderr:
            bad.append(f"{sig.name} at {at:.2f}s (exit {proc.returncode}):\n{stderr[-1500:]}")
        elif proc.returncode not in (0, 130, 143, -sig):
            bad.append(f"{sig.name} at {at:.2f}s: exit {proc.returncode}\n{stderr[-500:]}")
    assert not bad, f"{len(bad)} of {RUNS}:\n" + "\n".join(bad[:3])
