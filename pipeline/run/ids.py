"""The id each record keeps, decided once, after the first pass, before anything names a
record by its id.

Ids are unique across the corpus, errors and dropped files together (a user joins them by
id): the first record of an id in input order keeps it, whatever became of it (written,
failed, dropped), and each later one gets `ID~N`, N the smallest from 2 up that no record of
the input has and no earlier rename took (`writers.UniqueIds`). Input order is shard order,
then the order in which each shard wrote its records (`writers.shard_order`): the corpus once kept
its ids first, so a failed first `a` became `a~3` and a later good one kept `a`, and a good
record's id changed with whether an earlier, different record failed.

A corpus-wide step names records by id (`duplicate_of`, an entity's `sample_records`, a
dropped line's `duplicate of ID`), so the renaming is decided before the second pass, from
the ids the first committed (8 bytes and 1 byte per record; only the shards holding a
repeated id are read again), and applied as the second pass reads each shard: every step
applied or observed from then on sees the final ids, and a step observed in the first pass
maps the ids it kept (`CorpusStep.final_ids`). The first pass's errors and dropped lines (and
a one-pass run's corpus) are renamed at the merge, by position. A record is named by its
shard, its file and its position there, so two records with one id are never confused.

A document records of several input files give is decided here too (`resolve_documents`:
the first file keeps the name, later ones write `SOURCE:DOC`), but renamed only at the merge,
in every pass's files: inside the run a document is its doc_id within its source, so a step
keyed by documents (linking's per-document decisions) finds each as it observed it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.io.writers import (
    CORPUS,
    DROPPED,
    ERRORS,
    ID_FILES,
    UniqueIds,
    corpus_bytes,
    document_pair,
    duplicate_warning,
    shard_documents,
    shard_ids,
    shard_order,
)


def digests_in_order(folder: Path, order: Any) -> Any:
    """A shard's id digests, of its three files, in input order."""
    import numpy as np

    digests = np.zeros(len(order), dtype=np.uint64)
    for index, name in enumerate(ID_FILES):
        digests[order == index] = shard_ids(folder, name)
    return digests


def resolve_ids(folders: Sequence[Path]) -> dict[str, Any]:
    """From the first pass's committed shards (in order): for each file and shard, the
    position of every record that must be renamed → its new id; and the W002 for each."""
    import numpy as np

    orders = [shard_order(folder) for folder in folders]
    digests = [digests_in_order(f, o) for f, o in zip(folders, orders, strict=True)]
    every = np.concatenate(digests) if digests else np.zeros(0, dtype=np.uint64)
    unique = UniqueIds(every)
    renamed: dict[str, dict[str, dict[str, str]]] = {name: {} for name in ID_FILES}
    warnings = []
    for folder, order, shard_digests in zip(folders, orders, digests, strict=True):
        if not unique.touches(shard_digests):
            continue
        repeated = unique.repeated(shard_digests)
        byte = corpus_bytes(folder)
        positions = dict.fromkeys(ID_FILES, 0)
        files = {name: (folder / name).open(encoding="utf-8") for name in ID_FILES}
        try:
            for at, which in enumerate(order.tolist()):
                name = ID_FILES[which]
                line, position = next(files[name]), positions[name]
                positions[name] += 1
                if not repeated[at]:
                    continue
                row = json.loads(line)
                new_id = unique.rename(row["id"])
                if new_id is None:
                    continue
                renamed[name].setdefault(folder.name, {})[str(position)] = new_id
                if name == CORPUS:
                    where = row.get("meta", {}).get("line"), byte(position)
                else:
                    where = row.get("line"), row.get("byte")
                warnings.append(duplicate_warning(row["source"], *where, row["id"], new_id))
        finally:
            for f in files.values():
                f.close()
    return {
        "renamed": renamed[CORPUS],
        ERRORS: renamed[ERRORS],
        DROPPED: renamed[DROPPED],
        "warnings": warnings,
        "documents": resolve_documents(folders),
    }


def resolve_documents(folders: Sequence[Path]) -> dict[str, list[list[str]]]:
    """The documents several files give (a `doc_id` field, or the id standing for it, that
    records of two files write: the names files take from their own names never clash,
    `discover`, nor with a document a record gives, `objects.own_document`): the first file
    in corpus order keeps the name, each later one's is `SOURCE:DOC` (`SOURCE:` again while
    that names another document), so `doc_id` is unique per input file. Names are compared
    in NFC. For each shard holding such a document: [source, doc_id, its new doc_id].

    24 bytes per distinct (source, doc_id) in the main process; of the shards holding a
    renamed one, only the first record of each is read again."""
    import numpy as np

    pairs = [shard_documents(folder) for folder in folders]
    every = np.concatenate(pairs)[:, :2] if pairs else np.zeros((0, 2), np.uint64)
    if not len(every):
        return {}
    # distinct pairs, in the order first met (shard order, then each shard's)
    _, first_at = np.unique(every, axis=0, return_index=True)
    distinct = every[np.sort(first_at)]
    docs, owner_at, sources = np.unique(distinct[:, 1], return_index=True, return_counts=True)
    shared = docs[sources > 1]
    if not len(shared):
        return {}
    owner = np.zeros(len(distinct), dtype=bool)
    owner[owner_at] = True  # the first file to give each document keeps it
    later_rows = distinct[np.isin(distinct[:, 1], shared) & ~owner]
    later = [(int(s), int(d)) for s, d in later_rows.tolist()]  # in corpus order
    wanted = set(later)
    names: dict[tuple[int, int], list[tuple[str, str]]] = {}  # each pair's texts, first met first
    where: dict[tuple[int, int], list[str]] = {}  # the shards holding each
    for folder, of_shard in zip(folders, pairs, strict=True):
        at: dict[int, tuple[int, int]] = {}  # a record's index → the pair it is the first of
        for s, d, index in of_shard[np.isin(of_shard[:, 1], shared)].tolist():
            if (s, d) in wanted:
                at[index] = s, d
                if folder.name not in where.setdefault((s, d), []):
                    where[s, d].append(folder.name)
        for index, text in texts_at(folder, at).items():
            known = names.setdefault(at[index], [])
            if text not in known:  # a name written in several forms equal in NFC
                known.append(text)
    made: set[int] = set()

    def taken(digest: int) -> bool:
        at = int(np.searchsorted(docs, np.uint64(digest)))
        return digest in made or (at < len(docs) and int(docs[at]) == digest)

    renamed: dict[str, list[list[str]]] = {}
    for pair in later:
        source, doc = names[pair][0]
        new = f"{source}:{doc}"
        while taken(document_pair(source, new)[1]):
            new = f"{source}:{new}"
        made.add(document_pair(source, new)[1])
        for shard in where[pair]:
            # every way the file writes the name (equal in NFC) becomes the one new name
            renamed.setdefault(shard, []).extend([s, d, new] for s, d in names[pair])
    return renamed


def texts_at(folder: Path, at: dict[int, Any]) -> dict[int, tuple[str, str]]:
    """The source and doc_id of a shard's records at input-order indices `at`; the other
    lines are skipped unread."""
    found: dict[int, tuple[str, str]] = {}
    if not at:
        return found
    order = shard_order(folder).tolist()
    files = {name: (folder / name).open(encoding="utf-8") for name in ID_FILES}
    try:
        for index, which in enumerate(order[: max(at) + 1]):
            line = next(files[ID_FILES[which]])
            if index in at:
                row = json.loads(line)
                found[index] = row["source"], row["doc_id"]
    finally:
        for f in files.values():
            f.close()
    return found


class FinalIds:
    """The resolved renaming: `of(shard, position)` is the new id of that corpus record, or
    None; `in_file(file, shard)` every renamed position of one of a shard's files."""

    def __init__(self, resolved: dict[str, Any]) -> None:
        self.renamed: dict[str, dict[str, str]] = resolved.get("renamed", {})
        self.others: dict[str, dict[str, dict[str, str]]] = {
            name: resolved.get(name, {}) for name in (ERRORS, DROPPED)
        }
        self.warnings: list[dict[str, Any]] = resolved.get("warnings", [])
        self.documents: dict[str, list[list[str]]] = resolved.get("documents", {})

    def of(self, shard: str, position: int) -> str | None:
        return self.renamed.get(shard, {}).get(str(position))

    def in_shard(self, shard: str) -> dict[str, str]:
        return self.renamed.get(shard, {})

    def documents_in(self, shard: str) -> dict[tuple[str, str], str]:
        """(source, doc_id) → the doc_id its records get, for the documents of `shard` that
        another file gave first."""
        return {(source, doc): new for source, doc, new in self.documents.get(shard, [])}

    def in_file(self, name: str, shard: str) -> dict[str, str]:
        """The renamed positions of the first pass's `name` (corpus, errors, dropped) in
        `shard`: position → new id."""
        if name == CORPUS:
            return self.in_shard(shard)
        return self.others.get(name, {}).get(shard, {})
