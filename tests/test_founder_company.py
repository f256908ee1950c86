"""A founder and the company named after them in one document (hostile47 G24, #31 item 3): a
later bare name goes by its own sentence's evidence, business wording to the company, a life
event or speech to the person; with no evidence either way it stays its own entity, whatever
label the model gave it. Generated: invented surnames, fr and en, each evidence class × each
label a model may read the bare name as; linking in memory on given readings (no model)."""

from __future__ import annotations

import itertools
import random

from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from tests.linker import Linker

FOUNDED = {
    "fr": "{f} {s} a fondé {s} {h} en 1998 avec deux amis.",
    "en": "{f} {s} founded {s} {h} in 1998 with two friends.",
}
# evidence class → language → sentences holding the bare name {s}
EVIDENCE = {
    "company": {
        "fr": ["{s} emploie aujourd'hui 45 salariés et exploite 12 salles.",
               "Les ventes de {s} ont doublé en deux ans."],
        "en": ["Today {s} employs 45 people and runs 12 cinemas.",
               "{s} reported a loss in the first half."],
    },
    "person": {
        "fr": ["{s} est mort en 2019 à Nantes, à 81 ans.",
               "« Nous étions jeunes », dit {s}."],
        "en": ["{s} died in 2019 in Leeds, aged 81.",
               "\"We were young,\" said {s}."],
    },
    "none": {
        "fr": ["{s} a longtemps hésité avant de signer.",
               "Le projet de {s} a pris du temps."],
        "en": ["{s} hesitated for a long time before signing.",
               "The project of {s} took a while."],
    },
}  # fmt: skip
HEADS = ["Films", "Productions", "Pictures", "Studios"]
FIRST = ["Maëlys", "Rowena", "Tancrède", "Odilon"]
SYLLABLES = ["dar", "gon", "nec", "lan", "quil", "lac", "vau", "zel", "ker", "tra", "mou", "sel"]
READINGS = ["PERSON", "ORG", "MISC", "LOC"]


def documents() -> list[tuple[str, str, str, list[Record]]]:
    """(evidence class, the canonical wanted, the bare name, the document's two records)."""
    rng = random.Random("g24")
    out = []
    classes = [(c, lang, s) for c, by in EVIDENCE.items() for lang, ss in by.items() for s in ss]
    for n, ((cls, lang, sentence), reading) in enumerate(itertools.product(classes, READINGS)):
        surname = "".join(rng.sample(SYLLABLES, 3)).capitalize()
        first, head = FIRST[n % len(FIRST)], HEADS[n % len(HEADS)]
        founded = FOUNDED[lang].format(f=first, s=surname, h=head)
        person, company = f"{first} {surname}", f"{surname} {head}"
        later = sentence.format(s=surname)
        doc = f"d{n}"
        a = Record(f"{doc}:0", doc, f"{doc}.txt", 0, founded, lang=lang)
        at = founded.index(company)
        a.entities = [
            Entity(person, "PERSON", 0, len(person)),
            Entity(company, "ORG", at, at + len(company)),
        ]
        b = Record(f"{doc}:1", doc, f"{doc}.txt", 1, later, lang=lang)
        at = later.index(surname)
        b.entities = [Entity(surname, reading, at, at + len(surname))]
        want = {"company": company, "person": person, "none": surname}[cls]
        out.append((cls, want, surname, [a, b]))
    return out


def faults(rules: Rules) -> list[tuple[str, str, str | None]]:
    cases = documents()
    with using(rules):
        Linker().link_all([r for *_, records in cases for r in records])
    return [
        (cls, records[1].text, records[1].entities[0].canonical)
        for cls, want, _, records in cases
        if records[1].entities[0].canonical != want
    ]


def test_a_bare_name_shared_by_a_founder_and_a_company_goes_by_its_sentence() -> None:
    """hostile47 G24: 48 generated documents (3 evidence classes × 2 languages × 2 sentences
    × 4 readings of the bare name); on main 31 went against their sentence or were linked
    without evidence, none after."""
    found = faults(Rules.default())
    assert not found, (len(found), found[:4])
