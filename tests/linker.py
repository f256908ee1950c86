"""`Linker`: linking in memory, for tests (the pipeline runs it as a corpus-wide step)."""

from __future__ import annotations

import json
from typing import Any

from pipeline.entities import KnownEntity
from pipeline.record import Record
from pipeline.stages.link.apply import LinkApplier
from pipeline.stages.link.index import entity_index
from pipeline.stages.link.observe import LinkObserver
from pipeline.stages.link.resolve import Resolution


class Linker:
    """Linking in memory, the protocol's three parts in one object: `observe` every record,
    `resolve`, `apply` to every record, then `index()`."""

    def __init__(self, known: dict[str, KnownEntity] | None = None) -> None:
        self.known = known or {}
        self._observer = LinkObserver()
        self._applier = LinkApplier({"links": {}, "local": {}, "mentions": {}, "entries": {}})

    def observe(self, record: Record) -> None:
        self._observer.observe(record)

    def resolve(self) -> None:
        resolved = Resolution([self._observer.partial()], self.known).to_dict()
        self._applier = LinkApplier(json.loads(json.dumps(resolved)))  # as the apply pass reads it

    def apply(self, record: Record) -> Record:
        self._applier.observe(self._applier.apply(record))
        return record

    def link_all(self, records: list[Record]) -> list[Record]:
        """The whole step over `records`: observe each, resolve, apply to each (in place)."""
        for record in records:
            self.observe(record)
        self.resolve()
        return [self.apply(record) for record in records]

    def index(self) -> list[dict[str, Any]]:
        return entity_index([self._applier.partial()])
