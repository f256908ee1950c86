"""Which names may stand for one another by their kinds: people and organisations are named by
part of their name, places and nationalities are not, a person is never an organisation."""

from __future__ import annotations

import re
from functools import cache

from pipeline.entities import particles, person_words
from pipeline.resources import load_json
from pipeline.rules import active
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


def same_kind(surfaces: dict[str, Surface], short: str, full: str) -> bool:
    """Whether `short` may be a short form of `full`: people and organisations are named
    by part of their name ("Varda", "Universal"), places and nationalities are not, and
    the full name must be a person or organisation too ("Ohio", a place, is not "Ohio
    State University"; "Brokaw", read as an organisation, may be "Tom Brokaw"). A
    person's first name or surname stands for the person whatever the model read it as
    ("Delorme", read as MISC, is "Georges Delorme"), unless it was read as a place."""
    rules = active()
    short_kind, full_kind = surfaces[short].label(), surfaces[full].label()
    ends = full.endswith(" " + short) or full.startswith(short + " ")
    if rules.on("person_org_apart") and opposed(short_kind, full_kind):
        return False
    if rules.on("surname_any_label") and full_kind == "PERSON" and short_kind != "LOC" and ends:
        return True
    if (
        rules.on("titled_link")
        and short_kind == "PERSON"
        and full_kind != "LOC"  # "Saint Louis", a town named after a person
        and titled_form(short, full)
    ):
        return True  # "Sœur X" read MISC is the person X, its title no other name
    complement = COMPLEMENT.search(full[: -len(short)]) and full.endswith(" " + short)
    if rules.on("complement") and complement:
        return False  # "Ottawa" is not the "University of Ottawa"
    heads, legal = organisation_words()
    if (
        rules.on("whole_org_name")
        and any(w in heads for w in short.split())
        and not all(w in legal for w in full.replace(short, " ", 1).split())
    ):  # a whole organisation's name: "University of Chicago", "Communist Party"
        return False
    if (
        rules.on("org_unit")
        and " " in short  # a head alone ("Bank") is no name of its own
        and full.startswith(short + " ")
        and any(w in heads for w in short.split())
        and not all(w in legal for w in full[len(short) :].split())
    ):  # a unit of it: "University of Chicago Law School", "X State University System"
        return False
    return {short_kind, full_kind} <= PARTS_NAME


def titled_form(short: str, full: str) -> bool:
    """Whether `full` is `short` after titles only ("sœur x", "père x", "mrs x"): the same
    person named with a title, whatever the model read it as. Not after a particle: "duc de
    x" is a duke named after a place (rule `complement`)."""
    if not full.endswith(" " + short):
        return False
    plain = name_titles() - {p.casefold() for p in particles()} - {"d'", "d’"}
    return all(w in plain for w in full[: -len(short)].split())


def first_name_of(surfaces: dict[str, Surface], short: str, full: str) -> bool:
    """Whether `short` is a bare first name of the person `full` (one word: "Tom Brady"
    is no first name of "Tom Brady Jr.")."""
    return " " not in short and full.startswith(short + " ") and surfaces[full].label() == "PERSON"


def are_rivals(surfaces: dict[str, Surface], key: str, names: list[str]) -> bool:
    """Whether `names` are two people or more a surname or a first name may stand for: each
    a person's name ending with it, not all beginning alike ("Auguste Renoir", "Jean
    Renoir"; not "Maren Holt", "Maren J. Holt", one woman; not "Tavi Orlen" beside an
    organisation ending with "Tavi"; not "M. Varenne" beside "Mme Varenne": a title
    is no given name, and which of the two a bare surname means the text says otherwise),
    or beginning with it, not all ending alike ("Solène Lavergne", "Solène Castaing"; not
    "Maren Holt", "Maren J. Holt"): the same rule for both (`nearest_full_name`)."""
    people: set[tuple[str, str]] = set()
    size = len(key.split(" "))
    for n in names:
        if surfaces[n].label() != "PERSON":
            return False
        if n.endswith(" " + key):
            words = [w for w in n.split(" ")[:-size] if w not in name_titles()]
            if not words:  # "M. Varenne", "madame de La Brière": a title, not a given name
                return False
            people.add(("given", words[0]))
        elif n.startswith(key + " "):  # a first name: the surnames tell the people apart
            people.add(("surname", n.split(" ")[-1]))
        else:
            return False
    return len(people) > 1
