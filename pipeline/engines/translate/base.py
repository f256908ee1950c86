"""The translator interface every translation engine implements."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from pipeline.engines.translate.protect import TOKEN


class TranslationError(Exception):
    """An engine could not translate a batch; the stage isolates the record that caused it."""


# The longest text one request takes, when an engine does not say (`Translator.max_chars`).
REQUEST_CHARS = 20_000


@runtime_checkable
class Translator(Protocol):
    """Batch translation between ISO 639-1 languages.

    An engine subclasses this protocol: it implements the five methods without a body and
    declares what else it can do by overriding the capabilities below, whose defaults are an
    engine that only translates. The stage and the engine chain read the capabilities; they
    never probe an engine for an attribute or test its name."""

    name: str
    version: str
    max_chars: int = REQUEST_CHARS  # longer texts are cut at sentence boundaries, joined back
    analyses_names: bool = False  # reads names with its own dictionaries (`name_readings`...)
    endpoint: str = ""  # the server that answers, if it is not the engine's own (cache key)
    problem: str | None = None  # why a part of it (the cache) was set aside, for run.json

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

    def why_not(self, source: str, target: str) -> str:
        """Why there is no source → target translation, for `meta.untranslated`."""
        return f"{self.name} has no {source}→{target} pair"

    def languages_into(self, target: str) -> list[str] | None:
        """The source languages it translates into `target` here (run.json), if it knows."""
        return None

    def installed(self) -> bool:
        """Whether the engine is here at all (a local engine with no language pair is not)."""
        return True

    def version_for(self, source: str, target: str) -> str:
        """The version answers for one pair come from (the translation cache's key)."""
        return self.version

    def unresolved(self) -> str | None:
        """Why the engine's server cannot be reached at all, or None (nothing to resolve)."""
        return None

    def warm(self, source: str, target: str) -> None:
        """Start what a source → target translation runs, before the first text."""
        return None

    def modes_record(self, target: str) -> dict[str, dict[str, str]] | None:
        """For run.json: the installed modes it uses into `target`, if it has any."""
        return None

    def name_readings(
        self, names: Sequence[str], source: str, target: str
    ) -> dict[str, tuple[int, str, str | None]]:
        """How the engine reads each name (`names.readings`); asked only when
        `analyses_names`."""
        return {}

    def determiners(self, words: Sequence[str], source: str, target: str) -> set[str]:
        """The words it reads as determiners (`names.determiners`); when `analyses_names`."""
        return set()

    def analyse(self, texts: Sequence[str], lang: str, route: tuple[str, str]) -> list[str] | None:
        """Its morphological analysis of each text in `lang`, or None without an analyser."""
        return None


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
