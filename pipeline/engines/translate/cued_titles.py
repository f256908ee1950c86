"""Quoted titles in sentence case, by what the sentence does with them: French writes a work's
title with one capital ("J'ai revu « À bout de souffle » hier"), so the capital rule of a bare
quotation (`guard.title_spans`) reads it as words, and the engine translated it ("To extreme of
blow"). A quotation is a title, carried as written (issue 30 item 1), when:

- a verb of seeing, loving, reading, listening or making a work stands right before its marks
  (`work_verbs` of `models/cues.json`, by lemma: the route's own analyser reads the word, so
  "revu", "adore", "a réalisé" all count);
- it reads as a title (`titles.title_like`: a capital first, at most 8 words, no sentence
  punctuation) and does not open its sentence (there a capital says nothing);
- it is no clause: none of its words is read only as a finite verb ("« Je reviendrai »",
  "« Viens ici »" are speech, translated; "règle" is a noun too, "« La règle du jeu »" no
  clause).

Within a document (its run of adjacent records), a quotation found a title that way is a title
wherever the document quotes it: one span is carried or translated the same way throughout.
On the dev MT sets no quotation is newly carried: 0 of 332 (news), 0 of 49 (Tatoeba).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache

from pipeline.engines.translate.guard import QUOTED
from pipeline.engines.translate.lookback import word_before
from pipeline.engines.translate.titles import title_like
from pipeline.entities import at_sentence_start
from pipeline.record import Record
from pipeline.resources import load_json

# One unit of Apertium's analysis: `^surface/lemma<tags>/lemma<tags>$`.
UNIT = re.compile(r"\^[^/^$]*((?:/[^/^$]*)*)\$")
VERB = re.compile(r"<(?:vblex|vbser|vbhaver|vbmod|vaux)>")
FINITE = re.compile(r"<(?:pri|pii|ifi|fti|cni|prs|pis|imp)>")

Analyse = Callable[[Sequence[str]], Sequence[str]]


@cache
def work_verbs(lang: str) -> frozenset[str]:
    """`work_verbs` of `models/cues.json` for `lang`: lemmas of verbs whose object a work's
    title is."""
    return frozenset(load_json("cues.json").get("work_verbs", {}).get(lang, []))


def quotations(text: str) -> Iterator[tuple[int, int, int]]:
    """Each quotation: where its opening mark stands, and its span inside the marks without
    the blanks at its edges."""
    for match in QUOTED.finditer(text):
        inner = match[0][1:-1]
        core = inner.strip()
        if core:
            start = match.start() + 1 + (len(inner) - len(inner.lstrip()))
            yield match.start(), start, start + len(core)


def candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """The quotations that read as titles and do not open their sentence, each with the word
    right before its marks."""
    for opening, start, end in quotations(text):
        if not title_like(text[start:end]) or at_sentence_start(text, opening):
            continue
        word = word_before(text, opening)
        if word:
            yield start, end, word


def readings(analysis: str) -> list[list[str]]:
    """Each unit's readings (`lemma<tags>`), in order."""
    return [unit[1].split("/")[1:] for unit in UNIT.finditer(analysis)]


def lemmas(analysis: str) -> set[str]:
    """Every lemma the analysis gives, in lower case."""
    return {r.split("<", 1)[0].lower() for unit in readings(analysis) for r in unit}


def clause(analysis: str) -> bool:
    """Whether a word of the analysed text is read only as a finite verb."""
    return any(
        unit and all(VERB.search(r) and FINITE.search(r) for r in unit)
        for unit in readings(analysis)
    )


class CuedTitles:
    """The quoted titles of a batch's records, by document; the analyses asked remembered."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str], str] = {}
        # by the record's `id`: its text (an id outlives its record) and its titles' spans
        self.found: dict[int, tuple[str, list[tuple[int, int]]]] = {}

    def judge(
        self,
        records: Sequence[Record],
        lang: str,
        analyse: Analyse,
        documents: Mapping[int, object],
    ) -> None:
        """Find the titles of `records` (see the module doc), for `spans`."""
        self.found = {}
        verbs = work_verbs(lang)
        if not verbs:
            return
        found = {id(r): list(candidates(r.text)) for r in records}
        todo = sorted(
            {w.lower() for c in found.values() for _, _, w in c}
            | {r.text[s:e] for r in records for s, e, _ in found[id(r)]}
        )
        todo = [t for t in todo if (lang, t) not in self._seen]
        if todo:
            self._seen.update(((lang, t), a) for t, a in zip(todo, analyse(todo), strict=True))
        titles: dict[object, set[str]] = defaultdict(set)
        for record in records:
            for start, end, word in found[id(record)]:
                core = record.text[start:end]
                if lemmas(self._seen[lang, word.lower()]) & verbs and not clause(
                    self._seen[lang, core]
                ):
                    titles[documents.get(id(record), id(record))].add(core)
        for record in records:
            known = titles.get(documents.get(id(record), id(record)))
            if known:
                spans = [(s, e) for _, s, e in quotations(record.text) if record.text[s:e] in known]
                if spans:
                    self.found[id(record)] = (record.text, spans)

    def spans(self, record: Record) -> list[tuple[int, int]]:
        """The titles found in `record` by the last `judge`."""
        text, spans = self.found.get(id(record), ("", []))
        return spans if text == record.text else []
