"""Junk gets no confident language: a letter under a stack of combining marks, a letter or a
syllable repeated ("a-a-a-a-a", "xxxxx", "abababab"), keyboard mash, no letters at all come
out `und` with a reason (`meta.lang_reason`): the hostile finding T13. Real words with a
repeated syllable ("papa", "hahaha", "bonbon") stay words."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.langid.base import iso639_1
from pipeline.record import Record
from pipeline.stages.detect import Detect
from pipeline.words import count_words

LETTERS = "abcdefghijklmnopqrstuvwxyzéèàçñ"
MARKS = [chr(c) for c in range(0x300, 0x370)]


@st.composite
def junk(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["stacked", "repeated", "separated", "no_letters"]))
    if kind == "stacked":
        base = draw(st.sampled_from(LETTERS))
        return base + "".join(draw(st.lists(st.sampled_from(MARKS), min_size=4, max_size=60)))
    unit = "".join(draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=3)))
    times = draw(st.integers(4, 30))
    if kind == "repeated":
        words = draw(st.integers(1, 4))
        return " ".join([unit * times] * words)
    if kind == "separated":
        return draw(st.sampled_from("-'’")).join([unit] * times)
    return draw(st.text(alphabet="0123456789!?.,;:#*@ -_/", min_size=1, max_size=30))


@pytest.fixture(scope="module")
def detect() -> Detect:
    return Detect()


@settings(max_examples=300, deadline=None)
@given(text=junk())
def test_junk_holds_no_word(text: str) -> None:
    assert count_words(text) == 0, text


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=junk())
def test_junk_is_undetermined_with_a_reason(detect: Detect, text: str) -> None:
    (out,) = list(detect([Record(id="1", doc_id="1", source="t", seq=0, text=text)]))
    assert out.lang == "und" and out.meta.get("lang_reason"), (text, out.lang, out.meta)


def test_words_with_a_repeated_syllable_are_words() -> None:
    assert count_words("papa bonbon hahaha coucou tutu Mississippi") == 6


def test_no_linguistic_content_is_undetermined() -> None:
    assert iso639_1("zxx") == "und"
