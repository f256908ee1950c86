"""Link mentions to canonical entities across languages and documents.

Runs over the whole corpus, twice: `observe` every record (which surface forms occur, with
which labels, in which documents), `resolve`, then `apply` to every record. `run` does this
while joining the shards, reading them back from disk, so memory grows with the number of
distinct names, not with the corpus.

- A knowledge-base alias (`--kb FILE`, opt-in) links to its entity, with its label and id.
- A short form links to a full name it begins or ends ("Varda" → "Agnès Varda", "Gaumont" →
  "Gaumont Pictures", "Cléo" → "Cléo Victoire"): the full name seen in the same
  document first, else the one the corpus uses most if it clearly dominates (twice as many
  mentions as any other); an ambiguous short form stays its own entity.
- The label of an entity is decided by all its mentions, in every language, by vote, each
  mention once (the knowledge base's label wins). A mention's label already holds the evidence
  its sentence gives (a role noun before it: "la revue X" → ORG), and a name carried into the
  translation adds the target model's reading of it: a French model's LOC for a singer known
  by one word is outvoted by the English model's PERSON, in English texts and translations.
- `entity_id` is the knowledge-base id, else `ent:` and a slug of the canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pipeline.entities import KnownEntity
from pipeline.record import UNDETERMINED, Entity, Record

POSSESSIVE = re.compile(r"['’]s?$")
LABEL_ORDER = {"PERSON": 0, "ORG": 1, "LOC": 2, "MISC": 3}
DOMINANCE = 2.0


def surface_of(text: str) -> str:
    """The name as it is linked: whitespace folded, an English possessive removed."""
    folded = " ".join(text.split())
    stripped = POSSESSIVE.sub("", folded) if " " in folded or len(folded) > 3 else folded
    return stripped or folded


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entity"


@dataclass
class Surface:
    """Votes for a name as written: labels, and mentions per document (a mention is 1)."""

    labels: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    docs: dict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass
class Entry:
    """One canonical entity in the index."""

    entity_id: str
    canonical: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    languages: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "canonical": self.canonical,
            "label": self.label,
            "aliases": sorted(self.aliases),
            "mentions": self.mentions,
            "languages": sorted(self.languages),
            "records": sorted(self.records),
        }


class Linker:
    def __init__(self, known: dict[str, KnownEntity] | None = None) -> None:
        self.known = known or {}
        self.surfaces: dict[str, Surface] = defaultdict(Surface)
        self._links: dict[tuple[str, str], str] = {}  # (surface, doc_id) → canonical
        self._entries: dict[str, Entry] = {}  # canonical → entry

    def observe(self, record: Record) -> None:
        """Count each mention once: a name carried into the translation shares its `mention`
        id with the original, and its two readings (the source model's and the target
        model's) split one vote."""
        readings: dict[str, list[Entity]] = defaultdict(list)
        for i, entity in enumerate(record.entities):
            readings[entity.mention or f"#{i}"].append(entity)
        for mention in sorted(readings):
            share = 1 / len(readings[mention])
            for entity in readings[mention]:
                stats = self.surfaces[surface_of(entity.text)]
                stats.labels[entity.label] += share
                stats.docs[record.doc_id] += share

    def resolve(self) -> None:
        """Decide every (surface, document) link, then each entity's label and id."""
        full_names = sorted(s for s in self.surfaces if " " in s)
        by_part: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in full_names:
            tokens = tuple(name.split())
            for k in range(1, len(tokens)):
                by_part[tokens[:k]].append(name)
                by_part[tokens[-k:]].append(name)
        for surface, stats in sorted(self.surfaces.items()):
            for doc in sorted(stats.docs):
                self._links[surface, doc] = self._canonical(
                    surface, doc, by_part.get(tuple(surface.split()), [])
                )
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for (surface, doc), canonical in self._links.items():
            share = self.surfaces[surface].docs[doc] / max(
                1, sum(self.surfaces[surface].docs.values())
            )
            for label, n in self.surfaces[surface].labels.items():
                votes[canonical][label] += n * share
        used: set[str] = set()
        for canonical in sorted(votes):
            known = self.known.get(canonical)
            label = (
                known.label
                if known
                else min(
                    votes[canonical], key=lambda lb: (-votes[canonical][lb], LABEL_ORDER.get(lb, 9))
                )
            )
            entity_id = known.id if known else unique(f"ent:{slug(canonical)}", used)
            used.add(entity_id)
            self._entries[canonical] = Entry(entity_id, canonical, label)

    def _canonical(self, surface: str, doc: str, longer: list[str]) -> str:
        chosen = surface
        if surface not in self.known and longer:
            here = [n for n in longer if doc in self.surfaces[n].docs]
            ranked = sorted(longer, key=lambda n: (-total(self.surfaces[n]), n))
            if here:
                chosen = min(
                    here, key=lambda n: (-self.surfaces[n].docs[doc], -total(self.surfaces[n]), n)
                )
            elif len(ranked) == 1 or total(self.surfaces[ranked[0]]) >= DOMINANCE * total(
                self.surfaces[ranked[1]]
            ):
                chosen = ranked[0]
        return self.known[chosen].canonical if chosen in self.known else chosen

    def apply(self, record: Record) -> Record:
        """Set `canonical`, `entity_id` and the corpus-wide `label` on every mention."""
        for entity in record.entities:
            surface = surface_of(entity.text)
            canonical = self._links.get((surface, record.doc_id))
            if canonical is None:  # not observed (a record linked alone): it names itself
                canonical = surface
                self._entries.setdefault(
                    canonical, Entry(f"ent:{slug(canonical)}", canonical, entity.label)
                )
            entry = self._entries[canonical]
            entity.canonical, entity.entity_id, entity.label = (
                entry.canonical,
                entry.entity_id,
                entry.label,
            )
            entry.aliases.add(surface)
            entry.mentions += 1
            entry.languages.add(language_of(record, entity))
            entry.records.add(record.id)
        return record

    def index(self) -> list[dict[str, Any]]:
        """`entities.jsonl`: one line per entity mentioned, most mentioned first, then by id."""
        entries = [e for e in self._entries.values() if e.mentions]
        return [e.to_dict() for e in sorted(entries, key=lambda e: (-e.mentions, e.entity_id))]


def language_of(record: Record, entity: Entity) -> str:
    """The language of the field the mention is in."""
    if entity.field == "translation" and record.translation is not None:
        return record.translation.lang
    return record.lang or UNDETERMINED


def total(stats: Surface) -> float:
    return sum(stats.docs.values())


def unique(candidate: str, used: set[str]) -> str:
    n, result = 2, candidate
    while result in used:
        result, n = f"{candidate}-{n}", n + 1
    return result
