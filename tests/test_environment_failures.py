"""A failure of the machine (hostile43 H10) is no record's failure: the run stops, nothing of the
shard is committed, and `--resume` on a sound machine gives what a run that never failed gives.
As a record's failure it failed every record of the worker (E101 "Too many open files"), the run
ended with status 0, and `--resume` kept those shards."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline import Pipeline
from pipeline.stages.base import ENVIRONMENT_ERRNOS, Stage, environment_failure


class Trapped(Stage):
    """Raises the error on record `r{at}` while the file `trap` exists."""

    name = "trapped"

    def __init__(self, trap: str, code: int, wrapped: str, at: int) -> None:
        super().__init__()
        self.trap, self.code, self.wrapped, self.at = trap, code, wrapped, at

    def config(self) -> dict[str, Any]:
        return {"trap": self.trap, "code": self.code, "wrapped": self.wrapped, "at": self.at}

    def process(self, batch: list[Any]) -> None:
        for record in batch:
            if record.id == f"r{self.at}" and os.path.exists(self.trap):
                raise raised(self.code, self.wrapped)
            record.meta["seen"] = True


def raised(code: int, wrapped: str) -> Exception:
    """The OSError as a library may let it out: itself, as the cause or the context of its own."""
    error = OSError(code, os.strerror(code))
    if wrapped == "bare":
        return error
    outer = RuntimeError("the model could not be loaded")
    if wrapped == "cause":
        outer.__cause__ = error
    else:
        outer.__context__ = error
    return outer


def corpus_of(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]


def write_input(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "in.jsonl"
    lines = (json.dumps({"id": f"r{n}", "text": f"Record number {n}."}) for n in range(30))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("code", sorted(ENVIRONMENT_ERRNOS))
@pytest.mark.parametrize("wrapped", ["bare", "cause", "context"])
def test_a_failure_of_the_machine_stops_the_run_and_resume_redoes_it(
    tmp_path: Path, code: int, wrapped: str
) -> None:
    source = write_input(tmp_path / "in")
    trap = tmp_path / "trap"
    trap.touch()

    def pipeline() -> Pipeline:
        return Pipeline(stages=[Trapped(str(trap), code, wrapped, at=7)])

    with pytest.raises(Exception) as stopped:
        pipeline().run([source], tmp_path / "out", shard_bytes=300)
    assert environment_failure(stopped.value)
    assert not (tmp_path / "out" / "corpus.jsonl").exists()
    trap.unlink()
    report = pipeline().run([source], tmp_path / "out", resume=True, shard_bytes=300)
    assert report["counts"]["failed"] == 0
    clean = pipeline().run([source], tmp_path / "clean", shard_bytes=300)
    assert report["counts"] == clean["counts"]
    assert corpus_of(tmp_path / "out") == corpus_of(tmp_path / "clean")


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EINVAL, errno.EPIPE, errno.ECONNREFUSED])
def test_an_error_of_one_record_still_fails_that_record_alone(tmp_path: Path, code: int) -> None:
    source = write_input(tmp_path / "in")
    trap = tmp_path / "trap"
    trap.touch()
    report = Pipeline(stages=[Trapped(str(trap), code, "cause", at=7)]).run(
        [source], tmp_path / "out"
    )
    assert report["counts"]["failed"] == 1 and report["counts"]["written"] == 29
