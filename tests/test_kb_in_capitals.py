"""`--kb` aliases are carried wherever they stand, in a line written wholly in capitals too:
such a line is translated read case-folded (`stages/shouted`), and an alias it holds
("NOËL GRAND" for "Noël Grand", "LA POSTE") was folded into common words and translated
("BIG CHRISTMAS", "THE POSTS": hostile49 T16, 4 of 7 lines). Names made of common words are
the test: invented from French words, none from a corpus."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

ALIASES = {  # alias as the base writes it: its label
    "Noël Grand": "PERSON", "Rose Rivière": "PERSON", "Blanche Marchand": "PERSON",
    "La Poste Verte": "ORG", "Les Échos du Soir": "ORG", "Le Petit Pont": "ORG",
}  # fmt: skip
FRAMES = ["{} A PARLÉ HIER.", "HIER, {} A PARLÉ.", "NOUS AVONS VU {} CE MATIN.",
          "« {} » EST ARRIVÉ.", "LA LETTRE DE {} EST ARRIVÉE."]  # fmt: skip


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Translate]:
    kb = tmp_path_factory.mktemp("kb") / "kb.jsonl"
    kb.write_text("".join(
        json.dumps({"id": f"q{i}", "canonical": a, "label": label}) + "\n"
        for i, (a, label) in enumerate(ALIASES.items())
    ), encoding="utf-8")  # fmt: skip
    translate = Translate(cache=None, kb=kb)
    yield translate
    translate.close()


@needs_fr_es
@settings(max_examples=12, deadline=None)
@given(alias=st.sampled_from(sorted(ALIASES)), frame=st.sampled_from(FRAMES))
def test_an_alias_in_a_line_in_capitals_is_carried(
    stage: Translate, alias: str, frame: str
) -> None:
    (answer,) = translations(stage, [frame.format(alias.upper())])
    assert alias.upper() in answer, answer
    assert answer == answer.upper(), answer  # the line stays in capitals


@needs_fr_es
def test_without_the_base_the_words_are_translated() -> None:
    plain = Translate(cache=None)
    try:
        (answer,) = translations(plain, ["LA POSTE VERTE A PARLÉ HIER."])
    finally:
        plain.close()
    assert "POSTE VERTE" not in answer, answer
