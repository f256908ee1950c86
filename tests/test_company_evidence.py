"""A company's bare name is not linked to a founder of another document when its own document
shows a company by grammar the business-word list did not hold (rule `person_across`, h46 F9):
a count written in words ("a supprimé soixante postes"), an officer or body before "of/de X"
("the chairman of X"), an apposition naming it by an organisation's role noun of `cues.json`
("X, the film's studio,"), a result it posts ("X booked a loss"), a listing ("X est cotée"); and such a bare name is an
organisation (rule `company_label`).
Generated: each class in English and French × invented surnames, a founder document for each.
Real NER, real linking; `organisation_signs` alone for what must stay a person."""

from __future__ import annotations

import itertools
import random

import pytest

from pipeline.evidence import organisation_signs
from pipeline.record import Record
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


def test_a_company_with_business_grammar_stays_apart_from_a_founder() -> None:
    records, founders = [], {}
    for i, (_, lang, surname, sentence) in enumerate(cases()):
        first = FIRST[i % len(FIRST)]
        founders[surname] = f"{first} {surname}"
        text = FOUNDER[lang].format(f=first, s=surname)
        records.append(Record(f"a{i}", f"a{i}", f"a{i}.txt", 0, text, lang=lang))
        records.append(Record(f"b{i}", f"b{i}", f"b{i}.txt", 0, sentence, lang=lang))
    records = list(Extract(fields=["text"])(records))
    linker = Linker()
    for r in records:
        linker.observe(r)
    linker.resolve()
    merged, found = [], 0
    for (cls, _, surname, sentence), founder, record in zip(
        cases(), records[::2], records[1::2], strict=True
    ):
        linker.apply(record)
        if not any(e.text == founders[surname] for e in founder.entities):
            continue  # the model did not find the founder's full name: no founder to merge into
        bare = [e for e in record.entities if e.text == surname]
        found += bool(bare)
        if any(e.canonical == founders[surname] for e in bare):
            merged.append((cls, sentence))
        elif any(e.label != "ORG" for e in bare):  # its own entity, named by what it is
            merged.append((cls, sentence, [e.label for e in bare]))
    assert found >= len(cases()) // 2
    assert not merged, f"{len(merged)} of {found}: {merged}"


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
