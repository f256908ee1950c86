"""The apply pass of linking, per shard: each mention's entity set from the resolved links,
and the written records counted for the entity index (`LinkApplier`)."""

from __future__ import annotations

from typing import Any

from pipeline.evidence import after_preposition
from pipeline.mentions import readings as readings_of
from pipeline.record import UNDETERMINED, Record
from pipeline.stages.link.index import SAMPLE_RECORDS, Entry, document_digest
from pipeline.stages.link.names import entity_id, surface_of
from pipeline.stages.link.readings import document_of, mention_key


class LinkApplier:
    """The apply pass, on one shard: sets `canonical`, `entity_id`, `wikidata` and the
    corpus-wide `label` on every mention (`apply`), and counts the records written for the
    entity index (`observe`, `partial`)."""

    def __init__(self, resolved: dict[str, Any]) -> None:
        self.links: dict[str, str] = resolved["links"]
        self.local: dict[str, dict[str, str]] = resolved["local"]
        self.mentions: dict[str, dict[str, str]] = resolved.get("mentions", {})
        self.entries: dict[str, list[Any]] = resolved["entries"]
        self.split: dict[str, dict[str, str]] = resolved.get("split", {})
        self._unseen: dict[str, list[Any]] = {}  # names no observed record had
        self._index: dict[str, Entry] = {}

    def apply(self, record: Record) -> Record:
        local = self.local.get(document_of(record), {})
        mentions = self.mentions.get(document_of(record), {})
        keys, where, read, placed = {}, {}, {}, {}
        for group in readings_of(record).values():
            original = next((e for e in group if e.field == "text"), None)
            for e in group:
                keys[id(e)] = mention_key(group)
                read[id(e)] = (original or e).label  # the mention's reading, before linking
                if self.split and original is not None and keys[id(e)] in self.split:
                    # where a place stands ("pour X", "in X"): a misread character does not
                    placed[id(e)] = after_preposition(record.text, original.start)
                if original is not None:
                    where[id(e)] = f"{record.id}:{original.start}"
        for entity in record.entities:
            key = keys[id(entity)]
            canonical = (
                mentions.get(where.get(id(entity), ""))
                or local.get(key)
                or self.links.get(key, key)
            )
            if canonical == key and key in self.split and placed.get(id(entity), False):
                canonical = self.split[key].get(read[id(entity)], key)  # its reading's entity
            entry = self.entries.get(canonical)
            if entry is None:  # not observed (a record linked alone): it names itself
                surface = surface_of(entity.text)
                entry = self._unseen.setdefault(
                    canonical, [entity_id(surface, {}), surface, entity.label, None]
                )
            entity.entity_id, entity.canonical, entity.label, entity.wikidata = entry
        return record

    def observe(self, record: Record) -> None:
        """Count a written record's mentions for `entities.jsonl`."""
        seen: dict[str, Entry] = {}
        for entity in record.entities:
            assert entity.entity_id is not None and entity.canonical is not None
            entry = self._index.get(entity.entity_id)
            if entry is None:
                entry = self._index[entity.entity_id] = Entry(
                    entity.entity_id, entity.canonical, entity.label, entity.wikidata
                )
            entry.aliases.add(surface_of(entity.text))
            entry.documents.add(document_digest(record))
            if entity.field == "text":
                entry.mentions += 1
                entry.languages[record.lang or UNDETERMINED] += 1
            else:
                entry.translated_mentions += 1
            seen.setdefault(entry.entity_id, entry)
        for entry in seen.values():  # each record once per entity it names
            entry.records += 1
            if len(entry.sample) < SAMPLE_RECORDS:
                entry.sample.append(record.id)

    def partial(self) -> dict[str, Any]:
        return {"entities": [e.partial() for e in self._index.values()]}
