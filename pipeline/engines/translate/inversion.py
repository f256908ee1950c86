"""French subject–verb inversion put back in declarative order before the French→Spanish step.

`apertium-fr-es` (0.9.4) has no transfer rule for a verb joined by a hyphen to its subject
pronoun: "Suis-je un chat ?" → "Soy- un gato ?" → "I am- a cat ?", "comment vas-tu ?" →
"cómo vas-callado ?" → "how go-quiet ?" ("tu" read as the participle of *taire*), "a-t-il dit"
→ "ha dice" → "has says". Written the other way round ("je suis", "tu vas", "il a dit") the same
pair translates them as it should ("I am a cat", "How you go", "has said"). English questions
reorder again, but chrF scores the words far more than their order: measured with the dev MT
sets (`make eval`, with the lookup routes), Tatoeba chrF +0.92 (726 of 1,500 sentences
rewritten), news +0.01 (68), UDHR ±0 (none).

What is rewritten is decided by Apertium's own analysis of the two words, by the analyser of
the route's first pair, never by a list of verbs: the word after the hyphen must be one of the
French subject clitics (a closed class of the grammar) and the word before it a finite verb
form that agrees with it in person and number ("Suis" can be *être* 1st singular, "je" is 1st
singular). An imperative with an object pronoun ("Ajoute-moi", "Allons-y") has no subject clitic
and is left alone; so is a verb the analyser does not know.

The particle "est-ce que" is taken out, but the question it asks is kept for a Spanish pivot:
Spanish drops the subject pronoun ("Tu parles ma langue ?" → "Hablas mi lengua ?"), and
`spa-eng` reads a bare "Hablas" opening a sentence as the noun ("Speeches my tongue ?"); after
"¿", which `fr-es` itself writes for the particle, it reads the verb and writes its subject
("¿ Hablas" → "You speak"). So where the first step writes Spanish the particle before a
subject clitic becomes "¿" (`OPENING_MARKS`: what a language opens a question with); any other
pivot, or a noun subject, which Spanish keeps, gets nothing (after "¿" `spa-eng` reads
"vuestra peluca" as "Yours wig").
Before "on" the particle stays (`ON_AFTER`): `fr-es` reads "qu'on parle" as "se habla" ("It
speaks"), "on parle" opening a question as the infinitive "hablar" ("Speak").
Measured on "est-ce que" + each subject clitic × verbs of three groups and four tenses × three
objects: 24 of 189 without an English subject before, 3 after (`tests/test_question_particle.py`
holds 53 of them, one object, no imperfect: 5 before, 0 after)
("je" + imperfect: Spanish "comía" is 1st and 3rd person, "It ate" in the raw chain too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from pipeline.engines.translate.analysed import Analyse, Analysing
from pipeline.engines.translate.lookback import blank_start

# The French subject clitics that invert after a verb (with the euphonic "-t-" before a vowel).
SUBJECTS = ("je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce")
# The adverbial clitics "y" and "en" (with a negation before them) stand before an inverted
# verb ("Y a-t-il", "N'y en a-t-il pas"): the subject goes before all of them ("Il n'y a
# pas"); object pronouns stay where they are, as the engine reads them ("Le vois-tu" → "Le tu
# vois" → "You see it").
CLITICS = r"(?:(?:ne\s+|n['’])?(?:(?:y|en)\s+)+)?"
INVERTED = re.compile(
    rf"(?<![\w-])({CLITICS})(\w+)-(?:t-)?({'|'.join(SUBJECTS)})(?![\w-])",
    re.IGNORECASE,
)
# "est-ce que" is the question particle, no inversion: it goes ("Est-ce que tu viens ?" →
# "Tu viens ?"); after "qu'" ("Qu'est-ce que", what) it is left to the engine, and so is its
# "est-ce" (`after_que`: never "Qu'ce est que", "That this is that…").
PARTICLE = re.compile(r"(?<![\w'’-])(est)-ce\s+(?:que\s+|qu['’])(\w)", re.IGNORECASE)
# "est-ce qu'on" is left to the engine: `fr-es` renders "qu'on" + verb impersonally ("¿ se
# habla" → "It speaks"), but "on" + verb opening a sentence, or after "¿", as an infinitive
# ("On parle" → "Hablar" → "Speak"): without the particle the subject is lost.
# (`.match` right after "ce"; a blank run's scan starts at its first blank only)
ON_AFTER = re.compile(r"(?<!\s)\s*+qu(?:['’]\s*+|e\s++)on(?![\w-])", re.IGNORECASE)
# A subject clitic opening the question: the pronoun Spanish drops, so the only subject left.
CLITIC_SUBJECT = re.compile(rf"(?:{'|'.join(SUBJECTS)})(?![\w'’-])", re.IGNORECASE)
READING = re.compile(r"<([^<>]+)>")
FINITE = frozenset({"pri", "pii", "ifi", "fti", "cni", "prs", "pis"})  # Apertium's finite tenses
VERB = frozenset({"vblex", "vbser", "vbhaver", "vbmod", "vaux"})
PERSON = frozenset({"p1", "p2", "p3"})
NUMBER = frozenset({"sg", "pl", "sp"})
# What a pivot language writes to open a question, and so what the particle becomes before it.
OPENING_MARKS = MappingProxyType({"es": "¿ "})


def readings(analysis: str) -> list[set[str]]:
    """The tag sets of each reading of one word in Apertium's stream (`^w/lemma<a><b>/…$`)."""
    body = analysis.strip()
    if body.startswith("^") and body.endswith("$"):
        body = body[1:-1]
    return [set(READING.findall(r)) for r in body.split("/")[1:] if "<" in r]


def agreements(analysis: str, finite: bool) -> set[tuple[str, str]]:
    """(person, number) of each verb reading (finite ones: `finite`) or each pronoun reading;
    a pronoun without a person ("ce") is 3rd person, "sp" (either number) stands as is."""
    out = set()
    for tags in readings(analysis):
        if finite and not (tags & VERB and tags & FINITE):
            continue
        if not finite and "prn" not in tags:
            continue
        person = next(iter(tags & PERSON), "p3")
        for number in tags & NUMBER or {"sg"}:
            out.add((person, number))
    return out


def agree(verb: set[tuple[str, str]], subject: set[tuple[str, str]]) -> bool:
    return any(p == q and (n == m or "sp" in (n, m)) for p, n in subject for q, m in verb)


def after_que(text: str, at: int) -> bool:
    """Whether the word at `at` is glued to an elided "qu'": "Qu'est-ce que", "qu'est-ce qui"
    ask "what", and "est-ce" there is no inversion to undo (it would give "Qu'ce est que");
    another verb there is one ("qu'auraient-ils dit" → "qu'ils auraient dit", the subject
    kept)."""
    return text[max(at - 3, 0) : at].lower() in ("qu'", "qu’")


def without_particle(match: re.Match[str], mark: str = "") -> str:
    """`mark` (the pivot's opening question mark, or "") for the particle "est-ce que"; left
    as it is after "qu'" (see `PARTICLE`)."""
    at = blank_start(match.string, match.start())  # read back: no search of the text before
    if after_que(match.string, at) or ON_AFTER.match(match.string, match.end(1) + 3):
        return match[0]
    if not CLITIC_SUBJECT.match(match.string, match.start(2)):
        mark = ""  # a noun subject stays in Spanish ("¿ vuestra peluca" → "Yours wig")
    return mark + (match[2].upper() if match[1][:1].isupper() else match[2])


class Inversion(Analysing):
    """Rewrites inverted subject clitics, each distinct word analysed once (`analyse` gives the
    analyser's answer for each word alone; the answers of one word do not depend on the
    others, so remembering them changes no output); `pivot`, the language the first step
    writes, decides what the particle "est-ce que" becomes (`OPENING_MARKS`)."""

    def __init__(self, analyse: Analyse, pivot: str = "") -> None:
        super().__init__(analyse)
        self.mark = OPENING_MARKS.get(pivot, "")

    def particle(self, match: re.Match[str]) -> str:
        return without_particle(match, self.mark)

    def rewrite(self, texts: Sequence[str]) -> list[str]:
        """Each text with every inversion the analysis confirms in subject–verb order."""
        texts = [PARTICLE.sub(self.particle, t) if "-" in t else t for t in texts]
        found = [list(INVERTED.finditer(t)) if "-" in t else [] for t in texts]
        self._learn(w for matches in found for m in matches for w in (m[2], m[3].lower()))
        return [
            INVERTED.sub(self._swap, text) if matches else text
            for text, matches in zip(texts, found, strict=True)
        ]

    def _swap(self, match: re.Match[str]) -> str:
        clitics, verb, subject = match[1], match[2], match[3]
        if subject.lower() == "ce" and ON_AFTER.match(match.string, match.end()):
            return match[0]  # the particle kept before "on" (`without_particle`), no inversion
        if subject.lower() == "ce" and not clitics and after_que(match.string, match.start()):
            return match[0]  # "Qu'est-ce que": the question word's "est-ce", left to the engine
        if not agree(
            agreements(self._seen.get(verb, ""), finite=True),
            agreements(self._seen.get(subject.lower(), ""), finite=False),
        ):
            return match[0]
        first = clitics or verb
        if first[:1].isupper() and first[1:] == first[1:].lower():
            # "Suis-je" → "Je suis", "N'y a-t-il" → "Il n'y a"
            subject = subject[:1].upper() + subject[1:].lower()
            if clitics:
                clitics = clitics[:1].lower() + clitics[1:]
            else:
                verb = verb[:1].lower() + verb[1:]
        return f"{subject} {clitics}{verb}"
