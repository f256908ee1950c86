"""The raw tool for near duplicates: datasketch as its README shows it, no pipeline.

Word 3-grams of the lower-cased text split on spaces, a `MinHash` per text (128 permutations),
one `MinHashLSH` at the threshold: each text is queried before it is inserted, and joins the
cluster of the earliest text it is a candidate of (union-find, first in order). The anchor
`bench/near_quality.py` compares `--dedup near` with, on the same records.

    python bench/raw_near.py texts.jsonl [--threshold 0.5]   (one {"text"} per line)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path


def raw_clusters(texts: Sequence[str], threshold: float, num_perm: int = 128) -> list[int]:
    """For each text, the index of the first text of its cluster (itself if none)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, text in enumerate(texts):
        words = text.lower().split()
        grams = {" ".join(words[k : k + 3]) for k in range(max(1, len(words) - 2))}
        minhash = MinHash(num_perm=num_perm)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        for j in lsh.query(minhash):
            a, b = root(i), root(int(j))
            parent[max(a, b)] = min(a, b)
        lsh.insert(i, minhash)
    return [root(i) for i in range(len(texts))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    with args.texts.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    for i, first in enumerate(raw_clusters(texts, args.threshold)):
        print(json.dumps({"index": i, "near_duplicate_of": None if first == i else first}))


if __name__ == "__main__":
    main()
