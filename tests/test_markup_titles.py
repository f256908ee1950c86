"""Class: the page's title heading left out by the extraction (issue 29, F26). The heading
just before the main content (a mailing-list archive's `<h1>` subject above its sender and
date lines, a thread's or a table's title) is a heading whatever trafilatura keeps, never
`furniture`; one in a `<nav>`, `<aside>` or `<footer>` stays furniture. Generated pages."""

from __future__ import annotations

import random

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.segment.blocks import DROPPED_ROLES

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dru", "sen", "ti", "bar", "nu"]


def words(rng: random.Random, n: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) for _ in range(n)
    )


def mail(rng: random.Random) -> str:
    lines = [words(rng, 11) for _ in range(6)]
    lines[0] = lines[0].capitalize()
    return "<pre>" + "\n".join(lines) + ".\n</pre>"


def paragraphs(rng: random.Random) -> str:
    return "".join(f"<p>{words(rng, 18).capitalize()}.</p>" for _ in range(4))


def table(rng: random.Random) -> str:
    rows = "".join(f"<tr><td>{1950 + i}</td><td>{words(rng, 3)}</td></tr>" for i in range(10))
    return f"<table>{rows}</table>"


CONTENTS = {"mail": mail, "paragraphs": paragraphs, "table": table}
META = [
    "<b>{}</b><br>",
    "<i>{}</i>",
    "<a href='/u'>{}</a>",
    "<p class=meta>{}</p>",
]


@pytest.mark.parametrize("content", sorted(CONTENTS))
@pytest.mark.parametrize("level", ["h1", "h2"])
@pytest.mark.parametrize("meta", [0, 1, 2, 3])
def test_the_heading_above_the_content_is_a_heading(content: str, level: str, meta: int) -> None:
    rng = random.Random(f"{content}{level}{meta}")
    title = f"Subject {words(rng, 3)}"
    between = "".join(META[i].format(words(rng, 2)) for i in range(meta))
    page = (
        "<html><head><title>Archive</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/list'>List</a></nav><{level}>{title}</{level}>"
        f"{between}<hr>{CONTENTS[content](rng)}<hr><a href='/next'>Next message</a>"
        "</body></html>"
    )
    mine = [b for b in html_blocks(page) if b.text == title]
    assert [b.role for b in mine] == ["heading"], html_blocks(page)


@pytest.mark.parametrize("place", ["nav", "aside", "footer"])
def test_a_heading_in_navigation_stays_furniture(place: str) -> None:
    rng = random.Random(place)
    title = f"Menu {words(rng, 2)}"
    page = (
        f"<html><body><{place}><h2>{title}</h2><a href='/'>Home</a></{place}>"
        f"{paragraphs(rng)}</body></html>"
    )
    mine = [b for b in html_blocks(page) if b.text == title]
    assert [b.role for b in mine] == ["furniture"], html_blocks(page)
    assert all(b.role in DROPPED_ROLES for b in mine)


@pytest.mark.parametrize("wrapper", ["header", "div id=top", "div"])
def test_a_site_name_above_a_titled_post_is_no_title(wrapper: str) -> None:
    """The content starts with its own heading: the one above it is the site's name."""
    rng = random.Random(wrapper)
    site, post = f"Site {words(rng, 2)}", f"Post {words(rng, 3)}"
    close = wrapper.split()[0]
    page = (
        f"<html><body><{wrapper}><h1>{site}</h1><p>{words(rng, 3)}</p></{close}>"
        f"<div class=post><h2>{post}</h2>{paragraphs(rng)}</div></body></html>"
    )
    roles = {b.text: b.role for b in html_blocks(page)}
    assert (roles.get(site), roles.get(post)) == ("furniture", "heading"), roles
