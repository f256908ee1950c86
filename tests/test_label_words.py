"""A credit's label written whole before a name, opening a line or a row's cell, holds no name
(h49 E12): "X Y / Assistant réalisateur Z W" gave "Assistant" PERSON, "Sound Mixer Z W" gave
"Mixer" ORG, each an index row. Every label of two words or more of `models/cues.json` (French
and English), each of its words as the model's mention, in each row shape; the same word in a
sentence stays the model's. The names are made up."""

from __future__ import annotations

import pytest

from pipeline.entities import credit_labels, no_name
from pipeline.record import Entity, Record

NAME, OTHER = "Lou van Varnour", "Anselme Besnström"
SHAPES = {
    "line": "{label} {name}",
    "colon": "{label} : {name}",
    "slash": "{other} / {label} {name}",
    "tab": "{other}\t{label} : {name}",
    "gap": "Image : {other}    {label} : {name}",
}


def cases() -> list[tuple[str, str, int, int, str]]:
    out = []
    for lang in ("fr", "en"):
        for phrase in credit_labels(lang):
            if len(phrase) < 2:
                continue
            label = " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(phrase))
            for shape, pattern in SHAPES.items():
                text = pattern.format(label=label, name=NAME, other=OTHER)
                at = text.index(label)
                for word in label.split():
                    if not word[:1].isalpha() or len(word) <= 3:  # a function word: no mention
                        continue
                    start = text.index(word, at)
                    out.append((lang, text, start, start + len(word), shape))
    return out


CASES = cases()


def test_the_table_is_large() -> None:
    assert len(CASES) >= 200


def test_a_labels_word_before_a_name_is_no_name() -> None:
    missed = []
    for lang, text, start, end, _shape in CASES:
        record = Record("d:0", "d", "d.txt", 0, text, lang=lang)
        if not no_name(record, Entity(text[start:end], "PERSON", start, end)):
            missed.append((text, text[start:end]))
    assert missed == [], f"{len(missed)} of {len(CASES)}: {missed[:5]}"


@pytest.mark.parametrize(
    ("text", "word"),
    [("He met the Sound Mixer Bob Varnour yesterday.", "Mixer"),
     ("The Assistant Director Tom Varnour came.", "Assistant"),
     ("Varnour, premier assistant de Fennault, arrive.", "Varnour")],
)  # fmt: skip
def test_the_same_word_in_a_sentence_stays_the_models(text: str, word: str) -> None:
    start = text.index(word)
    record = Record("d:0", "d", "d.txt", 0, text, lang="en")
    assert not no_name(record, Entity(word, "PERSON", start, start + len(word)))
