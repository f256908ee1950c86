"""A surname opening on its particle at a sentence's start, in a language without NER ("De la
Fuente habló", "Dos Santos disse", "D'Ors va escriure"): the engine reads the particle as a
preposition ("Of the Source spoke"). Nothing names a person there but the analyser, so the
particle and the capitalised words after it are one name when its reading says so:

- the word after the particle (and its article) is capitalised, where a common word inside a
  sentence is not, and is no place the particle says something comes from ("De Madrid salió
  el tren": a bare preposition before a place (`loc`, `top`) is "From"; after a contracted
  article, "Dos Santos", a person's reading (`ant`, `cog`) wins over a place's);
- the name is its sentence's subject: the next word, past clitics and adverbs, is a verb of
  the third person (`names.third_person_verb_next`), or a sign sets the name apart ("De Gea,
  según él, …").

French is NER's (`name_guard.particle_surname`); this is the analyser's counterpart.
"""

from __future__ import annotations

import re

from pipeline.engines.translate.names import PROPER, UNIT, third_person_verb_next

# A capitalised particle, with a lower-case article after it ("De la", "De los", "De les"), or
# an elided "D'", then a capitalised word: matched at a sentence's first word only.
OPENING = re.compile(
    r"(?:(?:De|Del|Dels|Da|Das|Do|Dos|Di|Van|Von)(?:[ \u00a0](?:la|las|los|les|lo))?"
    r"[ \u00a0]|D['’])(?=[^\W\d_])"
)
# A particle that holds an article ("Del", "Da", "Dos", "De la"): a person's reading of the
# word after it wins over a place's.
ARTICLED = re.compile(r"(?:Del|Dels|Da|Das|Do|Dos|De[ \u00a0]l)")
PLACES = frozenset({"loc", "top"})
PEOPLE = frozenset({"ant", "cog"})
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A sign right after the name: it stands apart from its sentence ("De Gea, según él, …").
SIGN = re.compile(r"[ \u00a0\u202f]?[,;:)!?…]")


def particle_run(text: str, start: int) -> tuple[int, int] | None:
    """(where the name's first capitalised word after its particle starts, where its run of
    capitalised words ends) when a capitalised particle opens the text at `start` and a
    capitalised word follows it ("De Gea", "De la Fuente", "D'Ors"), else None. Reads the
    name's words only."""
    match = OPENING.match(text, start)
    if match is None or not text[match.end()].isupper():
        return None
    end = at = match.end()
    while (word := NAME_WORD.match(text, at)) is not None and word[0][:1].isupper():
        end = word.end()
        if text[end : end + 1] not in (" ", "\u00a0"):
            break
        at = end + 1
    return match.end(), end


def set_apart(text: str, end: int) -> bool:
    """Whether a sign right after the name ending at `end` sets it apart from its sentence."""
    return SIGN.match(text, end) is not None


def read_as_surname(context: str, analysis: str, head: int, end: int, apart: bool) -> bool:
    """Whether the `analysis` of a name opening on its particle and the words after it
    (`context`: the name runs to `end`, its first capitalised word after the particle
    starts at `head`) reads the name as a person's: no place after a bare preposition, and
    the sentence's subject or set `apart` by a sign (see the module doc)."""
    units, at = [], 0
    for surface, found in UNIT.findall(analysis):
        begin = context.find(surface.replace("\\", ""), at)
        if begin < 0:
            return False
        at = begin + len(surface)
        units.append((begin, at, found.split("/")))
    heads = [u for u in units if u[0] <= head < u[1] or u[0] == head]
    if not heads:
        return False
    kinds = {m[1] for r in heads[0][2] if (m := PROPER.search(r))}
    if kinds & PLACES and not (kinds & PEOPLE and ARTICLED.match(context)):
        return False  # "De Madrid salió el tren", "De Lisboa chegou"
    if apart:
        return True
    return third_person_verb_next([(context[s:e], "/".join(r)) for s, e, r in units if s >= end])
