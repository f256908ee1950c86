"""English yes/no questions in question order, where rule-based transfer left them declarative.

French asks a yes/no question by intonation ("Tu viens ?"), by inversion ("Viens-tu ?",
put in declarative order first: `inversion.py`) or with the particle "est-ce que"; the
French → Spanish → English chain writes each in declarative order: "You come?", "I am a
cat?", "There are taxis here?". English asks with the auxiliary first, and *do* where there is
none: "Do you come?", "Am I a cat?", "Are there taxis here?".

A sentence of the translation that ends with "?", opens (after any quotation mark) with a
subject pronoun ("I", "you", ..., "there") and goes on with a verb is put in question order:
- a form of *be*, a modal or an auxiliary *do* goes before the subject ("Am I", "Can you",
  "Do you", "Have you seen"; with "not" contracted as English questions write it: "Aren't
  you", "Don't you");
- any other verb, by the target language's own analyser (Apertium's English analyser of the
  route's last pair), takes *do* in its tense and person ("Does it rain", "Did you see",
  "Do they come"); a word the analyser does not read only as a verb is left alone, as is a
  sentence that opens otherwise ("Where go?", "The boys sleep?").
Measured in `bench/mt_mechanisms.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from pipeline.engines.translate.analysed import Analysing
from pipeline.engines.translate.inversion import readings
from pipeline.engines.translate.lookback import char_before

QUESTION_MARK = re.compile(r"\?")
# A sentence or clause end, or an opening quotation mark (a straight one after a blank).
CLAUSE_END = re.compile(r"[.!?:;]+[\"”»)]*|[“«(]|(?:(?<=\s)|^)\"")
# The lead starts where no blank precedes (a question's start follows a clause end or the text's
# start): each run of blanks is scanned once, not once from each of its characters.
OPENING = re.compile(
    r"(?P<lead>(?<!\s)\s*+)(?P<subject>I|you|he|she|it|we|they|there)\s+(?P<verb>[a-z]++)"
    r"(?P<negation>\s+not)?(?=[\s,?])",
    re.IGNORECASE,
)
AUXILIARIES = frozenset({
    "am", "is", "are", "was", "were", "can", "could", "will", "would", "shall", "should",
    "must", "may", "might", "do", "does", "did",
})  # fmt: skip
# else + "n't"; "am" none
CONTRACTED = MappingProxyType({"can": "can't", "will": "won't", "shall": "shan't"})
NO_CONTRACTION = frozenset({"am", "may", "might"})
PAST, THIRD_SINGULAR = "past", "p3"
VERBS = frozenset({"vblex", "vbhaver"})
PERFECT = frozenset({"have", "has", "had"})  # an auxiliary before a participle ("Have you seen")
PARTICIPLE = "pp"
NEXT = re.compile(r"(?<!\s)\s++([a-z]+)", re.IGNORECASE)  # after a word: from a blank run's start


class Questions(Analysing):
    """Puts English yes/no questions in question order (see the module doc); each distinct
    verb analysed once (a word's analysis alone does not depend on the others)."""

    def rewrite(self, answers: Sequence[str]) -> list[str]:
        found = [
            [m for start in question_starts(a) if (m := OPENING.match(a, start))] for a in answers
        ]
        self._learn(
            w.lower()
            for matches in found
            for m in matches
            for w in (m["verb"], next_word(m))
            if w and w.lower() not in AUXILIARIES
        )
        out = []
        for answer, matches in zip(answers, found, strict=True):
            pieces, at = [], 0  # one copy of the answer, not one per question
            for match in matches:  # in order, apart: each holds only blanks and letters
                if (question := self._question(match)) is not None:
                    pieces += [answer[at : match.start()], question]
                    at = match.end()
            out.append("".join(pieces) + answer[at:])
        return out

    def _question(self, match: re.Match[str]) -> str | None:
        """The opening of `match` in question order, or None when it is no verb's."""
        subject, verb, negation = match["subject"], match["verb"], match["negation"]
        lead = match["lead"]
        pronoun = subject if subject == "I" else subject.lower()
        if verb.lower() in AUXILIARIES or (
            verb.lower() in PERFECT
            and any(PARTICIPLE in t for t in readings(self._seen.get(next_word(match), "")))
        ):  # "Have you seen", not "Do you have seen"
            auxiliary, rest = verb.lower(), ""
        else:
            if negation:
                return None  # "You go not?": no English verb form to work from
            tags = readings(self._seen.get(verb.lower(), ""))
            if not tags or not all(t & VERBS for t in tags):
                return None
            if any(PAST in t for t in tags) and not any("pres" in t or "pri" in t for t in tags):
                auxiliary, rest = "did", " " + lemma(self._seen[verb.lower()])
            elif any(THIRD_SINGULAR in t for t in tags):
                auxiliary, rest = "does", " " + lemma(self._seen[verb.lower()])
            else:
                auxiliary, rest = "do", " " + verb.lower()
        if negation and auxiliary not in NO_CONTRACTION:
            auxiliary, negation = CONTRACTED.get(auxiliary, auxiliary + "n't"), ""
        before = char_before(match.string, match.start("subject"))
        if subject[:1].isupper() if subject != "I" else not before or before in ".!?":
            auxiliary = auxiliary[:1].upper() + auxiliary[1:]
        return f"{lead}{auxiliary} {pronoun}{negation or ''}{rest}"


def question_starts(answer: str) -> list[int]:
    """Where each question of `answer` starts: after the last sentence or clause end (`.`,
    `!`, `?`, `:`, `;`) or opening quotation mark before its question mark ("He said: are you
    ...?" asks only what follows the colon)."""
    ends = [(m.start(), m.end()) for m in CLAUSE_END.finditer(answer)]
    starts: set[int] = set()
    i = last = 0
    for mark in QUESTION_MARK.finditer(answer):  # one pass: linear in the answer
        at = mark.start()
        while i < len(ends) and ends[i][1] <= at:
            last = ends[i][1]
            i += 1
        # a run of marks reaching past this one ends here, as it would in the text before it
        starts.add(at if i < len(ends) and ends[i][0] < at else last)
    return sorted(starts)


def next_word(match: re.Match[str]) -> str:
    """The word after the verb (and its "not"), or ""."""
    found = NEXT.match(match.string, match.end())
    return found[1].lower() if found else ""


def lemma(analysis: str) -> str:
    """The lemma of the first reading of an analysis (`^likes/like<vblex>...$` → `like`)."""
    body = analysis.strip().strip("^$").split("/")
    return body[1].split("<", 1)[0] if len(body) > 1 else body[0]
