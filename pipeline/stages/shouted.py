"""Texts written wholly in capitals, translated read case-folded (`engines/translate/shouted`):
each such record is given to the translation steps as a stand-in holding the case-folded text
and the NER mentions that stay names there, and its translation is put back in capitals."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from pipeline import mentions
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.name_guard import known_in_capitals
from pipeline.engines.translate.shouted import (
    asked,
    capitals,
    case_folded,
    in_capitals,
    name_runs,
    readings,
    word_kinds,
)
from pipeline.record import Record

# what the translation steps write in a record's meta, copied back from its stand-in
WRITTEN = ("untranslated", "fell_back", "format_removed")


def stand_ins(
    records: Sequence[Record],
    lang: str,
    engine: Translator | None,
    target: str,
    whole: Mapping[int, Sequence[tuple[int, int]]] | None = None,
    kb: str | None = None,
) -> dict[int, Record]:
    """For each record (by `id`) in capitals: its stand-in, when the engine has an analyser
    that reads the words (none: the text goes as written). `whole`: per record, names its
    document shows whole (a credit crawl's, `credit_names.document_crawl`), capitalised
    whatever the analyser reads of their words but their particles, a mention over one of
    them kept whole. A `kb` alias it holds is written there as the base writes it ("NOËL
    GRAND" → "Noël Grand"): the guard carries it, as it carries every alias."""
    shouted = [r for r in records if in_capitals(r.text)]
    if not shouted or engine is None or not engine.analyses_names:
        return {}
    words = asked(r.text for r in shouted)
    try:
        found = engine.analyse(words, lang, (lang, target))
    except TranslationError:
        return {}
    if found is None:
        return {}
    read = readings(words, found)
    out = {}
    for record in shouted:
        mentions = [e for e in record.entities if e.field == "text"]
        kinds = word_kinds(record.text, read)
        held = list((whole or {}).get(id(record), ()))
        runs = [
            [(e.start, e.end)] if (e.start, e.end) in held else found
            for e, found in zip(
                mentions, name_runs(kinds, [(e.start, e.end) for e in mentions]), strict=True
            )
        ]
        cased = case_folded(record.text, lang, kinds, [r for found in runs for r in found], held)
        for start, end, alias in known_in_capitals(record.text, kb):
            cased = cased[:start] + alias + cased[end:]
        out[id(record)] = dataclasses.replace(
            record,
            text=cased,
            entities=[  # each mention cut to the names it holds, its id kept
                dataclasses.replace(e, text=cased[s:t], start=s, end=t)
                for e, found in zip(mentions, runs, strict=True)
                for s, t in found
            ],
            meta=dict(record.meta),
        )
    return out


def put_back(record: Record, stand_in: Record) -> None:
    """The stand-in's translation, in capitals, and its names carried, into `record`."""
    for key in WRITTEN:
        if key in stand_in.meta:
            record.meta[key] = stand_in.meta[key]
    if stand_in.translation is None:
        return
    record.translation = dataclasses.replace(
        stand_in.translation, text=capitals(stand_in.translation.text)
    )
    text = record.translation.text
    sources = {e.mention: e for e in record.entities if e.field == "text"}
    placed: set[tuple[str | None, int, int]] = set()
    for e in stand_in.entities:
        if e.field != "translation":
            continue
        carried = dataclasses.replace(e, text=capitals(e.text))
        source = sources.get(e.mention)
        if source is not None:  # "N. M. X": the stand-in's mention was the name run "X"
            offset = source.text.find(carried.text)
            whole = mentions.written_whole(text, source, offset, e.start) if offset > 0 else None
            if whole is not None:
                start, end = whole
                carried = dataclasses.replace(carried, text=source.text, start=start, end=end)
        if (carried.mention, carried.start, carried.end) not in placed:
            placed.add((carried.mention, carried.start, carried.end))
            record.entities.append(carried)
