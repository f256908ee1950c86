"""Class: text a browser shows though the markup calls it fallback or one line (issue 29,
F21): an `<object>` of a plugin no browser runs shows its content (a record, never dropped
as `fallback`), one that loads an image or a page does not; an iframe's `srcdoc` document is
shown in place (content where the page around it is, never `furniture`); a textarea of
several lines shows them as lines (read as preformatted text: a poem's lines stay apart).
Generated pages; no corpus text."""

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


def page(body: str, rng: random.Random) -> str:
    def para() -> str:
        return f"<p>{words(rng, 16).capitalize()}.</p>"

    return (
        "<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>Head</h1>"
        f"{para()}{para()}{body}{para()}{para()}</article></body></html>"
    )


PLUGINS = {
    "flash data": 'data="movie.swf"',
    "flash type": 'type="application/x-shockwave-flash" data="/play?id=3"',
    "java": 'type="application/x-java-applet" data="a.class"',
    "activex": 'classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000"',
    "silverlight": 'type="application/x-silverlight-2" data="data:application/x-silverlight-2,"',
    "realmedia": 'data="clip.rm"',
    "windows media": 'type="video/x-ms-wmv" data="clip.wmv"',
    "quicktime": 'data="trailer.mov"',
    "nothing to load": 'type="image/svg+xml"',
}
RENDERED = {
    "image": 'data="photo.png" type="image/png"',
    "page": 'data="other.html"',
    "pdf": 'data="paper.pdf" type="application/pdf"',
}
CONTENT = {
    "p": "<p>{}</p>",
    "text": "{}",
    "params then text": "<param name=movie value=x.swf><param name=q value=high>{}",
    "embed then p": "<embed src=x.swf><p>{}</p>",
    "nested object": "<object data=x.swf>{}</object>",
}


@pytest.mark.parametrize("plugin", sorted(PLUGINS))
@pytest.mark.parametrize("content", sorted(CONTENT))
def test_an_objects_content_is_shown_when_no_browser_runs_it(plugin: str, content: str) -> None:
    rng = random.Random(f"{plugin}{content}")
    text = f"Fallback{words(rng, 6)}"
    body = f"<object {PLUGINS[plugin]}>{CONTENT[content].format(text)}</object>"
    mine = [b for b in html_blocks(page(body, rng)) if text in b.text]
    assert mine and all(b.role not in DROPPED_ROLES for b in mine), mine


@pytest.mark.parametrize("kind", sorted(RENDERED))
def test_an_object_a_browser_shows_keeps_its_content_as_fallback(kind: str) -> None:
    rng = random.Random(kind)
    text = f"Fallback{words(rng, 6)}"
    body = f"<object {RENDERED[kind]}><p>{text}</p></object>"
    mine = [b for b in html_blocks(page(body, rng)) if text in b.text]
    assert [b.role for b in mine] == ["fallback"], mine


FRAMES = {
    "p": "<p>{}</p>",
    "two p": "<p>{}</p><p>more {}</p>",
    "list": "<ul><li>{}</li><li>two {}</li></ul>",
    "heading": "<h2>{}</h2><p>under {}</p>",
    "page": "<html><head><title>x</title></head><body><div>{}</div></body></html>",
}


@pytest.mark.parametrize("frame", sorted(FRAMES))
def test_an_iframe_srcdoc_is_shown_in_the_flow_of_the_page(frame: str) -> None:
    rng = random.Random(frame)
    text = f"Framed{words(rng, 8)}"
    srcdoc = FRAMES[frame].format(text, text).replace("&", "&amp;").replace('"', "&quot;")
    body = f'<iframe srcdoc="{srcdoc}"></iframe>'
    mine = [b for b in html_blocks(page(body, rng)) if text in b.text]
    assert mine and all(b.role not in DROPPED_ROLES for b in mine), mine


@pytest.mark.parametrize("n", [2, 3, 5])
@pytest.mark.parametrize("inside", ["p", "div", "form"])
def test_a_textarea_of_several_lines_shows_them_as_lines(n: int, inside: str) -> None:
    rng = random.Random(f"{n}{inside}")
    lines = [f"Line{i} {words(rng, 3)}" for i in range(n)]  # capitalised, short: a list
    body = f"<{inside}>Fill in: <textarea>\n" + "\n".join(lines) + f"</textarea></{inside}>"
    texts = [b.text for b in html_blocks(page(body, rng)) if b.role not in DROPPED_ROLES]
    for line in lines:
        assert line in texts, texts
