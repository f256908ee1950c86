"""Dropping is for lines that are nothing but furniture, and what is dropped or failed is
reported whole (up to a stated limit) and says when it was cut.

Generated: every phrase of `models/segment.json` in any case, alone with any decoration (kept
out), and inside longer generated sentences at any position (kept in)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.io.segment.boilerplate import Boilerplate
from pipeline.io.segment.segmenter import Segmenter
from pipeline.record import ENTRY_TEXT_LIMIT, Location, Record, RecordError
from pipeline.resources import load_json

PHRASES: list[str] = load_json("segment.json")["boilerplate"]
# Words of our own for generated prose (none taken from the sample corpus).
WORDS = ("the", "film", "quiet", "harbour", "we", "watched", "after", "dinner", "and", "it",
         "felt", "slow", "but", "honest", "my", "sister", "thought", "music", "was", "lovely",
         "nobody", "expected", "ending", "Marta", "Oslo", "twice", "because", "of", "rain")  # fmt: skip
MARKERS = ("", " ", "\t", "\u00a0", "»", "›", "«", "|", "•", "·", "-", "–", "—", "*", "**",
           ":", ".", "!", "...", "…", "(", ")", "[", "]", ">", "→", "▶", "#", '"', "'", "“")  # fmt: skip


def phrase_text(phrase: str) -> str:
    """A phrase as a page writes it: `#` (any number) as a number."""
    return phrase.replace("#", "7")


def cased(text: str, how: int) -> str:
    return (text, text.lower(), text.upper(), text.title(), text.swapcase())[how]


def one_line(text: str) -> list[Record]:
    return list(Segmenter().segment([(1, text)], "doc", "doc.txt"))


cases = st.integers(0, 4)
phrases = st.sampled_from(PHRASES)
decoration = st.lists(st.sampled_from(MARKERS), max_size=3).map("".join)


@settings(max_examples=400)
@given(phrases, cases, decoration, decoration)
def test_a_phrase_alone_is_dropped_however_it_is_decorated(
    phrase: str, how: int, before: str, after: str
) -> None:
    line = before + cased(phrase_text(phrase), how) + after
    records = one_line(line)
    assert [r.dropped for r in records] == ["boilerplate"], line


@settings(max_examples=400)
@given(
    phrases,
    cases,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    st.integers(0, 40),
    st.sampled_from((".", "!", "?", ".", "…")),
    st.integers(0, 3),
)
def test_a_phrase_inside_a_longer_text_is_content(
    phrase: str, how: int, words: list[str], at: int, end: str, more: int
) -> None:
    """Any generated sentence holding a phrase (at its start, middle or end, in any case, one
    sentence or several) is kept as content, never dropped as boilerplate."""
    at = min(at, len(words))
    sentence = " ".join([*words[:at], cased(phrase_text(phrase), how), *words[at:]])
    text = sentence[0].upper() + sentence[1:] + end
    text += " The rest of the review goes on for a while." * more
    records = one_line(text)
    assert [r.dropped for r in records] == [None], text
    assert records[0].text == text


def test_every_phrase_is_one_phrase_and_a_phrase_list_line_is_furniture() -> None:
    furniture = Boilerplate.from_phrases(PHRASES)
    assert len(furniture.phrases) == len({p.lower() for p in PHRASES})
    assert furniture.matches(" | ".join(phrase_text(p).upper() for p in PHRASES))
    assert not furniture.matches(" | ".join([*map(phrase_text, PHRASES), "an opinion"]))


def test_copyright_notices_are_furniture_and_sentences_about_copyright_are_not() -> None:
    furniture = Boilerplate.from_phrases(PHRASES)
    for notice in ("© 2024 Example Media Inc. All rights reserved.", "(c) 1999-2024 Foo Bar",
                   "Copyright © Northwind Traders", "Copyright 2021 Bank of Somewhere",
                   "— © Lumen Pictures —", "©"):  # fmt: skip
        assert furniture.matches(notice), notice
    for sentence in ("Copyright law protects the authors of a film.",
                     "Copyright 2019 was a busy year for the studio's lawyers.",
                     "(c) Paris and London", "© the director, who kept it for years",
                     "All rights reserved, she joked, as the credits rolled."):  # fmt: skip
        assert not furniture.matches(sentence), sentence


def test_a_long_review_that_mentions_an_offer_is_content(tmp_path: Path) -> None:
    """End to end: the review is in the corpus whole; dropped and failed lines are whole in
    their files up to ENTRY_TEXT_LIMIT, and a longer one says it was cut."""
    review = ("I signed up for the free trial only to see this one, expecting little. " * 9).strip()
    assert len(review) > 600
    nav = " | ".join(["Sign in", "Subscribe", "Privacy Policy", "Terms of Use"] * 40)
    assert len(nav) > 500
    huge = "word " * (ENTRY_TEXT_LIMIT // 5 + 10)  # over --max-chars (the same limit): E009
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(f"A Title\n\n{review}\n{nav}\n{huge}\n", encoding="utf-8")
    out = tmp_path / "out"
    Pipeline(stages=[]).run([folder], out)
    corpus = [json.loads(x) for x in (out / "corpus.jsonl").read_text().splitlines()]
    dropped = [json.loads(x) for x in (out / "dropped.jsonl").read_text().splitlines()]
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert review in [r["text"] for r in corpus]
    assert [(d["reason"], d["text"]) for d in dropped] == [("boilerplate", nav)]
    assert "truncated" not in dropped[0]
    (error,) = errors
    assert error["truncated"] is True and error["text_chars"] == len(huge.strip())
    assert error["text"] == huge.strip()[:ENTRY_TEXT_LIMIT]


def test_entries_keep_text_whole_up_to_the_limit() -> None:
    for size in (0, 1, 499, 500, 501, 657, ENTRY_TEXT_LIMIT, ENTRY_TEXT_LIMIT + 1):
        text = ("é" * size)[:size]
        record = Record(id="r", doc_id="d", source="s", seq=0, text=text,
                        location=Location("s", 3), dropped="boilerplate")  # fmt: skip
        failed = Record(id="r", doc_id="d", source="s", seq=0, text=text,
                        error=RecordError("read", "E009", "too long"))  # fmt: skip
        for entry in (record.dropped_entry(), failed.error_entry()):
            cut = size > ENTRY_TEXT_LIMIT
            assert entry["text"] == text[:ENTRY_TEXT_LIMIT]
            assert entry.get("truncated", False) is cut
            assert entry.get("text_chars", size) == size


OPENERS = ("©", "(c)", "(C)", "Copyright", "copyright ©", "Copyright (c)", "COPYRIGHT")
HOLDERS = ("", "Lisbon", "The Great War", "Keystone View Company", "by Anna Berg",
           "Harbour Photographs Ltd", "Oslo and Bergen")  # fmt: skip


@settings(max_examples=300)
@given(
    st.sampled_from(OPENERS),
    st.integers(1000, 1989),
    st.sampled_from(HOLDERS),
    st.sampled_from(("", ".", ":", " —", ",")),
    st.booleans(),
)
def test_a_year_of_history_after_a_copyright_sign_is_content(
    opener: str, year: int, holder: str, mark: str, range_: bool
) -> None:
    """A caption's credit, a citation or a list item (c) with a year no web site has is
    content; the same line with a site's year is a notice."""
    furniture = Boilerplate.from_phrases(PHRASES)
    years = f"{year - 3}-{year}" if range_ else str(year)
    line = f"{opener} {years}{mark} {holder}".strip()
    assert not furniture.matches(line), line
    assert [r.dropped for r in one_line(line)] == [None], line
    site = f"{opener} {2000 + year % 25}{mark} {holder}".strip()
    if holder[:1].isupper() or not holder:
        assert furniture.matches(site), site
