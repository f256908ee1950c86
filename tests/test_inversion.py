"""French subject–verb inversion ("Suis-je", "vas-tu", "a-t-il") reaches the French→Spanish
step in declarative order, decided by the route's own analyser; English typography for « ».

The class: every French subject clitic × finite verb forms that agree with it (regular and
irregular, with the euphonic "-t-", capitalised at a sentence start or not), against the forms
that must stay (an imperative with an object pronoun, a hyphenated word that is no inversion).
Sentences are written for this test, not taken from the sample corpus.
"""

from __future__ import annotations

import itertools
import re

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator, tidy
from pipeline.engines.translate.inversion import SUBJECTS, Inversion, agreements

# (subject, finite forms agreeing with it): verbs of each group, être and avoir.
FORMS = {
    "je": ["suis", "ai", "vais", "peux", "dois", "mange", "finis", "prends", "serai", "étais"],
    "tu": ["es", "as", "vas", "peux", "dois", "manges", "finis", "prends", "seras", "étais"],
    "il": ["est", "a", "va", "peut", "doit", "mange", "finit", "prend", "sera", "était"],
    "elle": ["est", "a", "va", "peut", "doit", "mange", "finit", "prend", "sera", "était"],
    "on": ["est", "a", "va", "peut", "doit", "mange", "finit", "prend", "sera", "était"],
    "nous": ["sommes", "avons", "allons", "pouvons", "devons", "mangeons", "prenons"],
    "vous": ["êtes", "avez", "allez", "pouvez", "devez", "mangez", "finissez", "prenez"],
    "ils": ["sont", "ont", "vont", "peuvent", "doivent", "mangent", "finissent", "prennent"],
    "elles": ["sont", "ont", "vont", "peuvent", "doivent", "mangent", "finissent", "prennent"],
}
VOWEL_END = re.compile(r"[ae]$")  # "a-t-il", "va-t-elle", "mange-t-on"
STAYS = [
    "Ajoute-moi à la liste.",
    "Prends-le avec toi.",
    "Allons-y demain.",
    "Donne-lui la clé.",
    "C'est peut-être vrai.",
    "Il vit à Saint-Étienne.",
    "Le grand-père dort.",
    "Le vis-à-vis est calme.",
]


def inverted(subject: str, verb: str, capital: bool) -> tuple[str, str]:
    """(inverted sentence, the same in declarative order)."""
    joint = "-t-" if VOWEL_END.search(verb) and subject[0] in "aeiou" else "-"
    question = f"{verb}{joint}{subject} content ?"
    plain = f"{subject} {verb} content ?"
    if capital:
        question = question[0].upper() + question[1:]
        plain = plain[0].upper() + plain[1:]
    return question, plain


CASES = [(s, v, c) for s, verbs in FORMS.items() for v in verbs for c in (False, True)]


def test_every_subject_clitic_is_in_the_class() -> None:
    assert set(FORMS) | {"ce"} == set(SUBJECTS)


def fake_analyser(words: list[str]) -> list[str]:
    """Stands for Apertium's: every form of FORMS is a finite verb of its subject's person."""
    person = {"je": "p1><sg", "tu": "p2><sg", "nous": "p1><pl", "vous": "p2><pl",
              "ils": "p3><pl", "elles": "p3><pl"}  # fmt: skip
    out = []
    for word in words:
        readings = [f"{s}<prn><tn><{person.get(s, 'p3><sg')}>" for s in FORMS if s == word]
        readings += [
            f"x<vblex><pri><{person.get(s, 'p3><sg')}>"
            for s, verbs in FORMS.items()
            if word.lower() in verbs
        ]
        out.append("^" + "/".join([word, *readings]) + "$")
    return out


@pytest.mark.parametrize(("subject", "verb", "capital"), CASES)
def test_an_agreeing_inversion_is_put_in_declarative_order(
    subject: str, verb: str, capital: bool
) -> None:
    question, plain = inverted(subject, verb, capital)
    assert Inversion(fake_analyser).rewrite([question]) == [plain]


def test_a_verb_that_does_not_agree_or_is_unknown_stays() -> None:
    rewrite = Inversion(fake_analyser).rewrite
    assert rewrite(["Suis-tu là ?", "Mangeons-je ?", "Zorbe-t-il ?"]) == [
        "Suis-tu là ?", "Mangeons-je ?", "Zorbe-t-il ?",
    ]  # fmt: skip


def test_agreement_reads_apertium_tags() -> None:
    verb = "^Suis/être<vbser><pri><p1><sg>/suivre<vblex><imp><p2><sg>$"
    assert agreements(verb, finite=True) == {("p1", "sg")}
    assert agreements("^on/on<prn><pro><ref><p3><mf><sp>$", finite=False) == {("p3", "sp")}
    assert agreements("^ce/ce<det><dem><m><sg>/ce<prn><tn><nt><sg>$", False) == {("p3", "sg")}


@pytest.mark.parametrize(("subject", "verb", "capital"), CASES)
def test_inverted_and_declarative_translate_alike(
    apertium: ApertiumTranslator, subject: str, verb: str, capital: bool
) -> None:
    """With the route's real analyser: on main, "Suis-je" gave "I am-", "vas-tu" "go-quiet"."""
    question, plain = inverted(subject, verb, capital)
    got, want = apertium.translate([question, plain], "fr", "en")
    assert got == want
    assert not re.search(r"\w-(\s|$|\W)", got)  # no verb left hanging on its hyphen


def test_imperatives_and_hyphenated_words_are_not_rewritten(apertium: ApertiumTranslator) -> None:
    mode = apertium.analyser("fr", ("fr", "en"))
    assert mode is not None
    assert apertium.uninverted(STAYS, "fr", "en") == STAYS
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, inversion=False)
    try:
        assert apertium.translate(STAYS, "fr", "en") == off.translate(STAYS, "fr", "en")
        assert off.uninverted(["Suis-je là ?"], "fr", "en") == ["Suis-je là ?"]
    finally:
        off.close()


def test_switches_change_the_version_that_keys_the_cache(apertium: ApertiumTranslator) -> None:
    versions = set()
    for inversion, quotes in itertools.product((False, True), repeat=2):
        engine = ApertiumTranslator(apertium.modes_dir, inversion=inversion, quotes=quotes)
        versions.add(engine.version)
        engine.close()
    assert len(versions) == 4


@pytest.mark.parametrize("space", ["", " ", "\u00a0", "\u202f"])
def test_french_quotation_marks_become_english_ones(space: str) -> None:
    text = f"«{space}Il pleut{space}», dit-elle, «{space}encore{space}»."
    assert tidy(text, "en", quotes=True) == '"Il pleut", dit-elle, "encore".'
    assert tidy(text, "en") == text.replace(f"{space},", ",").replace(f"{space}.", ".")
    assert tidy(text, "fr", quotes=True) == text
    kept = f"Il aime «{space}XNAMEBX{space}» et « dit » ; « seul"
    assert tidy(kept, "en", quotes=True) == 'Il aime "XNAMEBX" et "dit"; « seul'
