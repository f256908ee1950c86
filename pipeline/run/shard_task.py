"""One shard in, its outputs committed: the unit of work every executor runs, in every pass.

A `ShardTask` holds what a worker needs for one pass (`pipeline.run.passes`): where the records
come from (the input, through the reader, in the first pass; the shard as the pass before
committed it, after), the stages (a corpus-wide step among them is applied: its applier is
built on each shard from its resolved state), the steps observing the records written, and
the parts folder (`pipeline.run.parts`). Nothing of the `Pipeline` that made it, so executors
depend on this small callable, not on the pipeline class. It pickles as constructed
(`Stage.__getstate__`): a worker sets its own engines up.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pipeline.io.readers import Reader
from pipeline.io.writers import CORPUS, MARKER, ShardWriter, commit, corpus_bytes, records_of
from pipeline.record import Location, Record
from pipeline.run.accounting import Accounting
from pipeline.run.ids import FinalIds
from pipeline.run.parts import Parts, applied, observed
from pipeline.run.passes import Pass, load_resolved
from pipeline.run.progress import Report, Reporter
from pipeline.shards import Shard
from pipeline.stages.base import Stage, chain
from pipeline.stages.corpus_step import CorpusStep, Observer, is_observer


@dataclass
class ShardTask:
    reader: Reader
    stages: list[Stage]  # this pass's; a corpus-wide step stands for its applier
    parts: Parts
    number: int = 1  # the pass
    observing: list[CorpusStep] = field(default_factory=list)
    tallying: list[Stage] | None = None  # whose groups a record written is counted in

    @classmethod
    def of(cls, reader: Reader, step: Pass, parts: Parts, tallying: list[Stage]) -> ShardTask:
        return cls(reader, step.stages, parts, step.number, step.observing, tallying)

    def __call__(self, shard: Shard, report: Report | None = None) -> None:
        """Process one shard into a private folder of this pass (`Parts.attempt`), then commit
        it as the shard's folder. Two attempts at one shard (a retried task, a straggler) never
        share a folder, and the second commit is dropped: shards are deterministic. Once a
        later pass has committed a shard, the corpus the pass before wrote for it is removed:
        the run's disk use stays about the corpus's size, whatever the number of passes."""
        if (self.parts.shard(self.number, shard.name) / MARKER).exists():
            return  # another attempt committed it (and may have removed what it read)
        tmp = self.parts.attempt(self.number, shard.name)
        stages = [self._built(stage, shard) for stage in self.stages]
        tallying = self.tallying if self.tallying is not None else stages
        accounting = Accounting.of(tallying)
        before = {id(stage): stage.seconds for stage in stages}
        observers: list[tuple[str, Observer]] = [
            (observed(step.name), step.observer(shard.name)) for step in self.observing
        ] + [
            (applied(step.name), built)
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
        commit(tmp, self.parts.shard(self.number, shard.name), marker)
        if self.number > 1:
            (self.parts.shard(self.number - 1, shard.name) / CORPUS).unlink(missing_ok=True)

    def _records(self, shard: Shard, warn: Any) -> Iterator[Record]:
        """The first pass reads the input; the others, the shard the pass before committed
        (its corpus: failed and dropped records are done with)."""
        if self.number == 1:
            yield from self.reader.read_shard(shard, warn)
            return
        before = self.parts.shard(self.number - 1, shard.name)
        renamed = self._renamed(shard) if self.number == 2 else {}
        byte = corpus_bytes(before)  # (the corpus keeps the line; the byte is kept beside it)
        for position, record in enumerate(records_of([before])):
            record.location = Location(record.source, record.meta.get("line"), byte(position))
            record.id = renamed.get(str(position), record.id)
            yield record

    def _renamed(self, shard: Shard) -> dict[str, str]:
        """The records of `shard` whose id the corpus renames (`pipeline.run.ids`): the second pass
        gives them their final id before any step sees them. (A document another file gave
        first is renamed at the merge: inside the run a document is its doc_id within its
        source, and a step keyed by it, as linking, finds it as it observed it.)"""
        path = self.parts.ids
        return FinalIds(load_resolved(path)).in_shard(shard.name) if path.exists() else {}

    def _built(self, stage: Stage, shard: Shard) -> Stage:
        if isinstance(stage, CorpusStep):
            return stage.applier(load_resolved(self.parts.resolved(stage.name)), shard.name)
        return stage

    @property
    def started(self) -> bool:
        """Whether a stage has engines live in this process (a fork would share them)."""
        return any(stage.started for stage in self.stages)

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()
