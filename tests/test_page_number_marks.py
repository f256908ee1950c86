"""A page number beside a form feed is seen whatever shows nothing in its line and whatever
frames it (hostile43 H7): the characters `io/invisible` takes for nothing (bidi marks around a
number in a Hebrew or Arabic PDF export, a ZWSP, a BOM, a soft hyphen, fillers), every bracket
and quotation mark pair Unicode defines (Ps/Pe, Pi/Pf), frames of a repeated symbol
(`~ 12 ~`, `= 12 =`, `/12/`) and `12.`. The class is drawn from Unicode's data, not a list;
a number with no form feed beside it stays content."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.io.invisible import hidden
from pipeline.io.readers import Reader
from pipeline.io.segment.pages import page_number

CHARS = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
# every character that shows nothing and is no blank (str.strip/split keep it)
INVISIBLE = [c for c in CHARS if hidden(c) and not c.isspace() and c not in "\f\r\n"]
OPENERS = [c for c in CHARS if unicodedata.category(c) in ("Ps", "Pi")]
CLOSERS = [c for c in CHARS if unicodedata.category(c) in ("Pe", "Pf")]
# a frame of one symbol or punctuation mark repeated on both sides
REPEATED = [c for c in CHARS if unicodedata.category(c) in ("Sm", "So", "Po", "Pd")][::7]
NUMERALS = ["12", "iv", "Page 12", "12 / 40", "١٢"]

FIRST = "The committee met in the old hall of the town and discussed the plans for"
SECOND = "the new bridge over the river, which had been delayed for years."
LAYOUTS = {
    "before": lambda n: f"{FIRST}\n\n{n}\n\f{SECOND}\n",
    "after": lambda n: f"{FIRST}\n\f{n}\n\n{SECOND}\n",
    "just before": lambda n: f"{FIRST}\n{n}\n\f{SECOND}\n",
}


def test_a_number_line_holding_what_shows_nothing_is_a_page_number() -> None:
    lines = [
        line
        for c in INVISIBLE
        for n in NUMERALS
        for line in (f"{c}{n}{c}", f"{n}{c}", f"{c} {n}", n[:1] + c + n[1:])
    ]
    missed = [line for line in lines if not page_number(line)]
    assert not missed, (len(missed), len(lines), missed[:5])


def test_a_number_in_any_bracket_or_quotation_pair_is_a_page_number() -> None:
    lines = [
        f"{a}{pad}{n}{pad}{b}"
        for a in OPENERS
        for b in CLOSERS[:: max(1, len(CLOSERS) // 40)]
        for n in NUMERALS[:2]
        for pad in ("", " ")
    ]
    lines += [f"{c}{pad}{n}{pad}{c}" for c in REPEATED for n in NUMERALS for pad in ("", " ")]
    lines += [f"{n}." for n in NUMERALS] + ["- 12 -", "[iv]", "• 12 •", "12 -"]
    missed = [line for line in lines if not page_number(line)]
    assert not missed, (len(missed), len(lines), missed[:5])


def test_text_and_frames_alone_are_no_page_number() -> None:
    for line in ("12 apples", "$ 12 and more", "«»", "<>", "~ ~", "12.5.", "the end.", "x 12 x"):
        assert not page_number(line), line


def read(tmp_path: Path, text: str) -> tuple[list[str], list[str]]:
    path = tmp_path / "export.txt"
    path.write_text(text, encoding="utf-8")
    records = list(Reader()([path]))  # type: ignore[arg-type]
    kept = [r.text for r in records if not r.error and not r.dropped]
    return kept, [str(r.dropped) for r in records if r.dropped]


MARKED = ["\u200e12\u200e", "\u200f12", "\ufeff12", "12\u00ad", "\u200b12", "\u3164 12"]
FRAMED = ["« 12 »", "‹ 12 ›", "< 12 >", "~ 12 ~", "= 12 =", "{12}", "/12/", "12.", "「12」"]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_sentence_a_marked_or_framed_number_cut_is_one_record(
    tmp_path: Path, layout: str
) -> None:
    for number in MARKED + FRAMED:
        kept, dropped = read(tmp_path, LAYOUTS[layout](number))
        assert kept == [f"{FIRST} {SECOND}"], (number, kept)
        assert "page-number" in dropped, (number, dropped)


def test_a_framed_number_with_no_form_feed_beside_it_stays_content(tmp_path: Path) -> None:
    for number in MARKED + FRAMED:
        kept, _ = read(tmp_path, f"{FIRST}\n\n{number}\n\n{SECOND}\n")
        assert any("12" in text for text in kept), (number, kept)
