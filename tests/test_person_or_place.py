"""A character named like a place in one document and the place in others: each keeps its own
label (rule `person_or_place`, hostile47 G16 rest: the corpus vote gave every mention of the
name one label, so a place became a PERSON, or the character a LOC). The vote is per entity,
the evidence per document: a name read as a person and as a place, each by a good part of its
mentions, is two entities. Generated: place names × a dialogue where the character speaks and
place sentences, French and English; real NER, real linking."""

from __future__ import annotations

import copy
from functools import cache

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.linker import Linker

PLACES = ["Valence", "Florence", "Lorient", "Savannah", "Victoria", "Austin", "Sydney", "Chelsea"]
DIALOGUE = {
    "fr": ["« Viens ici », dit {p} en riant.", "{p} sourit et se tut.", "« Non ! » répondit {p}."],
    "en": ['"Come here," said {p}, laughing.', "{p} smiled and said nothing.",
           '"No!" replied {p}.'],
}  # fmt: skip
PLACE = {
    "fr": ["Le train part pour {p} demain matin.", "Le tournage a eu lieu à {p} et à Lyon."],
    "en": ["The train leaves for {p} tomorrow morning.", "The film was shot in {p} and Lyon."],
}


def documents() -> list[tuple[str, str, str, list[str]]]:
    """(doc, kind, place, sentences): per place and language, one dialogue and two place
    documents."""
    out = []
    for place in PLACES:
        for lang in ("fr", "en"):
            out.append((f"{place}-{lang}-d", "PERSON", place, DIALOGUE[lang]))
            out += [(f"{place}-{lang}-p{i}", "LOC", place, [s]) for i, s in enumerate(PLACE[lang])]
    return out


@cache
def extracted() -> list[Record]:
    records = []
    for doc, _, place, sentences in documents():
        lang = doc.split("-")[1]
        for i, s in enumerate(sentences):
            records.append(Record(f"{doc}:{i}", doc, "<gen>", i, s.format(p=place), lang=lang))
    return list(Extract(fields=["text"])(records))


def wrong_labels(rules: Rules) -> tuple[list[tuple[str, str, str]], int]:
    """The place names' mentions, once linked, whose label is not their document's kind, where
    the model read the document as that kind (a misreading is no linking's doing); and how many
    such mentions there are."""
    kinds = {doc: kind for doc, kind, _, _ in documents()}
    places = {doc: place for doc, _, place, _ in documents()}
    read = extracted()
    fair = {  # documents whose mentions of the name extraction read as the document's kind
        r.doc_id
        for r in read
        if all(e.label == kinds[r.doc_id] for e in r.entities if e.text == places[r.doc_id])
    }
    with using(rules):
        linked = Linker().link_all(copy.deepcopy(read))
    wrong, count = [], 0
    for r in linked:
        if r.doc_id not in fair:
            continue
        for e in r.entities:
            if e.text == places[r.doc_id] and e.field == "text":
                count += 1
                if e.label != kinds[r.doc_id]:
                    wrong.append((r.doc_id, e.text, e.label))
    return wrong, count


def test_a_character_and_a_place_of_one_name_keep_their_labels() -> None:
    """48 generated documents (8 names × 2 languages × a dialogue and two place sentences);
    with rule `person_or_place` off (main, and the default: QUALITY), 23 of the 69 mentions
    read right took the other kind's label from the corpus vote; none with it."""
    wrong, count = wrong_labels(Rules.default().with_("person_or_place", True))  # off by default
    assert count >= 30
    assert not wrong, (len(wrong), count, wrong[:6])
    off, _ = wrong_labels(Rules.default().with_("person_or_place", False))
    assert off
