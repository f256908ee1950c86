"""Speaker tags: the short label before a colon that opens each turn of an interview or a
screenplay ("Q : …", "Question : …", "LE JOURNAL : …", "NORA : …", "D'AUTERRE : …").

A tag is one when it opens two turns of the document or more ("Paris : la ville…" once is a
line's heading). It is a name only when it is one: a single letter ("Q", "R") never is; a tag
whose words are all common words of the language ("Question", "LE JOURNAL") is none unless
the document writes one of its words in a mention that is no tag (a character called by a
common word, "Florence", "Pierre", named in the dialogue too). A tag that is a name is a
person: it speaks. Evidence from the language (word frequency) and the document, never a
list of tags.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from pipeline.entities import common_word, function_words, particles, person_words
from pipeline.record import Entity, Record

# the tag: from the line's start, at most four words, then blanks and a colon
WORD = r"[^\W\d_][\w'’.\-]*"
TAG = re.compile(rf"[ \t]*({WORD}(?:[ \u00a0]{WORD}){{0,3}})[ \t\u00a0\u202f]*:")
TAG_REACH = 60  # characters from the line's start: a tag is short
TURNS = 2  # a speaker opens two turns of the document at least


def tag_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The speaker tag holding `start:end`, as (start, end) of the tag, or None: the words
    from the line's start up to a colon, the mention among them."""
    line = text.rfind("\n", max(0, start - TAG_REACH - 1), start) + 1  # bounded: linear
    if line == 0 and start > TAG_REACH:
        return None
    match = TAG.match(text, line, min(len(text), line + TAG_REACH + 8))
    if match is None or not (match.start(1) <= start and end <= match.end(1)):
        return None
    return match.start(1), match.end(1)


# A speaker's turn in a play, a screenplay or a subtitle, from the line's start: the name (one
# to four capitalised words, particles inside, or any in brackets), then a colon, ". —", a
# stage direction in brackets and a colon, or an aside after a comma up to a colon ("NOËL, à
# Aurore :"); or, the dialogue's layouts a headline shares ("Paris — La ville…"), a spaced
# dash after the name ("SOLEDAD – …", "Dolores — …") or a dash before it and a colon
# ("— NAME : …"): group 1 the leading dash, 2 the bracket, 3 the name, 4 the spaced dash.
BLANK = r"[ \t\u00a0\u202f]"
TURN = re.compile(
    rf"[ \t]*+([—–―]{BLANK}*+)?(\[)?({WORD}(?:[ \u00a0]{WORD}){{0,3}})"
    rf"(?(2)\]|{BLANK}*+(?::|\.[ \u00a0\u202f]?[—–]|(?(1)(?!)|(?<=[^.]{BLANK})([—–]){BLANK})"
    r"|\([^()\n]{1,40}\)[ \t\u00a0\u202f]*:|,[^\n:,.]{1,30}:))"
)


def _turn(text: str, line: int) -> re.Match[str] | None:
    """The speaker's turn opening the line at `line`, its name's words each capitalised but
    a particle and the article after it inside ("Juan de la Cruz")."""
    match = TURN.match(text, line, min(len(text), line + TAG_REACH + 8))
    if match is None or not named(re.split(r"[ \u00a0]", match[3])):
        return None
    return match


def named(words: list[str]) -> bool:
    """Each word capitalised, but inside a particle (`entities.particles`) and one short
    word after it ("de la", "van der"): a name's shape."""
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    after = False  # the word before was a particle
    for word in words[1:-1]:
        if word[:1].isupper():
            after = False
        elif word in particles() or (after and len(word) <= 3):
            after = word in particles()
        else:
            return False
    return True


def _shared(match: re.Match[str]) -> bool:
    """A turn's layout a headline shares: a name in title case before a bare colon ("Noël :
    les achats reculent"), a spaced dash ("Paris — La ville…"), a dash before the name."""
    bare = match[0][match.end(3) - match.start() :].strip(" \t\u00a0\u202f") == ":"
    return match[2] is None and (match[1] is not None or match[4] is not None or bare)


@functools.lru_cache(maxsize=16)
def dialogue(text: str) -> bool:
    """Whether `text` has the shape of dialogue: `TURNS` of its lines or more open on a
    speaker's name in a layout of `TURN` (one pass over the lines). A headline opens one line;
    a dialogue opens its turns so, which is the evidence that "Blanca:", "Luz —" or
    "— Céleste :" is a speaker's name (hostile49 T5, T6, T18)."""
    count = 0
    at = 0
    while at <= len(text):
        if _turn(text, at) is not None:
            count += 1
            if count >= TURNS:
                return True
        nl = text.find("\n", at)
        if nl < 0:
            break
        at = nl + 1
    return False


def speaker_at(text: str, start: int, end: int, headline: bool = True, colon: bool = True) -> bool:
    """Whether `start:end` lies in the speaker's name opening its line ("BLANCHE : …",
    "AIMÉ. — …", "Noël (souriant) : …", "[Noël] …"), each word of it capitalised: the
    document's own evidence that the words name a person, who speaks. Without `headline`,
    a name in title case before a bare colon is none: a headline's subject ("Noël : les
    achats reculent") is written so too; without `colon`, no name before a bare colon is
    ("ONU : …" in capitals too): only the shapes of dialogue, ". —", "(…) :", "[…]", ", à … :".
    In a text of dialogue (`dialogue`), the layouts a headline shares are a speaker's too:
    "Blanca: …", "Luz — …", "— Céleste : …" opening two lines or more."""
    line = text.rfind("\n", max(0, start - TAG_REACH - 1), start) + 1  # bounded: linear
    if line == 0 and start > TAG_REACH:
        return False
    match = _turn(text, line)
    if match is None or not (match.start(3) <= start and end <= match.end(3)):
        return False
    if _shared(match) and dialogue(text):
        return True
    if match[1] is not None or match[4] is not None:
        return False  # "Paris — La ville…" once: a headline's
    bare = text[match.end(3) : match.end()].strip(" \t\u00a0\u202f") == ":"
    return not (
        match[2] is None and bare and (not colon or (not headline and not match[3].isupper()))
    )


def speaker_tags(text: str) -> list[tuple[int, int]]:
    """The speakers' names opening the lines of `text` (`speaker_at`), as (start, end)."""
    out = []
    at = 0
    while at <= len(text):
        match = TURN.match(text, at, min(len(text), at + TAG_REACH + 8))
        if match is not None and speaker_at(text, match.start(3), match.end(3)):
            out.append((match.start(3), match.end(3)))
        nl = text.find("\n", at)
        if nl < 0:
            break
        at = nl + 1
    return out


def letter_tag(tag: str) -> bool:
    """One letter, with or without its dot ("Q", "R.")."""
    return len(tag.rstrip(".")) == 1


def common_tag(tag: str, lang: str | None) -> bool:
    """Every word of the tag a function word or a common word of `lang` ("Question",
    "LE JOURNAL")."""
    words = [w.lower() for w in re.split(r"[\s\u00a0]+", tag) if w]
    return bool(words) and all(w in function_words() or common_word(w, lang) for w in words)


ELIDED = re.compile(r"\w{1,2}['’]\Z")  # "D'" before "AUTERRE": the name's particle


def widen_to_particle(text: str, entity: Entity, tag: tuple[int, int] | None) -> None:
    """A tag's elided particle left out of the mention ("D'AUTERRE" read "AUTERRE") is put
    back: the surname is linked with it, as the heading writes it ("Héloïse d'Auterre")."""
    if tag is not None and ELIDED.fullmatch(text[tag[0] : entity.start]):
        entity.start = tag[0]
        entity.text = text[entity.start : entity.end]


def opened(records: Sequence[Record]) -> Counter[str]:
    """How many lines of the document each tag opens (case folded)."""
    counts: Counter[str] = Counter()
    for record in records:
        for line in record.text.split("\n"):
            match = TAG.match(line[: TAG_REACH + 8])
            if match:
                counts[match[1].casefold()] += 1
    return counts


def drop_tags(records: Sequence[Record]) -> None:
    """Drop, in both fields, the mentions of speaker tags that are no names (a letter, or
    common words the document writes in no mention but tags); a tag that stays is a person's."""
    turns = opened(records)
    named: set[str] = set()  # words the document's mentions that are no tag write
    tags: dict[int, list[tuple[Entity, str]]] = {}
    for record in records:
        found = []
        for entity in record.entities:
            if entity.field != "text":
                continue
            at = tag_at(record.text, entity.start, entity.end)
            if at is not None and turns[record.text[at[0] : at[1]].casefold()] < TURNS:
                at = None  # a line's heading ("Paris : la ville"), not a speaker's turn
            if at is None:
                named.update(w.casefold() for w in re.findall(r"\w+", entity.text))
            else:
                found.append((entity, record.text[at[0] : at[1]]))
        tags[id(record)] = found
    for record in records:
        gone: set[int] = set()  # the text's mentions dropped
        ids: set[str] = set()  # and their ids, for their readings in the translation
        for entity, tag in tags[id(record)]:
            words = {w.casefold() for w in re.findall(r"\w+", tag)}
            if letter_tag(tag) or (common_tag(tag, record.lang) and not words & named):
                gone.add(id(entity))
                ids.update([entity.mention] if entity.mention else [])
            else:
                entity.label = "PERSON"  # it speaks
                widen_to_particle(
                    record.text, entity, tag_at(record.text, entity.start, entity.end)
                )
        record.entities = [
            e for e in record.entities if id(e) not in gone and not (e.mention and e.mention in ids)
        ]


# a one-letter tag and its full stop or dash at a line's start ("Q. Comment…", "R — Oui.")
LETTER = re.compile(r"(?<![ \t])[ \t]*+([^\W\d_])(?:\.|[ \t]*+[—–-])[ \t]")


def letter_tags(records: Sequence[Record]) -> frozenset[str]:
    """The one-letter tags that open `TURNS` lines of the document or more, with a full stop
    or a dash instead of a colon ("Q." and "R." of an interview, h47 G4)."""
    counts: Counter[str] = Counter()
    for record in records:
        for line in record.text.split("\n"):
            match = LETTER.match(line)
            if match:
                counts[match[1]] += 1
    # "M. X" opening lines of a novel: a title's abbreviation, no tag (`person_words`)
    titles = frozenset().union(*(person_words(lang) for lang in {r.lang for r in records}))
    return frozenset(t for t, n in counts.items() if n >= TURNS and f"{t}." not in titles)


def drop_letter_tags(records: Sequence[Record]) -> None:
    """Drop, in both fields, a mention that is a one-letter tag opening turns of its document
    (`letter_tags`): the tag alone ("R."), or with common words after it ("Q. How"); a name
    after the tag is cut from it ("Q. Jeanne X" → "Jeanne X")."""
    tags = letter_tags(records)
    if not tags:
        return
    for record in records:
        gone: list[Entity] = []
        for e in record.entities:
            if e.field != "text" or e.text[:1] not in tags:
                continue
            line = record.text.rfind("\n", 0, e.start) + 1
            match = LETTER.match(record.text, line)
            if match is None or match.start(1) != e.start:
                continue
            rest = record.text[match.end() : e.end]
            if not rest.strip() or common_tag(rest, record.lang):
                gone.append(e)
            else:  # "Q. Jeanne X": the name after the tag
                e.start = match.end() + len(rest) - len(rest.lstrip())
                e.text = record.text[e.start : e.end]
        drop_mentions(record, gone)


def drop_mentions(record: Record, gone: list[Entity]) -> None:
    """Drop `gone` from the record's text mentions, and their readings in the translation."""
    ids = {e.mention for e in gone if e.mention}
    out = {id(e) for e in gone}
    record.entities = [
        e for e in record.entities if id(e) not in out and not (e.mention and e.mention in ids)
    ]
