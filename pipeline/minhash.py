"""A text's MinHash, its LSH band keys and its b-bit sketch (`--dedup near`, through datasketch).

The text is compared as the set of its word n-grams (`tokens`): HTML character references
decoded (a scraped field holding `l&#39;option` is the page's "l'option"), invisible format
characters read through (a soft hyphen or zero-width space inside a word, `words.visible`),
Unicode NFKC, case folded, nonspacing marks taken off (`folded`); words are runs of letters,
marks and digits (`\\w+` but `_`), so quotes, dashes,
punctuation and line breaks never count, and a re-wrapped or re-quoted copy has the same set;
a word a hard wrap hyphenated at a line end ("separ-\\nately", a PDF export) is the word, unless
both its parts are words elsewhere in the text (then it is taken for a compound cut at its own
hyphen, "well-" / "known", which counts as two words, as "well-known" on one line does:
`unhyphenated`; a compound cut so whose parts the text does not write alone is read as one
word, a limit only a dictionary would lift). A text without a letter (a row of numbers, whose
rows differ by a cell) is one shingle of its words: near its exact copies only.
In a script written without spaces between words (Unicode line-break classes ID, CJ and SA:
Han, kana, Thai, Lao, Khmer, Myanmar...) each character is a token, so the n-grams there are
character n-grams, and a line break inside a clause changes nothing. A text of fewer than
`ngram` tokens is one shingle; a text without any (emoji, stars) is one shingle of its
visible characters, so only its exact copies (whitespace folded) are near it.
datasketch's `MinHash` (scheme affine32: SHA-1 of each shingle, `num_perm` 32-bit
permutations from a fixed seed, the same in every process) gives the signature; the bands
and rows for a threshold are chosen as datasketch's `MinHashLSH` does (the weighted area of
false positives and false negatives under the S-curve), with false negatives weighted
`MISS_WEIGHT`: every candidate is verified afterwards (`near_clusters`), so a false positive
costs a comparison and a false negative a lost pair. What a corpus-wide resolve keeps per
record is small and independent of the text's length:

- `bands`: one 64-bit key per band (BLAKE2b of the band's `rows` values): two records are
  candidates when one band key is equal;
- `sketch`: the low 16 bits of each of the `num_perm` values (b-bit MinHash, Li and König
  2010: datasketch's `bBitMinHash`), from whose low 8 the Jaccard similarity of two
  candidates is estimated as (equal - 1/256) / (1 - 1/256) of the values
  (`near_clusters.similarity`); all 16 tell how many records one value decides (a shared
  block's shingle: `near_clusters.common_rows`), with one chance collision in 65,536.
"""

from __future__ import annotations

import hashlib
import html
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import regex

from pipeline.words import visible

# A token: one character of a script written without spaces between words (line-break
# classes ideographic, conditional Japanese starter, South-East Asian), or a run of other
# word characters.
UNSPACED_CLASSES = r"\p{lb=ID}\p{lb=CJ}\p{lb=SA}"
UNSPACED = rf"(?=\w)[{UNSPACED_CLASSES}]"
# A word: letters, digits and marks; not the connector `_` (raw Markdown `_emphasis_`).
WORD = regex.compile(rf"{UNSPACED}|[^\W_{UNSPACED_CLASSES}]+")
# Nonspacing marks, taken off after canonical decomposition: an accent-stripped copy, Greek
# capitals without their tonos, Turkish İ (i + dot above once folded) compare equal; with the
# dotless ı read as i, Turkish capitals written as Turkish writes them do too.
MARK = regex.compile(r"\p{Mn}+")
# A hyphen at a line's end before the rest of a word on the next line (blanks around the line
# break; a blank line ends a paragraph: no join there): a word a hard wrap hyphenated
# ("separ-\nately", a PDF export) or a compound cut at its own hyphen ("well-\nknown", as
# `textwrap` cuts it). Only a dictionary tells them apart; the text's own words tell some:
# two parts both written elsewhere in it as words are a compound's (`unhyphenated`).
LINE_END_HYPHEN = regex.compile(r"(?<=[^\W_])[-\u2010\u2011][^\S\r\n]*\r?\n[^\S\r\n]*(?=[^\W_])")
WORD_BEFORE = regex.compile(r"(?r)[^\W_]+")  # searched backwards from a hyphen
WORD_AFTER = regex.compile(r"[^\W_]+")
# A letter: a text with none (rows of numbers, codes) is one shingle, near its exact copies only.
LETTER = regex.compile(r"\p{L}")
DOTLESS = str.maketrans({"ı": "i"})
SKETCH_BITS = 16  # the b of b-bit MinHash: 2 bytes per permutation, chance agreement 2**-16
# The weight of a lost pair against a candidate verified for nothing, in choosing the bands:
# at the default 0.5, 32 bands of 4 rows find a pair of Jaccard 0.55 95 % of the time (25 of
# 5, equal weights, 73 %), for about twice the candidates.
MISS_WEIGHT = 0.9


def normal_text(text: str) -> str:
    """The text as duplicates compare it: character references decoded, format characters
    read through, NFKC (full-width, ligatures, compatibility quotes), case folded, without
    nonspacing marks (`MARK`), recomposed."""
    if "&" in text:
        text = html.unescape(text)
    return folded(visible(text))


def folded(text: str) -> str:
    """NFKC, case folded, without nonspacing marks (`MARK`), recomposed: what `normal_text`
    does after decoding references and dropping format characters."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        return folded
    bare = MARK.sub("", unicodedata.normalize("NFD", folded)).translate(DOTLESS)
    return unicodedata.normalize("NFC", bare)


def tokens(text: str) -> list[str]:
    """The words of `text` as duplicates compare them (a character each in a script written
    without spaces; a word a hard wrap hyphenated one word, `unhyphenated`); a text without
    a word is one token of its visible characters, whitespace folded ([] when nothing shows); a text
    without a letter (a row of numbers) one token of its words, so that rows differing in
    one cell are apart."""
    normal = normal_text(text)
    words = WORD.findall(unhyphenated(normal))
    if words:
        return words if LETTER.search(normal) else [" ".join(words)]
    folded = " ".join(normal.split())
    return [folded] if folded else []


def unhyphenated(text: str) -> str:
    """`text` with each word a hard wrap hyphenated at a line end joined (`LINE_END_HYPHEN`),
    unless both parts are written elsewhere in the text as words of their own (a compound
    cut at its hyphen: "well-" / "known", read as "well known" as on one line; one part
    alone proves nothing: "be-" / "cause")."""
    if "-" not in text and "\u2010" not in text:
        return text
    cuts: list[tuple[int, int, str, str]] = []  # (start, end, part before, part after)
    for cut in LINE_END_HYPHEN.finditer(text):
        first = WORD_BEFORE.search(text, 0, cut.start())
        rest = WORD_AFTER.match(text, cut.end())
        if first is not None and rest is not None and first.end() == cut.start():
            cuts.append((cut.start(), cut.end(), first.group(), rest.group()))
    if not cuts:
        return text
    # the words written alone: every word less each part a cut leaves
    alone = Counter(WORD_AFTER.findall(text))
    alone.subtract(part for _, _, one, two in cuts for part in (one, two))
    out, last = [], 0
    for start, end, one, two in cuts:
        if alone[one] > 0 and alone[two] > 0:
            continue  # a compound's parts: kept apart, as the hyphen on one line keeps them
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


def shingles(text: str, ngram: int) -> list[bytes]:
    """The distinct token n-grams of `text` (UTF-8), in first-seen order; [] when nothing
    shows."""
    words = tokens(text)
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
            "sketch_bits": SKETCH_BITS,  # what the partials hold: a run resumes only with its own
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


SKETCH_DTYPE = "<u2"  # what holds `SKETCH_BITS` bits


def sketch(signature: np.ndarray) -> np.ndarray:
    """The low `SKETCH_BITS` bits of each value (uint16)."""
    return (signature & ((1 << SKETCH_BITS) - 1)).astype(SKETCH_DTYPE)


@cache
def template(num_perm: int, seed: int) -> Any:
    """An empty MinHash whose permutations are computed once per process (copied per text)."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=seed, scheme="affine32")


def candidate_chance(similarity: Any, bands: Any, rows: Any) -> np.ndarray:
    """The chance that two texts of this Jaccard similarity share a band key (the S-curve)."""
    return np.asarray(1.0 - (1.0 - similarity**rows) ** bands)


@cache
def bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """The bands × rows (bands × rows ≤ `num_perm`) for the threshold that minimise the
    weighted area of false positives (below the threshold) and false negatives (above it)
    under the S-curve, as datasketch's `MinHashLSH` chooses them, with false negatives
    weighted `MISS_WEIGHT`. Any threshold in (0, 1] has one: at 1, one band of every value."""
    shapes = np.asarray(
        [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    )
    bands, rows = shapes[:, :1], shapes[:, 1:]
    below = np.linspace(0.0, threshold, 201)
    above = np.linspace(threshold, 1.0, 201)
    positives = np.trapezoid(candidate_chance(below, bands, rows), below, axis=1)
    negatives = np.trapezoid(1.0 - candidate_chance(above, bands, rows), above, axis=1)
    error = (1.0 - MISS_WEIGHT) * positives + MISS_WEIGHT * negatives
    best = shapes[int(np.argmin(error))]  # the first of equal errors: fewest bands
    return int(best[0]), int(best[1])
