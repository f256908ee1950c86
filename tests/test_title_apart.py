"""A quoted work title after "le film"/"the film" is no person of its document who bears that
given name (hostile49 E6, rule `title_apart`): 'Son court métrage, le film « Héloïse », avait
déjà été primé.' beside "Héloïse X" stays the title, labelled as read (MISC), never linked
to her. A bare given name that is no title still links to its document's person.
Generated: invented names, French and English sentences, the readings given (no model)."""

from __future__ import annotations

import random

from pipeline.record import Entity, Record
from pipeline.rules import Rules
from tests.test_link_evidence_generated import distinct
from tests.test_link_generalise import linked

PERSON = {"fr": "{P} a grandi à Lyon.", "en": "{P} grew up in Cork."}
TITLE = {
    "fr": [
        "Son court métrage, le film « {T} », avait déjà été primé.",
        "Le film « {T} » sort mercredi.",
    ],
    "en": [
        'Her short, the film "{T}", had already won a prize.',
        'The film "{T}" opens on Wednesday.',
    ],
}
BARE = {"fr": "{T} a tourné à Nantes.", "en": "{T} shot in Leeds."}


def document(rng: random.Random, title: bool) -> tuple[Record, str]:
    """A person in full, then the given name as a quoted title (or bare, as the person)."""
    lang = rng.choice(["fr", "en"])
    first, last = distinct(rng, 2)
    full = f"{first} {last}"
    text = PERSON[lang].replace("{P}", full) + " "
    entities = [Entity(full, "PERSON", 0, len(full), mention="m0")]
    second = rng.choice(TITLE[lang]) if title else BARE[lang]
    start = len(text) + second.index("{T}")
    text += second.replace("{T}", first)
    label = "MISC" if title else "PERSON"
    entities.append(Entity(first, label, start, start + len(first), mention="m1"))
    record = Record("d:0", "d", "<gen>", 0, text, lang=lang, entities=entities)
    return record, first if title else full


def wrong(rules: Rules, title: bool, n: int = 40) -> list[str]:
    rng = random.Random(f"title-apart-{title}")
    out = []
    for i in range(n):
        record, want = document(rng, title)
        record.id, record.doc_id = f"d{i}:0", f"d{i}"
        linked([record], rules)
        e = record.entities[1]
        if e.canonical != want or (title and e.label == "PERSON"):
            out.append(f"{record.text!r}: {e.canonical} {e.label}")
    return out


def test_a_quoted_title_is_no_person_of_its_document() -> None:
    found = wrong(Rules.default(), True)
    assert not found, (len(found), found[:3])


def test_a_bare_given_name_still_links() -> None:
    assert not wrong(Rules.default(), False)


def test_rule_off_links_the_title() -> None:
    assert wrong(Rules.default().with_("title_apart", False), True)
