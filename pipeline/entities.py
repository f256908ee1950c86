"""Finding more of the names a document is about: the knowledge base and the document itself.

NER misses mentions it finds elsewhere in the same document ("les essais de Cher" after
"Peter Bogdanovich demanda à Cher"), and knows nothing of the names a corpus is about. Two
standard remedies, applied to each document after NER:

- the knowledge base (`models/kb.jsonl`: canonical name, label, aliases, optional Wikidata id)
  is matched as a gazetteer, case-sensitively;
- "one sense per discourse": a name tagged somewhere in a document is tagged at its other
  capitalised occurrences in that document, with the label most of its mentions got.

Neither tags a common word: a match must be capitalised as written, and a single word at the
start of a sentence that is also a frequent word of the language ("Cher ami", "Mask is ...")
is left alone unless NER itself tagged it there.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.record import Entity, Record
from pipeline.resources import models_dir

COMMON_ZIPF = 3.0  # wordfreq Zipf frequency: about once per million words and more
SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"«“(]\s*)$")


@dataclass(frozen=True)
class KnownEntity:
    id: str
    canonical: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None = None


@cache
def knowledge_base() -> tuple[KnownEntity, ...]:
    path = models_dir() / "kb.jsonl"
    if not path.exists():
        return ()
    entities = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            aliases = tuple(dict.fromkeys([row["canonical"], *row.get("aliases", [])]))
            entities.append(
                KnownEntity(row["id"], row["canonical"], row["label"], aliases, row.get("wikidata"))
            )
    return tuple(entities)


@cache
def alias_index() -> dict[str, KnownEntity]:
    """Every alias of the knowledge base, as written, to its entity."""
    return {alias: entity for entity in knowledge_base() for alias in entity.aliases}


def common_word(word: str, lang: str | None) -> bool:
    import wordfreq

    return bool(lang) and wordfreq.zipf_frequency(word.lower(), lang or "en") >= COMMON_ZIPF


def at_sentence_start(text: str, start: int) -> bool:
    return SENTENCE_START.search(text[max(0, start - 4) : start]) is not None


def occurrences(text: str, surface: str) -> Iterable[tuple[int, int]]:
    """Whole-word, case-sensitive occurrences of `surface` in `text`."""
    for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
        yield match.start(), match.end()


def plausible(text: str, start: int, end: int, lang: str | None) -> bool:
    """A match that may be a name: not a frequent single word opening a sentence."""
    surface = text[start:end]
    single = " " not in surface
    return not (single and at_sentence_start(text, start) and common_word(surface, lang))


def complete_document(records: Sequence[Record]) -> None:
    """Add knowledge-base and same-document mentions NER missed, in the records' text."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        for e in record.entities:
            if e.field == "text" and e.text[:1].isupper():
                labels[e.text][e.label] += 1
    surfaces = {s: c.most_common(1)[0][0] for s, c in labels.items()}
    known = alias_index()
    for record in records:
        taken = [(e.start, e.end) for e in record.entities if e.field == "text"]
        found: list[Entity] = []
        candidates = [
            *((a, k.label, "kb") for a, k in known.items()),
            *((s, lb, "document") for s, lb in surfaces.items()),
        ]
        for surface, label, origin in sorted(candidates, key=lambda c: (-len(c[0]), c[0], c[2])):
            for start, end in occurrences(record.text, surface):
                if any(start < e and s < end for s, e in taken) or not plausible(
                    record.text, start, end, record.lang
                ):
                    continue
                found.append(Entity(surface, label, start, end, "text", origin=origin))
                taken.append((start, end))
        record.entities.extend(found)


def drop_common_words(record: Record) -> None:
    """A one-word mention in lower case is not a name ("cher pour moi", "a universal message")."""
    record.entities = [e for e in record.entities if " " in e.text or not e.text[:1].islower()]


def number_mentions(record: Record, field: str, prefix: str) -> None:
    """Give each mention in `field` that has none an id, in order of position."""
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
