"""A Portuguese ordinal written with a dot and an indicator ("1.º", "2.ª") is carried as
written, and the word after it keeps its case (h47 V25: Apertium's pt→es read "1." as a
sentence's end, "O 1.º lugar" → "It 1.º Place"). Spanish reads its own ("3.º" → "3rd").
Every number of one and two digits × both indicators × frames written for this test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.engines.translate.guard import language_spans
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs, translations

# (frame, the word after the ordinal as the answer writes it in lower case)
FRAMES = [
    ("O {n}.º lugar ficou vazio.", "place"),
    ("A {n}.ª vez foi melhor.", "time"),
    ("Ganhou o {n}.º prémio ontem.", "prize"),
]


@pytest.mark.parametrize("n", range(1, 100))
@pytest.mark.parametrize("mark", ["º", "ª", "ºs", "ªs"])
def test_a_dotted_ordinal_is_one_span_in_portuguese_only(n: int, mark: str) -> None:
    text = f"No {n}.{mark} andar."
    assert language_spans(text, "pt") == [(3, 3 + len(f"{n}.{mark}"))]
    assert language_spans(text, "es") == []


@pytest.fixture(scope="module")
def offline() -> Iterator[Translate]:
    stage = Translate(cache=None, fallback="none")
    yield stage
    stage.close()


@needs_pairs("pt-es", "spa-eng")
def test_the_word_after_a_dotted_ordinal_keeps_its_case(offline: Translate) -> None:
    cases = [(frame.format(n=n), after) for n in (1, 2, 7, 23) for frame, after in FRAMES]
    answers = translations(offline, [text for text, _ in cases], lang="pt")
    wrong = [a for (_, after), a in zip(cases, answers, strict=True) if f" {after}" not in a]
    assert not wrong
