"""A person's surname opening on its particle written with a capital ("De X", "Du X", "La X",
"D'X", "N'X") keeps it at a sentence's start, where the engine reads the particle as a
preposition or an article ("Of X", "The X": hostile finding V23). The evidence is NER's span,
the particle inside the person's name; a title after the particle ("Le Président X") and a
place's article are not the name's."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.name_guard import particle_surname
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

pytestmark = needs_fr_es

PARTICLES = ["De ", "Du ", "La ", "Le ", "D'", "N'", "Des "]
STEMS = ["Orval", "Aubeterre", "Morvan", "Isigny", "Envermeu", "Ussel"]
CONTEXTS = ["{} a parlé hier.", "{} est arrivé ce matin.", "{}, selon lui, avait raison.",
            "{} ? Jamais entendu.", "— {} ! cria-t-il.", "{} arrive à Paris."]  # fmt: skip


@settings(
    max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    particle=st.sampled_from(PARTICLES),
    stem=st.sampled_from(STEMS),
    context=st.sampled_from(CONTEXTS),
)
def test_a_person_s_opening_particle_is_carried(
    translate_stage: Translate, particle: str, stem: str, context: str
) -> None:
    name = particle + stem
    text = context.format(name)
    start = text.index(name)
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[Entity(name, "PERSON", start, start + len(name))])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert name in out.translation.text, out.translation.text


def test_titles_and_lower_case_particles_are_not_the_surname_s() -> None:
    assert not particle_surname("Le Président Orval", "fr")
    assert not particle_surname("de Orval", "fr")
    assert not particle_surname("Et Orval", "fr")
    assert particle_surname("Du Morvan", "fr")


ELIDED_STEMS = ["Orval", "Aubeterre", "Isigny", "Envermeu", "Ussel"]
FRAMES = ["Il parle avec Rose {} demain.", "Rose {}  l'inspecteur", "Nous avons vu Paul {} hier."]


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stem=st.sampled_from(ELIDED_STEMS), frame=st.sampled_from(FRAMES))
def test_a_person_s_elided_particle_is_carried(
    translate_stage: Translate, stem: str, frame: str
) -> None:
    """NER's person "d'X" without its first name (hostile finding V7): not "of X"."""
    name = "d'" + stem
    text = frame.format(name)
    start = text.index(name)
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[Entity(name, "PERSON", start, start + len(name))])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert name in out.translation.text, out.translation.text


def test_an_elided_preposition_before_a_person_is_translated(translate_stage: Translate) -> None:
    """After a lower-case word "d'" is the preposition: "les chances d'Orval" → "of Orval"."""
    text = "Il a augmenté les chances d'Orval."
    start = text.index("d'Orval")
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[Entity("d'Orval", "PERSON", start, start + 7)])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert "d'Orval" not in out.translation.text, out.translation.text
