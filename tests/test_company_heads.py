"""An organisation's head word the model read alone before the name it heads is that whole
name (hostile45 E29: "Une production des Films d'X Y" gave "Films" ORG, an index row that is
no name, and "X Y" a person). Exhaustive over head words × linking words × invented names of
one to three words × the reading of the rest (none, a person, a place); the model stood in
for by those entities. A head before lower-case words ("Films de guerre") stays as read."""

from __future__ import annotations

import itertools

from pipeline.record import Entity, Record
from pipeline.stages.extract_fields import TextRole

HEADS = {"fr": ["Films", "Studios", "Productions", "Université", "Éditions"],
         "en": ["Films", "Studios", "University", "Institute"]}  # fmt: skip
LINKS = {"fr": ["de ", "du ", "d'"], "en": ["of "]}
NAMES = ["Kaloren", "Inès Mirvaldi", "Solène de Varbec", "Tamsin Ollivar Brae"]


def read(lang: str, text: str, head: str, name: str, rest: str | None) -> list[tuple[str, str]]:
    record = Record(id="d:0", doc_id="d", source="d.txt", seq=0, text=text)
    record.lang = lang
    start = text.index(head)
    record.entities.append(Entity(head, "ORG", start, start + len(head)))
    if rest is not None:
        at = text.index(name, start + len(head))
        record.entities.append(Entity(name, rest, at, at + len(name)))
    TextRole().relabel([[record]])
    return [(e.text, e.label) for e in record.entities]


def test_a_head_word_takes_the_name_it_heads() -> None:
    wrong, total = [], 0
    for lang, heads in HEADS.items():
        cases = itertools.product(heads, LINKS[lang], NAMES, (None, "PERSON", "LOC"))
        for head, link, name, rest in cases:
            whole = f"{head} {link}{name}"
            text = f"Une production des {whole}." if lang == "fr" else f"A film by the {whole}."
            total += 1
            got = read(lang, text, head, name, rest)
            if got != [(whole, "ORG")]:
                wrong.append((text, rest, got))
    assert not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"


def test_a_head_before_common_words_stays() -> None:
    text = "Les Films de guerre sont nombreux."
    record = Record(id="d:0", doc_id="d", source="d.txt", seq=0, text=text)
    record.lang = "fr"
    record.entities.append(Entity("Films", "ORG", 4, 9))
    TextRole().relabel([[record]])
    assert [(e.text, e.label) for e in record.entities] == [("Films", "ORG")]
