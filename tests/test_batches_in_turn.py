"""Batches of a stream whose every record is a document of its own (`pipeline translate`'s
lines) close at the batch size without waiting for the next record: the same batches as by
document, each given one record sooner, so a stage after another starts after one batch of it,
not three."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages.base import Stage, batched_by_document, batched_in_turn


def lines(count: int) -> list[Record]:
    return [
        Record(id=f"l{i}", doc_id=f"l{i}", source="s", seq=i, text=f"t{i}") for i in range(count)
    ]


@settings(max_examples=60, deadline=None)
@given(count=st.integers(0, 300), size=st.integers(1, 70))
def test_the_same_batches_as_by_document(count: int, size: int) -> None:
    records = lines(count)
    ids = [[r.id for r in b] for b in batched_in_turn(records, size)]
    assert ids == [[r.id for r in b] for b in batched_by_document(records, size)]


def test_a_batch_is_given_before_the_next_record_is_asked_for() -> None:
    asked: list[int] = []

    def stream() -> Iterator[Record]:
        for i, record in enumerate(lines(10)):
            asked.append(i)
            yield record

    batches = batched_in_turn(stream(), 4)
    assert [r.id for r in next(batches)] == ["l0", "l1", "l2", "l3"]
    assert asked == [0, 1, 2, 3]  # batched_by_document asks for l4 first


def test_a_record_of_the_document_before_is_refused() -> None:
    records = lines(3)
    records[2].doc_id = records[1].doc_id
    with pytest.raises(ValueError, match="not a document of its own"):
        list(batched_in_turn(records, 2))


class Counting(Stage):
    name = "counting"

    def __init__(self) -> None:
        super().__init__(batch_size=4)
        self.batches: list[int] = []

    def process(self, batch: list[Record]) -> None:
        self.batches.append(len(batch))


def test_three_stages_in_turn_process_the_first_batch_after_one_upstream_batch() -> None:
    stages = [Counting(), Counting(), Counting()]
    for stage in stages:
        stage.documents_of_one = True
    stream: Iterator[Record] = iter(lines(12))
    for stage in stages:
        stream = stage(stream)
    next(stream)
    assert [s.batches for s in stages] == [[4], [4], [4]]
