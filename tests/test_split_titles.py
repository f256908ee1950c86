"""A document's title line in mixed case that the model cut into pieces ("Salt and Iron":
"Salt" ORG, "Iron" ORG, two index rows, h49 E12) is one work's title, MISC, as a title line in
capitals is; a line of people or places ("X Y et Z W", "Brest and Quimper") or a line with
other words is left as read. Titles made up from common words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evidence import split_titles
from pipeline.record import Entity, Record

WORDS = ["Salt", "Iron", "Bread", "Roses", "Smoke", "Mirrors", "Ash", "Honey", "Stone", "Tide"]
JOINS = [" and ", " & ", " et ", " of ", ", ", " or "]


def title(words: list[str], joins: list[str], labels: list[str]) -> Record:
    text, entities = "", []
    for i, (word, label) in enumerate(zip(words, labels, strict=True)):
        if i:
            text += joins[i - 1]
        entities.append(Entity(word, label, len(text), len(text) + len(word)))
        text += word
    return Record("d:0", "d", "d.txt", 0, text, lang="en", entities=entities,
                  meta={"kind": "title"})  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 3).flatmap(lambda n: st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=n, max_size=n),
    st.lists(st.sampled_from(JOINS), min_size=n - 1, max_size=n - 1),
    st.lists(st.sampled_from(["ORG", "MISC"]), min_size=n, max_size=n))))  # fmt: skip
def test_a_title_line_cut_into_pieces_is_one_title(case: tuple[list[str], ...]) -> None:
    record = title(*case)
    split_titles([record])
    assert [(e.text, e.label) for e in record.entities] == [(record.text, "MISC")]


def test_a_line_of_people_or_places_or_words_is_left_as_read() -> None:
    people = title(["Anouk Fennault", "Nils Varnour"], [" et "], ["PERSON", "PERSON"])
    places = title(["Brest", "Quimper"], [" and "], ["LOC", "LOC"])
    worded = title(["Salt", "Iron"], [" meets "], ["ORG", "ORG"])
    body = title(["Salt", "Iron"], [" and "], ["ORG", "ORG"])
    body.meta["kind"] = "paragraph"
    for record in (people, places, worded, body):
        before = [(e.text, e.label) for e in record.entities]
        split_titles([record])
        assert [(e.text, e.label) for e in record.entities] == before, record.text
