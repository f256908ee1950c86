"""French indefinite "des" (off by default: measured ±0 on news) is dropped only where the
grammar says it is no *de* + article (`engines/translate/partitive.py`).

The class: "des" after each kind of word the analyser can name (finite verb, infinitive,
participle, noun, adjective, conjunction after either reading, unknown, ambiguous), after
clause-opening punctuation and at a text's start (capitalised), against words that only hold
"des". Words are written for this test, not taken from the sample corpus.
"""

from __future__ import annotations

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.partitive import Partitive

READINGS = {
    "mange": ["manger<vblex><pri><p3><sg>"],
    "acheter": ["acheter<vblex><inf>"],
    "entouré": ["entourer<vblex><pp><m><sg>"],
    "prix": ["prix<n><m><sp>"],
    "plein": ["plein<adj><m><sg>"],
    "et": ["et<cnjcoo>"],
    "porte": ["porte<n><f><sg>", "porter<vblex><pri><p3><sg>"],
}


def fake(words: list[str]) -> list[str]:
    return [
        "^" + "/".join([w, *READINGS[w]]) + "$" if w in READINGS else f"^{w}/*{w}$" for w in words
    ]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Il mange des pommes.", "Il mange pommes."),
        ("Il veut acheter des pommes.", "Il veut acheter pommes."),
        ("Des pommes tombent.", "Pommes tombent."),
        ("Hier, des pommes tombent.", "Hier, pommes tombent."),
        ("Il mange des pommes et des poires.", "Il mange pommes et poires."),
        ("Le prix des pommes et des poires.", "Le prix des pommes et des poires."),
        ("Et des poires.", "Et des poires."),  # no "des" before it to follow
        ("Il est entouré des siens.", "Il est entouré des siens."),
        ("Un panier plein des pommes.", "Un panier plein des pommes."),
        ("Il porte des pommes.", "Il porte des pommes."),
        ("Il zorbe des pommes.", "Il zorbe des pommes."),
        ("Il mange desserts, dès lors, Desnos.", "Il mange desserts, dès lors, Desnos."),
    ],
)
def test_only_an_indefinite_des_is_dropped(text: str, want: str) -> None:
    assert Partitive(fake).rewrite([text]) == [want]


def test_the_real_engine_is_unchanged_by_default(apertium: ApertiumTranslator) -> None:
    assert not apertium.partitive
    text = "Il mange des pommes et des poires."
    assert apertium.uninverted([text], "fr", "en") == [text]
    on = ApertiumTranslator(modes_dir=apertium.modes_dir, partitive=True)
    try:
        assert on.uninverted([text], "fr", "en") == ["Il mange pommes et poires."]
        assert on.version != apertium.version
    finally:
        on.close()
