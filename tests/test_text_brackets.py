"""A word the text writes between angle brackets is the text's, not an analysis tag (h46 U5).

Generated: command-line placeholders, template fields and doubled brackets (`<fichier>`,
`<<titre>>`) around words written here, inserted in sentences written here; Apertium's answer
holds every bracket the text holds, with a word between each pair (the tag cleaner dropped the
text's own `<chat>` once it came back `<cat>`: 13 of 27 `<word>`, 8 of 8 `<<word>>` lost on
82f5a12). Analysis tags are still removed (`test_translation_guard`'s tag inventory test).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from tests.conftest import needs_fr_es

# Words and sentences written for this test (not from any corpus).
WORDS = ["chat", "maison", "fichier", "titre", "ville", "nom", "Rose", "dossier", "été", "pain"]
SENTENCES = [
    "Tapez {t} puis validez.",
    "Usage : commande {t} [options]",
    "Remplacez {t} par votre valeur.",
    "Le champ {t} est vide.",
    "Écrivez {t} et {t}.",
]
FORMS = ["<{w}>", "<<{w}>>", "< {w} >", "<{w}/>"]


@pytest.fixture(scope="module")
def engine() -> Iterator[ApertiumTranslator]:
    translator = ApertiumTranslator()
    yield translator
    translator.close()


@st.composite
def bracketed(draw: st.DrawFn) -> str:
    frame = draw(st.sampled_from(SENTENCES))
    parts = frame.split("{t}")
    out = parts[0]
    for part in parts[1:]:
        form = draw(st.sampled_from(FORMS))
        out += form.format(w=draw(st.sampled_from(WORDS))) + part
    return out


BETWEEN = re.compile(r"<+\s*([^<>\s/]+)\s*/?>+")


@needs_fr_es
@given(st.lists(bracketed(), min_size=6, max_size=6))
@settings(max_examples=6, deadline=None)
def test_the_texts_own_bracketed_words_are_kept(
    engine: ApertiumTranslator, texts: list[str]
) -> None:
    for text, answer in zip(texts, engine.translate(texts, "fr", "en"), strict=True):
        assert (answer.count("<"), answer.count(">")) == (text.count("<"), text.count(">")), (
            text,
            answer,
        )
        assert len(BETWEEN.findall(answer)) == len(BETWEEN.findall(text)), (text, answer)


def test_a_tag_the_chain_writes_is_removed_and_the_texts_brackets_come_back() -> None:
    from pipeline.engines.translate.apertium import brackets_kept, without_tags

    (stood,), (table,) = brackets_kept(["Tapez <chat> puis <prn>."])
    assert "<" not in stood and ">" not in stood
    answer = without_tags(stood, stood.replace("puis", "<prn>puis"))
    assert "".join(table.get(c, c) for c in answer) == "Tapez <chat> puis <prn>."
