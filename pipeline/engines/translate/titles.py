"""Works' titles a text writes as titles, whatever their case: carried through translation as
names. French writes titles in sentence case ("« À bout de souffle »", "Un long dimanche de
fiançailles"), so the capital rule of a bare quotation (`guard.title_spans`) never reads one as
a title; the text says so otherwise:

- a work's role noun right before the quotation marks (`evidence.work_cues`: "le film « … »",
  "the novel “…”"): the quotation is the work's title;
- italics: emphasis marks kept in a plain text (`*…*`, `_…_`), or the texts a page's markup set
  in italics (`meta.emphasis`, which the reader strips from the text), capitalised; not one
  word opening a sentence ("*Jamais* je ne…" is stress, not a title).

A title may hold what a sentence holds no more than once at its end: a question or exclamation
mark ("Qui a tué X ?"), and the dot of an abbreviation or initial before a capitalised word
("Les Vacances de M. X"); a comma only after a work's noun. Each shape is read once: linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.engines.translate.guard import QUOTED, undotted
from pipeline.engines.translate.lookback import word_before
from pipeline.entities import at_sentence_start, occurrences
from pipeline.evidence import auxiliaries, verb_like, work_cues

TITLE_WORDS = 8  # as many as a quoted title (`guard.TITLE_WORDS`)
FRAMED_PUNCTUATION = re.compile(r"[;.!?…]")
PUNCTUATION = re.compile(r"[,;.!?…]")
# Emphasis marks kept in a plain text: a run no blank opens or closes, no letter touches outside.
EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]{1,200}?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])([^_\n]{1,200}?)(?<=[^\s_])_(?![\w_])"
)


def title_like(core: str, framed: bool = False) -> bool:
    """Whether `core` reads as a title: a capital (or a digit) first, at most `TITLE_WORDS`
    words, no sentence punctuation but a final "?" or "!" and an abbreviation's dot (a comma
    too when `framed`, after a work's noun)."""
    if not core or not (core[0].isupper() or core[0].isdigit()):
        return False
    if len(core.split()) > TITLE_WORDS:
        return False
    body = undotted(without_final_mark(core))
    return (FRAMED_PUNCTUATION if framed else PUNCTUATION).search(body) is None


def without_final_mark(core: str) -> str:
    """`core` without the question or exclamation marks ending it, and the French space
    before them."""
    stripped = core.rstrip("?!")
    if stripped != core and stripped[-1:] in (" ", "\u00a0", "\u202f"):
        return stripped[:-1]
    return stripped


def framed_titles(text: str, lang: str | None) -> list[tuple[int, int]]:
    """The quotations right after a work's role noun of `lang` ("le film « … »"), title-like
    (`title_like`, framed): the span inside the marks."""
    cues = work_cues(lang)
    if not cues:
        return []
    out = []
    for match in QUOTED.finditer(text):
        if word_before(text, match.start()).lower() not in cues:
            continue
        inner = match[0][1:-1]
        core = inner.strip()
        if title_like(core, framed=True):
            start = match.start() + 1 + (len(inner) - len(inner.lstrip()))
            out.append((start, start + len(core)))
    return out


def emphasised(text: str, emphasis: object = ()) -> list[tuple[int, int]]:
    """The titles set in italics: inside emphasis marks kept in the text, and each text of
    `emphasis` (a record's `meta.emphasis`, texts the reader stripped of their marks) where
    the text writes it; title-like, not one word opening a sentence."""
    spans = [
        (m.start(1) if m[1] is not None else m.start(2), m.end(1) if m[1] is not None else m.end(2))
        for m in EMPHASIS.finditer(text)
    ]
    texts: Sequence[object] = emphasis if isinstance(emphasis, list) else ()
    for title in {t for t in texts if isinstance(t, str)}:
        spans += occurrences(text, title.strip())
    return [
        (s, e) for s, e in spans
        if title_like(text[s:e])
        and not (" " not in text[s:e] and at_sentence_start(text, mark_start(text, s)))
    ]  # fmt: skip


def mark_start(text: str, start: int) -> int:
    """Where a title's emphasis mark opens, if one stands right before `start`."""
    return start - 1 if start > 0 and text[start - 1] in "*_" else start


# After a quotation's closing mark and its comma: the incise's words ("dit X", "a répondu X",
# "dit-elle", "dijo X"), at most three read; from the comma only, possessive: linear.
INCISE_WORD = re.compile(r"[ \u00a0\u202f]++([^\W\d_][\w'’-]*+)")


def spoken(text: str, start: int, end: int) -> bool:
    """Whether the quotation whose words are [start, end) is speech: it opens its sentence or
    its dialogue line, and an incise follows its comma, a verb (or an auxiliary and its
    participle) before the speaker's capitalised name or joined to its pronoun ("« Personne ne
    vient », dit X.", "« Peut-être », a répondu X.", "», dit-elle"). Read as a title for its
    capitals, a short reply came back untranslated. A title opening a sentence is its subject
    ("« X » indique que…": no comma; "« X », sorti en 1939, …": no name after the verb) or
    stands after a noun ("la société « X », a déclaré": not the sentence's start)."""
    opening = start - 1
    while opening > 0 and text[opening] in " \u00a0\u202f":
        opening -= 1
    if opening < 0 or not at_sentence_start(text, opening):
        return False
    closing = end
    while closing < len(text) and text[closing] in " \u00a0\u202f":
        closing += 1
    if closing >= len(text) or text[closing] not in CLOSING_MARKS:
        return False
    comma = closing + 1
    while comma < len(text) and text[comma] in " \u00a0\u202f":
        comma += 1
    if comma >= len(text) or text[comma] != ",":
        return False
    words: list[str] = []
    at = comma + 1
    while len(words) < 3 and (word := INCISE_WORD.match(text, at)) is not None:
        words.append(word[1])
        at = word.end()
    if words and words[0].lower() in auxiliaries(None):
        words = words[1:]  # "a répondu X"
    if not words or not verb_like(words[0]):
        return False
    return "-" in words[0] or (len(words) > 1 and words[1][:1].isupper())


CLOSING_MARKS = '»”"›“'
INCISE_CHARS = 60


def written_titles(text: str, lang: str | None, emphasis: object = ()) -> Iterable[tuple[int, int]]:
    """Every title the text writes as one (see the module doc)."""
    return [*framed_titles(text, lang), *emphasised(text, emphasis)]
