"""A company named after its founder is never merged into him (#31 item 3, hostile45 E8), and
a bare surname of the news still links to the only person of that name the corpus writes in
full (#31 item 5: requiring a person's sign cost msnbc -0.3, oke2016 -0.8 B-cubed F1): what
decides is what the bare name's own document says of an organisation (`organisation_signs`).
Generated here: invented names, sentences of business in English and French, the bare name
read as a person (what a model does with an unknown surname) or as an organisation."""

from __future__ import annotations

import random

import pytest

from pipeline.evidence import organisation_signs
from pipeline.record import Entity, Record
from pipeline.rules import Rules
from tests.test_link_evidence_generated import distinct
from tests.test_link_generalise import linked

COMPANY = {
    "fr": [
        "{X} a annoncé une hausse de {n} % de son chiffre d'affaires en 20{y}.",
        "{X} exploite {n} salles en Europe.",
        "{X} emploie {n} salariés dans trois usines.",
        "{X} a racheté un concurrent pour {n} millions d'euros.",
        "Les ventes de {X} ont reculé l'an dernier.",
        "{X} a versé un dividende record.",
        "{X} a ouvert {n} magasins cette année.",
    ],
    "en": [
        "{X} reported a {n}% rise in revenue in 20{y}.",
        "{X} operates {n} theatres in Europe.",
        "{X}'s chief executive resigned on Monday.",
        "{X} employs {n} people at two plants.",
        "{X} bought a rival for ${n} million.",
        "She worked at {X} for {n} years.",
        "{X} shares fell {n} percent.",
        "{X} said its profit doubled.",
    ],
}
PERSON = {  # what a person does in a sentence: no sign of an organisation
    "fr": [
        "{X} a passé {n} ans en prison.",
        "{X} est né en 19{y}.",
        "Le jeudi, il dîne chez {X}.",
        "{X} a remporté l'élection.",
        "{X} a quitté la ville à {n} ans.",
    ],
    "en": [
        "{X} served {n} years in prison.",
        "{X} was born in 19{y}.",
        "{X} won the election.",
        "{X} said that the talks would go on.",
        "{X} spent {n} months abroad.",
    ],
}


def document(doc: str, templates: list[str], name: str, label: str, lang: str,
             rng: random.Random) -> Record:  # fmt: skip
    """One record writing `name` once in each template, read as `label`."""
    text, entities = "", []
    for template in templates:
        sentence = template.replace("{n}", str(rng.randint(2, 99)))
        sentence = sentence.replace("{y}", str(rng.randint(10, 23)))
        start = len(text) + sentence.index("{X}")
        entities.append(Entity(name, label, start, start + len(name), mention=f"m{len(entities)}"))
        text += sentence.replace("{X}", name) + " "
    return Record(f"{doc}:0", doc, "<gen>", 0, text.strip(), lang=lang, entities=entities)


def case(rng: random.Random, company: bool) -> tuple[list[Record], str]:
    """The founder in full in one document; his bare surname in another, of a company or of
    a person; the canonical that bare surname must get."""
    first, surname = distinct(rng, 2)
    full = f"{first} {surname}"
    text = f"{full} founded a workshop in 1898. {full} died in 1932."
    founder = Entity(full, "PERSON", 0, len(full), mention="m0")
    bio = Record("bio:0", "bio", "<gen>", 0, text, lang="en", entities=[founder])
    lang = rng.choice(["fr", "en"])
    templates = rng.sample((COMPANY if company else PERSON)[lang], rng.randint(1, 2))
    label = rng.choice(["PERSON", "PERSON", "ORG"]) if company else "PERSON"
    return [bio, document("bare", templates, surname, label, lang, rng)], (
        surname if company else full
    )


def wrong(company: bool, n: int = 60) -> list[str]:
    rng = random.Random(f"company-signs-{company}")
    out = []
    for _ in range(n):
        records, want = case(rng, company)
        linked(records, Rules.default())
        out += [f"{records[1].text!r}: {e.canonical!r}" for e in records[1].entities
                if e.canonical != want]  # fmt: skip
    return out


@pytest.mark.parametrize("company", [True, False])
def test_company_never_merged_into_founder_person_still_linked(company: bool) -> None:
    found = wrong(company)
    assert not found, (len(found), found[:3])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_signs_by_sentence(lang: str) -> None:
    """Each company sentence shows an organisation at its name; no person sentence does."""
    rng = random.Random(lang)
    for templates, want in ((COMPANY[lang], True), (PERSON[lang], False)):
        for template in templates:
            record = document("d", [template], "Zobel", "PERSON", lang, rng)
            e = record.entities[0]
            assert organisation_signs(record.text, e.start, e.end, lang) is want, record.text
