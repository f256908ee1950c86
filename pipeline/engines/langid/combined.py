"""The default detector: three independent experts multiplied together (a product of experts).

fastText (character n-grams, 176 languages), langid.py's naive Bayes on bytes (97 languages)
and a word-frequency lexicon (42 languages) make different mistakes: n-gram models confuse
close languages on a few words, the lexicon knows which words are frequent where. Each gives a
distribution; a language's combined score is the weighted sum of its log-probabilities, a
language an expert does not list gets `FLOOR`. The result stays open-set (any language any
expert knows can win); `languages=` turns it into a closed set when the user asks.

Measured on the 3,150-text dev set (bench/langid.py): see the README for the table.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

from pipeline.engines.langid.base import Distribution, DistributionDetector, restrict, softmax
from pipeline.engines.langid.fasttext_engine import FastTextDetector
from pipeline.engines.langid.lexicon_engine import OTHER, WORD, LexiconDetector
from pipeline.engines.langid.py3langid_engine import Py3langidDetector
from pipeline.engines.registry import detectors

FLOOR = 1e-3  # probability for a language an expert does not list among its candidates
# A text the first expert (fastText) is sure enough of is decided by it alone: the other experts
# cost time and earn nothing there. Sure enough, measured on the dev sets (bench/langid.py data
# + Tatoeba, 8,150 texts) and on the 17,488 benchmark paragraphs against asking every expert:
# 60+ characters at 0.9, or 150+ characters at 0.7. Accuracy is that of asking every expert on
# every bucket, 1 paragraph of 17,488 answers differently (as with 0.95 alone), and 79% of the
# paragraphs are decided by fastText alone (66% at 0.9 alone, 43% at 0.95); 150+ at 0.5 reads
# English paragraphs quoting French titles as French.
EASY = ((60, 0.9), (150, 0.7))  # (at least this many characters, at least this probability)
CANDIDATES_PER_EXPERT = 10
TEMPERATURE = 1.0  # n-best lists propose candidates; full distributions only score


@detectors.register("combined")
class CombinedDetector(DistributionDetector):
    name = "combined"

    def __init__(
        self,
        languages: Collection[str] | None = None,
        experts: Sequence[DistributionDetector] | None = None,
        weights: Sequence[float] | None = None,
        temperature: float = TEMPERATURE,
    ) -> None:
        super().__init__(languages)
        self.temperature = temperature
        self.experts = list(experts or (FastTextDetector(), Py3langidDetector(), LexiconDetector()))
        self.weights = list(weights or [1.0] * len(self.experts))
        self.version = " + ".join(f"{e.name} {e.version}" for e in self.experts)

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        """A cascade: a long text the first expert is sure of is decided by it alone (long texts
        are easy, and every expert costs time); the others are asked about the rest only."""
        if not texts:
            return []
        first = self.experts[0].distributions(texts)
        hard = [
            i
            for i, (text, dist) in enumerate(zip(texts, first, strict=True))
            if not self._easy(text, dist)
        ]
        rest = [expert.distributions([texts[i] for i in hard]) for expert in self.experts[1:]]
        opinions = first  # an easy text keeps the first expert's distribution
        for j, i in enumerate(hard):
            opinions[i] = self._combine([first[i], *(r[j] for r in rest)])
        return [
            restrict(d, self.languages) if has_letters(t) else {}
            for t, d in zip(texts, opinions, strict=True)
        ]

    def _easy(self, text: str, dist: Distribution) -> bool:
        sure = max(dist.values(), default=0.0)
        return any(len(text) >= chars and sure >= p for chars, p in EASY)

    def _combine(self, dists: list[Distribution]) -> Distribution:
        """Candidates are what the n-best lists propose; every expert then scores each one."""
        candidates = set().union(*(d.keys() for d in dists if len(d) <= CANDIDATES_PER_EXPERT))
        candidates.discard(OTHER)
        if not candidates:
            candidates = set().union(*dists) - {OTHER}
        scores = dict.fromkeys(candidates, 0.0)
        for weight, dist in zip(self.weights, dists, strict=True):
            if not dist:  # an expert with no opinion (no words, no features) abstains
                continue
            other = dist.get(OTHER, 0.0)
            for lang in candidates:
                scores[lang] += weight * math.log(dist.get(lang, other) + FLOOR)
        return softmax({lang: score / self.temperature for lang, score in scores.items()})


def has_letters(text: str) -> bool:
    """No letters, no language: n-gram models would still guess one from digits and symbols."""
    return WORD.search(text) is not None
