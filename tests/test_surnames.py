"""A person named in full is named by surname further on in the document (rule `surnames`, #31
item 5): the surname is tagged as a person where it stands alone, not inside a hyphenated
compound, not after a capitalised word (a full name the model missed), not when a name of
another kind in the document holds it. Names are generated; the sentences are written here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.entities import complete_document
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "dun", "trel", "quo", "zar"]
NAME = st.lists(st.sampled_from(SYLLABLES), min_size=3, max_size=3).map(
    lambda s: "".join(s).capitalize()
)
ALONE = [  # {s}: the surname, standing alone
    "{s} graduated in physics in 1957.",
    "In 1962, {s} went to the United States.",
    "Later that year, the committee appointed {s} to the board.",
    "The prize went to {s}, who declined it.",
]
NOT_ALONE = [  # {s}: the surname inside something longer
    "The {s}-Morel expedition left in 1899.",
    "They met Quentin {s} at the harbour.",
    "A street was named Avenue {s} in his honour.",
]


def document(first: str, surname: str, sentences: list[str], other: str | None) -> list[Record]:
    texts = [f"{first} {surname} was born in a small village."] + [
        t.format(s=surname) for t in sentences
    ]
    records = []
    for i, text in enumerate(texts):
        entities = [Entity(f"{first} {surname}", "PERSON", 0, len(first) + len(surname) + 1)]
        records.append(
            Record(f"r{i}", "d", "<memory>", i, text, lang="en", entities=entities if not i else [])
        )
    if other:  # a name of another kind that holds the surname
        text = f"The {other} was founded later."
        at = text.index(other)
        records.append(Record("o", "d", "<memory>", 9, text, lang="en",
                              entities=[Entity(other, "ORG", at, at + len(other))]))  # fmt: skip
    return records


def tagged(records: list[Record], surname: str) -> list[tuple[str, str]]:
    return [(r.id, e.label) for r in records for e in r.entities if e.text == surname]


@given(NAME, NAME, st.lists(st.sampled_from(ALONE), min_size=1, max_size=4))
def test_a_surname_alone_is_the_person(first: str, surname: str, sentences: list[str]) -> None:
    records = document(first, surname, sentences, None)
    complete_document(records, {}, propagate=True)
    want = [(f"r{i}", "PERSON") for i in range(1, len(sentences) + 1)]
    assert tagged(records, surname) == want
    records = document(first, surname, sentences, None)
    with using(Rules.default().with_("surnames", False)):
        complete_document(records, {}, propagate=True)
    assert tagged(records, surname) == []


@given(NAME, NAME, st.lists(st.sampled_from(NOT_ALONE), min_size=1, max_size=3))
def test_a_surname_inside_a_longer_name_is_not_tagged(
    first: str, surname: str, sentences: list[str]
) -> None:
    records = document(first, surname, sentences, None)
    complete_document(records, {}, propagate=True)
    assert tagged(records, surname) == []


@given(NAME, NAME, st.lists(st.sampled_from(ALONE), min_size=1, max_size=3))
def test_a_surname_another_kind_of_name_holds_is_not_tagged(
    first: str, surname: str, sentences: list[str]
) -> None:
    records = document(first, surname, sentences, f"{surname} Motor Company")
    complete_document(records, {}, propagate=True)
    assert tagged(records, surname) == []
