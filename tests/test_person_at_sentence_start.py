"""A person's name NER finds at a sentence's start is carried whole, even when its first name is
also a French word ("Désiré Lenoir", "Aimé La Pain", "Rose chante."): issue #30 item 1, the
hostile finding T1. The entities are given as NER gives them, so the test needs no model."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

pytestmark = needs_fr_es

# First names that French also writes as a word: participles, adjectives, nouns.
FIRST = ["Désiré", "Aimé", "Renée", "Rose", "Léger", "Amande", "Constance", "Blanche",
         "Fleur", "Aurore", "Céleste", "Prudence", "Olive", "Modeste", "Victoire"]  # fmt: skip
SURNAMES = ["Lenoir", "Martin", "La Pain", "Petit", "Rivière", "Lamour", "Le Gall"]
# What follows the subject: a verb, after clitics or a negation too.
PREDICATES = ["part sans rien dire.", "chante avec nous.", "a téléphoné à sa mère.",
              "raconte une histoire.", "ne dit rien.", "lui parle souvent.",
              "se lève tôt.", "est arrivée hier."]  # fmt: skip
# Capitalised words opening a sentence that NER may take for a name and that are none.
NOT_NAMES = [("Choisissez", "la bonne réponse."), ("Revenez", "demain matin."),
             ("Demandez", "à Tom de venir.")]  # fmt: skip


def translated(translate_stage: Translate, text: str, name: str, label: str = "PERSON") -> str:
    entity = Entity(name, label, 0, len(name))
    record = Record(id="1", doc_id="1", source="t", seq=0, text=text, lang="fr",
                    entities=[entity])  # fmt: skip
    (out,) = list(translate_stage([record]))
    assert out.translation is not None
    return out.translation.text


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.sampled_from(FIRST),
    surname=st.one_of(st.none(), st.sampled_from(SURNAMES)),
    predicate=st.sampled_from(PREDICATES),
)
def test_a_person_opening_a_sentence_is_carried_whole(
    translate_stage: Translate, first: str, surname: str | None, predicate: str
) -> None:
    name = f"{first} {surname}" if surname else first
    answer = translated(translate_stage, f"{name} {predicate}", name)
    assert answer.startswith(name), answer


def test_a_verb_opening_a_sentence_is_still_translated(translate_stage: Translate) -> None:
    """NER's usual false name at a sentence start, a verb, stays the engine's to translate."""
    for word, rest in NOT_NAMES:
        answer = translated(translate_stage, f"{word} {rest}", word, "MISC")
        assert word not in answer, answer
    answer = translated(translate_stage, "Demandez Tom pourquoi.", "Demandez Tom")
    assert "Demandez" not in answer and "Tom" in answer, answer
