"""Screenplay cues and scene headings, by their shape in the document (h47 G14).

A cue is a record that is one line in capitals, a name of at most four words and, maybe, an
extension in brackets ("NORA", "NORA (V.O.)", "NORA (SUITE)"), followed in its document by a
record that is not in capitals (the dialogue), and whose name cues two turns of the document
or more (once is enough with an extension, where other names cue two). The name speaks: each
of its mentions in the document is a person's; the extension is no name. A scene heading is a
line in capitals opening with a short word and its full stop ("INT.", "EXT."), two such lines
in the document or more: that word is no name, nor is a word of the heading that is a common
word of the language ("CUISINE", "NUIT"). Evidence from the document's layout and the
language's word frequencies, never a list of cues or headings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.entities import common_word, function_words
from pipeline.record import Record
from pipeline.speakers import drop_mentions

NAME = r"[^\W\d_][\w'’.\-]*"
# a cue's line: the name (≤ 4 words), then maybe its extension in brackets, nothing after
# from a run of blanks' start only (the lookbehind), possessive: linear on a run of blanks
CUE = re.compile(
    rf"(?<![ \t])[ \t]*+({NAME}(?:[ \u00a0]{NAME}){{0,3}})[ \t]*+(\([^()\n]{{1,20}}\))?[ \t]*+"
)
# a scene heading's opening: a short word and its full stop ("INT.", "EXT.", "I/E.")
SCENE = re.compile(r"(?<![ \t])[ \t]*+([^\W\d_]{1,3}(?:/[^\W\d_]{1,3})?\.)[ \t]")
TURNS = 2  # a cue opens two turns of the document at least, a heading's word two scenes


def in_capitals(text: str) -> bool:
    """Whether every cased letter of `text` is a capital, and it holds one."""
    cased = [c for c in text if c.lower() != c.upper()]
    return bool(cased) and all(c.isupper() for c in cased)


def cue_of(record: Record) -> re.Match[str] | None:
    """The record's cue line, if the record is one line in capitals shaped as a cue."""
    text = record.text
    if "\n" in text.strip() or not in_capitals(text):
        return None
    return CUE.fullmatch(text)


def cues(records: Sequence[Record]) -> dict[int, re.Match[str]]:
    """The records that are cues (by index): a cue's line followed by a record of dialogue
    (not in capitals), its name cueing `TURNS` such records of the document or more, or, in a
    document with such cues, cueing one with its extension ("TOBIAS (V.O.)")."""
    found: dict[int, re.Match[str]] = {}
    for i, record in enumerate(records[:-1]):
        match = cue_of(record)
        if match is not None and not in_capitals(records[i + 1].text):
            found[i] = match
    turns = Counter(m[1].casefold() for m in found.values())
    cued = {i: m for i, m in found.items() if turns[m[1].casefold()] >= TURNS}
    if len(cued) < TURNS:
        return cued
    # a screenplay, by its other cues: a name cueing once with its extension is a cue too
    return {i: m for i, m in found.items() if i in cued or m[2]}


def headings(records: Sequence[Record]) -> dict[int, re.Match[str]]:
    """The records that are scene headings (by index): lines in capitals opening with a
    short word and its full stop, `TURNS` of them in the document or more."""
    found: dict[int, re.Match[str]] = {}
    for i, record in enumerate(records):
        if "\n" not in record.text.strip() and in_capitals(record.text):
            match = SCENE.match(record.text)
            if match is not None:
                found[i] = match
    return found if len(found) >= TURNS else {}


def common_words(text: str, lang: str | None) -> bool:
    """Every word of `text` a function word or a common word of `lang`."""
    words = [w.lower() for w in re.findall(r"\w+", text)]
    return bool(words) and all(w in function_words() or common_word(w, lang) for w in words)


def screenplay(records: Sequence[Record]) -> None:
    """A document's cues and scene headings read as such: each cue's extension and each
    heading's opening word and common words no names; a cued name a person at each of its
    mentions in the document (both readings of a carried mention)."""
    speaking: set[str] = set()
    for i, match in cues(records).items():
        record = records[i]
        speaking.add(match[1].casefold())
        if match[2]:
            inside = [
                e
                for e in record.entities
                if e.field == "text" and e.start >= match.start(2) and e.end <= match.end(2)
            ]
            drop_mentions(record, inside)
    for i, match in headings(records).items():
        record = records[i]
        gone = [
            e
            for e in record.entities
            if e.field == "text" and (e.start < match.end(1) or common_words(e.text, record.lang))
        ]
        drop_mentions(record, gone)
    if not speaking:
        return
    for record in records:
        cued = [e for e in record.entities if e.field == "text" and e.text.casefold() in speaking]
        ids, same = {e.mention for e in cued if e.mention}, {id(e) for e in cued}
        for e in record.entities:
            if id(e) in same or (e.mention and e.mention in ids):
                e.label = "PERSON"
