"""Near-duplicate clusters of a corpus, from the per-shard partials of `NearDedup`'s observer.

A cluster is a connected component of the graph whose edges are LSH candidate pairs (one band
key equal, `pipeline.minhash`) whose estimated Jaccard similarity (b-bit sketches) reaches the
threshold; its representative is its first record in corpus order (shards in order, records
in shard order). Verifying the candidates removes the pairs the S-curve lets through below
the threshold (at 0.5 with 32 bands of 4 rows, a pair at Jaccard 0.3 is a candidate 23 % of
the time: the bands are chosen for few lost pairs, `minhash.MISS_WEIGHT`). The components,
and so the result, depend only on the set of verified edges, never on the order they are
found in; the candidate pairs are taken from each band's buckets in corpus order (each member
with the bucket's first and with the one before it), so that set is the same for any shard
size or number of workers.

Memory (numpy, in the main process, never the texts): 8 bytes per band key plus 8 per record
for where it is (at the default 32 bands, about 265 MB per million records with words), then
`num_perm` bytes (128) per record in some candidate pair and 16 bytes per distinct candidate
pair (at most two per record and band, much fewer in practice: the pairs of one cluster repeat
across bands). The partials are read three times, one at a time: keys, sketches of the
candidates, the ids of representatives.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

import numpy as np

from pipeline.minhash import Scheme, estimated_jaccard

VERIFY_CHUNK = 65_536  # candidate pairs compared at once (chunk × num_perm × 2 bytes)


def encode(array: np.ndarray) -> str:
    """A numpy array as base64 of its little-endian bytes (in a JSON partial)."""
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


def decode(text: str, dtype: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype))


def resolve_clusters(partials: Iterable[dict[str, Any]], scheme: Scheme) -> dict[str, Any]:
    """`{"marks": {shard: [[position, first id, first's shard, first's position], ...]}, ...}`:
    each record that is not the first of its cluster, with the first."""
    bands, _ = scheme.bands_rows
    keys: list[np.ndarray] = []
    for partial in partials:
        keys.append(decode(partial["bands"], "<u8").reshape(-1, bands))
    table = np.concatenate(keys) if keys else np.zeros((0, bands), dtype=np.uint64)
    del keys
    total = len(table)
    pairs = candidate_pairs(table)
    del table
    candidates = np.unique(pairs.reshape(-1))
    sketches = candidate_sketches(partials, candidates, scheme.num_perm)
    left = np.searchsorted(candidates, pairs[:, 0])
    right = np.searchsorted(candidates, pairs[:, 1])
    keep = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), VERIFY_CHUNK):
        end = start + VERIFY_CHUNK
        similar = estimated_jaccard(sketches[left[start:end]], sketches[right[start:end]])
        keep[start:end] = similar >= scheme.threshold
    first = first_of_component(len(candidates), left[keep], right[keep])
    firsts = candidates[first]  # each candidate's cluster's first record (global index)
    members = candidates != firsts
    marks = member_marks(partials, candidates[members], firsts[members])
    return {
        "marks": marks,
        "records": total,
        "candidate_pairs": len(pairs),
        "verified_pairs": int(keep.sum()),
        "clusters": int(np.unique(firsts[members]).size),
        "near_duplicates": int(members.sum()),
    }


def candidate_pairs(table: np.ndarray) -> np.ndarray:
    """Distinct pairs (earlier, later) of global indices sharing a band key (n × 2, int64):
    in each bucket, every member with the bucket's first and with the member before it."""
    found = [np.zeros((0, 2), dtype=np.int64)]
    for band in range(table.shape[1]):
        column = table[:, band]
        order = np.argsort(column, kind="stable").astype(np.int64)  # index order in a bucket
        ordered = column[order]
        starts = np.ones(len(order), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        if starts.all():
            continue
        bucket_start = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
        later = ~starts
        to_first = np.stack([order[bucket_start[later]], order[later]], axis=1)
        after = np.flatnonzero(later)
        to_previous = np.stack([order[after - 1], order[after]], axis=1)
        found.append(np.unique(np.concatenate([found.pop(), to_first, to_previous]), axis=0))
    return found[-1]


def candidate_sketches(
    partials: Iterable[dict[str, Any]], candidates: np.ndarray, num_perm: int
) -> np.ndarray:
    """The b-bit sketches of `candidates` (sorted global indices), in their order."""
    out = np.zeros((len(candidates), num_perm), dtype=np.uint8)
    offset = 0
    for partial in partials:
        count = int(partial["count"])
        wanted = candidates[(candidates >= offset) & (candidates < offset + count)]
        if wanted.size:
            rows = decode(partial["sketches"], "u1").reshape(-1, num_perm)
            out[np.searchsorted(candidates, wanted)] = rows[wanted - offset]
        offset += count
    return out


def first_of_component(nodes: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For each node, the smallest node of its connected component (nodes are sorted by
    corpus order, so that is the component's first record)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(nodes, nodes))
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max() + 1 if nodes else 0, nodes, dtype=np.int64)
    np.minimum.at(smallest, labels, np.arange(nodes, dtype=np.int64))
    return np.asarray(smallest[labels], dtype=np.int64)


def member_marks(
    partials: Iterable[dict[str, Any]], members: np.ndarray, firsts: np.ndarray
) -> dict[str, list[list[Any]]]:
    """Each member's shard and position with its first record's id, shard and position; a
    first record always comes before its members, so one go in order finds every id."""
    first_of = dict(zip(members.tolist(), firsts.tolist(), strict=True))
    wanted_firsts = set(first_of.values())
    named: dict[int, list[Any]] = {}
    marks: dict[str, list[list[Any]]] = {}
    offset = 0
    for partial in partials:
        count, shard = int(partial["count"]), partial["shard"]
        positions = decode(partial["positions"], "<u4")
        for local in range(count):
            index = offset + local
            if index in wanted_firsts:
                named[index] = [partial["ids"][local], shard, int(positions[local])]
            if index in first_of:
                first_id, first_shard, first_position = named[first_of[index]]
                marks.setdefault(shard, []).append(
                    [int(positions[local]), first_id, first_shard, first_position]
                )
        offset += count
    return marks
