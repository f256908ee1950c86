"""Any detector, asked about each distinct text once (`pipeline.reuse`).

A distribution depends on the text alone (each engine reads a text by itself: the same answer
in any batch), so a remembered one is the one the engine would give again. Each caller gets its
own copy, in the engine's order (the document prior sums over it in that order).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.engines.langid.base import Distribution, LanguageDetector
from pipeline.reuse import DEFAULT_TEXTS, Remembered

Stored = tuple[tuple[str, float], ...]  # a distribution, frozen: shared by every repeat


class RememberedDetector:
    """`detector`'s answers, remembered for the last `capacity` distinct texts."""

    def __init__(self, detector: LanguageDetector, capacity: int = DEFAULT_TEXTS) -> None:
        self.detector = detector
        self.name = detector.name
        self.version = detector.version
        self.memory: Remembered[Stored] = Remembered(capacity)

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        stored = self.memory.answers(texts, self._ask)
        return [dict(items) for items in stored]

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return self.detector.detect(texts)

    def _ask(self, texts: list[str]) -> list[Stored]:
        return [tuple(d.items()) for d in self.detector.distributions(texts)]
