"""French third-person subject pronouns carried past the Spanish pivot, which drops them.

Spanish leaves out subject pronouns, and `apertium-fr-es` does as Spanish does: "il a
concocté un festin" → "ha concoctado un festín"; `spa-eng` then writes a subject only for a
simple tense, and always "it": "has baked a feast", "It will appear" (for "il apparaîtra").
The French source says who: "il" is "he", "elle" "she", "ils/elles" "they".

A subject pronoun is a French subject clitic, "il", "elle", "ils", "elles" (after "qu'" and
"s'" too), followed, after any object or negation clitics ("il ne le lui a pas dit"), by a
word the route's own French analyser reads only as a finite verb that agrees with it in
person and number (one with an imperative reading too, "aime", is left alone: measured ±0).
It is replaced by a letters-only token the chain passes through as an unknown word (as
protected names are: `protect.py`), and the token in the English answer by the English
pronoun. Left alone: "il"
of an impersonal construction, which English writes "it" or "there" ("il y a", "il faut",
"il s'agit", "il est difficile de ...": the verbs French uses only impersonally and *être*
followed by "de"/"que" within a few words), and every pronoun of a text that holds the
token's stem. An answer in which a token is lost or doubled is not used: the text is
translated again as it is.

"tu" ("tu" → "callado" → "quiet", read as *taire*'s participle) was measured too: Tatoeba
−0.01, news ±0 (a token before "ne" changes how the tagger reads the rest), so it is not one
of them. Measured (engine chrF, `bench/mt_mechanisms.py`, the other defaults on): news
48.61 → 48.76, Tatoeba 46.99 → 47.15, UDHR 55.56 → 55.57 (401, 146 and 7 sentences change).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pipeline.engines.translate.inversion import FINITE, VERB, agree, agreements, readings
from pipeline.engines.translate.lookback import char_before

PRONOUNS = {"il": "he", "elle": "she", "ils": "they", "elles": "they"}
# The person and number a finite verb must agree in with each pronoun.
AGREES = {"il": ("p3", "sg"), "elle": ("p3", "sg"), "ils": ("p3", "pl"), "elles": ("p3", "pl")}
STEM = "XSUBJ"
TOKENS = {p: f"XSUBJ{chr(ord('A') + i)}X" for i, p in enumerate(PRONOUNS)}
ENGLISH = {TOKENS[p]: e for p, e in PRONOUNS.items()}
# A token, and the capital the chain gives the word after it when it opens a sentence.
TOKEN = re.compile(rf"(?P<token>(?i:{STEM}[A-Z]X))(?P<after>\s+[A-Z](?=[a-z]+\b))?")
BARE_TOKEN = re.compile(rf"{STEM}[A-Z]X", re.IGNORECASE)
THERE = re.compile(r"(?<!\s)\s++y\b", re.IGNORECASE)  # "il va y avoir", "il doit y avoir"
CLITIC = r"(?:ne|me|te|se|le|la|les|lui|leur|nous|vous|en|y)\s+|(?:n|m|t|s|l)['’]"
SUBJECT = re.compile(
    rf"(?<![\w-])({'|'.join(PRONOUNS)})\s+(?P<clitics>(?:{CLITIC})*)(?P<verb>\w+)(?![\w-])",
    re.IGNORECASE,
)
# Verbs French uses only impersonally, or nearly (their "il" is English "it" or "there").
IMPERSONAL = {"falloir", "pleuvoir", "neiger", "agir", "sembler", "exister", "suffire"}
# Both match right after the verb; each blank run and each word is scanned from its start only
# (a lead behind a blank, a word behind a non-word), possessively (giving back never helps).
EXTRAPOSED = re.compile(
    r"(?<!\s)\s*+(?:(?<!\w)\w++\s++){0,3}?(?:de|que|d['’]|qu['’])\b", re.IGNORECASE
)
BE = "être"

Analyse = Callable[[Sequence[str]], Sequence[str]]


@dataclass(frozen=True)
class Marked:
    text: str  # what goes to the engine
    tokens: int  # how many tokens it holds


class Subjects:
    """Marks French subject pronouns for the chain and puts them back in English (see the
    module doc); each distinct verb analysed once."""

    def __init__(self, analyse: Analyse) -> None:
        self.analyse = analyse
        self._seen: dict[str, str] = {}

    def mark(self, texts: Sequence[str]) -> list[Marked]:
        found = [list(SUBJECT.finditer(t)) if STEM.lower() not in t.lower() else [] for t in texts]
        self._learn(m["verb"].lower() for matches in found for m in matches)
        out = []
        for text, matches in zip(texts, found, strict=True):
            pieces, at, count = [], 0, 0
            for match in matches:
                if not self._personal(match):
                    continue
                pieces += [text[at : match.start(1)], TOKENS[match[1].lower()]]
                at, count = match.end(1), count + 1
            out.append(Marked("".join(pieces) + text[at:], count))
        return out

    def restore(self, marked: Marked, answer: str) -> str | None:
        """`answer` with each token an English pronoun, or None when the chain lost or
        doubled a token."""
        if marked.tokens == 0:
            return answer  # nothing marked: a token-like word of the text's own stays
        if len(BARE_TOKEN.findall(answer)) != marked.tokens:
            return None

        def pronoun(match: re.Match[str]) -> str:
            english = ENGLISH[match["token"].upper()]
            head = char_before(answer, match.start())  # read back: not a copy per token
            if not head or head in '.!?:;"“«(':
                english = english[:1].upper() + english[1:]
            return english + (match["after"] or "").lower()

        return TOKEN.sub(pronoun, answer)

    def _learn(self, words: Iterable[str]) -> None:
        todo = sorted({w for w in words if w not in self._seen})
        if todo:
            self._seen.update(zip(todo, self.analyse(todo), strict=True))

    def _personal(self, match: re.Match[str]) -> bool:
        """Whether the pronoun of `match` is a personal subject (see the module doc)."""
        tags = readings(self._seen.get(match["verb"].lower(), ""))
        if not tags or not all(t & VERB and t & FINITE for t in tags):
            return False
        pronoun = match[1].lower()
        if not agree(agreements(self._seen[match["verb"].lower()], True), {AGREES[pronoun]}):
            return False
        if pronoun != "il":
            return True
        if re.search(r"\by\b", match["clitics"], re.IGNORECASE) or THERE.match(
            match.string, match.end()
        ):
            return False
        analysis = self._seen.get(match["verb"].lower(), "")
        lemmas = {r.split("<", 1)[0] for r in analysis.strip("^$").split("/")[1:]}
        if lemmas & IMPERSONAL:
            return False
        return not (BE in lemmas and EXTRAPOSED.match(match.string, match.end()))
