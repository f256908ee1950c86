"""The entity index counts documents, not shards: the same count for any shard size, and two
files never share a document, whatever ids their records carry."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline import Pipeline
from pipeline.stages.link import Link
from tests.test_passes import CapitalisedNames


def index(out: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in (out / "entities.jsonl").open(encoding="utf-8")]
    return {row["canonical"]: row for row in rows}


def test_documents_are_counted_once_for_any_shard_size(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": f"r{i}", "doc_id": "de"[i % 2], "text": f"Odile Marchand met Bello on day {i}."}
        for i in range(300)
    ]  # two documents whose records alternate
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    counts = []
    for size in (None, 2000, 700):
        out = tmp_path / f"out{size}"
        options = {"shard_bytes": size} if size else {}
        Pipeline(stages=[CapitalisedNames(), Link()]).run([src], out, **options)  # type: ignore[list-item]
        counts.append(index(out)["Odile Marchand"]["documents"])
    assert counts == [2, 2, 2]


def test_two_files_never_share_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "1", "text": "Odile Marchand spoke."}\n')
    (folder / "b.jsonl").write_text('{"id": "1", "text": "Odile Marchand sang."}\n')
    out = tmp_path / "out"
    Pipeline(stages=[CapitalisedNames(), Link()]).run([folder], out)  # type: ignore[list-item]
    assert index(out)["Odile Marchand"]["documents"] == 2
