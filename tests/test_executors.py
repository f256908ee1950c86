"""Executors: worker processes and Dask (local cluster and a separately started scheduler and
worker, all on 127.0.0.1) give byte-identical outputs to a single process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.executors.dask import DaskExecutor
from pipeline.executors.local import LocalExecutor, start_method
from pipeline.run.pipeline import default_stages
from tests.conftest import RAW, ROOT
from tests.run_tasks import first_pass_task

DOCUMENTS = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    for f in sorted(RAW.iterdir()):
        for i in range(DOCUMENTS // 2):
            (root / f"{f.stem}_{i}{f.suffix}").write_bytes(f.read_bytes())
    return root


def run(corpus: Path, out: Path, executor: object) -> bytes:
    Pipeline(stages=default_stages(cache=None), executor=executor).run([corpus], out, shard_bytes=1)
    return b"".join(
        (out / name).read_bytes() for name in ("corpus.jsonl", "entities.jsonl", "dropped.jsonl")
    )


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return run(corpus, tmp_path_factory.mktemp("single"), LocalExecutor(1))


def test_worker_processes_match_one_process(corpus: Path, single: bytes, tmp_path: Path) -> None:
    assert run(corpus, tmp_path, LocalExecutor(2)) == single
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["executor"] == {"executor": "local", "workers": 2}
    assert report["shards"]["total"] == DOCUMENTS


def test_dask_local_cluster_matches_one_process(
    corpus: Path, single: bytes, tmp_path: Path
) -> None:
    assert run(corpus, tmp_path, DaskExecutor(workers=2)) == single


def test_separately_started_scheduler_and_worker(
    corpus: Path, single: bytes, tmp_path: Path
) -> None:
    bin_dir = Path(sys.executable).parent
    scheduler_file = tmp_path / "scheduler.json"
    loopback = ["--dashboard-address", "127.0.0.1:0"]
    scheduler = subprocess.Popen(
        [str(bin_dir / "dask"), "scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", str(scheduler_file), *loopback],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        worker = subprocess.Popen(
            [str(bin_dir / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1", *loopback],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        assert run(corpus, tmp_path / "out", DaskExecutor(scheduler=address)) == single
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_a_pipeline_used_here_first_still_runs_in_workers(
    corpus: Path, single: bytes, tmp_path: Path
) -> None:
    """Stages set up in this process (a live fastText model, an Apertium process) go to the
    workers as constructed: they used to fail to pickle. Workers are spawned then, not forked
    (a fork would share the Apertium pipe); a fresh pipeline's workers are forked."""
    fresh = "from pipeline import Pipeline; from pipeline.executors.local import start_method; from pathlib import Path; from tests.run_tasks import first_pass_task; print(start_method(first_pass_task(Pipeline(), Path('.'))))"
    assert (
        subprocess.run(
            [sys.executable, "-c", fresh], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout.strip()
        == "fork"
    )
    pipe = Pipeline(stages=default_stages(cache=None), executor=LocalExecutor(2))
    [record] = pipe.process(["Peter Bogdanovich demanda à Cher de boycotter la promotion."])
    assert record.translation is not None
    assert start_method(first_pass_task(pipe, tmp_path)) == "spawn"
    pipe.run([corpus], tmp_path, shard_bytes=1)
    assert (
        b"".join(
            (tmp_path / n).read_bytes() for n in ("corpus.jsonl", "entities.jsonl", "dropped.jsonl")
        )
        == single
    )
