"""A short quotation opening its sentence or dialogue line, followed by a comma and an incise
("« Personne ne vient », dit X.", "« Peut-être », a répondu X.", "», dit-elle"), is speech and
is translated, though its capitals make it read as a title (`guard.title_spans`): such replies
came back untranslated ("Personne ne vient," said X). Titles stay titles: one that is its
sentence's subject (no comma), one followed by a participle and no name, one after a noun.
Names invented; replies written for this test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

REPLIES = ["Personne ne vient", "Peut-être", "Jamais Plus", "Certainement Pas", "Bien Sûr",
           "Viens Vite", "Tant Pis"]  # fmt: skip
INCISES = ["dit Aurélien.", "a répondu Maëlle.", "murmura Tancrède.", "dit-elle.",
           "s'écria Tancrède.", "a-t-il dit."]  # fmt: skip
OPENINGS = ["", "— "]


@needs_fr_es
@settings(max_examples=20, deadline=None)
@given(
    reply=st.sampled_from(REPLIES),
    incise=st.sampled_from(INCISES),
    opening=st.sampled_from(OPENINGS),
)
def test_a_reply_before_its_incise_is_translated(
    translate_stage: Translate, reply: str, incise: str, opening: str
) -> None:
    (answer,) = translations(translate_stage, [f"{opening}« {reply} », {incise}"])
    assert reply not in answer, answer


@needs_fr_es
def test_titles_stay_titles(translate_stage: Translate) -> None:
    texts = [
        "« La Règle du jeu » indique que le cinéma change.",
        "« La Règle du jeu », sorti en 1939, reste célèbre.",
        "Le fondateur de la société « Bonne Étoile », a déclaré hier que tout allait bien.",
    ]
    answers = translations(translate_stage, texts)
    titles = ["La Règle du jeu", "La Règle du jeu", "Bonne Étoile"]
    for title, answer in zip(titles, answers, strict=True):
        assert title in answer, answer
