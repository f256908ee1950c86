"""French "il/elle/ils/elles" + a verb that also reads as an imperative ("aime", "regarde")
keep their subject in English (`engines/translate/subjects.py`, the pivot way).

Spanish drops subject pronouns; a token in place of the pronoun makes `fr-es` read such a
verb as an imperative ("XSUBJBX aime Paris" → "ame París"), so the subject is written into the
Spanish pivot instead ("Ama París" → "Ella ama París" → "She loves Paris"; without it
`spa-eng` reads "Ama" as the noun "master").

The class: first-group verbs × the four pronouns (singular forms hold the imperative reading)
× objects that are names, titles in « », common nouns, and places in the sentence (start,
after a comma, after "que", with negation and object clitics); against impersonal "il",
which stays "it"/"there". Sentences are written for this test, not taken from the corpus.
"""

from __future__ import annotations

import itertools
import re

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.subjects import PIVOT_MARK, Subjects

# Infinitive stems of first-group verbs: present 3sg = stem + "e" (also 2sg imperative).
STEMS = ["aim", "regard", "racont", "ador", "trouv", "écout", "prépar", "dessin", "visit",
         "chant", "mang", "cherch"]  # fmt: skip
OBJECTS = ["Paris", "Marie", "« Le Mépris »", "le film", "une histoire", "la chanson"]
ENGLISH = {"il": "he", "elle": "she", "ils": "they", "elles": "they"}
PLACES = ["{P} {v} {o}.", "Le soir, {p} {v} {o}.", "Marc dit qu'{p} {v} {o}."]


def form(stem: str, pronoun: str) -> str:
    ending = "ent" if pronoun.endswith("s") else "e"
    return stem + ("e" + ending[1:] if stem.endswith("g") and ending == "ent" else ending)


CASES = [
    (place.format(P=p.capitalize(), p=p, v=form(s, p), o=o), ENGLISH[p])
    for (i, s), p, place in itertools.product(enumerate(STEMS), ENGLISH, PLACES)
    for o in (OBJECTS[i % len(OBJECTS)], OBJECTS[(i + 3) % len(OBJECTS)])
]
NEGATED = [
    (f"{p.capitalize()} ne la {form(s, p)} jamais.", ENGLISH[p])
    for s, p in itertools.product(["regard", "racont", "chant", "cherch"], ENGLISH)
]
IMPERSONAL = ["Il y a un chat dans le jardin.", "Il faut chanter demain.", "Il pleut sur Paris.",
              "Il est facile de regarder le film.", "Il semble que Marie aime Paris.",
              "Il n'y a pas de chanson.", "Il reste une histoire."]  # fmt: skip


@pytest.fixture(scope="module")
def english(apertium: ApertiumTranslator) -> dict[str, str]:
    texts = [t for t, _ in CASES + NEGATED] + IMPERSONAL
    return dict(zip(texts, apertium.translate(texts, "fr", "en"), strict=True))


@pytest.mark.parametrize(("french", "pronoun"), CASES + NEGATED)
def test_the_subject_reaches_english(english: dict[str, str], french: str, pronoun: str) -> None:
    got = english[french]
    assert re.search(rf"\b{pronoun}\b", got, re.IGNORECASE), got
    assert "XSUBJ" not in got.upper() and PIVOT_MARK not in got


@pytest.mark.parametrize("french", IMPERSONAL)
def test_impersonal_il_stays_it_or_there(english: dict[str, str], french: str) -> None:
    assert not re.search(r"\bhe\b", english[french], re.IGNORECASE), english[french]


def test_a_sentence_without_a_subject_is_byte_identical(apertium: ApertiumTranslator) -> None:
    texts = ["Marie aime Paris.", "Le film raconte une histoire.", "Regarde le film !"]
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, subjects=False)
    try:
        assert apertium.translate(texts, "fr", "en") == off.translate(texts, "fr", "en")
    finally:
        off.close()


def test_a_text_holding_the_mark_is_left_alone() -> None:
    def analyse(words: list[str]) -> list[str]:
        return [f"^{w}/aimer<vblex><pri><p3><sg>/aimer<vblex><imp><p2><sg>$" for w in words]

    text = f"Elle aime {PIVOT_MARK}."
    marked = Subjects(analyse).mark([text])[0]
    assert marked.text == text and marked.pivots == ()
    assert Subjects.without_pivot_marks(marked).text == text


def test_a_text_holding_the_mark_keeps_it(apertium: ApertiumTranslator) -> None:
    got = apertium.translate([f"Elle aime Paris {PIVOT_MARK}."], "fr", "en")[0]
    assert PIVOT_MARK in got


def test_without_a_pivot_mark_the_output_is_byte_identical(apertium: ApertiumTranslator) -> None:
    """Texts the pivot way does not touch (a token-way verb, an impersonal "il", none at
    all) come out as they did without it, in a batch beside texts it does touch."""
    untouched = ["Il a dit que Marie chante.", "Il faut partir.", "Ils ont mangé.", "Bonjour."]
    touched = ["Elle aime Paris.", "Il regarde « Le Mépris »."]
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, subject_pivot=False)
    try:
        assert off.version != apertium.version
        before = off.translate(untouched + touched, "fr", "en")
        after = apertium.translate(untouched + touched, "fr", "en")
        assert after[: len(untouched)] == before[: len(untouched)]
        assert after[len(untouched) :] != before[len(untouched) :]
    finally:
        off.close()
