"""A section heading's word alone as the model's mention ("Chapitre" of "Chapitre 2" at the head
of an English chapter, read LOC: an index row, h49 E12) is no name, as the heading whole
("Chapitre III") is not: every section word of `models/cues.json` before a figure, a Roman
numeral or an ordinal word; the same word before anything else stays the model's."""

from __future__ import annotations

from pipeline.entities import not_a_name, not_name_words

SECTIONS, NUMBERS, _ = not_name_words("en")
AFTER = ["2", "12", "IV", "xi", "3.", *sorted(NUMBERS)[:3]]


def test_a_section_word_alone_before_its_number_is_no_name() -> None:
    missed = []
    for word in sorted(SECTIONS):
        for number in AFTER:
            for cased in (word.capitalize(), word.upper()):
                text = f"{cased} {number}\nIt was raining."
                if not not_a_name(text, 0, len(cased), "en"):
                    missed.append(text.split("\n")[0])
    assert missed == [], f"{len(missed)} of {len(SECTIONS) * len(AFTER) * 2}: {missed[:5]}"


def test_a_section_word_before_a_word_stays_the_models() -> None:
    for word in sorted(SECTIONS):
        text = f"{word.capitalize()} Varnour came back."
        assert not not_a_name(text, 0, len(word), "en"), text
