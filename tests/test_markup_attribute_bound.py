"""No attribute value counts against the HTML page bound but what the reader makes text or a
browser shows as a document (hostile43 H8's second half): a `data-*` attribute holding a
page's JSON state (megabytes), an event handler, `aria-*`, a `title`, `<meta content>`, SVG
`values` and `path`, a bogus comment (`<?xml-stylesheet …?>`, `<![CDATA[…]]>` in HTML) lost
the whole page to E009. `markup_payload.COUNTED_VALUES` (a described image's `alt`, a shown
input's `value`, `srcdoc`) are still counted.

Generated: attribute kinds x quoting x placement (alone, among others, its value over
several lines) x name case, each far past a small bound, between two paragraphs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

BOUND = 20_000
PAYLOAD = 60_000
PARAGRAPHS = [
    "The ferry left the harbour before the morning tide turned.",
    "A keeper wrote letters by the window through the winter.",
]
ATTRIBUTES = {
    "data-*": ("div", "data-page", "x"),
    "event handler": ("a", "onclick", "x"),
    "aria-*": ("div", "aria-label", "x"),
    "title": ("abbr", "title", "x"),
    "meta content": ("meta", "content", ""),
    "svg values": ("animate", "values", ""),
    "svg path": ("textPath", "path", "t"),
    "class": ("span", "class", "x"),
    "link href": ("a", "href", "x"),
}
QUOTES = ['"', "'", ""]
PLACES = ["alone", "among others", "over lines"]


def payload(quote: str, lines: bool) -> str:
    unit = "{k:1,v:[2;3]}" if not quote else '{&quot;k&quot;: 1, "v": [2, 3]}'.replace(quote, "")
    text = unit * (PAYLOAD // len(unit))
    if lines and quote:
        return "\n".join(text[i : i + 5000] for i in range(0, len(text), 5000))
    return text


def element(kind: str, quote: str, place: str, upper: bool) -> str:
    tag, name, content = ATTRIBUTES[kind]
    name = name.upper() if upper else name
    value = f"{name}={quote}{payload(quote, place == 'over lines')}{quote}"
    if place == "among others":
        value = f'id=a {value} class="b" hidden'.replace(" hidden", "") + ' lang="en"'
    close = "" if tag == "meta" else f"{content}</{tag}>"
    wrapper = ("<svg>", "</svg>") if tag in ("animate", "textPath") else ("", "")
    return f"{wrapper[0]}<{tag} {value}>{close}{wrapper[1]}"


CASES = [
    (kind, quote, place, upper)
    for kind, quote, place, upper in itertools.product(ATTRIBUTES, QUOTES, PLACES, (False, True))
    if not (place == "over lines" and not quote)
]
BOGUS = {
    "processing instruction": "<?xml-stylesheet href='{}'?>",
    "cdata": "<![CDATA[{}]]>",
    "declaration": "<!ELEMENT {}>",
}


def read(tmp_path: Path, middle: str) -> list[tuple[str, str | None, str | None]]:
    path = tmp_path / "page.html"
    first, last = PARAGRAPHS
    page = f"<html><body><article><p>{first}</p>\n{middle}\n<p>{last}</p></article></body></html>"
    path.write_text(page, encoding="utf-8")
    return [
        (r.text, r.error.code if r.error else None, r.dropped)
        for r in Reader(max_page_bytes=BOUND)([path])
    ]


def read_whole(got: list[tuple[str, str | None, str | None]]) -> bool:
    """No error, both paragraphs records (the element's own text, a CDATA's dropped line,
    may be beside them), no record of the payload."""
    records = [text for text, code, dropped in got if not dropped]
    return all(code is None for _, code, _ in got) and records[:1] + records[-1:] == PARAGRAPHS


def test_no_attribute_value_counts(tmp_path: Path) -> None:
    lost = []
    for case in CASES:
        got = read(tmp_path, element(*case))
        if not read_whole(got):
            lost.append((case, [(text[:40], code) for text, code, _ in got]))
    assert not lost, (len(lost), len(CASES), lost[:3])


@pytest.mark.parametrize("kind", sorted(BOGUS))
def test_bogus_comment_bodies_do_not_count(tmp_path: Path, kind: str) -> None:
    got = read(tmp_path, BOGUS[kind].format("x" * PAYLOAD))
    assert read_whole(got), [(text[:40], code) for text, code, _ in got]


COUNTED = {
    "alt": '<img alt="{}" src="a.png">',
    "value": '<input type="text" value="{}">',
    "srcdoc": "<iframe srcdoc='<p>{}</p>'></iframe>",
}


@pytest.mark.parametrize("kind", sorted(COUNTED))
def test_shown_values_still_count(tmp_path: Path, kind: str) -> None:
    got = read(tmp_path, COUNTED[kind].format("harbour " * (PAYLOAD // 8)))
    assert [code for _, code, _ in got] == ["E009"]
