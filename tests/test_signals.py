"""No traceback on any signal: SIGTERM and SIGINT sent at points spread over a whole run
(interpreter start, imports, model loading, reading, each pass, writing, shutdown), 30 runs;
stderr holds the run's own message or nothing, never a traceback or "Exception ignored"."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30
TEXTS = ['{"text": "A quiet film about a harbour and its people."}',
         '{"text": "Un film calme sur un port et ses habitants."}']  # fmt: skip


def command(src: Path, out: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "-q",
            "-t", "none", "-w", str(workers), "--no-report"]  # fmt: skip


def signalled(src: Path, out: Path, sig: signal.Signals, at: float, workers: int) -> str | None:
    """What went wrong when `sig` reaches a run `at` seconds after its start, or None."""
    proc = subprocess.Popen(
        command(src, out, workers), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(at)
    if proc.poll() is None:
        os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=300)
    said = f"{sig.name} at {at:.2f}s, -w {workers} (exit {proc.returncode}):\n{stderr[-1500:]}"
    if "Traceback" in stderr or "Exception ignored" in stderr:
        return said
    if proc.returncode not in (0, 128 + sig, -sig):  # -sig: in the last instant of shutdown
        return said
    return None


def test_no_traceback_on_any_signal(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(TEXTS * 20) + "\n", encoding="utf-8")
    start = time.perf_counter()
    whole = subprocess.run(command(src, tmp_path / "whole", 2), capture_output=True, text=True)
    assert whole.returncode == 0, whole.stderr
    span = time.perf_counter() - start  # a whole run here: the signals are spread over it
    draw = random.Random(33)  # the same points every run of the suite
    cases = [
        ((signal.SIGTERM, signal.SIGINT)[n % 2], draw.uniform(0.0, span * 1.05), 1 + n % 2)
        for n in range(RUNS)
    ]
    with ThreadPoolExecutor(2) as pool:  # two runs at a time: the machine has two cores
        found = pool.map(lambda n: signalled(src, tmp_path / f"out{n}", *cases[n]), range(RUNS))
        bad = [b for b in found if b]
    assert not bad, f"{len(bad)} of {RUNS}:\n" + "\n".join(bad[:3])
