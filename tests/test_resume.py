"""Crash and resume: a run killed with SIGKILL at several points, then resumed, writes the
same corpus, byte for byte, as an uninterrupted run: no record lost, none duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.parts import Parts, is_attempt
from tests.conftest import RAW, ROOT

DOCUMENTS = 16


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixteen documents (each its own shard), made from the sample lines in varied orders."""
    root = tmp_path_factory.mktemp("many")
    lines = [
        line
        for f in sorted(RAW.iterdir())
        for line in f.read_text(encoding="utf-8").splitlines()
        if len(line) > 40
    ]
    for i in range(DOCUMENTS):
        chosen = [lines[(i * 7 + k * 3) % len(lines)] for k in range(12)]
        (root / f"doc{i:02d}.txt").write_text("\n\n".join(chosen) + "\n", encoding="utf-8")
    return root


def command(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        str(corpus),
        "--out-dir",
        str(out),
        "--shard-size",
        "1",
        "--no-cache",
        *extra,
    ]


def committed(out: Path) -> int:
    parts = Parts.of(out).root
    return (  # the first pass's shards (a later pass commits into its own folder)
        sum(
            1
            for p in parts.iterdir()
            if p.is_dir() and p.name.startswith("shard-") and not is_attempt(p.name)
        )
        if parts.is_dir()
        else 0
    )


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("reference")
    subprocess.run(command(corpus, out), check=True, capture_output=True, cwd=ROOT, timeout=600)
    return (out / "corpus.jsonl").read_bytes()


@pytest.mark.parametrize("kill_after", [0, 3, 11])
def test_sigkill_then_resume_is_byte_identical(
    corpus: Path, reference: bytes, tmp_path: Path, kill_after: int
) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        command(corpus, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while (
        committed(out) < kill_after or not Parts.of(out).root.is_dir()
    ) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not (out / "corpus.jsonl").exists(), "killed too late: the run had finished"
    done = committed(out)
    assert kill_after <= done < DOCUMENTS
    resumed = subprocess.run(
        command(corpus, out, "--resume"), capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "corpus.jsonl").read_bytes() == reference
    report = (out / "run.json").read_text()
    assert f'"resumed": {done}' in report
    assert not Parts.of(out).root.exists()


def test_resume_refuses_changed_settings(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        command(corpus, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while committed(out) < 1 and process.poll() is None:
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    changed = subprocess.run(
        command(corpus, out, "--resume", "--target-lang", "fr"),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert changed.returncode != 0 and "cannot resume" in changed.stderr
    assert "translate target_lang: 'en' → 'fr'" in changed.stderr  # which setting, old → new
