"""What a document says about its own names: evidence for a mention's span and label that
holds in any text, read from the document itself rather than from lists of names.

- A name is written one way in a document: a preposition or elided article before it ("les
  films d'Agnès Varda", "la mère de Julien Vasseur") is not part of it when the document writes
  the name without it elsewhere, or when a given name follows it (particles come before a
  surname: "d'Arvenne", "de Gaulle").
- A string the document gives as a work's title (in quotation marks, or right after a role
  noun for works: "le film X", "the movie X") is a title at its other mentions too, not a
  person ("Mask", "Rashomon").
- A name that takes a title ("M. X", "le duc de X"), is addressed or called out ("mon X,",
  "Grand X !") or speaks ("…, dit X"; "X dit enfin :", "« … » X répondit": the subject of a
  speech verb that opens or closes direct speech, not "X said that…", what companies do in
  the news) is a person at its other mentions in the document too; a full name the model
  reads as an organisation, or one opening with "The", is not relabelled (msnbc, reuters128:
  "said The Associated Press"). On the French novels: 24 → 27 of the top-30 labels right
  (Étienne, Dieu, La Mole), NER F1 +2.1 per sentence, +5.4 as one document; wikigold -0.1,
  the linking sets 0.0 (`bench/ablation.py`).

- The items of a list of three names or more ("Justin, Stefani, and Kate") are of one kind:
  one the model labels apart from most of the list takes the list's label, unless a role noun
  types it; two names that disagree are left alone (nothing says which reading is wrong).

Each is a switch of `pipeline.rules` (`leading_preposition`, `work_title`, `person_evidence`,
`coordinated`), measured per development set by `bench/ablation.py`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from pipeline.entities import (
    COORDINATORS,
    at_sentence_start,
    before_possessive,
    cue_before,
    cues,
    function_words,
    heads,
    honorifics,
    most_voted,
    name_like,
    occurrences,
    particles,
    person_words,
    row_gap_before,
)
from pipeline.record import Entity, Record
from pipeline.resources import load_json
from pipeline.rules import active

ELIDED = ("d'", "d’", "l'", "l’", "D'", "D’", "L'", "L’")
OPEN_QUOTES = "«\"“‘'*_"
CLOSE_QUOTES = "»\"”’'*_"


# an article before a place's or organisation's name is none of it ("l'Italie" where the document
# writes no bare "Italie"; rule place_article): a name's own article is capitalised ("Le Havre")
ARTICLES = frozenset(("l'", "l’", "le ", "la ", "les "))
# "de" + the article, contracted: a preposition before a place's or organisation's name, never
# its own first word (rule contracted_article: "du Caire", "des Pays-Bas"); a person's "du
# Bellay" keeps it
CONTRACTED = frozenset(("du ", "des "))
# "de", "d'" in lower case before a place's or organisation's name: a preposition, never its
# own ("reviennent d'Espagne", "de Belgique"; rule place_preposition, hostile47 G12); a
# person's "d'Arvenne", "de Gaulle" keeps it
PREPOSITIONS = frozenset(("de ", "d'", "d’"))


def leading_particle(text: str) -> tuple[str, str] | None:
    """(particle, rest) of a mention that opens with a lower-case particle, preposition or
    elided article ("d'Agnès Varda", "de Gaulle", "l'Europe"), else None."""
    for elided in ELIDED:
        if text.startswith(elided) and text[len(elided) : len(elided) + 1].isupper():
            return elided, text[len(elided) :]
    first, _, rest = text.partition(" ")
    if rest[:1].isupper() and first in particles() | {"of", "le", "la", "les"}:
        return first + " ", rest
    return None


def drop_leading_prepositions(records: Sequence[Record]) -> None:
    """A mention loses the particle it opens with when the name after it has two words or
    more (a given name follows: a preposition, not a particle) or the document writes the
    name without the particle elsewhere; "d'Arvenne", written so throughout, keeps it. A
    lower-case article before a name that is not a person's is left out whatever the
    document writes (rule `place_article`: "l'Italie" → "Italie"), and so is a contracted one
    whatever it writes ("du Caire", rule `contracted_article`), and "de" or "d'" ("d'Espagne",
    rule `place_preposition`)."""
    texts = [r.text for r in records]
    place_article = active().on("place_article")
    contracted = active().on("contracted_article")
    preposition = active().on("place_preposition")
    for record in records:
        for e in record.entities:
            if e.field != "text":
                continue
            found = leading_particle(e.text)
            if found is None and place_article and e.label != "PERSON":
                found = capital_article(e.text)
                if found is not None and not an_article(texts, found[1], found[0]):
                    continue
            if found is None:
                continue
            particle, rest = found
            if (
                particle in ("Le ", "La ", "Les ")
                or (contracted and e.label != "PERSON" and particle in CONTRACTED)
                or (preposition and e.label != "PERSON" and particle in PREPOSITIONS)
                or len(rest.split()) >= 2
                or written_without(texts, rest, particle)
                or (place_article and e.label != "PERSON" and an_article(texts, rest, particle))
            ):
                e.start += len(particle)
                e.text = rest
    for record in records:  # the other way: a person's "d'" the document writes throughout
        for e in record.entities:
            glued = record.text[max(0, e.start - 2) : e.start]
            if (
                e.field == "text"
                and e.label == "PERSON"
                and " " not in e.text
                and glued in ELIDED[:2]
                and (e.start == 2 or not record.text[e.start - 3].isalnum())
                and not written_without(texts, e.text, glued)
            ):
                e.start -= 2
                e.text = glued + e.text


def drop_possessives(records: Sequence[Record]) -> None:
    """A mention read as no person's or place's that closes on a possessive "'s" ("X Y's new
    feature" ORG: `entities.before_possessive` cuts it for people and places only, as
    "McDonald's" keeps it) loses it when the document writes the name without it as a
    mention of its own, or the full name's last word (a surname: "Y said"); it takes their
    label when they agree (hostile49 E8: "X Y's" ORG beside "Y" PERSON)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for e in record.entities:
            if e.field == "text":
                seen[e.text].add(e.label)
    for record in records:
        for e in record.entities:
            if e.field != "text" or e.label in ("PERSON", "LOC"):
                continue
            end = before_possessive(e.text, 0, len(e.text))
            if end == len(e.text):
                continue
            rest = e.text[:end]
            words = rest.split()
            labels = seen.get(rest) or (seen.get(words[-1]) if len(words) >= 2 else None)
            if not labels:
                continue
            e.text, e.end = rest, e.start + end
            if len(labels) == 1:
                e.label = next(iter(labels))


def capital_article(text: str) -> tuple[str, str] | None:
    """(article, rest) of a mention that opens with a capitalised article ("Le Japon" at a
    sentence's start), else None: an article only where `an_article` says so."""
    first, _, rest = text.partition(" ")
    return (first + " ", rest) if first in ("Le", "La", "Les") and rest[:1].isupper() else None


def an_article(texts: Sequence[str], name: str, particle: str) -> bool:
    """Whether `particle` before `name` is an article, no part of it: written in lower case,
    or capitalised (a sentence's start) where the document writes it in lower case before the
    same name elsewhere ("L'Italie a coproduit …" beside "quitté l'Italie"; not "L'Oréal")."""
    if particle in ARTICLES:
        return True
    lower = particle.lower()
    if lower not in ARTICLES:
        return False
    forms = {lower, lower.replace("'", "’"), lower.replace("’", "'")}
    return any(
        text[max(0, start - len(lower)) : start] in forms
        for text in texts
        for start, _ in occurrences(text, name)
    )


def written_without(texts: Sequence[str], name: str, particle: str) -> bool:
    """Whether a text writes `name` somewhere not right after `particle` (any case, either
    apostrophe)."""
    forms = {
        particle.lower(),
        particle.lower().replace("'", "’"),
        particle.lower().replace("’", "'"),
    }
    for text in texts:
        for start, _ in occurrences(text, name):
            before = text[max(0, start - len(particle)) : start].lower()
            if before not in forms:
                return True
    return False


@cache
def work_cues(lang: str | None) -> frozenset[str]:
    """Role nouns for works of `lang` (`MISC` of `models/cues.json`): film, movie, novel..."""
    return frozenset(w.lower() for w in load_json("cues.json").get(lang or "", {}).get("MISC", []))


def quoted(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) stands alone between quotation marks or emphasis
    marks ('"Mask"', '« La Haine »', '*Rashomon*')."""
    before = text[:start].rstrip(" \u00a0")
    after = text[end:].lstrip(" \u00a0")
    return bool(before) and bool(after) and before[-1] in OPEN_QUOTES and after[0] in CLOSE_QUOTES


def emphasised_titles(record: Record) -> list[str]:
    """The texts a page's markup set in italics in the record (`meta.emphasis`: `<em>`, `<i>`,
    `<cite>`, `*X*`, `_X_`, which the reader strips from the text), capitalised and of a
    title's length: a work's title by the typographic convention (hostile45 E6: a page's
    `*X Y*` was no title evidence, the same line in a `.txt` was)."""
    spans = record.meta.get("emphasis") if isinstance(record.meta, dict) else None
    if not isinstance(spans, list):
        return []
    return [
        t for t in spans
        if isinstance(t, str) and t[:1].isupper() and len(t.split()) <= TITLE_WORDS
    ]  # fmt: skip


def relabel_work_titles(records: Sequence[Record]) -> None:
    """A string the document gives as a work's title somewhere (quoted, in italics, or after
    "film", "the movie"...) is not a person at any of its mentions in the document."""
    titles: set[str] = set()
    if active().on("dated_titles"):  # a title's words the model read as a person's, too
        for i, spans in dated_titles(records).items():
            text = records[i].text
            titles.update(text[start:end] for start, end in spans)
            for e in records[i].entities:
                if e.field == "text" and any(s <= e.start and e.end <= t for s, t in spans):
                    titles.add(e.text)
    for record in records:
        titles.update(written_titles(record.text, record.lang))
        titles.update(emphasised_titles(record))
        for e in record.entities:
            if e.field != "text":
                continue
            if (
                quoted(record.text, e.start, e.end)
                or cue_before(record.text, e.start, record.lang) == "MISC"
            ):
                titles.add(e.text)
    if not titles:
        return
    for record in records:
        for e in record.entities:
            if e.field == "text" and e.label == "PERSON" and e.text in titles:
                e.label = "MISC"


# a filmography's line opening: a year, then a separator or a column's blanks ("1998 – ",
# "2004. ", "2007<TAB>"); possessive, tried only where a run of blanks or figures starts:
# linear under any scan
YEAR_LEAD = re.compile(
    r"(?<![ \t\d])[ \t]*+(?:1[89]|20)\d\d(?:[ \t]*+[–—.:|-][ \t]*+|[ \t]++)(?=[^\W\d_])"
)
DATED_LINES = 2  # a filmography is a list: one dated line alone may be a chronology's


def dated_titles(records: Sequence[Record]) -> dict[int, list[tuple[int, int]]]:
    """Where a document's filmography writes its titles (h49 E13), by record (its index in
    `records`): a line that opens with a year and a separator, then words, then a bracket
    closing the line that opens on a lower-case word, the work's kind ("1998 – X (court
    métrage)", "2007<TAB>X Y (doc.)", "2004. Les X (coréal. avec Z W)"), in a document of
    `DATED_LINES` such lines or more. Each line is read once: linear."""
    found: dict[int, list[tuple[int, int]]] = defaultdict(list)
    lines = 0
    for i, record in enumerate(records):
        at = 0
        for line in record.text.split("\n"):
            span = dated_title(line)
            if span is not None:
                found[i].append((at + span[0], at + span[1]))
                lines += 1
            at += len(line) + 1
    return found if lines >= DATED_LINES else {}


def dated_title(line: str) -> tuple[int, int] | None:
    """Where a filmography's line (`dated_titles`) writes its title, or None."""
    lead = YEAR_LEAD.match(line)
    if lead is None:
        return None
    rest = line[lead.end() :].rstrip()
    title, bracket, tail = rest.partition("(")
    if not bracket or not tail[:1].islower() or not tail.endswith(")") or "(" in tail:
        return None  # "2004 : X rejoint Arte.", "1971 – X (Quimper)": a chronology's
    title = title.rstrip()
    words = title.split()
    if not 0 < len(words) <= TITLE_WORDS or any(c.isdigit() for c in title):
        return None
    if (
        len(words) > 1
        and all(w[:1].isupper() for w in words)
        and (words[0].lower() not in function_words())
    ):
        return None  # "2010 – X Y (meilleure actrice)": a prize list's person, by its shape
    return lead.end(), lead.end() + len(title)


WORD = re.compile(r"[^\s«»“”\"*_()]++")
QUOTED = re.compile(r"[«“\"*_]\s*+([^\s«»“”\"*_][^\n«»“”\"*_]{0,80}?)\s*[»”\"*_]")
# 'X' and ‘X’: a quote no letter touches outside (not the elision of "l'Italie", "d'Agnès")
SINGLE_QUOTED = re.compile(r"(?<!\w)['‘]([^\s'‘’][^\n'‘’]{0,80}?)['’](?!\w)")
TITLE_WORDS = 6  # a title written after a cue or between quotes: this many words at most


def written_titles(text: str, lang: str | None) -> set[str]:
    """The strings `text` gives as a work's title, whether the model tagged them there or not:
    between quotation marks or emphasis marks ("« X »", "*X*"), or a run of capitalised words
    right after a role noun for works ("le film X", "the documentary X Y"). Linear: one scan
    for each shape, a cue's title read up to `TITLE_WORDS` words."""
    out: set[str] = set()
    for match in (*QUOTED.finditer(text), *SINGLE_QUOTED.finditer(text)):
        title = match[1].strip()
        if title[:1].isupper() and len(title.split()) <= TITLE_WORDS:
            out.add(title)
    cues = work_cues(lang)
    if not cues:
        return out
    words = list(WORD.finditer(text))
    for i, match in enumerate(words[:-1]):
        cue = match[0].lower()
        if cue not in cues and cue.split("'")[-1].split("’")[-1] not in cues:
            continue
        run: list[str] = []
        for following in words[i + 1 : i + 1 + TITLE_WORDS]:
            name = following[0].rstrip(".,;:!?")
            if not name[:1].isupper():
                break
            run.append(name)
            if name != following[0]:
                break
        if run:
            out.add(" ".join(run))
    return out


def in_capitals_title(record: Record, entity: Entity) -> bool:
    """Whether `entity` is the whole of its record's title line, written in capitals: a work's
    title (`capitals_titles`), which outranks a model's reading of its translation."""
    text = record.text
    if record.meta.get("kind") != "title" or entity.field != "text":
        return False
    cased = [c for c in text if c.lower() != c.upper()]
    whole = entity.start == len(text) - len(text.lstrip()) and entity.end == len(text.rstrip())
    return whole and bool(cased) and all(c.isupper() for c in cased)


def article_title(record: Record, entity: Entity) -> bool:
    """Whether `entity` is the whole of its record's title line (a document's first heading:
    a Markdown `# X`, a page's `<h1>`) and opens on an article or another function word
    ("La Galerne", "The Quiet Year", "L'Odyssée"): a work's title, as no person's name opens
    so but on a particle ("de Gaulle", "van Gogh"), whatever a model read it as (hostile47
    G26: an English press kit's `# La Galerne` was a person in 25 of 25)."""
    text = record.text
    if record.meta.get("kind") != "title" or entity.field != "text":
        return False
    if entity.start != len(text) - len(text.lstrip()) or entity.end != len(text.rstrip()):
        return False
    words = entity.text.split()
    first = words[0].lower() if words else ""
    if first[:2] in ("l'", "l’") and first[2:3].isalpha():  # "L'Odyssée": an elided article
        return True
    return len(words) >= 2 and first in function_words()


def article_titles(records: Sequence[Record]) -> None:
    """A title line one mention covers, opening on an article, read as a person: a work's
    title, MISC (`article_title`, rule `article_title`)."""
    for record in records:
        if record.meta.get("kind") != "title":
            continue
        for e in record.entities:
            if e.label == "PERSON" and article_title(record, e):
                e.label = "MISC"


def capitals_titles(records: Sequence[Record]) -> None:
    """A document's title line written in capitals ("LA TRAVERSÉE", "NORTHERN LIGHTS") is one
    work's title: the model, reading no case there, cut it into pieces ("TRAVERSÉE" MISC,
    "NORTHERN" MISC and "LIGHTS" ORG: hostile45 E29, index rows that are no names). When its
    mentions and the function words around them are the whole line (several mentions, or one
    and an article), they become one MISC mention of the line. A line that one mention covers
    ("AGNÈS VARDA") or that holds other words ("X VISITS Y") is left as read."""
    small = function_words() | particles()
    for record in records:
        if record.meta.get("kind") != "title":
            continue
        text = record.text
        cased = [c for c in text if c.lower() != c.upper()]
        inside = sorted((e for e in record.entities if e.field == "text"), key=lambda e: e.start)
        if not cased or not all(c.isupper() for c in cased) or not inside:
            continue
        rest = []
        for word in re.finditer(r"\S+", text):
            if not any(e.start < word.end() and word.start() < e.end for e in inside):
                rest.append(word[0].strip(".,:;!?«»\"'’").lower())
        if not (len(inside) > 1 or rest) or not all(w in small or not w for w in rest):
            continue
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        others = [e for e in record.entities if e.field != "text"]
        record.entities = [Entity(text[start:end], "MISC", start, end), *others]


def split_titles(records: Sequence[Record]) -> None:
    """A document's title line in mixed case that two or more mentions, none a person's or a
    place's, and the function words between them cover whole ("Salt and Iron" read "Salt"
    ORG and "Iron" ORG: h49 E12, two index rows that are no names) is one work's title: one
    MISC mention of the line, as `capitals_titles` makes of a line in capitals. A line of
    people or places ("X Y et Z W", "Paris and Rome") is left as read."""
    small = function_words() | particles()
    for record in records:
        if record.meta.get("kind") != "title":
            continue
        text = record.text
        inside = sorted((e for e in record.entities if e.field == "text"), key=lambda e: e.start)
        if len(inside) < 2 or any(e.label in ("PERSON", "LOC") for e in inside):
            continue
        rest = [
            word[0].strip(".,:;!?«»\"'’&").lower()
            for word in re.finditer(r"\S+", text)
            if not any(e.start < word.end() and word.start() < e.end for e in inside)
        ]
        if not all(w in small or not w for w in rest):
            continue
        start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        others = [e for e in record.entities if e.field != "text"]
        record.entities = [Entity(text[start:end], "MISC", start, end), *others]


# what follows an organisation's head word it names ("Films d'X Y", "Université de X",
# "University of X"): a linking word, then capitalised words (particles between them)
HEAD_COMPLEMENT = re.compile(  # possessive blanks, a run's first only: linear on any run
    r"(?<![ \u00a0])[ \u00a0]++(?:of|de|du|des|d['’])[ \u00a0]*+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]*+)(?:[ \u00a0]++(?:(?:de|du|des|la|le|of|the)[ \u00a0]++|d['’])?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]*+){0,5})"
)


def join_company_heads(records: Sequence[Record]) -> None:
    """A mention that is an organisation's head word alone ("Films", "Studios", "Université",
    `heads` of `models/cues.json`) before the name it heads ("des Films d'X Y", "l'Université
    de X") is that whole name, an organisation: the model cut it at the particle and read the
    rest apart ("Films" ORG, an index row that is no name, and "X Y" PERSON: hostile45 E29)."""
    for record in records:
        table = heads(record.lang or "en") | heads("en")
        text = record.text
        for e in [e for e in record.entities if e.field == "text"]:
            if " " in e.text or table.get(e.text) != "ORG":
                continue
            complement = HEAD_COMPLEMENT.match(text, e.end)
            if complement is None:
                continue
            end = complement.end()
            if text[end : end + 1] in ("'", "’"):  # "… de X's": the possessive is no name
                continue
            record.entities = [
                other for other in record.entities
                if other is e or other.field != "text" or not (e.start <= other.start < end)
            ]  # fmt: skip
            e.text, e.end, e.label = text[e.start : end], end, "ORG"


def relabel_cued(records: Sequence[Record]) -> None:
    """A name a role noun types somewhere in the document ("la société X" → ORG), every such
    noun agreeing, has that label at its other mentions in the document that no role noun
    types: the noun is the document's word on what the name is, the model's reading of the
    bare mention only a guess ("Ciné X annonce" read as a person)."""
    cued: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for e in record.entities:
            if e.field == "text" and (cue := cue_before(record.text, e.start, record.lang)):
                cued[e.text].add(cue)
    if not cued:
        return
    for record in records:
        for e in record.entities:
            labels = cued.get(e.text) if e.field == "text" else None
            if (
                labels
                and len(labels) == 1
                and e.label not in labels
                and cue_before(record.text, e.start, record.lang) is None
            ):
                e.label = next(iter(labels))


def relabel_titled(records: Sequence[Record]) -> None:
    """A mention that opens with a person's title or role noun ("Sœur X", "Frère X", "l'abbé
    X", "Sister X"; `person_words`) and whose rest is a person of its document (the bare X
    read as a person there) is that person: PERSON, whatever the model read the titled form
    as ("Sœur Aurore" MISC beside "Aurore" PERSON). The title stays in the span, as the model
    drew it; linking reads the name without it (`readings.untitled`, rule `bare_names`)."""
    people = {
        e.text
        for record in records
        for e in record.entities
        if e.field == "text" and e.label == "PERSON"
    }
    if not people:
        return
    for record in records:
        titles = person_words(record.lang)
        for e in record.entities:
            if e.field != "text" or e.label == "PERSON":
                continue
            first, _, rest = e.text.partition(" ")
            if rest in people and (first in titles or first.lower() in titles):
                e.label = "PERSON"


@cache
def speech_verbs(lang: str | None) -> frozenset[str]:
    """`speech` of `models/cues.json` for `lang`: verbs that introduce what someone says."""
    return frozenset(load_json("cues.json").get("speech", {}).get(lang or "", []))


@cache
def life_events(lang: str | None) -> re.Pattern[str] | None:
    """`life` of `models/cues.json` for `lang` as one pattern matched right after a name:
    what only a person does ("was born", "died", "naquit"), its words apart by any blanks."""
    phrases = sorted(load_json("cues.json").get("life", {}).get(lang or "", []), key=len)
    if not phrases:
        return None
    words = [r"\s++".join(map(re.escape, p.split())) for p in reversed(phrases)]
    return re.compile(r"\s++(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def lives(text: str, end: int, lang: str | None) -> bool:
    """Whether the name ending at `end` is the subject of a life event written right after
    it ("Kroto was educated at", "X naquit à"): companies are founded, not born."""
    pattern = life_events(lang)
    return pattern is not None and pattern.match(text, end) is not None


# addressed: "X !", "mon X,", "« X, viens »"; not "Paris, where" (an apposition)
ADDRESS_BEFORE = re.compile(r"(?:[«“\"—–]\s*|\b(?:mon|ma|ô|oh|my|dear|cher|chère)\s+)\Z", re.I)
ADDRESS_AFTER = re.compile(r"\A\s*[,!?]")
INCISE_CHARS = 200  # "…, dit X": the incise is the end of what comes before the name
# the speech verb follows a quotation: a mark, one word, blanks, the end (possessive, and the
# word holds no mark, so each start fails at once: linear on any run)
INCISE = re.compile(r"[,!?»”\"—–]\s*+[^\s,!?»”\"—–]++\s++\Z")


def person_signs(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) takes a title ("M. X", "le duc de X"), is addressed
    ("X !", "mon X,", "— X, viens", and with rule `quoted_address` "\"Good evening, X,\"") or
    speaks ("dit X", "X said")."""
    before = text[max(0, start - 40) : start]
    words = before.split()
    if words and words[-1] in ELIDED:  # "M. d'X"
        words[-1:] = ["d'"]
    titles = honorifics(lang) | person_words(lang)
    last = words[-1] if words and not row_gap_before(text, start) else ""
    if last in titles or last.lower() in titles:
        return True
    honorific = honorifics(lang)  # "madame de X"; not "le président de X" (an office)
    if (
        len(words) >= 2
        and last.lower() in {"de", "d'"}
        and (words[-2] in honorific or words[-2].lower() in honorific)
    ):
        return True
    if last.lower() in speech_verbs(lang) and INCISE.search(before[-INCISE_CHARS:]):
        return True  # "…, dit X", "…” said X": organisations say things too, but not inverted
    if speaks(text, start, end, lang):
        return True
    if active().on("speech_incise") and speech_incise(text, start, end):
        return True
    if active().on("compound_incise") and compound_incise(text, start, end, lang):
        return True
    if active().on("life_events") and lives(text, end, lang):
        return True
    window = before if start <= 40 else "\x00" + before  # \A: the text's start only
    if EXCLAIMED_BEFORE.search(window) and EXCLAIMED_AFTER.match(text[end : end + 5]):
        return True
    if (
        active().on("quoted_address")
        and AFTER_COMMA.search(before)
        and CLOSES_QUOTE.match(text, end, end + 8)
    ):
        return True  # "\"Good evening, X,\" said Y": the address closes what is said
    return bool(ADDRESS_BEFORE.search(before)) and bool(ADDRESS_AFTER.match(text[end : end + 20]))


# called out: the name closes an exclamation it opens, after at most one word ("Grand X !",
# "— X !", ", bon X !")
EXCLAIMED_BEFORE = re.compile(r"(?:\A|[.!?…«“\"—–,:;]\s*)(?:[^\W\d_]+\s+)?\Z")
EXCLAIMED_AFTER = re.compile(r"(?<!\s)\s*+!")  # from a run's start only: linear


# addressed at the end of what is said: a comma before, the quotation closed right after (at
# most one mark between: "…, X,\"", "…, X!»"); a run's start only: linear
AFTER_COMMA = re.compile(r",\s*+\Z")
CLOSES_QUOTE = re.compile(r"[,.!?…]?\s*+[»”\"]")


# the speech verb after its subject opens direct speech: a colon or a quotation follows within
# a few words ("X dit enfin :", "X répondit : « … »"); "Microsoft said that…" is reported
# speech, what organisations do in the news
OPENS_SPEECH = re.compile(r"\A(?:\s+[^\s:«“\"—–]+){0,3}?\s*[:«“\"—–]")
QUOTE_BEFORE = re.compile(r"[»”\"]\s*+,?\s*\Z")  # "« … » X répondit", "\"…\" X said"
VERB_AFTER = re.compile(r"(?<!\s)\s++([^\W\d_][\w'’-]*+)")  # from a run's start only


def speaks(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) is the subject of a speech verb that opens or
    closes direct speech ("Étienne dit enfin :", "« … » X répondit", "\"…\" X said")."""
    verb = VERB_AFTER.match(text, end)
    if verb is None or verb[1].lower() not in speech_verbs(lang):
        return False
    after = text[verb.end() : verb.end() + 60]
    return bool(OPENS_SPEECH.match(after)) or bool(
        QUOTE_BEFORE.search(text[max(0, start - 5) : start])
    )


# an incise after a quotation, its verb whatever it is: a quotation closed (on a comma, a
# question or exclamation mark at times), or a dialogue line's mark ("— Tu viens ? objecta
# X"), then one word, then the name ("», trancha X", "?\" snapped X"); possessive, the word
# holds no mark: linear on any run
INCISE_AFTER_QUOTE = re.compile(
    r"(?:[,!?…]?+(?:»|(?<=\S)[”\"]),?+|[,!?…])\s++([^\W\d_][\w'’-]*+)\s++\Z"
)
# the name's verb after it, ending the clause ("\"It's late,\" X drawled."); from a run's
# start only (the lookbehinds here): linear on a run of blanks
VERB_ENDS_CLAUSE = re.compile(r"(?<!\s)\s++([^\W\d_][\w'’-]*+)\s*+(?:[.!?…,;]|\Z)")
CLOSED_QUOTE = re.compile(r"(?<=\S)[»”\"]\s*+,?\s*+\Z|»\s*+,?\s*+\Z")  # not an opening one
DIALOGUE_LINE = re.compile(r"(?<![ \t])[ \t]*+[—–―-]\s")  # a line opened by a dialogue dash
SPEECH_CHARS = 300  # a line of dialogue looked back on, at most
INCISE_END = ".,;!?…"


# the same incise in a compound tense: an auxiliary then the participle before the name ("»,
# a déclaré X", "”, ha declarado X"); possessive, the words hold no mark: linear on any run
COMPOUND_AFTER_QUOTE = re.compile(
    r"(?:[,!?…]?+(?:»|(?<=\S)[”\"]),?+|[,!?…])\s++([^\W\d_][\w'’-]*+)\s++([^\W\d_][\w'’-]*+)\s++\Z"
)
# the name's auxiliary and participle after it, ending the clause ("\"…,\" X has said.")
COMPOUND_ENDS_CLAUSE = re.compile(  # and one lower-case object: "X has told reporters."
    r"(?<!\s)\s++([^\W\d_][\w'’-]*+)\s++([^\W\d_][\w'’-]*+)"
    r"(?:\s++[^\W\d_A-Z][\w'’-]*+)?+\s*+(?:[.!?…,;]|\Z)"
)
# one lower-case word after the name, then the clause ends ("a déclaré X lundi.")
ONE_WORD_THEN_END = re.compile(r"(?<!\s)\s++[^\W\d_A-Z][\w'’-]*+\s*+(?:[.!?…,;]|\Z)")


@cache
def auxiliaries(lang: str | None) -> frozenset[str]:
    """`auxiliaries` of `models/cues.json` for `lang` (every language's when it is unknown):
    a compound tense's auxiliary ("a", "has", "ha", "tem"), a closed class."""
    table = load_json("cues.json").get("auxiliaries", {})
    if lang in table:
        return frozenset(table[lang])
    return frozenset(w for k, v in table.items() if not k.startswith("_") for w in v)


def compound_incise(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) is the subject of an incise in a compound tense
    after a quotation, whatever its participle (issue 31 item 6): "« … », a déclaré X.",
    "« … », a déclaré X lundi.", "”, ha declarado X" (the name ends the clause, or one
    lower-case word after it does); "\"…,\" X has said." (the auxiliary and the participle
    after the name end it). A span holding lower-case words is no name ("X lundi"). Bounded
    windows: linear."""
    small = particles()
    if not all(w[:1].isupper() or w in small for w in text[start:end].split()):
        return False
    low = max(0, start - SPEECH_CHARS)
    line = max(text.rfind("\n", low, start) + 1, low)
    aux = auxiliaries(lang)
    ends = (
        end == len(text)
        or text[end] in INCISE_END
        or text[end] == "\n"
        or ONE_WORD_THEN_END.match(text, end, min(len(text), end + 30)) is not None
    )
    if ends:
        incise = COMPOUND_AFTER_QUOTE.search(text, max(line, start - 80), start)
        if (
            incise is not None
            and incise[1].lower() in aux
            and verb_like(incise[2])
            and any(q in incise[0] for q in '»”"')
        ):
            return True
    if CLOSED_QUOTE.search(text, max(line, start - 6), start) is None:
        return False
    verb = COMPOUND_ENDS_CLAUSE.match(text, end, min(len(text), end + 50))
    return verb is not None and verb[1].lower() in aux and verb_like(verb[2])


def speech_incise(text: str, start: int, end: int) -> bool:
    """Whether the mention at [start, end) is the subject of an incise that introduces quoted
    speech, by the grammar of dialogue, whatever its verb (rule `speech_incise`, hostile47
    G21: "objecta", "trancha", "snapped" are in no list): right after a quotation closes, a
    word that may be a verb (`verb_like`) and the name ending the clause ("« Pas ce soir
    », trancha X.", "\"Are you coming?\" snapped X."), after a dialogue line's question or
    exclamation ("— Tu viens ? objecta X."; not its comma: "— Oui, comme X."); or the name
    right after a closing quotation, then one such word ending the clause ("\"It's late,\" X
    drawled."). A span holding lower-case words is no name. Bounded windows: linear."""
    small = particles()
    if not all(w[:1].isupper() or w in small for w in text[start:end].split()):
        return False  # "Eugénie rêva d'amour": a span over more than a name
    low = max(0, start - SPEECH_CHARS)
    line = max(text.rfind("\n", low, start) + 1, low)
    before = text[max(line, start - 60) : start]
    if end == len(text) or text[end] in INCISE_END or text[end] == "\n":
        incise = INCISE_AFTER_QUOTE.search(before)
        if (
            incise is not None
            and verb_like(incise[1])
            and (
                any(q in incise[0] for q in '»”"')
                or (incise[0][0] in "?!…" and DIALOGUE_LINE.match(text, line, start) is not None)
            )
        ):
            return True  # "», trancha X.", "— Tu viens ? objecta X."
    if CLOSED_QUOTE.search(text, max(line, start - 6), start) is None:
        return False
    verb = VERB_ENDS_CLAUSE.match(text, end, min(len(text), end + 40))
    return verb is not None and verb_like(verb[1])


def verb_like(word: str) -> bool:
    """A word an incise's verb may be: lower case, three letters or more, no function word nor
    particle ("à Canteleu", "des Perses", "de tabis" are no incise)."""
    return (
        word[:1].islower()
        and len(word) >= 3
        and word.lower() not in function_words()
        and word.lower() not in particles()
    )


def person_candidate(entity: Entity) -> bool:
    """Whether evidence may make the mention a person: not a full name the model reads as a
    person already, nor one it reads as an organisation ("British Airways said", "Merrill
    Lynch Capital Markets": the model is right on full organisation names, msnbc and
    reuters128 lost label accuracy to "said X"), nor a name that opens with "The" (a work
    or a company: "The View", "The Associated Press")."""
    if " " in entity.text and entity.label in ("PERSON", "ORG"):
        return False
    return not entity.text.lower().startswith("the ")


def quoted_speaker(record: Record, e: Entity) -> bool:
    """Whether a full name the model read as an organisation is the subject of an incise
    after a quotation (rule `incise_full_name`, hostile49 E18: "\"…,\" X Y has said.",
    "\"…,\" X Y has told reporters."): written as a person's name is (each word a capital
    then lower-case letters, or a particle; no organisation head: "Merrill Lynch Capital
    Markets"), speaking in a compound tense ("\"…,\" Merrill Lynch said." stays: the news
    quotes companies so, msnbc and reuters128 lost label accuracy to it)."""
    if not (" " in e.text and e.label == "ORG" and active().on("incise_full_name")):
        return False
    small, org = particles(), heads(record.lang or "en")
    for word in e.text.split():
        if word in small:
            continue
        if org.get(word) == "ORG" or not all(
            p[:1].isupper() and p[1:].islower() and p.isalpha() for p in word.split("-")
        ):
            return False
    return compound_incise(record.text, e.start, e.end, record.lang)


def relabel_people(records: Sequence[Record]) -> None:
    """A name of the document with more signs of a person (titles, address, speech) than
    mentions labelled otherwise (with rule `signs_against`, only those after an article, a
    preposition or a conjunction: a subject opening a sentence is no place's sign) is a
    person at its mentions in the document that no role noun labels otherwise."""
    signs: Counter[str] = Counter()
    cued: dict[tuple[str, int], bool] = {}
    by_name: dict[str, list[tuple[Record, Entity]]] = defaultdict(list)
    for record in records:
        for e in record.entities:
            if e.field != "text" or not (person_candidate(e) or quoted_speaker(record, e)):
                continue
            by_name[e.text].append((record, e))
            cue = cue_before(record.text, e.start, record.lang)
            cued[record.id, e.start] = cue is not None and cue != "PERSON"
            signs[e.text] += person_signs(record.text, e.start, e.end, record.lang)
    against_only = active().on("signs_against")
    for name, mentions in by_name.items():
        if not signs[name]:
            continue
        labels = Counter(e.label for _, e in mentions)
        others = len(mentions) - labels["PERSON"]
        if against_only:  # "Sydney shrugged." says nothing of a place; "to Sydney" does
            others = sum(
                e.label != "PERSON" and after_function_word(record.text, e.start)
                for record, e in mentions
            )
        if signs[name] * 2 < others and signs[name] < 2:
            continue
        for record, e in mentions:
            if not cued[record.id, e.start]:
                e.label = "PERSON"


def after_function_word(text: str, start: int) -> bool:
    """Whether the word right before `start` is an article, a preposition or a conjunction
    ("to X", "in X", "the X"): where a place's or a thing's name stands, a person's rarely."""
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].lower() in function_words()


# what joins two items of one list: a comma, a coordinator, or both ("X, Y, and Z", "X ou Y").
# Possessive, and never starting inside a run of blanks, so that a long blank gap costs one pass.
_LINKS = "|".join(map(re.escape, sorted(COORDINATORS | {"or", "ou", "oder", "o"})))
LIST_JOIN = re.compile(
    rf"(?<!\s)(?:\s*+,\s*+(?:(?:{_LINKS})\s++)?|\s++(?:{_LINKS})\s++)", re.IGNORECASE
)


def coordinated_lists(record: Record) -> list[list[Entity]]:
    """The mentions of the record's text that stand in one list, joined by nothing but commas
    and coordinators ("Justin, Stefani, and Kate"), each list of three or more."""
    mentions = sorted((e for e in record.entities if e.field == "text"), key=lambda e: e.start)
    lists: list[list[Entity]] = []
    current: list[Entity] = []
    for e in mentions:
        if current and LIST_JOIN.fullmatch(record.text[current[-1].end : e.start]):
            current.append(e)
            continue
        if len(current) >= 3:
            lists.append(current)
        current = [e]
    if len(current) >= 3:
        lists.append(current)
    return lists


def relabel_coordinated(records: Sequence[Record]) -> None:
    """The items of a list of names are of one kind: in a list of three or more, a mention
    whose label differs from the one most of the list carries (more than half of it) takes
    that label, unless a role noun before it types it ("the band X"). Two items that
    disagree are left alone: nothing says which one the model misread."""
    for record in records:
        for items in coordinated_lists(record):
            votes = Counter(e.label for e in items)
            label = most_voted(votes)
            if votes[label] * 2 <= len(items):
                continue
            for e in items:
                if e.label != label and cue_before(record.text, e.start, record.lang) is None:
                    e.label = label


# what only an organisation does with a name (`person_across`): a figure of business in the
# clause the name opens (a percentage, a sum of money, a count of what it runs: "X a annoncé
# une hausse de 9 %", "X operates 84 cinemas"; not a year, a duration or an age, what a life
# is counted in: "X served 27 years"), a business noun there or before it ("X's revenue",
# "les ventes de X"), its officers ("X's chief executive"), someone working at it ("at X").
# Words of each language's business, none from any data set.
CLAUSE_CHARS = 90  # the clause after the name, at most this far
CLAUSE_END = re.compile(r"[.!?;:\n]")
AMOUNT = re.compile(
    r"\d\s*(?:%|percent\b|per cent\b|pour cent\b|pourcent\b)"
    r"|[$€£¥]\s*\d|\d\s*(?:[$€£¥]|dollars?\b|euros?\b|pounds?\b|yen\b)"
    r"|\d\s*(?:million|billion|milliard|mln|bln)",
    re.IGNORECASE,
)
DURATIONS = r"(?:years?|months?|weeks?|days?|hours?|ans|années?|mois|semaines?|jours?|heures?)\b"
COUNT = re.compile(  # a number of things, not a year ("1898", "2023") nor a duration
    r"(?<![\d,.])(?!1\d{3}\b|20\d\d\b)\d{1,3}(?:[ ,.]\d{3})*\s+(?!" + DURATIONS + r")[^\W\d_]{3,}",
    re.IGNORECASE,
)
BUSINESS = (  # (language, its words): read-only
    ("en", (
        "revenue", "revenues", "sales", "profit", "profits", "earnings", "shares", "stock",
        "shareholders", "subsidiary", "subsidiaries", "stores", "plants", "factories",
        "employees", "customers", "dividend", "net loss", "net income", "operating loss",
        "stock exchange", "stock market", "publicly traded", "listed on", "screens",
        "cinemas", "theatres", "theaters", "box office",
    )),
    ("fr", (
        "chiffre d'affaires", "chiffre d’affaires", "bénéfice", "bénéfices", "ventes",
        "actions", "actionnaires", "filiale", "filiales", "magasins", "usines", "salariés",
        "employés", "clients", "dividende", "perte nette", "pertes", "résultat net",
        "déficit", "en Bourse", "à la Bourse", "cotée", "cotées", "salles", "écrans",
        "cinémas", "entrées",
    )),
)  # fmt: skip
OFFICERS = ("chief executive", "chairman", "board", "spokesman", "spokeswoman", "ceo")
# an organisation's officers and bodies before "of/de X" ("the board of X", "le PDG de X")
OFFICERS_BEFORE = re.compile(
    r"\b(?:chief executive|chairman|chairwoman|board(?: of directors)?|ceo|shareholders"
    r"|pdg|p\.-d\.g\.|président-directeur général|directeur général|directrice générale"
    r"|conseil d['’]administration|actionnaires)\s*\Z",
    re.IGNORECASE,
)
# a count written in words, ten or more (what a company counts its staff, stores or films in;
# a person's family is counted in smaller ones): the cardinals of each language's grammar
SPELLED = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "dozens",
    "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
    "dix-neuf", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante-dix",
    "quatre-vingt", "quatre-vingts", "quatre-vingt-dix", "cent", "cents", "centaines", "mille",
    "milliers", "dizaines",
)  # fmt: skip
SPELLED_COUNT = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, SPELLED)) + r")(?![\w-])"
    r"(?:[ -](?:[^\W\d_]+))??\s+(?:de\s+|d['’])?(?!" + DURATIONS + r")[^\W\d_]{3,}",
    re.IGNORECASE,
)
# a result a company posts: a business verb of its accounts with its object ("post a loss",
# "reported a profit", "a enregistré une perte"), whatever words stand between them
RESULTS = re.compile(
    r"\b(?:post|posts|posted|posting|report|reports|reported|book|booked|swung|swing)\s+"
    r"(?:(?:a|an|its|their|to|another)\s+)?(?:[^\W\d_]+\s+){0,2}?"
    r"(?:loss|losses|profit|profits|deficit|surplus)\b"
    r"|\b(?:enregistr|annonc|publi|accus|affich)\w*\s+(?:(?:une|un|des|ses|sa|son|de)\s+)?"
    r"(?:[^\W\d_]+\s+){0,2}?(?:perte|pertes|bénéfice|bénéfices|déficit|excédent)\b",
    re.IGNORECASE,
)
# ", the film's distributor," / ", le distributeur du film,": an apposition right after the name
APPOSITION_AFTER = re.compile(
    r"\A\s*,\s*((?:the|an?|le|la|l['’]|les|un|une)\b[^,;:.!?\n]{1,50})[,;:.]"
)
WORD = re.compile(r"[^\W\d_]+")
OWNED = re.compile(r"\A['’]s?\s+(\w+(?:\s\w+)?)")  # "X's chief executive"
OF_BEFORE = re.compile(  # "les ventes de X"; a holding "in" it: "shares in X", "stake in X"
    r"\b(?:de|du|des|of|d['’]|(?<=shares )in|(?<=stake )in|(?<=stock )in)\s*\Z", re.IGNORECASE
)
EMPLOYER_BEFORE = frozenset({"at"})  # "she worked at X" ("chez X" is a person's home as often)


@cache
def business_words(lang: str) -> re.Pattern[str] | None:
    words = dict(BUSINESS).get(lang)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def business_signs(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) is what a business noun speaks of: one in the
    clause it opens ("X a annoncé une hausse de son chiffre d'affaires", "X reported a rise in
    revenue"), one before it ("les ventes de X"), or its officers after a possessive ("X's
    chief executive"). Stricter than `organisation_signs` (no bare count: "X a tourné 3
    films"): evidence for a label, not only against a link."""
    after = text[end : end + CLAUSE_CHARS]
    cut = CLAUSE_END.search(after)
    clause = after[: cut.start()] if cut else after
    business = business_words(lang or "en")
    ahead = text[max(0, start - 30) : start]
    if business is not None and (
        business.search(clause) or (OF_BEFORE.search(ahead) and business.search(ahead))
    ):
        return True
    owned = OWNED.match(after)
    return owned is not None and any(owned.group(1).lower().startswith(w) for w in OFFICERS)


def relabel_companies(records: Sequence[Record]) -> None:
    """A one-word name the model read as a person, that the document's business nouns speak of
    at one of its mentions at least (`business_signs`), that shows a person at none
    (`person_signs`), is read as nothing else anywhere in the document and is no word of a
    longer name there ("Paul Allen … Allen's shares"), is an organisation at every mention in
    the document: a company named after its founder ("Delvaux a annoncé une hausse de son
    chiffre d'affaires", hostile45 E8). A place's or nationality's business ("Miami's
    nightlife … sales") is left as read. With rule `business_any_reading` (hostile49 E10), a
    name read as a work or a place too, but a place only where no mention of it stands after
    a preposition of place ("in X", "à X": `after_preposition`), and the mention carried
    into the translation with it (a name the source model missed, lifted from the
    translation's reading: run again once the translation is read)."""
    any_reading = active().on("business_any_reading")
    readings = READ_AS_COMPANY if any_reading else {"PERSON"}
    business: set[str] = set()
    people: set[str] = set()
    for record in records:
        for e in record.entities:
            if e.field != "text":
                continue
            if " " in e.text:  # a longer name's words: a bare one may be its person's surname
                people.update(e.text.split())
                continue
            signed = business_signs(record.text, e.start, e.end, record.lang)
            if e.label == "ORG" and any_reading:  # an organisation here: none against
                if signed:
                    business.add(e.text)
                continue
            if (
                e.label not in readings
                or person_signs(record.text, e.start, e.end, record.lang)
                or (e.label != "PERSON" and not company_subject(record, e, signed))
            ):
                people.add(e.text)  # a place's sales, a nationality's shares: not its founder's
            elif signed:
                business.add(e.text)
    companies = business - people
    if not companies:
        return
    for record in records:
        relabelled = set()
        for e in record.entities:
            if e.field == "text" and e.text in companies:
                e.label = "ORG"  # (all read so: anything else is in `people`)
                relabelled.add(e.mention)
        for e in record.entities:
            if e.field == "translation" and e.mention is not None and e.mention in relabelled:
                e.label = "ORG"


READ_AS_COMPANY = frozenset({"PERSON", "MISC", "LOC"})  # `business_any_reading`


def company_subject(record: Record, e: Entity, signed: bool) -> bool:
    """Whether a mention read as a work or a place stands where a company does in business
    wording (`business_any_reading`): a name written as one (a capital, then lower-case
    letters: no acronym, "B&SR"), opening its sentence ("X exploite 46 salles") or right
    after a business noun and "of"/"in" ("shares in X", "les actionnaires de X"); not inside
    a sentence otherwise ("his career in Marketing, Sales", "the Belgian equity market",
    "les usines de la région de X"), nor before a possessive that no officer follows
    ("Miami's nightlife … sales")."""
    word = e.text
    if not (len(word) > 1 and word.isalpha() and word[0].isupper() and word[1:].islower()):
        return False
    owned = OWNED.match(record.text[e.end : e.end + 40])
    if owned and not any(owned.group(1).lower().startswith(w) for w in OFFICERS):
        return False  # "Miami's nightlife … sales": a place's business, not a company's
    ahead = record.text[max(0, e.start - 30) : e.start]
    business = business_words(record.lang or "en")
    of = OF_BEFORE.search(ahead)
    head = ahead[: of.start()].rstrip() if of else ""
    before = business is not None and any(m.end() == len(head) for m in business.finditer(head))
    return (signed and before) or at_sentence_start(record.text, e.start)


def organisation_signs(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the mention at [start, end) shows an organisation: a figure of business or a
    business noun in the clause it opens, a business noun before it ("les ventes de X"), its
    officers after a possessive, someone working at it. Bounded windows: linear."""
    after = text[end : end + CLAUSE_CHARS]
    cut = CLAUSE_END.search(after)
    clause = after[: cut.start()] if cut else after
    if (
        AMOUNT.search(clause)
        or COUNT.search(clause)
        or SPELLED_COUNT.search(clause)
        or RESULTS.search(clause)
    ):
        return True
    business = business_words(lang or "en")
    ahead = text[max(0, start - 30) : start]
    of_before = OF_BEFORE.search(ahead)
    if business is not None and (business.search(clause) or (of_before and business.search(ahead))):
        return True
    if of_before and OFFICERS_BEFORE.search(ahead[: of_before.start()]):
        return True  # "the board of X", "le PDG de X"
    owned = OWNED.match(after)
    if owned and any(owned.group(1).lower().startswith(w) for w in OFFICERS):
        return True
    if appositive_organisation(after, lang):
        return True
    words = ahead.split()
    return bool(words) and words[-1].lower() in EMPLOYER_BEFORE


# a capitalised word of letters (an apostrophe or hyphen inside), not a letter alone ("I")
CAPITALISED = re.compile(r"(?<![\w'’-])[^\W\d_a-z][^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w'’-])")
INSIDE_BEFORE = re.compile(r"(?:[^\W_]|[,;]|[,!?]\s*[»”\"])\s*+\Z")  # a word, a comma, `," `
# signs in the document; one found more (kore50 +1.4 % gold found) but lost 0.1 on wikigold
# and 7romans doc F1
SPEAKING_SIGNS = 2


def inside_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` stands inside a sentence, where a common word is written in
    lower case: after a word, a comma or semicolon, or a quotation closed on a comma or an
    exclamation ("\"I know,\" Will replied", "\"Enough!\" Drew cried"); a pronoun there is
    lower case ("\"Yes,\" he said")."""
    return INSIDE_BEFORE.search(text[max(0, start - 8) : start]) is not None


def speaking_names(records: Sequence[Record]) -> None:
    """Names no model found that the document shows to be people by their roles: a word
    capitalised inside a sentence that speaks ("\"I know,\" Will replied", "said Will") or
    is called out ("Come here, Will!"), `SPEAKING_SIGNS` times or more in the document: a
    person at each of its capitalised occurrences inside a sentence. A character named by a
    common word ("Will", "Faith", "Hope") is what the model misses. With rule
    `speaking_openers`, its occurrences opening a sentence as a subject or an address too
    (`opens_as_subject`: "Will shrugged.", "\"Will, listen.\""): a sign counts only inside a
    sentence, where a common word is written in lower case."""
    signs: Counter[str] = Counter()
    spots: dict[int, list[tuple[int, int, str]]] = {}
    openers = active().on("speaking_openers")  # its occurrences opening a sentence too
    for record in records:
        taken = [  # a span over sentence punctuation ("Enough!\" Sky") goes later: not a name
            (e.start, e.end) for e in record.entities if e.field == "text" and name_like(e.text)
        ]
        for e in record.entities:  # the model's mentions of the word are signs too
            if e.field == "text" and " " not in e.text and inside_sentence(record.text, e.start):
                signs[e.text] += person_signs(record.text, e.start, e.end, record.lang)
        found = []
        for match in CAPITALISED.finditer(record.text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            word = match[0]
            if word.lower() in function_words():
                continue
            if not inside_sentence(record.text, start):
                if openers and opens_as_subject(record.text, end, record.lang):
                    found.append((start, end, word))  # no sign: its case is its place's
                continue
            found.append((start, end, word))
            signs[word] += person_signs(record.text, start, end, record.lang)
        spots[id(record)] = found
    for record in records:
        for start, end, word in spots[id(record)]:
            if signs[word] >= SPEAKING_SIGNS:
                record.entities.append(Entity(word, "PERSON", start, end, "text"))


# after a word opening a sentence: an address's comma ("Will, listen"), or a lower-case word
# (its verb: "Will shrugged"); a run's start only (possessive): linear
SUBJECT_REACH = 40  # characters read after the word: a bounded window, linear on any run
SUBJECT_AFTER = re.compile(r"(?:\s*+,|\s++([^\W\d_A-Z][\w'’-]*+))")


def opens_as_subject(text: str, end: int, lang: str | None) -> bool:
    """Whether the capitalised word ending at `end`, opening a sentence, is followed by an
    address's comma or by a lower-case word that is no function word of the language (spaCy's
    list: "Will you", "Hope is", "Rose from" stay words): the shape of a name's own sentence
    ("Will shrugged.", "Will, listen to me."), which `speaking_names` takes for a name the
    document shows to be a person elsewhere."""
    found = SUBJECT_AFTER.match(text, end, end + SUBJECT_REACH)
    if found is None:
        return False
    if found[1] is None:
        return True
    from pipeline.engines.translate.name_guard import function_word  # engines: same room

    return not function_word(found[1].lower(), lang or "en") and found[1].lower() not in (
        function_words()
    )


def appositive_organisation(after: str, lang: str | None) -> bool:
    """Whether the name is followed by an apposition that names it by a role noun of an
    organisation (`cues.json`: "X, the film's distributor,", "X, le distributeur du film,"):
    the noun the apposition is about, as a role noun before the name would type it."""
    found = APPOSITION_AFTER.match(after)
    if found is None:
        return False
    table = cues(lang or "en")
    return any(table.get(w.lower()) == "ORG" for w in WORD.findall(found[1]))


# an apposition giving the name a seat, what a company has ("X, based in Dublin since 2009",
# "X, installée à Nantes", "X, founded in 2009"): a run's start only (the lookbehind),
# possessive: linear
SEAT_AFTER = re.compile(
    r"(?<!\s)\s*+,\s*+(?:based|headquartered|founded|established"
    r"|(?:install|bas|implant|fond|cré|domicili)ée?s?|établie?s?)\s++"
    r"(?:in|at|since|à|au|aux|en|dans|depuis)\b",
    re.IGNORECASE,
)
NOUN_ARTICLES = frozenset(("the", "a", "an", "its", "their", "la", "le", "une", "un", "sa", "son"))
NOUN_WORDS = 2  # "the distribution arm X": at most this many lower-case words after the article


def trade_noun_before(text: str, start: int, lang: str | None) -> bool:
    """Whether the name at `start` follows an article and one or two lower-case words, with
    one blank between ("the outfit X", "la boîte X", "l'enseigne X"), none of them a person's
    role noun or title nor a function word: a noun the name is an instance of, no person's."""
    before = text[max(0, start - 50) : start]
    if not before.endswith(" ") or before.endswith("  "):
        return False
    words = before.split()
    people = person_words(lang) | honorifics(lang)
    for n in range(1, NOUN_WORDS + 1):
        if len(words) < n:
            return False
        nouns = words[-n:]
        head = nouns[0]
        elided = head[:2].lower() in ("l'", "l’")
        if elided:
            nouns = [head[2:], *nouns[1:]]
        if not all(w.isalpha() and w.islower() for w in nouns):
            return False
        if any(w in people or w in function_words() for w in nouns):
            return False
        if elided or (len(words) > n and words[-n - 1].lower() in NOUN_ARTICLES):
            return True
    return False


def seat_cue(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether the name at [start, end) is a company by its own sentence's grammar, whatever
    noun introduces it (rule `seat_apposition`, hostile47 G9: "the outfit X, based in Dublin
    since 2009", "la boîte X, installée à Nantes"): a trade noun no list holds, no person's,
    before it (`trade_noun_before`), and an apposition giving it a seat after it."""
    return SEAT_AFTER.match(text, end) is not None and trade_noun_before(text, start, lang)


def relabel_seated(records: Sequence[Record]) -> None:
    """A name its document gives a company's seat after a trade noun (`seat_cue`) at one of its
    mentions, and a person's sign at none, is an organisation at every mention there that no
    role noun types otherwise."""
    seated: set[str] = set()
    people: set[str] = set()
    for record in records:
        for e in record.entities:
            if e.field != "text":
                continue
            if person_signs(record.text, e.start, e.end, record.lang):
                people.add(e.text)
            elif seat_cue(record.text, e.start, e.end, record.lang):
                seated.add(e.text)
    companies = seated - people
    for record in records:
        for e in record.entities:
            if (
                e.field == "text"
                and e.text in companies
                and cue_before(record.text, e.start, record.lang) in (None, "ORG")
            ):
                e.label = "ORG"


def role_in_clause(text: str, end: int, lang: str | None) -> bool:
    """Whether a person's role noun of `lang` (`person_words`, no honorific: "senator",
    "minister", "réalisatrice") stands in the clause the name ending at `end` opens ("X was
    appointed as a Senator", "X, the party's leader, said"), or a span of a life counted in
    years ("X served 27 years": `LIFE_SPAN`): a person, by what the sentence says of them.
    Bounded window: linear."""
    after = text[end : end + CLAUSE_CHARS]
    cut = CLAUSE_END.search(after)
    clause = after[: cut.start()] if cut else after
    roles = person_words(lang) - honorifics(lang)
    return any(w.lower() in roles for w in WORD.findall(clause)) or bool(LIFE_SPAN.search(clause))


# a span of a life counted in the clause ("X served 27 years in prison", "X a passé dix ans"):
# a duration in figures or words, what `COUNT` leaves out as no company's figure
LIFE_SPAN = re.compile(
    r"(?<![\w,.])(?:\d{1,3}|" + "|".join(map(re.escape, SPELLED)) + r")[ -]" + DURATIONS,
    re.IGNORECASE,
)


# prepositions of place and direction (closed-class words of each language's grammar): where a
# place's name stands; "avec X", "par X", "with X", "by X" are a person's as often
PLACE_PREPOSITIONS = frozenset((
    "in", "at", "into", "near", "across", "toward", "towards", "outside", "inside", "for",
    "à", "en", "vers", "pour", "depuis", "dans", "près", "jusqu'à", "jusqu’à",
))  # fmt: skip


def after_preposition(text: str, start: int) -> bool:
    """Whether the word right before `start` is a preposition of place or direction ("pour
    X", "in X"; not "avec X", "Porthos et X"): where a place stands, a character read as one
    rarely (`PLACE_PREPOSITIONS`)."""
    words = text[max(0, start - 20) : start].split()
    return bool(words) and words[-1].lower() in PLACE_PREPOSITIONS
