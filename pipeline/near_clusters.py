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

Two records whose detected languages differ are never joined (a list of names
and its translation share most 3-grams: `pipeline.stages.near_dedup`), nor two whose words
that are not names (`pipeline.frame_words`: a list's label and conjunctions) share none, each
having a few (at most `FRAMES`, hashed): a list and its translation that language ID reads in
one language, the names' (hostile47 k172), are apart; a copy keeps one of them.

A block of furniture that many records hold in the same field (a site's footer under each
review of a JSONL, CSV or Parquet export: the segmenter of .txt and .html makes it a record of
its own, a field cannot) is longer than a short text, so two distinct texts under it share
most of their 3-grams. Its shingles decide the same MinHash value in every record where one of
them is the least: the value's document frequency, counted over the corpus (a sum per
permutation and 16-bit value, `count_values`: the same for any cut into shards), tells it.
A value held by one record in `COMMON_SHARE` (and `COMMON_LEAST`) is common, and weighs
`COMMON_WEIGHT` in the similarity of two records that both hold it (`similarity`), and, when
each holds values of its own, all the common ones together no more than `OWN_SHARE` of the
rest: reviews under one footer are apart however long the footer (h49: a block of 90 to 95 %
of each page joined every review), a copy of one (under the same footer) is not, and a text
reposted many times under other headers is still one cluster through its bare copy, which
holds no value of its own.

Memory (numpy, in the main process, never the texts): 8 bytes per band key plus 8 per record
for where it is (at the default 32 bands, about 265 MB per million records with words), the
value counts (`num_perm` × 65,536 × 4 bytes: 32 MB, whatever the corpus), then `num_perm` × 3
bytes (384: its 16-bit sketch, which values are common), 4 (its language) and 4 × `FRAMES`
(32: its frame words' hashes) per record in some candidate pair, and 16 bytes per distinct
candidate pair (at most two per record and band, much fewer in practice: the pairs of one
cluster repeat across bands). The partials
are read three times, one at a time: keys and value counts, sketches and languages of the
candidates, the ids of representatives.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

import numpy as np

from pipeline.frame_words import FRAMES, MANY
from pipeline.minhash import SKETCH_BITS, SKETCH_DTYPE, Scheme

VERIFY_CHUNK = 65_536  # candidate pairs compared at once (chunk × num_perm × 2 bytes)
# A shared block (a site's footer or header inside one field): a MinHash value that is the
# value of at least `COMMON_LEAST` records, and of at least one record in `COMMON_SHARE` of
# the corpus (above the chance collisions of 16 bits: one record in 65,536 per value), is
# decided by a shingle of a block that many records hold, not by their own text.
COMMON_LEAST = 5
COMMON_SHARE = 200
# The low bits of the sketch two values are compared by (b-bit MinHash's b); the rest of
# `SKETCH_BITS` only tell the values apart in counting them. 8 as measured in `make eval`.
ESTIMATE_BITS = 8
# The weight of a value two records both hold in common with many others, against one that
# is their own (1): a block shared with the corpus counts a quarter, so two records join
# through it only where it is more than 4/5 of what they hold (a text reposted many times
# under other headers), not where each adds a text of its own (reviews under one footer).
COMMON_WEIGHT = 0.25
# A block that both of two records hold with many others, each also holding values of
# its own (`OWN_LEAST`: a text under a site's block, not the shared text itself), weighs no
# more in all than `OWN_SHARE` of their other values: two distinct texts under one block
# are at most OWN_SHARE / (1 + OWN_SHARE) = 0.2 similar however long the block, and a copy
# of one under the same block is found from what it holds of the text (a Jaccard of 0.375
# reaches 0.5). h49, generated sites' pages (a block of 60 to 95 % of each page's words):
# with the quarter weight alone, at 80-90 % 155 of 600 distinct texts joined, at 90-95 %
# every one.
OWN_LEAST = 2
OWN_RARE = 2
OWN_SHARE = 0.25


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
    counts = np.zeros((scheme.num_perm, 1 << SKETCH_BITS), dtype=np.uint32)
    for partial in partials:
        keys.append(decode(partial["bands"], "<u8").reshape(-1, bands))
        count_values(counts, decode(partial["sketches"], SKETCH_DTYPE).reshape(-1, scheme.num_perm))
    table = np.concatenate(keys) if keys else np.zeros((0, bands), dtype=np.uint64)
    del keys
    total = len(table)
    pairs = candidate_pairs(table)
    del table
    candidates = np.unique(pairs.reshape(-1))
    sketches, langs, frames = candidate_sketches(partials, candidates, scheme.num_perm)
    common, holds_own = common_rows(counts, sketches, total)
    del counts
    left = np.searchsorted(candidates, pairs[:, 0])
    right = np.searchsorted(candidates, pairs[:, 1])
    keep = np.zeros(len(pairs), dtype=bool)
    for start in range(0, len(pairs), VERIFY_CHUNK):
        one, two = left[start : start + VERIFY_CHUNK], right[start : start + VERIFY_CHUNK]
        own = holds_own[one] & holds_own[two]
        similar = similarity(sketches[one], sketches[two], common[one] & common[two], own)
        languages = (langs[one] == langs[two]) | (langs[one] < 0) | (langs[two] < 0)
        framed = frames_shared(frames[one], frames[two])
        keep[start : start + VERIFY_CHUNK] = (similar >= scheme.threshold) & languages & framed
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


def count_values(counts: np.ndarray, sketches: np.ndarray) -> None:
    """Add to `counts` (num_perm × 2**SKETCH_BITS) how many records have each value at each
    permutation: a sum, so the same for any cut of the corpus into shards."""
    if len(sketches):
        at = places_of(sketches)
        places, times = np.unique(at, return_counts=True)  # each place once: a plain add
        counts.reshape(-1)[places] += times.astype(counts.dtype)


def places_of(sketches: np.ndarray) -> np.ndarray:
    """Each value's place in the flat counts: permutation × 2**SKETCH_BITS + value (uint32:
    num_perm × 65,536 fits)."""
    start = np.arange(sketches.shape[1], dtype=np.uint32) << np.uint32(SKETCH_BITS)
    return start + sketches.astype(np.uint32)


def common_rows(
    counts: np.ndarray, sketches: np.ndarray, records: int
) -> tuple[np.ndarray, np.ndarray]:
    """For each of `sketches` (n × num_perm), which values are common: held by at least
    `COMMON_LEAST` records and one in `COMMON_SHARE` of `records`; and whether the record
    holds `OWN_LEAST` values of its own, held by fewer than half that many records (the
    shared text itself, reposted, holds none: its values are held by about as many records
    as hold it, and a value a few copies lose to their headers is not taken for its own)."""
    least = max(COMMON_LEAST, -(-records // COMMON_SHARE))
    held = counts.reshape(-1)[places_of(sketches)]
    own = np.sum(held * OWN_RARE < least, axis=1) >= OWN_LEAST
    return np.asarray(held >= least), np.asarray(own)


def similarity(
    left: np.ndarray, right: np.ndarray, common: np.ndarray, own: np.ndarray | None = None
) -> np.ndarray:
    """The Jaccard similarity of pairs of records (rows of b-bit sketches) estimated with the
    values both hold in common with many others (`common`, n × num_perm) weighed down:
    each `COMMON_WEIGHT`, and, for the pairs where each record holds values of its own
    (`own`: a text under a site's block, not the shared text itself), all together no more
    than `OWN_SHARE` of the values that are not both common, so that what each adds to the
    block decides however long the block is. With no common value, (equal - 1/2^b) /
    (1 - 1/2^b) of the values, b = `ESTIMATE_BITS` (datasketch's `bBitMinHash.jaccard`),
    vectorised over the pairs."""
    shared = np.sum(common, axis=1)
    apart = left.shape[1] - shared  # the values not both common: never 0 with `own`
    weight = np.full(len(left), COMMON_WEIGHT)
    if own is not None:
        capped = np.minimum(COMMON_WEIGHT, OWN_SHARE * apart / np.maximum(shared, 1))
        weight = np.where(own, capped, weight)
    weights = np.where(common, weight[:, None], 1.0)
    same = ((left ^ right) & ((1 << ESTIMATE_BITS) - 1)) == 0
    equal = np.sum(weights * same, axis=1) / np.sum(weights, axis=1)
    chance = 1.0 / (1 << ESTIMATE_BITS)
    return np.asarray((equal - chance) / (1.0 - chance))


def frames_shared(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For pairs of records (rows of `FRAMES` frame-word hashes, 0 where there is none; a
    row of all ones: more than `FRAMES` words), whether they may be joined: unless each
    has a frame word and none of one's is the other's (a list and its translation). A hash
    collision only joins, as before."""
    known = (left != 0) & (right != 0)
    some = np.any(left != 0, axis=1) & np.any(right != 0, axis=1)
    many = np.all(left == MANY, axis=1) | np.all(right == MANY, axis=1)
    shared = np.any((left[:, :, None] == right[:, None, :]) & known[:, :, None], axis=(1, 2))
    return np.asarray(shared | ~some | many)


def candidate_sketches(
    partials: Iterable[dict[str, Any]], candidates: np.ndarray, num_perm: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The b-bit sketches of `candidates` (sorted global indices), in their order, their
    detected languages as numbers (-1: none, no stage detected one; only equality counts, so
    the numbering may follow the shards) and their frame words' hashes (`FRAMES` each). "und",
    a text the detector could not place, is a language of its own: a name list is often one,
    and its translation another."""
    out = np.zeros((len(candidates), num_perm), dtype=SKETCH_DTYPE)
    langs = np.full(len(candidates), -1, dtype=np.int32)
    frames = np.full((len(candidates), FRAMES), MANY, dtype=np.uint32)
    numbers: dict[str, int] = {}
    offset = 0
    for partial in partials:
        count = int(partial["count"])
        wanted = candidates[(candidates >= offset) & (candidates < offset + count)]
        if wanted.size:
            rows = decode(partial["sketches"], SKETCH_DTYPE).reshape(-1, num_perm)
            at = np.searchsorted(candidates, wanted)
            out[at] = rows[wanted - offset]
            if "frames" in partial:
                framed = decode(partial["frames"], "<u4").reshape(-1, FRAMES)
                frames[at] = framed[wanted - offset]
            given = partial.get("langs") or [None] * count
            for place, local in zip(at.tolist(), (wanted - offset).tolist(), strict=True):
                lang = given[local]
                if lang:
                    langs[place] = numbers.setdefault(lang, len(numbers))
        offset += count
    return out, langs, frames


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
