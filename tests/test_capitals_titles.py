"""A document's title line in capitals is one work's title, not the pieces the model cut it
into where it reads no case (hostile45 E29: "LA TRAVERSÉE" gave "TRAVERSÉE" MISC, "NORTHERN
LIGHTS" gave "NORTHERN" MISC and "LIGHTS" ORG, index rows that are no names). Exhaustive over
articles × one to three invented words × every way of cutting the words into mentions; the
model's reading stood in for by those mentions (no model runs). A line one mention covers, or
that holds a word no mention and no function word is, stays as read."""

from __future__ import annotations

import itertools

from pipeline.record import Entity, Record
from pipeline.stages.extract_fields import TextRole

WORDS = ["TRAVERSÉE", "VENTS", "LARGE", "NORTHERN", "LIGHTS", "KALOREN", "MIRVAL"]
ARTICLES = {"fr": ["", "LA ", "LES "], "en": ["", "THE "]}


def cuts(words: list[str]) -> list[list[list[str]]]:
    """Every way of cutting `words` into runs, each run a mention (a word may be left out)."""
    out = []
    for marks in itertools.product((0, 1, 2), repeat=len(words)):  # 0 out, 1 joins, 2 starts
        runs: list[list[str]] = []
        for word, mark in zip(words, marks, strict=True):
            if mark == 0:
                runs.append([])
            elif mark == 2 or not runs or not runs[-1]:
                runs.append([word])
            else:
                runs[-1].append(word)
        out.append([r for r in runs if r])
    return out


def read(lang: str, line: str, runs: list[list[str]], label: str = "PERSON") -> list[Entity]:
    record = Record(id="d:0", doc_id="d", source="d.txt", seq=0, text=line)
    record.lang = lang
    record.meta["kind"] = "title"
    at = 0
    for run in runs:
        start = line.index(" ".join(run), at)
        end = start + len(" ".join(run))
        record.entities.append(Entity(line[start:end], label, start, end))
        at = end
    TextRole().relabel([[record]])
    return record.entities


def test_a_title_in_capitals_is_one_mention() -> None:
    wrong, total = [], 0
    for lang, articles in ARTICLES.items():
        for article in articles:
            for size in (1, 2, 3):
                words = WORDS[size : size + size] if size > 1 else [WORDS[0]]
                line = article + " ".join(words)
                for runs in cuts(words):
                    covered = sum(len(r) for r in runs)
                    whole = covered == len(words)
                    if not whole or (len(runs) == 1 and not article):
                        continue  # a word left out, or one mention of the whole line
                    total += 1
                    got = [(e.text, e.label) for e in read(lang, line, runs)]
                    if got != [(line, "MISC")]:
                        wrong.append((line, runs, got))
    assert total and not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"


def test_other_lines_stay_as_read() -> None:
    assert [e.text for e in read("en", "KALOREN VISITS MIRVAL", [["KALOREN"], ["MIRVAL"]])] == [
        "KALOREN",
        "MIRVAL",
    ]
    assert [e.text for e in read("fr", "AGNÈS KALOREN", [["AGNÈS", "KALOREN"]])] == [
        "AGNÈS KALOREN"
    ]
    mixed = read("fr", "La Traversée", [["Traversée"]])
    assert [e.text for e in mixed] == ["Traversée"]


def test_the_translation_reads_no_piece_of_the_title() -> None:
    """ "LA TRAVERSÉE" → "The TRAVERSÉE": the English model's "TRAVERSÉE" ORG is a piece of the
    one title, not a name of its own voting ORG against it."""
    from pipeline.record import Translation
    from pipeline.stages.extract_fields import keep_carried_over_names

    line = "LA TRAVERSÉE"
    record = Record(id="d:0", doc_id="d", source="d.txt", seq=0, text=line)
    record.lang = "fr"
    record.meta["kind"] = "title"
    record.entities = [Entity(line, "MISC", 0, len(line), mention="m0")]
    record.translation = Translation(text="The TRAVERSÉE", lang="en", engine="test")
    record.entities.append(Entity("TRAVERSÉE", "ORG", 4, 13, field="translation", mention="t0"))
    keep_carried_over_names(record)
    assert [(e.text, e.field) for e in record.entities] == [(line, "text")]
