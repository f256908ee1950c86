"""What NER is given costs linear time on every character class: spaCy's tokenizer is square in
a token's length (it strips affixes one at a time and searches the rest again), so a long
whitespace-free run (emoji, punctuation, glued links) held a run for minutes. Every class and
structure of `tests/cost_classes` that makes long tokens, at two sizes 16x apart, through the tokenizer of each
language's model as Extract feeds it; the bound sits between linear (16x) and square (256x).
It catches square paths, it times nothing."""

from __future__ import annotations

import pytest

from pipeline.stages.extract import Extract, load_model
from pipeline.text import MAX_TOKEN, tokenizable
from tests.cost_classes import hostile_texts
from tests.timing import best_of

SMALL, BIG = 1_000, 16_000  # 16x: linear grows 16x, square 256x
RATIO = 64
FLOOR = 0.005

pytestmark = pytest.mark.slow


def long_tokens(n: int) -> list[tuple[str, str]]:
    """The texts of `tests/cost_classes` whose tokens are long: each class in an unbroken run
    and glued to letters, and the mixed patterns (a class between spaces makes short tokens)."""
    return [(name, text) for name, text in hostile_texts(n) if "/" not in name or
            name.endswith(("/run", "/word+c"))]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ner_tokenizes_every_character_class_in_linear_time(lang: str) -> None:
    try:
        nlp = load_model(Extract().models[lang])
    except OSError:
        pytest.skip(f"no spaCy model for {lang}")
    small, big = dict(long_tokens(SMALL)), dict(long_tokens(BIG))

    def cold(text: str) -> float:
        """The one reading of `text`: a second reading of the same long token is a lookup in
        the tokenizer's cache, and would hide its cost."""
        return best_of(lambda: nlp.tokenizer(tokenizable(text)))

    slow = []
    for name, text in small.items():
        t_small = max(cold(text), FLOOR)
        t_big = cold(big[name])
        if t_big > RATIO * t_small:
            slow.append(f"{name}: {t_big / t_small:.0f}x")
    assert not slow, slow


@pytest.mark.parametrize("size", [0, 1, MAX_TOKEN - 1, MAX_TOKEN, MAX_TOKEN + 1, 5 * MAX_TOKEN + 3])
@pytest.mark.parametrize("before", ["", " ", "Velor ", "\n"])
def test_a_long_run_is_broken_by_spaces_in_place_and_nothing_else_moves(
    size: int, before: str
) -> None:
    text = f"{before}{'😀' * size} Kalo Mirenta, à Velor."
    out = tokenizable(text)
    assert len(out) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, out, strict=True))
    assert max(len(token) for token in out.split()) <= MAX_TOKEN
    assert out.endswith(" Kalo Mirenta, à Velor.")
    assert (out == text) == (size <= MAX_TOKEN)
