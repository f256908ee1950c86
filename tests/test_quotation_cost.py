"""Foreign passages noted (`quotations.note_foreign`) at a cost linear in the record: a record
of thousands of foreign sentences compared each with every other to keep the outermost (h49
E16: 64,000 characters of one short sentence, 3.2 s, x4 per doubling). `outermost` sweeps them
once, with the answers of the pairwise scan. The bound sits between linear (8x) and quadratic
(64x) growth, as in tests/test_document_cost.py; the detector is a stand-in, so only the
noting is timed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.quotations import note_foreign, outermost, quoted_passages
from pipeline.record import Record
from tests.timing import best_of

SMALL, BIG = 2000, 16000  # 8x
RATIO = 24
FLOOR = 0.005
SENTENCES = ("He said so. ", "They went home early. ", "Ask me later!\n", "Well, she left.\n\n")


class English:
    """Every passage English, surely: each sentence is noted, the sweep sees them all."""

    name, version = "stand-in", "0"

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return [("en", 1.0) for _ in texts]

    def distributions(self, texts: Sequence[str]) -> list[dict[str, float]]:
        return [{"en": 1.0} for _ in texts]


def noted(n: int, sentence: str) -> Record:
    text = (sentence * (n // len(sentence) + 1))[:n]
    record = Record("d:0", "d", "<memory>", 0, text, lang="fr")
    note_foreign(quoted_passages([record]), English(), 0.5)
    return record


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_record_of_many_foreign_sentences_is_noted_in_linear_time(sentence: str) -> None:
    def cost(n: int) -> float:
        return best_of(lambda: noted(n, sentence), runs=3)

    cost(SMALL)  # warm: the word lists load once
    small, big = cost(SMALL), cost(BIG)
    assert len(noted(BIG, sentence).meta.get("quotes", [])) >= 1
    assert big <= RATIO * max(small, FLOOR), (sentence, small, big)


def scan(spans: list[list[int | str]]) -> list[list[int | str]]:
    """The pairwise reading `outermost` replaces: a span inside no other one (by position)."""

    def within(span: list[int | str], other: list[int | str]) -> bool:
        return int(other[0]) <= int(span[0]) and int(span[1]) <= int(other[1])

    outer = [s for s in spans if not any(o is not s and within(s, o) for o in spans)]
    return sorted(outer, key=lambda q: q[:2])


SPANS = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 10), st.sampled_from(["en", "de"])), max_size=14
)


@settings(max_examples=300, deadline=None)
@given(SPANS)
def test_outermost_answers_as_the_pairwise_scan_does(spans: list[tuple[int, int, str]]) -> None:
    given_spans: list[list[int | str]] = [[s, s + n, lang] for s, n, lang in spans]
    assert outermost(given_spans) == scan(given_spans)
