"""Near-duplicate clusters of a corpus, from the per-shard partials of `NearDedup`'s observer.

A cluster is a connected component of the graph whose edges are LSH candidate pairs (one band
key equal, `pipeline.minhash`) whose estimated Jaccard similarity (b-bit sketches) reaches the
threshold; its representative is its first record in corpus order (shards in order, records
in shard order). Verifying the candidates removes the pairs the S-curve lets through below
the threshold (at 0.5 with 32 bands of 4 rows, a pair at Jaccard 0.3 is a candidate 23 % of
the time: the bands are chosen for few lost pairs, `minhash.MISS_WEIGHT`). Each band's
buckets are walked in corpus order (`BucketWalk`), each member compared with a few kept
members of every cluster the bucket already holds, so the same for any shard size or number
of workers, and a copy finds its text whatever stands between them in the bucket: the
partition does not follow the input order (only each cluster's name does).

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
A text's exact copies (the same band keys: the same MinHash) count once (`distinct_rows`: a
text posted many times is no block). A value held by one distinct text in `COMMON_SHARE` (and
`COMMON_LEAST`) is common, and weighs
`COMMON_WEIGHT` in the similarity of two records that both hold it (`similarity`), and, when
each holds values of its own, all the common ones together no more than `OWN_SHARE` of the
rest: reviews under one footer are apart however long the footer (h49: a block of 90 to 95 %
of each page joined every review), a copy of one (under the same footer) is not, and a text
reposted many times under other headers is still one cluster through its bare copy, which
holds no value of its own.

Memory (numpy, in the main process, never the texts): 8 bytes per band key plus 8 per record
for where it is (at the default 32 bands, about 265 MB per million records with words), the
value counts (`num_perm` × 65,536 × 4 bytes: 32 MB, whatever the corpus), then `num_perm` × 3
bytes (384: its 16-bit sketch, which values are common), 4 (its language), 4 × `FRAMES`
(32: its frame words' hashes) and 8 (its cluster) per record sharing a band key with another;
a bucket's walk holds at most `KEPT_CLUSTERS` × `KEPT_EACH` kept members. The partials are
read three times, one at a time: keys, sketches (the values counted, the candidates' kept),
languages and frames, the ids of representatives.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

import numpy as np

from pipeline.frame_words import FRAMES, MANY
from pipeline.minhash import SKETCH_BITS, SKETCH_DTYPE, Scheme

# In a band's bucket, each member is verified with the first `KEPT_EACH` members of each of
# the first `KEPT_CLUSTERS` clusters the bucket holds (`BucketWalk`): a near copy that misses
# one copy of its text meets another, and a bucket of many distinct texts sharing a band (a
# site's block) costs at most that many comparisons per member.
KEPT_EACH = 2
KEPT_CLUSTERS = 8
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
    for partial in partials:
        keys.append(decode(partial["bands"], "<u8").reshape(-1, bands))
    table = np.concatenate(keys) if keys else np.zeros((0, bands), dtype=np.uint64)
    del keys
    total = len(table)
    candidates = np.flatnonzero(in_shared_buckets(table))
    counts = np.zeros((scheme.num_perm, 1 << SKETCH_BITS), dtype=np.uint32)
    distinct = distinct_rows(table)
    sketches, langs, frames = candidate_sketches(
        partials, candidates, scheme.num_perm, counts, distinct
    )
    common, holds_own = common_rows(counts, sketches, int(distinct.sum()))
    del counts
    walk = BucketWalk(sketches, langs, common, holds_own, frames, scheme.threshold)
    for band in range(bands):
        walk.band(table[candidates, band])
    del table
    firsts = candidates[walk.roots()]  # each candidate's cluster's first record (global index)
    members = candidates != firsts
    marks = member_marks(partials, candidates[members], firsts[members])
    return {
        "marks": marks,
        "records": total,
        "candidate_pairs": walk.compared,
        "verified_pairs": walk.verified,
        "clusters": int(np.unique(firsts[members]).size),
        "near_duplicates": int(members.sum()),
    }


def in_shared_buckets(table: np.ndarray) -> np.ndarray:
    """Which records share a band key with another record (in any band): the only ones
    whose sketches are read."""
    shared = np.zeros(len(table), dtype=bool)
    for band in range(table.shape[1]):
        _, inverse, sizes = np.unique(table[:, band], return_inverse=True, return_counts=True)
        shared |= sizes[inverse.reshape(-1)] > 1
    return shared


def distinct_rows(table: np.ndarray) -> np.ndarray:
    """Which records are the first of their text's exact copies (the same key in every band:
    the same MinHash), so that a text posted many times counts once in the values'
    frequencies (hostile49 N1: a text posted 5 times took its own values for a shared block,
    and its near copies stopped matching)."""
    mix = np.zeros(len(table), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(table.shape[1]):
            mix = (mix ^ table[:, band]) * np.uint64(0x9E3779B97F4A7C15)
            mix ^= mix >> np.uint64(29)
    _, first = np.unique(mix, return_index=True)
    distinct = np.zeros(len(table), dtype=bool)
    distinct[first] = True
    return distinct


class BucketWalk:
    """The clusters of the candidates (union-find, each root its cluster's first candidate),
    band after band: in each bucket of a band key, in corpus order, each member is verified
    with the members kept for the clusters the bucket already holds (the first `KEPT_EACH` of
    each, of the first `KEPT_CLUSTERS` clusters, and the member before it) that are not yet
    in its own cluster, and joined to every one it verifies with. So a member finds what it
    matches whatever came between them in the bucket (another detected language, another
    text sharing the band: hostile49 N2, where comparing each only with the bucket's first
    and previous member made the partition follow the input order), and the work per member
    is bounded by the kept ones: linear in a bucket's size. A bucket whose members are one
    cluster already is skipped whole (a text's copies share most bands)."""

    def __init__(
        self,
        sketches: np.ndarray,
        langs: np.ndarray,
        common: np.ndarray,
        own: np.ndarray,
        frames: np.ndarray,
        threshold: float,
    ) -> None:
        self.sketches, self.langs, self.common = sketches, langs, common
        self.own, self.frames = own, frames
        self.threshold = threshold
        self.parent = np.arange(len(sketches), dtype=np.int64)
        self.compared = 0
        self.verified = 0

    def roots(self) -> np.ndarray:
        """Each candidate's root (the parents flattened)."""
        parent = self.parent
        while True:
            up = parent[parent]
            if (up == parent).all():
                self.parent = parent
                return parent
            parent = up

    def find(self, node: int) -> int:
        parent = self.parent
        root = node
        while parent[root] != root:
            root = int(parent[root])
        while node != root:
            parent[node], node = root, int(parent[node])
        return root

    def band(self, column: np.ndarray) -> None:
        """One band's keys of the candidates (in candidate order, which is corpus order)."""
        if not len(column):
            return
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], len(order)]
        rooted = self.roots()[order]
        mixed = (ends - starts > 1) & (
            np.minimum.reduceat(rooted, starts) != np.maximum.reduceat(rooted, starts)
        )
        for start, end in zip(starts[mixed].tolist(), ends[mixed].tolist(), strict=True):
            self.bucket(order[start:end].tolist())

    def bucket(self, members: list[int]) -> None:
        kept: dict[int, list[int]] = {}  # a kept cluster's first member: its kept members
        previous = -1
        for member in members:
            mine = self.find(member)
            others = [n for first, nodes in kept.items() if self.find(first) != mine for n in nodes]
            if previous >= 0 and self.find(previous) != mine and previous not in others:
                others.append(previous)
            for node in self.matching(member, others) if others else []:
                self.union(member, node)
            mine = self.find(member)
            held = [first for first in kept if self.find(first) == mine]
            if held and len(kept[held[0]]) < KEPT_EACH:
                kept[held[0]].append(member)
            elif not held and len(kept) < KEPT_CLUSTERS:
                kept[member] = [member]
            previous = member

    def matching(self, member: int, others: list[int]) -> list[int]:
        """Which of `others` `member` verifies with: similar enough, and in its language."""
        at = np.asarray(others, dtype=np.int64)
        one = np.full(len(at), member, dtype=np.int64)
        own = self.own[one] & self.own[at]
        similar = similarity(
            self.sketches[one], self.sketches[at], self.common[one] & self.common[at], own
        )
        langs = self.langs
        same = (langs[one] == langs[at]) | (langs[one] < 0) | (langs[at] < 0)
        framed = frames_shared(self.frames[one], self.frames[at])
        good = (similar >= self.threshold) & same & framed
        self.compared += len(at)
        self.verified += int(good.sum())
        return [int(node) for node in at[good]]

    def union(self, one: int, two: int) -> None:
        left, right = self.find(one), self.find(two)
        if left != right:
            self.parent[max(left, right)] = min(left, right)


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
    `COMMON_LEAST` records and one in `COMMON_SHARE` of `records` (distinct texts, as the
    counts count them); and whether the record
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
    known = (left != 0)[:, :, None] & (right != 0)[:, None, :]  # each against each
    some = np.any(left != 0, axis=1) & np.any(right != 0, axis=1)
    many = np.all(left == MANY, axis=1) | np.all(right == MANY, axis=1)
    shared = np.any((left[:, :, None] == right[:, None, :]) & known, axis=(1, 2))
    return np.asarray(shared | ~some | many)


def candidate_sketches(
    partials: Iterable[dict[str, Any]],
    candidates: np.ndarray,
    num_perm: int,
    counts: np.ndarray,
    distinct: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The b-bit sketches of `candidates` (sorted global indices), in their order, their
    detected languages as numbers (-1: none, no stage detected one; only equality counts, so
    the numbering may follow the shards) and their frame words' hashes (`FRAMES` each). "und",
    a text the detector could not place, is a language of its own: a name list is often one,
    and its translation another. On the way, the values of the `distinct` records (one of
    each text's exact copies) counted into `counts`."""
    out = np.zeros((len(candidates), num_perm), dtype=SKETCH_DTYPE)
    langs = np.full(len(candidates), -1, dtype=np.int32)
    frames = np.full((len(candidates), FRAMES), MANY, dtype=np.uint32)
    numbers: dict[str, int] = {}
    offset = 0
    for partial in partials:
        count = int(partial["count"])
        rows = decode(partial["sketches"], SKETCH_DTYPE).reshape(-1, num_perm)
        count_values(counts, rows[distinct[offset : offset + count]])
        wanted = candidates[(candidates >= offset) & (candidates < offset + count)]
        if wanted.size:
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
