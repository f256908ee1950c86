"""The report's highlighting shows what a duplicate lacks at its place: a copy cut short, a
sentence or a word taken out, the first record's header missing, is a struck gap "[…N words]"
where the words were, never an exact-looking copy (`pipeline.app.report_duplicates`).

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import html
import json
import random
import unicodedata
from pathlib import Path

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import NearDedup, Pipeline
from pipeline.app.report import build_report
from pipeline.app.report_duplicates import differing, gap_label
from pipeline.minhash import folded
from tests.test_near_dedup import paragraph, vocabulary

FULLWIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}  # ASCII as full-width forms


def cut(words: list[str], start: int, length: int) -> tuple[str, str]:
    """The text, and the copy without `length` words from `start`."""
    return " ".join(words), " ".join(words[:start] + words[start + length :])


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    size=st.sampled_from([12, 60, 3_000]),  # the exact diff, and past its budget
    where=st.sampled_from(["start", "middle", "end"]),
    length=st.integers(1, 30),
    form=st.sampled_from(["NFC", "NFD", "upper", "fullwidth"]),
)
def test_words_taken_out_are_a_gap_at_their_place(
    seed: int, size: int, where: str, length: int, form: str
) -> None:
    rng = random.Random(seed)
    words = paragraph(rng, vocabulary(rng, 80), size).split(" ")
    length = min(length, len(words) - 1)
    start = {"start": 0, "end": len(words) - length}.get(where, (len(words) - length) // 2)
    base, copy = cut(words, start, length)
    copy = (
        copy.upper() if form == "upper"
        else copy.translate(FULLWIDTH) if form == "fullwidth"
        else unicodedata.normalize(form, copy)
    )  # fmt: skip
    pieces = list(differing(base, copy))
    assert [p for d, p in pieces if d] == []  # nothing it holds differs
    assert [p for d, p in pieces if d is None] == [gap_label(length)]
    shown = [p if d is not None else "<GAP>" for d, p in pieces]
    before = "".join(shown).split("<GAP>")[0]
    at = len(before.split())  # where the words were (or an equal place: "x x y" less an x)
    folded_words = [[folded(w) for w in t.split()] for t in (base, copy)]
    theirs, ours = folded_words
    assert theirs[:at] == ours[:at] and theirs[at + length :] == ours[at:], (at, start)
    assert "".join(p for d, p in pieces if d is not None) == copy


def test_a_gap_counts_words_and_an_exact_copy_has_none() -> None:
    assert gap_label(1) == "[…1 word]" and gap_label(12) == "[…12 words]"
    text = "Ka lo mi, ren tu sa."
    assert list(differing(text, text)) == [(False, text)]
    assert [p for d, p in differing(text, "Ka lo mi ren tu sa.") if d is None] == []


def test_the_report_page_shows_the_gap_struck_at_its_place(tmp_path: Path) -> None:
    rng = random.Random(3)
    words = paragraph(rng, vocabulary(rng, 80), 60).split(" ")
    rows = [("a", " ".join(words)), ("a1", " ".join(words[:20] + words[32:]))]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows))
    Pipeline(stages=[NearDedup()]).run([src], tmp_path / "out")
    page = build_report(tmp_path / "out").read_text(encoding="utf-8")
    member = page[page.index('<div class="member">') :]
    member = member[: member.index("</div>")]
    gap = '<del class="gap" title="words of the first record missing here">[…12 words]</del>'
    assert member.count("<del") == 1 and gap in member and "<mark" not in member
    before = html.unescape(
        regex.sub(r"<[^>]+>", "", member[member.index("</code>") : member.index(gap)])
    )
    assert before.split() == words[:20]


def joined_word(rng: random.Random, words: list[str]) -> str:
    """A word as a text shows it, between spaces: sometimes several joined by punctuation
    (a version, a path, a parenthesis, a hyphenated compound)."""
    parts = [rng.choice(words) for _ in range(rng.choice([1, 1, 2, 3]))]
    word = "".join(p + rng.choice([".", "/", "-", "'", "),", ".("]) for p in parts[:-1]) + parts[-1]
    return rng.choice(["", "(", "/", "“"]) + word + rng.choice(["", "", ",", ").", ";"])


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.sampled_from([12, 60]), length=st.integers(1, 15))
def test_a_gap_counts_the_words_shown_not_the_tokens_compared(
    seed: int, size: int, length: int
) -> None:
    """hostile49 N4: "(since dpkg 1.16.5), any (since" taken out said "[…7 words]"."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 80)
    words = [joined_word(rng, vocab) for _ in range(size)]
    length = min(length, len(words) - 1)
    start = rng.randrange(len(words) - length + 1)
    base, copy = cut(words, start, length)
    pieces = list(differing(base, copy))
    assert [p for d, p in pieces if d is None] == [gap_label(length)]
