"""W015 (a file gave no record and no error) is one warning per file, whatever the shard size
(issue #29): generated JSONL files whose lines are each kept, failed or dropped (nothing that
shows), cut across shards of a few lines or read whole: a file with no line kept and none
failed is warned once, the others never, `run.json` counts them, and warnings.jsonl is
byte-identical for every shard size. On main a file cut across shards was never warned (only
a part that is a whole file warned), so the warning came and went with `--shard-size`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline

KINDS = ["invisible", "invisible", "invisible", "good", "failed"]
# a file of nothing but dropped lines, or of any lines (one kept or failed among them, or not)
FILE = st.one_of(
    st.lists(st.just("invisible"), min_size=1, max_size=14),
    st.lists(st.sampled_from(KINDS), min_size=1, max_size=14),
)


def write(path: Path, kinds: list[str]) -> None:
    lines = []
    for n, kind in enumerate(kinds):
        text = {"invisible": "\u200b\u2060", "good": f"Line {n} reads.", "failed": None}[kind]
        lines.append(json.dumps({"id": f"{path.stem}{n}", **({"text": text} if text else {})}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(root: Path, out: Path, shard_bytes: int, two_passes: bool) -> tuple[bytes, int]:
    stages: list[Any] = [Dedup("mark")] if two_passes else []
    report = Pipeline(stages=stages).run([root], out, shard_bytes=shard_bytes)
    return (out / "warnings.jsonl").read_bytes(), report["counts"]["warnings"].get("W015", 0)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(FILE, min_size=1, max_size=3),
    shard_bytes=st.sampled_from([40, 120, 400]),
    two_passes=st.booleans(),
)
def test_a_file_that_gives_nothing_is_warned_once_for_any_shard_size(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[list[str]],
    shard_bytes: int,
    two_passes: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("w015")
    root = tmp / "in"
    root.mkdir()
    for n, kinds in enumerate(files):
        write(root / f"f{n}.jsonl", kinds)
    whole, counted_whole = run(root, tmp / "whole", 1 << 20, two_passes)
    cut, counted = run(root, tmp / "cut", shard_bytes, two_passes)
    assert cut == whole
    warned = [
        w["source"] for w in map(json.loads, cut.decode().splitlines()) if w["code"] == "W015"
    ]
    silent = [f"f{n}.jsonl" for n, kinds in enumerate(files) if set(kinds) == {"invisible"}]
    assert warned == silent
    assert counted == counted_whole == len(silent)
    assert b"part-tally" not in cut
