"""Near duplicates beside furniture (`--dedup near`, `pipeline.near_clusters`): distinct short
texts that share a long header or footer in one field (a site's boilerplate, in a JSONL, CSV
or Parquet field) are not one cluster, while copies of one of them, and a text reposted with
another header many times, still are.

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.near_copies import KINDS
from pipeline import NearDedup, Pipeline
from tests.test_near_dedup import paragraph, run_in_memory, vocabulary


def furniture(rng: random.Random, words: list[str], length: int) -> str:
    """A site's boilerplate block: sentences of its own words."""
    return paragraph(rng, words, length)


def with_block(text: str, block: str, where: str, joint: str) -> str:
    return text + joint + block if where == "footer" else block + joint + text


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    records=st.integers(8, 40),
    content=st.integers(15, 30),
    block=st.integers(1, 4),
    where=st.sampled_from(["footer", "header"]),
    joint=st.sampled_from(["\n\n--\n", "\n", " "]),
    copy_kind=st.sampled_from(sorted(KINDS)),
)
def test_distinct_texts_sharing_a_block_are_apart_and_a_copy_of_one_is_found(
    seed: int, records: int, content: int, block: int, where: str, joint: str, copy_kind: str
) -> None:
    """Texts of 15 to 38 words under (or over) a block of 25 words to 4 times as many as
    the shortest text, in one field (after a rule, a line break or a space)."""
    rng = random.Random(seed)
    words = vocabulary(rng, 600)
    shared = furniture(rng, vocabulary(rng, 300), rng.randint(25, max(25, block * content)))
    own = [paragraph(rng, words, rng.randint(content, content + 8)) for _ in range(records)]
    texts = [with_block(text, shared, where, joint) for text in own]
    copied = rng.randrange(records)  # copied by a site that adds the same block
    copy = with_block(KINDS[copy_kind](own[copied], rng, words), shared, where, joint)
    out = run_in_memory([*texts, copy])
    marked = {r.id: r.meta["near_duplicate_of"] for r in out if "near_duplicate_of" in r.meta}
    assert {k: v for k, v in marked.items() if k != f"r{records}"} == {}
    assert marked.get(f"r{records}") == f"r{copied}"


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 10_000), copies=st.integers(5, 40))
def test_a_text_reposted_many_times_with_other_headers_is_one_cluster(
    seed: int, copies: int
) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng, 600)
    text = paragraph(rng, words, rng.randint(60, 120))
    texts = [text] + [KINDS["header"](text, rng, words) for _ in range(copies)]
    out = run_in_memory(texts)
    assert [r.meta.get("near_duplicate_of") for r in out[1:]] == ["r0"] * copies


def test_the_value_counts_are_the_same_for_any_shard_size(tmp_path: Path) -> None:
    """The common values are counted over the corpus: one shard or one record per shard, the
    same texts apart and the same copies dropped."""
    rng = random.Random(5)
    words = vocabulary(rng, 600)
    shared = furniture(rng, vocabulary(rng, 300), 50)
    own = [paragraph(rng, words, rng.randint(15, 25)) for _ in range(12)]
    rows = [with_block(text, shared, "footer", "\n") for text in own]
    rows += [with_block(KINDS["words_changed"](own[i], rng, words), shared, "footer", "\n")
             for i in (3, 7)]  # fmt: skip
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in
                           enumerate(rows)), encoding="utf-8")  # fmt: skip
    written = {}
    for shard_bytes in (1, 10**9):
        out = tmp_path / f"out{shard_bytes}"
        Pipeline(stages=[NearDedup("drop")]).run([src], out, shard_bytes=shard_bytes)
        written[shard_bytes] = [(out / n).read_bytes() for n in ("corpus.jsonl", "dropped.jsonl")]
    assert written[1] == written[10**9]
    dropped = [json.loads(line) for line in written[1][1].decode().splitlines()]
    assert [(d["id"], d["reason"]) for d in dropped] == [
        ("r12", "near duplicate of r3"),
        ("r13", "near duplicate of r7"),
    ]


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), share=st.floats(0.6, 0.95), copies=st.integers(1, 3))
def test_pages_that_are_mostly_one_block_are_told_apart_by_what_each_adds(
    seed: int, share: float, copies: int
) -> None:
    """A site's pages: a block that is 60 to 95 % of each page's words and a distinct text
    of 15 to 45 words (5 to 40 %); the distinct parts decide (h49: at 80-90 % a quarter of
    the texts were joined, at 90-95 % every one). Copies of distinct texts under the block
    are found; a text copied twice or more in a corpus this small holds no value of its own
    (`near_clusters.common_rows`), so each is copied once here."""
    rng = random.Random(seed)
    words = vocabulary(rng, 600)
    length = rng.randint(15, 40)
    shared = furniture(rng, vocabulary(rng, 300), round(length * share / (1 - share)))
    where, joint = rng.choice(["header", "footer"]), rng.choice(["\n\n", "\n", " "])
    own = [paragraph(rng, words, rng.randint(length, length + 5)) for _ in range(30)]
    copied = rng.sample(range(30), copies)
    kinds = ["words_changed", "truncated", "requoted", "rewrapped"]
    texts = [with_block(t, shared, where, joint) for t in own] + [
        with_block(KINDS[rng.choice(kinds)](own[i], rng, words), shared, where, joint)
        for i in copied
    ]
    out = run_in_memory(texts)
    assert [r.meta.get("near_duplicate_of") for r in out] == [None] * 30 + [f"r{i}" for i in copied]
