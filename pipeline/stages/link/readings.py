"""A record's mentions as linking reads them: a name carried into the translation is one mention
with two readings; the key a mention is linked by; the document a record belongs to."""

from __future__ import annotations

from pipeline.record import Entity, Record
from pipeline.stages.link.names import name_key, surface_of


def mention_key(readings: list[Entity]) -> str:
    """The name a mention is linked by: as the original text writes it, for a name carried
    into the translation too ("Italie" and its translation "Italy" are one mention of one
    entity, named as the original names it)."""
    original = next((e for e in readings if e.field == "text"), readings[0])
    return name_key(surface_of(original.text))


def document_of(record: Record) -> str:
    """A record's document: its `doc_id` within its source file (two files never share one,
    whatever ids their records carry: a JSONL record without `doc_id` is its own document,
    named by its id)."""
    return f"{record.source}\x1f{record.doc_id}"
