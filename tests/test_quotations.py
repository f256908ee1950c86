"""Quotations, by class: every quotation-mark convention the pipeline reads, frames of every
length around a quotation in another language, apostrophes that are not quotations, and frames
that are only a name. Sentences written for these tests."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.quotations import QUOTATION, outside_quotations, passages
from pipeline.record import Record
from pipeline.stages.detect import Detect

MARKS = [
    ("«\u00a0", "\u00a0»"), ("« ", " »"), ("«", "»"), ("»", "«"), ("“", "”"), ("”", "”"),
    ("„", "“"), ("„", "”"), ('"', '"'), ("‹", "›"), ("「", "」"), ("『", "』"),
    ("‘", "’"), ("‚", "‘"), ("'", "'"),
]  # fmt: skip
QUOTES = {
    "fr": "je ne reviendrai jamais dans cette ville sans elle",
    "es": "nadie sale de esta habitación antes del amanecer",
    "de": "niemand verlässt dieses Zimmer vor dem Morgengrauen",
    "en": "nobody leaves this room before the sun comes up",
}
FRAMES = {  # (before, after): one, two and many words, each holding a word that is not a name
    "en": [("She whispers", "."), ("He said:", ""), ("", ", she says."),
           ("The last title card of the film reads", "before the credits roll.")],
    "fr": [("Il murmure", "."), ("", ", dit-elle."), ("Elle répète :", ""),
           ("Le dernier carton du film affiche", "avant le générique de fin.")],
}  # fmt: skip
CASES = [
    (frame_lang, quote_lang, before, after, marks)
    for frame_lang, frames in FRAMES.items()
    for before, after in frames
    for quote_lang in QUOTES
    if quote_lang != frame_lang
    for marks in MARKS
]


def detect(texts: list[str]) -> list[Record]:
    records = [Record(id=str(i), doc_id=f"d{i}", source="t", seq=i, text=t) for i, t in enumerate(texts)]  # fmt: skip
    return list(Detect()(records))


def quoted(before: str, quote: str, after: str, marks: tuple[str, str]) -> str:
    return " ".join(p for p in (before, marks[0] + quote + marks[1], after) if p).replace(" ,", ",")


@pytest.mark.parametrize("marks", MARKS, ids=[o + c for o, c in MARKS])
def test_every_mark_convention_is_a_quotation(marks: tuple[str, str]) -> None:
    text = quoted("Then", QUOTES["fr"], "closes it.", marks)
    (span,) = passages(text)
    assert text[span[0] : span[1]].strip("\u00a0 ") == QUOTES["fr"]


def test_a_frame_of_any_length_decides_its_record() -> None:
    """A record is in its frame's language, whatever the marks, the quotation's language and
    the frame's length (one word and up), and the quotation is noted where it is."""
    texts = [quoted(b, QUOTES[q], a, m) for _, q, b, a, m in CASES]
    wrong = []
    for (frame_lang, quote_lang, *_), text, record in zip(CASES, texts, detect(texts), strict=True):
        quotes = record.meta.get("quotes", [])
        noted = [(text[s:e].strip("\u00a0 "), lang) for s, e, lang in quotes]
        if record.lang != frame_lang or noted != [(QUOTES[quote_lang], quote_lang)]:
            wrong.append((text, record.lang, noted))
    assert not wrong, f"{len(wrong)} of {len(CASES)}: {wrong[:5]}"


def test_a_name_alone_does_not_decide() -> None:
    """`Name : « … »`: who speaks says nothing about the language; the whole text decides."""
    for marks, lang in itertools.product(MARKS[:6], ("fr", "es", "de")):
        text = quoted("Valérie Ostrowska :", QUOTES[lang], "", marks)
        (record,) = detect([text])
        assert record.lang == lang, text


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç", min_size=1, max_size=8)
ELIDED = st.tuples(st.sampled_from(["l", "d", "qu", "j", "n", "s", "c", "aujourd"]), WORD).map(
    lambda p: f"{p[0]}'{p[1]}"
)
CONTRACTED = st.tuples(WORD, st.sampled_from(["t", "s", "re", "ll", "ve", "d"])).map(
    lambda p: f"{p[0]}'{p[1]}"
)
POSSESSIVE = WORD.map(lambda w: f"{w}s'")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORD, ELIDED, CONTRACTED, POSSESSIVE), min_size=1, max_size=30))
def test_apostrophes_are_not_quotations(words: list[str]) -> None:
    """Elisions, contractions and possessives, straight or curly, in any number and order."""
    for text in (" ".join(words), " ".join(words).replace("'", "’")):
        assert outside_quotations(text) is None, text


def test_a_quotation_holds_its_own_apostrophes() -> None:
    for opening, closing in (("'", "'"), ("‘", "’")):
        text = f"He hums {opening}don't let the night end, l'amour c'est tout{closing} twice."
        (span,) = passages(text)
        assert text[span[0] : span[1]] == "don't let the night end, l'amour c'est tout"


def test_an_unclosed_mark_is_no_quotation() -> None:
    for opening, _ in MARKS:
        text = f"He starts {opening}{QUOTES['fr']} and never ends it"
        assert QUOTATION.search(text) is None, text


def test_translate_with_a_given_language_keeps_a_foreign_quotation() -> None:
    """`pipeline translate -s fr` runs no language ID of the records, but still keeps a quoted
    line in another language as written (it was translated as French)."""
    from tests.test_cli import cli

    quote = QUOTES["en"]
    marks = (("« ", " »"), ("“", "”"), ("'", "'"))
    lines = [f"Pendant la projection, il répète {o}{quote}{c} à voix basse." for o, c in marks]
    result = cli("translate", "-s", "fr", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    translated = result.stdout.splitlines()
    assert len(translated) == len(lines) and all(quote in line for line in translated), translated
