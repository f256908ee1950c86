"""Corpus-wide steps: observe → resolve → apply.

A step that needs the whole corpus before it can decide one record (linking, duplicates) is a
`CorpusStep`: a map, a reduce and a map, as in datatrove's and NeMo Curator's deduplication.

- `observer(shard)`: one per shard, on the worker that runs it, fed every record the pass writes;
  its `partial()` (JSON) is committed with the shard. It must stay small: sized by what the
  step remembers (distinct names, distinct texts), not by the records.
- `resolve(partials)`: once, in the main process, over the partials in shard order (read
  from their files as it goes, as many times as it needs: memory holds one at a time); the
  resolved state (JSON) is written atomically beside the shards (`pipeline.run.parts`).
- `applier(resolved, shard)`: an ordinary per-record `Stage`, built on each shard of the next
  pass. An applier that also has `observe` and `partial` is fed the records that pass writes,
  and `finish(partials)` makes the step's own output (the entity index) from them.

The protocol lives with the stages, so a step is written without the run machinery; the run
(`pipeline.run.passes`) cuts the stage list into passes around the steps.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeGuard

from pipeline.record import Record
from pipeline.stages.base import DEFAULT_BATCH_SIZE, NOT_A_SETTING, Stage

MEMORY = "<memory>"  # the shard name of records held in memory (`Pipeline.process`)


class Observer(Protocol):
    def observe(self, record: Record) -> None: ...

    def partial(self) -> dict[str, Any]: ...


@dataclass(eq=False)
class CorpusStep(Stage):
    """A stage that decides each record from the whole corpus: declare `observer`, `resolve`
    and `applier` (and `finish` if the step writes an output of its own). Used as a plain
    stage (`step(records)`), it runs the same three parts over the records it is given."""

    corpus_wide = True
    drops = False  # its applier may drop records: a step after it must observe a pass later
    # Not a setting of a step: it runs as passes, its applier in batches of this size.
    batch_size: int = field(default=DEFAULT_BATCH_SIZE, kw_only=True, metadata=NOT_A_SETTING)

    def observer(self, shard: str) -> Observer:
        raise NotImplementedError

    def resolve(self, partials: Iterable[dict[str, Any]]) -> dict[str, Any]:
        raise NotImplementedError

    def applier(self, resolved: dict[str, Any], shard: str) -> Stage:
        raise NotImplementedError

    def final_ids(
        self, resolved: dict[str, Any], final_id: Callable[[str, int], str | None]
    ) -> dict[str, Any]:
        """The resolved state with each record id it holds as the corpus will write it
        (`pipeline.run.ids`): `final_id(shard, position)` is the new id of the record at that
        position of the shard's first-pass corpus, or None if it keeps its id. Only a step
        observed in the first pass sees ids that may change; a step that keeps none has
        nothing to do."""
        return resolved

    def finish(self, partials: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """Make the step's own outputs from its applier's partials, in shard order: each
        output's file name → its rows, which a run writes beside the corpus (JSON Lines)."""
        return {}

    def process(self, batch: Sequence[Record]) -> None:  # pragma: no cover - see __call__
        raise TypeError(f"{self.name} is corpus-wide: it runs as passes, not batch by batch")

    def __call__(self, records: Iterable[Record | str | dict[str, Any]]) -> Iterator[Record]:
        held = [Record.of(r, n, type(self).__name__) for n, r in enumerate(records)]
        observer = self.observer(MEMORY)
        for record in held:
            if record.active:
                observer.observe(record)
        resolved = as_read(self.resolve([as_read(observer.partial())]))
        applier = self.applier(resolved, MEMORY)
        out = list(applier(held))
        if is_observer(applier):
            observing: Observer = applier
            for record in out:
                if record.active:
                    observing.observe(record)
            self.finish([as_read(observing.partial())])
        self.seconds += applier.seconds
        yield from out


class StepApplier(Stage):
    """A step's applier as a stage of the apply pass: named, declared and described as its
    step is, so run.json, timings and errors name the step."""

    def __init__(self, step: CorpusStep) -> None:
        super().__init__(batch_size=step.batch_size)
        self.name = step.name  # type: ignore[misc]
        self.reads, self.writes = step.reads, step.writes
        self.step = step

    def describe(self) -> dict[str, Any]:
        return self.step.describe()


def as_read(state: dict[str, Any]) -> dict[str, Any]:
    """`state` as a pass reads it from its file: through JSON, so memory and disk agree."""
    return dict(json.loads(json.dumps(state)))


def is_observer(stage: object) -> TypeGuard[Observer]:
    return callable(getattr(stage, "observe", None)) and callable(getattr(stage, "partial", None))
