"""A bio head that names a person, then a colon and the role in lower case ("M.-A. Quinganec :
compositeur", "Ysolde Ferougoz: director"), is a record, not a heading dropped (hostile47
G20; the comma and dash shapes were hostile46 F17). Generated: invented names with initials,
particles, hyphens; roles of several languages; each head before a bio paragraph."""

from __future__ import annotations

import random

from tests.test_cast_shapes import BIO_ROLES, BIO_TEXTS, person
from tests.test_credit_records import word
from tests.test_credits_and_wrapping import records

ROLES = [
    *BIO_ROLES,
    "montadora",
    "cinematographer",
    "editor",
    "director",
    "directora de fotografía",
]
SHAPES = ["{a} : {r}", "{a}: {r}", "{a}\u00a0: {r}"]


def name(rng: random.Random) -> str:
    """A person as a bio head writes them: initials at times ("M.-A. X", "J. B. X")."""
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice('AJMP')}.-{rng.choice('ABLP')}. {word(rng)}"
    if kind == 1:
        return f"{rng.choice('ABCJ')}. {rng.choice('BMT')}. {word(rng)}"
    if kind == 2:
        return f"{word(rng)} d'{rng.choice('AEIOU')}{word(rng).lower()}"
    return person(rng)


def bio_faults(count: int = 60) -> list[tuple[str, list[str]]]:
    """The bio heads dropped."""
    rng = random.Random("g20")
    faults = []
    for _ in range(count):
        heads = [rng.choice(SHAPES).format(a=name(rng), r=rng.choice(ROLES)) for _ in range(2)]
        text = "DOSSIER DE PRESSE\n\n" + "".join(
            f"{head}\n\n{rng.choice(BIO_TEXTS)}\n\n" for head in heads
        )
        kept, _ = records(text)
        faults += [(head, kept) for head in heads if head not in kept]
    return faults


def test_a_bio_head_name_colon_role_is_a_record() -> None:
    """hostile47 G20: 120 generated heads; on main 30 were dropped as headings, none after."""
    faults = bio_faults()
    assert not faults, (len(faults), faults[:3])
