"""A document's names completed (`entities.complete_document`) at a cost linear in its record:
a record dense in names (a cast list in one JSONL text, a long credits page) looked at every
mention taken for each candidate word (h47 G19: 18.7 s of 41.9 for 60,000 characters). The
covered parts are bisected (`entities.Taken`); the bound sits between linear (8x) and quadratic
(64x) growth, as in tests/test_link_cost.py. The names are made up from syllables."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import Taken, complete_document
from pipeline.record import Entity, Record
from tests.timing import best_of

SMALL, BIG = 1000, 8000  # 8x
RATIO = 24
FLOOR = 0.005  # seconds: a busy machine (load 27 here) makes the small size noise
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pi", "dun", "qua", "zi", "bo"]
JOINS = (". ", "\t", "\u00a0", " (V.O.) ", " « ", ", ")


def dense(n: int, join: str) -> list[Record]:
    """One record of `n` names, each tagged by the model once, then written again untagged:
    each repeat is a candidate the document's names complete."""
    rng = random.Random(n)
    names = [
        " ".join("".join(rng.choices(SYLLABLES, k=3)).capitalize() for _ in range(2))
        for _ in range(max(4, n // 10))
    ]
    text, entities = "", []
    for i in range(n):
        name = names[i % len(names)]
        if i < len(names):
            entities.append(Entity(name, "PERSON", len(text), len(text) + len(name)))
        text += name + join
    return [Record("d:0", "d", "<memory>", 0, text, lang="en", entities=entities)]


@pytest.mark.timing
@pytest.mark.parametrize("join", JOINS)
def test_a_record_dense_in_names_is_completed_in_linear_time(join: str) -> None:
    def cost(n: int) -> float:
        return best_of(lambda: complete_document(dense(n, join), {}, propagate=True), runs=3)

    cost(SMALL)  # warm: the word lists load once
    small, big = cost(SMALL), cost(BIG)
    assert len(dense(BIG, join)[0].entities) == BIG // 10
    assert big <= RATIO * max(small, FLOOR), (join, small, big)


SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=12)


@settings(max_examples=200, deadline=None)
@given(SPANS, SPANS)
def test_taken_answers_as_a_scan_of_every_span_does(
    spans: list[tuple[int, int]], asked: list[tuple[int, int]]
) -> None:
    held = [(s, s + n) for s, n in spans if n]
    taken = Taken(held)
    for s, n in asked:
        start, end = s, s + max(n, 1)
        scan = any(start < e and b < end for b, e in held)
        assert taken.overlaps(start, end) == scan
        if not scan:
            taken.add(start, end)
            held.append((start, end))
