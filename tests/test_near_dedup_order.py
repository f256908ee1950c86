"""Near-duplicate clusters are a partition of the corpus that does not depend on its order
(`pipeline.near_clusters.BucketWalk`): copies of one text, exact or near, join whatever
sits between them in a band's bucket (a copy in another detected language, another text
sharing the band). Only a cluster's name, its first record in corpus order, follows the order.

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.near_copies import KINDS
from pipeline import NearDedup
from pipeline.record import Record
from tests.test_near_dedup import paragraph, vocabulary


def partition(records: list[Record]) -> set[frozenset[str]]:
    """The clusters as sets of ids (singletons too), whatever each cluster is named after."""
    groups: dict[str, set[str]] = {}
    for record in records:
        groups.setdefault(record.meta.get("near_duplicate_of", record.id), set()).add(record.id)
    return {frozenset(group) for group in groups.values()}


def run(rows: list[tuple[str, str, str | None]]) -> list[Record]:
    records = [
        Record(id=key, doc_id=key, source="<memory>", seq=i, text=text, lang=lang)
        for i, (key, text, lang) in enumerate(rows)
    ]
    return list(NearDedup()(records))  # type: ignore[arg-type]


def corpus(seed: int, texts: int, copies: int) -> list[tuple[str, str, str | None]]:
    """Texts each copied in three detected languages (a fullwidth copy read zh, a list read in
    its translation's language), in each an exact copy and near ones: the copies of one
    text and language are one cluster, apart from the others."""
    rng = random.Random(seed)
    words = vocabulary(rng, 400)
    rows: list[tuple[str, str, str | None]] = []
    for t in range(texts):
        text = paragraph(rng, words, rng.randint(25, 60))
        for lang in ("en", "fr", "zh"):
            for c in range(rng.randint(1, copies)):
                kind = "exact" if c == 0 else rng.choice(["exact", *sorted(KINDS)])
                copy = text if kind == "exact" else KINDS[kind](text, rng, words)
                rows.append((f"t{t}-{lang}-{c}", copy, lang))
    return rows


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    texts=st.integers(1, 3),
    copies=st.integers(2, 4),
    order=st.randoms(use_true_random=False),
)
def test_the_partition_is_the_same_for_any_input_order(
    seed: int, texts: int, copies: int, order: random.Random
) -> None:
    rows = corpus(seed, texts, copies)
    shuffled = rows[:]
    order.shuffle(shuffled)
    found = partition(run(shuffled))
    assert found == partition(run(rows))
    exact = [
        {key for key, text, lang in rows if key.startswith(group) and text == first}
        for group, first in firsts(rows).items()
    ]
    assert all(any(same <= cluster for cluster in found) for same in exact)


def firsts(rows: list[tuple[str, str, str | None]]) -> dict[str, str]:
    """Each text and language's first copy (exact): `t0-en-` → its text."""
    return {key[:-1]: text for key, text, _ in rows if key.endswith("-0")}


def test_identical_copies_join_across_copies_in_other_languages_between_them() -> None:
    """x (read zh), a, y (= x), b (= a): b joins a, y joins x, in either order."""
    text = paragraph(random.Random(3), vocabulary(random.Random(4), 200), 30)
    rows = [("x", text, "zh"), ("a", text, "en"), ("y", text, "zh"), ("b", text, "en")]
    for ordered in (rows, [rows[1], rows[3], rows[0], rows[2]]):
        assert partition(run(ordered)) == {frozenset("xy"), frozenset("ab")}
