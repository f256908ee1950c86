"""A content word the pivot reads wrongly is replaced by the answer the other routes agree on
(`engines/translate/agreement.py`), each route asked only where a dispute is still open.

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
    assert sorted(catalan.asked) == ["joli", "visage"]  # Esperanto disputes both
    again = agreement.apply(list(reversed(texts)), ["The dear.", "The pretty dear."])
    assert again == ["The face.", "The pretty face."]  # the same, in any order
    assert sorted(main.asked) == sorted(catalan.asked) == ["joli", "visage"]


def test_one_lookup_route_changes_nothing() -> None:
    agreement = Agreement(Fixed({"visage": "dear"}), [Fixed({"visage": "face"})], analyse)
    assert not agreement
    assert agreement.apply(["Le visage."], ["The dear."]) == ["The dear."]


def test_routes_asked_only_where_a_dispute_is_open_give_the_same_answers() -> None:
    """Every table of answers (main, Catalan, Esperanto) for a word, one word per table: the
    routes asked in turn only where a dispute is still open decide as asking all of them."""
    tables = list(itertools.product(ANSWERS, repeat=3))
    words = [f"mot{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(len(tables))]

    def chain(k: int) -> Fixed:
        return Fixed({w: t[k] for w, t in zip(words, tables, strict=True) if t[k] is not None})

    def content(texts: Sequence[str]) -> list[str]:
        return [f"^{w}/{w}<n><m><sg>$" for w in texts]

    main, catalan, esperanto = chain(0), chain(1), chain(2)
    agreement = Agreement(main, [catalan, esperanto], content)
    texts = [f"Le {w}." for w in words]
    given = [f"The {t[0] or w}." for w, t in zip(words, tables, strict=True)]
    got = agreement.apply(texts, given)
    for (m, first, second), before, answer in zip(tables, given, got, strict=True):
        better = disputed(m, [first, second])
        assert answer == (replaced_once(before, *better) if better else before), (m, first, second)
    assert sorted(main.asked) == sorted(words)  # each route asked once at most
    assert len(esperanto.asked) < len(words) and len(catalan.asked) < len(esperanto.asked)
