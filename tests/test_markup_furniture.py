"""Class: furniture vs content decided by markup, not by wording (issue 29, F8, F18). Blocks
alike in the markup get the same fate (every comment of a thread is content, the first one
too), a short block all in links that repeats beside each comment ("Reply", "Share", ...) is
furniture, never a record; and a block in `<aside>`, `<footer>` or `<nav>` (which the
extraction deletes whole) is furniture even when its wording copies an article paragraph,
exactly, truncated or shortened. Generated threads and teasers; no corpus text."""

from __future__ import annotations

import random

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.segment.blocks import DROPPED_ROLES

VOCABULARY = [
    "ferry",
    "harbour",
    "winter",
    "lantern",
    "keeper",
    "island",
    "rope",
    "gull",
    "tide",
    "kettle",
    "window",
    "garden",
    "bridge",
    "storm",
    "letters",
    "cello",
    "morning",
    "evening",
    "shore",
    "quiet",
    "slow",
]
LINKS = ["Reply", "Share", "Report", "Permalink", "Quote"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n)).capitalize() + "."


@pytest.mark.parametrize("n", [2, 3, 10, 50])
@pytest.mark.parametrize("link", LINKS)
@pytest.mark.parametrize("short", [False, True])
def test_every_comment_is_content_and_its_links_are_furniture(
    n: int, link: str, short: bool
) -> None:
    rng = random.Random(f"{n}{link}{short}")
    texts = [f"C{i:03d} " + sentence(rng, 5 if short else 16) for i in range(n)]
    page = (
        "<html><body>"
        + "".join(
            f'<div class="comment"><p>{t}</p><a href="#c{i}">{link}</a></div>'
            for i, t in enumerate(texts)
        )
        + "</body></html>"
    )
    blocks = html_blocks(page)
    for t in texts:
        mine = [b for b in blocks if b.text == t]
        assert mine and all(b.role not in DROPPED_ROLES for b in mine), (t, blocks[:6])
    assert all(b.role == "furniture" for b in blocks if b.text == link), blocks[:6]


COPIES = {
    "exact": lambda s: s,
    "truncated": lambda s: " ".join(s.split()[:9]) + "…",
    "shortened": lambda s: " ".join(s.split()[2:12]) + ".",
}
PLACES = {
    "aside before": lambda teaser, article: (
        f"<aside><h3>Most read</h3><ul><li><a href=/x>{teaser}</a></li></ul></aside>{article}"
    ),
    "aside paragraph": lambda teaser, article: f"{article}<aside><p>{teaser}</p></aside>",
    "footer": lambda teaser, article: (
        f"{article}<footer><p>{teaser}</p><p>Site notice line.</p></footer>"
    ),
    "nav": lambda teaser, article: f"<nav><a href=/a>{teaser}</a></nav>{article}",
}


@pytest.mark.parametrize("copy", sorted(COPIES))
@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_teaser_copying_an_article_paragraph_is_furniture(
    copy: str, place: str, which: int
) -> None:
    rng = random.Random(f"{copy}{place}{which}")
    paragraphs = [f"P{i} " + sentence(rng, 20) for i in range(3)]
    article = "<main><article><h1>Title</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    article += "</article></main>"
    teaser = "T9 " + COPIES[copy](paragraphs[which])
    page = (
        f"<html><head><title>t</title></head><body>{PLACES[place](teaser, article)}</body></html>"
    )
    blocks = html_blocks(page)
    assert [b.role for b in blocks if b.text == teaser] == ["furniture"], blocks
    for p in paragraphs:
        assert [b.role for b in blocks if b.text == p] == ["paragraph"], blocks
