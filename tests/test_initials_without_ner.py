"""An initial and the surname after it ("C. Lobo") are one name in a language without NER
(h47 V9: Spanish and Portuguese surnames that are words came out translated, "C. Wolf", and
the initial "E." read as the conjunction). Every capital letter as the initial, surnames that
are common words and frames written for this test; a function word after a letter closing a
sentence ("vitamina C. Luego…") stays a word.
"""

from __future__ import annotations

import string
from collections.abc import Iterator

import pytest

from pipeline.engines.translate.name_guard import capitalised_runs
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs, translations

SURNAMES = {
    "es": ["Molina", "Herrero", "Toro", "Campo", "Delgado", "Rey"],
    "pt": ["Pereira", "Carvalho", "Ramos", "Leão", "Barbosa", "Moura"],
}
FRAMES = {
    "es": ["La carta de {n} llegó ayer.", "Dirección: {n}", "Reparto: {n} (el juez)."],
    "pt": ["Um filme de {n}", "A carta de {n} chegou ontem.", "Elenco: {n} (o juiz)."],
}


def cases(lang: str) -> list[tuple[str, str]]:
    """Each capital letter once, the surnames and frames in turn."""
    out = []
    for i, letter in enumerate(string.ascii_uppercase):
        name = f"{letter}. {SURNAMES[lang][i % len(SURNAMES[lang])]}"
        out.append((FRAMES[lang][i % len(FRAMES[lang])].format(n=name), name))
    return out


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_an_initial_and_its_surname_are_one_run(lang: str) -> None:
    for text, name in cases(lang):
        assert name in [text[s:e] for s, e in capitalised_runs(text, lang)], text
    assert "C. Luego" not in [
        "Tomo vitamina C. Luego salgo."[s:e]
        for s, e in capitalised_runs("Tomo vitamina C. Luego salgo.", "es")
    ]


@pytest.fixture(scope="module")
def offline() -> Iterator[Translate]:
    stage = Translate(cache=None, fallback="none")
    yield stage
    stage.close()


@needs_pairs("pt-es", "spa-eng")
@pytest.mark.parametrize("lang", ["es", "pt"])
def test_an_initial_and_its_surname_are_carried(offline: Translate, lang: str) -> None:
    texts = cases(lang)
    answers = translations(offline, [t for t, _ in texts], lang=lang)
    lost = [a for (_, name), a in zip(texts, answers, strict=True) if name not in a]
    assert not lost
