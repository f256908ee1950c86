"""The translator interface every translation engine implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


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

    def describe(self, source: str, target: str) -> str:
        """The `translation.engine` label for this pair, e.g. `apertium:fr-es|spa-eng`."""
        ...

    def close(self) -> None:
        """Release processes and connections; the engine may be used again afterwards."""
        ...
