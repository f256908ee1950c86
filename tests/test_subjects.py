"""French third-person subject pronouns reach English past the pro-drop Spanish pivot
(`engines/translate/subjects.py`): "il a dit" → "he has said", not "has said".

The class: every third-person subject clitic (il, elle, ils, elles) × every place it stands
(a text's start, inside a sentence, after "qu'" and "s'", before negation and object clitics)
× verbs in several tenses, against what must stay: impersonal "il" (each verb French uses
impersonally, "il y a", "il va y avoir", "il est ... de/que"), a pronoun before a word that is
not only a finite verb, a pronoun inside a hyphenated inversion, a text holding the token's
stem. Sentences are written for this test, not taken from the sample corpus.
"""

from __future__ import annotations

import itertools
import re

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.subjects import (
    IMPERSONAL,
    PIVOT_MARK,
    PRONOUNS,
    STEM,
    Marked,
    Subjects,
)

VERBS = {
    "parle": "parler<vblex><pri><p3><sg>",
    "parlent": "parler<vblex><pri><p3><pl>",
    "a": "avoir<vbhaver><pri><p3><sg>",
    "ont": "avoir<vbhaver><pri><p3><pl>",
    "était": "être<vbser><pii><p3><sg>",
    "est": "être<vbser><pri><p3><sg>",
    "va": "aller<vblex><pri><p3><sg>",
    "porte": "porter<vblex><pri><p3><sg>/porte<n><f><sg>",
    **{f"{lemma}x": f"{lemma}<vblex><pri><p3><sg>" for lemma in IMPERSONAL},
}


def fake(words: list[str]) -> list[str]:
    return [f"^{w}/{VERBS[w]}$" if w in VERBS else f"^{w}/*{w}$" for w in words]


PLACES = ["{p} {v} demain.", "Hier, {p} {v} demain.", "Je sais qu'{p} {v}.", "S'{p} {v}, bien.",
          "{p} ne lui en {v} pas."]  # fmt: skip


@pytest.mark.parametrize(
    ("pronoun", "verb", "place"),
    [
        (p, v, place)
        for p, place in itertools.product(PRONOUNS, PLACES)
        for v in (("parle", "a", "était") if p in ("il", "elle") else ("parlent", "ont"))
    ],
)
def test_a_personal_subject_becomes_a_token_and_its_english_pronoun(
    pronoun: str, verb: str, place: str
) -> None:
    text = place.format(p=pronoun, v=verb)
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    marked = Subjects(fake).mark([text])[0]
    assert marked.tokens == 1
    assert not re.search(rf"(?<![\w-]){pronoun}(?![\w-])", marked.text, re.IGNORECASE)
    english = f"{marked.text.split(STEM)[0]}{STEM}" + marked.text.split(STEM)[1]
    restored = Subjects(fake).restore(marked, english)
    assert restored is not None
    assert re.search(rf"\b{PRONOUNS[pronoun]}\b", restored, re.IGNORECASE)


@pytest.mark.parametrize(
    "text",
    [
        *(f"Il {lemma}x partir." for lemma in sorted(IMPERSONAL)),
        "Il y a du pain.",
        "Il n'y a pas de pain.",
        "Il va y avoir du pain.",
        "Il est difficile de partir.",
        "Il était clair que non.",
        "Ils parle demain.",  # no agreement: "parle" is singular
        "A-t-il parlé ?",
        "Il parle de XSUBJAX.",  # the text holds the stem: nothing is marked
    ],
)
def test_what_is_no_personal_subject_is_left_alone(text: str) -> None:
    marked = Subjects(fake).mark([text])[0]
    assert marked == Marked(text, 0)


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        ("XSUBJAX has said.", "He has said."),
        ("XSUBJBX Has said.", "She has said."),  # the chain's capital after a token
        ("Yesterday, XSUBJCX have said.", "Yesterday, they have said."),
        ('He said: "XSUBJDX Left."', 'He said: "They left."'),
    ],
)
def test_tokens_become_pronouns_with_the_sentence_case(answer: str, want: str) -> None:
    assert Subjects(fake).restore(Marked("", 1), answer) == want


def test_a_lost_or_doubled_token_is_not_used() -> None:
    subjects = Subjects(fake)
    assert subjects.restore(Marked("", 0), "He said XSUBJAX.") == "He said XSUBJAX."
    assert subjects.restore(Marked("", 1), "Has said.") is None
    assert subjects.restore(Marked("", 1), "XSUBJAX XSUBJAX has said.") is None


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Il a parlé hier.", r"^He "),
        ("Hier, elle a parlé.", r", she "),
        ("Je sais qu'il a parlé.", r"\bhe\b"),
        ("Elle ne l'a pas vu.", r"^She "),
    ],
)
def test_the_real_engine_writes_the_subject(
    apertium: ApertiumTranslator, french: str, english: str
) -> None:
    got, own = apertium.translate([french, "Il parle de XSUBJAX."], "fr", "en")
    assert re.search(english, got), got
    assert "XSUBJAX" in own  # the text's own token-like word is kept as written
    assert STEM.lower() not in got.lower()
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, subjects=False)
    try:
        assert not re.search(english, off.translate([french], "fr", "en")[0])
        assert off.version != apertium.version
    finally:
        off.close()


PIVOT_VERBS = {
    "regarde": "regarder<vblex><pri><p3><sg>/regarder<vblex><imp><p2><sg>",
    "porte": VERBS["porte"],
    "reste": "rester<vblex><pri><p3><sg>/reste<n><m><sg>",
    "doit": "devoir<vbmod><pri><p3><sg>/doit<n><m><sg>",
    "Tom": "Tom<np><ant>",
    "mais": "mais<cnjcoo>/mai<n><m><pl>",
}


def fake_pivot(words: list[str]) -> list[str]:
    known = VERBS | PIVOT_VERBS
    return [f"^{w}/{known[w]}$" if w in known else f"^{w}/*{w}$" for w in words]


@pytest.mark.parametrize(
    ("text", "pivots"),
    [
        ("Il porte un sac.", ("Él",)),  # "porte" is also a noun: into the pivot
        ("Elle regarde le ciel.", ("Ella",)),  # "regarde" is also an imperative
        ("Hier, ils regarde.", ()),  # no agreement
        ("Demain elles regarde et il parle.", ()),  # no agreement, and a token
        ("Il reste deux jours.", ()),  # impersonal as often as not
        ("Elle doit partir.", ()),  # a modal reading: the chain writes "it has to"
        ("Tom il regarde ?", ()),  # after a name: the subject repeated
        ("mais il regarde.", ("él",)),  # "mais" is a conjunction too
    ],
)
def test_a_verb_with_another_reading_goes_into_the_pivot(text: str, pivots: tuple[str]) -> None:
    marked = Subjects(fake_pivot).mark([text])[0]
    assert marked.pivots == pivots
    assert marked.text.count(PIVOT_MARK) == len(pivots)
    assert marked.text.replace(PIVOT_MARK, "") == Subjects.without_pivot_marks(marked).text


def test_no_pivot_mark_where_the_inversion_put_a_pronoun_after_a_clitic() -> None:
    subjects = Subjects(fake_pivot)
    for text in ("Le ciel te elle regarde ?", "Ceci t’il regarde ?", "Ceci ne il regarde pas ?"):
        assert subjects.mark([text], [True])[0].pivots == ()
        assert subjects.mark([text], [False])[0].pivots != ()
    assert subjects.mark(["Il regarde le ciel ?"], [True])[0].pivots == ("Él",)
    assert Subjects(fake_pivot, pivot=False).mark(["Elle regarde le ciel."])[0].pivots == ()


@pytest.mark.parametrize(
    ("pivots", "spanish", "want"),
    [
        (("Ella",), f"{PIVOT_MARK}Mira el cielo.", "Ella mira el cielo."),
        (("Ella",), f"{PIVOT_MARK}No la mira.", "Ella no la mira."),
        (("ellos",), f"Mañana {PIVOT_MARK}miran el cielo.", "Mañana ellos miran el cielo."),
        (("él",), f"« {PIVOT_MARK}Mira »", "« él Mira »"),  # the source's case
        (("Ella",), f"{PIVOT_MARK}Ella cuenta.", "Ella cuenta."),  # a subject of its own
        (("Él", "ella"), f"{PIVOT_MARK}Ama y {PIVOT_MARK}mira.", "Él ama y ella mira."),
        (("Ella",), "Mira el cielo.", None),  # the mark lost
        (("Ella",), f"{PIVOT_MARK}{PIVOT_MARK}Mira.", None),  # doubled
    ],
)
def test_the_spanish_pronoun_goes_where_the_mark_is(
    pivots: tuple[str, ...], spanish: str, want: str | None
) -> None:
    assert Subjects.in_pivot(Marked("", 0, pivots), spanish) == want
