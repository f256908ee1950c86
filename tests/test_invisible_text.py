"""A text nothing of which shows is no record (issue #29): a line, cell, value or paragraph of
format characters (zero-width spaces and joiners, BOMs, soft hyphens, bidi marks, tag
characters: Unicode's Cf), variation selectors and Hangul fillers, with blanks, is dropped
with reason `invisible` by every reader; a text with one visible character beside them is
kept exactly. The characters are drawn from `unicodedata` over the whole code space."""

from __future__ import annotations

import html
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader


def drawn_from_unicode() -> list[str]:
    """Every format character, variation selector and Hangul filler Unicode has, by its data."""
    out = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        name = unicodedata.name(char, "")
        if (
            unicodedata.category(char) == "Cf"
            or "VARIATION SELECTOR" in name
            or ("HANGUL" in name and "FILLER" in name)
        ):
            out.append(char)
    return out


HIDDEN = drawn_from_unicode()
BLANKS = [" ", "\u00a0", "\u3000", "\u2009"]  # Zs: with the others, never alone
invisible_texts = st.lists(st.sampled_from(HIDDEN), min_size=1, max_size=12).flatmap(
    lambda hidden: st.permutations(hidden + BLANKS[: len(hidden) % 3]).map("".join)
)
FORMATS = [".jsonl", ".csv", ".txt", ".md", ".html"]
VISIBLE = ["A first review of the harbor lantern.", "The second one, about the river."]


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def written(fmt: str, texts: list[str]) -> str:
    """`texts` as a file of the format, each its own record (line, row, paragraph)."""
    if fmt == ".jsonl":
        return "".join(json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(texts))
    if fmt == ".csv":
        return "id,text\n" + "".join(f"r{i},{csv_cell(t)}\n" for i, t in enumerate(texts))
    if fmt == ".html":
        body = "".join(f"<p>{html.escape(t)}</p>\n" for t in texts)
        return f"<html><head><title>Reviews</title></head><body><main>{body}</main></body></html>"
    return "\n\n".join(texts) + "\n"


def read(tmp_path: Path, fmt: str, texts: list[str]) -> list:
    path = tmp_path / f"page{fmt}"
    path.write_text(written(fmt, texts), "utf-8")
    return list(Reader()([path]))


@pytest.mark.parametrize("fmt", FORMATS)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hidden=invisible_texts)
def test_an_invisible_text_is_dropped(tmp_path: Path, fmt: str, hidden: str) -> None:
    records = read(tmp_path, fmt, [VISIBLE[0], hidden, VISIBLE[1]])
    assert [r.text.strip() for r in records if r.active] == VISIBLE
    assert all(r.error is None for r in records)
    if fmt in (".jsonl", ".csv"):  # a value or cell is a record as written
        assert [(r.text, r.dropped) for r in records if r.dropped] == [(hidden, "invisible")]


@pytest.mark.parametrize("fmt", [".jsonl", ".csv", ".txt"])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(hidden=invisible_texts, at=st.integers(0, 6))
def test_a_visible_text_with_invisible_characters_is_kept_as_is(
    tmp_path: Path, fmt: str, hidden: str, at: int
) -> None:
    word = "Lantern"
    text = unicodedata.normalize("NFC", word[:at] + hidden + word[at:])
    records = read(tmp_path, fmt, [text])
    (record,) = [r for r in records if r.active]
    assert record.text == (text.strip() if fmt == ".txt" else text)


def test_a_field_of_invisible_text_falls_back_to_the_next_name(tmp_path: Path) -> None:
    """`--text-field review,text`: an invisible review is no value, as a blank one is."""
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "a", "review": "\u200b\ufeff", "text": "Kept."}) + "\n")
    (record,) = Reader(text_field="review,text")([path])
    assert record.active and record.text == "Kept."
