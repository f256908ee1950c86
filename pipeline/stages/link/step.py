"""Entity linking: the corpus-wide step that gives every mention its canonical entity.

Three parts (`pipeline.stages.corpus_step`): a `LinkObserver` per shard counts the names (the first
pass), `resolve` decides every link once (`resolve.Resolution`), and a `LinkApplier` per
shard sets them on the records of the next pass and counts them for `entities.jsonl`
(`finish`). Used as a plain stage (`Pipeline.process`, `Link()(records)`), the same three
parts run over the records it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.entities import known_names
from pipeline.io.writers import ENTITIES
from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.base import LIVE, Stage
from pipeline.stages.corpus_step import CorpusStep, StepApplier
from pipeline.stages.link.apply import LinkApplier
from pipeline.stages.link.index import entity_index
from pipeline.stages.link.observe import LinkObserver
from pipeline.stages.link.resolve import Resolution
from pipeline.stages.settings import check_kb


@dataclass(eq=False)
class Link(CorpusStep):
    """Sets `canonical`, `entity_id`, `wikidata` and a corpus-wide `label` on every mention;
    `index()` is the corpus's entity index once it has run."""

    name = "link"
    reads = ("entities",)
    writes = ("entities.canonical", "entities.entity_id", "entities.label")

    kb: str | None = None
    rules: Rules = field(default_factory=Rules.default)
    _index: list[dict[str, Any]] = field(default_factory=list, init=False, metadata=LIVE)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.kb = str(self.kb) if self.kb else None

    def check(self) -> None:
        check_kb(self.kb)

    def setting_files(self) -> list[Path]:
        return [Path(self.kb)] if self.kb is not None else []

    def config(self) -> dict[str, Any]:
        return {**super().config(), "rules": self.rules.config()}

    def observer(self, shard: str) -> Observing:
        return Observing(LinkObserver(), self.rules)

    def resolve(self, partials: Iterable[dict[str, Any]]) -> dict[str, Any]:
        with using(self.rules):
            return Resolution(partials, known_names(self.kb)).to_dict()

    def applier(self, resolved: dict[str, Any], shard: str) -> Stage:
        return Applying(self, LinkApplier(resolved))

    def finish(self, partials: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        """The entity index, from the counts each shard's applier kept."""
        self._index = entity_index(partials)
        return {ENTITIES: self._index}

    def index(self) -> list[dict[str, Any]]:
        """The canonical entities of the corpus last linked, as in `entities.jsonl`."""
        return self._index


class Applying(StepApplier):
    """A `LinkApplier` as a stage of the apply pass."""

    def __init__(self, step: Link, applier: LinkApplier) -> None:
        super().__init__(step)
        self.linker = applier
        self.rules = step.rules  # the step's, not the process's (`rules.active`)

    def process(self, batch: Sequence[Record]) -> None:
        with using(self.rules):
            for record in batch:
                self.linker.apply(record)

    def observe(self, record: Record) -> None:
        with using(self.rules):
            self.linker.observe(record)

    def partial(self) -> dict[str, Any]:
        with using(self.rules):
            return self.linker.partial()


class Observing:
    """A shard's `LinkObserver` reading its step's rules, not the process's (`rules.active`):
    the first pass decides with the rules `resolve` and the applier use."""

    def __init__(self, observer: LinkObserver, rules: Rules) -> None:
        self.observer = observer
        self.rules = rules

    def observe(self, record: Record) -> None:
        with using(self.rules):
            self.observer.observe(record)

    def partial(self) -> dict[str, Any]:
        with using(self.rules):
            return self.observer.partial()
