"""Names that are one entity across languages: a name and the engine's rendering of it."""

from __future__ import annotations

from collections import defaultdict

from pipeline.rules import active
from pipeline.stages.link.names import name_key, surface_of
from pipeline.stages.link.surface import Surface


def rule_on(name: str) -> bool:
    return active().on(name)


def translated_twins(surfaces: dict[str, Surface]) -> dict[str, str]:
    """Names that are one entity across languages: a name and the engine's rendering of it as
    a name ("Italie" → "Italy", carried as one mention: `stages.rendered`), when the corpus
    also names the rendering in an original text (an English review's "Italy") or renders
    another name alike ("l'Italie" → "Italy" in another document). Each twin → the name that
    stands for the group: the one the original texts write most (then the first by key).
    Never a person (the engine translates no person's name) nor a rendering that is a part of
    the name (the carried head of "M. Brown" is "Brown", not a translation of it)."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for key in sorted(surfaces):
        stats = surfaces[key]
        if stats.label() == "PERSON":
            continue
        for form in sorted(stats.translated):
            other = name_key(surface_of(form))
            if other == key or f" {other} " in f" {key} ":
                continue
            if other in surfaces and person_outweighs(surfaces[other], stats):
                continue
            a, b = root(key), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(parent.keys() | set(parent.values())):
        if key in surfaces:
            groups[root(key)].append(key)
    twins: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        head = min(members, key=lambda k: (-sum(surfaces[k].written.values()), k))
        twins.update((k, head) for k in members if k != head)
    return twins


def person_outweighs(rendering: Surface, name: Surface) -> bool:
    """Whether an original text's reading of a name's rendering as a person outweighs the
    name's own reading ("Troy" read as a person once in an English review, "Troie" read as a
    place five times: the engine's dictionary rendered a place, and the review names it;
    a person named "Troy" throughout a corpus that names "Troie" once stays a person)."""
    if rendering.label() != "PERSON" or not rule_on("twin_by_votes"):
        return rendering.label() == "PERSON"
    return rendering.labels["PERSON"] >= name.labels[name.label()]
