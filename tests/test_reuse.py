"""Each distinct text processed once (`pipeline.reuse`): language ID and NER are asked about a
text once per run in a process, and the output is byte-identical to asking about every record.

The corpora are generated: documents drawn from texts written here (names, quotations in
another language, short texts the document's language decides, texts without words, French
that is translated), so that the same text comes back in the same document, in other
documents, shards and positions; then cut into shards of drawn sizes, with one and two workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.engines.langid.base import Distribution
from pipeline.executors.local import LocalExecutor
from pipeline.resources import load_json
from pipeline.reuse import Remembered
from pipeline.run.pipeline import default_stages
from pipeline.stages import detect, extract
from pipeline.stages.base import Stage

# Written for this test (not from the sample corpus): the kinds of text whose result reads more
# than the text (the document's language for short ones, names a document repeats).
TEXTS = (
    "Marguerite Olsson directed the film in Gothenburg with Pavel Krejci in 1998.",
    "Olsson said the shooting lasted nine weeks and the crew slept in a school.",
    "Later the critic Ines Albarran wrote that Krejci carried the whole second half.",
    "Le réalisateur Baptiste Ferrand a tourné le film à Rennes avec Lucie Aubrac.",
    "Ferrand raconte que le tournage a duré neuf semaines sous la pluie bretonne.",
    "She kept humming « je ne regrette rien de cette nuit » until the lights went out.",
    "Il a répété “the show must go on tonight” avant de monter sur scène.",
    "Thanks a lot",
    "Merci beaucoup",
    "Yes.",
    "ok",
    "12:30 – 14:45",
    "★★★★☆",
    "PG-13",
)


@st.composite
def corpora(draw: st.DrawFn) -> list[dict[str, str]]:
    """Documents of texts drawn with replacement: repeats inside a document and across them,
    at any position; sometimes two texts joined (a distinct text sharing their words)."""
    rows = []
    for d in range(draw(st.integers(1, 5))):
        for k in range(draw(st.integers(1, 8))):
            text = draw(st.sampled_from(TEXTS))
            if draw(st.integers(0, 5)) == 0:
                text = f"{text} {draw(st.sampled_from(TEXTS))}"
            rows.append({"id": f"r{d}-{k}", "doc_id": f"doc{d}", "text": text})
    return rows


def stages(reuse: bool) -> list[Stage]:
    """The default stages, remembering (the default) or asking about every record."""
    chosen = default_stages(cache=None)  # no translation cache: each side translates itself
    if not reuse:
        for stage in chosen:
            if hasattr(stage, "reuse"):
                stage.reuse = 0  # type: ignore[attr-defined]
    return chosen


def run(rows: list[dict[str, str]], out: Path, reuse: bool, shard_bytes: int, workers: int = 1) -> dict[str, bytes]:  # fmt: skip
    source = out.parent / f"{out.name}-input" / "input.jsonl"  # one name: records carry it
    source.parent.mkdir()
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    Pipeline(stages=stages(reuse), executor=LocalExecutor(workers)).run(
        [source], out, shard_bytes=shard_bytes
    )
    names = ("corpus.jsonl", "entities.jsonl", "errors.jsonl", "dropped.jsonl", "warnings.jsonl")
    return {name: (out / name).read_bytes() for name in names}


class Counted:
    """How many texts reached each engine: language ID (every reading and quotation asked)
    and each NER model's `pipe`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.langid: list[str] = []
        self.ner: list[str] = []
        self.second: list[str] = []  # the second opinion's model (`model_agreement`)
        make, load = detect.make_detector, extract.load_model
        primary = set(load_json("ner.json")["models"].values())
        monkeypatch.setattr(detect, "make_detector", lambda *a, **k: CountingDetector(make(*a, **k), self.langid))  # fmt: skip
        monkeypatch.setattr(extract, "load_model", lambda name: CountingModel(load(name), self.ner if name in primary else self.second))  # fmt: skip


class CountingDetector:
    def __init__(self, engine: Any, seen: list[str]) -> None:
        self.engine, self.seen = engine, seen
        self.name, self.version = engine.name, engine.version

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        self.seen.extend(texts)
        return self.engine.distributions(texts)  # type: ignore[no-any-return]

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return self.engine.detect(texts)  # type: ignore[no-any-return]


class CountingModel:
    def __init__(self, nlp: Any, seen: list[str]) -> None:
        self.nlp, self.seen = nlp, seen

    def pipe(self, texts: Any, **options: Any) -> Iterator[Any]:
        texts = list(texts)
        self.seen.extend(texts)
        return self.nlp.pipe(texts, **options)

    def memory_zone(self) -> Any:
        return self.nlp.memory_zone()

    @property
    def vocab(self) -> Any:  # how many strings the model keeps (`extract.warming`)
        return self.nlp.vocab


# Not shrunk: each case is two runs with the real models (a failure prints its corpus).
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(rows=corpora(), shard_bytes=st.sampled_from([1, 150, 400, 1_000, 64_000]))
def test_output_is_byte_identical_with_and_without_reuse(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str]], shard_bytes: int
) -> None:
    tmp = tmp_path_factory.mktemp("reuse")
    assert run(rows, tmp / "on", True, shard_bytes) == run(rows, tmp / "off", False, 64_000)


@pytest.mark.parametrize("shard_bytes", [200, 1_000])
def test_workers_give_the_same_output_as_asking_about_every_record(
    tmp_path: Path, shard_bytes: int
) -> None:
    rows = [
        {"id": f"r{i}", "doc_id": f"doc{i // 7}", "text": TEXTS[(i * 5) % len(TEXTS)]}
        for i in range(60)
    ]
    on = run(rows, tmp_path / "on", True, shard_bytes, workers=2)
    assert on == run(rows, tmp_path / "off", False, 64_000)


def test_each_distinct_text_is_asked_once_across_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Language ID and NER see each distinct text once, though the repeats fall in other
    documents and shards (one process runs every shard, as `-w 1` does)."""
    counted = Counted(monkeypatch)
    rows = [
        {"id": f"r{i}", "doc_id": f"doc{i // 5}", "text": TEXTS[i % 5]}  # English and French
        for i in range(40)
    ]
    run(rows, tmp_path / "on", True, shard_bytes=300)
    assert len(counted.ner) == len(set(counted.ner)) and len(counted.langid) == len(
        set(counted.langid)
    )
    assert len(counted.second) == len(set(counted.second))
    # (language ID reads each text's words without its frozen tokens and names, and its later
    # readings only where the earlier cannot tell: each reading asked at most once, above)
    assert set(TEXTS[:5]) <= set(counted.ner) and counted.langid
    asked = len(counted.ner)
    counted.ner.clear()
    run(rows, tmp_path / "off", False, shard_bytes=300)
    assert len(counted.ner) >= 40 > asked  # the reference asks about every record


@settings(max_examples=300, deadline=None)
@given(
    calls=st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=12), max_size=12),
    capacity=st.integers(0, 10),
)
def test_remembered_answers_as_the_engine_does_within_its_bound(
    calls: list[list[str]], capacity: int
) -> None:
    asked: list[str] = []

    def engine(texts: list[str]) -> list[str]:
        asked.extend(texts)
        return [text.upper() + str(len(text)) for text in texts]

    memory: Remembered[str] = Remembered(capacity)
    for texts in calls:
        before = len(asked)
        assert memory.answers(texts, engine) == [t.upper() + "1" for t in texts]
        assert len(memory) <= capacity
        if capacity:  # a call's repeats are asked once
            assert len(asked) - before <= len(set(texts))
    if capacity >= 8:  # everything fits: each distinct text asked once in all
        assert sorted(asked) == sorted(set(asked))
    if capacity == 0:  # the reference: every text asked
        assert len(asked) == sum(len(t) for t in calls)
