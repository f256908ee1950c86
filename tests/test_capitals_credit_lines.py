"""A credit line written wholly in capitals keeps its names and its order whatever separates
the label from the names: it is read as the credit readers read it in title case, not word by
word (hostile49 T10: "DÉCORS — ROSE X" came back "PINK — DECORATIONS X", a word moved across
the dash, in 39 of 66 generated lines). Names invented from French words, labels from the
credit labels' table's kind; none from a corpus."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

FIRST = ["ROSE", "BLANCHE", "CÉLESTE", "DÉSIRÉ", "CLAIRE", "AIMÉ", "OLIVIER"]
LAST = ["RIVIÈRE", "BONHEUR", "LEBLANC", "FONTAINE", "LEFÈVRE", "MARCHAND"]
LABELS = ["DÉCORS", "COSTUMES", "MUSIQUE", "RÉALISATION", "SCÉNARIO", "IMAGE", "MONTAGE"]
LAYOUTS = ["{} — {}", "{} – {}", "{}\t{}", "{} ........ {}", "{} : {}"]


@needs_fr_es
@settings(max_examples=25, deadline=None)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    label=st.sampled_from(LABELS),
    layout=st.sampled_from(LAYOUTS),
)
def test_a_credit_line_in_capitals_keeps_its_name_and_order(
    translate_stage: Translate, first: str, last: str, label: str, layout: str
) -> None:
    name = f"{first} {last}"
    line = layout.format(label, name)
    (answer,) = translations(translate_stage, [line])
    assert answer.endswith(name), answer  # the name whole, after the label, as written
    separator = layout[2:-2]
    assert answer.index(separator.strip() or "\t") < answer.index(name), answer
