"""A company's bare name is not linked to a founder of another document when its own document
shows a company by grammar the business-word list did not hold (rule `person_across`, h46 F9):
a count written in words ("a supprimé soixante postes"), an officer or body before "of/de X"
("the chairman of X"), an apposition naming it by an organisation's role noun of `cues.json`
("X, the film's studio,"), a result it posts ("X booked a loss"), a listing ("X est cotée"); with rule `company_label`
(off by default), such a bare name is an organisation.
Generated: each class in English and French × invented surnames, a founder document for each.
Real NER, real linking; `organisation_signs` alone for what must stay a person."""

from __future__ import annotations

import itertools
import random

import pytest

from pipeline.evidence import organisation_signs
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.linker import Linker

FOUNDER = {
    "fr": "{f} {s} (1870-1941) était un inventeur français qui construisit son premier appareil.",
    "en": "{f} {s} (1870-1941) was a French inventor who built his first camera in 1896.",
}
CLASSES = {  # class → language → sentences with the bare name {s}
    "spelled count": {
        "fr": ["{s} a supprimé soixante postes dans ses ateliers.",
               "Depuis mars, {s} emploie deux cents techniciens."],
        "en": ["{s} cut sixty jobs at its plant last spring.",
               "Today {s} runs thirty screens across the region."],
    },
    "officer of": {
        "fr": ["Le directeur général de {s} a quitté ses fonctions hier.",
               "Le conseil d'administration de {s} a validé l'accord."],
        "en": ["The chairman of {s} stepped down on Monday.",
               "The board of directors of {s} backed the deal."],
    },
    "apposition": {
        "fr": ["{s}, le studio du film, a confirmé la sortie.",
               "{s}, la société de la famille, a confirmé la sortie."],
        "en": ["{s}, the film's studio, confirmed the release.",
               "{s}, a company of the family, confirmed the release."],
    },
    "result": {
        "fr": ["{s} a affiché une nouvelle perte au premier semestre.",
               "Selon la presse, {s} est cotée depuis le printemps."],
        "en": ["{s} booked a second loss in the first half.",
               "Last year {s} reported a small profit after two bad years."],
    },
}  # fmt: skip
FIRST = ["Corentin", "Aurèle", "Tancrède", "Odilon"]
SYLLABLES = ["dar", "gon", "nec", "lan", "quil", "lac", "vau", "zel", "ker", "tra", "mou", "sel"]


def cases() -> list[tuple[str, str, str, str]]:
    """(class, language, surname, company sentence), each with a fresh surname."""
    rng = random.Random(46)
    out, used = [], set()
    for cls, by_lang in CLASSES.items():
        for lang, sentence in itertools.chain.from_iterable(
            ((lang, s) for s in sentences) for lang, sentences in by_lang.items()
        ):
            for _ in range(2):
                surname = "".join(rng.sample(SYLLABLES, 3)).capitalize()
                while surname in used:
                    surname = "".join(rng.sample(SYLLABLES, 3)).capitalize()
                used.add(surname)
                out.append((cls, lang, surname, sentence.format(s=surname)))
    return out


def linked(company_label: bool) -> tuple[list[tuple[str, str, list[Entity]]], int]:
    """Each company sentence whose founder's full name the model found: (class, sentence,
    its bare name's mentions once linked); and how many cases that leaves."""
    records, founders = [], {}
    for i, (_, lang, surname, sentence) in enumerate(cases()):
        first = FIRST[i % len(FIRST)]
        founders[surname] = f"{first} {surname}"
        text = FOUNDER[lang].format(f=first, s=surname)
        records.append(Record(f"a{i}", f"a{i}", f"a{i}.txt", 0, text, lang=lang))
        records.append(Record(f"b{i}", f"b{i}", f"b{i}.txt", 0, sentence, lang=lang))
    records = list(Extract(fields=["text"])(records))
    out = []
    with using(Rules.default().with_("company_label", company_label)):
        Linker().link_all(records)
        for (cls, _, surname, sentence), founder, record in zip(
            cases(), records[::2], records[1::2], strict=True
        ):
            if any(e.text == founders[surname] for e in founder.entities):
                bare = [e for e in record.entities if e.text == surname]
                out.append((cls, sentence, bare, founders[surname]))
    found = sum(1 for *_, bare, _ in out if bare)
    assert found >= len(cases()) // 2
    return [(c, s, b) for c, s, b, f in out if any(e.canonical == f for e in b)], found


def test_a_company_with_business_grammar_stays_apart_from_a_founder() -> None:
    merged, found = linked(False)
    assert not merged, f"{len(merged)} of {found}: {merged}"


def test_with_company_label_such_a_bare_name_is_an_organisation() -> None:
    """Rule `company_label`, off by default (wikigold NER -0.6): the label follows the signs."""
    merged, _ = linked(True)
    assert not merged
    records = [
        Record("b", "b", "b.txt", 0, s.format(s="Zelvaunec"), lang=lang)
        for by_lang in CLASSES.values()
        for lang, sentences in by_lang.items()
        for s in sentences
    ]
    read = list(Extract(fields=["text"])(records))
    with using(Rules.default().with_("company_label", True)):
        labels = {
            e.label for r in Linker().link_all(read) for e in r.entities if e.text == "Zelvaunec"
        }
    assert labels == {"ORG"}, labels


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Vauzelec a trois enfants et deux frères."),
        ("fr", "Vauzelec, le frère du réalisateur, est venu."),
        ("en", "Vauzelec, the director, came alone."),
        ("en", "Vauzelec mourned the loss of his wife."),
        ("en", "Vauzelec reported to the police at dawn."),
        ("fr", "Vauzelec a obtenu une bourse d'études."),
    ],
)
def test_a_persons_sentence_shows_no_company(lang: str, text: str) -> None:
    assert not organisation_signs(text, 0, len("Vauzelec"), lang)
