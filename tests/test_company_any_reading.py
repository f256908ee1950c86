"""A company next to business wording is an organisation whatever the model read it as
(hostile49 E10, rule `business_any_reading`): a person ("X a annoncé une hausse de son
chiffre d'affaires"), a work (MISC) or a place ("X exploite 46 salles"; never a place after
"in"/"à"), in the original, and in the translation where the source model missed the name and
its reading was lifted from the translation's. Generated: invented names, business sentences
of English and French by template, the readings given (no model)."""

from __future__ import annotations

import random

import pytest

from pipeline.evidence import relabel_companies
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from tests.test_link_evidence_generated import distinct

BUSINESS = {
    "fr": [
        "{X} a annoncé une hausse de {n} % de son chiffre d'affaires en 2024.",
        "{X} exploite {n} salles en France.",
        "{X} distribuera le film dans {n} salles le 12 mars.",
        "{X} a publié un résultat net en baisse de {n} %.",
        "Les actionnaires de {X} ont validé le dividende.",
    ],
    "en": [
        "Shares in {X} fell {n}% on Friday.",
        "{X} operates {n} screens across the country.",
        "{X} posted a {n}% rise in revenue last year.",
        "{X} will release the film on {n} screens in March.",
    ],
}
PLACE = {  # a place's business: left as read
    "fr": "Les ventes ont reculé à {X} l'an dernier.",
    "en": "Sales rose {n}% in {X} last year.",
}


def document(rng: random.Random, name: str, label: str, lang: str, lifted: bool,
             templates: list[str]) -> Record:  # fmt: skip
    """One record writing `name` once per template, read `label`; `lifted`: the translation
    carries each mention with the same reading (the source model missed it)."""
    text, entities = "", []
    for template in templates:
        sentence = template.replace("{n}", str(rng.randint(2, 99)))
        start = len(text) + sentence.index("{X}")
        m = f"m{len(entities) // (2 if lifted else 1)}"
        entities.append(Entity(name, label, start, start + len(name), mention=m))
        if lifted:  # the translation written as the text, for the offsets' sake
            entities.append(Entity(name, label, start, start + len(name), "translation", m))
        text += sentence.replace("{X}", name) + " "
    return Record("d:0", "d", "<gen>", 0, text.strip(), lang=lang, entities=entities)


def wrong(rules: Rules, n: int = 60) -> tuple[int, list[str]]:
    rng = random.Random("company-any-reading")
    out, total = [], 0
    for _ in range(n):
        (name,) = distinct(rng, 1)
        lang = rng.choice(["fr", "en"])
        label = rng.choice(["PERSON", "MISC", "LOC"])
        record = document(rng, name, label, lang, rng.random() < 0.5,
                          rng.sample(BUSINESS[lang], 2))  # fmt: skip
        with using(rules):
            relabel_companies([record])
        total += len(record.entities)
        out += [f"{record.text!r} {e.field} {e.label}" for e in record.entities if e.label != "ORG"]
    return total, out


def test_business_wording_makes_an_organisation_whatever_the_reading() -> None:
    total, found = wrong(Rules.default())
    assert not found, (len(found), total, found[:3])


def test_rule_off_leaves_the_readings() -> None:
    _, found = wrong(Rules.default().with_("business_any_reading", False))
    assert found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_place_after_a_preposition_stays_a_place(lang: str) -> None:
    rng = random.Random(lang)
    record = document(rng, "Zelvaunec", "LOC", lang, False, [PLACE[lang]])
    relabel_companies([record])
    assert [e.label for e in record.entities] == ["LOC"]
