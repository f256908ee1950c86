"""Words the main route does not know, looked up through the other installed routes.

French reaches English through Spanish (`fr-es` then `spa-eng`), and a word `fr-es` does not
know passes through as French ("survécu", "randonnée", "aliments"). Other Debian pairs know
many of them: French → Catalan → English (`apertium-fra-cat`, `apertium-eng-cat`) and French →
Esperanto → English (`apertium-eo-fr`, `apertium-eo-en`). When they are installed, each word the
main route leaves unknown (the last step marks it) is translated alone through each of them,
and put back in its place:

- a route *knows* a word when its answer carries no unknown-word (`*`), generation (`#`) or
  transfer (`@`) mark, and brings in no character the word does not have but letters, blanks
  and the hyphens and apostrophes inside a word (`brought_in`: `fra-cat` answers "liké" with
  a quoted phrase, whose marks are no translation of anything in the source); a route that
  does not know it gives nothing;
- among the answers of the routes that know it, the one most of them give (agreement), ties
  going to the first route of `LOOKUP_PIVOTS`, the order measured on the dev MT sets
  (`make eval`): when the two disagree, Catalan's answer scores higher;
- only words the evidence says are common words: lower case, or capitalised where a sentence
  opens (looked up in lower case, the answer capitalised). A capitalised word inside a sentence
  is a name by its writing ("Marchand" is no "Merchant") and stays as written.

A word is looked up alone, never inside its sentence: the Catalan and Esperanto chains carry
their tagger's state from one sentence to the next (measured on 300 news sentences: `fra-cat`
and `cat-eng` differ at `apertium-tagger`, `eo-en` too, 5, 15 and 3 sentences depending on
what came before), while a one-word request gives the same answer alone, in any order, in any
batch (1,641 dev words × in order, reversed, shuffled: 0 differ;
`tests/test_unknown_words.py`). The answer for a text therefore depends on the text alone.

Without the extra pairs there is no lookup route and nothing changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from pipeline.engines.translate.articles import Articles
from pipeline.entities import at_sentence_start

# Pivots of the lookup routes, in order of preference when their answers disagree.
LOOKUP_PIVOTS = ("ca", "eo")
# Characters kept of what precedes a word to tell whether it opens a sentence (4 are read).
TAIL = 8
# An answer holding one of Apertium's marks before a word is not a translation.
MARKED = re.compile(r"(?<!\\)[*#@](?=\w)")


class Chain(Protocol):
    def translate(self, texts: Sequence[str]) -> list[str]: ...


class Named(Protocol):
    @property
    def name(self) -> str: ...


M = TypeVar("M", bound=Named)


def lookup_routes(
    modes: Mapping[tuple[str, str], M], source: str, target: str, main: Sequence[M]
) -> list[tuple[M, M]]:
    """The installed two-step routes source → pivot → target other than the main one."""
    used = {m.name for m in main}
    return [
        (modes[source, pivot], modes[pivot, target])
        for pivot in LOOKUP_PIVOTS
        if (source, pivot) in modes
        and (pivot, target) in modes
        and not {modes[source, pivot].name, modes[pivot, target].name} <= used
    ]


def choose(answers: Sequence[str | None]) -> str | None:
    """The answer most routes give (compared without case), ties to the earliest route; None
    when no route knows the word."""
    known = [a for a in answers if a is not None]
    if not known:
        return None
    votes = Counter(a.lower() for a in known)
    return max(known, key=lambda a: votes[a.lower()])  # max keeps the first of equals


def clean(answer: str, word: str) -> str | None:
    """A route's answer for `word` alone, or None when the route did not know it: a marked
    answer, or one bringing in characters `word` does not have (`brought_in`)."""
    answer = answer.strip()
    if not answer or MARKED.search(answer) or "\x01" in answer or brought_in(answer, word):
        return None
    return answer


# A hyphen or an apostrophe between two letters is a word's own ("well-being", "o'clock").
INSIDE_WORD = re.compile(r"(?<=[^\W\d_])[-'’](?=[^\W\d_])")


def brought_in(answer: str, word: str) -> bool:
    """Whether `answer` holds a character that is no letter, mark or blank, nor a hyphen or
    an apostrophe inside a word, and that `word` does not hold: quotation marks, brackets,
    digits, symbols put where the source has none (V22: "liké" → '"likes me"'). One pass."""
    for char in INSIDE_WORD.sub("", answer):
        if char.isalpha() or char.isspace() or char in word:
            continue
        if unicodedata.category(char)[0] != "M":
            return True
    return False


def without_stateful_tagger(stages: list[list[str]]) -> list[list[str]]:
    """A chain's programs with each `apertium-tagger` that follows a Constraint Grammar step
    replaced by that grammar again, keeping the first reading left (`cg-proc -1`): the tagger
    keeps state from one request to the next, even one word long (`cat-eng` reads "cap" as a
    verb or a noun depending on the words asked before it), a grammar does not."""
    out: list[list[str]] = []
    grammar: list[str] | None = None
    for argv in stages:
        name = argv[0].rsplit("/", 1)[-1]
        if name == "cg-proc":
            grammar = argv
        if name == "apertium-tagger" and grammar is not None:
            argv = [*grammar[:-1], "-1", "-n", grammar[-1]]  # -n: no surface form, as a tagger
        out.append(argv)
    return out


class UnknownWords:
    """Looks words up through the lookup routes, each word once per engine (the answers do not
    depend on the batch, so keeping them changes no output). A route is asked only about the
    words the routes before it leave undecided (`settled`): with Catalan and Esperanto, the
    Esperanto route is asked only about the words Catalan does not know, the same answers
    for less of its work (1,000 news sentences: 281 words asked instead of 612)."""

    def __init__(self, chains: Sequence[Chain]) -> None:
        self.chains = list(chains)
        self._known: dict[str, str | None] = {}

    def __bool__(self) -> bool:
        return bool(self.chains)

    def translate(self, words: Iterable[str]) -> dict[str, str]:
        """Each word some route knows → its translation (see the module doc)."""
        wanted = set(words)
        todo = sorted(w for w in wanted if w not in self._known)
        answers: dict[str, list[str | None]] = {w: [] for w in todo}
        asking = todo
        for k, chain in enumerate(self.chains):
            if not asking:
                break
            for word, answer in zip(asking, chain.translate(asking), strict=True):
                answers[word].append(clean(answer, word))
            left = len(self.chains) - k - 1
            asking = [w for w in asking if not settled(answers[w], left)]
        for word in todo:
            self._known[word] = choose(answers[word])
        return {w: a for w in wanted if (a := self._known.get(w)) is not None}


def settled(answers: Sequence[str | None], left: int) -> bool:
    """Whether `choose` gives the same answer whatever `left` more routes answer: no other
    answer (one given already, or a new one) could gather more votes than the leading one,
    or as many with an earlier first vote (ties go to the earliest route)."""
    known = [a.lower() for a in answers if a is not None]
    if not known:
        return left == 0
    votes = Counter(known)
    first: dict[str, int] = {}
    for i, key in enumerate(known):
        first.setdefault(key, i)
    lead = max(known, key=lambda key: votes[key])  # the key `choose` picks now
    if left > votes[lead]:
        return False  # a new answer given by every route left would win
    return all(
        votes[key] + left < votes[lead]
        or (votes[key] + left == votes[lead] and first[key] > first[lead])
        for key in votes
        if key != lead
    )


def lookup_word(word: str, opens_sentence: bool) -> str | None:
    """The form of `word` to look up, or None when its writing says it is a name: lower case
    as it is; capitalised at a sentence start, in lower case; else (a capital inside a
    sentence, an acronym, a digit) not at all."""
    if word[:1].islower():
        return word
    if opens_sentence and word[:1].isupper() and word[1:] == word[1:].lower():
        return word[:1].lower() + word[1:]
    return None


def fill_in(
    answers: Sequence[str],
    marked: re.Pattern[str],
    words: UnknownWords,
    articles: Articles | None = None,
) -> list[str]:
    """`answers` with each word `marked` matches (group 1: the source's word) replaced by its
    translation where a lookup route knows it, else by the word as written; no mark is left.
    All the words of the batch are looked up together, one request per distinct word. With
    `articles`, an "a"/"an" right before a word put in place is decided again for it
    (`articles.py`)."""
    wanted: list[list[tuple[re.Match[str], str | None]]] = []
    for answer in answers:
        found = []
        # What precedes each word, its marks taken off: only its end decides whether the word
        # opens a sentence (`at_sentence_start` reads 4 characters), so only the end is kept
        # (the whole text before each word, cleaned again at each, was quadratic).
        tail, at = "", 0
        for match in marked.finditer(answer):
            tail = (tail + answer[at : match.start()])[-TAIL:]
            found.append((match, lookup_word(match[1], at_sentence_start(tail, len(tail)))))
            tail, at = (tail + match[1])[-TAIL:], match.end()
        wanted.append(found)
    known = words.translate(form for found in wanted for _, form in found if form) if words else {}
    out = []
    for answer, found in zip(answers, wanted, strict=True):
        pieces, at = [], 0
        for match, form in found:
            translation = known.get(form) if form else None
            if translation is not None and form != match[1]:  # looked up in lower case
                translation = translation[:1].upper() + translation[1:]
            pieces += [answer[at : match.start()], translation or match[1]]
            at = match.end()
        out.append([*pieces, answer[at:]])
    if articles is None:
        return ["".join(pieces) for pieces in out]
    # pieces alternate: text before, word put in place, ..., the rest
    articles.learn(
        word
        for pieces in out
        for i in range(1, len(pieces) - 1, 2)
        if (word := articles.wanted(pieces[i - 1], pieces[i]))
    )
    for pieces in out:
        for i in range(1, len(pieces) - 1, 2):
            pieces[i - 1] = articles.before(pieces[i - 1], pieces[i])
    return ["".join(pieces) for pieces in out]
