"""A line command ends once its last line is out, without the interpreter's teardown
(`pipeline.app.lines.all_printed`, `pipeline.entry.end_now`): its output is whole, its code
0, and the Apertium programs it started end on their own a moment later (none left behind).
One CLI run, Spanish: an Apertium chain without spaCy's load."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import needs_pairs

ROOT = Path(__file__).resolve().parent.parent


def alive_in_group(group: int) -> list[int]:
    """The processes of process group `group` that have not exited (zombies have)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == group and fields[0] != "Z":
            out.append(int(entry.name))
    return out


@needs_pairs("spa-eng")
def test_translate_ends_with_its_output_whole_and_no_program_left() -> None:
    lines = [f"La casa número {i} es grande y tiene un jardín." for i in range(40)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "translate", "-s", "es"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group (its pid): its programs share it
    )
    stdout, stderr = command.communicate("".join(line + "\n" for line in lines), timeout=120)
    assert command.returncode == 0, stderr
    out = stdout.splitlines()
    assert len(out) == len(lines) and all("garden" in line for line in out)
    deadline = time.monotonic() + 5
    while (left := alive_in_group(command.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"programs still running after the command ended: {left}"
