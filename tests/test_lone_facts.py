"""A one-line fact or credit set apart between two paragraphs is content, never a heading
(hostile45 E30, #31 item 1): a label and a number, a duration, a date, a year beside a name,
a credit label and a name. Headings by evidence (numbered, section words, a short line of
common words) stay headings. Exhaustive over the templates below, names of invented syllables,
month names typed here by hand (the module reads CLDR's)."""

from __future__ import annotations

import itertools
import random

from pipeline.io.segment.segmenter import Segmenter

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el"]
PARAGRAPHS = {
    "fr": "Le tournage a duré six semaines dans un petit port du nord avec une équipe réduite.",
    "en": "The crew spent six weeks in a small harbour town in the north under grey skies.",
    "es": "El rodaje duró seis semanas en un pequeño puerto del norte con un equipo reducido.",
}
# per language: labels of a number, days and months, selections, credit labels
FACTS = {
    "fr": (["Durée", "Format", "Année"], ["12 mars", "3 juillet", "1er octobre"],
           ["Sélection officielle", "En compétition", "Prix du public"],
           ["Distribution", "Musique", "Production", "Montage"]),
    "en": (["Running time", "Length", "Year"], ["12 March", "July 3", "1 October"],
           ["Official Selection", "In competition", "Audience Award"],
           ["Distribution", "Music", "Production", "Editing"]),
    "es": (["Duración", "Año"], ["12 de marzo", "3 de julio"], ["Sección oficial"],
           ["Distribución", "Música", "Producción", "Montaje"]),
}  # fmt: skip
HEADINGS = ["Chapitre III", "Chapter 12", "Part 2", "2. Le tournage", "Le tournage",
            "Production notes", "About the film", "Notes de production", "LE TOURNAGE",
            "El rodaje", "Production Notes", "Musique originale", "Acte premier"]  # fmt: skip


def name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def lone_lines(lang: str, rng: random.Random) -> list[str]:
    labels, dates, selections, roles = FACTS[lang]
    lines = []
    for label in labels:
        lines += [f"{label} : 1h34", f"{label}: 94 minutes", f"{label}: {rng.randint(1950, 2030)}"]
    lines += [f"{d}" for d in dates] + [f"Sortie {d}" for d in dates]
    lines += [f"{s} {name(rng).split()[0]} {rng.randint(1990, 2030)}" for s in selections]
    lines += [f"{role} {name(rng)}" for role in roles]
    lines += [f"{role} {name(rng).split()[0]} {role}" for role in roles]
    return lines


def kept(line: str, lang: str) -> bool:
    para = PARAGRAPHS[lang]
    text = f"TITRE DU FILM\n\n{para}\n\n{line}\n\n{para}\n"
    out = Segmenter().segment(list(enumerate(text.splitlines(), start=1)), "d", "d.txt")
    return any(r.text == line and r.dropped is None for r in out)


def test_lone_facts_and_credits_are_content() -> None:
    rng = random.Random(46)
    cases = [(line, lang) for lang in FACTS for line in lone_lines(lang, rng)]
    dropped = [line for line, lang in cases if not kept(line, lang)]
    assert not dropped, f"{len(dropped)} of {len(cases)} dropped: {dropped[:5]}"


def test_headings_by_evidence_stay_headings() -> None:
    cases = list(itertools.product(HEADINGS, PARAGRAPHS))
    records = [line for line, lang in cases if kept(line, lang)]
    assert not records, f"{len(records)} of {len(cases)} kept: {records[:5]}"
