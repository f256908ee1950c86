"""A text's MinHash, its LSH band keys and its b-bit sketch (`--dedup near`, through datasketch).

The text is compared as the set of its word n-grams: Unicode NFKC, case folded, words are runs
of letters and digits (`\\w+`), so quotes, dashes, punctuation and line breaks never count,
and a re-wrapped or re-quoted copy has the same set. A text of fewer than `ngram` words is one
shingle. datasketch's `MinHash` (scheme affine32: SHA-1 of each shingle, `num_perm` 32-bit
permutations from a fixed seed, the same in every process) gives the signature; its
`MinHashLSH` gives the bands and rows for a threshold (it minimises the area of false
positives plus false negatives under the S-curve). What a corpus-wide resolve keeps per record
is small and independent of the text's length:

- `bands`: one 64-bit key per band (BLAKE2b of the band's `rows` values): two records are
  candidates when one band key is equal;
- `sketch`: the low 8 bits of each of the `num_perm` values (b-bit MinHash, Li and König
  2010: datasketch's `bBitMinHash` with b=8), from which the Jaccard similarity of two
  candidates is estimated as (equal - 1/256) / (1 - 1/256) of the values.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import regex

WORD = regex.compile(r"\w+")
SKETCH_BITS = 8  # the b of b-bit MinHash: 1 byte per permutation, chance agreement 1/256


def normal_text(text: str) -> str:
    """The text as duplicates compare it: NFKC (full-width, ligatures, compatibility quotes),
    case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def shingles(text: str, ngram: int) -> list[bytes]:
    """The distinct word n-grams of `text` (UTF-8), in first-seen order; [] without a word."""
    words = WORD.findall(normal_text(text))
    if not words:
        return []
    if len(words) <= ngram:
        return [" ".join(words).encode("utf-8", "surrogatepass")]
    grams = (" ".join(words[i : i + ngram]) for i in range(len(words) - ngram + 1))
    return list(dict.fromkeys(g.encode("utf-8", "surrogatepass") for g in grams))


@dataclass(frozen=True)
class Scheme:
    """The MinHash settings every record of a run shares (they shape the result: `config`);
    their defaults are `NearDedup`'s fields."""

    threshold: float
    num_perm: int
    ngram: int
    seed: int = 1

    def config(self) -> dict[str, Any]:
        bands, rows = self.bands_rows
        return {
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "ngram": self.ngram,
            "seed": self.seed,
            "bands": bands,
            "rows": rows,
        }

    @property
    def bands_rows(self) -> tuple[int, int]:
        return bands_rows(self.threshold, self.num_perm)

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash values (uint32, `num_perm`) of the text's shingles; None without words."""
        grams = shingles(text, self.ngram)
        if not grams:
            return None
        minhash = template(self.num_perm, self.seed).copy()
        minhash.update_batch(grams)
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band (uint64, `bands`)."""
        bands, rows = self.bands_rows
        data = signature.astype("<u4").tobytes()
        width = rows * 4
        return np.fromiter(
            (
                int.from_bytes(
                    hashlib.blake2b(data[b * width : (b + 1) * width], digest_size=8).digest(),
                    "little",
                )
                for b in range(bands)
            ),
            dtype=np.uint64,
            count=bands,
        )


def sketch(signature: np.ndarray) -> np.ndarray:
    """The low `SKETCH_BITS` bits of each value (uint8)."""
    return (signature & ((1 << SKETCH_BITS) - 1)).astype(np.uint8)


def estimated_jaccard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Jaccard similarity estimated from b-bit sketches, row by row (n × num_perm each):
    datasketch's `bBitMinHash.jaccard` with r → 0, vectorised over candidate pairs."""
    chance = 1.0 / (1 << SKETCH_BITS)
    equal = np.count_nonzero(left == right, axis=1) / left.shape[1]
    return np.asarray((equal - chance) / (1.0 - chance))


@cache
def template(num_perm: int, seed: int) -> Any:
    """An empty MinHash whose permutations are computed once per process (copied per text)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme="affine32")


@cache
def bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's choice of bands × rows for the threshold (equal weights)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)
