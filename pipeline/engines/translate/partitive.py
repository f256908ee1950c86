"""French indefinite "des" reaches the French→Spanish step as the bare plural it means.

`apertium-fr-es` (0.9.4) has one reading of "des": the preposition *de* with the definite
article (`de<pr>+le<det><def><mf><pl>`), "of the". Its transfer rules drop it after a few
patterns ("offrir des outils" → "ofrecer herramientas"), not after an adverb, an unknown word
or a conjunction: "font néanmoins des progrès" → "do however of the progresses", "des pommes
et des poires" → "apples and of the poires", "Des centaines de ..." → "Of the hundreds of ...".
French has a second "des", the plural of the indefinite article *un*, which English writes as
nothing ("progress", "hundreds of"); which one a "des" is, the grammar says from the word
before it: *de* + article follows a word that takes a *de* complement (a noun, an adjective,
many adverbs: "le prix des pommes", "près des", "lors des"); the indefinite article follows
what cannot take one: the start of a sentence or clause, a finite verb, an infinitive
("il mange des pommes", "pour observer des oiseaux").

So a "des" is dropped (the bare plural, which both steps translate as English writes it)
only when the word before it is, by the route's own analyser, nothing but a verb form other
than a participle (a participle can be a passive's agent: "entouré des siens"), or when
nothing but punctuation precedes it in its clause; after a coordinating conjunction it takes
the reading of the "des" before it in the text ("des pommes et des poires"), and is left alone
if there is none. Everything else, an unknown or ambiguous word included, is left to the
engine. Measured with the dev MT sets (engine chrF, `bench/mt_mechanisms.py`): 52 news
sentences change, news ±0.00, Tatoeba +0.03, UDHR ±0 (none change): it does not gain on each
set, so the `partitive` switch of `ApertiumTranslator` is off by default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.engines.translate.analysed import Analysing
from pipeline.engines.translate.inversion import VERB, readings
from pipeline.engines.translate.lookback import char_before, word_before

DES = re.compile(r"(?<![\w'’-])(des|Des|DES)(?![\w'’-])\s*")
# What opens a clause: a text's start, or punctuation that ends or cuts a sentence.
CLAUSE_OPENS = frozenset('.!?;:,()«»"“”—–')
PARTICIPLE = frozenset({"pp", "ppres", "ger"})
CONJUNCTION = "cnjcoo"


class Partitive(Analysing):
    """Drops each indefinite "des" the analysis confirms (see the module doc); each distinct
    word analysed once (a word's analysis alone does not depend on the others)."""

    def rewrite(self, texts: Sequence[str]) -> list[str]:
        found = [list(DES.finditer(t)) if "des" in t.lower() else [] for t in texts]
        self._learn(
            w
            for text, matches in zip(texts, found, strict=True)
            for m in matches
            if (w := before(text, m.start()))
        )
        return [
            self._rewritten(text, matches) if matches else text
            for text, matches in zip(texts, found, strict=True)
        ]

    def _rewritten(self, text: str, matches: list[re.Match[str]]) -> str:
        pieces, at, last = [], 0, None
        for match in matches:
            drop = self._indefinite(text, match.start(), last)
            last = drop
            if not drop:
                continue
            pieces.append(text[at : match.start()])
            rest = text[match.end() : match.end() + 1]
            if match[1][0] == "D" and rest.islower():  # "Des centaines" → "Centaines"
                pieces.append(rest.upper())
                at = match.end() + 1
            else:
                at = match.end()
        return "".join(pieces) + text[at:]

    def _indefinite(self, text: str, start: int, last: bool | None) -> bool | None:
        """True: the indefinite article; False: *de* + article; None: the analysis cannot
        tell (left to the engine)."""
        opens = char_before(text, start)
        if not opens or opens in CLAUSE_OPENS:
            return True
        word = before(text, start)
        if word is None:
            return None
        tags = readings(self._seen.get(word, ""))
        if not tags:
            return None
        if all(CONJUNCTION in t for t in tags):
            return last
        return all(t & VERB and not t & PARTICIPLE for t in tags)


def before(text: str, start: int) -> str | None:
    """The word just before `start` when only blanks separate them, else None (read
    backwards: a search over the text before each "des" was quadratic in a long text)."""
    word = word_before(text, start)
    return word if word.isalpha() else None
