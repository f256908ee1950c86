"""French third-person subject pronouns carried past the Spanish pivot, which drops them.

Spanish leaves out subject pronouns, and `apertium-fr-es` does as Spanish does: "il a
concocté un festin" → "ha concoctado un festín"; `spa-eng` then writes a subject only for a
simple tense, and always "it": "has baked a feast", "It will appear" (for "il apparaîtra").
The French source says who: "il" is "he", "elle" "she", "ils/elles" "they".

A subject pronoun is a French subject clitic, "il", "elle", "ils", "elles" (after "qu'" and
"s'" too), followed, after any object or negation clitics ("il ne le lui a pas dit"), by a
word the route's own French analyser reads as a finite verb that agrees with it in person
and number. When the verb reads only so, the pronoun is replaced by a letters-only token the
chain passes through as an unknown word (as protected names are: `protect.py`), and the token
in the English answer by the English pronoun.

A verb that also reads as an imperative or a noun ("aime", "regarde", "porte": nearly every
first-group verb in the present singular) cannot take the token: after it `fr-es` reads the
verb as an imperative ("XSUBJBX aime Paris" → "ame París" → "Love Paris"). Without it the
subject is lost and `spa-eng` reads the bare Spanish verb as a noun ("Ama París" → "Master
Paris"). Such a pronoun is kept, with `PIVOT_MARK` before it, which the analyser does not
read as a letter (the tagger's choices are unchanged) and `fr-es` carries to the head of the
Spanish verb group; the text goes step by step and the Spanish pronoun is written where the
mark is ("Ella ama París" → "She loves Paris"). Copula, modal and auxiliary readings ("est",
"doit") are left out of this: `spa-eng` already writes "it is", "it has to" for them, and
"elle" there is often English "it" (measured with them: news +0.005 and Tatoeba +0.002 more,
but UDHR −0.001, 3 sentences, each "elle" an "it": not a gain on each set). Every
pronoun in the pivot way (for all verbs, not the token) measured worse: Tatoeba −0.04.

Left alone too: a pronoun right after a noun, a name or a stressed pronoun
("Tom il fume ?", "Cela il fait mal ?", which the inversion writes for "Tom fume-t-il ?"):
it repeats a subject English has already written (Tatoeba +0.012, 35 sentences; news ±0, 9).
Left alone: "il"
of an impersonal construction, which English writes "it" or "there" ("il y a", "il faut",
"il s'agit", "il est difficile de ...": the verbs French uses only impersonally and *être*
followed by "de"/"que" within a few words), and every pronoun of a text that holds the
token's stem. An answer in which a token is lost or doubled is not used: the text is
translated again as it is.

Measured, the pivot way alone (engine chrF, `bench/mt_mechanisms.py`, switch
`subject_pivot`, the other defaults on): news 48.762 → 48.776 (39 sentences change), Tatoeba
47.166 → 47.203 (13), UDHR 55.575 → 55.575 (none change: byte-identical).

"tu" ("tu" → "callado" → "quiet", read as *taire*'s participle) was measured the token way
too: Tatoeba −0.01, news ±0 (a token before "ne" changes how the tagger reads the rest), so
it goes the pivot way only (`PIVOT_ONLY`, "tú" written into the pivot: "Tienes razón" came out
"Have reason"), whatever the verb's other readings, an auxiliary's too; not after object or
negation clitics ("tu te souviens": `fr-es` reads that "tu" as "callado"), not in a question
the inversion made ("Prends-tu" → "Tu prends", "est-ce que tu" → "¿ tu": `spa-eng` writes
"you" there) unless its verb is an auxiliary ("¿ Tenías frío ?" is "Had cold?"), and not before
a Spanish verb the pivot's analyser reads as a noun too ("tú tomas" → "You takings",
`pivot_nouns`). An elided "t'" that is its verb's subject ("T'as raison", "Est-ce que t'as
vu") is written "tu" first (`unelided`; `fr-es` read every "t'" as the object "te": "Have
reason", "You have seen you the film"). Measured with the Translate stage (`make eval`): Tatoeba
47.42 → 47.86 (60 sentences change, 56 closer to the reference by sentence chrF), news and UDHR
byte-identical. Measured (engine chrF, `bench/mt_mechanisms.py`, the other defaults on): news
48.61 → 48.76, Tatoeba 46.99 → 47.15, UDHR 55.56 → 55.57 (401, 146 and 7 sentences change).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from pipeline.engines.translate.analysed import Analyse, Analysing
from pipeline.engines.translate.inversion import FINITE, VERB, agree, agreements, readings
from pipeline.engines.translate.lookback import blank_start, char_before, word_before

PRONOUNS = MappingProxyType({"il": "he", "elle": "she", "ils": "they", "elles": "they"})
# "tu", carried the pivot way only ("tu" with a token before "ne" changed how the tagger read
# the rest: Tatoeba −0.01, see the module doc)
PIVOT_ONLY = MappingProxyType({"tu": "you"})
# The same pronouns in the Spanish pivot, written there before a verb with an imperative reading.
SPANISH = MappingProxyType(
    {"il": "él", "elle": "ella", "ils": "ellos", "elles": "ellas", "tu": "tú"}
)
# Put before such a pronoun in the French text: a private-use character is no letter for the
# analyser, so the tagger reads the sentence as without it, and `fr-es` carries it to the head
# of the Spanish verb group that renders the verb ("Il ne la regarde" → "\ue001No la mira").
PIVOT_MARK = "\ue001"
# A mark in the Spanish answer with the blanks after it and the first letter of the word after.
IN_PIVOT = re.compile(rf"{PIVOT_MARK}[^\S\n]*+(?P<first>\w?)")
SUBJECT_PRONOUNS = frozenset(
    {"él", "ella", "ellos", "ellas", "usted", "ustedes", "tú", "yo", "nosotros", "vosotros"}
)
# A question's subject clitic after "¿" (the particle "est-ce que", `inversion.py`) inside a
# sentence ("Pierre, est-ce que tu aimes… ?"): `spa-eng` writes a subject after "¿" only where
# it opens the sentence, so there the Spanish pronoun is written into the pivot (hostile49 T12:
# "Pierre, love the coffee?"). Its Spanish form by the French clitic.
ASKED = re.compile(r"¿[ \u00a0]*+(?P<clitic>je|tu|nous|vous)(?=\s)", re.IGNORECASE)
ASKED_SPANISH = MappingProxyType({"je": "yo", "tu": "tú", "nous": "nosotros", "vous": "vosotros"})
# The person and number a finite verb must agree in with each pronoun.
AGREES = MappingProxyType(
    {
        "il": ("p3", "sg"),
        "elle": ("p3", "sg"),
        "ils": ("p3", "pl"),
        "elles": ("p3", "pl"),
        "tu": ("p2", "sg"),
    }
)
STEM = "XSUBJ"
TOKENS = MappingProxyType({p: f"XSUBJ{chr(ord('A') + i)}X" for i, p in enumerate(PRONOUNS)})
ENGLISH = MappingProxyType({TOKENS[p]: e for p, e in PRONOUNS.items()})
# A token, and the capital the chain gives the word after it when it opens a sentence.
TOKEN = re.compile(rf"(?P<token>(?i:{STEM}[A-Z]X))(?P<after>\s+[A-Z](?=[a-z]+\b))?")
BARE_TOKEN = re.compile(rf"{STEM}[A-Z]X", re.IGNORECASE)
THERE = re.compile(r"(?<!\s)\s++y\b", re.IGNORECASE)  # "il va y avoir", "il doit y avoir"
CLITIC = r"(?:ne|me|te|se|le|la|les|lui|leur|nous|vous|en|y)\s+|(?:n|m|t|s|l)['’]"
SUBJECT = re.compile(
    rf"(?<![\w-])({'|'.join([*PRONOUNS, *PIVOT_ONLY])})\s+"
    rf"(?P<clitics>(?:{CLITIC})*)(?P<verb>\w+)(?![\w-])",
    re.IGNORECASE,
)
# Verbs French uses only impersonally, or nearly (their "il" is English "it" or "there").
IMPERSONAL = frozenset({"falloir", "pleuvoir", "neiger", "agir", "sembler", "exister", "suffire"})
# Verbs French uses impersonally as often as not ("il reste deux jours", "il manque un mot"),
# reached only by the pivot way (their present has a noun reading: "reste", "manque").
IMPERSONAL_TOO = frozenset({"rester", "manquer"})
# Both match right after the verb; each blank run and each word is scanned from its start only
# (a lead behind a blank, a word behind a non-word), possessively (giving back never helps).
EXTRAPOSED = re.compile(
    r"(?<!\s)\s*+(?:(?<!\w)\w++\s++){0,3}?(?:de|que|d['’]|qu['’])\b", re.IGNORECASE
)
BE = "être"
NOT_LEXICAL = frozenset({"vbser", "vbmod", "vbhaver"})  # a copula, modal or auxiliary reading
NOMINAL = frozenset({"n", "np"})  # a word before the pronoun that is a subject of its own
# ... unless it may be a link
LINKS = frozenset({"cnjcoo", "cnjsub", "cnjadv", "adv", "rel", "itg"})

# Object and negation clitics, whole or elided: no subject pronoun stands after one in French.
OBJECT_CLITICS = frozenset({
    "ne", "me", "te", "se", "le", "la", "les", "lui", "leur", "nous", "vous", "en", "y", "n", "m",
    "t", "s", "l",
})  # fmt: skip


# "t'" glued to a verb ("t'as", "T'es", "t'avais"), no hyphen after it (an inversion's "T'es-tu").
ELIDED_TU = re.compile(r"(?<![\w'’-])([Tt])['’](?P<verb>\w+)(?![\w'’-])")
# Who may stand right before an elided "t'" that is an object, not the subject: a subject
# pronoun ("tu t'es trompé") or another clitic ("ne t'a", "je te l'ai").
BEFORE_OBJECT = frozenset({"je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles"})


def inverted_tu(source: str, verb: str) -> bool:
    """Whether the source writes `verb` inverted with "tu" ("Prends-tu", "As-tu"): the
    inversion wrote "tu" first, where `spa-eng` reads a question's subject of its own (with
    "Tú" written into the pivot, "Tu prends de la X ?" came out "You takings of the X?")."""
    return re.search(rf"(?<![\w-]){re.escape(verb)}-(?:t-)?tu(?![\w-])", source, re.I) is not None


def opens_question(text: str, start: int) -> bool:
    """Whether the "¿" before the clitic at `start` opens its sentence (nothing before it but
    a sentence's end or an opening mark)."""
    mark = blank_start(text, start) - 1
    return char_before(text, mark) in ("", ".", "!", "?", "…", "«", '"', "“", "—", "–", "\n")


def asked_inside(text: str, start: int) -> bool:
    """Whether the clitic at `start` follows a "¿" inside its sentence (`ASKED`)."""
    return char_before(text, start) == "¿" and not opens_question(text, start)


def asked_inside_marked(text: str, pivots: list[str]) -> tuple[str, list[str]]:
    """`text` (marked) with a pivot mark before each question's clitic "je", "nous", "vous"
    after a "¿" inside a sentence (`ASKED`; "tu" is marked with the other subjects), and the
    pivots with their Spanish pronouns in the order of the marks."""
    pieces: list[str] = []
    at, out = 0, list(pivots)
    for match in ASKED.finditer(text):
        clitic = match["clitic"].lower()
        start = match.start("clitic")
        if clitic == "tu" or opens_question(text, start):
            continue
        out.insert(text.count(PIVOT_MARK, 0, start) + len(pieces) // 2, ASKED_SPANISH[clitic])
        pieces += [text[at:start], PIVOT_MARK]
        at = start
    return "".join(pieces) + text[at:], out


def after_clitic(text: str, start: int) -> bool:
    """Whether the word before `start` (read back: `lookback.py`) is an object or negation
    clitic, whole ("te elle") or elided ("t'il")."""
    at = blank_start(text, start)
    if at and text[at - 1] in "'’":
        return word_before(text, at - 1).lower() in OBJECT_CLITICS
    return word_before(text, start).lower() in OBJECT_CLITICS


@dataclass(frozen=True)
class Marked:
    text: str  # what goes to the engine
    tokens: int  # how many tokens it holds
    pivots: tuple[str, ...] = ()  # the Spanish pronoun of each PIVOT_MARK, in order


class Subjects(Analysing):
    """Marks French subject pronouns for the chain and puts them back in English (see the
    module doc); each distinct verb analysed once."""

    def __init__(
        self, analyse: Analyse, pivot: bool = True, pivot_analyse: Analyse | None = None
    ) -> None:
        super().__init__(analyse)
        self.pivot = pivot  # a verb with another reading too: its pronoun into the pivot
        self.pivot_analyse = pivot_analyse  # the pivot's analyser (`pivot_nouns`)
        self._pivot_seen: dict[str, str] = {}

    def mark(
        self, texts: Sequence[str], rewritten: Sequence[bool] = (), given: Sequence[str] = ()
    ) -> list[Marked]:
        """Each text marked (see the module doc). In a text `rewritten` by `inversion.py`, a
        pronoun right after an object or negation clitic gets no pivot mark: the inversion put
        it there, after the subject ("Ceci t'il arrive ?", from "Ceci t'arrive-t-il ?"), where
        English writes none; one the inversion put first ("Il va", from "Va-t-il") does, so
        the question and the statement translate alike (`tests/test_inversion.py`)."""
        rewritten = list(rewritten) or [False] * len(texts)
        given = list(given) or list(texts)
        found = [list(SUBJECT.finditer(t)) if STEM.lower() not in t.lower() else [] for t in texts]
        before = [[word_before(m.string, m.start(1)) for m in matches] for matches in found]
        self._learn(m["verb"].lower() for matches in found for m in matches)
        self._learn(w for words in before for w in words if w)
        out = []
        for text, matches, words, moved, source in zip(
            texts, found, before, rewritten, given, strict=True
        ):
            pieces, at, count, pivots = [], 0, 0, []
            own_mark = PIVOT_MARK in text  # the text's own: no pivot mark could be told from it
            for match, word in zip(matches, words, strict=True):
                how = None if self._resumptive(word) else self._personal(match)
                if how == "pivot" and (own_mark or (moved and after_clitic(text, match.start(1)))):
                    how = None
                if (
                    match[1].lower() == "tu"
                    and moved
                    and (
                        inverted_tu(source, match["verb"])
                        or (
                            char_before(text, match.start(1)) == "¿"
                            and opens_question(text, match.start(1))
                        )
                    )
                    and not self._auxiliary(match["verb"])
                ):
                    how = None  # a question's ("Prends-tu", "est-ce que tu"): see `inverted_tu`
                if match[1].lower() == "tu" and asked_inside(text, match.start(1)):
                    how = "pivot"  # "Pierre, ¿ tu aimes": no subject written there otherwise
                pronoun = match[1].lower()
                if how == "token":
                    pieces += [text[at : match.start(1)], TOKENS[pronoun]]
                    at, count = match.end(1), count + 1
                elif how == "pivot":
                    pieces += [text[at : match.start(1)], PIVOT_MARK]
                    at = match.start(1)
                    spanish = SPANISH[pronoun]
                    pivots.append(spanish.capitalize() if match[1][:1].isupper() else spanish)
            marked, pivots = asked_inside_marked("".join(pieces) + text[at:], pivots)
            out.append(Marked(marked, count, tuple(pivots)))
        return out

    def unelided(self, texts: Sequence[str]) -> list[str]:
        """Each elided "t'" that is the subject of the verb glued to it written "tu" ("T'as
        raison" → "Tu as raison", "Est-ce que t'as vu" → "Est-ce que tu as vu"): the verb reads
        as a finite 2nd person singular (an imperative aside) and no subject or clitic stands
        before it ("tu t'es trompé", "ne t'a", "je t'ai" keep their object). `fr-es` reads
        every "t'" as the object "te": "Have reason", "You have seen you the film"."""
        found = [list(ELIDED_TU.finditer(t)) if "'" in t or "’" in t else [] for t in texts]
        self._learn(m["verb"].lower() for matches in found for m in matches)
        out = []
        for text, matches in zip(texts, found, strict=True):
            pieces, at = [], 0
            for match in matches:
                before = word_before(text, match.start()).lower()
                if before in BEFORE_OBJECT or before in OBJECT_CLITICS:
                    continue
                if ("p2", "sg") not in agreements(self._seen[match["verb"].lower()], True):
                    continue
                pieces += [text[at : match.start()], match[1] + "u ", match["verb"]]
                at = match.end()
            out.append("".join([*pieces, text[at:]]))
        return out

    @staticmethod
    def without_pivot_marks(marked: Marked) -> Marked:
        """`marked` with its pivot marks taken out (the text as the token way alone sends it);
        a text without them as it is (a mark of its own stays)."""
        if not marked.pivots:
            return marked
        return Marked(marked.text.replace(PIVOT_MARK, ""), marked.tokens)

    def pivot_nouns(self, marked: Sequence[Marked], spanish: Sequence[str]) -> frozenset[str]:
        """The Spanish words right after a mark standing for "tú" that the pivot's analyser
        (`pivot_analyse`) reads as a noun too ("tomas": "tú tomas" came out "You takings"):
        `in_pivot` writes no "tú" before them."""
        if self.pivot_analyse is None:
            return frozenset()
        words = {
            m["first"] + rest.split(maxsplit=1)[0]
            if (rest := s[m.end() : m.end() + 40])
            else m["first"]
            for marks, s in zip(marked, spanish, strict=True)
            if "Tú" in marks.pivots or "tú" in marks.pivots
            for m in IN_PIVOT.finditer(s)
        }
        todo = sorted(w.lower().strip(".,;:!?") for w in words if w)
        todo = [w for w in todo if w and w not in self._pivot_seen]
        if todo:
            self._pivot_seen.update(zip(todo, self.pivot_analyse(todo), strict=True))
        return frozenset(
            w.lower().strip(".,;:!?") for w in words
            if "<n>" in self._pivot_seen.get(w.lower().strip(".,;:!?"), "")
        )  # fmt: skip

    @staticmethod
    def in_pivot(marked: Marked, spanish: str, nouns: Collection[str] = ()) -> str | None:
        """The Spanish answer for `marked` with each mark its Spanish pronoun before the verb
        group ("\ue001Ama París" → "Ella ama París"), or None when the step lost or doubled a
        mark. A verb group that opens with a subject pronoun of its own keeps it alone."""
        if spanish.count(PIVOT_MARK) != len(marked.pivots):
            return None
        pronouns = iter(marked.pivots)

        def pronoun(match: re.Match[str]) -> str:
            spanish_pronoun, first = next(pronouns), match["first"]
            rest = match.string[match.end() : match.end() + 8]
            word = (first + rest).split(maxsplit=1)[0] if first else ""
            if word.lower().strip(".,;:!?") in SUBJECT_PRONOUNS:
                return first
            if spanish_pronoun.lower() == "tú" and word.lower().strip(".,;:!?") in nouns:
                return first
            if spanish_pronoun[:1].isupper() and first.isupper() and rest[:1].islower():
                first = first.lower()  # the source's capital goes to the pronoun it was on
            return f"{spanish_pronoun} {first}"

        return IN_PIVOT.sub(pronoun, spanish)

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

    def _auxiliary(self, verb: str) -> bool:
        """Whether `verb` reads as a copula, modal or auxiliary ("as", "es", "avais"): in a
        question, `spa-eng` writes no subject before one ("¿ Tenías frío ?" → "Had cold?")."""
        return any(t & NOT_LEXICAL for t in readings(self._seen.get(verb.lower(), "")))

    def _resumptive(self, word: str) -> bool:
        """Whether a pronoun right after `word` (nothing but blanks between) repeats a subject
        just written: after a noun, a name or a stressed pronoun ("Tom il fume ?", from
        "Tom fume-t-il ?", `inversion.py`; "Cela il fait mal ?"), unless the word reads as a
        conjunction or an adverb too ("mais il", where "mais" is also a noun)."""
        if not word:
            return False
        analysis = self._seen.get(word, "")
        if "/*" in analysis:
            return word[:1].isupper()  # a name the analyser does not know
        tags = readings(analysis)
        if any(t & LINKS for t in tags):
            return False
        return any(t & NOMINAL or {"prn", "tn"} <= t for t in tags)

    def _personal(self, match: re.Match[str]) -> str | None:
        """How the pronoun of `match` is carried as a personal subject (see the module doc):
        "token" when the verb reads only as a finite verb, "pivot" when it also reads as an
        imperative, None when it is no personal subject (or the verb reads as anything else)."""
        tags = readings(self._seen.get(match["verb"].lower(), ""))
        if not any(t & VERB and t & FINITE for t in tags):
            return None
        if match[1].lower() == "tu":  # the pivot way, right before its verb (`TU`)
            agrees = agree(agreements(self._seen[match["verb"].lower()], True), {AGREES["tu"]})
            return "pivot" if self.pivot and agrees and not match["clitics"] else None
        how = "token" if all(t & VERB and t & FINITE for t in tags) else "pivot"
        if how == "pivot" and any(t & NOT_LEXICAL for t in tags):
            return None  # "est", "doit": `spa-eng` writes "it is", "it has to" already
        if how == "pivot" and not self.pivot:
            return None
        pronoun = match[1].lower()
        if not agree(agreements(self._seen[match["verb"].lower()], True), {AGREES[pronoun]}):
            return None
        if pronoun != "il":
            return how
        if re.search(r"\by\b", match["clitics"], re.IGNORECASE) or THERE.match(
            match.string, match.end()
        ):
            return None
        analysis = self._seen.get(match["verb"].lower(), "")
        lemmas = {r.split("<", 1)[0] for r in analysis.strip("^$").split("/")[1:]}
        if lemmas & IMPERSONAL or (how == "pivot" and lemmas & IMPERSONAL_TOO):
            return None
        return None if BE in lemmas and EXTRAPOSED.match(match.string, match.end()) else how
