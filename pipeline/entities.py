"""Finding more of the names a document is about: the knowledge base and the document itself.

NER misses mentions it finds elsewhere in the same document ("les films de Varda" after
"Agnès Varda a tourné à Paris"), and knows nothing of the names a corpus is about. Two
standard remedies, applied to each document after NER:

- a knowledge base, when the user gives one (`--kb FILE`; format in `load_kb`, example in
  `models/kb.example.jsonl`), is matched as a gazetteer, case-sensitively;
- "one sense per discourse": a name tagged somewhere in a document is tagged at its other
  capitalised occurrences in that document, with the label most of its mentions got.

Neither tags a common word: a match must be capitalised as written, and a single word at the
start of a sentence that is also a frequent word of the language ("Rose est là", "Will is ...")
is left alone unless NER itself tagged it there.
"""

from __future__ import annotations

import json
import os
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from types import MappingProxyType

from pipeline.engines.langid.lexicon_engine import zipf
from pipeline.record import Entity, Record
from pipeline.resources import load_json
from pipeline.rules import active

SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"«“(]\s*)$")
# a dialogue turn: a dash opening its line, then blanks ("— Viens ici, X !", "– Nora ?")
TURN_START = re.compile(r"(?:^|\n)[ \t\u00a0\u202f]*[—–―-][ \t\u00a0\u202f]+\Z")


@dataclass(frozen=True)
class KnownEntity:
    id: str
    canonical: str
    label: str
    aliases: tuple[str, ...]
    wikidata: str | None = None


LABELS = ("PERSON", "ORG", "LOC", "MISC")
WIKIDATA_ID = re.compile(r"Q[0-9]+\Z")


class KnowledgeBaseError(ValueError):
    """A knowledge base file that cannot be used, with the line that is wrong."""


@cache
def load_kb(path: str) -> dict[str, KnownEntity]:
    """A knowledge base file (JSON Lines, one entity per line: `id`, `canonical`, `label` one of
    PERSON/ORG/LOC/MISC, optional `aliases` and `wikidata`) as alias → entity, aliases as
    written. Opt-in (`--kb FILE`, `Extract(kb=...)`): nothing is known unless the user says so."""
    known: dict[str, KnownEntity] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise TypeError(f"a JSON {type(row).__name__}, not an object")
                entity = KnownEntity(
                    str(row["id"]), str(row["canonical"]), str(row["label"]),
                    tuple(dict.fromkeys([row["canonical"], *row.get("aliases", [])])),
                    row.get("wikidata"),
                )  # fmt: skip
            except (ValueError, KeyError, TypeError) as e:
                raise KnowledgeBaseError(f"{path}:{number}: not a knowledge-base entry: {e}") from e
            if entity.wikidata is not None and not WIKIDATA_ID.match(str(entity.wikidata)):
                raise KnowledgeBaseError(
                    f"{path}:{number}: wikidata {entity.wikidata!r} is not a Wikidata id (Q123)"
                )
            names = [row["canonical"], *row.get("aliases", [])]
            if not isinstance(row.get("aliases", []), list) or not all(
                isinstance(name, str) and name.strip() for name in names
            ):
                raise KnowledgeBaseError(
                    f"{path}:{number}: canonical and aliases must be non-empty strings "
                    "(aliases a list of them)"
                )
            if entity.label not in LABELS:
                raise KnowledgeBaseError(
                    f"{path}:{number}: label {entity.label!r} is not one of {', '.join(LABELS)}"
                )
            for alias in entity.aliases:
                known.setdefault(alias, entity)
    return known


def known_names(path: str | os.PathLike[str] | None) -> dict[str, KnownEntity]:
    return load_kb(os.fspath(path)) if path else {}


def common_word(word: str, lang: str | None, at_least: float = 3.0) -> bool:
    """A word this frequent (Zipf 3: once per million words) or more in `lang`."""
    return bool(lang) and zipf(word, lang or "en") >= at_least


def at_sentence_start(text: str, start: int) -> bool:
    """Whether `start` opens a sentence: after sentence punctuation, an opening quote, or
    the dash that opens a dialogue turn ("— Viens ici, X !": the turn's first word is
    capitalised by its place, as after a full stop)."""
    if SENTENCE_START.search(text[max(0, start - 4) : start]) is not None:
        return True
    return opens_turn(text, start)


def opens_turn(text: str, start: int) -> bool:
    """Whether only a dialogue dash and blanks stand before `start` on its line (at most
    `TURN_REACH` characters read: the cost does not grow with the line)."""
    before = text[max(0, start - TURN_REACH) : start]
    if start > TURN_REACH and "\n" not in before:
        return False
    return TURN_START.search(before) is not None


TURN_REACH = 8


def occurrences(text: str, surface: str) -> Iterable[tuple[int, int]]:
    """Whole-word, case-sensitive occurrences of `surface` in `text`."""
    for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
        yield match.start(), match.end()


def plausible(text: str, start: int, end: int, lang: str | None) -> bool:
    """A match that may be a name: not a frequent single word opening a sentence."""
    surface = text[start:end]
    single = " " not in surface
    return not (single and at_sentence_start(text, start) and common_word(surface, lang))


def most_voted(votes: Counter[str]) -> str:
    """The label with the most votes; a tie goes to the first in alphabetical order."""
    return min(votes, key=lambda lb: (-votes[lb], lb))


COORDINATORS = frozenset({"and", "&", "et", "und", "y", "e"})  # "X and Y" joins two names


def split_joined(records: Sequence[Record]) -> None:
    """A mention that joins two names the document also names apart ("Angola and
    Mozambique", "Karl Langdon & Harvey Deegan") becomes two mentions; a name made with a
    conjunction ("Procter & Gamble") is not named apart, and stays whole."""
    alone: dict[str, Counter[str]] = defaultdict(Counter)
    for record in records:
        for e in record.entities:
            if e.field == "text":
                alone[e.text][e.label] += 1
    for record in records:
        out: list[Entity] = []
        for e in record.entities:
            parts = joined_parts(e) if e.field == "text" else None
            if parts and all(text in alone for text, _ in parts):
                for text, offset in parts:
                    start, label = e.start + offset, most_voted(alone[text])
                    out.append(Entity(text, label, start, start + len(text), "text"))
            else:
                out.append(e)
        record.entities = out


def cut_at_person(records: Sequence[Record]) -> None:
    """A mention that is not a person's, made of a name the document gives a person alone and
    lower-case words after it ("Aurore descendit au port", "Aurore aussi pâle", where
    "Aurore" is a person elsewhere in the document; "Maître X resta muette" beside "Maître X"
    PERSON; a person's title and capitalised words, "Maître X resta muette", `titled_name`):
    the model ran over the verb phrase; the mention is the person's name (the first run of
    capitalised words followed only by lower-case ones). A title whose words are capitalised,
    or that begins with another word ("Le jour se lève"), is left as it is."""
    people = {
        e.text for r in records for e in r.entities if e.field == "text" and e.label == "PERSON"
    }
    for record in records:
        for e in record.entities:
            if e.field != "text" or e.label == "PERSON" or " " not in e.text:
                continue
            for space in (m.start() for m in re.finditer(" ", e.text)):
                name, rest = e.text[:space], e.text[space + 1 :]
                if not rest[:1].islower() or has_capital(rest):
                    continue  # (a capital further on: a title's words)
                if name in people or titled_name(name, record.lang):
                    e.text, e.end, e.label = name, e.start + len(name), "PERSON"
                break


def titled_name(name: str, lang: str | None) -> bool:
    """Whether `name` is a person's title and capitalised words ("Maître X", "Sœur X Y"): a
    person's name however the model read the phrase it ran on ("Maître X resta muette")."""
    first, _, rest = name.partition(" ")
    titles = person_words(lang)
    return (
        bool(rest)
        and (first in titles or first.lower() in titles)
        and all(w[:1].isupper() for w in rest.split())
    )


def joined_parts(entity: Entity) -> list[tuple[str, int]] | None:
    """The two names of "X and Y" with their offsets in the mention, or None."""
    words = list(re.finditer(r"\S+", entity.text))
    for i, word in enumerate(words[1:-1], start=1):
        if word[0].lower() in COORDINATORS:
            left = entity.text[: words[i - 1].end()]
            right = entity.text[words[i + 1].start() :]
            return [(left, 0), (right, words[i + 1].start())]
    return None


def complete_document(
    records: Sequence[Record], known: dict[str, KnownEntity], propagate: bool
) -> None:
    """Add knowledge-base and (with `propagate`) same-document mentions NER missed."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    inside: Counter[str] = Counter()  # mentions not opening a sentence
    if propagate:
        for record in records:
            for e in record.entities:
                if e.field == "text" and e.text[:1].isupper() and name_like(e.text):
                    labels[e.text][e.label] += 1
                    inside[e.text] += not at_sentence_start(record.text, e.start)
        lang = Counter(r.lang for r in records).most_common(1)[0][0]
        labels = {
            s: votes
            for s, votes in labels.items()
            if " " in s or inside[s] >= 2 or not common_word(s, lang, VERY_COMMON_ZIPF)
        }
    candidates = {a: k.label for a, k in known.items()}
    for surface, votes in labels.items():
        candidates.setdefault(surface, most_voted(votes))
    alone: set[str] = set()  # surnames: tagged only where they stand alone
    if propagate and active().on("surnames"):
        lang = Counter(r.lang for r in records).most_common(1)[0][0]
        alone = set(surnames(candidates, lang)) - candidates.keys()
        candidates.update((surname, "PERSON") for surname in alone)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for surface in sorted(candidates, key=lambda c: (-len(c), c)):
        first = FIRST_WORD.match(surface)
        if first:
            by_first_word[first[0]].append(surface)
    for record in records:
        taken = Taken((e.start, e.end) for e in record.entities if e.field == "text")
        for word in FIRST_WORD.finditer(record.text):
            for surface in by_first_word.get(word[0], ()):
                start, end = word.start(), word.start() + len(surface)
                if (
                    record.text.startswith(surface, start)
                    and not (start > 0 and is_word_char(record.text[start - 1]))
                    and not (end < len(record.text) and is_word_char(record.text[end]))
                    and not taken.overlaps(start, end)
                    and plausible(record.text, start, end, record.lang)
                    and (surface not in alone or stands_alone(record.text, start, end))
                ):
                    record.entities.append(Entity(surface, candidates[surface], start, end, "text"))
                    taken.add(start, end)
                    break


FIRST_WORD = re.compile(r"\w+")


class Taken:
    """The parts of a text its mentions cover, as disjoint sorted spans: whether a candidate
    overlaps one is two bisections, not a scan of every mention taken (h47 G19: a record of
    thousands of names cost words × mentions)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if self.ends and start < self.ends[-1]:  # overlapping mentions: one covered part
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a covered part."""
        i = bisect_right(self.ends, start)  # the first part ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def add(self, start: int, end: int) -> None:
        """Cover [start, end), which overlaps no covered part (`overlaps` said so)."""
        i = bisect_right(self.ends, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is no part of a longer name: not glued by a hyphen
    ("Voulet-Chanoine Mission"), nor after a capitalised word inside a sentence (a full name
    the model missed: "Franciszek Mickiewicz")."""
    if text[start - 1 : start] in HYPHEN_CHARS or text[end : end + 1] in HYPHEN_CHARS:
        return False
    before = text[max(0, start - 40) : start]
    words = before.split()
    if before[-1:] != " " or not words or not words[-1][:1].isupper():
        return True
    if at_sentence_start(text, start):  # "… in Pisa. Rubbia graduated"
        return True
    return at_sentence_start(text, start - len(words[-1]) - 1)


HYPHEN_CHARS = frozenset("-‐‑–")


def surnames(candidates: dict[str, str], lang: str | None) -> list[str]:
    """The last words of the document's full names of people ("Rubbia" of "Carlo Rubbia"):
    a person named in full is named by surname further on, which the model misses when the
    word is rare ("Rubbia graduated in 1957"). Only a capitalised word of letters that is not
    a common word of the language, nor a particle, nor a word of a name of another kind in
    the document ("Ford" beside "Ford Motor Company")."""
    others = {w for name, label in candidates.items() if label != "PERSON" for w in name.split()}
    out = []
    for name, label in sorted(candidates.items()):
        words = name.split()
        if label != "PERSON" or len(words) < 2:
            continue
        last = words[-1]
        if (
            last[:1].isupper()
            and last.isalpha()
            and len(last) > 2
            and last not in others
            and last.lower() not in particles()
            and not common_word(last, lang)
        ):
            out.append(last)
    return out


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def name_like(surface: str) -> bool:
    """No sentence punctuation in it: NER's "Ah !", "Oh !" are not names to look for again.

    With the rule in `complete_document` (a single very frequent word propagates only when
    NER tagged it twice inside sentences: "Si", "Tiens" no; "Dieu", tagged twice, still yes)
    and honorifics alone dropped, measured on French novels as one document: 90 of 103
    propagated mentions were wrong before, 24 of 36 now, and F1 went from 0.9 below raw spaCy
    to 0.5 above it (`make eval`)."""
    return not NOT_IN_NAMES.search(surface)


NOT_IN_NAMES = re.compile(r"[!?…;:«»\"“”]")
VERY_COMMON_ZIPF = 4.0
LOWER_CASE_EVIDENCE = 3  # times a document's texts use a lower-case word as a name


def drop_common_words(record: Record, kept: Collection[str] = ()) -> None:
    """A one-word mention in lower case is not a name ("cher pour moi", "a universal message"),
    unless its document keeps using it as one (`kept`: `lower_case_names`). An elided article
    does not make a name lower case ("d'Arvenne", "l'Europe"). A title or role noun alone
    ("Monsieur", "M.", "Président") is not a name either."""
    rules = active()
    titles = honorifics(record.lang) if rules.on("titles_alone") else frozenset()
    lower = rules.on("lower_case")
    record.entities = [
        e
        for e in record.entities
        if (" " in e.text or not lower or not lower_case(e.text) or e.text in kept)
        and not (e.field == "text" and (e.text in titles or e.text.lower() in titles))
        and not no_name(record, e)
    ]


def no_name(record: Record, entity: Entity) -> bool:
    """A credit label alone ("Scénario", "Sound"; rule credit_labels), a section heading or an
    interjection opening an address (rule not_names): never a name."""
    rules = active()
    translated = entity.field == "translation" and record.translation is not None
    lang = record.translation.lang if translated and record.translation else record.lang
    source = record.lang if translated else None
    if rules.on("credit_labels") and is_credit_label(entity.text, lang, source):
        return True
    text = record.translation.text if translated and record.translation else record.text
    if rules.on("label_mentions") and in_credit_label(text, entity.start, entity.end, lang, source):
        return True
    if rules.on("label_words") and label_before_name(text, entity.start, entity.end, lang, source):
        return True
    if rules.on("junk_words") and junk_word(text, entity.start, entity.end, lang):
        return True
    if rules.on("clitic_imperatives") and clitic_verb(text, entity.start, entity.end, lang):
        return True
    return rules.on("not_names") and not_a_name(text, entity.start, entity.end, lang)


def exclaimed_alone(text: str, end: int, called: bool = False) -> bool:
    """Whether the word ending at `end` is said alone in an exclamation: "!" or a trailing
    off right after it ("— Silence !", "« Courage ! »", "— Bah… je ne sais pas"), or, when
    `called`, a comma (the word is what is called out: "— Courage, mon ami")."""
    return (CALLED if called else EXCLAIMED).match(text, end, end + 4) is not None


EXCLAIMED = re.compile(r"[ \u00a0\u202f]?(?:!|…|\.\.\.)")
CALLED = re.compile(r"[ \u00a0\u202f]?(?:!|…|\.\.\.|,)")


def exclaimed_opening(text: str, start: int, end: int) -> bool:
    """Whether the one word at [start, end) opens a sentence or a dialogue turn and is said
    alone in an exclamation ("— Bah !", "« Silence ! »"): an interjection's place far more
    often than a name's (rule `exclaimed_words`)."""
    return (
        " " not in text[start:end] and exclaimed_alone(text, end) and at_sentence_start(text, start)
    )


# French enclitic pronouns joined by a hyphen: only a verb takes them, an imperative
# ("Taisez-vous", "Donne-le-moi") or an inverted subject ("Viens-tu", "Dit-il", "Va-t-on"); a
# chain of them ends the word (not "Port-la-Nouvelle"). Possessive: linear on any run.
CLITICS: Mapping[str, re.Pattern[str]] = MappingProxyType(
    {
        "fr": re.compile(
            r"(?:-(?:t-)?(?:moi|toi|vous|nous|le|la|les|lui|leur|en|y|je|tu|il|elle|on|ils"
            r"|elles))++(?![\w-])"
        )
    }
)


def clitic_verb(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) ends on, or is followed by, a hyphen and an enclitic
    pronoun: a verb ("— Taisez-vous !", "Dépêche-toi"), no name (rule `clitic_imperatives`)."""
    clitics = CLITICS.get(lang or "")
    if clitics is None:
        return False
    hyphen = text.rfind("-", start, end)
    at = hyphen if hyphen > start else end
    return clitics.match(text, at, min(len(text), end + 40)) is not None


# A past participle's ending → its infinitive's ("tourné" → "tourner", "filmed" → "film",
# "produced" → "produce"): the participle and the infinitive both in the lexicon is a verb
PARTICIPLES: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {
        "fr": (("ées", "er"), ("és", "er"), ("ée", "er"), ("é", "er")),
        "en": (("ed", ""), ("d", "")),
    }
)


def junk_word(text: str, start: int, end: int, lang: str | None) -> bool:
    """A one-word mention that is a function word in capitals (a title line's "LA", "THE")
    or a past participle opening a sentence before a function word ("Tourné en Bretagne",
    "Distribué par X", "Filmed in X"): no name, whatever the model read."""
    word = text[start:end]
    if " " in word or not word:
        return False
    if word.isupper() and len(word) > 1 and word.lower() in function_words() | particles():
        return in_capitals(text, start, end)  # "US", "AT" alone among lower-case words: acronyms
    following = text[end : end + 40].split(maxsplit=1)
    after = following[0] if following else ""
    if not after.islower() or not (
        after in function_words() or common_word(after, lang, FUNCTION_WORD_ZIPF)
    ):
        return False
    if not at_sentence_start(text, start) or not common_word(word.lower(), lang):
        return False
    lower = word.lower()
    for ending, infinitive in PARTICIPLES.get(lang or "", ()):
        stem = lower[: -len(ending)]
        if (
            lower.endswith(ending)
            and len(stem) >= 3
            and not SHORT_STEM.fullmatch(lower)
            and common_word(stem + infinitive, lang)
        ):
            return True
    return False


def in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word at `start:end` stands beside another word in capitals on its line (a
    title line's "LA TRAVERSÉE"), not alone among lower-case words, as an acronym does."""
    before = text[max(0, start - 40) : start].rsplit("\n", 1)[-1].split()
    after = text[end : end + 40].split("\n", 1)[0].split()
    return any(
        len(w) > 1 and w.isupper() for w in (before[-1:] + after[:1]) if any(c.isalpha() for c in w)
    )


# "jared" is no "jar" + "ed": a one-syllable stem ending in one vowel and one consonant
# doubles it ("jarred", "planned")
SHORT_STEM = re.compile(r"[^aeiouy]*[aeiou][^aeiouwxy]ed")


def lower_case(word: str) -> bool:
    """Whether a one-word mention is written in lower case: an elided article or a particle
    joined by an apostrophe or hyphen does not make a name lower case ("d'Arvenne",
    "l'Europe", "al-Maliki", "el-Baradei": msnbc lost 4 gold mentions, 0.6 % of them, to the
    hyphenated ones)."""
    if any(part[:1].isupper() for part in PARTICLE_JOIN.split(word)[1:]):
        return False
    return ELISION.sub("", word)[:1].islower()


PARTICLE_JOIN = re.compile(r"['’‐‑-]")


def lower_case_names(records: Sequence[Record], at_least: int = LOWER_CASE_EVIDENCE) -> set[str]:
    """One-word lower-case mentions the model finds `at_least` times in the document's texts,
    and that are not common words of its language (a novel's "milady", not "cher"): the
    document uses them as names, not once by chance."""
    seen = Counter(
        (e.text, r.lang)
        for r in records
        for e in r.entities
        if e.field == "text" and " " not in e.text and lower_case(e.text)
    )
    return {w for (w, lang), n in seen.items() if n >= at_least and not common_word(w, lang)}


ELISION = re.compile(r"^\w{1,2}['’]", re.IGNORECASE)  # l'actrice, d'un, qu'elle


@cache
def cues(lang: str) -> dict[str, str]:
    """`models/cues.json` for `lang`: cue word (lower case; abbreviations as written) → label."""
    table: dict[str, str] = {}
    for label, words in load_json("cues.json").get(lang, {}).items():  # titles: see honorifics
        for word in words:
            table[cue_key(word)] = label
    return table


@cache
def honorifics(lang: str | None) -> frozenset[str]:
    """`titles` of `models/cues.json` for `lang` (lower case; abbreviations as written)."""
    words = load_json("cues.json").get("titles", {}).get(lang or "", [])
    return frozenset(map(cue_key, words))


@cache
def particles() -> frozenset[str]:
    """`particles` of `models/cues.json`: lower-case words a person's name may begin with."""
    return frozenset(load_json("cues.json").get("particles", []))


def name_edges(
    text: str,
    start: int,
    end: int,
    lang: str | None,
    label: str = "PERSON",
    source: str | None = None,
) -> tuple[int, int]:
    """A mention without the lower-case words at its edges that are not part of the name: an
    article or determiner before any name ("the Amateur Hockey Association", as most NER
    gold standards and linkers write names); before a person's name, any lower-case word but
    a title, a role noun or a particle ("chère Odile", "les Marchand"; not "madame de
    Brissac", "van Gogh"); after a person's name, any ("Odile fort triste"). A person's own
    words are capitalised; other names may begin with a common noun ("rue de Rivoli")."""
    if label in ("PERSON", "LOC") and active().on("possessive"):
        end = before_possessive(text, start, end)
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    person = label == "PERSON"
    keep = person_words(lang)
    while person and len(words) > 1 and not has_capital(text[slice(*words[-1])]):
        words.pop()
    if words and active().on("credit_words") and (person or line_start(text, words[0][0])):
        words = words[credit_words(text, words, lang) :]
    if words and active().on("credit_labels") and (person or field_start(text, words[0][0])):
        words = words[label_words(text, words, lang, source) :]
    if words and active().on("credit_labels"):
        words = words[: len(words) - next_label_words(text, words, lang, source, label)]
    if not person and active().on("function_word_edges"):
        # "Aller au printemps": after a name's last capitalised word, a function word starts
        # words that are not the name's
        last = max((i for i, w in enumerate(words) if has_capital(text[slice(*w)])), default=-1)
        if 0 <= last < len(words) - 1 and text[slice(*words[last + 1])] in function_words():
            words = words[: last + 1]
    while len(words) > 1:
        word = text[slice(*words[0])]
        if has_capital(word) or word in particles() or cue_key(word) in keep:
            break
        if (
            not person
            and active().on("role_noun_edges")
            and cues(lang or "").get(cue_key(word)) in ("ORG", "MISC")
        ):
            words.pop(0)  # "la chaîne X", "le studio X": the noun types the name (role_cue)
            continue
        if (
            not person
            and not common_word(word, lang, FUNCTION_WORD_ZIPF)
            and not (active().on("function_word_edges") and word in function_words())
        ):
            break  # "rue de Rivoli"; not "vers Indochine"
        words.pop(0)
    return (words[0][0], words[-1][1]) if words else (start, end)


# "'s" / "’s" closing a span, after a letter: the possessive, no part of a person's or a place's
# name ("Orla Laniéray's team", "Britain's economy"); a company's keeps it ("McDonald's")
POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s\Z")


def before_possessive(text: str, start: int, end: int) -> int:
    """Where a mention ends without its possessive "'s" (`POSSESSIVE`; rule `possessive`,
    hostile47 G22)."""
    found = POSSESSIVE.search(text, start, end)
    return found.start() if found is not None and found.start() > start + 1 else end


def credit_words(text: str, words: Sequence[tuple[int, int]], lang: str | None) -> int:
    """How many of a person's mention's first `words` are a credit line's opening ("Starring
    X Y", "Avec X Y", "Voices of X Y"): the model reads the capitalised word at a line's start
    as the name's. Only when a capitalised word follows it, which stays the name."""
    said = [text[slice(*w)].lower() for w in words]
    for phrase in credit_phrases(lang):
        n = len(phrase)
        if len(said) > n and tuple(said[:n]) == phrase and has_capital(text[slice(*words[n])]):
            return n
    return 0


# the word between a label and its name ("Musique de X Y", "Music by X Y"); not "of", which
# opens a title's complement ("Story of X Y", "Sound of X")
LABEL_LINKS = frozenset(("de", "d'", "d’", "du", "des", "par", "by", "di", "von", "por"))
LABEL_NAME_WORDS = 2  # a label is left out before a full name only: "Son Ye-jin" keeps "Son"


def label_words(
    text: str, words: Sequence[tuple[int, int]], lang: str | None, source: str | None = None
) -> int:
    """How many of a mention's first `words` are a credit label and the word linking it to
    the name ("Image Thomas Vasseur", "Director Jane Roe", "Musique originale de X Y"): the
    model reads the capitalised label at a line's start as the name's first word. Only
    before two capitalised words or more (the span's, or its last and the word after it),
    which stay the name."""
    said = [text[slice(*w)].lower().rstrip(":") for w in words]
    for phrase in credit_labels(lang, source):
        n = len(phrase)
        if tuple(said[:n]) != phrase:
            continue
        if len(said) > n and said[n] in LABEL_LINKS:
            n += 1
        rest = words[n:]
        if (
            rest
            and has_capital(text[slice(*rest[0])])
            and (len(rest) >= LABEL_NAME_WORDS or name_goes_on(text, rest[-1][1]))
        ):
            return n
    return 0


NEXT_CREDIT = "—–-:/·|…•\t\n"  # what follows a credit's label: "… X Y Image — Z W"; leader dots


def next_label_words(
    text: str,
    words: Sequence[tuple[int, int]],
    lang: str | None,
    source: str | None = None,
    label: str = "PERSON",
) -> int:
    """How many of a mention's last `words` are the label of the next credit, which a record
    joining credit lines glued to the name ("X Y Colorist ...... Z W", "X Y Image — Z W"):
    a label after a word or more (two, an organisation's: "Universal Music — …" keeps its
    word), a credit's separator (or leader dots, or the word linking a label to its name)
    right after it."""
    after = text[words[-1][1] : words[-1][1] + 8].lstrip(" \u00a0")
    link = after.split(" ", 1)[0] in LABEL_LINKS and " " in after  # "X Y Musique de Z W"
    if not (after[:1] and after[0] in NEXT_CREDIT) and not after.startswith("..") and not link:
        return 0
    said = [text[slice(*w)].lower() for w in words]
    for phrase in credit_labels(lang, source):
        n = len(phrase)
        least = LABEL_NAME_WORDS if label == "ORG" else 1
        if len(said) - n >= least and tuple(said[-n:]) == phrase:
            return n
    return 0


def name_goes_on(text: str, end: int) -> bool:
    """Whether a capitalised word follows `end` after one blank: the model cut a name short
    ("Makeup X| Y")."""
    return text[end : end + 1] in (" ", "\u00a0") and text[end + 1 : end + 2].isupper()


@cache
def credit_labels(lang: str | None, source: str | None = None) -> tuple[tuple[str, ...], ...]:
    """`roles` of `models/cues.json` for `lang`, English and `source` (the language a
    translation was made from: a label the engine left as it was), as words, longest first."""
    table = load_json("cues.json").get("roles", {})
    codes = {lang or "en", "en", source or "en"}
    phrases = {tuple(p.split()) for code in codes for p in table.get(code, [])}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


LABEL_CHARS = 60  # a credit line's label, at most


def in_credit_label(
    text: str, start: int, end: int, lang: str | None, source: str | None = None
) -> bool:
    """Whether [start, end) lies in a credit line's label, before its colon, and holds a role
    of the label ("Distribution France : X Y", "Ventes internationales France : X": a label
    naming a territory is no organisation; hostile47 G23, an index row of 13 mentions). The
    line opens on the label, and a capitalised value follows the colon. Bounded: linear."""
    low = max(0, start - LABEL_CHARS)
    line = max(text.rfind("\n", low, start) + 1, low)
    if line == low and low > 0:
        return False
    colon = text.find(":", end, end + LABEL_CHARS)
    if colon < 0 or "\n" in text[end:colon] or not text[colon + 1 :].lstrip(" \t")[:1].isupper():
        return False
    if len(text[line:colon].split()) > CREDIT_LABEL_WORDS:
        return False  # a sentence before a colon, no label
    words = tuple(text[start:end].lower().split())
    return any(
        words[i : i + len(phrase)] == phrase
        for phrase in credit_labels(lang, source)
        for i in range(len(words) - len(phrase) + 1)
    )


CREDIT_LABEL_WORDS = 5  # "Ventes internationales hors France": a label's words at most
# what stands before a credit's label inside a row: a line's start, a slash, bar or dash
# between blanks, a tab or a column gap ("X Y / Assistant réalisateur Z W")
ROW_MARKS = frozenset("/|—–·-")


def label_before_name(
    text: str, start: int, end: int, lang: str | None, source: str | None = None
) -> bool:
    """Whether [start, end) is a word or words of a credit's label (`credit_labels`) that
    the text writes whole around it, opening a line or a row's cell and followed by a
    capitalised word, its name (h49 E12: "… / Assistant réalisateur X Y" gave "Assistant"
    PERSON, "Sound Mixer X Y" "Mixer" ORG, index rows of their own). Reads at most
    `LABEL_CHARS` characters on either side: bounded."""
    low = max(0, start - LABEL_CHARS)
    line = text.rfind("\n", low, start) + 1
    before_text = text[max(low, line) : start]
    before = before_text.split()
    at_line = line > 0 or low == 0  # else a long line's middle: only a cell's mark opens
    after_text = text[end : end + LABEL_CHARS].split("\n", 1)[0]
    after = after_text.split()
    words = text[start:end].lower().split()
    if not words:
        return False
    for phrase in credit_labels(lang, source):
        n, size = len(words), len(phrase)
        for i in range(size - n + 1):  # the mention at phrase[i : i + n]
            if list(phrase[i : i + n]) != words or i > len(before) or size - i - n > len(after):
                continue
            head = [w.lower() for w in before[len(before) - i :]] if i else []
            tail = [w.lower().rstrip(":") for w in after[: size - i - n]]
            if tuple(head + words + tail) != phrase:
                continue
            rest = after[size - i - n :]
            value = rest[0].lstrip(":") or (rest[1] if len(rest) > 1 else "") if rest else ""
            if value[:1].isupper() and opens_cell(before_text, i, at_line):
                return True
    return False


def opens_cell(before: str, words: int, at_line: bool) -> bool:
    """Whether what precedes the last `words` words of `before` (a line's text up to a
    mention; from the line's start when `at_line`) opens a line or a row's cell: nothing, a
    tab or a column gap, a row's mark."""
    spans = [m.start() for m in re.finditer(r"\S+", before)]
    gap = before[: spans[len(spans) - words]] if words else before
    blanks = gap[len(gap.rstrip()) :]
    return (
        (at_line and not gap.strip())
        or "\t" in blanks
        or len(blanks) >= 2
        or (bool(blanks) and gap.rstrip()[-1] in ROW_MARKS)
    )


def is_credit_label(text: str, lang: str | None, source: str | None = None) -> bool:
    """Whether `text` is a credit label alone ("Scénario", "Musique originale", "Sound")."""
    return tuple(text.lower().rstrip(":").split()) in credit_labels(lang, source)


@cache
def not_name_words(lang: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """`not_names` of `models/cues.json`: section words, ordinal and number words, and the
    interjections of `lang` (and English)."""
    table = load_json("cues.json").get("not_names", {})
    said = table.get("interjections", {})
    return (
        frozenset(table.get("sections", [])),
        frozenset(table.get("numbers", [])),
        frozenset(w for code in {lang or "en", "en"} for w in said.get(code, [])),
    )


ROMAN = re.compile(r"[IVXLCDM]+\.?|[ivxlcdm]+\.?|\d+[.)]?", re.ASCII)
ADDRESS_OPENING = '\n.!?…«“"—–-'  # what ends before an address: a line, a speech, a sentence
ADDRESSED = ",!"  # what follows the interjection: "Adieu, X", "Goodbye!"


def not_a_name(text: str, start: int, end: int, lang: str | None) -> bool:
    """A section heading's words ("Chapitre III", "Chapter 2", "Acte premier") or an
    interjection opening an address ("— Adieu, X !", "Goodbye, X"): no name however
    capitalised; a greeting alone elsewhere ("Hello", a song) is left to the model."""
    sections, numbers, interjections = not_name_words(lang)
    words = text[start:end].lower().split()
    if len(words) == 2 and words[0] in sections:
        return bool(ROMAN.fullmatch(text[start:end].split()[1])) or words[1] in numbers
    if len(words) == 1 and words[0] in sections:  # "Chapitre" of "Chapitre 2" (h49 E12)
        after = text[end : end + 40].split("\n", 1)[0].split()
        number = after[0].rstrip(".:") if after else ""
        return bool(number) and (bool(ROMAN.fullmatch(number)) or number.lower() in numbers)
    if " ".join(words) not in interjections:
        return False
    before = text[max(0, start - 40) : start].rstrip()
    opens = not before or before[-1] in ADDRESS_OPENING
    return opens and text[end : end + 40].lstrip()[:1] in tuple(ADDRESSED)


FIELD_OPENING = "\n\t|/·•:–—-"  # what a field of a line opens after: "Image X Y / Son X Y"


def field_start(text: str, start: int) -> bool:
    """Whether `start` opens a line or a field of one: only blanks before it since the line's
    start, a separator ("Image X Y / Son X Y", "Réalisation : X Y") or a column gap."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \u00a0")
    gap = len(before) - len(stripped) >= 2
    return not stripped or stripped[-1] in FIELD_OPENING or gap


def line_start(text: str, start: int) -> bool:
    """Whether only blanks stand before `start` on its line (a credit line's first word)."""
    line = text.rfind("\n", 0, start) + 1
    return not text[max(line, start - 40) : start].strip() and (start - line <= 40)


@cache
def credit_phrases(lang: str | None) -> tuple[tuple[str, ...], ...]:
    """`credits` of `models/cues.json` for `lang` (English when none), as words, longest first."""
    table = load_json("cues.json").get("credits", {})
    phrases = {tuple(p.split()) for p in table.get(lang or "en", [])}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def person_words(lang: str | None) -> frozenset[str]:
    """Titles and role nouns of `lang` (cue keys): words a person's mention may begin with."""
    return honorifics(lang) | frozenset(w for w, lb in cues(lang or "").items() if lb == "PERSON")


@cache
def function_words() -> frozenset[str]:
    """Articles, prepositions and conjunctions of the common languages (`open_ends` of
    `models/segment.json`): a word a name's span may not begin or end on, but a particle."""
    return frozenset(load_json("segment.json")["open_ends"]) - particles()


FUNCTION_WORD_ZIPF = 6.0  # "the", "a", "la", "les": once per thousand words or more


def has_capital(text: str) -> bool:
    return any(c.isupper() for c in text)


def cue_key(word: str) -> str:
    """How a cue word is looked up: abbreviations ("M.") and capitalised ones as written, the
    others in lower case."""
    return word if word.endswith(".") or word[:1].isupper() else word.lower()


CUE_WORDS = 3  # the longest role noun of several words ("agent de ventes")
APPOSITION = ",;:"  # after these, a name is not the complement of the noun before them
OPENING = '«“"('  # an opening quote or bracket between the noun and the name
BLANKS = " \u00a0\u2007\u202f"  # the blanks a column gap is laid out with


def column_gap_before(before: str) -> bool:
    """Whether `before` ends on a column gap (a tab, two blanks or more): the word before it
    is another cell of a table laid out with blanks ("Director        France"), not a noun or
    title the name is the complement of (rule `gap_cue`, hostile47 G16)."""
    tail = before[len(before.rstrip()) :]
    return active().on("gap_cue") and (
        "\t" in tail or any(a in BLANKS and b in BLANKS for a, b in pairwise(tail))
    )


ROW_REACH = 200  # characters of a mention's line read either side for its row's other gaps
GAP = re.compile(f"\t|[{BLANKS}]{{2,}}")


def row_gap_before(text: str, start: int) -> bool:
    """Whether the blanks before `start` are a column gap of a row of three cells or more
    (`column_gap_before`, and another gap on its line, within `ROW_REACH`): "Name   Director
    France". Two blanks alone in a sentence ("the actress  X") are a typing slip, and a row of
    two cells ("Director   X") a label and its value: both leave the noun before the name a cue."""
    if not column_gap_before(text[max(0, start - 40) : start]):
        return False
    begin = text.rfind("\n", max(0, start - ROW_REACH), start) + 1 or max(0, start - ROW_REACH)
    stop = text.find("\n", start, start + ROW_REACH)
    line = text[begin : stop if stop >= 0 else start + ROW_REACH]
    return len(GAP.findall(line.strip())) >= 2


ELIDED_DE = frozenset(("d'", "d’"))  # "de" elided, glued to the next word


def cue_before(text: str, start: int, lang: str | None) -> str | None:
    """The label a role noun right before the mention gives it ("la revue X" → ORG), if any.

    Only a noun the name follows with nothing but a space (or an opening quote) between: after
    a comma, semicolon or colon the name is an apposition or a list item, not the noun's
    complement ("Ford's secretary of state, Henry Kissinger", "for the region, X said"), which
    the cue read as a place (msnbc and reuters128 label accuracy -0.2 each, #31). Nor a
    mention opening on an elided "d'" ("le film d'Octave X", the particle glued to a person's
    name): the noun's complement is "de X", its author, as "le film de X" (hostile49 E4)."""
    table = cues(lang) if lang else {}
    if not table or text[start : start + 2].lower() in ELIDED_DE:
        return None
    before = text[max(0, start - 40) : start]
    if not before[-1:].isspace():
        return None
    if row_gap_before(text, start):
        return None  # "Director        France": a table's next cell, not the noun's complement
    words = before.split()
    if not words or words[-1][-1:] in APPOSITION:
        return None
    for n in range(min(CUE_WORDS, len(words)), 1, -1):  # "the sales agent X": the longest
        phrase = " ".join([ELISION.sub("", words[-n]), *words[-n + 1 :]]).lower()
        if phrase in table:
            return table[phrase]
    word = ELISION.sub("", words[-1].lstrip(OPENING))
    return table.get(word) or table.get(word.lower())


def apply_cues(record: Record, field: str, lang: str | None) -> None:
    """Relabel the mentions in `field` that a role noun right before them types."""
    text = record.text if field == "text" else record.translation.text if record.translation else ""
    rules = active()
    for entity in record.entities:
        if entity.field == field:
            label = (cue_before(text, entity.start, lang) if rules.on("role_cue") else None) or (
                head_label(entity.text, lang) if rules.on("org_head") else None
            )
            if label is not None:
                entity.label = label


@cache
def heads(lang: str) -> dict[str, str]:
    """`heads` of `models/cues.json` for `lang`: word (as written) → label."""
    table = load_json("cues.json").get("heads", {}).get(lang, {})
    return {word: label for label, words in table.items() for word in words}


def head_label(name: str, lang: str | None) -> str | None:
    """The label a generic head inside a name of two words or more gives it ("Miramax
    Films", "Société Générale"), if any: legal forms and organisation heads."""
    words = name.split()
    table = heads(lang) if lang and len(words) > 1 else {}
    return next((table[w] for w in words[1:] + words[:1] if w in table), None)
