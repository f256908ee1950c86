"""A line that ends in a URL, in a wrapped block of a text page or a Markdown paragraph: the
next line is the rest of the URL only when its first word is a piece of one (made of URL
characters, with a path, query or fragment mark, or a dot or hyphen inside it), never when
it starts a URL of its own, a number column, or a plain word. A list of links used to
become one corrupt URL ("…/Harbourhttps://…"), and a URL absorbed the next line's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io.readers import Reader

URLS = [
    "https://example.org/films/",
    "https://example.org/films/night-harbour",
    "http://example.com/review/42",
    "https://example.org/search?q=harbour&page=2",
    "https://example.org/notes#part-3",
    "www.example.org/press",
    "ftp://files.example.org/kit.zip",
    "https://exämple.org/café",
]
# Next lines that start something else: the URL ends its line.
NOT_A_PIECE = [
    "https://example.net/other/page",
    "http://example.net/",
    "www.example.net/more",
    "ftp://example.net/a",
    "7.2| 2h6m| PG-13| en",
    "music376 river12 and more words",
    "Another line of text",
    "music376.",
    "keeper41-",
    "(see the notes)",
    "— the crew",
    "2024 was the year",
    "12,5 km from the coast",
    "7.2 stars out of ten",
]
# Next lines whose first word is the rest of the URL the wrap cut.
PIECES = [
    "lms/night_harbour?id=12 and more",
    "?id=3&lang=en for the crew",
    "#section-2 of the kit",
    "%C3%A9t%C3%A9 in summer",
    "_v2.pdf for the crew",
    "night-harbour-2024.html and more",
    "ple.com/press for the crew",
]


def texts(tmp_path: Path, suffix: str, lines: list[str]) -> list[str]:
    path = tmp_path / f"page{suffix}"
    path.write_text("A title line\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return [r.text for r in Reader()([path]) if r.error is None and not r.dropped]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("url", URLS)
def test_a_url_at_a_line_end_stays_whole_before_any_other_start(
    tmp_path: Path, suffix: str, url: str
) -> None:
    for nxt in NOT_A_PIECE:
        found = texts(tmp_path, suffix, [f"The press kit is at {url}", nxt])
        words = [w for t in found for w in t.split()]
        assert url in words, (url, nxt, found)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("url", URLS[:3])
def test_the_rest_of_a_cut_url_is_joined_to_it(tmp_path: Path, suffix: str, url: str) -> None:
    for nxt in PIECES:
        found = texts(tmp_path, suffix, [f"The press kit is at {url}", nxt])
        piece = nxt.split()[0]
        assert any(url + piece in t.split() for t in found), (url, nxt, found)


def test_a_list_of_links_is_a_list_of_whole_links(tmp_path: Path) -> None:
    links = [u for u in URLS if u.startswith(("http", "www", "ftp"))]
    found = texts(tmp_path, ".txt", ["Sources:", *links])
    words = [w for t in found for w in t.split()]
    assert all(u in words for u in links), found
