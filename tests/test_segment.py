"""The segmenter on pages and notes it has never seen, plus properties on arbitrary input."""

from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.segment import Segmenter, split_author

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
    assert content[1].text == "He's got a way with people. She's got a way with him."
    assert content[1].meta["year"] == 1973
    assert content[2].meta["fields"] == ["8.1", "1h42m", "PG", "en"]
    reviews = content[4:]
    assert [r.meta["author"] for r in reviews] == ["moviebuff77", "Jane Austen", "tk421"]
    assert reviews[0].text == "A delightful road movie with real heart."
    assert reviews[2].text == "Great"
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


def test_split_author_takes_two_name_tokens_only_before_a_sentence_opener() -> None:
    assert split_author("Kadath Bird There are lots of these films.") == (
        "Kadath Bird",
        "There are lots of these films.",
    )
    assert split_author("Nonureva Really Surprised!") == ("Nonureva", "Really Surprised!")
    assert split_author("eric262003 It's easy to point out") == (
        "eric262003",
        "It's easy to point out",
    )
    assert split_author("solo") == (None, "solo")


def test_crlf_bom_and_blank_lines_do_not_create_records() -> None:
    records = segment("\ufeffTitle Here\r\n\r\n\r\nA sentence that is content.\r\n")
    assert [r.text for r in records] == ["Title Here", "A sentence that is content."]


def alphanumerics(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFC", text) if c.isalnum())


@given(st.lists(st.text(max_size=80), max_size=30))
def test_segmentation_loses_no_character_of_content(lines: list[str]) -> None:
    """Every letter and digit of the input is in some record (text, author or year)."""
    joined = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    records = list(Segmenter().segment(numbered(joined), "d", "d.txt"))
    out = "".join(
        r.text + str(r.meta.get("author", "")) + str(r.meta.get("year", "")) for r in records
    )
    assert alphanumerics(out) == alphanumerics(joined)
    assert len({r.id for r in records}) == len(records)
    assert all(r.text.strip() for r in records)
