"""A stage that waits on an engine (`Stage.waits`) runs its batches in a helper thread while
the stages before it go on: same records, same order, same failures, work overlapped."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

from pipeline.errors import Code
from pipeline.record import Record
from pipeline.stages.base import Stage, chain


class Upstream(Stage):
    """Marks each record it has processed; notes when it starts its third batch (closing a
    batch takes the first record of the next, so the second has always started)."""

    name = "upstream"
    error_code = Code.EXTRACT_FAILED

    def __init__(self) -> None:
        super().__init__(batch_size=4)
        self.third_batch = threading.Event()
        self.batches = 0

    def process(self, batch: Sequence[Record]) -> None:
        self.batches += 1
        if self.batches == 3:
            self.third_batch.set()
        for record in batch:
            record.meta["up"] = True


class Waiting(Stage):
    """Waits (as on an engine) until the stage before it has gone on to its next batch."""

    name = "waiting"
    error_code = Code.TRANSLATE_FAILED
    waits = True

    def __init__(self, upstream: Upstream) -> None:
        super().__init__(batch_size=4)
        self.upstream = upstream
        self.overlapped: list[bool] = []
        self.threads: set[str] = set()

    def process(self, batch: Sequence[Record]) -> None:
        self.threads.add(threading.current_thread().name)
        if not self.overlapped:
            self.overlapped.append(self.upstream.third_batch.wait(timeout=10))
        for record in batch:
            assert record.meta["up"]  # the stage before has finished the records it gets
            if record.text == "boom":
                raise RuntimeError("engine said no")
            record.meta["seen"] = record.text.upper()


def records(n: int) -> Iterator[Record]:
    for i in range(n):
        yield Record(
            id=str(i), doc_id=f"d{i}", source="s", seq=i, text="boom" if i == 6 else f"t{i}"
        )


def test_the_stage_before_works_while_a_waiting_stage_waits() -> None:
    upstream = Upstream()
    waiting = Waiting(upstream)
    out = list(chain([upstream, waiting], records(20)))
    assert waiting.overlapped == [True]  # in line, batch 1 would wait in vain
    assert waiting.threads and threading.current_thread().name not in waiting.threads
    assert [r.id for r in out] == [str(i) for i in range(20)]
    for record in out:
        if record.text == "boom":  # only the culprit fails, the rest of its batch is done
            assert record.error is not None and "engine said no" in record.error.message
        else:
            assert record.active and record.meta["seen"] == record.text.upper()


def test_stopping_early_leaves_no_thread_behind() -> None:
    upstream = Upstream()
    stream = chain([upstream, Waiting(upstream)], records(40))
    first = [next(stream) for _ in range(3)]
    stream.close()  # type: ignore[attr-defined]
    assert [r.id for r in first] == ["0", "1", "2"]
    assert not [t for t in threading.enumerate() if t.name.startswith("stage-waiting")]
