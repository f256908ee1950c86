"""The possessor's number the Spanish pivot loses ("leur" → "su" → "his") is put back from the
French source ("their"), and nothing else is touched (`engines/translate/possessive.py`).

The class: every French third-person possessive determiner (son, sa, ses, leur, leurs), in
any order and number in a sentence, at its start (capitalised) or inside, against English
translations holding as many possessives or not; and, with the real engine, "leur/leurs"
before nouns of each gender and number, against "leur" the pronoun and "son/sa/ses".
Sentences are written for this test, not taken from the sample corpus.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.possessive import ENGLISH, FRENCH, with_possessors

FRENCH_FORMS = ("son", "sa", "ses", "leur", "leurs")
ENGLISH_FORMS = ("his", "her", "its", "their")
PLURAL = ("leur", "leurs")


def sentence(words: list[str], filler: str) -> str:
    """`words` joined by a filler word, the first capitalised when it opens the sentence."""
    text = f" {filler} ".join(words) + "."
    return text[:1].upper() + text[1:]


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.sampled_from(FRENCH_FORMS), st.sampled_from(ENGLISH_FORMS)),
        min_size=1,
        max_size=6,
    ),
    extra=st.sampled_from([None, "french", "english"]),
)
def test_each_his_paired_with_leur_becomes_their(
    pairs: list[tuple[str, str]], extra: str | None
) -> None:
    french = [f for f, _ in pairs] + (["leur"] if extra == "french" else [])
    english = [e for _, e in pairs] + (["his"] if extra == "english" else [])
    source, answer = sentence(french, "mange"), sentence(english, "eats")
    got = with_possessors(source, answer)
    if extra is not None:  # counts differ: no pairing is safe, nothing changes
        assert got == answer
        return
    want = [
        "their" if f in PLURAL and e == "his" else e for f, e in zip(french, english, strict=True)
    ]
    assert [m[1].lower() for m in ENGLISH.finditer(got)] == want
    assert got[:1].isupper()  # "His" at the start becomes "Their"
    assert ENGLISH.sub("", got) == ENGLISH.sub("", answer)  # nothing else changes


def test_words_that_only_contain_a_possessive_are_not_counted() -> None:
    assert [m[1] for m in FRENCH.finditer("Le leurre, la saison, sa-voir, leurs")] == ["leurs"]
    assert [m[1] for m in ENGLISH.finditer("history, itself, theirs, his")] == ["his"]


NOUNS = {  # (French noun phrase after the possessive, its gender and number) written here
    "leur": ["jardin", "maison", "vieux chien", "idée"],
    "leurs": ["jardins", "maisons", "vieux chiens", "idées"],
}


@pytest.mark.parametrize(
    ("form", "noun"), [(f, n) for f, nouns in NOUNS.items() for n in nouns]
)  # fmt: skip
@pytest.mark.parametrize("opens", [False, True])
def test_leur_before_a_noun_is_their_through_the_real_engine(
    apertium: ApertiumTranslator, form: str, noun: str, opens: bool
) -> None:
    text = f"{form.capitalize()} {noun} est ici." if opens else f"Les voisins aiment {form} {noun}."
    got = apertium.translate([text], "fr", "en")[0]
    assert re.search(r"\btheir\b", got, re.IGNORECASE), got
    assert not re.search(r"\bhis\b", got, re.IGNORECASE), got


@pytest.mark.parametrize(
    "text",
    ["Le voisin aime son jardin et sa maison.", "Je leur donne ses livres.", "Il leur parle."],
)
def test_no_plural_possessor_no_change(apertium: ApertiumTranslator, text: str) -> None:
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, possessive=False)
    try:
        assert apertium.translate([text], "fr", "en") == off.translate([text], "fr", "en")
    finally:
        off.close()


def test_the_switch_changes_the_version_that_keys_the_cache(apertium: ApertiumTranslator) -> None:
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, possessive=False)
    try:
        assert off.version != apertium.version
        text = "Les voisins aiment leur jardin."
        assert "his" in off.translate([text], "fr", "en")[0].lower().split()
    finally:
        off.close()
