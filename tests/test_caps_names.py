"""A person's name written in capitals inside a mixed-case sentence is carried whole, though NER
finds none of it ("Le maire PIERRE GRAND" → "PIERRE BIG"): the hostile finding T14. The
evidence is the engine's (its analyser's reading of the name written in title case: a person's
name or a word it does not know), the document's (the same name written another way), the
knowledge base's; capitals over common words ("SORTIE DE SECOURS") are still translated.
The records come with no entity, as when NER finds none."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

pytestmark = needs_fr_es

# First names the French analyser reads as a person's (or does not know), surnames that are
# French words: the name is read as words by the engine when it is not carried.
FIRST = ["JULES", "SIMONE", "CLAIRE", "LUCIEN", "SOLANGE", "ANTOINE", "MAXIME"]
LAST = ["LEFORT", "BOULANGER", "MEUNIER", "LAPORTE", "BERGER", "FONTAINE", "DUBOIS", "CHEVALIER",
        "LEBRUN", "BOUCHER"]  # fmt: skip
FRAMES = ["Le directeur {} a signé le contrat hier.", "Hier, {} a gagné la course.",
          "Nous avons rencontré {} devant la mairie.", "Étaient présents {} et sa sœur.",
          "La lettre de {} est arrivée ce matin."]  # fmt: skip


def translated(translate_stage: Translate, *texts: str, doc: str | None = None) -> list[str]:
    return translations(translate_stage, texts, doc=doc)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=st.sampled_from(FIRST), last=st.sampled_from(LAST), frame=st.sampled_from(FRAMES))
def test_a_name_in_capitals_is_carried_whole(
    translate_stage: Translate, first: str, last: str, frame: str
) -> None:
    name = f"{first} {last}"
    (answer,) = translated(translate_stage, frame.format(name))
    assert name in answer, answer


def test_the_document_writes_the_name_another_way(translate_stage: Translate) -> None:
    """Words the analyser reads only as common nouns: the document's other mention, in title
    case, is the evidence."""
    texts = ["Marché Lebois est venu ce soir.", "Nous avons vu MARCHÉ LEBOIS devant la gare."]
    assert "MARCHÉ LEBOIS" in translated(translate_stage, *texts, doc="d")[1]


def test_capitals_over_common_words_are_translated(translate_stage: Translate) -> None:
    (answer,) = translated(translate_stage, "Le panneau dit SORTIE DE SECOURS à gauche.")
    assert "SORTIE DE SECOURS" not in answer, answer
