"""Mention ids: which name of a record is which mention, in its text and in its translation.

Each name of a record's text gets an id (`m0`, `m1`, ... in order of position), each name found
only in its translation one of its own (`t0`, ...). A name carried into the translation (the
translate stage protected it, the engine kept it as written, or rendered it as a name of its
own: "Italie" → "Italy") is an entity of the translation with its original's id: one mention,
read twice (by the source language's model and the target's). Extraction keeps the carried
names, linking counts each mention once and names it as the original writes it.

This module alone makes ids, ties a translation's entity to its source mention and groups a
record's entities by mention; extract, translate and link call it.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

from pipeline.record import Entity, EntityField, Record

PREFIXES: Mapping[EntityField, str] = MappingProxyType({"text": "m", "translation": "t"})


def number(record: Record, field: EntityField) -> None:
    """Give each mention in `field` that has none an id, in order of position, skipping the
    ids the record's entities hold already."""
    prefix = PREFIXES[field]
    mentions = sorted(
        (e for e in record.entities if e.field == field and e.mention is None),
        key=lambda e: (e.start, e.end),
    )
    taken = {e.mention for e in record.entities}
    i = 0
    for entity in mentions:
        while f"{prefix}{i}" in taken:
            i += 1
        entity.mention = f"{prefix}{i}"
        i += 1


def lifted(record: Record, reading: Entity, start: int, end: int) -> Entity:
    """A mention of the text at `start`-`end` for a name found only in the translation
    (`reading`), which gets the mention's id: a fresh `m` id, the next free one."""
    taken = {e.mention for e in record.entities}
    mention = next(f"m{i}" for i in itertools.count() if f"m{i}" not in taken)
    reading.mention = mention
    return Entity(reading.text, reading.label, start, end, "text", mention=mention)


def tie(reading: Entity, source: Entity) -> None:
    """`reading`, an entity of the translation, is `source`'s reading there (same id)."""
    reading.mention = source.mention


def of_text(record: Record) -> set[str]:
    """The ids of the text's mentions."""
    return {e.mention for e in record.entities if e.field == "text" and e.mention is not None}


def in_translation(record: Record) -> set[str | None]:
    """The ids the translation's entities hold (a mention tied there already)."""
    return {e.mention for e in record.entities if e.field == "translation"}


def is_carried(entity: Entity, text_ids: set[str]) -> bool:
    """Whether `entity` is a name of the text carried into the translation: a mention of the
    translation sharing its id with one of the text (`of_text`)."""
    return entity.field == "translation" and entity.mention in text_ids


def carried(source: Entity, text: str, start: int, end: int) -> Entity:
    """The translation's reading of the mention `source`, written `text` at `start`-`end`."""
    return Entity(text, source.label, start, end, "translation", mention=source.mention)


def written_whole(text: str, source: Entity, offset: int, start: int) -> tuple[int, int] | None:
    """Where the translation `text` writes the whole of `source`, a mention of the original,
    around a piece of it (`offset` characters into it) that landed at `start`, as the text
    writes it (hostile49 E20: "N. M. X" in capitals, the guard froze "X" alone, the engine
    kept the initials as written: the carried mention is the whole name); None where it
    does not."""
    at = start - offset
    if offset >= 0 and at >= 0 and text[at : at + len(source.text)] == source.text:
        return at, at + len(source.text)
    return None


def holding(sources: Iterable[Entity], start: int, end: int) -> Entity | None:
    """The first mention whose span holds `start`-`end` (a protected part of a name)."""
    return next((e for e in sources if e.start <= start and end <= e.end), None)


class Holders:
    """`holding` for many spans of one text: the mentions sorted by start, with the furthest
    end so far, so a span looks only at the mentions that can hold it (those starting before
    it whose end reaches it), not at every mention (a text of thousands of names was
    quadratic). The first mention in `sources`'s order wins, as in `holding`."""

    def __init__(self, sources: Sequence[Entity]) -> None:
        self.order = sorted(range(len(sources)), key=lambda i: sources[i].start)
        self.sources = sources
        self.starts = [sources[i].start for i in self.order]
        self.reach = list(itertools.accumulate((sources[i].end for i in self.order), max))

    def __call__(self, start: int, end: int) -> Entity | None:
        best = None
        j = bisect.bisect_right(self.starts, start) - 1
        while j >= 0 and self.reach[j] >= end:
            i = self.order[j]
            if self.sources[i].end >= end and (best is None or i < best):
                best = i
            j -= 1
        return None if best is None else self.sources[best]


def readings(record: Record) -> dict[str, list[Entity]]:
    """The record's mentions: a name carried into the translation is one mention with two
    readings (its `mention` id is the original's); a mention without an id is its own."""
    grouped: dict[str, list[Entity]] = defaultdict(list)
    for i, entity in enumerate(record.entities):
        grouped[entity.mention or f"#{i}"].append(entity)
    return grouped
