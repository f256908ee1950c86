"""A line of names in any shape a press kit writes it is no evidence of a language (h49 E2,
E21): a row of two names ("X von Y<TAB>Z van W"), labels and names on each side of a slash
("Productrice X Y / Casting Z W"), a lettered or Roman or signed list item ("b) X Y", "i. X Y",
"✓ X Y") takes its document's language, not the one its letters look like (German, Dutch,
Spanish: no NER there, its names were lost). A CSV row read by its name column, each row its
own document, is told by its row's other cells ("poste", "Réalisation", "nationalité",
"belge"), not by the name's letters. The names are made up from syllables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages.detect import Detect

PROSE = {
    "fr": "Le film raconte l'histoire d'une femme qui revient dans son village après la guerre.",
    "en": "The film tells the story of a woman who comes back to her village after the war.",
}
FIRST = ["Anouk", "Nils", "Matthias", "Hugues", "Ilona", "Evrard", "Maëlle", "Fanny", "Nour"]
ONSETS = ["Fenn", "Marb", "Qué", "Sorb", "Gorv", "Hald", "Tell", "Wald", "Ravn", "Ferr", "Daum"]
ENDS = ["ault", "ec", "ström", "endon", "ois", "ière", "ane", "ezzi", "ac", "euil", "oux"]
PARTICLES = ["", "", "von ", "van ", "de "]
LABELS = {"fr": ["Productrice", "Casting", "Montage", "Image"], "en": ["Producer", "Casting"]}


@st.composite
def names(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from(FIRST))
    particle = draw(st.sampled_from(PARTICLES))
    return f"{first} {particle}{draw(st.sampled_from(ONSETS))}{draw(st.sampled_from(ENDS))}"


SHAPES = ("tab", "gap", "slash", "lettered", "roman", "sign")


@st.composite
def name_lines(draw: st.DrawFn, lang: str) -> str:
    shape = draw(st.sampled_from(SHAPES))
    a, b = draw(names()), draw(names())
    if shape == "tab":
        return f"{a}\t{b}"
    if shape == "gap":
        return f"{a}    {b}"
    if shape == "slash":
        label_a, label_b = draw(st.lists(st.sampled_from(LABELS[lang]), min_size=2, max_size=2))
        return f"{label_a} {a} / {label_b} {b}"
    if shape == "lettered":
        return f"{draw(st.sampled_from('abcd'))}) {a}"
    if shape == "roman":
        return f"{draw(st.sampled_from(['i', 'ii', 'iv']))}. {a}"
    return f"{draw(st.sampled_from('✓◆▸=+'))} {a}"


@pytest.fixture(scope="module")
def detect() -> Detect:
    stage = Detect()
    stage.setup()
    return stage


def run(stage: Detect, records: list[Record]) -> list[Record]:
    stage.start_stream()
    out: list[Record] = []
    for batch in stage.batched(records):
        stage.process(batch)
        out += batch
    return out


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(PROSE)).flatmap(lambda lang: st.tuples(st.just(lang),
                                                                     name_lines(lang))))  # fmt: skip
def test_a_line_of_names_takes_its_documents_language(
    detect: Detect, case: tuple[str, str]
) -> None:
    lang, line = case
    texts = [PROSE[lang], line, PROSE[lang]]
    out = run(detect, [Record(f"d:{i}", "d", "d.txt", i, t) for i, t in enumerate(texts)])
    assert out[1].lang == lang, (line, out[1].lang)


ROWS = {
    "fr": {"poste": "Réalisation", "nationalité": "belge"},
    "en": {"role": "Director of photography", "country": "Belgium"},
}


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(sorted(ROWS)), names())
def test_a_name_cell_is_told_by_its_rows_other_cells(detect: Detect, lang: str, name: str) -> None:
    row = Record("t:2", "t:2", "t.csv", 0, name, meta={**ROWS[lang], "line": 2})
    (out,) = run(detect, [row])
    assert (out.lang, out.meta["lang_source"]) == (lang, "row"), name


def test_a_row_of_names_alone_is_still_judged_by_its_text(detect: Detect) -> None:
    (alone,) = run(detect, [Record("t:2", "t:2", "t.csv", 0, "Giulia Romano", meta={"n": "7"})])
    assert alone.meta.get("lang_source") == "text"
