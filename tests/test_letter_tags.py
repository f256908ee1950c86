"""An interview's one-letter tags with a full stop or a dash ("Q. …", "R. …", "A — …") open
turns and are no names (h47 G4), alone or with the function word the model took with them
("Q. How"); a name after it is cut from it; a person's initial and surname stays. Generated: letters,
shapes and names at random; the model's readings given."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Entity, Record
from pipeline.speakers import drop_letter_tags

QUESTIONS = {"en": ["How did it start?", "Why here?"], "fr": ["Comment est né le projet ?"]}
WORDS = {"en": "How", "fr": "Pourquoi"}


def interview(seed: int) -> tuple[list[Record], int]:
    """Records of an interview and how many mentions are tags (the rest are names)."""
    rng = random.Random(seed)
    lang = rng.choice(["en", "fr"])
    ask, answer = rng.sample("QRAI", 2)
    mark = rng.choice([". ", " — ", " - "])
    records, tags = [], 0
    for i in range(rng.randint(2, 4)):
        for letter in (ask, answer):
            with_word = rng.random() < 0.3 and mark == ". "
            text = f"{letter}{mark}{WORDS[lang]} {rng.choice(QUESTIONS[lang])}"
            span = f"{letter}{mark}{WORDS[lang]}" if with_word else letter + mark.strip()[:1]
            span = span if mark == ". " else letter
            entities = [Entity(span, "PERSON", 0, len(span), mention="m0")]
            records.append(
                Record(f"d:{len(records)}", "d", "<gen>", i, text, lang, entities=entities)
            )
            tags += 1
    name = f"{rng.choice('JKLM')}. Vorlanek"
    text = f"{name} a signé la musique."
    person = Entity(name, "PERSON", 0, len(name), mention="m0")
    records.append(Record(f"d:{len(records)}", "d", "<gen>", 9, text, lang, entities=[person]))
    return records, tags


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**6))
def test_an_interview_s_letter_tags_are_no_names(seed: int) -> None:
    records, _ = interview(seed)
    drop_letter_tags(records)
    kept = [e.text for r in records for e in r.entities]
    assert kept == [records[-1].entities[0].text] and kept[0].endswith("Vorlanek")


def test_a_letter_opening_one_line_is_left_to_the_model() -> None:
    r = Record("d:0", "d", "<gen>", 0, "Q. Smith est venu.", "fr")
    r.entities = [Entity("Q. Smith", "PERSON", 0, 8)]
    drop_letter_tags([r])
    assert [e.text for e in r.entities] == ["Q. Smith"]


def test_a_name_after_a_tag_is_cut_from_it() -> None:
    texts = ["Q. Kalmirenne Vostadou, pourquoi ?", "Q. Et ensuite ?"]
    records = [Record(f"d:{i}", "d", "<gen>", i, t, "fr") for i, t in enumerate(texts)]
    records[0].entities = [Entity("Q. Kalmirenne Vostadou", "PERSON", 0, 22)]
    drop_letter_tags(records)
    assert [(e.text, e.start) for e in records[0].entities] == [("Kalmirenne Vostadou", 3)]


def test_a_title_s_abbreviation_opening_lines_is_no_tag() -> None:
    texts = ["M. Kalmiren entra.", "M. Kalmiren sortit."]
    records = [Record(f"d:{i}", "d", "<gen>", i, t, "fr") for i, t in enumerate(texts)]
    for r in records:
        r.entities = [Entity("M. Kalmiren", "PERSON", 0, 11)]
    drop_letter_tags(records)
    assert [e.text for r in records for e in r.entities] == ["M. Kalmiren"] * 2
