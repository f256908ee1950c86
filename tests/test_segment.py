"""The segmenter on pages and notes it has never seen, plus properties on arbitrary input."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pipeline.io.segment.lines import normalise
from pipeline.io.segment.segmenter import Segmenter

OTHER_FILM_PAGE = """\
Paper Moon

1973 "He's got a way with people. She's got a way with him."
8.1 | 1h42m | PG | en
Synopsis

During the Great Depression, a con man finds himself saddled with a young girl who may or may not be his daughter.

Advertisement
Start your free trial
Sign in

User Reviews

moviebuff77 A delightful road movie with real heart.
Jane Austen This is the best thing Ryan O'Neal ever did.
tk421 Great
"""

OTHER_NOTES = """\
Le tournage commença au Kansas en 1972 avec Ryan O'Neal et sa fille Tatum.

Anecdotes
La production dut repeindre plusieurs voitures de l'époque pour
respecter les couleurs du roman de Joe David Brown.
"""


def numbered(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.splitlines(), start=1))


def segment(text: str) -> list:  # type: ignore[type-arg]
    return list(Segmenter().segment(numbered(text), "doc", "doc.txt"))


def test_film_page_kinds_authors_and_noise() -> None:
    records = segment(OTHER_FILM_PAGE)
    content = [r for r in records if r.dropped is None]
    assert [r.meta["kind"] for r in content] == [
        "title",
        "tagline",
        "facts",
        "synopsis",
        "review",
        "review",
        "review",
    ]
    assert content[0].text == "Paper Moon"
    assert content[1].text == "1973 \"He's got a way with people. She's got a way with him.\""
    assert content[1].meta["year"] == 1973  # the words stay in the text: nothing is cut
    assert content[2].meta["fields"] == ["8.1", "1h42m", "PG", "en"]
    reviews = content[4:]
    # a review line is kept whole: which words are a username is no evidence a page gives
    assert [r.text for r in reviews] == OTHER_FILM_PAGE.splitlines()[-3:]
    assert all("author" not in r.meta for r in reviews)
    dropped = {r.text: r.dropped for r in records if r.dropped}
    assert dropped == {
        "Synopsis": "heading",
        "Advertisement": "boilerplate",
        "Start your free trial": "boilerplate",
        "Sign in": "boilerplate",
        "User Reviews": "heading",
    }
    assert [r.seq for r in content] == list(range(len(content)))
    assert len({r.id for r in records}) == len(records)


def test_notes_headings_become_sections_and_wrapped_lines_join() -> None:
    records = segment(OTHER_NOTES)
    content = [r for r in records if r.dropped is None]
    assert len(content) == 2
    assert content[0].meta == {"kind": "paragraph", "line": 1}
    assert content[1].meta["section"] == "Anecdotes"
    assert content[1].text.startswith(
        "La production dut repeindre plusieurs voitures de l'époque pour respecter"
    )
    assert content[1].meta["line"] == 4
    assert [r.text for r in records if r.dropped == "heading"] == ["Anecdotes"]


def test_a_byline_is_the_author_of_what_follows_and_nothing_else_is() -> None:
    records = segment(
        "A Title Of Some Kind\n\nBy Jane Q. Doe\nThe first paragraph says something.\n"
        "By the river the second one goes on.\nby default\n"
    )
    content = [r for r in records if r.dropped is None]
    assert [r.text for r in records if r.dropped == "byline"] == ["By Jane Q. Doe"]
    assert [r.meta.get("author") for r in content] == [None, "Jane Q. Doe", "Jane Q. Doe",
                                                      "Jane Q. Doe"]  # fmt: skip
    assert content[2].text == "By the river the second one goes on."  # a sentence, not a byline


def test_crlf_bom_and_blank_lines_do_not_create_records() -> None:
    records = segment("\ufeffTitle Here\r\n\r\n\r\nA sentence that is content.\r\n")
    assert [r.text for r in records] == ["Title Here", "A sentence that is content."]


def alphanumerics(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


@given(st.lists(st.text(max_size=80), max_size=30))
def test_segmentation_loses_no_character_of_content(lines: list[str]) -> None:
    """Every letter and digit of the input is in the text of some record, and each record's
    text is made of whole input lines (the reader never cuts words off a line)."""
    joined = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    records = list(Segmenter().segment(numbered(joined), "d", "d.txt"))
    out = "".join(r.text for r in records)
    assert alphanumerics(out) == alphanumerics(joined)
    kept = {normalise(line) for line in joined.splitlines()} - {""}
    for record in records:
        assert any(line in record.text for line in kept if record.text.startswith(line))
    assert len({r.id for r in records}) == len(records)
    assert all(r.text.strip() for r in records)
