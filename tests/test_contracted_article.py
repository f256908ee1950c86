"""A contracted preposition and article ("du" = de + le, "des" = de + les) before a place's or an
organisation's name is no part of its span, canonical or id (rule `contracted_article`;
"du Caire", "des Pays-Bas"); a person's particle ("du Bellay") is kept. The places are a seeded
sample of the installed French analyser's `<np><loc>` forms (`lt-paradigm -a`), each in
sentences that write it after "du"/"des". Real NER, real linking."""

from __future__ import annotations

import random
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.linker import Linker

ANALYSER = Path("/usr/share/apertium/apertium-fr-es/fr-es.automorf.bin")
SHAPES = [
    "Notes. Il rêvait du {p} depuis l'enfance.",
    "Notes. Les paysages du {p} dominent la seconde partie.",
    "Notes. Elle revient des {p} avec un nouveau projet.",
]
SAMPLE = 150


def places() -> list[str]:
    if shutil.which("lt-paradigm") is None or not ANALYSER.exists():
        pytest.skip("lt-paradigm or the French analyser is not installed")
    listed = subprocess.run(
        ["lt-paradigm", "-a", str(ANALYSER)],
        input="*<np><loc><*>\n", capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = {line.rsplit(":", 1)[-1] for line in listed.splitlines() if ":" in line}
    names = sorted(n for n in found if n[:1].isupper() and n.replace("-", "").isalpha())
    return random.Random(46).sample(names, SAMPLE)


@cache
def read(with_rule: bool) -> list[Record]:
    records = [
        Record(f"p{i}-{j}", f"p{i}-{j}", "<gen>", 0, shape.format(p=name), lang="fr")
        for i, name in enumerate(places())
        for j, shape in enumerate(SHAPES)
    ]
    rules = Rules.default().with_("contracted_article", with_rule)
    with using(rules):
        records = list(Extract(fields=["text"], rules=rules)(records))
        Linker().link_all(records)
    return records


def glued(records: list[Record]) -> list[str]:
    """The mentions not a person's whose span, canonical or id opens with "du"/"des"."""
    out = []
    for r in records:
        for e in r.entities:
            forms = (e.text, e.canonical or "")
            if e.label != "PERSON" and (
                any(f.split(" ", 1)[0] in ("du", "des") for f in forms)
                or (e.entity_id or "").startswith(("ent:du-", "ent:des-"))
            ):
                out.append(f"{e.text!r} {e.canonical!r} {e.entity_id}")
    return out


def test_no_place_keeps_a_contracted_article() -> None:
    bad = glued(read(True))
    assert not bad, bad


def test_the_rule_off_shows_the_class() -> None:
    """The generator finds the class: without the rule, the model's spans keep "du"."""
    assert glued(read(False))


def test_a_persons_particle_stays() -> None:
    record = Record("b", "b", "<gen>", 0, "Le poète Joachim du Bellay écrivit les Regrets.", "fr")
    (out,) = Extract(fields=["text"])([record])
    assert any(e.text == "Joachim du Bellay" for e in out.entities), out.entities
