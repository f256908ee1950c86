"""The name guard's cost grows linearly with the record, for every shape a name can take: a
long link NER took into a name (the link is frozen by its shape, never read as a name), one
long run of capitalised words NER took as one name, many names in one record, and a long
capitalised run guessed as a name for a language without NER. The real engine (Apertium)
reads the names: its analyser's cost grows faster than a line's length, so a 40,000-character
"name" cost 26 s where the same text without it cost 0.01 s.

Each shape at two sizes 16x apart; the bound sits between linear (16x) and quadratic (256x)
growth: 32x the time (twice linear), with a floor under the small size's time, as in
`test_mechanism_cost.py`. Before the bound: 2,500 → 40,000 characters of a link NER took in,
1.9 → 95 s (48x); many names, 0.10 → 4.1 s (41x).
The words are generated from syllables; none comes from a corpus."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate
from tests.timing import best_of

SMALL, BIG = 2500, 40000  # 16x
RATIO = 32
FLOOR = 0.05  # seconds: a batch's round trips to the engine, whatever its size
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "or", "pi", "dun", "qua", "zi", "bo"]


def word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(1, 3))).capitalize()


def record(text: str, lang: str, names: list[tuple[int, int]], label: str) -> Record:
    entities = [Entity(text[s:e], label, s, e) for s, e in names]
    return Record("x", "x", "<memory>", 0, text, lang=lang, entities=entities)


def link_entity(n: int) -> Record:
    """A link of `n` characters that NER took as one name (`MISC`), words after it."""
    rng = random.Random(n)
    url = "https://exemple.fr/" + "".join(rng.choices("aBcD", k=n))
    text = f"Voir {url} merci."
    return record(text, "fr", [(5, 5 + len(url))], "MISC")


def long_name(n: int) -> Record:
    """One run of capitalised words of `n` characters, tagged as one person's name."""
    rng = random.Random(n)
    run = ""
    while len(run) < n:
        run += word(rng) + " "
    text = f"Selon {run.strip()}, tout va bien."
    return record(text, "fr", [(6, 6 + len(run.strip()))], "PERSON")


def many_names(n: int) -> Record:
    """Distinct two-word names, `n` characters of them, in one sentence."""
    rng = random.Random(n)
    text, spans = "Étaient présents ", []
    while len(text) < n:
        name = f"{word(rng)} {word(rng)}"
        spans.append((len(text), len(text) + len(name)))
        text += name + ", "
    return record(text + "et moi.", "fr", spans, "PERSON")


def guessed_run(n: int) -> Record:
    """A capitalised run of `n` characters in a language without NER: a guessed name."""
    rng = random.Random(n)
    run = ""
    while len(run) < n:
        run += word(rng) + " "
    return record(f"Ayer vi a {run.strip()} en la calle.", "es", [], "PERSON")


SHAPES: dict[str, Callable[[int], Record]] = {
    "link-entity": link_entity,
    "long-name": long_name,
    "many-names": many_names,
    "guessed-run": guessed_run,
}


@pytest.fixture(scope="module")
def stage() -> Iterator[Translate]:
    if not ApertiumTranslator().supports("fr", "en"):
        pytest.fail("Apertium fr→en is not installed: run scripts/install-system-deps.sh")
    translate = Translate(cache=None)
    for shape in SHAPES.values():  # start the engine's processes outside the timings
        list(translate([shape(300)]))
    yield translate
    translate.close()


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_name_guard_is_linear_in_the_record(stage: Translate, shape: str) -> None:
    small, big = SHAPES[shape](SMALL), SHAPES[shape](BIG)
    small_time = best_of(lambda: list(stage([small])))
    big_time = best_of(lambda: list(stage([big])))
    assert big_time <= RATIO * max(small_time, FLOOR), (shape, small_time, big_time)
