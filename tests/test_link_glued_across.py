"""A short form links to a longer name of ANOTHER document only where that name is shown to be
what the short form is (#31 item 3, hostile49 E9 / E17): a person's name the model read as an
organisation ("Orla X" read ORG, or a city glued to it, "Nantes Orla X") is no company, so a
company's or a city's bare name elsewhere ("la boîte de production X", "Shares in X fell",
"Né à Nantes") does not become it. A longer name that shows an organisation (a head or legal
form among its words, a document's business wording) still takes the bare name of other
documents (reuters128: "Reuters" → "Reuters Holdings Plc"). Generated: invented names, the
readings given (no model)."""

from __future__ import annotations

import random

import pytest

from pipeline.record import Entity, Record
from pipeline.rules import Rules
from tests.test_link_evidence_generated import distinct
from tests.test_link_generalise import linked

LONG = [  # the longer name's sentence: a person's doing, no organisation's sign
    "{X} edited the film alone.",
    '"We shot without artificial light," {X} has said.',
    "In Porto, {X} shot for six weeks.",
    "{X} a tourné le film en six semaines.",
]
SHORT_COMPANY = [  # the bare name's own document: a company
    "Le film est distribué par la boîte de production {X}, qui le sortira en salles.",
    "Shares in {X} fell {n}% on Friday.",
    "{X} a annoncé une hausse de {n} % de son chiffre d'affaires.",
    "The film is released by {X}, which plans a wide release.",
]
SHORT_PLACE = [  # the bare name's own document: a place
    "Né à {X}, il a grandi en Suisse.",
    "Shot in {X} by a small crew, the film follows three sisters.",
    "{X} accueille le festival depuis {n} ans.",
]
HEADS = ["Holdings Plc", "Films", "Group", "Inc"]  # what an organisation's name says itself


def sentence(template: str, name: str, label: str, doc: str, rng: random.Random) -> Record:
    text = template.replace("{n}", str(rng.randint(2, 99)))
    start = text.index("{X}")
    text = text.replace("{X}", name)
    entity = Entity(name, label, start, start + len(name), mention="m0")
    lang = "fr" if any(w in text for w in (" le ", "Le ", " à ", " a ")) else "en"
    return Record(f"{doc}:0", doc, "<gen>", 0, text, lang=lang, entities=[entity])


def case(rng: random.Random, shape: str) -> tuple[list[Record], str]:
    """One document naming the longer name, others its short form; the canonical the short
    form must get."""
    first, last, last2, city = distinct(rng, 4)
    short_label = rng.choice(["ORG", "ORG", "LOC"])
    if shape == "person":  # "Orla X" read ORG; "X" a company elsewhere
        full, short, templates = f"{first} {last}", last, SHORT_COMPANY
    elif shape == "hyphen":  # "Orla Y-X" read ORG; "X" a company elsewhere
        full, short, templates = f"{first} {last2}-{last}", last, SHORT_COMPANY
    elif shape == "glued":  # "Nantes Orla X" one mention read ORG; "Nantes" a place
        full, short, templates = f"{city} {first} {last}", city, SHORT_PLACE
    else:  # "X Holdings Plc": an organisation by its own words; "X" links across
        full, short = f"{last} {rng.choice(HEADS)}", last
        templates, short_label = SHORT_COMPANY, "ORG"
    long_doc = sentence(rng.choice(LONG), full, "ORG", "long", rng)
    if shape == "company":
        long_doc = sentence("{X} reported a {n}% rise in revenue.", full, "ORG", "long", rng)
    others = [
        sentence(t, short, short_label, f"short{i}", rng)
        for i, t in enumerate(rng.sample(templates, rng.randint(1, 2)))
    ]
    return [long_doc, *others], (full if shape == "company" else short)


def wrong(shape: str, rules: Rules, n: int = 40) -> list[str]:
    rng = random.Random(f"glued-across-{shape}")
    out = []
    for _ in range(n):
        records, want = case(rng, shape)
        linked(records, rules)
        out += [f"{r.text!r}: {e.canonical!r}" for r in records[1:] for e in r.entities
                if e.canonical != want]  # fmt: skip
    return out


@pytest.mark.parametrize("shape", ["person", "hyphen", "glued", "company"])
def test_short_form_across_documents_only_to_its_kind(shape: str) -> None:
    found = wrong(shape, Rules.default())
    assert not found, (len(found), found[:3])


def test_rule_off_links_across() -> None:
    """The rule is what holds the class: off, the short forms go to the person's name."""
    off = Rules.default().with_("org_shown_across", False)
    assert wrong("person", off, 10) and wrong("glued", off, 10)
