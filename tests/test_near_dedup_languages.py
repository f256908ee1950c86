"""Near duplicates across languages (`--dedup near`): two records whose detected languages
differ are never joined, so a list of names and its translation ("Starring A B, C D and E F"
/ "Avec A B, C D et E F"), which share most of their 3-grams, are apart; copies in one
language, and records whose language is unknown, are joined as before.

The names are generated (pseudo-words from syllables, seeded); the label words are the
credit labels of `models/cues.json`.
"""

from __future__ import annotations

import random
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import Detect, NearDedup
from pipeline.record import Record
from pipeline.resources import load_json
from tests.test_near_dedup import SYLLABLES

AND = {"en": "and", "fr": "et", "es": "y", "de": "und", "it": "e", "pt": "e"}


def name(rng: random.Random) -> str:
    return " ".join(
        "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize() for _ in range(2)
    )


def names_list(names: list[str], lang: str, label: str) -> str:
    return f"{label.capitalize()} {', '.join(names[:-1])} {AND[lang]} {names[-1]}."


@cache
def detector() -> Detect:
    return Detect()


def labels(lang: str) -> list[str]:
    return [c for c in load_json("cues.json")["credits"][lang] if c != AND[lang]]


def records(texts: list[str], langs: list[str | None]) -> list[Record]:
    return [
        Record(id=f"r{i}", doc_id=f"d{i}", source="<memory>", seq=i, text=t, lang=lang)
        for i, (t, lang) in enumerate(zip(texts, langs, strict=True))
    ]


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    pair=st.sampled_from([(a, b) for a in AND for b in AND if a != b]),
    count=st.integers(3, 10),
)
def test_a_list_of_names_and_its_translation_are_apart_and_its_copy_is_not(
    seed: int, pair: tuple[str, str], count: int
) -> None:
    rng = random.Random(seed)
    one, other = pair
    names = [name(rng) for _ in range(count)]
    label = rng.choice(labels(one))
    texts = [
        names_list(names, one, label),
        names_list(names, other, rng.choice(labels(other))),
        names_list(names, one, label).replace(", ", " , "),  # a copy, respaced
    ]
    detected = [r.lang for r in detector()(records(texts, [None] * 3))]
    assert detected[0] != detected[1] and detected[2] == detected[0], (texts, detected)
    out = list(NearDedup()(records(texts, detected)))
    assert [r.meta.get("near_duplicate_of") for r in out] == [None, None, "r0"]


def test_a_record_without_a_detected_language_joins_any_and_und_is_one() -> None:
    text = "Ka lo mi ren tu sa vel or pi dun, e qua zi bo ka lo mi ren."
    for langs in ([None, "fr"], ["en", None], ["fr", "fr"], ["und", "und"]):
        out = list(NearDedup()(records([text, text + " Zi"], langs)))
        assert out[1].meta.get("near_duplicate_of") == "r0", langs
    for langs in (["fr", "en"], ["und", "en"]):
        out = list(NearDedup()(records([text, text + " Zi"], langs)))
        assert "near_duplicate_of" not in out[1].meta
