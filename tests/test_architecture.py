"""The data model and the stage contract (#12): one `Record` end to end, counts measured where
they are final, stages checked when a pipeline is built, settings from the stages."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline import Detect, Extract, Link, Pipeline, Record, Translate
from pipeline.errors import MESSAGES, Code, Warn
from pipeline.packages import debian_packages, python_packages, versions
from pipeline.resources import models_dir
from pipeline.run.contract import ContractError
from pipeline.run.pipeline import ResumeError, default_stages
from pipeline.stages.base import Stage
from tests.conftest import ROOT
from tests.test_hostile_world import StopAfter, jsonl


def test_run_json_counts_entities_as_linking_labelled_them(seed_run: Path) -> None:
    """run.json used to count labels before linking relabelled them (PERSON 51 in run.json,
    63 in corpus.jsonl on the samples)."""
    written: Counter[str] = Counter()
    for line in (seed_run / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        for entity in json.loads(line)["entities"]:
            written[f"{entity['field']}:{entity['label']}"] += 1
    counts = json.loads((seed_run / "run.json").read_text(encoding="utf-8"))["counts"]
    assert written and counts["entities"] == dict(sorted(written.items()))


def test_a_corpus_line_is_a_record(seed_run: Path) -> None:
    """Linking, merging and the report read the corpus back as `Record`s: the round trip
    must give every written line back, byte for byte."""
    lines = (seed_run / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(Record.from_dict(json.loads(line)).to_json() == line for line in lines)


@pytest.mark.parametrize(
    ("stages", "says"),
    [
        ([Detect(), Translate(cache=None)], "Translate (translate) reads 'entities'"),
        ([Detect(), Translate(cache=None)], "put Extract before it"),
        ([Extract(fields=["text"])], "reads 'lang', which no stage before it writes"),
        ([Detect(), Extract(fields=["translation"])], "put Translate before it"),
        ([Link()], "reads 'entities'"),
        ([Detect(), Detect()], "has the name of stage 1"),
    ],
)
def test_a_missing_prerequisite_fails_when_the_pipeline_is_built(
    stages: list[Any], says: str
) -> None:
    with pytest.raises(ContractError, match=says.replace("(", r"\(").replace(")", r"\)")):
        Pipeline(stages=stages)


def test_what_the_input_carries_can_be_declared() -> None:
    Pipeline(stages=[Extract(fields=["text"])], given=("lang",))
    Pipeline(stages=[Detect(), Translate(cache=None, protect_entities=False)])
    Pipeline(stages=default_stages(cache=None))
    Pipeline(stages=[])


def test_resume_refuses_a_changed_stage_setting(tmp_path: Path) -> None:
    """The resume check compares every stage's `config()`: a library user who changes a
    setting between the interrupted run and `--resume` is stopped, not given a mixed corpus.
    (It compared a settings dict the CLI copied by hand.)"""
    data = jsonl(tmp_path / "data.jsonl", [f"Line number {i} of the input." for i in range(40)])
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        Pipeline(stages=[Detect(threshold=0.5)], executor=StopAfter(1)).run(
            [data], out, shard_bytes=200
        )
    with pytest.raises(ResumeError, match="differ from the interrupted run"):
        Pipeline(stages=[Detect(threshold=0.7)]).run([data], out, resume=True, shard_bytes=200)
    report = Pipeline(stages=[Detect(threshold=0.5)]).run([data], out, resume=True, shard_bytes=200)
    assert report["shards"]["resumed"] == 1
    assert report["stages"]["detect"]["threshold"] == 0.5


def test_stage_counters_add_up_over_shards(tmp_path: Path) -> None:
    data = jsonl(
        tmp_path / "data.jsonl", [f"This is line number {i} of the input." for i in range(60)]
    )
    report = Pipeline(stages=[Detect()]).run([data], tmp_path / "out", shard_bytes=200)
    assert report["shards"]["total"] > 1
    assert report["counts"]["by_language"] == {"en": 60}
    assert "translated" not in report["counts"]  # no Translate stage, no translation counts


def test_executors_receive_a_task_not_the_pipeline(tmp_path: Path) -> None:
    seen: list[Any] = []

    class Recording(StopAfter):
        def run(self, work: Any, shards: Any, on_done: Any = None, report: Any = None) -> None:
            seen.append(work)
            for shard in shards:
                work(shard)
                on_done(shard)

    data = jsonl(tmp_path / "data.jsonl", ["One line."])
    Pipeline(stages=[Detect()], executor=Recording(0)).run([data], tmp_path / "out")
    (work,) = seen
    assert not isinstance(work, Pipeline) and callable(work)
    assert [type(s).__name__ for s in work.stages] == ["Detect"]


def test_package_lists_have_one_source() -> None:
    """Debian packages: models/apt-packages.txt (the install script reads it too); Python
    packages: pyproject.toml as installed; run.json's versions name every one of those."""
    assert debian_packages()[0] == "apertium" and "apertium-fr-es" in debian_packages()
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    assert "models/apt-packages.txt" in script and models_dir() == ROOT / "models"
    declared = python_packages()
    assert {"spacy", "langdetect", "deep-translator", "typer"} <= set(declared)
    assert all(versions()[name] for name in declared)


def test_every_code_has_one_message_template() -> None:
    assert set(MESSAGES) == set(Code) | set(Warn)
    assert Code.TOO_LONG.message(size="12 characters", limit=10) == (
        "text too long: 12 characters, over the limit of 10 (--max-chars)"
    )
    assert Warn.DUPLICATE_ID.entry("f.jsonl", 3, None, "a~2", original="a", renamed="a~2") == {
        "source": "f.jsonl", "line": 3, "byte": None, "code": "W002", "id": "a~2",
        "message": "duplicate id 'a' renamed to 'a~2'",
    }  # fmt: skip


def test_parquet_without_pyarrow_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing optional package is its own code (it was E006, 'unsupported file type')."""
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["Hello there."]}), tmp_path / "in.parquet")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if not installed
    report = Pipeline(stages=[]).run([tmp_path / "in.parquet"], tmp_path / "out")
    assert report["counts"]["failed_by_stage"] == {"read:E011": 1}
    (error,) = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").open()]
    assert "needs pyarrow: install the 'parquet' extra" in error["message"]


def test_a_corpus_wide_stage_that_does_not_say_how_to_run_as_passes_is_refused() -> None:
    """A stage declaring `corpus_wide` runs as passes: it must be a `CorpusStep` (observer,
    resolve, applier), else `run` would not know how to split it."""

    class Dedupe(Stage):
        name = "dedupe"
        corpus_wide = True

    with pytest.raises(ContractError, match=r"subclass pipeline\.CorpusStep"):
        Pipeline(stages=[Detect(), Dedupe()])


def test_every_subpackage_is_in_the_wheel() -> None:
    """pyproject lists packages explicitly: a new folder of modules must be listed, or an
    installed wheel cannot import it (io/readers was missing)."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "pipeline").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
