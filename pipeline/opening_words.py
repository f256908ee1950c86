"""A capitalised word opening a sentence or a dialogue turn that its document shows to be a
common word, no name (rule `opening_words`, #31 items 2 and 6): "— Partez donc, X !",
"— Écoute !", "Quoth the crew: …" (the translate stage's analyser reads a verb in "« Viens
ici », dit X", rule `turn_words`; this rule needs no analyser: an English text is not
translated). A word opening a sentence is capitalised by its place, so its case says nothing;
what says something is the rest of the document, where a common word is written in lower case
and a name capitalised:

- the document writes the word in lower case and never capitalised inside a sentence (a verb or
  interjection: "viens" in another turn; a name is capitalised wherever it stands: "dit Rose",
  "said Will"), and no lower-case word that is no function word follows it here (a subject's
  verb, `subject_shape`: "Rose semblait préoccupée", the document's "rose" another word);
- `before_article`: the word is followed by an article and a lower-case word, as a verb is by
  its object or an inverted subject ("Devenez des manufacturiers", "Quoth the raven"), never
  capitalised inside a sentence either; a name's epithet is capitalised ("Alexander the
  Great"). (Its lower-case frequency says nothing here: wordfreq counts "tom" and "athos" as
  words too.)

A speaker's tag opening its line ("ROSE : …") is a name whatever the document says."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from pipeline.entities import at_sentence_start
from pipeline.evidence import CAPITALISED, inside_sentence, opens_as_subject
from pipeline.record import Record
from pipeline.speakers import speaker_at

# Articles that are only articles (no object pronoun: French "le", "la", "les" are both, and
# "Athos la regarda" opens on a name): after a word opening a sentence, the word is a verb.
ARTICLES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset(("the", "a", "an")),
        "fr": frozenset(("un", "une", "des", "du", "au", "aux")),
    }
)
# a blank run's start only, each repeat possessive: linear on any run
BLANK = r"[ \u00a0\u202f]"
AFTER = re.compile(rf"(?<!{BLANK}){BLANK}++([^\W\d_]++){BLANK}++([^\W\d_]++)")
LOWER_WORD = re.compile(r"(?<![\w'’-])[^\W\d_A-Z][^\W\d_]*(?![\w'’-])")
REACH = 40  # characters read after the word for the article and the word after it


def opening_words(records: Sequence[Record]) -> None:
    """Drop the one-word mentions of a document's texts that open a sentence or a turn and
    that the document shows to be common words (module docstring)."""
    lower: set[str] = set()
    capital_inside: set[str] = set()
    for record in records:
        text = record.text
        lower.update(m[0] for m in LOWER_WORD.finditer(text) if m[0].islower())
        capital_inside.update(
            m[0] for m in CAPITALISED.finditer(text) if inside_sentence(text, m.start())
        )
    for record in records:
        record.entities = [
            e
            for e in record.entities
            if e.field != "text"
            or not common_opening(record, e.start, e.end, lower, capital_inside)
        ]


def common_opening(
    record: Record, start: int, end: int, lower: set[str], capital_inside: set[str]
) -> bool:
    """Whether the one word at [start, end) opens a sentence or a turn and its document shows
    it a common word there (`opening_words`)."""
    text = record.text
    word = text[start:end]
    if not word or not word[:1].isupper() or not word.isalpha() or word in capital_inside:
        return False
    if not at_sentence_start(text, start) or speaker_at(text, start, end, headline=False):
        return False
    if word.lower() in lower and not subject_shape(text, end, record.lang):
        return True
    return before_article(text, end, record.lang)


def subject_shape(text: str, end: int, lang: str | None) -> bool:
    """Whether a lower-case word that is no function word follows: a name's sentence ("Rose
    semblait préoccupée", "Will shrugged"), where its document's lower-case "rose" or "will"
    is another word; an address's comma is no such sign ("— Allez, viens !")."""
    return not after_comma(text, end) and opens_as_subject(text, end, lang)


def after_comma(text: str, end: int) -> bool:
    return text[end : end + 2].lstrip(" \u00a0\u202f")[:1] == ","


def before_article(text: str, end: int, lang: str | None) -> bool:
    """Whether an article of `lang` and a lower-case word follow `end` ("Quoth the crew")."""
    articles = ARTICLES.get(lang or "")
    if not articles:
        return False
    after = AFTER.match(text[end : end + REACH])
    return after is not None and after[1] in articles and after[2].islower()
