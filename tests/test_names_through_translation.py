"""Names survive translation (real NER, real Apertium): names that are common words, tokens that
cannot collide with text, and decomposed Unicode translated like composed."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.protect import Masked, mask, prefix_for, token, unmask
from pipeline.io.readers import Reader
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate
from tests.conftest import translated_french


@pytest.fixture(scope="module")
def stages(apertium: ApertiumTranslator) -> tuple[Extract, Translate]:
    return Extract(fields=["text"]), Translate(engine=apertium, cache=None)


translated = translated_french


COMMON_WORD_NAMES = {
    "Le film avec Rose dans le rôle principal est sorti.": ["Rose"],
    "Le film a été tourné en Sierra Nevada par Pierre Blanc.": ["Sierra Nevada", "Pierre Blanc"],
    "Le film a été produit par la société Les Films du Losange à Paris.": ["Les Films du Losange"],
    "Selon le quotidien Le Monde, Rose Wagner a quitté la production.": [
        "Le Monde",
        "Rose Wagner",
    ],
    "Le secrétaire d'État John Kerry est arrivé avec Pierre Blanc.": ["John Kerry", "Pierre Blanc"],
}


def test_names_that_are_common_words_survive(stages: tuple[Extract, Translate]) -> None:
    out = translated(stages, list(COMMON_WORD_NAMES))
    for record, names in zip(out, COMMON_WORD_NAMES.values(), strict=True):
        assert record.translation is not None
        english = record.translation.text
        for name in names:
            assert name in english, (name, english)
        carried = {e.mention: e for e in record.entities if e.field == "translation"}
        for entity in record.entities:
            if entity.field == "text" and entity.text in names:
                twin = carried[entity.mention]  # the same mention id in the translation
                assert english[twin.start : twin.end] == twin.text == entity.text


def test_the_engine_keeps_what_it_translates_as_a_name(stages: tuple[Extract, Translate]) -> None:
    (record,) = translated(stages, ["Il est parti de l'Algérie pour les États-Unis en mai."])
    assert record.translation is not None
    assert "Algeria" in record.translation.text and "United States" in record.translation.text


def test_adjacent_names_come_back_whole() -> None:
    text = "secrétaire d'État John Kerry"
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("État", "John Kerry")]
    masked = mask(text, spans)
    assert masked.text == "secrétaire d'XNAMEAX XNAMEBX"
    restored = unmask("secretary of XNAMEAX XNAMEBX", masked)
    assert restored.problem is None
    assert restored.text == "secretary of État John Kerry"


LOOKALIKES = ["XNAMEAX", "xnameax", "XQNAMEBX", "XNAMEZZX", "XnameAx", "XNAME", "QNAMEAX"]
FORMAT = list("[]^$@*#\\{}<>/")


def test_a_batch_takes_a_prefix_no_text_holds() -> None:
    assert prefix_for(["plain text"]) == "XNAME"
    assert prefix_for(["a text that says xnameax", "another"]) == "XQNAME"
    assert prefix_for(["XNAME and XQNAME"]) == "XQQNAME"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        ("Rose and XNAMEBX", "1 lost"),
        ("XNAMEAX, XNAMEAX and XNAMEBX", "1 doubled"),
        ("XNAMEAX and XNAMEBX and XNAMECX", "1 invented"),
    ],
)
def test_a_lost_doubled_or_invented_token_fails_the_answer(answer: str, problem: str) -> None:
    masked = Masked("XNAMEAX et XNAMEBX", ["Rose", "Blanc"], [False, False], [(0, 4), (8, 13)])
    restored = unmask(answer, masked)
    assert restored.problem is not None and problem in restored.problem


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    junk=st.lists(st.sampled_from(LOOKALIKES + FORMAT), min_size=1, max_size=6),
    where=st.integers(0, 4),
)
def test_texts_with_token_lookalikes_translate_as_they_do_alone(
    stages: tuple[Extract, Translate], junk: list[str], where: int
) -> None:
    """A text holding placeholder look-alikes and Apertium's format characters: translated in a
    batch exactly as alone, the look-alikes come through as the engine gives them, and no
    look-alike is ever replaced by a name."""
    base = list(COMMON_WORD_NAMES)[where]
    text = f"{base} {' '.join(junk)}"
    batch = translated(stages, [text, *COMMON_WORD_NAMES])
    (alone,) = translated(stages, [text])
    assert batch[0].translation is not None and alone.translation is not None
    assert batch[0].translation.text == alone.translation.text
    english = alone.translation.text
    for word in set(junk) & set(LOOKALIKES):
        assert english.count(word) == text.count(word), (word, english)
    carried = [e for e in alone.entities if e.field == "translation"]
    for entity in carried:
        assert english.count(entity.text) >= 1
        assert english[entity.start : entity.end] == entity.text


def test_token_numbering_is_letters_only() -> None:
    assert [token(i) for i in (0, 25, 26)] == ["XNAMEAX", "XNAMEZX", "XNAMEBAX"]
    assert token(0, "XQNAME") == "XQNAMEAX"


def test_decomposed_text_translates_like_composed(
    shared: Path, stages: tuple[Extract, Translate], tmp_path: Path
) -> None:
    """JSONL (or CSV, Parquet) in NFD is read as NFC: the same translations, every one."""
    path = shared / "data" / "real" / "mt_fr_en_newstest2014_dev.jsonl"
    with path.open(encoding="utf-8") as f:
        sentences = [json.loads(line)["fr"] for line in f][:150]
    decomposed = [unicodedata.normalize("NFD", s) for s in sentences]
    assert sum(a != b for a, b in zip(sentences, decomposed, strict=True)) > 100
    outputs = []
    for name, texts in (("nfc", sentences), ("nfd", decomposed)):
        file = tmp_path / f"{name}.jsonl"
        file.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        records = [r for r in Reader()([file])]
        for record in records:
            record.lang = "fr"
        extract, translate = stages
        outputs.append([r.translation.text if r.translation else None
                        for r in translate(extract(records))])  # fmt: skip
    assert outputs[0] == outputs[1]
    assert all(outputs[0])


def test_a_caret_at_the_end_does_not_stop_the_engine(apertium: ApertiumTranslator) -> None:
    """`^` with only blanks after it made Apertium stop answering (30 s, then a failure).
    The lone "b", unknown to fr→es, is kept through the pivot (it reached spa-eng as a word
    before), so "a" is read as a verb without a subject: "Has"."""
    assert apertium.translate(["Bonjour ^", "^", "a ^ b ^ "], "fr", "en") == [
        "Good morning ^",
        "^",
        "Has ^ b ^",
    ]


def test_words_the_pivot_step_does_not_know_come_back_as_the_sources(
    apertium: ApertiumTranslator,
) -> None:
    """French → Spanish → English: a word English does not know came out in Spanish
    ("realizadores", "Sra", "frecuentaba"); it is now the source's own word."""
    (english,) = apertium.translate(
        ["Mme Bonacieux fréquentait les réalisateurs du Finistère."], "fr", "en"
    )
    for spanish in ("Sra", "frecuentaba", "realizadores", "Finisterre"):
        assert spanish not in english, english
    for french in ("Mme", "Finistère"):  # names stay as the source writes them
        assert french in english, english
    if apertium.lookups(apertium.route("fr", "en")):  # the words looked up through fr→ca→en
        assert "frequented" in english and "directors" in english, english
    else:
        assert "fréquentait" in english and "réalisateurs" in english, english


def test_literal_marks_in_the_text_are_text(apertium: ApertiumTranslator) -> None:
    (english,) = apertium.translate(["Le prix : 5 *étoiles* et #1 des ventes."], "fr", "en")
    assert "*" in english and "#1" in english and "\x01" not in english


CASINGS = [str.lower, str.capitalize, str.upper]


@pytest.mark.parametrize("leftover_case", CASINGS)
@pytest.mark.parametrize("back_case", CASINGS)
@pytest.mark.parametrize("in_source", [False, True])
def test_a_word_put_back_takes_the_case_of_its_place(
    leftover_case: Callable[[str], str], back_case: Callable[[str], str], in_source: bool
) -> None:
    """A pivot word the last step did not know is put back as the source's word when the
    source holds it (as the source writes it), else as the way back gives it, in the case of
    its place: a way back that capitalises a word alone ("escalado" → "Escaladé") made a
    common word a name, so it was never looked up through the other routes."""
    from pipeline.engines.translate.apertium import source_spelling

    source = "Le nombre a fortement grimpé hier." if in_source else "Le nombre a augmenté hier."
    found = back_case("grimpé")
    leftover = leftover_case("escalado")
    word = source_spelling(source, found, leftover)
    assert word.lower() == "grimpé"
    if in_source:  # the source's own spelling, capitalised only where the place is
        expected = "grimpé" if leftover[0].islower() else "Grimpé"
        assert word == expected
    elif leftover[0].islower():
        assert word[0].islower(), word
    else:
        assert word[0].isupper(), word


def test_a_word_found_only_by_the_way_back_is_looked_up(apertium: ApertiumTranslator) -> None:
    """'grimpé' → Spanish 'escalado', which the Spanish → English step does not know; back in
    French it is 'escaladé', a common word the other routes translate, not a name."""
    (english,) = apertium.translate(["Le nombre a fortement grimpé."], "fr", "en")
    assert "Escalad" not in english, english
