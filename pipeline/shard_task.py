"""One shard in, its outputs committed: the unit of work every executor runs.

A `ShardTask` holds what a worker needs (the reader, the per-record stages, the parts
folder) and nothing of the `Pipeline` that made it, so executors depend on this small
callable, not on the pipeline class. It pickles as constructed (`Stage.__getstate__`): a
worker sets its own engines up.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.accounting import Accounting
from pipeline.io.readers import Reader, Shard
from pipeline.io.writers import ShardWriter, commit
from pipeline.progress import Report, Reporter
from pipeline.stages.base import Stage, chain


@dataclass
class ShardTask:
    reader: Reader
    stages: list[Stage]  # per-record stages only: a corpus-wide one runs when shards are joined
    parts_dir: Path

    def __call__(self, shard: Shard, report: Report | None = None) -> None:
        """Process one shard into a private `parts_dir/NAME.tmp-*` folder, then commit it as
        `parts_dir/NAME/`. Two attempts at one shard (a retried task, a straggler) never share
        a folder, and the second commit is dropped: shards are deterministic."""
        tmp = self.parts_dir / f"{shard.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        accounting = Accounting.of(self.stages)
        before = {stage.name: stage.seconds for stage in self.stages}
        with ShardWriter(tmp) as writer:

            def warn(entry: dict[str, Any]) -> None:
                accounting.count_warning(entry)
                writer.warn(entry)

            reporter = Reporter(shard.name, report)
            read = map(accounting.count_read, self.reader.read_shard(shard, warn))
            for record in chain(self.stages, read):
                accounting.count_out(record, self.stages)
                writer.write(record)
                reporter.count()
        accounting.check()
        marker = {
            "plan": shard.plan,
            "counts": accounting.state(),
            "seconds": {
                stage.name: round(stage.seconds - before[stage.name], 3) for stage in self.stages
            },
            "stages": {stage.name: stage.describe() for stage in self.stages},
        }
        commit(tmp, self.parts_dir / shard.name, marker)

    @property
    def started(self) -> bool:
        """Whether a stage has engines live in this process (a fork would share them)."""
        return any(stage.started for stage in self.stages)

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()
