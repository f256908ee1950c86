"""English "a" or "an" before a word put in place after the engine wrote its sentence.

Apertium's English generator writes the indefinite article as "a" and its post-generator
turns it into "an" by the word that follows. A word the last step did not know reaches the
post-generator with its unknown-word mark ("a *interjection"), so the article stays "a"; when
the word is then looked up through another route or put back from the pivot
(`unknown_words.fill_in`), or replaced by the routes' agreement (`agreement.py`), the article
does not fit it: "a enthusiasm", "a ordinance", "a attempt" (the raw chain, which drops the
marks, writes "an"). The article before such a word is decided again by the same
post-generator, asked "~a WORD" for the word alone: the engine's own rule, with its own
exceptions ("a university", "an hour"), not a list of ours. Only an article right before a word
put in place is touched; the engine's other articles are its own.

A one-word request to one program holds no state: the answer depends on the word alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

# "a" or "an" (first letter in either case) ending the text before the word, after a word
# boundary, then one blank.
ARTICLE = re.compile(r"(?<![\w'’-])([Aa])(n?) $")
FIRST_WORD = re.compile(r"[^\W\d_]+")


class Chain(Protocol):
    def translate(self, texts: Sequence[str]) -> list[str]: ...


def first_word(text: str) -> str | None:
    """The letters `text` opens with (the word an article agrees with), or None."""
    match = FIRST_WORD.match(text)
    return match[0] if match else None


class Articles:
    """The post-generator's choice of "a" or "an" before words, each word asked once."""

    def __init__(self, post_generator: Chain) -> None:
        self.post_generator = post_generator
        self._an: dict[str, bool] = {}

    def learn(self, words: Iterable[str]) -> None:
        """Ask the post-generator about each word not asked before."""
        todo = sorted({w for w in words if w not in self._an})
        if not todo:
            return
        for word, answer in zip(todo, self.post_generator.translate(
            [f"~a {w}" for w in todo]
        ), strict=True):  # fmt: skip
            self._an[word] = answer.strip().lower().startswith("an ")

    def wanted(self, before: str, put: str) -> str | None:
        """The word to ask about when `before` ends with an article and `put` (the text put
        in place after it) opens with a word; else None."""
        if ARTICLE.search(before, max(0, len(before) - 3)) is None:
            return None
        return first_word(put)

    def before(self, text: str, put: str) -> str:
        """`text` (what precedes `put`) with its closing article fitting `put`'s first word,
        once that word is learnt; else as it is."""
        match = ARTICLE.search(text, max(0, len(text) - 3))  # "an " at most: read the end only
        word = first_word(put)
        if match is None or word is None or word not in self._an:
            return text
        article = match[1] + ("n" if self._an[word] else "")
        return text[: match.start()] + article + " "
