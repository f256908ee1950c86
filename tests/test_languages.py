"""Offline translation from every source language measured to be worth it (models/languages.json,
written by bench/languages.py), and a reason for the others."""

from __future__ import annotations

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator, measured_languages
from pipeline.record import Record
from pipeline.resources import load_json
from pipeline.stages.translate import Translate

SENTENCES = {
    "ca": "El gat dorm a la casa del costat.",
    "pt": "O gato dorme na casa ao lado.",
}


def test_measured_languages_are_the_ones_that_beat_copying_and_are_stateless() -> None:
    table = load_json("languages.json")["languages"]
    on = measured_languages()
    assert on is not None and {"fr", "es"} <= on
    for lang, row in table.items():
        assert row["on"] == (lang in on)
        if row["on"]:
            assert row["stateless"] and row["chrf"] >= row["copy"] + 10


@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_other_measured_languages_translate_offline(lang: str) -> None:
    engine = ApertiumTranslator()
    if not engine.supports(lang, "en"):
        pytest.skip(f"no Apertium route {lang}→en installed here (make languages)")
    (english,) = engine.translate([SENTENCES[lang]], lang, "en")
    engine.close()
    assert "cat" in english and "sleeps" in english, english


def test_a_language_measured_off_or_missing_says_why() -> None:
    translate = Translate(cache=None)
    records = [
        Record(id="it", doc_id="d", source="x", seq=0, text="Il gatto dorme.", lang="it"),
        Record(id="de", doc_id="d", source="x", seq=1, text="Die Katze schläft.", lang="de"),
    ]
    italian, german = translate(records)
    translate.close()
    assert italian.translation is None and german.translation is None
    assert (
        "route is off" in italian.meta["untranslated"]
        or "online engines do" in (italian.meta["untranslated"])
    )
    assert german.meta["untranslated"] == (
        "apertium: no installable Apertium pair translates de→en; the online engines do: "
        "--translator google, deepl, microsoft, mymemory or libre"
    )
    assert "ca" in translate.describe()["languages"][
        "apertium"
    ] or not ApertiumTranslator().supports("ca", "en")
