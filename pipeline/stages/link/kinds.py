"""Which names may stand for one another by their kinds: people and organisations are named by
part of their name, places and nationalities are not, a person is never an organisation."""

from __future__ import annotations

import re
from functools import cache

from pipeline.entities import particles, person_words
from pipeline.resources import load_json
from pipeline.stages.link.surface import Surface

PARTS_NAME = frozenset({"PERSON", "ORG"})  # kinds a part of the name can stand for
COMPLEMENT = re.compile(r"\s(?:of|for|de|du|des|del|della|di|da|von)(?: the| la| le| les)?\s\Z")


@cache
def organisation_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every language's organisation heads, and the legal forms (`heads`, `legal_forms` of
    `models/cues.json`), case folded as `name_key` compares names."""
    cues = load_json("cues.json")
    heads = frozenset(
        word.casefold() for table in cues["heads"].values() for word in table.get("ORG", [])
    )
    return heads, frozenset(word.casefold() for word in cues["legal_forms"])


@cache
def name_titles() -> frozenset[str]:
    """Titles, role nouns and particles of the languages with cues, case folded as
    `name_key` compares names: the words before a surname that are no given name."""
    words = {w for lang in ("en", "fr") for w in person_words(lang)} | set(particles())
    return frozenset(w.casefold() for w in words) | {"d'", "d’"}


def read_apart(short: Surface, kind: str) -> bool:
    """Whether every reading of a short form is a person and `kind` an organisation, or the
    reverse: one mention read as the other kind is enough doubt (a novel's surname the model
    reads as an organisation here and there, `kinds_apart_across`: 7romans -1.5 NER F1 when
    the majority decided)."""
    votes = {label for label, n in short.labels.items() if n > 0}
    return len(votes) == 1 and opposed(next(iter(votes)), kind)


def opposed(a: str, b: str) -> bool:
    """A person and an organisation: never one entity, whatever the name they share."""
    return {a, b} == {"PERSON", "ORG"}
