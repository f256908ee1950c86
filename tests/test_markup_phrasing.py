"""Class: inline vs block by the HTML content model (issue 29, F19). A paragraph's sentence is
one record whatever phrasing content sits inside it: every element the HTML standard lists as
phrasing content (embedded, interactive, scripting-supporting and hidden ones too, and the
obsolete inline ones browsers still render inline) never ends a paragraph, in every position
of the sentence, in HTML and in XHTML. What such an element hides (a `<noscript>`, a
`<template>`, a `<datalist>`) is not in the sentence; what it shows stays in it.

The list is the standard's "phrasing content" (HTML Living Standard, 3.2.5.2.5), each element
with an inner text that exercises it; nothing here is taken from a sample corpus."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.segment.blocks import DROPPED_ROLES

# element: markup with "{}" where an inner word goes (void elements have none)
PHRASING: dict[str, str] = {
    "a": "<a href='#x'>{}</a>", "abbr": "<abbr title='t'>{}</abbr>",
    "audio": "<audio controls src='a.ogg'>{}</audio>", "audio empty": "<audio src='a.ogg'></audio>",
    "b": "<b>{}</b>", "bdi": "<bdi>{}</bdi>", "bdo": "<bdo dir='ltr'>{}</bdo>",
    "button": "<button>{}</button>", "canvas": "<canvas width='9'>{}</canvas>",
    "canvas empty": "<canvas></canvas>", "cite": "<cite>{}</cite>", "code": "<code>{}</code>",
    "data": "<data value='1'>{}</data>", "datalist": "<datalist><option value='{}'></datalist>",
    "datalist text": "<datalist><option>{}</option></datalist>",
    "del": "<del>{}</del>", "dfn": "<dfn>{}</dfn>", "em": "<em>{}</em>",
    "embed": "<embed src='x.swf'>", "i": "<i>{}</i>", "iframe": "<iframe src='x'></iframe>",
    "iframe fallback": "<iframe src='x'>{}</iframe>", "img": "<img src='x.png' alt='{}'>",
    "input": "<input value='{}'>", "ins": "<ins>{}</ins>", "kbd": "<kbd>{}</kbd>",
    "label": "<label>{}</label>", "link": "<link rel='stylesheet' href='x.css'>",
    "map": "<map name='m'><area href='#' alt='a'></map>", "mark": "<mark>{}</mark>",
    "math": "<math><mi>{}</mi></math>", "meta": "<meta itemprop='x' content='y'>",
    "meter": "<meter value='0.5'>{}</meter>", "noscript": "<noscript><img src='p.gif'></noscript>",
    "noscript text": "<noscript>{}</noscript>",
    "object": "<object data='x.swf'></object>", "object param": "<object data='x'><param name='a' value='b'></object>",
    "output": "<output>{}</output>", "picture": "<picture><source srcset='a.webp'><img src='a.png' alt=''></picture>",
    "progress": "<progress value='1' max='2'>{}</progress>", "q": "<q>{}</q>",
    "ruby": "<ruby>{}<rt>r</rt></ruby>", "s": "<s>{}</s>", "samp": "<samp>{}</samp>",
    "script": "<script>var x = 1;</script>", "select": "<select><option selected>{}</option><option>other</option></select>",
    "select empty": "<select></select>", "slot": "<slot>{}</slot>", "small": "<small>{}</small>",
    "span": "<span>{}</span>", "strong": "<strong>{}</strong>", "sub": "<sub>{}</sub>",
    "sup": "<sup>{}</sup>", "svg": "<svg width='9' height='9'><text>{}</text></svg>",
    "template": "<template><p>{}</p></template>", "template empty": "<template></template>",
    "textarea": "<textarea>{}</textarea>", "time": "<time>{}</time>", "u": "<u>{}</u>",
    "var": "<var>{}</var>", "video": "<video controls src='v.webm'>{}</video>",
    "video empty": "<video src='v.webm'></video>", "wbr": "<wbr>",
    "custom element": "<x-widget>{}</x-widget>", "custom empty": "<my-card></my-card>",
    # obsolete elements the standard's rendering section still renders inline
    "acronym": "<acronym>{}</acronym>", "big": "<big>{}</big>", "font": "<font size='2'>{}</font>",
    "nobr": "<nobr>{}</nobr>", "strike": "<strike>{}</strike>", "tt": "<tt>{}</tt>",
    "blink": "<blink>{}</blink>", "applet": "<applet code='x'></applet>",
}  # fmt: skip
POSITIONS = {
    "middle": ("Qorvane trellis beams {} and the quillet rests afterwards.", "Qorvane", "quillet"),
    "start": ("{} quillet words follow the element for a while here.", "quillet", "here."),
    "end": ("Qorvane words run for a while before the element {}", "Qorvane", "element"),
    "nested": ("Qorvane in <b>bold {} and the</b> quillet after it.", "Qorvane", "quillet"),
}
CONTAINERS = {
    "p": ("<p>", "</p>"),
    "li": ("<ul><li>", "</li></ul>"),
    "div": ("<div>", "</div>"),
    "td": ("<table><tr><td>", "</td><td>other cell</td></tr></table>"),
}
ARTICLE = "".join(
    f"<p>Plain generated prose number {i} gives the extraction a body of text to hold on "
    f"to, one clause after another, as a written article of some length does.</p>"
    for i in range(3)
)
INNER = "zyvek"


def page(element: str, position: str, container: str) -> str:
    sentence = POSITIONS[position][0].format(PHRASING[element].format(INNER))
    opening, closing = CONTAINERS[container]
    return (
        f"<html><head><title>T</title></head><body><article><h1>Heading</h1>{ARTICLE}"
        f"{opening}{sentence}{closing}{ARTICLE}</article></body></html>"
    )


# a `<template>` holding a block inside a `<p>`: the parser's copy renames it (`html_depth`,
# so its content is in the tree) and the block in it closes the paragraph; known, left open
TEMPLATE_BLOCK = pytest.mark.xfail(strict=True, reason="template content closes the <p>")


def case(element: str, position: str, container: str) -> Any:
    if element == "template" and container == "p" and position in ("middle", "nested"):
        return pytest.param(element, position, container, marks=TEMPLATE_BLOCK)
    return (element, position, container)


CASES = [
    case(element, position, container)
    for element in sorted(PHRASING)
    for position in sorted(POSITIONS)
    for container in sorted(CONTAINERS)
    if container == "p" or position == "middle"
]


@pytest.mark.parametrize("element,position,container", CASES)
def test_phrasing_content_never_ends_a_paragraph(
    element: str, position: str, container: str
) -> None:
    first, last = POSITIONS[position][1:]
    blocks = html_blocks(page(element, position, container))
    mine = [b for b in blocks if first in b.text]
    assert len(mine) == 1, blocks
    assert last in mine[0].text, blocks
    assert mine[0].role not in DROPPED_ROLES, blocks


def xhtml(element: str) -> str:
    sentence = POSITIONS["middle"][0].format(PHRASING[element].format(INNER))
    body = ARTICLE.replace("<p>", "<p>") + f"<p>{sentence}</p>" + ARTICLE
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>T</title></head><body><article><h1>H</h1>{body}</article></body></html>"
    )


XML_SAFE = [
    e
    for e in sorted(PHRASING)
    if e not in {"embed", "img", "input", "link", "meta", "wbr", "map", "picture", "object param"}
]


@pytest.mark.parametrize(
    "element", [pytest.param(e, marks=TEMPLATE_BLOCK) if e == "template" else e for e in XML_SAFE]
)
def test_phrasing_content_never_ends_an_xhtml_paragraph(element: str) -> None:
    from pipeline.io.xml_markup import xhtml_page

    blocks = xhtml_page([(1, xhtml(element))]).blocks
    mine = [b for b in blocks if "Qorvane" in b.text]
    assert len(mine) == 1, blocks
    assert "quillet" in mine[0].text, blocks
    assert mine[0].role not in DROPPED_ROLES, blocks


def test_q_is_shown_with_its_quotation_marks() -> None:
    """F21: a browser draws `<q>`'s quotation marks; nested too."""
    sentence = "Qorvane said <q>the tide <q>turns</q> late</q> and the quillet left."
    blocks = html_blocks(page_with(f"<p>{sentence}</p>"))
    assert any("said \u201cthe tide \u201cturns\u201d late\u201d and" in b.text for b in blocks), (
        blocks
    )


def page_with(part: str) -> str:
    return f"<html><head><title>T</title></head><body><article><h1>H</h1>{ARTICLE}{part}{ARTICLE}</article></body></html>"


@pytest.mark.parametrize("where", ["alone", "in a paragraph"])
def test_svg_title_and_desc_are_dropped_as_svg_metadata(where: str) -> None:
    svg = "<svg><title>Tipword one</title><desc>Descword two</desc><text>Drawnword</text></svg>"
    part = svg if where == "alone" else f"<p>Qorvane beside {svg} the quillet.</p>"
    blocks = html_blocks(page_with(part))
    for word in ("Tipword", "Descword"):
        assert [b.role for b in blocks if word in b.text] == ["svg-metadata"], blocks
    assert all(b.role not in DROPPED_ROLES for b in blocks if "Drawnword" in b.text), blocks


@pytest.mark.parametrize("tag", ["pre", "xmp", "listing"])
def test_preformatted_elements_are_read_as_pre(tag: str) -> None:
    """`<xmp>` and `<listing>` are rendered as `<pre>`: their lines are code, not furniture."""
    body = "first preformatted line\n  second preformatted line"
    blocks = html_blocks(page_with(f"<{tag}>{body}</{tag}>"))
    mine = [b for b in blocks if "preformatted" in b.text]
    assert [b.role for b in mine] == ["code", "code"], blocks
