"""A company named after its founder is an organisation where its document's business nouns
speak of it (hostile45 E8, #31 item 3): "X a annoncé une hausse de son chiffre d'affaires",
"X reported a rise in revenue", "les ventes de X" — whatever the model read (a person, a
place). A person's document keeps its people: a title, speech, a count that is no business
("X a tourné 3 films"). Exhaustive over the templates below × invented surnames; the model's
reading stood in for by an entity at each occurrence, so no model runs."""

from __future__ import annotations

import random

from pipeline.entities import occurrences
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from pipeline.stages.extract_fields import TextRole

SYLLABLES = ["del", "vaux", "bro", "quart", "mal", "brancq", "pé", "ra", "chon", "gon", "drand"]
COMPANY = {
    "fr": ["{X} a annoncé une hausse de 9 % de son chiffre d'affaires en 2023.",
           "{X} a versé un dividende record à ses actionnaires.",
           "Les ventes de {X} ont reculé l'an dernier.",
           "{X} a ouvert deux filiales en Belgique."],
    "en": ["{X} reported a 9% rise in revenue in 2023.",
           "{X} paid a record dividend to its shareholders.",
           "{X}'s chief executive resigned on Monday.",
           "{X} opened two subsidiaries in Belgium."],
}  # fmt: skip
FOLLOW = {"fr": "{X} exploite des cinémas en France.", "en": "{X} operates cinemas in France."}
PERSON = {
    "fr": ["M. {X} a tourné 3 films.", "« Je reviendrai », dit {X}.", "{X} est né à Lyon."],
    "en": ["Mr. {X} shot 3 films.", '"I will be back," said {X}.', "{X} was born in Lyon."],
}  # fmt: skip


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()


def labels(
    lang: str, sentences: list[str], name: str, read_as: str, full: str | None = None
) -> list[str]:
    records = []
    for i, text in enumerate(sentences):
        record = Record(id=f"d:{i}", doc_id="d", source="d.txt", seq=i, text=text)
        record.lang = lang
        spans = [] if full is None else list(occurrences(text, full))
        record.entities = [Entity(full or "", "PERSON", start, end) for start, end in spans]
        spans = [s for s in occurrences(text, name) if not any(a <= s[0] < b for a, b in spans)]
        record.entities += [Entity(name, read_as, start, end) for start, end in spans]
        records.append(record)
    TextRole().relabel([records])
    return [e.label for r in records for e in r.entities if e.text == name]


def test_business_nouns_make_a_company_of_a_name() -> None:
    rng = random.Random(8)
    wrong, total = [], 0
    for lang, templates in COMPANY.items():
        for template in templates:
            for read_as in ("PERSON",):
                x = surname(rng)
                got = labels(lang, [template.format(X=x), FOLLOW[lang].format(X=x)], x, read_as)
                total += 1
                if set(got) != {"ORG"}:
                    wrong.append((template, read_as, got))
    assert not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"


PLACE = {  # a place's business: after a preposition of place, or its possessive's nightlife
    "fr": ["Les ventes ont reculé à {X} l'an dernier.", "Les usines de la région de {X} ferment."],
    "en": ["{X}'s nightlife drew record sales.", "Sales rose 9% in {X} last year."],
}


def test_places_stay_places() -> None:
    """ "Miami's nightlife … sales", "sales rose in X": a place's business is no company's.
    (A name read as a place that opens a company's sentence, "X reported a 9% rise in
    revenue", is one since rule `business_any_reading`, hostile49 E10; off, it stays.)"""
    rng = random.Random(11)
    for lang, templates in PLACE.items():
        for template in templates:
            x = surname(rng)
            got = labels(lang, [template.format(X=x)], x, "LOC")
            assert set(got) == {"LOC"}, template
    with using(Rules.default().with_("business_any_reading", False)):
        for lang, templates in COMPANY.items():
            for template in templates:
                x = surname(rng)
                got = labels(lang, [template.format(X=x), FOLLOW[lang].format(X=x)], x, "LOC")
                assert set(got) == {"LOC"}, template


def test_people_stay_people() -> None:
    rng = random.Random(9)
    for lang, templates in PERSON.items():
        for template in templates:
            x = surname(rng)
            sentences = [template.format(X=x), COMPANY[lang][0].format(X=x)]
            assert set(labels(lang, sentences, x, "PERSON")) == {"PERSON"}, template


def test_a_person_named_in_full_keeps_the_bare_surname() -> None:
    """ "Paul X … X's shares": the document's person, not a company."""
    rng = random.Random(10)
    for lang, templates in COMPANY.items():
        for template in templates:
            x = surname(rng)
            full = f"Paul {x}"
            sentences = [f"{full} est arrivé." if lang == "fr" else f"{full} arrived.",
                         template.format(X=x)]  # fmt: skip
            assert set(labels(lang, sentences, x, "PERSON", full)) == {"PERSON"}, template
