"""Run shards one after another in this process (the reference executor)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.io.readers import Shard

if TYPE_CHECKING:
    from pipeline.pipeline import Pipeline


class LocalExecutor:
    name = "local"

    def run(self, pipeline: Pipeline, shards: Sequence[Shard], parts_dir: Path) -> None:
        for shard in shards:
            pipeline.run_shard(shard, parts_dir)
