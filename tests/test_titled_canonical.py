"""A character introduced with a capitalised title and written bare far more often is named bare
(rule `bare_names`, h46 F16): "Maître X" twice and "X" eight times is the entity "X". The class
is every title a person is addressed by in French typography, the full forms of the
abbreviations `cues.json` lists (Me → Maître, Mgr → Monseigneur, Dr → Docteur, Pr →
Professeur, M. → Monsieur) and the family and religious ones written before a name ("le père X",
"Sœur X"), each generated before invented surnames. Real NER, real linking."""

from __future__ import annotations

import random

from pipeline.record import Record
from pipeline.stages.extract import Extract
from tests.linker import Linker

TITLES = [
    "Maître", "Monseigneur", "Docteur", "Professeur", "Monsieur", "Madame", "Père", "Mère",
    "Frère", "Sœur", "Capitaine", "Abbé",
]  # fmt: skip
SYLLABLES = ["cor", "bes", "son", "ker", "zel", "vau", "drac", "lin", "mar", "rec", "tra", "gon"]
BARE = [  # what a person does, so the bare name is read as the person it is
    "« Entrez », dit {s}.",
    "{s} répondit : « Non, pas ce soir. »",
    "— Merci, {s} !",
    "« Je reviendrai demain », murmura {s}.",
]


def chapters() -> list[tuple[str, list[Record]]]:
    rng = random.Random(46)
    out = []
    for i, title in enumerate(TITLES):
        surname = "".join(rng.sample(SYLLABLES, 3)).capitalize()
        lines = [
            f"Ce soir-là, {title} {surname} arriva au village.",
            f"« Bonsoir », dit {title} {surname}.",
        ]
        lines += [rng.choice(BARE).format(s=surname) for _ in range(8)]
        doc = f"c{i}"
        records = [
            Record(f"{doc}:{j}", doc, f"{doc}.txt", j, line, lang="fr")
            for j, line in enumerate(lines)
        ]
        out.append((surname, records))
    return out


def test_a_bare_name_written_more_is_the_canonical() -> None:
    docs = chapters()
    read = list(Extract(fields=["text"])([r for _, rs in docs for r in rs]))
    Linker().link_all(read)
    titled = []
    for (surname, records), title in zip(docs, TITLES, strict=True):
        mine = {r.id for r in records}
        canonicals = {
            e.canonical for r in read if r.id in mine for e in r.entities if surname in e.text
        }
        if canonicals != {surname}:
            titled.append((title, sorted(c or "" for c in canonicals)))
    assert not titled, f"{len(titled)} of {len(TITLES)}: {titled}"
