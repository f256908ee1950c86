"""What `Pipeline` does for a library user as for the command line: checks every stage's
settings when it is built (`Stage.check`), writes run.log with the run's outputs, and returns
what the run tells (`RunResult`), with the warnings of that run only."""

from __future__ import annotations

import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.io.writers import RUN_LOG
from pipeline.record import Record
from pipeline.run.summary import RunResult
from pipeline.stages.base import LIVE, NOT_A_SETTING, SettingError, Stage

logger = logging.getLogger("pipeline.tests")


@dataclass(eq=False)
class Warns(Stage):
    """Logs one warning per batch; `fail_check` makes its settings refused."""

    name = "warns"
    reads = ("text",)
    word: str = "careful"
    fail_check: bool = False
    remember: int = field(default=10, metadata=NOT_A_SETTING)
    engine: object = field(default=None, init=False, metadata=LIVE)

    def check(self) -> None:
        if self.fail_check:
            raise SettingError(f"--word {self.word!r} cannot work here")

    def setup(self) -> None:
        self.engine = object()

    def process(self, batch: Sequence[Record]) -> None:
        logger.warning("%s: %d records", self.word, len(batch))


def inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("A sentence about the weather today.\n", encoding="utf-8")
    return src


def test_a_library_run_writes_run_log_and_returns_what_it_tells(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = Pipeline(stages=[Warns()], command=["mine", "--x"]).run([inputs(tmp_path)], out)
    assert isinstance(result, RunResult) and result["counts"]["read"] == 1  # run.json's content
    log = (out / RUN_LOG).read_text(encoding="utf-8").splitlines()
    assert log[0] == "mine --x"
    assert log[1] == "warning: careful: 1 records"  # the run's warnings, then what it tells
    assert log[2].startswith("read 1, written 1, dropped 0, failed 0 in ")
    assert log[2:] == result.logged() and result.problem is None
    assert result.shown(quiet=True) == []
    assert not any(type(h).__name__ == "Warnings" for h in logging.getLogger("pipeline").handlers)


def test_each_run_logs_its_own_warnings_only(tmp_path: Path) -> None:
    src = inputs(tmp_path)
    Pipeline(stages=[Warns("first")]).run([src], tmp_path / "one")
    Pipeline(stages=[Warns("second")]).run([src], tmp_path / "two")
    log = (tmp_path / "two" / RUN_LOG).read_text(encoding="utf-8")
    assert "second" in log and "first" not in log


def test_strict_makes_a_failed_record_the_runs_problem(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Fine."}\n{"id": "b", "text": 17}\n', encoding="utf-8")
    result = Pipeline(stages=[], strict=True).run([src], tmp_path / "out")
    assert result.problem is not None and result.problem.startswith("error: --strict: 1 record")
    assert result.problem in (tmp_path / "out" / RUN_LOG).read_text(encoding="utf-8")


def test_settings_are_checked_once_when_the_pipeline_is_built() -> None:
    with pytest.raises(SettingError, match="--word 'x' cannot work here"):
        Pipeline(stages=[Warns("x", fail_check=True)])


def test_config_pickling_and_defaults_derive_from_the_fields() -> None:
    stage = Warns("w")
    assert stage.config() == {"word": "w", "fail_check": False, "batch_size": 256}
    list(stage(["One text."]))
    assert stage.engine is not None and stage.started
    again = pickle.loads(pickle.dumps(stage))  # as constructed: nothing live goes along
    assert again.engine is None and not again.started and again.config() == stage.config()
