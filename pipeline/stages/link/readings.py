"""A record's mentions as linking reads them: a name carried into the translation is one mention
with two readings; the key a mention is linked by; the document a record belongs to."""

from __future__ import annotations

import re
from functools import cache

from pipeline.entities import particles, person_words
from pipeline.record import Entity, Record
from pipeline.rules import active
from pipeline.stages.link.names import name_key, surface_of

# a French article before a place's or organisation's name ("l'Italie", "la Pologne", "Le
# Japon"): no part of the name (#31 item 2); lower case, or capitalised at a sentence's start
LOWER_ARTICLE = re.compile(r"\A(?:l['’]|(?:le|la|les)\s+)(?=[^\W\d_])")
ANY_ARTICLE = re.compile(r"\A(?:l['’]|(?:le|la|les)\s+)(?=[^\W\d_])", re.IGNORECASE)
LANGUAGES = ("fr", "en")  # whose titles a person's name is compared without


def mention_key(readings: list[Entity]) -> str:
    """The name a mention is linked by: as the original text writes it, for a name carried
    into the translation too ("Italie" and its translation "Italy" are one mention of one
    entity, named as the original names it); a place's or organisation's article aside
    (rule `bare_names`: "l'Italie", "Le Japon" and "Japon" are one name)."""
    original = next((e for e in readings if e.field == "text"), readings[0])
    surface = linked_form(original)
    if original.label != "PERSON" and active().on("bare_names"):
        bare = ANY_ARTICLE.sub("", surface)
        surface = bare if " " in bare or bare[:1].isupper() else surface
    return name_key(surface)


def linked_form(entity: Entity) -> str:
    """How a mention writes its name, as linking counts it (`surface_of`): a lower-case
    article before a name that is not a person's left out (rule `bare_names`), so the
    corpus's canonical is the name, never "l'Italie"."""
    surface = surface_of(entity.text)
    if entity.label == "PERSON" or not active().on("bare_names"):
        return surface
    bare = LOWER_ARTICLE.sub("", surface)
    return bare if bare[:1].isupper() else surface


@cache
def title_words() -> frozenset[str]:
    """Titles and role nouns a person's name may be written after ("capitaine", "M.")."""
    return frozenset(w.casefold() for lang in LANGUAGES for w in person_words(lang))


def untitled(key: str) -> str:
    """A person's name key without the titles it opens with, and the particle after them
    ("capitaine brissac" → "brissac", "comte de valcourt" → "valcourt"); itself when that
    leaves nothing."""
    words = key.split(" ")
    titles = title_words()
    n = 0
    while n < len(words) - 1 and words[n] in titles:
        n += 1
    if n and n < len(words) - 1 and words[n] in particles():
        n += 1
    return " ".join(words[n:]) if n else key


def document_of(record: Record) -> str:
    """A record's document: its `doc_id` within its source file (two files never share one,
    whatever ids their records carry: a JSONL record without `doc_id` is its own document,
    named by its id)."""
    return f"{record.source}\x1f{record.doc_id}"
