"""The report's highlighting of what a duplicate changed: exact on short texts, linear on
long ones (a 12,000-word record and its copies once took a minute of the report)."""

from __future__ import annotations

import random

from pipeline.app.report_duplicates import EXACT_DIFF_CELLS, differing
from tests.timing import best_of

WORDS = ["the", "a", "film", "of", "and", "camera", "light", "plan", "nuit", "été"]


def copy_with_changes(n: int, every: int, seed: int = 7) -> tuple[str, str, list[str]]:
    """A text of `n` frequent words and a copy with a new word at every `every`-th place."""
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(n)]
    changed = list(words)
    new = []
    for k in range(every // 2, n, every):
        changed[k] = f"Zq{k}"
        new.append(changed[k])
    return " ".join(words), " ".join(changed), new


def highlighted(base: str, text: str) -> list[str]:
    return [piece for lit, piece in differing(base, text) if lit]


def test_the_pieces_give_the_copy_back_and_light_up_its_changed_words_only() -> None:
    for n in (30, 200, 5000):  # the exact diff, then word 3-grams past its budget
        base, text, new = copy_with_changes(n, 25)
        pieces = list(differing(base, text))
        assert "".join(p for _, p in pieces) == text
        assert highlighted(base, text) == new, n
    assert (2 * 200) ** 2 < EXACT_DIFF_CELLS < (2 * 5000) ** 2  # tokens: words and blanks


def test_a_header_a_footer_or_capitals_light_up_what_they_add_only() -> None:
    base, _, _ = copy_with_changes(6000, 10**9)
    assert highlighted(base, "CROSSPOSTED FROM ELSEWHERE\n\n" + base) == [
        "CROSSPOSTED FROM ELSEWHERE"
    ]
    assert highlighted(base, base + "\n(c) Kelvo 2024") == ["(c) Kelvo 2024"]
    assert highlighted(base, base.upper()) == []


def test_highlighting_a_long_copy_changed_all_along_is_linear() -> None:
    def run(n: int) -> int:
        base, text, _ = copy_with_changes(n, 50)
        return len(highlighted(base, text))

    t_small = max(best_of(lambda: run(2000), 3), 0.002)
    t_big = best_of(lambda: run(16000), 2)
    assert t_big < 24 * t_small, f"{t_big / t_small:.0f}x at 8x the words"
