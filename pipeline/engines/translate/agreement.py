"""A content word the pivot reads wrongly, chosen by the agreement of the other routes.

French reaches English through Spanish, and a Spanish word can read as another part of
speech than the French one it stands for: "visage" (a noun) → "cara" → "expensive" (the
Spanish adjective), "parents" → "padres" → "relatives". The other installed routes
(French → Catalan → English, French → Esperanto → English: `unknown_words.py`) go through
other languages, whose words are ambiguous elsewhere ("cara" is Catalan for face, "vizaĝo"
Esperanto's).

For each word of a sentence that the route's own French analyser reads only as a noun or an
adjective (a content word; function words and verbs, whose translation depends on the
sentence, are left alone), the word alone is translated through the main route and through
each lookup route. When every lookup route knows it, there are at least two of them, they
give the same answer, and the main route gives another, the main route's answer is replaced
by theirs in the sentence's translation, where it is found exactly once as a word (else the
sentence is left as it is: which one to replace is unknown). Two routes through two other
languages agreeing against the pivot is the evidence; with one lookup route alone (Catalan
wins and loses as often) nothing changes.

Two answers the target's analyser reads as forms of one noun or adjective ("Americans",
"American") are no dispute (`_inflections`): the lookup routes, asked about the word alone,
give the singular, and the pivot's form agrees with the sentence ("les américains" came out "the
American"; brief h49 class 4). Measured with the Translate stage: news 49.30 → 49.31 (22 lines,
mostly "millions" kept as the French says), Tatoeba 47.86 → 47.86 (4), UDHR ±0.

Each word is asked once per engine, alone (one-word requests are stateless: see
`unknown_words.py`), so a sentence's translation depends on the sentence alone.

Measured (engine chrF, `bench/mt_mechanisms.py`, with the other mechanisms on): news +0.11,
Tatoeba +0.14, UDHR +0.10; the Translate stage with names protected (`make eval`, with
`quote_comma` and `articles` on): news 49.14 → 49.25, Tatoeba 47.22 → 47.37, UDHR 55.70 → 55.79.
Each lookup route is asked only about a word it may change: one whose main answer stands
once in the answer of a text holding it (`stands_once`, as the replacements before it leave
that answer: `replaced_once` touches nothing else), and whose dispute is still open after the
routes asked before (`Agreement._settle`). On 1,000 news sentences (1,793 content words, the
main route asked about each once): Esperanto's route 1,567 words, Catalan's (~2.4× the CPU
per word of the others) 506, instead of 3 × 1,793 (1,712 and 605 when only the open dispute
was asked for, h46: ~0.13 CPU-s less, the same 80 replacements). A one-word request costs
mostly its exchange in every program of the chain: 0.3-0.4 ms a word through the main
route's 24 programs, ~0.17 ms when 64 words go as one request (which would change answers:
transfer rules act across words), so the cost is per word asked. Cost,
`bench/translate_speed.py` under a load of ~20: +1.4-1.5 CPU-seconds per 1,000 news sentences
(pipeline 9.9-10.4 s → 11.3-12.0 s, floor 7.0-7.4 s). On by default (`agreement=False` turns
it off). (Asking only where the English answer's part of speech differs from the French
word's would be cheaper, but keeps +0.01 of the gain: the pivot's errors are mostly nouns for
nouns, "parents" → "relatives"; asking adverbs too, or words with any noun or adjective
reading, loses 0.03-0.14 news.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.engines.translate.analysed import Analyse
from pipeline.engines.translate.articles import Articles, first_word
from pipeline.engines.translate.inversion import readings
from pipeline.engines.translate.unknown_words import Chain, clean

WORD = re.compile(r"(?<![\w'’-])([^\W\d_]+)(?![\w'’-])")
CONTENT = frozenset({"n", "adj"})
TAG = re.compile(r"<([^<>]+)>")


class Agreement:
    """Replaces the main route's answer for a content word where the lookup routes agree on
    another (see the module doc)."""

    def __init__(
        self,
        main: Chain,
        lookups: Sequence[Chain],
        analyse: Analyse,
        articles: Articles | None = None,
        target_analyse: Analyse | None = None,
    ) -> None:
        self.main = main
        self.lookups = list(lookups)
        self.analyse = analyse
        self.articles = articles  # "a"/"an" before a word replaced, decided again
        # the target's analyser: two answers of one lemma are no dispute (`_inflections`)
        self.target_analyse = target_analyse
        self._lemmas: dict[str, frozenset[str]] = {}
        self._content: dict[str, bool] = {}
        self._main: dict[str, str | None] = {}  # a content word → the main route's answer
        self._better: dict[str, tuple[str, str] | None] = {}  # settled: the agreed answer

    def __bool__(self) -> bool:
        return len(self.lookups) >= 2

    def apply(self, texts: Sequence[str], answers: Sequence[str]) -> list[str]:
        """`answers` (translations of `texts`) with each content word's disputed answer
        replaced by the one the lookup routes agree on."""
        if not self:
            return list(answers)
        words = [sorted({w for w in WORD.findall(t) if w[0].islower()}) for t in texts]
        self._learn(sorted({w for ws in words for w in ws}))
        # The lookup routes are asked only about a word whose main answer stands once in the
        # answer of a text holding it (`replaced_once` changes nothing elsewhere): first the
        # words it stands once in as the engine wrote it, then, in the rare round after, a
        # word it stands once in only after the replacements before it.
        self._settle(
            sorted(
                {
                    w
                    for ws, answer in zip(words, answers, strict=True)
                    for w in ws
                    if (main := self._main.get(w)) and stands_once(answer, main)
                }
            )
        )
        while True:
            if self.articles is not None:
                self.articles.learn(
                    word
                    for ws in words
                    for w in ws
                    if (better := self._better.get(w)) and (word := first_word(better[1]))
                )
            out, unsettled = [], set()
            for ws, answer in zip(words, answers, strict=True):
                for word in ws:
                    if word not in self._better:
                        main = self._main.get(word)
                        if main and stands_once(answer, main):
                            unsettled.add(word)
                    elif better := self._better[word]:
                        answer = replaced_once(answer, *better, self.articles)
                out.append(answer)
            if not unsettled:
                return out
            self._settle(sorted(unsettled))

    def _learn(self, words: Sequence[str]) -> None:
        """Each content word of `words` not seen before asked of the main route alone."""
        todo = [w for w in words if w not in self._content]
        if todo:
            for word, analysis in zip(todo, self.analyse(todo), strict=True):
                tags = readings(analysis)
                self._content[word] = bool(tags) and all(t & CONTENT for t in tags)
        ask = [w for w in words if self._content[w] and w not in self._main]
        if ask:
            self._main.update(
                (w, clean(a, w)) for w, a in zip(ask, self.main.translate(ask), strict=True)
            )

    def _settle(self, words: Sequence[str]) -> None:
        """Whether the lookup routes agree against the main route on each of `words` (their
        main answers known, `_learn`)."""
        ask = [w for w in words if w not in self._better]
        if not ask:
            return
        # Each route is asked only about the words a dispute is still open for (`open_dispute`):
        # the lookup routes in turn, the last first (per word, Catalan's chain costs ~2.4x the
        # CPU of Esperanto's or the main one's), each about the words the main route and every
        # lookup route before it know, those agreeing against the main one. The same answers
        # as asking every route about every word (`disputed`) for about half the requests
        # (`tests/test_agreement.py`).
        main = {w: self._main.get(w) for w in ask}
        answers: dict[str, list[str | None]] = {w: [None] * len(self.lookups) for w in ask}
        asking = [w for w in ask if main[w] is not None]
        for k in reversed(range(len(self.lookups))):
            replies = self.lookups[k].translate(asking) if asking else []
            for word, answer in zip(asking, replies, strict=True):
                answers[word][k] = clean(answer, word)
            asking = [w for w in asking if open_dispute(main[w], answers[w][k:])]
        found = {word: disputed(main[word], answers[word]) for word in ask}
        inflections = self._inflections([f for f in found.values() if f is not None])
        for word in ask:
            self._better[word] = None if found[word] in inflections else found[word]

    def _inflections(self, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """The pairs of answers the target's analyser reads as one noun or adjective in two
        forms ("Americans", "American": `american<n>` both): the routes agree on the meaning,
        and the main route's form is the one agreeing with the sentence (the lookup routes,
        asked about the word alone, gave the other number: "les américains" came out "the
        American"). Another part of speech is a dispute ("drunk", "drink")."""
        if self.target_analyse is None or not pairs:
            return set()
        todo = sorted({w for pair in pairs for w in pair if w not in self._lemmas})
        if todo:
            for word, analysis in zip(todo, self.target_analyse(todo), strict=True):
                self._lemmas[word] = frozenset(
                    f"{lemma.lower()}<{tags[0]}>"
                    for r in analysis.strip().strip("^$").split("/")[1:]
                    if (lemma := r.split("<", 1)[0]) and (tags := TAG.findall(r))
                    and tags[0] in CONTENT
                )  # fmt: skip
        return {(a, b) for a, b in pairs if self._lemmas[a] & self._lemmas[b]}


def stands_once(answer: str, word: str) -> bool:
    """Whether `word` (any case) stands exactly once as a word in `answer`: where
    `replaced_once` would replace it."""
    return len(standing(answer, word, 2)) == 1


# What may not touch a word on either side for it to stand as a word; one character read
# before and after a match of the word alone (`standing`), under the same flag.
NEXT_TO_WORD = re.compile(r"[\w'’-]", re.I)


@functools.lru_cache(maxsize=8192)
def literal(word: str) -> re.Pattern[str]:
    """`word` in any case: compiled in ~0.02 ms, where the word between lookarounds under
    `re.I` took ~0.3 ms (each lookaround's class expanded to every case), once per content
    word of a run (~1,300 per 1,000 news sentences)."""
    return re.compile(re.escape(word), re.I)


def standing(answer: str, word: str, most: int | None = None) -> list[re.Match[str]]:
    """The matches of `word` (any case) standing as a word in `answer`, in order, as the word
    between lookarounds of `NEXT_TO_WORD` under `re.I` finds them (`finditer`: after a match,
    on from its end; after a candidate touching a word, on from its next character); at most
    `most` of them."""
    pattern, at = literal(word), 0
    found: list[re.Match[str]] = []
    while (most is None or len(found) < most) and (match := pattern.search(answer, at)):
        start, end = match.span()
        if (start == 0 or not NEXT_TO_WORD.match(answer, start - 1)) and not NEXT_TO_WORD.match(
            answer, end
        ):
            found.append(match)
            at = end if end > start else end + 1
        else:
            at = start + 1
    return found


def disputed(main: str | None, others: Sequence[str | None]) -> tuple[str, str] | None:
    """(the main route's answer, the others') when every other route gives one answer, the
    same, and the main route another; None otherwise."""
    if main is None or len(others) < 2 or any(o is None for o in others):
        return None
    agreed = {o.lower() for o in others if o is not None}
    if len(agreed) != 1 or main.lower() in agreed:
        return None
    return main, str(others[0])


def open_dispute(main: str | None, others: Sequence[str | None]) -> bool:
    """Whether `disputed` may still find a dispute, given the main route's answer and those
    of some of the lookup routes: all of them known, the lookups agreeing against the main."""
    if main is None or any(o is None for o in others):
        return False
    agreed = {str(o).lower() for o in others}
    return len(agreed) == 1 and main.lower() not in agreed


def replaced_once(answer: str, old: str, new: str, articles: Articles | None = None) -> str:
    """`answer` with the word(s) `old` (any case) replaced by `new` when it is there exactly
    once, its first letter's case kept; else `answer`."""
    found = standing(answer, old, 2)
    if len(found) != 1:
        return answer
    match = found[0]
    if match[0][:1].isupper():
        new = new[:1].upper() + new[1:]
    before = answer[: match.start()]
    if articles is not None:
        before = articles.before(before, new)
    return before + new + answer[match.end() :]
