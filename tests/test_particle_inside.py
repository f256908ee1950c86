"""A question's "est-ce que" inside a sentence ("Pierre, est-ce que nous pouvons venir ?")
keeps its subject: the particle becomes "¿" for the Spanish pivot (`inversion.py`), after
which `spa-eng` writes a subject only where "¿" opens the sentence, so inside one the Spanish
pronoun is written into the pivot (`subjects.ASKED`; hostile49 T12: "Say me, can come?", 34 of
64 generated questions lost their subject). Frames and verbs written for this test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

FRAMES = ["Dis-moi, est-ce que {} ?", "Paul, est-ce que {} ?", "Alors, est-ce que {} ?"]
CLAUSES = {  # the clause: the English subject it must hold
    "nous pouvons venir": "we", "nous devons partir": "we", "vous venez ce soir": "you",
    "vous pouvez attendre": "you", "je dois partir": "I", "je peux venir": "I",
}  # fmt: skip


@needs_fr_es
@settings(max_examples=12, deadline=None)
@given(frame=st.sampled_from(FRAMES), clause=st.sampled_from(sorted(CLAUSES)))
def test_a_question_inside_a_sentence_keeps_its_subject(
    translate_stage: Translate, frame: str, clause: str
) -> None:
    (answer,) = translations(translate_stage, [frame.format(clause)])
    words = answer.replace(",", " ").replace("?", " ").split()
    assert CLAUSES[clause] in words, answer


@needs_fr_es
def test_a_question_opening_its_sentence_is_as_before(translate_stage: Translate) -> None:
    (answer,) = translations(translate_stage, ["Est-ce que nous pouvons venir ?"])
    assert answer.startswith("Can we come"), answer
