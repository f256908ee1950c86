"""A place name the engine translates in a language without an NER model (Spanish, Catalan,
Portuguese) keeps a mention: in the original, at its own span, and in the translation, with the
same mention id, as NER's names do for French (#31 item 4). The places are generated from the
installed Apertium analysers (`lt-paradigm -a`: every `<np><loc>`/`<np><top>` form), a seeded
sample of those the engine renders otherwise alone, each in a sentence of its language after
another, untranslated place. Real Apertium, real English NER."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.record import Record
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate

ROOT = Path("/usr/share/apertium")
ANALYSERS = {  # language → (its analyser, the tag its places carry)
    "es": (ROOT / "apertium-eng-spa/spa-eng.automorf.bin", "loc"),
    "ca": (ROOT / "apertium-eng-cat/cat-eng.automorf.bin", "top"),
    "pt": (ROOT / "apertium-es-pt/pt-es.automorf.bin", "loc"),
}
SHAPES = {
    "es": "El equipo viajó entre Madrid y {p} durante el invierno.",
    "ca": "L'equip va viatjar entre Madrid i {p} durant l'hivern.",
    "pt": "A equipe viajou entre Madrid e {p} durante o inverno.",
}
PER_LANGUAGE = 12


def places(lang: str) -> list[str]:
    analyser, tag = ANALYSERS[lang]
    if shutil.which("lt-paradigm") is None or not analyser.exists():
        pytest.skip("lt-paradigm or the analyser is not installed")
    listed = subprocess.run(
        ["lt-paradigm", "-a", str(analyser)],
        input=f"*<np><{tag}><*>\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = {line.rsplit(":", 1)[-1] for line in listed.splitlines() if ":" in line}
    return sorted(n for n in found if n.isalpha() and n[:1].isupper() and len(n) > 3)


@pytest.fixture(scope="module")
def read(apertium: ApertiumTranslator) -> dict[str, list[tuple[str, str, Record]]]:
    """Per language: (place, its rendering alone, its record translated and read)."""
    out = {}
    for lang in ANALYSERS:
        names = places(lang)
        alone = apertium.translate(names, lang, "en")
        rendered = [
            (n, r.strip()) for n, r in zip(names, alone, strict=True)
            if r.strip() != n and r.strip()[:1].isupper() and r.strip().isalpha()
        ]  # fmt: skip
        sample = random.Random(46).sample(rendered, min(PER_LANGUAGE, len(rendered)))
        records = [
            Record(f"{lang}{i}", f"{lang}{i}", "<gen>", 0, SHAPES[lang].format(p=n), lang=lang)
            for i, (n, _) in enumerate(sample)
        ]
        for stage in (
            Extract(fields=["text"]),
            Translate(engine=apertium, cache=None),
            Extract(fields=["translation"]),
        ):
            records = list(stage(records))
        out[lang] = [(n, r, rec) for (n, r), rec in zip(sample, records, strict=True)]
    return out


def test_rendered_places_keep_one_mention_in_both_fields(
    read: dict[str, list[tuple[str, str, Record]]],
) -> None:
    """Each rendered place the English model reads as a name in the translation is a mention
    of the original at the place's span, with the same id there; no guess stays that the
    English model does not read as a name (a guess is no mention of its own)."""
    lost = []
    total = 0
    for lang, cases in read.items():
        for name, rendering, record in cases:
            assert record.translation is not None
            if rendering not in record.translation.text:
                continue  # the sentence read the name otherwise: nothing to tie
            total += 1
            text = [e for e in record.entities if e.field == "text" and e.text == name]
            ids = {e.mention for e in text}
            carried = [
                e for e in record.entities
                if e.field == "translation" and e.mention in ids and e.text == rendering
            ]  # fmt: skip
            start = record.text.index(name)
            if not (text and carried and text[0].start == start):
                lost.append((lang, name, rendering, record.translation.text))
            for e in record.entities:
                assert e.field == "translation" or any(
                    t.mention == e.mention for t in record.entities if t.field == "translation"
                ), (lang, e)
    assert total >= 2 * PER_LANGUAGE
    assert len(lost) <= total // 10, lost
