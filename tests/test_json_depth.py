"""JSON nested past any depth is one failed line, never a dead reader or a dead run, and the
bound is the same in every process (hostile42 H5: a line nested ~1,000 levels killed the
.jsonl reader, and the planner with it, after the first parse's error was caught)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.io.discover import discover
from pipeline.io.jsonvalues import MAX_DEPTH
from pipeline.io.readers import Reader
from pipeline.shards import plan_shards

NESTINGS = {
    "objects": ('{"a":', "}"),
    "arrays": ("[", "]"),
    "mixed": ('[{"a":', "}]"),
}
DEPTHS = [MAX_DEPTH - 2, MAX_DEPTH, MAX_DEPTH + 1, 1_000, 5_000, 40_000]


def deep(nesting: str, depth: int) -> str:
    """A value nested `depth` levels (one level more inside a record's field)."""
    opener, closer = NESTINGS[nesting]
    levels = depth if nesting != "mixed" else depth // 2
    return opener * levels + "1" + closer * levels


def lines(nesting: str, depth: int, place: str) -> list[str]:
    value = deep(nesting, depth - 1)  # the record's own object is one level
    line = (
        f'{{"id": "deep", "text": "A deep one.", "x": {value}}}'
        if place == "field"
        else f'{{"id": "deep", "text": "A deep one."}} {value}'  # joined after an object
    )
    return ['{"id": "a", "text": "First."}', line, '{"id": "c", "text": "Third."}']


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
@pytest.mark.parametrize("place", ["field", "joined"])
@pytest.mark.parametrize("nesting", sorted(NESTINGS))
def test_every_depth_is_a_record_or_one_error_and_the_rest_is_read(
    tmp_path: Path, suffix: str, place: str, nesting: str
) -> None:
    for depth in DEPTHS:
        path = tmp_path / f"d{depth}{suffix}"
        path.write_text("\n".join(lines(nesting, depth, place)) + "\n", encoding="utf-8")
        records = list(Reader()([path]))
        failed = [r for r in records if r.error]
        assert not [r for r in failed if r.error and r.error.code == "E013"], failed
        read = {r.id.rsplit(":", 1)[-1] for r in records if not r.error}
        assert {"a", "c"} <= read, (depth, records)
        if place == "field" and depth <= MAX_DEPTH - 2:
            assert "deep" in read, (depth, failed)
        if depth > MAX_DEPTH + 2:
            assert failed and all(r.error and r.error.code == "E003" for r in failed), failed


def test_planning_a_file_bigger_than_a_shard_cuts_it_and_reads_every_other_line(
    tmp_path: Path,
) -> None:
    """The planner asks the reader for each line's document (H5b: a traceback, no outputs)."""
    rows = [json.dumps({"id": i, "text": f"Review {i} of a quiet film."}) for i in range(400)]
    rows.insert(200, lines("objects", 2_000, "field")[1])
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    shards = plan_shards(discover([path]).files, max_shard_bytes=1_000)
    assert len(shards) > 1
    reader = Reader()
    records = [r for shard in shards for part in shard.parts for r in reader.read_part(part)]
    assert len([r for r in records if not r.error]) == 400
    assert [r.error.code for r in records if r.error] == ["E003"]
