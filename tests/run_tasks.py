"""What the executor runs on a shard, built from a `Pipeline` so that a test can call it alone
(in this process, from another folder, after pickling)."""

from __future__ import annotations

from pathlib import Path

from pipeline import Pipeline
from pipeline.run.parts import Parts
from pipeline.run.shard_task import ShardTask


def first_pass_task(pipe: Pipeline, parts: Path) -> ShardTask:
    """The first pass's task, committing its shards in the parts folder `parts`."""
    return ShardTask.of(pipe.reader, pipe.passes[0], Parts(parts).resolve(), pipe.stages)
