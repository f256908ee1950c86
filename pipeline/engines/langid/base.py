"""The detector interface every language-ID engine implements, and the shared helpers."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from types import MappingProxyType
from typing import Protocol, runtime_checkable

from pipeline.record import UNDETERMINED

Distribution = dict[str, float]  # ISO 639-1 (or 639-3 when there is none) → probability


@runtime_checkable
class LanguageDetector(Protocol):
    """Batch language identification. Scores are probabilities in [0, 1]."""

    name: str
    version: str

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """One `(lang, score)` per text; `("und", 0.0)` when the engine has no answer."""
        ...

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        """Per text, the engine's most likely languages with probabilities (may be empty)."""
        ...


# One code per language, whatever the engine says: Norwegian is written Bokmål (`nb`) nine
# times in ten (fastText and langid.py say `no`, wordfreq `nb`); wordfreq's Serbo-Croatian
# list (`sh`) and fastText's `sh` are reported as Croatian (`hr`: the ISO 639-1 code `sh` is
# withdrawn); wordfreq's `fil` is `tl`; legacy codes (`iw`, `in`, `ji`, `jw`, `mo`) are current;
# `zxx`, "no linguistic content" (an engine's answer to junk), is no language: `und`.
ALIASES = MappingProxyType({
    "no": "nb", "sh": "hr", "fil": "tl", "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro",
    "zxx": UNDETERMINED,
})  # fmt: skip


def iso639_1(code: str) -> str:
    """Engines speak dialects of language codes (`zh-cn`, `pt-BR`, `__label__en`, `no`)."""
    code = code.removeprefix("__label__")
    code = code.split("-")[0].split("_")[0].lower() or UNDETERMINED
    return ALIASES.get(code, code)


def restrict(dist: Distribution, languages: Collection[str] | None) -> Distribution:
    """Keep only the user's languages and renormalise (a closed set, when asked for)."""
    if not languages:
        return dist
    kept = {lang: p for lang, p in dist.items() if lang in languages}
    total = sum(kept.values())
    return {lang: p / total for lang, p in kept.items()} if total > 0 else {}


def best(dist: Distribution) -> tuple[str, float]:
    """The most likely language; ties break alphabetically, so answers are deterministic."""
    if not dist:
        return UNDETERMINED, 0.0
    lang = min(dist, key=lambda k: (-dist[k], k))
    return lang, round(dist[lang], 4)


def softmax(scores: dict[str, float]) -> Distribution:
    if not scores:
        return {}
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


class DistributionDetector:
    """Base for engines that produce distributions: `detect` is their restricted argmax."""

    name = "base"
    version = "0"

    def __init__(self, languages: Collection[str] | None = None) -> None:
        self.languages = frozenset(languages) if languages else None

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        raise NotImplementedError

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return [best(restrict(d, self.languages)) for d in self.distributions(texts)]
