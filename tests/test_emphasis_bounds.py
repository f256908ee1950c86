"""A markup boundary the record keeps separates names (hostile49 E11, rule `emphasis_bounds`).

A cast item "<li><strong>Actor</strong> <em>Part</em></li>" is read "Actor Part", the part
kept in `meta.emphasis`; the model drew one mention over both ("X Y Z" PERSON, or ORG). The
emphasis is where the actor ends. Generated: invented actors (initials, particles, hyphens)
× parts (a capitalised name, a lower-case role) × the emphasis after or before the actor ×
what the model drew (the actor and the part's first word, or the part's last word and the
actor, as PERSON, ORG or MISC): the actor is one
mention, exactly, and none runs into the part; a piece cut from a wider span is handed to
be labelled as the model reads it alone (`cells`)."""

from __future__ import annotations

import itertools

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job

ACTORS = ["Sacha Crupault", "K. J. Gorvot", "Bridget Mactrémaud", "Inès de Gillac",
          "Aurélien Besnec-Pellac", "Orla O'Varnec"]  # fmt: skip
PARTS = ["Solange", "Armand Ker", "Dolores", "le commissaire", "Yvette jeune"]
LABELS = ["PER", "ORG", "MISC"]


def faults(rules: Rules) -> tuple[int, list[tuple[str, object]]]:
    """Each item read with each drawing: the actor one mention, exactly."""
    out: list[tuple[str, object]] = []
    cases = 0
    stage = Extract(fields=["text"])
    for actor, part, label, first in itertools.product(ACTORS, PARTS, LABELS, (True, False)):
        text = f"{actor} {part}" if first else f"{part} {actor}"
        record = Record("r", "d", "<gen>", 0, text, lang="fr")
        record.meta["emphasis"] = [part]
        named = text.index(actor) + len(actor) + (len(part.split()[0]) + 1 if first else 0)
        if not first:  # the model's span from the part's last word: "jeune Cyrielle X"
            named = len(text)
        start = 0 if first else text.index(part.split()[-1])
        whole = [(start, named, label)]
        cells: list[object] = []
        with using(rules):
            got = stage._entities(whole, Job(text, record, "text"), cells)  # type: ignore[arg-type]
        cases += 1
        spans = [(e.text, e.start, e.end) for e in got]
        at = text.index(actor)
        if (actor, at, at + len(actor)) not in spans or any(
            e.start < at + len(actor) and at < e.end for e in got if e.text != actor
        ):
            out.append((text, spans))
        elif label == "PER" and not any(e.label == "PERSON" for e in got if e.text == actor):
            out.append((text, [(e.text, e.label) for e in got]))
        elif not any(c.text == actor for c in cells):  # type: ignore[attr-defined]
            out.append((text, "not handed to be labelled alone"))
    return cases, out


def test_an_emphasised_part_ends_the_actors_mention() -> None:
    """hostile49 E11: 180 items; on main 180 faults (actor and part one mention), none
    after; with the rule off, all of them again."""
    cases, found = faults(Rules.default())
    assert cases == 180
    assert not found, (len(found), found[:4])
    assert len(faults(Rules.default().with_("emphasis_bounds", False))[1]) == cases


def test_a_mention_inside_the_emphasis_stays_whole() -> None:
    """An emphasised title the model reads whole is not cut: "*Les Brisants*" one mention."""
    text = "Les Brisants"
    record = Record("r", "d", "<gen>", 0, text, lang="fr")
    record.meta["emphasis"] = ["Les Brisants"]
    got = Extract(fields=["text"])._entities([(0, len(text), "MISC")], Job(text, record, "text"))
    assert [(e.text, e.label) for e in got] == [("Les Brisants", "MISC")]
