"""A content word the pivot reads wrongly is replaced by the answer the other routes agree on
(`engines/translate/agreement.py`, off by default: measured too slow for item 6).

The class: every combination of the routes' answers for a word (unknown, same as the main
route, agreeing, disagreeing, differing only in case) × where the main answer is in the
sentence (once, twice, not at all, capitalised); only content words (noun, adjective) are
asked. Words are written for this test.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from pipeline.engines.translate.agreement import Agreement, disputed, replaced_once

ANSWERS = [None, "dear", "face", "Face", "visage"]


@pytest.mark.parametrize(
    ("main", "first", "second"), list(itertools.product(ANSWERS, repeat=3))
)  # fmt: skip
def test_replaced_only_when_every_other_route_agrees_against_the_main_one(
    main: str | None, first: str | None, second: str | None
) -> None:
    got = disputed(main, [first, second])
    agree = first is not None and second is not None and first.lower() == second.lower()
    if main is None or not agree or main.lower() == str(first).lower():
        assert got is None
    else:
        assert got == (main, first)
    assert disputed(main, [first]) is None  # one lookup route is no agreement


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        ("Her dear smiled.", "Her face smiled."),
        ("Dear, she smiled.", "Face, she smiled."),
        ("Her dear dear smiled.", "Her dear dear smiled."),
        ("Her endeared smile.", "Her endeared smile."),
        ("She smiled.", "She smiled."),
    ],
)
def test_the_main_answer_is_replaced_where_it_is_once(answer: str, want: str) -> None:
    assert replaced_once(answer, "dear", "face") == want


class Fixed:
    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.asked: list[str] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.asked += texts
        return [self.table.get(t, "\x01" + t) for t in texts]


def analyse(words: Sequence[str]) -> list[str]:
    tags = {"visage": "visage<n><m><sg>", "joli": "joli<adj><m><sg>", "le": "le<det><def>"}
    return [f"^{w}/{tags[w]}$" if w in tags else f"^{w}/*{w}$" for w in words]


def test_only_content_words_are_asked_and_each_once() -> None:
    main = Fixed({"visage": "dear", "joli": "pretty"})
    catalan = Fixed({"visage": "face", "joli": "nice"})
    esperanto = Fixed({"visage": "face", "joli": "beautiful"})
    agreement = Agreement(main, [catalan, esperanto], analyse)
    texts = ["Le joli visage.", "Le visage."]
    got = agreement.apply(texts, ["The pretty dear.", "The dear."])
    assert got == ["The pretty face.", "The face."]
    assert sorted(main.asked) == ["joli", "visage"]  # "le" is no content word: not asked
    again = agreement.apply(list(reversed(texts)), ["The dear.", "The pretty dear."])
    assert again == ["The face.", "The pretty face."]  # the same, in any order
    assert sorted(main.asked) == ["joli", "visage"]


def test_one_lookup_route_changes_nothing() -> None:
    agreement = Agreement(Fixed({"visage": "dear"}), [Fixed({"visage": "face"})], analyse)
    assert not agreement
    assert agreement.apply(["Le visage."], ["The dear."]) == ["The dear."]
