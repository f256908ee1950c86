"""Corpus-wide steps as passes over the shards: observe → resolve → apply.

A step that needs the whole corpus before it can decide one record (linking, duplicates) is a
`CorpusStep`: a map, a reduce and a map, as in datatrove's and NeMo Curator's deduplication.

- `observer(shard)`: one per shard, on the worker that runs it, fed every record the pass writes;
  its `partial()` (JSON) is committed with the shard. It must stay small: sized by what the
  step remembers (distinct names, distinct texts), not by the records.
- `resolve(partials)`: once, in the main process, over the partials in shard order (read
  from their files as it goes, as many times as it needs: memory holds one at a time); the
  resolved state (JSON) is written atomically to `.parts/STEP.resolved.json`.
- `applier(resolved, shard)`: an ordinary per-record `Stage`, built on each shard of the next
  pass. An applier that also has `observe` and `partial` is fed the records that pass writes,
  and `finish(partials)` makes the step's own output (the entity index) from them.

`plan_passes` cuts the stage list into passes: the first runs the per-record stages up to the
first step and that step's observer; the next opens with its applier. A step observes in the
same pass as the step before it when nothing that step's applier writes is something it reads
(duplicates look at the text, linking writes entities: one observing pass, one applying pass).
Each pass commits its own shards (`.parts/` for the first, `.parts/pass-N/` after), so
`--resume` redoes only what no pass committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
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
        (`pipeline.ids`): `final_id(shard, position)` is the new id of the record at that
        position of the shard's first-pass corpus, or None if it keeps its id. Only a step
        observed in the first pass sees ids that may change; a step that keeps none has
        nothing to do."""
        return resolved

    def finish(self, partials: Iterable[dict[str, Any]]) -> None:
        """Make the step's own output from its applier's partials, in shard order."""

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


@dataclass
class Pass:
    """One pass over every shard: `stages` in order (a `CorpusStep` among them stands for its
    applier), then the steps in `observing` see each record the pass writes."""

    number: int
    stages: list[Stage] = field(default_factory=list)
    observing: list[CorpusStep] = field(default_factory=list)

    @property
    def applying(self) -> list[CorpusStep]:
        return [s for s in self.stages if isinstance(s, CorpusStep)]

    def folder(self, parts_dir: Path) -> Path:
        """Where this pass commits its shards."""
        return parts_dir if self.number == 1 else parts_dir / f"pass-{self.number}"


def plan_passes(stages: Sequence[Stage]) -> list[Pass]:
    """Cut `stages` into passes (see the module's docstring)."""
    passes = [Pass(1)]
    for stage in stages:
        current = passes[-1]
        if isinstance(stage, CorpusStep):
            if current.observing and any(depends(stage, on) for on in current.observing):
                current = next_pass(passes)
            current.observing.append(stage)
        else:
            if current.observing:  # it reads what the steps observed here will decide
                current = next_pass(passes)
            current.stages.append(stage)
    if passes[-1].observing:
        next_pass(passes)
    return passes


def next_pass(passes: list[Pass]) -> Pass:
    passes.append(Pass(len(passes) + 1, stages=list(passes[-1].observing)))
    return passes[-1]


def depends(later: Stage, earlier: CorpusStep) -> bool:
    """Whether `later` reads what `earlier`'s applier writes (or may find records gone)."""
    return earlier.drops or any(
        r == w or w.startswith(r + ".") or r.startswith(w + ".")
        for r in later.reads
        for w in earlier.writes
    )


def resolved_file(parts_dir: Path, step: CorpusStep) -> Path:
    return parts_dir / f"{step.name}.resolved.json"


def observed_file(step: CorpusStep) -> str:
    return f"{step.name}.observed.json"


def applied_file(step: CorpusStep) -> str:
    return f"{step.name}.applied.json"


def load_resolved(path: Path) -> dict[str, Any]:
    """A step's resolved state, read once per process and file version (the shards a worker
    runs share it; another run's file, even at the same path, is read again)."""
    stat = path.stat()
    return _load(path, (stat.st_ino, stat.st_size, stat.st_mtime_ns))


@cache
def _load(path: Path, version: tuple[int, int, int]) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Partials:
    """The partials named `name` of committed shards, in shard order, read from their files
    one at a time, as often as a step's `resolve` goes through them."""

    folders: Sequence[Path]
    name: str

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for folder in self.folders:
            yield dict(json.loads((folder / self.name).read_text(encoding="utf-8")))
