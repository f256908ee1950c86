"""A repeated id: the first record in input order keeps it, whatever became of each record
(issue #29, H15). Generated JSONL layouts of repeated and look-alike ids (`a`, `a~2`, a
failed line's `in:L2`), each line good or failing in some way (text too long, E009; text
missing, E005; broken JSON, E003; nothing that shows, dropped; a stage failing it), at any
place: the id each line ends with is the README's rule applied to the lines in input order
(`a`, `a`, `a~2` → `a`, `a~3`, `a~2`), for any shard size, in one pass and in two. On main
the corpus kept its ids first: a failed first `a` became `a~3` and a later good one kept
`a`, so a good record's id changed with whether an earlier, different record failed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline
from pipeline.record import Record
from pipeline.stages.base import Stage

MAX_CHARS = 60
IDS = ["a", "a", "b", "a~2", "a~3", "b~2", "in:L2", "in:L3"]
KINDS = ["good", "good", "long", "missing", "broken", "invisible", "stage"]


class FailsMarked(Stage):
    """Fails every record whose text holds `boom` (a stage's failure, E1xx)."""

    name = "fails_marked"
    reads = ("text",)
    writes = ()

    def process(self, batch: Sequence[Record]) -> None:
        for record in batch:
            if "boom" in record.text:
                raise ValueError("boom")


def line_of(number: int, given: str, kind: str) -> str:
    text = {
        "good": f"Line {number} of the input.",
        "long": f"Line {number} " + "long " * MAX_CHARS,
        "invisible": "\u200b\u200b",
        "stage": f"Line {number} goes boom.",
    }
    if kind == "broken":
        return '{"id": "' + given + '", "text": '
    if kind == "missing":
        return json.dumps({"id": given, "body": f"Line {number} has no text field."})
    return json.dumps({"id": given, "text": text[kind]})


def expected_ids(ids: list[str]) -> list[str]:
    """The README's rule, by definition: the first keeps the id, each later one gets `ID~N`,
    N the smallest from 2 up that no record of the input has and no earlier rename took."""
    every, seen, made, out = set(ids), set(), set(), []
    for given_id in ids:
        if given_id not in seen:
            seen.add(given_id)
            out.append(given_id)
            continue
        n = 2
        while f"{given_id}~{n}" in every or f"{given_id}~{n}" in made:
            n += 1
        made.add(f"{given_id}~{n}")
        out.append(f"{given_id}~{n}")
    return out


def ids_by_line(out: Path) -> dict[int, str]:
    """Each input line's id, from whichever output holds it (the corpus keeps the line in
    meta, errors and dropped lines in `line`)."""
    found: dict[int, str] = {}
    for name in ("corpus", "errors", "dropped"):
        with (out / f"{name}.jsonl").open(encoding="utf-8") as f:
            for row in map(json.loads, f):
                line = row["meta"]["line"] if name == "corpus" else row["line"]
                assert line not in found, (line, row)
                found[line] = row["id"]
    return found


def run(tmp: Path, lines: list[str], shard_bytes: int, two_passes: bool) -> dict[int, str]:
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    stages: list[Any] = [FailsMarked(), *([Dedup("mark")] if two_passes else [])]
    pipeline = Pipeline(stages=stages)
    pipeline.reader.max_chars = MAX_CHARS
    pipeline.run([tmp / "in.jsonl"], tmp / "out", shard_bytes=shard_bytes)
    return ids_by_line(tmp / "out")


def given_ids(rows: list[tuple[str, str]]) -> list[str]:
    """The id each line gives: a broken line's is its name, `in:LN`."""
    return [f"in:L{n}" if kind == "broken" else given for n, (given, kind) in enumerate(rows, 1)]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(KINDS)), min_size=2, max_size=9),
    shard_bytes=st.sampled_from([40, 150, 100_000]),
    two_passes=st.booleans(),
)
def test_the_first_in_input_order_keeps_the_id_whatever_failed(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str]],
    shard_bytes: int,
    two_passes: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("order")
    lines = [line_of(n, given, kind) for n, (given, kind) in enumerate(rows, 1)]
    got = run(tmp, lines, shard_bytes, two_passes)
    want = dict(enumerate(expected_ids(given_ids(rows)), 1))
    assert got == want, (rows, got, want)


def test_a_failed_first_record_keeps_the_id_and_the_good_one_is_renamed(tmp_path: Path) -> None:
    """The reproducer: a too-long first `a`, a good `a`, a good `a~2`."""
    rows = [("a", "long"), ("a", "good"), ("a~2", "good")]
    lines = [line_of(n, given, kind) for n, (given, kind) in enumerate(rows, 1)]
    assert run(tmp_path, lines, 100_000, False) == {1: "a", 2: "a~3", 3: "a~2"}
