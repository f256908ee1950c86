"""A `pdftotext -layout` crew table ("X Y      Montage      Espagne"): the model reads a whole
row as one PERSON span, `column_gap` cuts it at the gaps, and a cell cut from it takes the
label the model gives the cell read alone, not the row's (#31 item 2, hostile47 G16: the
country was a PERSON in 104 of 120 rows). Rows generated: invented names, generic jobs,
countries."""

from __future__ import annotations

import random

from pipeline.record import Record
from pipeline.rules import Rules
from pipeline.stages.extract import Extract
from tests.test_credit_records import person

JOBS = ["Montage", "Image", "Son", "Décors", "Costumes", "Mixage"]
COUNTRIES = ["Espagne", "Italie", "Allemagne", "Suisse", "Canada", "Maroc", "Portugal"]


def country_labels(rules: Rules, count: int = 40) -> list[tuple[str, str]]:
    """The country mentions of `count` generated layout rows that are not LOC."""
    rng = random.Random("g16")
    records = []
    for i in range(count):
        rows = [
            f"{person(rng):<28}{rng.choice(JOBS):<16}{rng.choice(COUNTRIES)}"
            for _ in range(rng.randint(3, 5))
        ]
        text = "\n".join(rows)
        records.append(Record(f"{i}:0", str(i), "<gen>", 0, text, lang="fr"))
    out = Extract(fields=["text"], rules=rules)(records)
    return [
        (e.text, e.label)
        for r in out
        for e in r.entities
        if e.field == "text" and e.text in COUNTRIES and e.label != "LOC"
    ]


def test_a_layout_rows_country_is_a_place() -> None:
    """hostile47 G16: 40 generated tables (160 rows); with the rule off (main) 38 countries
    not LOC (MISC 33, PERSON 3, ORG 2), none with it."""
    wrong = country_labels(Rules.default())
    assert not wrong, (len(wrong), wrong[:5])
    assert country_labels(Rules.default().with_("cell_labels", False))
