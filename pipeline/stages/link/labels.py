"""Each entity of the corpus once its links are decided: its label by the votes of the mentions
that went to it, its name and its id (the knowledge base's, when it knows the entity)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pipeline.entities import KnownEntity
from pipeline.rules import active
from pipeline.stages.link.names import entity_id, slug
from pipeline.stages.link.readings import untitled
from pipeline.stages.link.surface import Surface, majority


def label_votes(
    surfaces: dict[str, Surface],
    links: dict[str, str],
    share: dict[str, dict[str, float]],
    moved: dict[str, dict[str, dict[str, float]]] | None = None,
) -> dict[str, dict[str, float]]:
    """Each entity's label votes: a name's votes go to the entities its mentions went to, in
    proportion (`share`: the mentions a document sent elsewhere; the rest follow its link).
    `moved` (rule `mention_labels`): of those sent elsewhere mention by mention, each one's
    own reading, which goes with it and leaves the rest the readings of the mentions that
    stayed (hostile49 E7: "the studio X" read ORG took PERSON from another document's bare
    surname of "Y X", which that document linked to its person)."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for key, stats in surfaces.items():
        parts = dict(share[key])
        rest = stats.mentions - sum(parts.values())  # a followed share may be the link
        parts[links[key]] = parts.get(links[key], 0.0) + rest
        labels, mentions = dict(stats.labels), stats.mentions
        for canonical, readings in (moved or {}).get(key, {}).items():
            left = {lb: labels.get(lb, 0.0) - readings.get(lb, 0.0) for lb in labels}
            if (
                sum(readings.values()) > mentions
                or any(lb not in labels for lb in readings)
                or min(left.values(), default=0.0) < 0
            ):
                continue  # the readings do not add up (a mention counted twice): in proportion
            for label, v in readings.items():
                votes[canonical][label] += v
            labels, mentions = left, mentions - sum(readings.values())
            parts[canonical] -= sum(readings.values())
        for canonical, n in parts.items():
            for label, v in labels.items():
                votes[canonical][label] += v * max(0.0, n) / max(1.0, mentions)
    return votes


def entity_entries(
    votes: dict[str, dict[str, float]],
    surfaces: dict[str, Surface],
    kb: dict[str, KnownEntity],
    first_of: dict[str, str],
    links: dict[str, str] | None = None,
) -> dict[str, list[Any]]:
    """Each entity (a canonical key) → [id, name, label, Wikidata id], in key order: the
    knowledge base's entry for an entity it knows, else the name the corpus writes and an id
    made from it (with a digest when two names share a slug); a person's, without the title
    it is introduced with when the bare name linked to it is written more (`bare_name`)."""
    names = {c: name_of(c, surfaces, kb) for c in votes}
    if links is not None and active().on("bare_names"):
        for canonical in votes:
            if canonical not in kb and majority(votes[canonical]) == "PERSON":
                names[canonical] = bare_name(canonical, surfaces, links) or names[canonical]
    slugs: dict[str, set[str]] = defaultdict(set)
    for canonical, name in names.items():
        if canonical not in kb:
            slugs[slug(name)].add(name)
    entries: dict[str, list[Any]] = {}
    for canonical in sorted(votes):
        known = kb.get(canonical)
        if known:
            entries[canonical] = [known.id, known.canonical, known.label, known.wikidata]
            continue
        label = entity_label(canonical, votes, surfaces, first_of)
        name = names[canonical]
        entries[canonical] = [entity_id(name, slugs), name, label, None]
    return entries


def entity_label(
    canonical: str,
    votes: dict[str, dict[str, float]],
    surfaces: dict[str, Surface],
    first_of: dict[str, str],
) -> str:
    """The label of an entity no knowledge base knows: a full name's own reading (rule
    `full_name_label`), else the vote of every mention that went to it; a bare first name
    not linked across documents takes its person's."""
    # its own reading decides, not its short forms'
    full_name = " " in canonical and active().on("full_name_label")
    label = surfaces[canonical].label() if full_name else majority(votes[canonical])
    if (
        full_name
        and label not in ("PERSON", "LOC")  # "Saint Louis": a town named after a person
        and active().on("titled_link")
        and untitled(canonical) != canonical
        and votes[canonical].get("PERSON", 0) > 0
    ):  # "Sœur X" read MISC, its bare X a person (`kinds.titled_form`): its title says so
        label = "PERSON"
    if canonical in first_of and surfaces[canonical].label() != "LOC":
        label = surfaces[first_of[canonical]].label()
    return label


def bare_name(canonical: str, surfaces: dict[str, Surface], links: dict[str, str]) -> str | None:
    """The name of a person the corpus introduces with a title ("capitaine Brissac", "M.
    Orsat") and writes bare more often ("Brissac", linked to it): the bare form, else None."""
    bare = untitled(canonical)
    if bare == canonical or bare not in surfaces or links.get(bare, bare) != canonical:
        return None
    written = sum(surfaces[bare].written.values())
    return surfaces[bare].form() if written > sum(surfaces[canonical].written.values()) else None


def name_of(canonical: str, surfaces: dict[str, Surface], kb: dict[str, KnownEntity]) -> str:
    """An entity's name: the knowledge base's, else the form the corpus writes most."""
    known = kb.get(canonical)
    return known.canonical if known else surfaces[canonical].form()
