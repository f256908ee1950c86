"""Credit names written in capitals are read as the names they are (hostile46 F3): the model
reads each line in capitals in title case, the offsets kept, so the mention is the whole name
as written ("JEAN-BAPTISTE DARSÉRAC", not "DARSÉRAC") and a person. Read by the real French
model; names are invented syllables."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.capitals import title_cased
from pipeline.record import Record
from pipeline.rules import Rules
from pipeline.stages.extract import Extract
from tests.test_credit_records import word

LABELS = ["RÉALISATION", "SCÉNARIO", "IMAGE", "MONTAGE", "MUSIQUE ORIGINALE", "DÉCORS",
          "COSTUMES", "MIXAGE", "DIRECTION DE LA PHOTOGRAPHIE"]  # fmt: skip


def person(rng: random.Random) -> str:
    first = word(rng) + (f"-{word(rng)}" if rng.random() < 0.3 else "")
    return f"{first} {rng.choice(['', '', 'du ', 'de '])}{word(rng)}"


def faults(rules: Rules, capitals: bool = True, count: int = 40) -> dict[str, list]:
    """`count` credit lines ("MONTAGE : X DU Y") and cast lines ("X DU Y (Louise)"), four
    to a French document, in capitals or as a press kit writes them ("Montage : X du Y"):
    each name must be one PERSON mention, whole. The faults, by the name in lower case."""
    rng = random.Random("f3")
    names = [person(rng) for _ in range(count)]  # in title case, "du" in lower case
    records = []
    for i in range(0, count, 4):
        if i % 8:  # a cast list: "X DU Y (Louise)", the part as written
            lines = [f"{name.upper() if capitals else name} (Louise)" for name in names[i : i + 4]]
        else:
            lines = [f"{rng.choice(LABELS).capitalize()} : {n}" for n in names[i : i + 4]]
            lines = [line.upper() if capitals else line for line in lines]
        texts = ["Le film a été tourné en Bretagne.", "GÉNÉRIQUE", *lines, "Il sort en mars."]
        records += [
            Record(f"{i}:{j}", str(i), "<gen>", j, t, lang="fr") for j, t in enumerate(texts)
        ]
    out = list(Extract(fields=["text"], rules=rules)(records))
    found = {r.text: [(e.text, e.label) for e in r.entities if e.field == "text"] for r in out}
    named = {line: line.split(" : ", 1)[-1].removesuffix(" (Louise)") for line in found}
    return {
        named[line].lower(): got
        for line, got in found.items()
        if named[line] != line or line.endswith("(Louise)")
        if (named[line], "PERSON") not in got
    }


def test_credit_names_in_capitals_are_read_as_in_mixed_case() -> None:
    """hostile46 F3: 40 generated lines; the model misses 13 of the names in mixed case
    (syllables it does not take for names); in capitals with the rule off (main) 27 (17 more
    than in mixed case), with it the same 13 (0 more)."""
    mixed = faults(Rules.default(), capitals=False)
    bad = {name: got for name, got in faults(Rules.default()).items() if name not in mixed}
    assert not bad, (len(bad), list(bad.items())[:3])


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_a_title_cased_copy_keeps_every_offset(text: str) -> None:
    titled = title_cased(text)
    assert len(titled) == len(text)
    assert titled.lower() == text.lower()  # the case alone changes
