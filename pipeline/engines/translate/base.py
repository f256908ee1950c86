"""The translator interface every translation engine implements."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pipeline.engines.translate.protect import TOKEN


class TranslationError(Exception):
    """An engine could not translate a batch; the stage isolates the record that caused it."""


@runtime_checkable
class Translator(Protocol):
    """Batch translation between ISO 639-1 languages."""

    name: str
    version: str

    def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate `source` into `target` on this machine."""
        ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """One translation per text, in order. Raises `TranslationError` on failure."""
        ...

    def writes(self, target: str) -> bool:
        """Whether this engine can translate into `target` from any language (checked when a
        run starts, so a target no engine writes fails at once)."""
        ...

    def describe(self, source: str, target: str) -> str:
        """The `translation.engine` label for this pair, e.g. `apertium:fr-es|spa-eng`."""
        ...

    def close(self) -> None:
        """Release processes and connections; the engine may be used again afterwards."""
        ...


# An answer this much longer than its text is not a translation of it (measured fr→en: 0.8–1.4×).
MAX_LENGTH_RATIO = 4
LENGTH_SLACK = 100


def answer_problem(text: str, answer: str, placeholders: bool = True) -> str | None:
    """Why `answer` cannot be used as the translation of `text`, or None when it can.

    Checked before an answer is used and before it is cached: an empty answer, one far longer
    than its text, or (with `placeholders`) one that lost, doubled or merged a name token.
    """
    if not answer.strip():
        return "empty answer" if text.strip() else None
    if len(answer) > MAX_LENGTH_RATIO * len(text) + LENGTH_SLACK:
        return f"answer of {len(answer)} characters for a text of {len(text)}"
    if placeholders and tokens(answer) != tokens(text):
        return TOKEN_PROBLEM
    return None


TOKEN_PROBLEM = "a protected name token was lost, doubled or invented"


def tokens(text: str) -> Counter[str]:
    return Counter(t.upper() for t in TOKEN.findall(text))
