"""No placeholder ever reaches an output: real French text (`../shared/data/real`: news,
Tatoeba, the UDHR), as it is and perturbed, through the real French NER and the real Apertium
chain with names protected. An answer in which the engine mangles a name token is never used:
the text is sent again alone, else it stays untranslated with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.protect import TOKEN
from pipeline.record import Record
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate
from tests.conftest import translated_french

SETS = ("mt_fr_en_newstest2014_dev", "mt_fr_en_tatoeba_dev", "mt_fr_en_udhr")


@pytest.fixture(scope="module")
def sentences(shared: Path) -> list[str]:
    out = []
    for name in SETS:
        with (shared / "data" / "real" / f"{name}.jsonl").open(encoding="utf-8") as f:
            out += [json.loads(line)["fr"] for line in f if line.strip()]
    return out


@pytest.fixture(scope="module")
def stages(apertium: ApertiumTranslator) -> tuple[Extract, Translate]:
    return Extract(fields=["text"]), Translate(engine=apertium, cache=None)


translated = translated_french


def leaks(records: list[Record]) -> list[str]:
    return [
        r.translation.text for r in records if r.translation and TOKEN.search(r.translation.text)
    ]


def test_no_real_sentence_leaks_a_placeholder(
    sentences: list[str], stages: tuple[Extract, Translate]
) -> None:
    out = translated(stages, sentences)
    assert leaks(out) == []
    assert all(r.translation is not None or r.meta.get("untranslated") for r in out)
    assert any(r.entities for r in out)  # names were found, so names were protected


PERTURBATIONS = {
    "as is": lambda t: t,
    "shouted": str.upper,  # NER reads capitals differently, Apertium too
    "quoted": lambda t: f"« {t} »",
    "doubled": lambda t: f"{t} {t}",
    "no spaces after punctuation": lambda t: t.replace(", ", ",").replace(". ", "."),
}


@settings(max_examples=25, deadline=None)
@given(
    picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6),
    how=st.sampled_from(sorted(PERTURBATIONS)),
)
def test_perturbed_real_text_leaks_no_placeholder(
    sentences: list[str], stages: tuple[Extract, Translate], picks: list[int], how: str
) -> None:
    texts = [PERTURBATIONS[how](sentences[i % len(sentences)]) for i in picks]
    out = translated(stages, texts)
    assert leaks(out) == []
    for record in out:
        assert record.translation is not None or record.meta.get("untranslated")
