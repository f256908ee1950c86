"""A run reading standard input resumes when the same bytes are piped again, and is refused,
saying why, when they differ: the spool's random path is no part of the run's identity."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline
from pipeline.io.readers import Reader
from pipeline.io.stdin import remove_spools, spool
from pipeline.run.plan import ResumeError, make_plan

LINES = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30))


def plan(data: bytes, out: Path, resume: bool) -> list[str]:
    path = spool(io.BytesIO(data))
    made = make_plan([path], out, Reader(), [Dedup()], {"inputs": ["-"]}, 64, resume)
    return [s.name for s in made.todo]


@settings(max_examples=30, deadline=None)
@given(texts=LINES, jsonl=st.booleans(), other=st.binary(min_size=1, max_size=8))
def test_the_same_bytes_resume_and_other_bytes_are_refused(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], jsonl: bool, other: bytes
) -> None:
    out = tmp_path_factory.mktemp("out")
    lines = [json.dumps({"text": t}) if jsonl else t for t in texts]
    data = "\n".join(lines).encode("utf-8") + b"\n"
    try:
        first = plan(data, out, resume=False)
        assert plan(data, out, resume=True) == first  # a new spool path, the same run
        with pytest.raises(ResumeError, match="standard input: other bytes"):
            plan(data + other, out, resume=True)
    finally:
        remove_spools()


def test_an_interrupted_stdin_run_resumes_with_the_same_bytes(tmp_path: Path) -> None:
    data = "".join(json.dumps({"id": f"r{i}", "text": f"line {i % 4}"}) + "\n" for i in range(40))
    out = tmp_path / "out"
    try:
        first = make_plan(
            [spool(io.BytesIO(data.encode()))], out, Reader(), [Dedup()], {}, 64, False
        )
        assert len(first.shards) > 1
        again = Pipeline(stages=[Dedup()]).run(
            [spool(io.BytesIO(data.encode()))], out, resume=True, shard_bytes=64
        )
        assert again["counts"]["read"] == 40
    finally:
        remove_spools()
