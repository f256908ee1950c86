"""The entity index (`entities.jsonl`): each entity's counts and a bounded sample, counted per
shard as the apply pass writes (`Entry`) and merged in shard order (`entity_index`)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.record import Record
from pipeline.stages.link.readings import document_of

SAMPLE_RECORDS = 20  # record ids an index entry keeps, the first in corpus order


def document_digest(record: Record) -> str:
    return hashlib.blake2b(document_of(record).encode(), digest_size=8).hexdigest()


@dataclass
class Entry:
    """One canonical entity in the index: counts and a bounded sample, so the index grows with
    the number of distinct names, not with the corpus (every mention, with its entity, is in
    `corpus.jsonl`)."""

    entity_id: str
    canonical: str
    label: str
    wikidata: str | None = None
    # digests of the documents it is named in: a document's records need not be adjacent, nor
    # in one shard, so the index counts distinct digests over every shard (8 bytes each)
    documents: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0  # in original texts
    translated_mentions: int = 0  # in translations: what the translator repeated
    records: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # original-text mentions
    sample: list[str] = field(default_factory=list)  # the first record ids, in corpus order

    def partial(self) -> dict[str, Any]:
        return {
            "entity": [self.entity_id, self.canonical, self.label, self.wikidata],
            "documents": sorted(self.documents),
            "aliases": sorted(self.aliases),
            "mentions": self.mentions,
            "translated_mentions": self.translated_mentions,
            "records": self.records,
            "languages": dict(sorted(self.languages.items())),
            "sample": self.sample,
        }


def entity_index(partials: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entities.jsonl` from the apply pass's partials, in shard order: one line per entity
    mentioned, most mentioned in original texts first, then in translations, then by id."""
    merged: dict[str, dict[str, Any]] = {}
    for partial in partials:
        for row in partial["entities"]:
            entity_id_, canonical, label, wikidata = row["entity"]
            into = merged.setdefault(entity_id_, {
                "entity_id": entity_id_, "canonical": canonical, "label": label,
                "wikidata": wikidata, "aliases": set(), "mentions": 0, "translated_mentions": 0,
                "records": 0, "documents": set(), "languages": Counter(), "sample_records": [],
            })  # fmt: skip
            into["aliases"].update(row["aliases"])
            for count in ("mentions", "translated_mentions", "records"):
                into[count] += row[count]
            into["documents"].update(row["documents"])
            into["languages"].update(row["languages"])
            room = SAMPLE_RECORDS - len(into["sample_records"])
            into["sample_records"] += row["sample"][:room]
    order = lambda e: (-e["mentions"], -e["translated_mentions"], e["entity_id"])  # noqa: E731
    rows = sorted(merged.values(), key=order)
    for row in rows:
        row["documents"] = len(row["documents"])
        row["aliases"] = sorted(row["aliases"])
        row["languages"] = dict(sorted(row["languages"].items()))
    return rows
