"""A line made only of names (a cast list, a credit's name alone, a title in capitals) takes
its document's language: a name is in no language, and language ID reads "Giulia Romano" as
Italian or "Jan de Vries" as Dutch in a French press kit (its translation then failed with
"no pair translates it→en"). Measured on the real sets' sentences as lines: right on 26 more
lines, wrong on none (see `Detect`'s doc)."""

from __future__ import annotations

import pytest

from pipeline.record import Record
from pipeline.stages.detect import Detect, names_only

PROSE = {
    "fr": [
        "Le film raconte l'histoire d'une femme qui revient dans son village après la guerre.",
        "Le tournage a duré trois mois sur la côte, sous une pluie presque continue.",
    ],
    "en": [
        "The film tells the story of a woman who comes back to her village after the war.",
        "The shoot lasted three months on the coast, under almost constant rain.",
    ],
}
NAMES = ["Giulia Romano", "Jan de Vries", "Hans Müller", "Piotr Nowak", "Aino Virtanen",
         "João Pereira", "Ömer Yılmaz", "STUDIO NORDLICHT", "Marco"]  # fmt: skip


@pytest.fixture(scope="module")
def detect() -> Detect:
    stage = Detect()
    stage.setup()
    return stage


def run(stage: Detect, texts: list[str]) -> list[Record]:
    stage.start_stream()
    records = [Record(f"d:{i}", "d", "d.txt", i, t) for i, t in enumerate(texts)]
    out: list[Record] = []
    for batch in stage.batched(records):
        stage.process(batch)
        out += batch
    return out


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_a_cast_list_takes_its_documents_language(detect: Detect, lang: str) -> None:
    out = run(detect, [PROSE[lang][0], *NAMES, PROSE[lang][1]])
    assert [r.lang for r in out] == [lang] * len(out)
    assert all(r.meta.get("lang_reason") == "names" for r in out[1:-1])


def test_a_sentence_is_judged_and_so_is_a_name_alone(detect: Detect) -> None:
    out = run(detect, [*PROSE["fr"], "The cast was superb and the music unforgettable."])
    assert out[-1].lang == "en" and "lang_reason" not in out[-1].meta
    (alone,) = run(detect, ["Giulia Romano"])  # no document to take a language from
    assert alone.meta.get("lang_reason") != "names"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Tom Hanks", True), ("Tom Hanks, Meg Ryan.", True), ("DOSSIER DE PRESSE", True),
     ("Jan de Vries", True), ("de Vries", False), ("Directed by Jane", False), ("東京物語", False), ("", False),
     ("One Two Three Four Five Six", False), ("« Les Quatre Cents Coups »", True)],
)  # fmt: skip
def test_names_only(text: str, expected: bool) -> None:
    assert names_only(text, 6) is expected
