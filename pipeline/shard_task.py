"""One shard in, its outputs committed: the unit of work every executor runs, in every pass.

A `ShardTask` holds what a worker needs for one pass (`pipeline.passes`): where the records
come from (the input, through the reader, in the first pass; the shard as the pass before
committed it, after), the stages (a corpus-wide step among them is applied: its applier is
built on each shard from its resolved state), the steps observing the records written, and
the parts folder. Nothing of the `Pipeline` that made it, so executors depend on this small
callable, not on the pipeline class. It pickles as constructed (`Stage.__getstate__`): a
worker sets its own engines up.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.accounting import Accounting
from pipeline.app.progress import Report, Reporter
from pipeline.ids import IDS_RESOLVED, FinalIds
from pipeline.io.readers import Reader
from pipeline.io.writers import CORPUS, MARKER, ShardWriter, commit, corpus_bytes, records_of
from pipeline.passes import (
    CorpusStep,
    Observer,
    Pass,
    applied_file,
    is_observer,
    load_resolved,
    observed_file,
    resolved_file,
)
from pipeline.record import Location, Record
from pipeline.shards import Shard
from pipeline.stages.base import Stage, chain


@dataclass
class ShardTask:
    reader: Reader
    stages: list[Stage]  # this pass's; a corpus-wide step stands for its applier
    parts_dir: Path
    number: int = 1  # the pass
    observing: list[CorpusStep] = field(default_factory=list)
    tallying: list[Stage] | None = None  # whose groups a record written is counted in

    @classmethod
    def of(cls, reader: Reader, step: Pass, parts_dir: Path, tallying: list[Stage]) -> ShardTask:
        return cls(reader, step.stages, parts_dir, step.number, step.observing, tallying)

    @property
    def folder(self) -> Path:
        return Pass(self.number).folder(self.parts_dir)

    def __call__(self, shard: Shard, report: Report | None = None) -> None:
        """Process one shard into a private `NAME.tmp-*` folder of this pass, then commit it
        as `NAME/`. Two attempts at one shard (a retried task, a straggler) never share a
        folder, and the second commit is dropped: shards are deterministic. Once a later pass
        has committed a shard, the corpus the pass before wrote for it is removed: the run's
        disk use stays about the corpus's size, whatever the number of passes."""
        if (self.folder / shard.name / MARKER).exists():
            return  # another attempt committed it (and may have removed what it read)
        tmp = self.folder / f"{shard.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        stages = [self._built(stage, shard) for stage in self.stages]
        tallying = self.tallying if self.tallying is not None else stages
        accounting = Accounting.of(tallying)
        before = {id(stage): stage.seconds for stage in stages}
        observers: list[tuple[str, Observer]] = [
            (observed_file(step), step.observer(shard.name)) for step in self.observing
        ] + [
            (applied_file(step), built)
            for step, built in zip(self.stages, stages, strict=True)
            if isinstance(step, CorpusStep) and is_observer(built)
        ]
        with ShardWriter(tmp) as writer:

            def warn(entry: dict[str, Any]) -> None:
                accounting.count_warning(entry)
                writer.warn(entry)

            reporter = Reporter(shard.name, report)
            read = map(accounting.count_read, self._records(shard, warn))
            for record in chain(stages, read):
                accounting.count_out(record, tallying)
                writer.write(record)
                if record.active:
                    for _, observer in observers:
                        observer.observe(record)
                reporter.count()
            for name, observer in observers:
                (tmp / name).write_text(json.dumps(observer.partial()), encoding="utf-8")
        accounting.check()
        marker = {
            "plan": shard.plan,
            "pass": self.number,
            "counts": accounting.state(),
            "seconds": {
                stage.name: round(stage.seconds - before[id(stage)], 3) for stage in stages
            },
            "stages": {stage.name: stage.describe() for stage in stages},
        }
        commit(tmp, self.folder / shard.name, marker)
        if self.number > 1:
            (Pass(self.number - 1).folder(self.parts_dir) / shard.name / CORPUS).unlink(
                missing_ok=True
            )

    def _records(self, shard: Shard, warn: Any) -> Iterator[Record]:
        """The first pass reads the input; the others, the shard the pass before committed
        (its corpus: failed and dropped records are done with)."""
        if self.number == 1:
            yield from self.reader.read_shard(shard, warn)
            return
        before = Pass(self.number - 1).folder(self.parts_dir) / shard.name
        renamed = self._renamed(shard) if self.number == 2 else {}
        byte = corpus_bytes(before)  # (the corpus keeps the line; the byte is kept beside it)
        for position, record in enumerate(records_of([before])):
            record.location = Location(record.source, record.meta.get("line"), byte(position))
            record.id = renamed.get(str(position), record.id)
            yield record

    def _renamed(self, shard: Shard) -> dict[str, str]:
        """The records of `shard` whose id the corpus renames (`pipeline.ids`): the second pass
        gives them their final id before any step sees them. (A document another file gave
        first is renamed at the merge: inside the run a document is its doc_id within its
        source, and a step keyed by it, as linking, finds it as it observed it.)"""
        path = self.parts_dir / IDS_RESOLVED
        return FinalIds(load_resolved(path)).in_shard(shard.name) if path.exists() else {}

    def _built(self, stage: Stage, shard: Shard) -> Stage:
        if isinstance(stage, CorpusStep):
            return stage.applier(load_resolved(resolved_file(self.parts_dir, stage)), shard.name)
        return stage

    @property
    def started(self) -> bool:
        """Whether a stage has engines live in this process (a fork would share them)."""
        return any(stage.started for stage in self.stages)

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()
