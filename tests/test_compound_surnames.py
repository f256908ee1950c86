"""Spanish and Catalan compound names are carried whole (U8): two surnames joined by a lone
"y" / "i" after a first name and a surname ("Ortega y Gasset"), and a capitalised common
word after "de los" / "de la" that follows a proper noun ("de los Ángeles"). Two people stay
two ("Ana Pons y Carmen": the conjunction is translated). Generated from the names below
(written for this test: first names the analyser reads as first names, surnames it does not
know)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs

FIRST = {"es": ["José", "Marta", "Lucía"], "ca": ["Jordi", "Núria", "Pere"]}
SURNAMES = ["Urquidi", "Basterra", "Olaizola", "Garmendia"]
FRAMES = {"es": ("Conocí a {} en Madrid.", " y "), "ca": ("Vaig conèixer {} a Girona.", " i ")}
COMMON = {"es": ["de los Ángeles", "de los Reyes"], "ca": []}


def translated(translate_stage: Translate, lang: str, text: str) -> str:
    (out,) = translate_stage([Record(id="1", doc_id="1", source="t", seq=0, text=text, lang=lang)])
    assert out.translation is not None
    return out.translation.text


@needs_pairs("spa-eng", "cat-eng")
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lang=st.sampled_from(sorted(FIRST)), data=st.data())
def test_two_surnames_joined_by_a_conjunction_are_one_name(
    translate_stage: Translate, lang: str, data: st.DataObject
) -> None:
    frame, conjunction = FRAMES[lang]
    first = data.draw(st.sampled_from(FIRST[lang]))
    one, two = data.draw(st.lists(st.sampled_from(SURNAMES), min_size=2, max_size=2, unique=True))
    name = f"{first} {one}{conjunction}{two}"
    assert name in translated(translate_stage, lang, frame.format(name))


@needs_pairs("spa-eng", "cat-eng")
def test_a_first_name_after_the_conjunction_is_another_person(translate_stage: Translate) -> None:
    for lang, (frame, conjunction) in sorted(FRAMES.items()):
        first, other = FIRST[lang][:2]
        answer = translated(
            translate_stage, lang, frame.format(f"{first} {SURNAMES[0]}{conjunction}{other}")
        )
        assert f"{first} {SURNAMES[0]} and {other}" in answer, answer


@needs_pairs("spa-eng")
def test_a_common_word_after_de_los_and_a_name_is_the_name_s(translate_stage: Translate) -> None:
    for first in FIRST["es"]:
        for words in COMMON["es"]:
            name = f"{first} {words}"
            assert name in translated(translate_stage, "es", f"Conocí a {name} en Madrid."), name
