"""A short record's language is told by its own words, not by the title or the names it
carries (h46 finding U15: "Les Misérables (2012) trailer", "Review: « Les Quatre Cents Coups »
(1959)", "Marcel Carné and Jacques Prévert" were French and translated; `quotations.
outside_titles`, `detect.readings`).

Generated: titles in title case and people's names, French and English, built here from words
written for this test, each in frames of the other language (a word or a few around it, a year,
a colon, quotation marks); the record's language is the frame's. Of 108 such cases (the frames
here and a few more, seeds 1 and 2) 71 and 67 were wrong on main, 8 after (a French phrase
English borrows, "Bon voyage, X!"; "X, le casting" read as Italian). The real short-sentence
sets keep their accuracy (Tatoeba's 5,000 unchanged, Debian's 3,150 one better): measured
when the rule was made (`detect.readings`' doc), not here.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.quotations import outside_titles, title_runs
from pipeline.record import Record
from pipeline.stages.detect import Detect

FR_NOUNS = ["Maison", "Rivière", "Montagne", "Fenêtre", "Forêt", "Lumière", "Mémoire", "Chemin"]
FR_ADJECTIVES = ["Bleue", "Perdue", "Noire", "Secrète", "Dernière", "Oubliée"]
EN_NOUNS = ["River", "Garden", "Mountain", "Window", "Forest", "Harbour", "Meadow", "Lantern"]
EN_ADJECTIVES = ["Silent", "Last", "Hidden", "Broken", "Golden", "Forgotten"]
FR_FIRST = ["Amélie", "Étienne", "Hélène", "Lucien", "Odile", "Théophile"]
FR_LAST = ["Lefèvre", "Moreau", "Girard", "Rousseau", "Fontaine", "Mercier"]
EN_FIRST = ["Margaret", "Walter", "Dorothy", "Harold", "Edith", "Clifford"]
EN_LAST = ["Whitfield", "Brooks", "Thornton", "Hastings", "Ashworth", "Pembroke"]

fr_title = st.builds(lambda n, a: f"La {n} {a}", st.sampled_from(FR_NOUNS),
                     st.sampled_from(FR_ADJECTIVES)) | st.builds(
    lambda n, m: f"Le {n} de la {m}", st.sampled_from(FR_NOUNS), st.sampled_from(FR_NOUNS))  # fmt: skip
en_title = st.builds(lambda a, n: f"The {a} {n}", st.sampled_from(EN_ADJECTIVES),
                     st.sampled_from(EN_NOUNS))  # fmt: skip
fr_name = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(FR_FIRST), st.sampled_from(FR_LAST))
en_name = st.builds(lambda a, b: f"{a} {b}", st.sampled_from(EN_FIRST), st.sampled_from(EN_LAST))
year = st.integers(1930, 2024)

EN_FRAMES = [
    "{t} trailer", "{t} ({y}) trailer", "{t} review", "Review: « {t} » ({y})",
    "{a} and {b}", "{t}: official trailer", "Watch {t} online", "{t} soundtrack",
]  # fmt: skip
FR_FRAMES = [
    "{t} : bande-annonce", "Critique : « {t} » ({y})", "{a} et {b}", "Avis sur {t}",
    "{t} : la critique", "Entretien avec {a}", "{t} ({y}) : notre avis",
]  # fmt: skip


def framed(frames: list[str], titles: st.SearchStrategy[str], names: st.SearchStrategy[str]):  # type: ignore[no-untyped-def]
    return st.builds(lambda f, t, a, b, y: f.format(t=t, a=a, b=b, y=y),
                     st.sampled_from(frames), titles, names, names, year)  # fmt: skip


@pytest.fixture(scope="module")
def detect() -> Detect:
    stage = Detect()
    stage.setup()
    return stage


def languages(detect: Detect, texts: list[str]) -> list[str]:
    """Each text's language, each record a document of its own."""
    records = [
        Record(id=str(i), doc_id=str(i), source="t", seq=0, text=t) for i, t in enumerate(texts)
    ]
    return [r.lang or "" for r in detect(records)]


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(framed(EN_FRAMES, fr_title, fr_name), min_size=8, max_size=8),
       st.lists(framed(FR_FRAMES, en_title, en_name), min_size=8, max_size=8))  # fmt: skip
def test_the_frame_tells_the_language_not_the_title(
    detect: Detect, english: list[str], french: list[str]
) -> None:
    found = languages(detect, english + french)
    wrong = [t for t, lang, want in zip(english + french, found, ["en"] * 8 + ["fr"] * 8, strict=True)
             if lang != want]  # fmt: skip
    assert not wrong, wrong


def test_title_runs() -> None:
    runs = lambda t: [t[s:e] for s, e in title_runs(t)]  # noqa: E731
    assert runs("Le Bonheur des Dames review") == ["Le Bonheur des Dames"]
    assert runs("Cléo de 5 à 7 review") == ["Cléo de 5 à 7"]
    assert runs("Marcel Carné and Jacques Prévert") == ["Marcel Carné", "Jacques Prévert"]
    assert runs("Cabecera XPM no válida") == []  # an abbreviation is no title's word
    assert runs("Este Tom un actor?") == []  # a sentence's first word: capitalised by place
    assert outside_titles("Review: « Les Quatre Cents Coups » (1959)") == "Review:"
    assert outside_titles("Il pleut.") is None
