"""Multi-word place names whose capitalised pieces lower-case connectives join ("X de la Y",
"X de l'Y", "X d'Y", "X i la Y"), in languages without NER translated by Apertium (hostile
finding T8): joined into one name when the engine reads the pieces as names, carried whole,
not split and half translated ("... of the ...", "... and the ...")."""

from __future__ import annotations

import itertools

import pytest

from pipeline.engines.translate.names import joins_names
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs

# Invented words, unknown to any analyser: the engine reads them as names it does not know.
HEADS = ["Zorvenga", "Quelbarra", "Vintrosa"]
TAILS = ["Murvela", "Orlindo", "Estrubia"]  # vowel-initial ones take the elided forms too
CONNECTORS = {
    "es": ["de la", "de las", "de los", "y la"],
    "ca": ["de la", "de les", "i la", "de l'", "d'"],
}
FRAMES = {
    "es": "Mi familia vive en {} desde hace años.",
    "ca": "La meva família viu a {} des de fa anys.",
}


def place(head: str, connector: str, tail: str) -> str | None:
    if connector.endswith("'"):
        return f"{head} {connector}{tail}" if tail[0] in "AEIOU" else None
    return f"{head} {connector} {tail}"


def cases(lang: str) -> list[str]:
    made = (place(h, c, t) for h, c, t in itertools.product(HEADS, CONNECTORS[lang], TAILS))
    return [p for p in made if p is not None]


@pytest.mark.parametrize("lang", sorted(CONNECTORS))
@needs_pairs("spa-eng", "cat-eng")
def test_place_names_with_connectives_are_carried_whole(lang: str) -> None:
    places = cases(lang)
    records = [
        Record(id=str(i), doc_id=str(i), source="s", seq=0, text=FRAMES[lang].format(p), lang=lang)
        for i, p in enumerate(places)
    ]
    stage = Translate(cache=None)
    try:
        out = list(stage(records))
    finally:
        stage.close()
    answers = [r.translation.text if r.translation else "" for r in out]
    bad = [(p, a) for p, a in zip(places, answers, strict=True) if p not in a]
    assert not bad, f"{len(bad)} of {len(places)}: {bad[:3]}"


def test_two_people_joined_by_a_conjunction_stay_two() -> None:
    """After "i la" / "y la" both pieces must read as names that are not first names; after
    "de la" the piece after must not read as a common word ("el Banco de la Nación")."""
    first = "^Abc/Abc<np><ant><m><sg>$"
    unknown = "^Xyz/*Xyz$"
    place = "^Xyz/Xyz<np><loc><f><sg>$"
    common = "^Xyz/xyz<n><f><sg>$"
    assert not joins_names(first, unknown, conjunction=True)
    assert not joins_names(unknown, first, conjunction=True)
    assert joins_names(place, unknown, conjunction=True)
    assert joins_names(common, place, conjunction=False)
    assert not joins_names(unknown, common, conjunction=False)
