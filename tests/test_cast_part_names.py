"""A cast line's character is a name and is carried like its actor (hostile finding V20):
"X Y ........ Noël", "X Y (Modeste)", "X Y as Noël", "X Y dans le rôle de Modeste",
"Noël ........ X Y", "X Y – Victoire", "X Y / Prudence jeune" (the part's capitalised words;
its lower-case words are translated). The characters' names are French common words, which
the engine translates when they are not carried; the records come without entities, as when
NER finds none. A credit's label ("Image ........ X Y") and a role in lower case ("X Y (le
juge)") stay the engine's."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cast_lines import cast_names
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

pytestmark = needs_fr_es

FIRST = ["Désiré", "Céleste", "Rose", "Fleur", "Constance", "Aimé", "Prudence"]
LAST = ["Boulanger", "Chevalier", "Poisson", "Renard", "Marchand", "Lenoir", "Carré"]
PARTS = ["Noël", "Modeste", "Aimé", "Victoire", "Prudence", "Blanche", "Espérance", "Ange"]
LAYOUTS = ["{a} ........ {p}", "{a} ({p})", "{a} as {p}", "{a} dans le rôle de {p}",
           "{p} ........ {a}", "{a} – {p}", "{a} / {p} jeune", "{a} [{p}]"]  # fmt: skip


@settings(
    max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    part=st.sampled_from(PARTS),
    layout=st.sampled_from(LAYOUTS),
)
def test_a_cast_line_s_names_are_carried(
    translate_stage: Translate, first: str, last: str, part: str, layout: str
) -> None:
    actor = f"{first} {last}"
    (answer,) = translations(translate_stage, [layout.format(a=actor, p=part)])
    assert actor in answer and part in answer, answer


def test_labels_roles_and_prose_are_no_cast_names() -> None:
    for text in ["Image ........ Aimé Renard", "Aimé Renard (le juge)", "Chapitre 3 ........ 12",
                 "Le film - tourné en mer.", "Introduction ........ 5"]:  # fmt: skip
        names = [text[s:e] for s, e in cast_names(text)]
        assert names in ([], ["Aimé Renard"]), (text, names)


def test_a_part_s_lower_case_words_are_translated(translate_stage: Translate) -> None:
    (answer,) = translations(translate_stage, ["Rose Carré / Prudence jeune"])
    assert "Prudence" in answer and "jeune" not in answer, answer
