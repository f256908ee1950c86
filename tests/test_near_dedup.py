"""Near duplicates (`--dedup near`, `pipeline.stages.near_dedup`): every kind of copy seen in
practice is found, distinct texts of one topic and translations are not, and the clusters are
the same for any shard size, number of workers and executor.

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bench.near_copies import KINDS, header
from pipeline import NearDedup, Pipeline
from pipeline.cli import app
from pipeline.executors.local import LocalExecutor
from pipeline.minhash import shingles
from pipeline.near_clusters import BucketWalk
from pipeline.record import Record

SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pi", "dun", "e", "qua", "zi", "bo"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    return sorted({"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size)})


def paragraph(rng: random.Random, words: list[str], length: int) -> str:
    """Sentences of `words` with commas, periods and a quoted phrase."""
    out, sentence = [], []
    for i in range(length):
        word = rng.choice(words)
        sentence.append(word.capitalize() if not sentence else word)
        if (len(sentence) > 6 and rng.random() < 0.2) or i == length - 1:
            out.append(" ".join(sentence) + ".")
            sentence = []
        elif rng.random() < 0.1:
            sentence[-1] += ","
    text = " ".join(out)
    cut = text.split(" ")
    at = rng.randrange(1, max(2, len(cut) - 3))
    cut[at] = '"' + cut[at]
    cut[at + 2] = cut[at + 2] + '"'
    return " ".join(cut)


DAMAGE = KINDS  # every kind of near copy: bench/near_copies.py


def translated(text: str, dictionary: dict[str, str]) -> str:
    """A stand-in translation: every word another language's word, as translations have."""
    return " ".join(
        "".join(dictionary.get(part, part) for part in token.split("|"))
        for token in text.replace(",", "|,").replace(".", "|.").split(" ")
    )


def jaccard(left: str, right: str) -> float:
    one, two = set(shingles(left, 3)), set(shingles(right, 3))
    return len(one & two) / len(one | two)


def run_in_memory(texts: list[str], **options: object) -> list[Record]:
    records = [
        Record(id=f"r{i}", doc_id=f"d{i}", source="<memory>", seq=i, text=t)
        for i, t in enumerate(texts)
    ]
    return list(NearDedup(**options)(records))  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    kind=st.sampled_from(sorted(DAMAGE)),
    length=st.integers(40, 160),
)
def test_every_kind_of_copy_points_to_the_original_and_other_texts_of_the_topic_do_not(
    seed: int, kind: str, length: int
) -> None:
    rng = random.Random(seed)
    words = vocabulary(rng, 120)  # one topic: every paragraph draws from the same words
    dictionary = dict(zip(words, vocabulary(random.Random(seed + 1), 400), strict=False))
    original = paragraph(rng, words, length)
    copy = DAMAGE[kind](original, rng, words)
    others = [paragraph(rng, words, length) for _ in range(3)]
    texts = [others[0], original, others[1], translated(original, dictionary), copy, others[2]]
    out = run_in_memory(texts)
    assert [r.meta.get("near_duplicate_of") for r in out] == [None, None, None, None, "r1", None]


def test_a_cluster_is_connected_through_its_members_and_named_by_its_first_record() -> None:
    rng = random.Random(7)
    words = vocabulary(rng, 300)
    x, y, z, u, w, v = (paragraph(rng, words, 30) for _ in range(6))
    a, b, c = f"{x} {y} {z} {u}", f"{y} {z} {u} {w}", f"{z} {u} {w} {v}"  # a ~ b ~ c: 0.6
    assert jaccard(a, c) < 0.4 < 0.55 < min(jaccard(a, b), jaccard(b, c))
    texts = [paragraph(rng, words, 120), c, a, b]
    out = run_in_memory(texts, threshold=0.45)  # a, c: 0.33
    assert [r.meta.get("near_duplicate_of") for r in out] == [None, None, "r1", "r1"]


def test_a_bucket_member_is_verified_with_each_cluster_it_holds_not_only_first_and_previous() -> (
    None
):
    """Records 0, 1, 2 share every band key; 0 and 2 are one text, 1 another language: 2
    joins 0 (compared with the first and the one before only, it joined neither)."""
    sketches = np.array([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [9, 9, 9, 9]], dtype=np.uint16)
    langs = np.array([0, 1, 0, 0], dtype=np.int32)
    nothing = np.zeros((4, 4), dtype=bool)
    walk = BucketWalk(sketches, langs, nothing, nothing[:, 0], np.zeros((4, 8), np.uint32), 0.5)
    walk.band(np.array([5, 5, 5, 5], dtype=np.uint64))
    assert walk.roots().tolist() == [0, 1, 0, 3]


def test_shingles_ignore_punctuation_quotes_case_and_line_breaks() -> None:
    assert shingles("Ka «lo», MI\nren-tu!", 3) == shingles('ka "lo" mi ren tu', 3)
    assert shingles("one two", 3) == [b"one two"]
    assert shingles(" … — !", 3) == ["... — !".encode()]  # NFKC: the ellipsis as 3 dots
    assert shingles(" \u200b ", 3) == []


def test_records_without_words_are_kept_and_clustered_with_their_exact_copies_only() -> None:
    out = run_in_memory(["…", "…", "!!", "kalo mi ren", "kalo mi ren"])
    assert [r.meta.get("near_duplicate_of") for r in out] == [None, "r0", None, None, "r3"]


def test_the_bands_and_rows_are_datasketchs_with_misses_weighted_as_minhash_says() -> None:
    from datasketch.lsh import _optimal_param

    from pipeline.minhash import MISS_WEIGHT

    for threshold in (0.3, 0.5, 0.7, 0.9):
        scheme = NearDedup(threshold=threshold).scheme
        weights = (1.0 - MISS_WEIGHT, MISS_WEIGHT)
        assert scheme.bands_rows == _optimal_param(threshold, scheme.num_perm, *weights)


# -- as passes: the same clusters for any shard size, workers, executor ------------------------


def corpus(path: Path, seed: int = 1, originals: int = 14) -> list[dict[str, str]]:
    """Originals, each followed somewhere later by damaged copies, and a repeated id."""
    rng = random.Random(seed)
    words = vocabulary(rng, 150)
    rows: list[dict[str, str]] = []
    for i in range(originals):
        text = paragraph(rng, words, rng.randint(30, 90))
        rows.append({"id": f"o{i}", "doc_id": f"d{i % 4}", "text": text})
        for kind in rng.sample(sorted(DAMAGE), rng.randint(0, 3)):
            at = rng.randint(len(rows) // 2, len(rows))
            copy = DAMAGE[kind](text, rng, words)
            rows.insert(at, {"id": f"c{len(rows)}", "doc_id": "copies", "text": copy})
    again = paragraph(rng, words, 60)  # under a repeated id: its copy names it o0~2
    rows.insert(1, {"id": "o0", "doc_id": "dup-id", "text": again})
    rows.append({"id": "last", "doc_id": "copies", "text": header(again, rng, words)})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in ("corpus.jsonl", "dropped.jsonl", "errors.jsonl")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("near")
    src = folder / "in.jsonl"
    corpus(src)
    Pipeline(stages=[NearDedup("drop")]).run([src], folder / "one", shard_bytes=10**9)
    return src, outputs(folder / "one")


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shard_bytes=st.sampled_from([1, 200, 700, 2_000, 5_000, 100_000]))
def test_the_clusters_do_not_depend_on_the_shard_size(
    tmp_path_factory: pytest.TempPathFactory,
    reference: tuple[Path, dict[str, bytes]],
    shard_bytes: int,
) -> None:
    src, expected = reference
    out = tmp_path_factory.mktemp("shards") / "out"
    Pipeline(stages=[NearDedup("drop")]).run([src], out, shard_bytes=shard_bytes)
    assert outputs(out) == expected


def test_the_clusters_do_not_depend_on_workers(
    tmp_path: Path, reference: tuple[Path, dict[str, bytes]]
) -> None:
    src, expected = reference
    Pipeline(stages=[NearDedup("drop")], executor=LocalExecutor(2)).run(
        [src], tmp_path / "out", shard_bytes=900
    )
    assert outputs(tmp_path / "out") == expected


def test_a_run_marks_as_in_memory_with_final_ids_and_drop_gives_the_reason(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = corpus(src)
    Pipeline(stages=[NearDedup()]).run([src], tmp_path / "mark", shard_bytes=600)
    written = [json.loads(line) for line in (tmp_path / "mark" / "corpus.jsonl").open()]
    held = run_in_memory([r["text"] for r in rows])
    final = [w["id"] for w in written]  # ids made unique: the second o0 is o0~2
    assert final[1] == "o0~2"
    expected = [final[int(r.meta["near_duplicate_of"][1:])] if r.meta else None for r in held]
    assert [w["meta"].get("near_duplicate_of") for w in written] == expected
    assert expected[-1] == "o0~2" and sum(e is not None for e in expected) > 10
    Pipeline(stages=[NearDedup("drop")]).run([src], tmp_path / "drop", shard_bytes=600)
    dropped = [json.loads(line) for line in (tmp_path / "drop" / "dropped.jsonl").open()]
    kept = [json.loads(line)["id"] for line in (tmp_path / "drop" / "corpus.jsonl").open()]
    assert sorted(d["reason"] for d in dropped) == sorted(
        f"near duplicate of {e}" for e in expected if e
    )
    assert kept == [f for f, e in zip(final, expected, strict=True) if e is None]
    run = json.loads((tmp_path / "drop" / "run.json").read_text())
    assert run["counts"]["dropped_by_reason"] == {"near": len(dropped)}
    assert run["stages"]["near_dedup"]["threshold"] == 0.5


def test_the_command_line_takes_near_and_near_drop(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    corpus(src)
    runner = CliRunner()
    base = ["run", str(src), "--translator", "none", "--no-report", "-q"]
    bad = runner.invoke(app, [*base, "-o", str(tmp_path / "x"), "--dedup", "fuzzy"])
    assert bad.exit_code == 2 and "near-drop" in bad.output
    for choice in ("near", "near-drop"):
        out = tmp_path / choice
        result = runner.invoke(
            app, [*base, "-o", str(out), "--dedup", choice, "--near-threshold", "0.6"]
        )
        assert result.exit_code == 0, result.output
        run = json.loads((out / "run.json").read_text())
        assert run["stages"]["near_dedup"]["mode"] == ("drop" if choice == "near-drop" else "mark")
        assert run["stages"]["near_dedup"]["threshold"] == 0.6
