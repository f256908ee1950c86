"""The id each corpus record keeps, decided once, before anything names a record by its id.

Ids are made unique in the corpus (`writers.UniqueIds`: the first `a` keeps its id, a later
one becomes `a~2`). A corpus-wide step names records by id (`duplicate_of`, an entity's
`sample_records`, a dropped line's `duplicate of ID`), so if the renaming came last, at the
merge, a step would name the id a record had before: with ids `a`, `a`, `b`, `b` pointed at
the second `a`, written as `a~2`. So in a run with more than one pass the renaming is decided
after the first pass, from the ids it committed (8 bytes per record; only the shards holding
a repeated id are read again), and applied as the second pass reads each shard: every step
applied or observed from then on sees the final ids, and a step observed in the first pass
maps the ids it kept (`CorpusStep.final_ids`). A record is named by its shard and its
position in that shard's first-pass corpus, so two records with one id are never confused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.io.writers import CORPUS, UniqueIds, corpus_bytes, duplicate_warning, shard_ids

IDS_RESOLVED = "ids.resolved.json"


def resolve_ids(folders: Sequence[Path]) -> dict[str, Any]:
    """From the first pass's committed shards (in order): for each shard, the position of
    every record that must be renamed → its new id; and the W002 warning for each."""
    import numpy as np

    unique = UniqueIds.of(folders, CORPUS)
    renamed: dict[str, dict[str, str]] = {}
    warnings = []
    for folder in folders:
        digests = shard_ids(folder, CORPUS)
        if not unique.touches(digests):
            continue
        at = set(np.nonzero(unique.repeated(digests))[0].tolist())
        byte = corpus_bytes(folder)
        with (folder / CORPUS).open(encoding="utf-8") as f:
            for position, line in enumerate(f):
                if position not in at:
                    continue
                record = json.loads(line)
                new_id = unique.rename(record["id"])
                if new_id is not None:
                    renamed.setdefault(folder.name, {})[str(position)] = new_id
                    line_no = record.get("meta", {}).get("line")
                    where = line_no, byte(position)
                    warnings.append(
                        duplicate_warning(record["source"], *where, record["id"], new_id)
                    )
    return {"renamed": renamed, "warnings": warnings}


class FinalIds:
    """The resolved renaming: `of(shard, position)` is the new id of that record, or None."""

    def __init__(self, resolved: dict[str, Any]) -> None:
        self.renamed: dict[str, dict[str, str]] = resolved.get("renamed", {})
        self.warnings: list[dict[str, Any]] = resolved.get("warnings", [])

    def of(self, shard: str, position: int) -> str | None:
        return self.renamed.get(shard, {}).get(str(position))

    def in_shard(self, shard: str) -> dict[str, str]:
        return self.renamed.get(shard, {})
