"""Route agreement asks the lookup routes only about a word it may replace
(`engines/translate/agreement.py`, #30 item 6): one whose main answer stands exactly once in
the answer of a text holding it, as the replacements before it leave that answer.

The class, generated: sentences of content words, the main route's answers written from a
small vocabulary (a main answer absent, once, twice, or there only once another word's
agreed answer is put in), and every table of the three routes' answers. The oracle is the
rule as first written: every route asked about every content word, then each disputed
answer replaced in turn. Words are written for this test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.agreement import Agreement, disputed, replaced_once, standing

WORDS = ["mota", "motb", "motc", "motd"]
ENGLISH = ["dear", "face", "Face", "home", "house", "dear face"]
ANSWER = st.one_of(st.none(), st.sampled_from(ENGLISH))


class Fixed:
    def __init__(self, table: dict[str, str | None]) -> None:
        self.table = table
        self.asked: list[str] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.asked += texts
        return [self.table.get(t) or "\x01" + t for t in texts]


def content(words: Sequence[str]) -> list[str]:
    return [f"^{w}/{w}<n><m><sg>$" for w in words]


def oracle(
    tables: dict[str, tuple[str | None, str | None, str | None]],
    texts: Sequence[str],
    answers: Sequence[str],
) -> list[str]:
    out = []
    for text, answer in zip(texts, answers, strict=True):
        for word in sorted(set(text.split())):
            main, first, second = tables[word]
            if better := disputed(main, [first, second]):
                answer = replaced_once(answer, *better)
        out.append(answer)
    return out


@settings(max_examples=150, deadline=None)
@given(
    tables=st.fixed_dictionaries({w: st.tuples(ANSWER, ANSWER, ANSWER) for w in WORDS}),
    sentences=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
            st.lists(st.sampled_from([*ENGLISH, "the", "a"]), min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_the_same_replacements_asking_only_where_one_may_happen(
    tables: dict[str, tuple[str | None, str | None, str | None]],
    sentences: list[tuple[list[str], list[str]]],
) -> None:
    main, catalan, esperanto = (Fixed({w: t[k] for w, t in tables.items()}) for k in range(3))
    agreement = Agreement(main, [catalan, esperanto], content)
    texts = [" ".join(ws) for ws, _ in sentences]
    answers = [" ".join(english) for _, english in sentences]
    assert agreement.apply(texts, answers) == oracle(tables, texts, answers)
    # a lookup route is asked about a word only where its main answer stands once in an
    # answer of a text holding it, as the replacements of the words before it leave it
    may_replace: set[str] = set()
    for text, answer in zip(texts, answers, strict=True):
        for word in sorted(set(text.split())):
            found = tables[word][0]
            if found and len(replaced_once(answer, found, "\0").split("\0")) == 2:
                may_replace.add(word)
            if better := disputed(*tables[word][:1], list(tables[word][1:])):
                answer = replaced_once(answer, *better)
    assert set(esperanto.asked) <= may_replace
    assert set(catalan.asked) <= set(esperanto.asked)
    assert sorted(main.asked) == sorted({w for t in texts for w in t.split()})  # once each


LETTERS = "aAsSſkKK\u0345\u0399ιßẞİiı'’- .x"


@settings(max_examples=300, deadline=None)
@given(
    answer=st.text(alphabet=LETTERS, max_size=14),
    word=st.text(alphabet=LETTERS, min_size=1, max_size=4),
)
def test_a_word_stands_where_the_lookaround_pattern_finds_it(answer: str, word: str) -> None:
    """`standing` (a match of the word alone, the characters beside it read after) finds what
    the word between lookarounds under `re.I` finds, on letters whose cases fold unevenly."""
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", re.I)
    assert [m.span() for m in standing(answer, word)] == [
        m.span() for m in pattern.finditer(answer)
    ]
