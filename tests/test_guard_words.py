"""A chunk that is a word is judged at once (`guard.frozen_chunk`): the same answer as every
test in turn (`guard.every_test`) for every chunk shape, words or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import LONGEST_WORD, every_test, frozen_chunk

# letters of several scripts and cases, the marks a word holds, and what makes a chunk no word
ALPHABET = st.sampled_from([*"aZéÉßǅΣσжЖ日ـ'’-_.:/@#\\0915h~", "e\u0301", "ﬁ"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=12).map("".join))
def test_words_judged_at_once_as_every_test_judges_them(core: str) -> None:
    assert frozen_chunk(core) == every_test(core)


def test_long_words_and_camel_case() -> None:
    for core in ("a" * LONGEST_WORD, "a" * (LONGEST_WORD + 1), "dQwXyz", "McDonald", "l'Homme",
                 "aujourd'hui", "peut-être", "iPhone", "ÉTÉ", "-"):  # fmt: skip
        assert frozen_chunk(core) == every_test(core)
