"""Corpus-wide steps (`pipeline.stages.corpus_step.CorpusStep`) run as passes over the shards.

`plan_passes` cuts the stage list into passes: the first runs the per-record stages up to the
first step and that step's observer; the next opens with its applier. A step observes in the
same pass as the step before it when nothing that step's applier writes is something it reads
(duplicates look at the text, linking writes entities: one observing pass, one applying pass).
Each pass commits its own shards (`pipeline.run.parts.Parts.pass_folder`), so `--resume` redoes
only what no pass committed. A step's resolved state is read once per process (`load_resolved`),
its partials one shard at a time (`Partials`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.stages.base import Stage
from pipeline.stages.corpus_step import CorpusStep


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
