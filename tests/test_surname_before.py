"""A bare surname its document writes BEFORE both full names ending with it stays its own
entity, whatever the model read each full name as (rule `ambiguous_any_kind`, hostile47 G11:
"Avec ce film, X surprend. On doit le montage à Agathe X et la musique à Graça X." went to
"Agathe X" because the model read "Graça X" as a place, so one candidate was left).
Generated: shapes × first names (foreign ones the models misread) × invented surnames,
English and French; real NER, real linking."""

from __future__ import annotations

import copy
import random
from functools import cache

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.linker import Linker

SHAPES = {
    "fr": [
        "Avec ce film, {s} surprend. On doit le montage à {a} et la musique à {b}.",
        "Le nom de {s} revient souvent. Le scénario est signé {a}, les décors {b}.",
        "Chez {s}, tout commence tôt. {a} écrit le matin et {b} tourne le soir.",
        "{s} signe ici son retour. On doit les images à {a} et le son à {b}.",
        "Le style {s} frappe. Les costumes reviennent à {a}, la lumière à {b}.",
    ],
    "en": [
        "With this film, {s} surprises. The editing is by {a} and the music by {b}.",
        "The name {s} keeps coming back. The script is by {a}, the sets by {b}.",
        "At {s}, everything starts early. {a} writes in the morning and {b} shoots at night.",
        "{s} returns here. Credit for the images goes to {a} and for the sound to {b}.",
    ],
}
FIRST = ["Agathe", "Graça", "João", "Conceição", "Nuria", "Imelda", "Loïc", "Maëlys", "Tancrède",
         "Aurèle", "Gianmarco", "Odilon"]  # fmt: skip
SYLLABLES = ["ta", "lis", "can", "ker", "ou", "gel", "mor", "vec", "lan", "dar", "rin", "zac"]


def cases() -> list[tuple[str, str, str, str, str]]:
    """(language, surname, first full name, second full name, text)."""
    rng = random.Random("g11")
    out = []
    for lang, shapes in SHAPES.items():
        for shape in shapes:
            for _ in range(6):
                s = "".join(rng.sample(SYLLABLES, 3)).capitalize()
                first, second = rng.sample(FIRST, 2)
                a, b = f"{first} {s}", f"{second} {s}"
                out.append((lang, s, a, b, shape.format(s=s, a=a, b=b)))
    return out


@cache
def extracted() -> list[Record]:
    records = [
        Record(f"d{i}:0", f"d{i}", "<gen>", 0, text, lang=lang)
        for i, (lang, *_, text) in enumerate(cases())
    ]
    return list(Extract(fields=["text"])(records))


def linked_before(rules: Rules) -> tuple[list[tuple[str, str]], int]:
    """The bare surnames (written before both full names) linked to a full name, and how many
    cases have a bare mention and both full names found."""
    with using(rules):  # the rule is linking's: the records read once, linked per test
        linked = Linker().link_all(copy.deepcopy(extracted()))
    wrong, found = [], 0
    for (_, s, a, b, text), record in zip(cases(), linked, strict=True):
        texts = {e.text for e in record.entities if e.field == "text"}
        if not {s, a, b} <= texts:
            continue
        found += 1
        first = min((e for e in record.entities if e.text == s), key=lambda e: e.start)
        if first.canonical != s:
            wrong.append((text, first.canonical))
    return wrong, found


def test_a_surname_before_both_full_names_stays_its_own() -> None:
    """54 generated documents; with rule `ambiguous_any_kind` off (main), 4 of the 54 where the
    model found all three names linked the bare surname to one full name; none with it."""
    wrong, found = linked_before(Rules.default())
    assert found >= 12
    assert not wrong, (len(wrong), found, wrong[:4])
    off, _ = linked_before(Rules.default().with_("ambiguous_any_kind", False))
    assert off
