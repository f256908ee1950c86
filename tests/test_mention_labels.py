"""A mention its document links to another entity takes its own reading with it (hostile49
E7, rule `mention_labels`): "the studio X" of one document stays an organisation though
another document writes "Y X" and then a bare "X" (linked to that person there), which used
to outvote it by the name's corpus-wide label. Generated: invented names, English and French
role nouns before the company, the readings given (no model)."""

from __future__ import annotations

import random

from pipeline.record import Entity, Record
from pipeline.rules import Rules
from tests.test_link_evidence_generated import distinct
from tests.test_link_generalise import linked

COMPANY = [
    ("en", "The film is released by the studio {X}, which plans a wide release."),
    ("en", "The distributor {X} will open it in March."),
    ("fr", "Le film est distribué par la société {X}, qui le sortira en mars."),
]
PERSON = [  # the person in full, then bare, in one document
    ("fr", "Le scénario est coécrit par {F} {X}. {X} a composé la partition en trois semaines."),
    ("en", "The script is by {F} {X}. {X} wrote it in three weeks. {X} said so herself."),
]


def corpus(rng: random.Random) -> tuple[list[Record], Entity]:
    first, name = distinct(rng, 2)
    lang, text = rng.choice(PERSON)
    text = text.replace("{F}", first).replace("{X}", name)
    full = f"{first} {name}"
    entities = [Entity(full, "PERSON", text.index(full), text.index(full) + len(full))]
    at = text.index(full) + len(full)
    while (at := text.find(name, at)) >= 0:
        entities.append(Entity(name, "PERSON", at, at + len(name)))
        at += len(name)
    for i, e in enumerate(entities):
        e.mention = f"m{i}"
    person = Record("p:0", "p", "<gen>", 0, text, lang=lang, entities=entities)
    lang, text = rng.choice(COMPANY)
    start = text.index("{X}")
    text = text.replace("{X}", name)
    company = Entity(name, "PERSON", start, start + len(name), mention="m0")  # as a model may
    return [person, Record("c:0", "c", "<gen>", 0, text, lang=lang, entities=[company])], company


def wrong(rules: Rules, n: int = 40) -> list[str]:
    rng = random.Random("mention-labels")
    out = []
    for _ in range(n):
        records, company = corpus(rng)
        linked(records, rules)
        if company.label != "ORG" or any(e.label != "PERSON" for e in records[0].entities):
            out.append(f"{records[1].text!r}: {company.label}")
    return out


def test_a_company_keeps_its_label_beside_a_person_of_its_name() -> None:
    found = wrong(Rules.default())
    assert not found, (len(found), found[:3])


def test_rule_off_the_corpus_vote_wins() -> None:
    assert wrong(Rules.default().with_("mention_labels", False))
