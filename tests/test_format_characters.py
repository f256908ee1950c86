"""Invisible format characters (zero-width space, (non-)joiners, word joiner, soft hyphen, a
byte order mark inside a text, bidi marks: Unicode Cf) neither stop a record's language ID nor
a word's translation: the hostile finding T12. Each one inserted anywhere in a French sentence
either comes out byte-identical around the translated words, or the record says it was not
carried (`meta.format_removed`); the words translate as in the clean sentence."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages.detect import Detect
from pipeline.stages.translate import Translate
from pipeline.words import count_words
from tests.conftest import needs_fr_es

FORMAT = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f",
             "\u202a", "\u202c", "\u2066", "\u2069"]  # fmt: skip
SENTENCES = ["Le conseil municipal a voté un nouveau budget pour les écoles.",
             "Ils ont été retrouvés dans une forêt près de la rivière.",
             "Nous partirons demain matin avec nos voisins.",
             "Elle a acheté trois livres et une lampe au marché."]  # fmt: skip


def sprinkled(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence and the same with format characters inserted: after words, inside them,
    at its edges."""
    text = draw(st.sampled_from(SENTENCES))
    chars = list(text)
    mode = draw(st.sampled_from(["after_every_word", "random", "edges"]))
    if mode == "after_every_word":
        mark = draw(st.sampled_from(INVISIBLE))
        return text, text.replace(" ", mark + " ")
    if mode == "edges":
        return text, draw(st.sampled_from(INVISIBLE)) + text + draw(st.sampled_from(INVISIBLE))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(chars)))
        chars.insert(at, draw(st.sampled_from(INVISIBLE)))
    return text, "".join(chars)


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, str]:
    return sprinkled(draw)


@pytest.fixture(scope="module")
def detect() -> Detect:
    return Detect()


def record(text: str, lang: str | None = "fr") -> Record:
    return Record(id="1", doc_id="1", source="t", seq=0, text=text, lang=lang)


@settings(max_examples=200, deadline=None)
@given(case=cases())
def test_format_characters_are_no_part_of_a_word(case: tuple[str, str]) -> None:
    clean, text = case
    assert count_words(text) == count_words(clean)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_language_id_reads_through_format_characters(detect: Detect, case: tuple[str, str]) -> None:
    _, text = case
    (out,) = list(detect([record(text, None)]))
    assert out.lang == "fr", (text, out.lang, out.meta)


@needs_fr_es
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_format_characters_carried_or_said(
    translate_stage: Translate, case: tuple[str, str]
) -> None:
    clean, text = case
    (plain,) = list(translate_stage([record(clean)]))
    (out,) = list(translate_stage([record(text)]))
    assert plain.translation is not None and out.translation is not None, out.meta
    shown = "".join(c for c in out.translation.text if c not in FORMAT)
    assert shown.replace(" ", "") == plain.translation.text.replace(" ", ""), (text, shown)
    carried = all(out.translation.text.count(c) == text.count(c) for c in set(FORMAT) & set(text))
    assert carried or "format_removed" in out.meta, (text, out.translation.text)
