"""Progress moves with the records written, not once per shard, in this process and from
worker processes; a committed shard's count is its exact count."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.io.discover import discover
from pipeline.run.progress import Progress
from pipeline.shards import plan_shards
from tests.conftest import ROOT
from tests.run_tasks import first_pass_task


def corpus(tmp_path: Path, records: int = 400) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": f"Sentence number {i}."}) + "\n" for i in range(records)
        )
    )
    return path


def test_a_shard_reports_its_records_as_they_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipeline.run.progress.REPORT_EVERY", 0.0)
    (shard,) = plan_shards(discover([corpus(tmp_path, 300)]).files)  # 13 kB: one shard
    calls: list[tuple[str, int]] = []
    (tmp_path / "parts").mkdir()
    first_pass_task(Pipeline(stages=[]), tmp_path / "parts")(
        shard, lambda name, n: calls.append((name, n))
    )
    assert [n for _, n in calls] == list(range(1, 301)) and {name for name, _ in calls} == {
        shard.name
    }


COUNT_REPORTS = """
import sys
import pipeline.run.progress
pipeline.run.progress.REPORT_EVERY = 0.0  # forked workers inherit it
from pipeline import Pipeline
from pipeline.executors.local import LocalExecutor, start_method
seen = []
real = pipeline.run.progress.Progress.report
def watched(self, shard, records):
    real(self, shard, records)
    seen.append(self.records)
pipeline.run.progress.Progress.report = watched
pipe = Pipeline(stages=[], executor=LocalExecutor(int(sys.argv[3])))
from pathlib import Path
from tests.run_tasks import first_pass_task
method = start_method(first_pass_task(pipe, Path(sys.argv[2])))
report = pipe.run([sys.argv[1]], sys.argv[2], shard_bytes=4096)
print(method, len(seen), max(seen), report["counts"]["read"])
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_counts_reach_the_main_process(tmp_path: Path, workers: int) -> None:
    """In a fresh process (as the CLI runs: workers forked, so they report as patched here)."""
    done = subprocess.run(
        [sys.executable, "-c", COUNT_REPORTS, str(corpus(tmp_path)), str(tmp_path / "out"), str(workers)],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    method, reports, highest, read = done.stdout.split()
    assert method == "fork" and read == "400"
    assert int(reports) >= 400 and int(highest) <= 400  # every record reported, none twice


def test_the_log_line_says_records_and_share_and_the_last_one_is_exact() -> None:
    stream = io.StringIO()
    progress = Progress(total_bytes=1000, shards=2, stream=stream)
    progress.report("a", 10)
    progress.report("a", 5)  # late, out of order: never counts backwards
    assert progress.records == 10
    progress.advance(500, 12, "a")
    progress.advance(500, 30, "b")
    last = stream.getvalue().splitlines()[-1]
    assert "100% shards 2/2  records 42 " in last


def test_before_any_shard_is_done_the_eta_is_unknown_not_nan() -> None:
    stream = io.StringIO()
    progress = Progress(total_bytes=1000, shards=2, stream=stream)
    assert progress.line(progress.started + 6).endswith("ETA ?")
