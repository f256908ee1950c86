"""A hand-wrapped line of a few capitalised words goes on the paragraph (#31 item 1): German
capitalises its nouns, so a wrapped line may hold two or three long ones and nothing else;
"short and capitalised" is no evidence of a list's name there. Generated paragraphs of
invented words with each language's function words, wrapped at a width, one inner line
replaced by two or three capitalised words that fill it."""

from __future__ import annotations

import random

from pipeline.io.segment.credits import is_credit
from pipeline.io.segment.segmenter import Segmenter

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el",
             "no", "gra", "tis", "van", "quen", "zo", "bru", "fen", "hal", "jo", "ste"]  # fmt: skip
FUNCTION = {
    "de": "der die das und mit von für im auf nach wie zu nicht sich auch wurde hat ist",
    "en": "the and of with for in on after as to not also was has is very still",
    "fr": "le la les et avec de pour dans sur après comme pas aussi était très encore",
    "es": "el la los y con de para en sobre después como no también era muy",
    "it": "il la le e con di per in su dopo come non anche era molto ancora",
    "pt": "o a os e com de para em sobre depois como não também era muito",
}
DOCS = 40  # per language; German: 47 of 100 failed before


def word(rng: random.Random, syllables: tuple[int, int] = (2, 4)) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*syllables)))


def paragraph(rng: random.Random, lang: str, width: int) -> list[str]:
    nouns = lang == "de"
    words = [
        rng.choice(FUNCTION[lang].split())
        if rng.random() < 0.45
        else word(rng).capitalize()
        if nouns or rng.random() < 0.3
        else word(rng)
        for _ in range(rng.randint(25, 40))
    ]
    words[-1] += "."
    lines, line = [], []
    for w in words:
        if line and len(" ".join([*line, w])) > width:
            lines.append(" ".join(line))
            line = []
        line.append(w)
    lines.append(" ".join(line))
    while True:  # a line that fills the block with two or three capitalised words
        run = " ".join(word(rng, (3, 8)).capitalize() for _ in range(rng.randint(2, 3)))
        if 0.6 * width <= len(run) <= width:
            break
    lines[rng.randint(1, len(lines) - 2)] = run
    return lines


def test_a_line_of_capitalised_words_goes_on_its_paragraph() -> None:
    faults = []
    for lang in FUNCTION:
        rng = random.Random(f"capitalised-{lang}")
        for _ in range(DOCS):
            width = rng.randint(55, 72)
            paragraphs = [paragraph(rng, lang, width) for _ in range(2)]
            if any(is_credit(line) for p in paragraphs for line in p):
                continue  # "X Y von Z W" inside a German paragraph reads as a credit: apart
            lines = [*paragraphs[0], "", *paragraphs[1]]
            out = Segmenter().segment(list(enumerate(lines, 1)), "d", "d.txt")
            texts = [r.text for r in out if r.dropped is None]
            if texts != [" ".join(p) for p in paragraphs]:
                faults.append((lang, lines, texts))
    assert not faults, (len(faults), faults[:2])


def test_a_list_of_names_after_a_line_of_prose_stays_a_list() -> None:
    lines = ["Die Besetzung des neuen Films von Tala Vorbel umfasst", "Mirko Sandun",
             "Lena Kalofen", "Jorri Stebel."]  # fmt: skip
    out = [r.text for r in Segmenter().segment(list(enumerate(lines, 1)), "d", "d.txt")]
    assert "Mirko Sandun" in out and "Lena Kalofen" in out
