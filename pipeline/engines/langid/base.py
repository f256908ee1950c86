"""The detector interface every language-ID engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pipeline.record import UNDETERMINED


@runtime_checkable
class LanguageDetector(Protocol):
    """Batch language identification. Scores are probabilities in [0, 1]."""

    name: str
    version: str

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """One `(iso639_1, score)` per text; `("und", 0.0)` when the engine has no answer."""
        ...


def iso639_1(code: str) -> str:
    """Engines speak dialects of language codes (`zh-cn`, `pt-BR`); records use ISO 639-1."""
    return code.split("-")[0].split("_")[0].lower() or UNDETERMINED
