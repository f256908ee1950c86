"""A run's outputs are one set: when any write of the run fails (disk full, quota), the folder
keeps the previous run's outputs, every one of them, and the run fails saying what it could
not write; when the run succeeds, every file describes it."""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import pipeline.io.parquet
import pipeline.io.writers
from pipeline import Dedup, Link, Pipeline
from pipeline.io.writers import (
    CORPUS,
    DROPPED,
    ENTITIES,
    ERRORS,
    EVERY_OUTPUT,
    PARQUET,
    REPORT,
    RUN,
    RUN_LOG,
    WARNINGS,
)
from tests.test_passes import CapitalisedNames

EVERY_FILE = (CORPUS, ERRORS, DROPPED, WARNINGS, ENTITIES, RUN, REPORT, RUN_LOG, *PARQUET)


def test_the_table_covers_every_output_a_run_writes() -> None:
    assert set(EVERY_FILE) == set(EVERY_OUTPUT)


def write_input(folder: Path, n: int, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "in.jsonl"
    rows = [
        {"id": f"r{i % (n - 1)}", "text": f"{word} Marchand met Bello {i % 3}."} for i in range(n)
    ]
    rows.append({"id": "bad", "text": 17})  # one error
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def make_pipeline() -> Pipeline:
    stages = [CapitalisedNames(), Link(), Dedup("drop")]
    return Pipeline(stages=stages, parquet=True, report=True)  # type: ignore[arg-type]


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def failing_on(name: str, real: Any) -> Any:
    @contextmanager
    def atomic_path(path: Path) -> Iterator[Path]:
        with real(path) as tmp:
            yield tmp
            if path.name == name:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))

    return atomic_path


def consistent(out: Path) -> None:
    """run.json describes the corpus, errors and dropped lines beside it."""
    run = json.loads((out / RUN).read_text(encoding="utf-8"))
    lines = {
        name: len((out / name).read_text(encoding="utf-8").splitlines())
        for name in (CORPUS, ERRORS, DROPPED)
    }
    counts = run["counts"]
    assert (lines[CORPUS], lines[ERRORS], lines[DROPPED]) == (
        counts["written"],
        counts["failed"],
        counts["dropped"],
    )
    assert f"\nread {counts['read']}, written {counts['written']}," in (out / RUN_LOG).read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("name", EVERY_FILE)
def test_a_failed_write_of_any_output_leaves_the_previous_set_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    out = tmp_path / "out"
    make_pipeline().run([write_input(tmp_path / "old", 6, "Odile")], out, shard_bytes=200)
    consistent(out)
    before = snapshot(out)
    assert set(EVERY_FILE) <= set(before)
    new_input = write_input(tmp_path / "new", 11, "Varda")
    for module in (pipeline.io.writers, pipeline.io.parquet):
        monkeypatch.setattr(module, "atomic_path", failing_on(name, module.atomic_path))
    pipe = make_pipeline()
    with pytest.raises(OSError) as raised:
        pipe.run([new_input], out, shard_bytes=200)
    assert Path(raised.value.filename).name == name  # says which file it could not write
    assert snapshot(out) == before  # all old
    monkeypatch.undo()
    make_pipeline().run([new_input], out, shard_bytes=200, resume=True)
    consistent(out)  # all new
    assert json.loads((out / RUN).read_text())["counts"]["read"] == 12


def test_a_file_size_limit_reached_on_the_corpus_keeps_the_previous_set(tmp_path: Path) -> None:
    """The real failure, not a simulated one: RLIMIT_FSIZE in a child process (as `ulimit -f`)
    lets the shards be written and stops the joined corpus; the process sees EFBIG."""
    out = tmp_path / "out"
    make_pipeline().run([write_input(tmp_path / "old", 6, "Odile")], out, shard_bytes=200)
    before = snapshot(out)
    big = write_input(tmp_path / "new", 400, "Varda")
    script = textwrap.dedent(
        f"""
        import errno, resource, sys
        from pipeline import Dedup, Pipeline
        resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))
        try:
            Pipeline(stages=[Dedup()]).run([{str(big)!r}], {str(out)!r}, shard_bytes=2000)
        except OSError as e:
            print(errno.errorcode[e.errno], e.filename)
            sys.exit(3)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert done.stdout.startswith("EFBIG")
    assert snapshot(out) == before


def test_a_failed_rename_at_any_step_leaves_one_whole_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.replace fails (EPERM) at step k of putting the set in place, for every k: the
    folder is the whole old set, byte for byte, and the error says so; then a run that
    succeeds puts the whole new set."""
    out = tmp_path / "out"
    make_pipeline().run([write_input(tmp_path / "old", 6, "Odile")], out, shard_bytes=200)
    before = snapshot(out)
    new_input = write_input(tmp_path / "new", 11, "Varda")
    real = os.replace
    steps = 2 * len(EVERY_OUTPUT)  # every old file aside, every new one in
    for k in range(steps):
        calls = {"n": 0}

        def failing(src: Any, dst: Any, k: int = k, calls: dict[str, int] = calls) -> None:
            if puts_in_place(src, dst, out):
                calls["n"] += 1
                if calls["n"] == k + 1:
                    raise OSError(errno.EPERM, "Operation not permitted", str(dst))
            real(src, dst)

        monkeypatch.setattr(pipeline.io.writers.os, "replace", failing)
        try:
            make_pipeline().run([new_input], out, shard_bytes=200)
        except OSError as e:
            assert "previous run's outputs, unchanged" in str(e), k
            assert snapshot(out) == before, k
        else:
            consistent(out)  # fewer steps than k: the whole new set
            assert json.loads((out / RUN).read_text())["counts"]["read"] == 12
            before = snapshot(out)
        monkeypatch.undo()
    make_pipeline().run([new_input], out, shard_bytes=200)
    consistent(out)


def puts_in_place(src: Any, dst: Any, out: Path) -> bool:
    """A rename that puts the set in place (out to aside, staged to out)."""
    return Path(src).parent == out or Path(dst).parent == out


@pytest.mark.parametrize("limit", [12, 16])
def test_too_few_open_files_is_one_line_saying_which_limit(tmp_path: Path, limit: int) -> None:
    """`ulimit -n` too low for the workers' pipes and files: one line naming the limit and
    --resume, no traceback (hostile42 H19)."""
    inputs = [write_input(tmp_path / f"in{k}", 40, "Varda") for k in range(3)]
    args = [*map(str, inputs), "--out-dir", str(tmp_path / "out"), "--translator", "none",
            "--workers", "2", "--shard-size", "2000", "-q"]  # fmt: skip

    def low_limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *args],
        preexec_fn=low_limit, capture_output=True, text=True, timeout=600,
        cwd=Path(__file__).parents[1],
    )  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    if done.returncode:
        assert done.returncode == 1
        assert "ulimit -n" in done.stderr and "--resume" in done.stderr, done.stderr
