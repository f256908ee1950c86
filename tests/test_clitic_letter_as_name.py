"""A one-letter word French has only as a clitic pronoun ("y") used as a variable's or a
point's name is carried, not dropped: "x et y", "on calcule y.", "y = 2x", "la variable Y"
(the T16 fix left it lost). A clitic stands right before a verb; where none can (before a
sign, a figure or the end, coordinated with another lone letter, in capitals inside a
sentence) the letter is a name, and then everywhere its text writes it. The clitic itself
("Il y a", "J'y pense", "Mon frère y va") is translated as before."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from tests.conftest import needs_pairs

pytestmark = needs_pairs("fr-es", "spa-eng")

# {v}: the letter; each frame puts it where no clitic stands.
FRAMES = ["Les valeurs de x et {v} sont positives.", "On pose {v} = 2 et on continue.",
          "Ensuite on calcule {v}.", "Les points x, {v} et z sont alignés.",
          "Le point {V} est sur la droite.", "Soit {v} = 4. Alors {v} vaut le double de deux.",
          "Les coordonnées {v} ou z changent."]  # fmt: skip
CLITIC = ["Il y a trois chats.", "J'y pense souvent.", "Mon frère y va souvent.",
          "Je vais y aller demain.", "Y a-t-il du pain ?", "Vas-y !"]  # fmt: skip


@pytest.fixture(scope="module")
def engine() -> ApertiumTranslator:
    return ApertiumTranslator()


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frame=st.sampled_from(FRAMES))
def test_a_clitic_letter_used_as_a_name_is_carried(engine: ApertiumTranslator, frame: str) -> None:
    text = frame.format(v="y", V="Y")
    (answer,) = engine.translate([text], "fr", "en")
    letter = "Y" if "{V}" in frame else "y"
    words = answer.replace(",", " ").replace(".", " ").split()
    assert words.count(letter) == text.replace(",", " ").replace(".", " ").split().count(letter), (
        answer
    )


def test_the_clitic_is_still_translated(engine: ApertiumTranslator) -> None:
    answers = engine.translate(CLITIC, "fr", "en")
    assert not any(" y " in f" {a} " for a in answers), answers
