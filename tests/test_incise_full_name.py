"""A full name the model read as an organisation that speaks in an English compound-tense
incise after a quotation ('"…," X Y has said.', '"…," X Y has told reporters.') is a person
(hostile49 E18, rule `incise_full_name`); an organisation's name with its head ("X Y Group")
and one quoted in the simple past ('"…," X Y said.': how the news quotes companies) stay as
read. Generated: invented names, the readings given (no model)."""

from __future__ import annotations

import random

from pipeline.evidence import relabel_people
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from tests.test_link_evidence_generated import distinct

QUOTES = ["We shot without artificial light", "I wanted silence", "It took four years"]
INCISES = ["{X} has said.", "{X} has told reporters.", "{X} has explained.", "{X} had said."]
KEPT = ["{X} Group has said.", "{X} said."]  # an organisation's head; the simple past


def record(rng: random.Random, incise: str, name: str) -> tuple[Record, str]:
    text = f'"{rng.choice(QUOTES)}," ' + incise.replace("{X}", name)
    whole = incise.replace("{X}", name).removesuffix(" has said.").removesuffix(" said.")
    spoken = name if "Group" not in incise else whole
    start = text.index(spoken)
    entity = Entity(spoken, "ORG", start, start + len(spoken), mention="m0")
    return Record("d:0", "d", "<gen>", 0, text, lang="en", entities=[entity]), spoken


def labels(rules: Rules, incises: list[str], n: int = 40) -> list[str]:
    rng = random.Random("incise-full-name")
    out = []
    for _ in range(n):
        first, last = distinct(rng, 2)
        rec, _ = record(rng, rng.choice(incises), f"{first} {last}")
        with using(rules):
            relabel_people([rec])
        out.append(rec.entities[0].label)
    return out


def test_a_full_name_speaking_in_a_compound_incise_is_a_person() -> None:
    found = labels(Rules.default(), INCISES)
    assert found.count("PERSON") == len(found), found.count("ORG")


def test_organisations_and_simple_past_stay_as_read() -> None:
    assert set(labels(Rules.default(), KEPT)) == {"ORG"}


def test_rule_off_leaves_the_reading() -> None:
    assert "ORG" in labels(Rules.default().with_("incise_full_name", False), INCISES)
