"""Corpus-wide steps as passes (`pipeline.run.passes`): one protocol for linking and duplicates,
the same result in memory, in one process, in workers and for any shard size, and a resume
after an interruption in any pass that redoes only what was not committed."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Link, Pipeline
from pipeline.executors.local import LocalExecutor
from pipeline.record import Entity, Record
from pipeline.run.parts import Parts
from pipeline.run.passes import plan_passes
from pipeline.run.shard_task import ShardTask
from pipeline.shards import Shard
from pipeline.stages.base import Stage
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract

NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


class CapitalisedNames(Stage):
    """Entities without a model: every run of capitalised words is a PERSON (fast, exact)."""

    name = "names"
    reads = ("text",)
    writes = ("entities",)
    counters = ("entities",)
    seen: ClassVar[int] = 0  # records processed in this process, over every run

    def process(self, batch: Sequence[Record]) -> None:
        for record in batch:
            CapitalisedNames.seen += 1
            record.entities = [
                Entity(m[0], "PERSON", m.start(), m.end(), mention=f"m{i}")
                for i, m in enumerate(NAME.finditer(record.text))
            ]

    def tally(self, record: Record) -> Any:
        for entity in record.entities:
            yield "entities", f"{entity.field}:{entity.label}"


def write_corpus(folder: Path, documents: int = 12, per_doc: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for d in range(documents):
        for k in range(per_doc):
            text = (
                f"Odile Marchand met Varda Bello in Lyon {k % 3}."
                if k % 2 == 0
                else f"and then Marchand and Bello spoke of Lyon ({d % 4})."
            )
            lines.append(json.dumps({"id": f"d{d}-{k}", "doc_id": f"doc{d}", "text": text}))
    path = folder / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def outputs(out: Path) -> dict[str, bytes]:
    names = ("corpus.jsonl", "entities.jsonl", "errors.jsonl", "dropped.jsonl", "warnings.jsonl")
    return {name: (out / name).read_bytes() for name in names}


def stages(dedup: str | None = "mark") -> list[Stage]:
    return [CapitalisedNames(), Link(), *([Dedup(dedup)] if dedup else [])]  # type: ignore[arg-type]


def test_passes_are_cut_where_a_step_reads_what_another_decides() -> None:
    link, dedup, dropping = Link(), Dedup(), Dedup("drop")
    passes = plan_passes([Detect(), Extract(fields=["text"]), link, dedup])
    assert [(p.stages[-1:], p.observing) for p in passes[1:]] == [([dedup], [])]
    assert passes[0].observing == [link, dedup]  # duplicates look at the text only
    assert passes[1].stages == [link, dedup]
    three = plan_passes([Detect(), dropping, Extract(fields=["text"]), link])
    assert [p.observing for p in three] == [[dropping], [link], []]
    assert three[1].stages[0] is dropping and three[2].stages == [link]


def test_a_run_links_and_indexes_as_linking_in_memory_does(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in")
    report = Pipeline(stages=stages(None)).run([src], tmp_path / "out", shard_bytes=400)
    assert report["shards"]["total"] > 3
    assert [p["observing"] for p in report["passes"]] == [["link"], []]
    held = [
        Record(row["id"], row["doc_id"], str(src), i, row["text"])
        for i, row in enumerate(json.loads(line) for line in src.read_text().splitlines())
    ]
    link = Link()
    in_memory = list(link(CapitalisedNames()(held)))
    written = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").open()]
    assert [[e["entity_id"] for e in r["entities"]] for r in written] == [
        [e.entity_id for e in r.entities] for r in in_memory
    ]
    index = [json.loads(line) for line in (tmp_path / "out" / "entities.jsonl").open()]
    assert index == link.index()
    marchand = next(e for e in index if e["canonical"] == "Odile Marchand")
    assert marchand["documents"] == 12 and marchand["records"] == 60  # "Marchand" links to her
    assert report["counts"]["entities"]["text:PERSON"] == sum(len(r["entities"]) for r in written)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_result_does_not_depend_on_shard_size_or_workers(tmp_path: Path, workers: int) -> None:
    src = write_corpus(tmp_path / "in")
    one = tmp_path / "one"
    Pipeline(stages=stages("drop")).run([src], one)
    many = tmp_path / "many"
    Pipeline(stages=stages("drop"), executor=LocalExecutor(workers)).run(
        [src], many, shard_bytes=300
    )
    assert outputs(one) == outputs(many)


class StopAfter:
    """An executor that stops the run after `shards` shards of pass `number` (as a kill
    would), running the others in this process."""

    name = "local"

    def __init__(self, number: int, shards: int) -> None:
        self.number, self.shards = number, shards

    def describe(self) -> dict[str, object]:
        return {"name": "local", "workers": 1}

    def run(
        self,
        work: ShardTask,
        shards: Sequence[Shard],
        on_done: Callable[[Shard], None] = lambda s: None,
        report: Any = None,
    ) -> None:
        for i, shard in enumerate(shards):
            if work.number == self.number and i == self.shards:
                raise KeyboardInterrupt
            work(shard)
            on_done(shard)


@pytest.mark.parametrize(("number", "shards"), [(1, 3), (2, 0), (2, 4), (3, 2)])
def test_an_interrupted_pass_resumes_byte_identical_redoing_only_what_was_not_committed(
    tmp_path: Path, number: int, shards: int
) -> None:
    src = write_corpus(tmp_path / "in")
    reference = tmp_path / "reference"
    every = [CapitalisedNames(), Dedup("drop"), Link()]  # three passes: drop, then link
    Pipeline(stages=every).run([src], reference, shard_bytes=300)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        Pipeline(stages=every, executor=StopAfter(number, shards)).run([src], out, shard_bytes=300)
    expected = json.loads((reference / "run.json").read_text())["counts"]
    before = CapitalisedNames.seen
    report = Pipeline(stages=every).run([src], out, resume=True, shard_bytes=300)
    redone = CapitalisedNames.seen - before
    total = report["counts"]["read"]
    assert outputs(out) == outputs(reference)
    assert (redone == 0) if number > 1 else (0 < redone < total)
    assert report["counts"]["dropped_by_reason"] == expected["dropped_by_reason"]
    assert report["counts"]["dropped_by_reason"]["duplicate"] > 40


texts = st.lists(
    st.sampled_from(["Hello  world", "hello world", "HELLO\tworld ", "Café", "Cafe\u0301", "x"]),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=texts, shard_bytes=st.sampled_from([1, 60, 10_000]))
def test_a_duplicate_points_to_the_first_record_with_the_same_normalised_text(
    tmp_path: Path, texts: list[str], shard_bytes: int
) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"r{i}", "doc_id": f"d{i}", "text": t} for i, t in enumerate(texts)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    report = Pipeline(stages=[Dedup()]).run([src], out, shard_bytes=shard_bytes)
    first: dict[str, str] = {}
    for row in rows:
        key = " ".join(unicodedata.normalize("NFC", row["text"]).split()).casefold()
        first.setdefault(key, row["id"])
    written = [json.loads(line) for line in (out / "corpus.jsonl").open()]
    expected = [
        first[" ".join(unicodedata.normalize("NFC", r["text"]).split()).casefold()] for r in rows
    ]
    assert [r["meta"].get("duplicate_of") for r in written] == [
        None if e == r["id"] else e for e, r in zip(expected, rows, strict=True)
    ]
    assert report["counts"]["duplicates"] == (
        {"mark": len(rows) - len(first)} if len(rows) > len(first) else {}
    )


@pytest.mark.parametrize("shard_bytes", [80, 100_000])
def test_a_limit_takes_the_first_records_in_input_order(tmp_path: Path, shard_bytes: int) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"r{i}", "text": f"line {i % 7}"}) + "\n"
                           for i in range(50)), encoding="utf-8")  # fmt: skip
    report = Pipeline(stages=[Dedup()]).run(
        [src], tmp_path / "out", shard_bytes=shard_bytes, limit=17
    )
    written = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").open()]
    assert report["counts"]["read"] == 17
    assert [r["id"] for r in written] == [f"r{i}" for i in range(17)]
    assert sum("duplicate_of" in r["meta"] for r in written) == 10


def torn(path: Path, how: str) -> None:
    """What an OS crash or a power cut can leave of a file written but never forced to disk."""
    data = path.read_bytes()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "short":
        path.write_bytes(data[: len(data) // 2])
    elif how == "zeros":  # the size was recorded, the blocks were not
        path.write_bytes(b"\0" * len(data))
    elif how == "missing":
        path.unlink()
    elif how == "flipped":  # same size, one byte changed
        path.write_bytes(bytes([data[0] ^ 1]) + data[1:] if data else b"x")


@pytest.mark.parametrize("how", ["empty", "short", "zeros", "missing", "flipped"])
@pytest.mark.parametrize(
    ("number", "name"),
    [
        (1, "corpus.jsonl"),
        (1, "ids.bin"),
        (1, "done.json"),
        (2, "corpus.jsonl"),
        (2, "ids.bin"),
    ],
)
def test_a_shard_torn_by_a_crash_of_the_machine_is_redone(
    tmp_path: Path, how: str, number: int, name: str
) -> None:
    """Shards are not forced to disk (`writers.commit`): a committed shard whose files a crash
    of the machine emptied, cut, zeroed, removed or changed is found by `--resume` from its
    marker's sizes and digests and redone, so the corpus is still byte-identical. (Without
    the check, `--resume` kept such a shard as done: its records silently lost.)"""
    src = write_corpus(tmp_path / "in")
    every = [CapitalisedNames(), Dedup("drop"), Link()]
    reference = tmp_path / "reference"
    Pipeline(stages=every).run([src], reference, shard_bytes=300)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):  # pass 1 done, pass 2 stopped after 2 shards
        Pipeline(stages=every, executor=StopAfter(2, 2)).run([src], out, shard_bytes=300)
    # pass 1: a shard pass 2 has not reached (its corpus still there); pass 2: one it
    # committed (whose pass-1 corpus it consumed: both passes must be redone for it)
    folder = Parts.of(out).shard(number, "shard-00003" if number == 1 else "shard-00001")
    if name == "done.json" and how == "missing":
        (folder / name).unlink()
    else:
        torn(folder / name, how)
    before = CapitalisedNames.seen
    Pipeline(stages=every).run([src], out, resume=True, shard_bytes=300)
    assert outputs(out) == outputs(reference)
    assert CapitalisedNames.seen > before  # the torn shard was read again
