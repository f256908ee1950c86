"""What the translation mechanisms that read the route's analysis share (`inversion`,
`partitive`, `questions`, `subjects`): each distinct word analysed once, by one call for the
words not seen yet. A word's analysis alone does not depend on the others, so remembering it
changes no output."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

Analyse = Callable[[Sequence[str]], Sequence[str]]  # words → the analyser's answer for each


class Analysing:
    """A mechanism reading words' analyses: `_learn` asks for the words not yet in `_seen`, in
    one call, sorted (the same call whatever order the words came in)."""

    def __init__(self, analyse: Analyse) -> None:
        self.analyse = analyse
        self._seen: dict[str, str] = {}

    def _learn(self, words: Iterable[str]) -> None:
        todo = sorted({w for w in words if w not in self._seen})
        if todo:
            self._seen.update(zip(todo, self.analyse(todo), strict=True))
