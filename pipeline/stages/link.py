"""Entity linking as a stage, for library use on records held in memory.

Linking needs the whole corpus before it can decide the first record, so this stage holds
the records it is given until the stream ends; `Pipeline.run` instead links while joining
its shards from disk, with memory bounded by the number of distinct names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.entities import known_names
from pipeline.link import Linker
from pipeline.record import Record
from pipeline.stages.base import Stage


class Link(Stage):
    """Sets `canonical`, `entity_id` and a corpus-wide `label` on every entity mention."""

    name = "link"
    reads = ("entities", "doc_id")
    writes = ("entities.canonical", "entities.entity_id", "entities.label")

    def __init__(self, kb: str | Path | None = None) -> None:
        super().__init__()
        self.kb = str(kb) if kb else None
        self.linker = Linker()

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        self.linker = Linker(known_names(self.kb))  # each call links its own corpus
        held = list(records)
        active = [r for r in held if r.active]
        for record in active:
            self.linker.observe(record.to_dict())
        self.linker.resolve()
        for record in active:
            linked = self.linker.apply(record.to_dict())
            for entity, data in zip(record.entities, linked["entities"], strict=True):
                entity.canonical, entity.entity_id, entity.label = (
                    data["canonical"],
                    data["entity_id"],
                    data["label"],
                )
        yield from held

    def index(self) -> list[dict[str, Any]]:
        """The canonical entities seen, as in `entities.jsonl`."""
        return self.linker.index()
