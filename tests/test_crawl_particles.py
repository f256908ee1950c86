"""A centred credit crawl's names in capitals keep their particles through translation (h49,
issue 31 items 2 and 4; hostile47 in1 "IÑAKI LE X" → "IÑAKI HIM X").

Generated press kits (French, Spanish, Catalan, Portuguese prose): a person's credit label
alone on its line (in capitals at times, centred at times), then one to six lines of invented
names in capitals with a particle or an article inside ("le", "la", "de", "del", "van",
"von", "di", "da", "dos", "de la", "du", "el"), then prose; run through the default stages
with translation. Every name is written byte for byte in its record's translation, and is
one mention, whole (in the text where a model reads it, else in the translation). The 12 kits
here hold 34 names: on main 25 came out changed ("LE" → "THE", "DA" → "OF THE", "ORLA" →
"BANK") and 25 had no whole mention; none here. (40 kits of the same shapes, 136 names: 75
changed on main, none here.)"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pipeline import Pipeline
from pipeline.run.pipeline import default_stages
from tests.conftest import needs_fr_es
from tests.test_credit_names import surname

FIRST = ["Ysolde", "Fergus", "Maëlys", "Iñaki", "Orla", "Gaspard", "Nuria", "Anne-Sophie"]
PARTICLES = ["le", "la", "de", "del", "van", "von", "di", "da", "dos", "de la", "du", "el"]
LABELS = {
    "fr": ["MUSIQUE ORIGINALE", "RÉALISATION", "IMAGE", "Montage", "Scénario"],
    "es": ["DIRECCIÓN", "MÚSICA", "FOTOGRAFÍA", "Montaje"],
    "ca": ["DIRECCIÓ", "MÚSICA", "Muntatge"],
    "pt": ["REALIZAÇÃO", "MÚSICA", "Montagem"],
}
PROSE = {
    "fr": "Le film sortira en salles le 3 avril prochain.",
    "es": "La película se estrena el 3 de mayo en los cines.",
    "ca": "La pel·lícula s'estrena el 3 de maig als cinemes.",
    "pt": "O filme estreia a 3 de maio nos cinemas.",
}

pytestmark = needs_fr_es


def kits(folder: Path, count: int = 12) -> dict[str, list[str]]:
    """`count` generated press kits in `folder`; each one's names."""
    rng = random.Random("h49-crawl-particles")
    names: dict[str, list[str]] = {}
    for i in range(count):
        lang = list(LABELS)[i % len(LABELS)]
        pad = " " * rng.choice([0, 12, 24])
        block = [f"{rng.choice(FIRST)} {rng.choice(PARTICLES)} {surname(rng)}".upper()
                 for _ in range(rng.randint(1, 6))]  # fmt: skip
        lines = [PROSE[lang], "", pad + rng.choice(LABELS[lang]), *(pad + n for n in block)]
        (folder / f"k{i:02}.txt").write_text("\n".join([*lines, "", PROSE[lang], ""]), "utf-8")
        names[f"k{i:02}"] = block
    return names


def test_crawl_names_in_capitals_keep_their_particles(tmp_path: Path) -> None:
    given = tmp_path / "in"
    given.mkdir()
    names = kits(given)
    Pipeline(default_stages(cache=None)).run([given], tmp_path / "out")
    changed, unmentioned = [], []
    for line in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        translation = (record.get("translation") or {}).get("text", "")
        for name in names[record["doc_id"]]:
            if name not in record["text"]:
                continue
            if name not in translation:
                changed.append((name, translation))
            if not any(e["text"] == name for e in record["entities"]):
                unmentioned.append(name)
    assert not changed, (len(changed), changed[:4])
    assert not unmentioned, unmentioned
