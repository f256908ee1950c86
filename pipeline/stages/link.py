"""Entity linking: the one stage that needs the whole corpus before it can decide a record.

Linking is two passes (`pipeline.link`): observe every record, resolve, then apply to every
record. `Link.linker(records)` is the first pass, wherever the records are: called as a stage
(`Pipeline.process`, library use) it holds the records it is given until the stream ends;
`Pipeline.run` instead calls it over the committed shards read back from disk and applies it
while joining them, so memory grows with the number of distinct names, not with the corpus.
Either way it is the same code, so it must be the last stage (`corpus_wide`).
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
    reads = ("entities",)
    writes = ("entities.canonical", "entities.entity_id", "entities.label")
    counters = ("entities",)
    corpus_wide = True

    def __init__(self, kb: str | Path | None = None) -> None:
        super().__init__()
        self.kb = str(kb) if kb else None
        self._linker = Linker()

    def setting_files(self) -> list[Path]:
        return [Path(self.kb)] if self.kb is not None else []

    def config(self) -> dict[str, Any]:
        return {"kb": self.kb}

    def linker(self, records: Iterable[Record]) -> Linker:
        """The first pass: every record observed, links resolved; `apply` it to each record."""
        self._linker = Linker(known_names(self.kb))  # each corpus is linked on its own
        for record in records:
            self._linker.observe(record)
        self._linker.resolve()
        return self._linker

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        held = list(records)
        active = [r for r in held if r.active]
        linker = self.linker(active)
        for record in active:
            linker.apply(record)
        yield from held

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        for entity in record.entities:  # labels as linking decided them
            yield "entities", f"{entity.field}:{entity.label}"

    def index(self) -> list[dict[str, Any]]:
        """The canonical entities of the corpus last linked, as in `entities.jsonl`."""
        return self._linker.index()
