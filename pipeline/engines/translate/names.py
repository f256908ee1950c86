"""How a rule-based engine reads a name, from its own dictionaries: what decides whether a name
is carried through translation untouched or left to the engine.

A name is left to the engine only when it demonstrably translates the whole name as a name:
its analyser reads the whole name as one proper noun that is not a person's (`Algérie`
`<np><loc>`, `Union européenne` `<np><al>`), the chain gives another answer for it alone, and
the target language's analyser reads that answer as a proper noun of the same kind
(`Algeria` `<np><loc>`). Everything else is carried through verbatim: a person's name (`Rose`
is no `Rosa`), a name read as common words (`Pont-de-Buis` is no `Bridge-of-Buis`, `Sierra
Nevada` no `Snowy Saw`), one the engine passes on through the pivot without knowing it in the
target (`Kenya` → `Kenia`, which English reads as a woman's name; `Finistère` → `Finisterre`,
unknown in English). Measured on the dev MT sets (`make eval`).

A capitalised word that opens a sentence and that the analyser reads only as a common word
(`Choisissez`, `Revenez`) is `common`: NER's usual false name there, not protected; so is one
right after a word the analyser reads as a determiner, a common noun used as a name (`l'État`,
`la Terre`, `plusieurs États` → "the State", "the Earth", "several States": `determiners`).
A one-word answer must read as a proper noun or an acronym (`ONU` → `UN`): `Bombardier`,
read `<np><al>`, gives `Bomber` alone, a common word, so it is carried.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType
from typing import Protocol

UNIT = re.compile(r"\^((?:[^\\/$^]|\\.)*)/((?:[^\\$^]|\\.)*)\$")
PROPER = re.compile(r"<np><(\w+)>")
PERSONS = frozenset({"ant", "cog"})  # anthroponyms and surnames: never translated
ACRONYM = "<acr>"
DETERMINER = "<det>"  # articles, possessives, demonstratives, quantifiers ("du": `de<pr>+le<det>`)
AS_NAME, COMMON, OTHER = "name", "common", "other"


class Analysing(Protocol):
    def analyse(
        self, texts: Sequence[str], lang: str, route: tuple[str, str]
    ) -> list[str] | None: ...

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]: ...


def whole_unit(analysis: str) -> list[str] | None:
    """The readings of an analysis that is one unit covering the whole text, else None."""
    units = UNIT.findall(analysis)
    if len(units) != 1 or UNIT.sub("", analysis).strip():
        return None
    readings: str = units[0][1]
    return readings.split("/")


def proper_kind(readings: list[str] | None) -> str | None:
    """The proper-noun type the analyser gives the unit (`loc`, `al`, `ant`...), if any."""
    for reading in readings or []:
        if match := PROPER.search(reading):
            return match[1]
    return None


def proper_kinds(readings: list[str] | None) -> set[str]:
    """Every proper-noun type among the readings (`India`: `ant` and, for some analysers,
    `loc`): a place's answer that also reads as a place is one."""
    return {m[1] for reading in readings or [] if (m := PROPER.search(reading))}


# What a leading word of a span may be read as, and still not be part of the name: an article
# or a preposition NER took in ("l'Algérie", "de Norvège"), a verb opening a sentence ("Demandez
# Tom"). Left to the engine, the article is translated ("the Sierra Nevada"), not frozen.
NOT_NAME_TAGS = ("<det>", "<pr>", "<prn>", "<cnjcoo>", "<cnjsub>", "<predet>", "<vblex>",
                 "<vbser>", "<vbhaver>", "<vbmod>")  # fmt: skip


# A leading word with one of these readings and no proper-noun one is no part of the name
# either, whatever else it reads as: the adverb or preposition that opens a sentence before a
# name ("Ayer Luz Casal habló", "Según Gabriel García", "Segons Pau Casals": also a noun).
OPENER_TAGS = ("<adv>", "<pr>", "<cnjadv>")
PARTICIPLE = "<pp>"
# The tenses and moods of a finite verb: "Demandez Tom" opens with one, "Désiré Lenoir" not.
FINITE = ("<pri>", "<imp>", "<ifi>", "<pii>", "<fti>", "<cni>", "<prs>", "<pis>")
VERB_TAGS = ("<vblex>", "<vbser>", "<vbhaver>", "<vbmod>")


def head_offset(name: str, analysis: str) -> int:
    """Characters of `name` before its head: the leading words the analyser reads only as
    articles, prepositions or finite verbs (see `NOT_NAME_TAGS`), or in some reading as an
    adverb or a preposition and never as a proper noun (`OPENER_TAGS`), not as a participle (an
    adjective, and a first name: "Désiré", "Aimé", "Renée"); 0 when the whole name is one
    unit ("Le Monde" `<np>`) or nothing would be left."""
    if whole_unit(analysis) is not None:
        return 0
    offset = 0
    for surface, found in UNIT.findall(analysis):
        options = found.split("/")
        if any("<np>" in r or r.startswith("*") or PARTICIPLE in r for r in options) or not (
            all(any(tag in r for tag in NOT_NAME_TAGS) for r in options)
            or any(tag in r for r in options for tag in OPENER_TAGS)
        ):
            break  # a participle is read as an adjective: a first name too ("Désiré Lenoir")
        at = name.find(surface.replace("\\", ""), offset)
        if at < 0:
            break
        offset = at + len(surface)
        while offset < len(name) and (name[offset].isspace() or name[offset] in "'’"):
            offset += 1
    return offset if name[offset:].strip() else 0


def readings(
    engine: Analysing, names: Sequence[str], source: str, target: str
) -> dict[str, tuple[int, str, str | None]]:
    """For each name: where its head starts (`head_offset`), how the engine reads that head,
    `name`, `common` or `other` (see the module doc), and, for a name, the engine's
    translation of the head alone (what the translation must hold, else the name was read
    as words in its sentence: "filme Paris comme" → "films Bets like")."""
    analyses = engine.analyse(names, source, (source, target))
    if analyses is None:
        return {}
    offsets = {n: head_offset(n, a) for n, a in zip(names, analyses, strict=True)}
    heads = sorted({n[offsets[n] :] for n in names})
    rendered: dict[str, str] = {}
    read = head_readings(engine, heads, source, target, rendered)
    return {
        n: (offsets[n], read.get(n[offsets[n] :], OTHER), rendered.get(n[offsets[n] :]))
        for n in names
    }


def head_readings(
    engine: Analysing,
    names: Sequence[str],
    source: str,
    target: str,
    rendered: dict[str, str] | None = None,
) -> dict[str, str]:
    """`name`, `common` or `other` for each name (see the module doc); `rendered` gets the
    engine's translation of each name it translates as a name."""
    rendered = {} if rendered is None else rendered
    route = (source, target)  # the route's own analysers, never another pair's
    analyses = engine.analyse(names, source, route) or [""] * len(names)
    out: dict[str, str] = {}
    candidates: list[tuple[str, str]] = []  # (name, its proper-noun type)
    words: list[str] = []  # one common word: a demonym, or a word capitalised by position
    for name, analysis in zip(names, analyses, strict=True):
        units = whole_unit(analysis)
        kind = proper_kind(units)
        if kind is None and units and not any(r.startswith("*") for r in units):
            words.append(name)
        elif kind is not None and kind not in PERSONS:
            candidates.append((name, kind))
        else:
            out[name] = OTHER
    carrier = CARRIERS.get(source)
    probes = [f"{carrier[0]} {w.lower()}" for w in words] if carrier else []
    asked = [n for n, _ in candidates] + probes
    answers = engine.translate(asked, source, target) if asked else []
    back = engine.analyse(answers[: len(candidates)], target, route) or [""] * len(candidates)
    for (name, kind), answer, analysis in zip(candidates, answers, back, strict=False):
        if answer.strip() == name:  # a name the engine keeps as it is ("Canada")
            out[name] = AS_NAME
            rendered[name] = name
            continue
        found: list[tuple[str, str]] = UNIT.findall(analysis)
        known = bool(found) and not any(reading.startswith("*") for _, reading in found)
        if kind == "loc" or len(found) == 1:
            # A place must come out as a place, not a woman's name (Kenia); a one-word answer
            # as a proper noun or an acronym ("ONU" → "UN"), not a common word ("Bombardier"
            # `<np><al>` alone → "Bomber", which the sentence keeps as "Bombardier").
            known = bool(proper_kinds(whole_unit(analysis)) - PERSONS) or (
                len(found) == 1 and ACRONYM in found[0][1]
            )
        out[name] = AS_NAME if known else OTHER
        if known:
            rendered[name] = answer.strip()
    for word, answer in zip(words, answers[len(candidates) :], strict=False):
        said = re.sub(rf"^\s*{carrier[1]}\s+", "", answer, flags=re.IGNORECASE) if carrier else ""
        last = said.split()[-1] if said.split() else ""  # "and I answer": the verb, not "I"
        out[word] = AS_NAME if last[:1].isupper() else COMMON  # "et français" → "and French"
    for word in words:
        out.setdefault(word, COMMON)
    return out


def determiners(engine: Analysing, words: Sequence[str], source: str, target: str) -> set[str]:
    """The words the route's analyser reads as a determiner in some reading ("l'", "du",
    "plusieurs", "son"; Spanish "el", "del"): a common noun capitalised right after one is
    that noun used as a name ("l'État", "la Terre", "plusieurs États"), which the engine
    translates ("the State", "the Earth"), where the same noun written alone as a name
    ("Le Monde", "Câble" in a company's name) is carried."""
    analyses = engine.analyse(words, source, (source, target)) or [""] * len(words)
    return {
        word
        for word, analysis in zip(words, analyses, strict=True)
        if any(DETERMINER in reading for reading in whole_unit(analysis) or [])
    }


# A word that joins a lower-case word into a sentence, and its translation into English: the
# engine capitalises a demonym there ("et français" → "and French"), never a common word.
CARRIERS = MappingProxyType({
    "fr": ("et", "and"), "es": ("y", "and"), "ca": ("i", "and"), "it": ("e", "and"),
    "pt": ("e", "and"), "oc": ("e", "and"), "gl": ("e", "and"), "ro": ("și", "and"),
})  # fmt: skip


# What a bare word opening a sentence may be read as and still be its subject's name: a noun
# (no article: a name's), an adjective or a participle (a first name: "Branca", "Aparecida"), a
# proper noun, or a word the analyser does not know; an adverb ("Ontem", "Hoy"), a pronoun, a
# determiner never.
NOMINAL = ("<n>", "<np>", "<adj>", PARTICIPLE)


def opens_as_subject(analysis: str, bare: bool = False) -> bool:
    """Whether the analysis of a capitalised word and the words after it (`subject_context`)
    reads the word as a sentence's subject: no finite verb itself ("Choisissez", "Revenez"
    are verbs), and a verb of the third person next, after clitics and a negation ("Rose
    chante", "Léger a téléphoné", "Céleste se lève", "Aimé ne dit rien"). A French common
    noun opens no sentence as a subject without its article: a one-word name NER finds there
    ("Rose chante.") is carried on this evidence alone. `bare`: no NER said it is a person
    (a language without NER): every reading of the word must also be one a name may have
    (`NOMINAL`), and a Romance singular noun, like the French one, opens no sentence as a
    subject without its article ("Graça trabalha", "Roser treballa" are people)."""
    units = UNIT.findall(analysis)
    if len(units) < 2:
        return False
    first = units[0][1].split("/")
    if finite_verb(first):
        return False
    if bare and not all(r.startswith("*") or any(t in r for t in NOMINAL) for r in first):
        return False
    return third_person_verb_next(units[1:])


def finite_verb(readings: list[str]) -> bool:
    """Whether one of a word's readings is a finite verb."""
    return any(any(t in r for t in VERB_TAGS) and any(t in r for t in FINITE) for r in readings)


def third_person_verb_next(units: list[tuple[str, str]]) -> bool:
    """Whether the next word, past clitics ("se", "lui"), negations ("ne") and adverbs, is
    a verb of the third person: the word before it is then the verb's subject."""
    for _, found in units:
        options = found.split("/")
        if any(any(t in r for t in VERB_TAGS) and "<p3>" in r for r in options):
            return True
        if not (any("<prn><pro>" in r for r in options) or all("<adv>" in r for r in options)):
            return False
    return False


# Readings of the closed classes, the grammar's words: a pronoun, a determiner, a preposition,
# a conjunction. No one-word name opening a sentence is read so by the analyser: where a first
# name has such a reading too ("Ella", She, in Spanish and Catalan), the pronoun is meant.
GRAMMAR_TAGS = ("<prn>", "<det>", "<predet>", "<pr>", "<cnjcoo>", "<cnjsub>", "<cnjadv>")


def opens_as_grammar_word(analysis: str) -> bool:
    """Whether the analysis reads the word opening it, in some reading, as a word of the
    grammar (`GRAMMAR_TAGS`): "Ella tiene miedo" (`Ella<np><ant>` and `prpers<prn>`) is
    "She is afraid", not a person named Ella."""
    units = UNIT.findall(analysis)
    return bool(units) and any(
        any(tag in r for tag in GRAMMAR_TAGS) for r in units[0][1].split("/")
    )


def opens_as_verb(analysis: str) -> bool:
    """Whether the analysis of a capitalised word opening a sentence and the words after it
    (`subject_context`) reads the word as the sentence's verb: a finite-verb reading, and no
    third-person verb next after clitics and adverbs ("Cuesta demasiado", "Sierra la madera";
    "Cuesta trabaja aquí" has its verb next: a surname, the subject)."""
    units = UNIT.findall(analysis)
    if not units:
        return False
    return finite_verb(units[0][1].split("/")) and not third_person_verb_next(units[1:])


# What a word opening a sentence is read as when it is no name whatever NER says: a verb but
# a participle (an imperative: "Viens ici, X !"), an interjection ("Salut, X"), an adverb ("«
# Assez ! »"), a function word
NO_NAME_TAGS = ("<ij>", "<adv>", "<pr>", "<prn>", "<det>", "<cnjcoo>", "<cnjsub>", "<cnjadv>")


def opens_as_no_name(analysis: str) -> bool:
    """Whether the analysis of a capitalised word opening a sentence and the words after it
    (`subject_context`) reads the word only as a verb (not a participle), an interjection, an
    adverb or a function word: every reading, none a noun, adjective, participle or proper
    noun, none unknown. A first name that is a word ("Prudent", "Constance", "Aimé") has a
    nominal reading; "Viens", "Assez", "Sortez" have none."""
    units = UNIT.findall(analysis)
    if not units:
        return False
    first = units[0][1].split("/")
    return all(
        not r.startswith("*")
        and (not any(t in r for t in NOMINAL) or plural_participle(r))
        and any(t in r for t in (*NO_NAME_TAGS, *VERB_TAGS))
        for r in first
    )


def read_as_common_only(analysis: str) -> bool:
    """Whether the analysis reads the word opening it only as common words of the language:
    known to the dictionary, no reading a proper noun ("Silence", "Courage", "Halte": nouns
    alone; not "Pierre", "Constance", which have a first name's reading, nor an unknown word).
    Said alone in an exclamation opening a turn ("— Silence !"), such a word is no name."""
    units = UNIT.findall(analysis)
    if not units:
        return False
    return all(not r.startswith("*") and "<np>" not in r for r in units[0][1].split("/"))


def plural_participle(reading: str) -> bool:
    """A participle in the plural ("Choisis", "Finis": imperatives too), which no first name
    is, where the singular one may be ("Aimé", "Désiré")."""
    return PARTICIPLE in reading and "<pl>" in reading and "<sg>" not in reading


def joins_names(
    before: str, after: str, conjunction: bool, lone: bool = False, elided: bool = False
) -> bool:
    """Whether two capitalised runs with lower-case connectives between them ("Villanueva de
    la Cañada", "Pla de l'Estany", "Vilanova i la Geltrú") are one name, by the analyser's
    reading of each run (`before`, `after`): the run after the connectives is a proper noun
    not a first name (`Estany` `<np><cog>`) or unknown to it (`Cañada`, `Geltrú`), not a
    common word ("el Banco de la Nación"); after a conjunction ("i la", "y la") the run
    before it is one too, so two people ("Juan y la Cañada", "Joan i la Maria") stay two. After
    "de la", "de los"... a capitalised common word is the name's too when the run before ends
    on a proper noun ("San Sebastián de los Reyes", "María de los Ángeles"; "el Banco de la
    Nación" stays apart). A `lone` conjunction ("y", "i") joins a person's two surnames: a
    first name and a surname before it, one surname after ("José Ortega y Gasset", "Jordi
    Pujol i Soley"), never a first name after ("Ana Pons y Carmen"); the first name
    is the word before the surname, whatever opens the run ("Ayer José Ortega", hostile49 T9).
    After an `elided` "d'" alone, a word the analyser does not know before it is a first name
    ("Eugeni d'Ors": the surname is no "of Golds"), as a proper noun there is."""

    def name_like(analysis: str, word: int) -> bool:
        units = UNIT.findall(analysis)
        if not units:
            return False
        options = units[word][1].split("/")
        kinds = {m[1] for r in options if (m := PROPER.search(r))}
        return all(r.startswith("*") for r in options) or (bool(kinds) and not kinds & {"ant"})

    def kinds_of(analysis: str, word: int) -> set[str] | None:  # None: unknown
        units = UNIT.findall(analysis)
        if not units or not -len(units) <= word < len(units):
            return set()
        options = units[word][1].split("/")
        if all(r.startswith("*") for r in options):
            return None
        return {m[1] for r in options if (m := PROPER.search(r))}

    if lone:
        first, last, other = kinds_of(before, -2), kinds_of(before, -1), kinds_of(after, 0)
        return (
            len(UNIT.findall(before)) >= 2 and len(UNIT.findall(after)) == 1
            and first is not None and "ant" in first
            and (last is None or "cog" in last) and (other is None or other == {"cog"})
        )  # fmt: skip
    if name_like(after, 0) and (not conjunction or name_like(before, -1)):
        return True
    kinds = kinds_of(before, -1)
    return not conjunction and (bool(kinds) or (elided and kinds is None))
