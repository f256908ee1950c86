"""A shard names its files by absolute path: a worker in another working directory (a Dask
worker's is its own) reads the file the run was given, never another of the same name."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from pipeline import Dedup, Pipeline
from tests.run_tasks import first_pass_task


@pytest.mark.parametrize("given", ["in.jsonl", "./in.jsonl", "sub/../in.jsonl", "."])
def test_a_shard_task_run_from_another_folder_reads_the_given_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    here, elsewhere = tmp_path / "here", tmp_path / "elsewhere"
    for folder, word in ((here, "given"), (elsewhere, "decoy")):
        (folder / "sub").mkdir(parents=True)
        (folder / "in.jsonl").write_text(json.dumps({"text": f"the {word} text"}) + "\n")
    monkeypatch.chdir(here)
    pipe = Pipeline(stages=[Dedup()])
    plan = pipe.plan([given], tmp_path / "out", {})
    for shard in plan.shards:
        for part in shard.parts:
            assert part.file.path.is_absolute()
    task = pickle.loads(pickle.dumps(first_pass_task(pipe, plan.parts.root)))
    shard = pickle.loads(pickle.dumps(plan.shards[0]))
    monkeypatch.chdir(elsewhere)  # as a worker with its own working directory
    task(shard)
    corpus = (plan.parts.shard(1, shard.name) / "corpus.jsonl").read_text()
    assert "the given text" in corpus and "decoy" not in corpus
    assert os.getcwd() == str(elsewhere)
