"""Exact duplicates across the corpus (`--dedup`): a record whose text, normalised, equals an
earlier record's.

Normalised: Unicode NFC, every run of whitespace one space, case folded; compared by a 64-bit
digest. "Earlier" is corpus order (shards in input order, records in shard order), so the
first of a group is the same whatever the number of workers or the shard size. A corpus-wide
step (`pipeline.stages.corpus_step`): each shard's observer keeps a digest per distinct text of
the shard (8 bytes each once resolved), `resolve` keeps only the texts seen twice or more with where
each was first seen, and the applier marks the later ones: `meta.duplicate_of` is the first
one's id, and with `mode="drop"` they go to dropped.jsonl (reason `duplicate of ID`).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from pipeline.record import Record
from pipeline.stages.base import SettingError, Stage
from pipeline.stages.corpus_step import CorpusStep, StepApplier

Mode = Literal["mark", "drop"]


def text_digest(text: str) -> int:
    """64 bits of the text as compared: NFC, whitespace folded, case folded."""
    normal = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    digest = hashlib.blake2b(normal.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@dataclass(eq=False)
class Dedup(CorpusStep):
    """Marks (or drops) records whose normalised text an earlier record of the corpus has."""

    name = "dedup"
    reads = ("text",)
    writes = ("meta.duplicate_of",)
    counters = ("duplicates",)

    mode: Mode = "mark"

    def __post_init__(self) -> None:
        super().__post_init__()
        self.drops = self.mode == "drop"

    def check(self) -> None:
        if self.mode not in ("mark", "drop"):
            raise SettingError(f"dedup mode {self.mode!r}: use 'mark' or 'drop'")

    def observer(self, shard: str) -> DedupObserver:
        return DedupObserver(shard)

    def resolve(self, partials: Iterable[dict[str, Any]]) -> dict[str, Any]:
        """The texts seen twice or more, each with the shard and id of its first record: one
        go through the partials finds the repeated digests (8 bytes per distinct text, in
        numpy), a second takes the first record of each."""
        digests = []
        repeated: set[int] = set()
        for partial in partials:
            found = np.asarray(partial["digests"], dtype=np.uint64)
            times = np.asarray([seen[1] for seen in partial["first"]], dtype=np.int64).reshape(-1)
            repeated.update(found[times > 1].tolist())  # repeated inside one shard
            digests.append(found)
        every = np.concatenate(digests) if digests else np.zeros(0, dtype=np.uint64)
        distinct, counts = np.unique(every, return_counts=True)
        repeated.update(distinct[counts > 1].tolist())  # repeated across shards
        first: dict[str, list[Any]] = {}
        for partial in partials:
            for digest, seen in zip(partial["digests"], partial["first"], strict=True):
                if digest in repeated and str(digest) not in first:
                    first[str(digest)] = [partial["shard"], seen[0], seen[2]]
        return {"first": dict(sorted(first.items(), key=lambda kv: int(kv[0])))}

    def final_ids(
        self, resolved: dict[str, Any], final_id: Callable[[str, int], str | None]
    ) -> dict[str, Any]:
        """Each group's first record named by the id the corpus gives it (`pipeline.run.ids`)."""
        first = {
            key: [shard, final_id(shard, position) or record_id, position]
            for key, (shard, record_id, position) in resolved["first"].items()
        }
        return {**resolved, "first": first}

    def applier(self, resolved: dict[str, Any], shard: str) -> Stage:
        return Marking(self, resolved["first"], shard)

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        if "duplicate_of" in record.meta:
            yield "duplicates", self.mode


class DedupObserver:
    """One shard's distinct texts: each digest with the id of its first record, how many
    records have it, and the first one's position among the records the shard wrote (an id
    may be repeated: the position says which record it is, `pipeline.run.ids`)."""

    def __init__(self, shard: str) -> None:
        self.shard = shard
        self.first: dict[int, list[Any]] = {}
        self.position = 0

    def observe(self, record: Record) -> None:
        seen = self.first.setdefault(text_digest(record.text), [record.id, 0, self.position])
        seen[1] += 1
        self.position += 1

    def partial(self) -> dict[str, Any]:
        return {
            "shard": self.shard,
            "digests": list(self.first),
            "first": list(self.first.values()),
        }


class Marking(StepApplier):
    """The apply pass of `Dedup` on one shard."""

    def __init__(self, step: Dedup, first: dict[str, list[Any]], shard: str) -> None:
        super().__init__(step)
        self.first, self.shard = first, shard
        self._claimed: set[str] = set()  # groups whose first record this shard has passed

    def process(self, batch: Sequence[Record]) -> None:
        for record in batch:
            key = str(text_digest(record.text))
            where = self.first.get(key)
            if where is None:
                continue
            shard, first_id = where[0], where[1]
            if shard == self.shard and record.id == first_id and key not in self._claimed:
                self._claimed.add(key)
                continue
            record.meta["duplicate_of"] = first_id
            if self.step.drops:
                record.dropped = f"duplicate of {first_id}"
