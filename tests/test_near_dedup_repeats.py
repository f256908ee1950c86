"""A text posted many times is not a shared block (`pipeline.near_clusters.distinct_rows`):
its exact repeats count once in the values' frequencies, so its near copies match it as when
it is there once (hostile49 N1: posted 5 times or more, every value of the text weighed a
quarter and a copy with a few words changed or cut short stopped matching).

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.near_copies import KINDS
from tests.test_near_dedup import paragraph, run_in_memory, vocabulary


def marked(texts: list[str]) -> list[str | None]:
    return [r.meta.get("near_duplicate_of") for r in run_in_memory(texts)]


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    repeats=st.integers(5, 12),
    kind=st.sampled_from(sorted(KINDS)),
)
def test_a_near_copy_of_a_text_posted_many_times_matches_as_if_it_were_posted_once(
    seed: int, repeats: int, kind: str
) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng, 500)
    text = paragraph(rng, words, rng.randint(40, 90))
    copy = KINDS[kind](text, rng, words)
    others = [paragraph(rng, words, rng.randint(40, 90)) for _ in range(4)]
    once = marked([text, *others, copy])[-1]
    assert marked([text] * repeats + others + [copy])[-1] == once
