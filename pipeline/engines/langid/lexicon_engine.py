"""Word-frequency language ID: which language's vocabulary do these words come from?

Character n-gram models (fastText, langid.py) are weakest on a handful of words, which is
exactly where a lexicon is strongest: "Such a frustrating disappointment" is four frequent
English words. The lexicon is wordfreq's `small` lists (42 languages, words down to a frequency
of one in a million), held as sorted 64-bit hashes per language (~17 MB instead of ~220 MB of
Python dicts) and scored for a whole batch at once with `numpy.searchsorted`.

A text scores, per language, the sum of its words' log frequencies, unknown words counting as
`UNKNOWN_WORD`; a `*` entry scores all words as unknown and stands for every language the
lexicon does not cover, so those languages are not ruled out, only given no evidence.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection, Sequence
from functools import cache, cached_property
from importlib.metadata import version

import numpy as np
import regex

from pipeline.engines.langid.base import (
    Distribution,
    DistributionDetector,
    best,
    iso639_1,
    restrict,
)
from pipeline.engines.registry import detectors
from pipeline.resources import cache_arrays, cache_dir

WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*")  # marks: Indic, Thai
UNKNOWN_WORD = math.log(1e-7)
MAX_WORDS = 30
WORDLIST = "small"
OTHER = "*"  # the languages the lexicon does not cover


def stable_hash(word: str) -> int:
    """A 64-bit hash that is the same in every process (Python's `hash` is salted)."""
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


Table = tuple[np.ndarray, np.ndarray]  # sorted word hashes, their natural-log frequencies


@cache
def lexicon(wordlist: str = WORDLIST) -> dict[str, Table]:
    """wordfreq's lists as hash tables, per language, loaded once per process and shared by
    the detector and `zipf` (one copy in memory, not a 37 MB Python dict per language).

    Hashing 1.7 M words takes seconds: the tables are built once and kept on disk, so a
    process that finds them there does not even import wordfreq."""
    path = cache_dir() / f"lexicon-wordfreq-{version('wordfreq')}-{wordlist}.npz"
    try:
        with np.load(path) as saved:
            langs = sorted({name.rsplit(".", 1)[0] for name in saved.files})
            return {lang: (saved[f"{lang}.keys"], saved[f"{lang}.logs"]) for lang in langs}
    except (OSError, KeyError, ValueError):
        pass
    import wordfreq

    tables = {
        lang: table(wordfreq.get_frequency_list(lang, wordlist=wordlist))
        for lang in sorted(wordfreq.available_languages(wordlist=wordlist))
    }
    arrays = {f"{lang}.{kind}": array for lang, pair in tables.items()
              for kind, array in zip(("keys", "logs"), pair, strict=True)}  # fmt: skip
    cache_arrays(path, arrays)
    return tables


def table(buckets: list[list[str]]) -> Table:
    """Sorted word hashes and their natural-log frequencies (bucket i: 10^(-i/100))."""
    hashes, logs = [], []
    for i, words in enumerate(buckets):
        hashes += [stable_hash(w) for w in words]
        logs += [-i / 100 * math.log(10)] * len(words)
    keys = np.array(hashes, dtype=np.uint64)
    order = np.argsort(keys, kind="stable")
    return keys[order], np.array(logs, dtype=np.float64)[order]


def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of `word` in `lang` (log10 per billion words), 0 for a word
    rarer than the `small` list goes (Zipf 3) or a language it does not cover. A word of
    several pieces ("jean-pierre") is as rare as wordfreq makes it: 1/f = sum of 1/f_i. Words
    with digits, dots or other signs are 0 (wordfreq guesses those by their shape; a name check
    needs no such guess), and so are words at exactly Zipf 3, where the `small` list stops."""
    tables = lexicon(WORDLIST)  # the cache key is the argument: always pass it
    pieces = word.lower().split("-")
    if lang not in tables or not all(WORD.fullmatch(piece) for piece in pieces):
        return 0.0
    keys, logs = tables[lang]
    inverse = 0.0
    for piece in pieces:
        h = np.uint64(stable_hash(piece))
        at = int(np.searchsorted(keys, h))
        if at == len(keys) or keys[at] != h:
            return 0.0
        inverse += math.exp(-logs[at])
    return round(math.log10(1 / inverse) + 9, 2)


@detectors.register("lexicon")
class LexiconDetector(DistributionDetector):
    name = "lexicon"

    def __init__(self, languages: Collection[str] | None = None, wordlist: str = WORDLIST) -> None:
        super().__init__(languages)
        self.version = f"wordfreq {version('wordfreq')} {wordlist}"
        self.wordlist = wordlist

    @cached_property
    def covered(self) -> list[str]:
        return sorted(lexicon(self.wordlist))

    @cached_property
    def _tables(self) -> list[Table]:
        """Loaded on first use: the combined detector asks the lexicon about hard texts only."""
        tables = lexicon(self.wordlist)
        return [tables[lang] for lang in self.covered]

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        words = [WORD.findall(text.lower())[:MAX_WORDS] for text in texts]
        counts = np.array([len(w) for w in words], dtype=np.int64)
        owner = np.repeat(np.arange(len(texts)), counts)
        hashes = np.array([stable_hash(w) for ws in words for w in ws], dtype=np.uint64)
        scores = np.empty((len(self.covered) + 1, len(texts)))
        for row, (keys, logs) in enumerate(self._tables):
            at = np.minimum(np.searchsorted(keys, hashes), len(keys) - 1)
            value = np.where(keys[at] == hashes, logs[at], UNKNOWN_WORD)
            scores[row] = np.bincount(owner, weights=value, minlength=len(texts))
        scores[-1] = counts * UNKNOWN_WORD
        probs = np.exp(scores - scores.max(axis=0))
        probs /= probs.sum(axis=0)
        labels = [*(iso639_1(lang) for lang in self.covered), OTHER]
        return [
            dict(zip(labels, column, strict=True)) if n else {}
            for column, n in zip(probs.T.tolist(), counts.tolist(), strict=True)
        ]

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        dists = self.distributions(texts)
        return [
            best(restrict({k: p for k, p in d.items() if k != OTHER}, self.languages))
            for d in dists
        ]
