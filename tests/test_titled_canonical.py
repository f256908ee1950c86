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


# F15 (h47): the titled mention and the bare name are one person whatever the model read the
# titled form as ("Frère X" MISC beside "X" PERSON was an entity of its own), in both languages
TITLED = {
    "fr": ["Sœur", "Frère", "Mère", "Père", "l'abbé", "Maître", "la mère", "le père"],
    "en": ["Sister", "Father", "Brother", "Mother", "Aunt", "Uncle"],
}
SHAPES = {
    "fr": ["Ce jour-là, {t} {n} arriva au village.", "{t} {n} resta muette.",
           "— Bonsoir, {t} {n}, fit {m}.", "{t} {n} sortit sans un mot.",
           "— Tu es en retard, dit {n}.", "— Je sais, répondit {n} sans lever les yeux.",
           "Le soir, {n} descendit au port."],
    "en": ["That day {t} {n} came to the village.", "{t} {n} was waiting at the door.",
           '"Good evening, {t} {n}," said {m}.', '"You\'re late," said {n}.',
           '"I know," {n} replied.', "In the evening {n} walked down to the harbour."],
}  # fmt: skip


def test_a_titled_mention_is_the_person_of_its_bare_name() -> None:
    rng = random.Random("h47-titled")
    docs = []
    for i in range(16):
        lang = "fr" if i % 2 else "en"
        name = "".join(rng.sample(SYLLABLES, 2)).capitalize()
        other = "".join(rng.sample(SYLLABLES, 3)).capitalize()
        title = rng.choice(TITLED[lang])
        lines = [SHAPES[lang][0].format(t=title, n=name, m=other)]
        lines += [rng.choice(SHAPES[lang]).format(t=title, n=name, m=other) for _ in range(7)]
        records = [
            Record(f"t{i}:{j}", f"t{i}", f"t{i}.txt", j, line, lang=lang)
            for j, line in enumerate(lines)
        ]
        docs.append((name, records))
    read = list(Extract(fields=["text"])([r for _, rs in docs for r in rs]))
    Linker().link_all(read)
    faults = []
    for name, records in docs:
        mine = {r.id for r in records}
        found = [
            (e.entity_id, e.label)
            for r in read
            if r.id in mine
            for e in r.entities
            if name in e.text
        ]
        if len({i for i, _ in found}) != 1 or {lb for _, lb in found} != {"PERSON"}:
            faults.append((name, sorted(set(found))))
    assert not faults, (len(faults), faults[:4])


# first names that are words of the language (the model reads "Sœur X", "Frère X" as a work
# or a thing more often then): generic French words, no sample's names
WORD_FIRST_NAMES = ["Colombe", "Aube", "Perle", "Violette", "Rosée", "Prune", "Capucine",
                    "Clémence", "Bérénice", "Angèle", "Mélisse", "Olive", "Espérance", "Sidonie",
                    "Brune", "Flore", "Reine", "Fleur", "Céleste", "Lune"]  # fmt: skip
TITLED_SHAPES = ["Ce jour-là, {t} {n} arriva au village.", "{t} {n} resta muette.",
                 "{t} {n} sortit sans un mot."]  # fmt: skip
BARE_SHAPES = ["— Tu es en retard, dit {n}.", "— Je sais, répondit {n} sans lever les yeux."]


def test_a_titled_name_in_a_document_of_its_own_is_the_person() -> None:
    """A chapter writing only "Sœur X" and one writing the bare X who speaks: one entity, a
    person (rule `titled_link`), whatever the model read the titled form as (main: 3 of 20
    names split in two entities, the titled one MISC)."""
    records = []
    for i, name in enumerate(WORD_FIRST_NAMES):
        title = TITLED["fr"][i % 6]  # capitalised or not, the title opens the mention
        for part, shapes in (("a", TITLED_SHAPES), ("b", BARE_SHAPES)):
            doc = f"t{i}{part}"
            records += [
                Record(f"{doc}:{j}", doc, f"{doc}.txt", j, s.format(t=title, n=name), lang="fr")
                for j, s in enumerate(shapes)
            ]
    read = Linker().link_all(list(Extract(fields=["text"])(records)))
    faults = []
    for name in WORD_FIRST_NAMES:
        found = {(e.entity_id, e.label) for r in read for e in r.entities if name in e.text}
        if len({i for i, _ in found}) != 1 or {lb for _, lb in found} != {"PERSON"}:
            faults.append((name, sorted(found)))
    assert not faults, (len(faults), faults[:4])
