"""A work noun's elided possessive "d'" is read as its "de" is (hostile49 E4).

"Le premier film d'X Y", "le dernier long métrage d'X Y", "le documentaire d'X Y": the name
after the elision is the work's author, a person, as after "film de X Y". The elided particle
glued to the person's name (rule `elided_particle`) set the mention's start right after the
work noun, which the role noun rule then read as the noun's complement, a work (MISC).
Generated: sentences of work nouns × both apostrophes × invented names opening on a vowel
(so "d'" elides), the model reading the name a person (no model runs: its span stands in).
Each name one PERSON mention, whole, without the "d'"."""

from __future__ import annotations

import random

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job
from pipeline.stages.extract_fields import TextRole

FIRST = ["Octave", "Inès", "Ophélie", "Ilona", "Anselme", "Yseult", "Aymeric", "Emeline"]
SYLLABLES = ["fer", "ran", "hal", "dot", "gri", "crup", "bel", "sor", "vau", "quin"]
ENDINGS = ["ane", "ière", "elin", "ault", "ot", "ec"]
OPENINGS = [
    "Le premier film {d}{n} avait été remarqué à Berlin.",
    "Le film {d}{n} sort mercredi.",
    "Le dernier long métrage {d}{n} est un drame.",
    "Le documentaire {d}{n} a été tourné en Bretagne.",
    "C'est un film {d}{n}, produit à Nantes.",
    "Son court métrage, le troisième film {d}{n}, a été primé.",
]


def name(rng: random.Random) -> str:
    """An invented given name (a vowel first, at times) and surname."""
    surname = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() + rng.choice(ENDINGS)
    return f"{rng.choice(FIRST)} {surname}"


def faults(rules: Rules) -> tuple[int, list[tuple[str, object]]]:
    """Each generated sentence read with the name drawn a person: one PERSON, whole."""
    rng = random.Random("h49-elided-possessive")
    out: list[tuple[str, object]] = []
    cases = 0
    for opening in OPENINGS:
        for elision in ("d'", "d’"):
            for _ in range(4):
                person = name(rng)
                if person[0] not in "AEIOUYÉÈÎ":
                    person = "Ilona " + person.split()[1]
                text = opening.format(d=elision, n=person)
                start = text.index(person)
                record = Record("r", "d", "<gen>", 0, text, lang="fr")
                with using(rules):
                    job = Job(text, record, "text")
                    record.entities = Extract(fields=["text"])._entities(
                        [(start, start + len(person), "PER")], job
                    )
                    TextRole().cue(record)
                    TextRole().relabel([[record]])
                cases += 1
                got = [(e.text, e.label) for e in record.entities]
                if (person, "PERSON") not in got:
                    out.append((text, got))
    return cases, out


def test_the_name_after_a_work_nouns_elided_possessive_is_a_person() -> None:
    """hostile49 E4: 48 sentences; on main 48 faults (the author MISC), none after."""
    cases, found = faults(Rules.default())
    assert cases == 48
    assert not found, (len(found), found[:4])
