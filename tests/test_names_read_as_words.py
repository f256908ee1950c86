"""Names the engine reads as words: a one-word answer must be a name, and a common noun used as
a name after a determiner is the engine's to translate (`engines/translate/names.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.engines.translate import names
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translated_french

# How the target's analyser may read a one-word answer, and whether that is a name's answer.
ANSWER_READINGS = {
    "<np><loc><sg>": True,
    "<np><al><sg>": True,
    "<np><org><sg>": True,
    "<n><acr><sg>": True,  # "ONU" → "UN"
    "<np><ant><f><sg>": False,  # a woman's name: "Kenya" → "Kenia"
    "<np><cog><sg>": False,
    "<n><sg>": False,  # a common word: an organisation's name alone → "Bomber"
    "<adj>": False,
    "<vblex><pri><p3><sg>": False,
}


class Engine:
    """An engine that reads the source name as `kind` and answers `answer`, read `readings`."""

    def __init__(self, kind: str, answer: str, readings: Sequence[str]) -> None:
        self.kind, self.answer, self.readings = kind, answer, readings

    def analyse(self, texts: Sequence[str], lang: str, route: tuple[str, str]) -> list[str]:
        if lang == "fr":
            return [f"^{t}/{t}<np><{self.kind}>$" for t in texts]
        alternatives = "/".join(f"{self.answer}{r}" for r in self.readings)
        return [f"^{t}/{alternatives}$" for t in texts]

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [self.answer for _ in texts]


@given(
    kind=st.sampled_from(["loc", "al", "org"]),
    readings=st.lists(st.sampled_from(sorted(ANSWER_READINGS)), min_size=1, max_size=3),
)
def test_a_one_word_answer_is_the_engine_s_only_when_it_reads_as_a_name(
    kind: str, readings: list[str]
) -> None:
    engine = Engine(kind, "Answer", readings)
    read = names.head_readings(engine, ["Nom"], "fr", "en")["Nom"]
    expected = any(ANSWER_READINGS[r] for r in readings)
    assert read == (names.AS_NAME if expected else names.OTHER), readings


@pytest.fixture(scope="module")
def stages() -> tuple[Extract, Translate]:
    return Extract(fields=["text"]), Translate(cache=None)


# A noun an institution or a planet is named by, after determiners of every kind the analyser
# knows: articles (elided, contracted with a preposition), possessives, demonstratives,
# quantifiers; as a subject, or after "parlé".
NOUNS = {"Sénat", "Gouvernement", "Terre", "État", "États", "Gouvernements"}
SUBJECTS = ["le Sénat", "son Sénat", "ce Sénat", "chaque Sénat", "le Gouvernement",
            "son Gouvernement", "ce Gouvernement", "la Terre", "sa Terre", "cette Terre",
            "l'État", "son État", "cet État", "chaque État", "les États", "ses États", "ces États",
            "plusieurs États", "quelques États", "les Gouvernements", "plusieurs Gouvernements"]  # fmt: skip
OBJECTS = ["du Sénat", "au Sénat", "du Gouvernement", "au Gouvernement", "de la Terre",
           "de l'État", "des États", "aux États"]  # fmt: skip


@needs_fr_es
def test_a_common_noun_named_after_a_determiner_is_translated(
    stages: tuple[Extract, Translate],
) -> None:
    texts = [
        f"Hier soir, {s} {'ont' if s.endswith('s') else 'a'} tout changé." for s in SUBJECTS
    ] + [f"Hier soir, on a longuement parlé {o}." for o in OBJECTS]
    checked = 0
    for record in translated_french(stages, texts):
        assert record.translation is not None
        for entity in record.entities:
            if entity.field == "text" and entity.label != "PERSON" and entity.text in NOUNS:
                checked += 1
                answer = record.translation.text
                assert entity.text not in answer, (record.text, answer)
    assert checked >= len(texts) // 3  # NER finds most of them


@needs_fr_es
def test_a_name_of_common_words_without_a_determiner_is_carried(
    stages: tuple[Extract, Translate],
) -> None:
    texts = ["Le Monde a publié un article sur Câble Plus.", "Elle a lu la nouvelle Constitution."]
    out = [r.translation.text for r in translated_french(stages, texts) if r.translation]
    assert "Le Monde" in out[0] and "Câble Plus" in out[0], out
    assert "Constitution" in out[1], out


@needs_fr_es
def test_the_same_with_the_cache_and_any_batch_size(tmp_path: Path) -> None:
    """The engine's answers about names and the words before them reach the stage through
    the translation cache too, and are asked for in every batch (a name read in an earlier
    batch may stand after a determiner in a later one): the cache and the batch size change
    no translation (the determiner rule was off behind the cache at first)."""
    texts = [f"Hier soir, {s} {'ont' if s.endswith('s') else 'a'} tout changé." for s in SUBJECTS]
    texts = [*texts, "Les États ont voté.", "Hier, plusieurs États ont voté."]
    extract = Extract(fields=["text"])
    outputs = []
    for cache, batch in ((None, 64), (tmp_path / "cache.sqlite", 64), (None, 1)):
        translate = Translate(cache=cache, batch_size=batch)
        outputs.append([r.translation.text for r in translated_french((extract, translate), texts)])
        translate.close()
    assert outputs[0] == outputs[1] == outputs[2]
