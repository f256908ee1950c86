"""A `<template>`'s content is inert (no browser renders it; a script may clone it): a page
over `--max-page-bytes` because of its templates' markup is read, not lost whole to E009
(hostile42 H16, the kind left); so are a `<noscript>`, a `<datalist>` and the raw fallback of
an `<iframe>`, `<noembed>`, `<noframes>`. Generated pages: templates of component markup (classes,
framework attributes, inline SVG icons, scripts and comments inside, nested templates), on
one line or many, one or several, in the article or beside it, past the bound, with content
paragraphs before, between and after. Each paragraph is a record, each template's words a
dropped line (`template`), as in a page within the bound. A declarative shadow root
(`shadowrootmode`) is shown: its markup is counted, and an inert template inside it is not.
Text generated here."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.markup_payload import Inert, State, unpack_line
from pipeline.io.readers import Reader

BOUND = 40_000  # --max-page-bytes for these pages: far below the default, the same mechanism
PARAGRAPHS = [
    "The ferry left the harbour before the morning tide had turned.",
    "Her letters from the island spoke of storms and the keeper's lantern.",
    "By winter the garden bridge was quiet and the gulls had gone.",
]
ROW = (
    '<li class="list-item list-item--compact" data-v-3f2a1b v-bind:key="item.id">'
    '<svg class="icon" viewBox="0 0 24 24"><use href="#icon-star"></use></svg>'
    '<span class="list-item__label" :title="item.title">{{{{ item.label }}}}</span></li>'
)
UNITS = {
    "component rows": ROW,
    "rows and a script": ROW + "<script>render({ rows: 1 })</script>",
    "rows and a comment": ROW + "<!-- a row of the list -->",
    "nested template": f"<template v-if=x>{ROW}</template>",
    "a shadow root inside": f"<div><template shadowrootmode=open>{ROW}</template></div>",
}


# each container no browser renders the content of: its tags, and the reason its text is dropped
CONTAINERS = {
    "template": ("<template id=t>", "</template>", "template"),
    "noscript": ("<noscript>", "</noscript>", "noscript"),
    "iframe": ("<iframe src=/x>", "</iframe>", "fallback"),
    "noembed": ("<noembed>", "</noembed>", "fallback"),
    "noframes": ("<noframes>", "</noframes>", "fallback"),
}


def template(unit: str, size: int, word: str, sep: str, container: str = "template") -> str:
    rows = sep.join([unit] * (size // len(unit) + 1))
    start, end, _ = CONTAINERS[container]
    return f"{start}{sep}<p>{word} words</p>{sep}{rows}{sep}{end}"


def page(templates: list[str], where: str) -> str:
    p = [f"<p>{text}</p>" for text in PARAGRAPHS]
    body = p[0] + templates[0] + p[1] + "".join(templates[1:]) + p[2]
    if where == "article":
        body = f"<article><h1>Head</h1>{body}</article>"
    elif where == "div":
        body = f"<div class=page><h1>Head</h1>{body}</div>"
    return f"<!DOCTYPE html><html><head><title>T</title></head><body>{body}</body></html>"


def read(path: Path, text: str, bound: int = BOUND) -> list[tuple[str | None, str | None, str]]:
    path.write_text(text)
    records = list(Reader(max_page_bytes=bound)([path]))
    return [(r.error.code if r.error else None, r.dropped, r.text) for r in records]


# (in the article with one template, beside it with three: both places, half the pages)
CASES = [
    (unit, "article" if count == 1 else "div", sep, count)
    for unit, sep, count in itertools.product(sorted(UNITS), ["", "\n"], [1, 3])
]


@pytest.mark.parametrize(("unit", "where", "sep", "count"), CASES)
def test_a_page_over_the_bound_by_its_templates_is_read(
    tmp_path: Path, unit: str, where: str, sep: str, count: int
) -> None:
    words = [f"Marker{i}" for i in range(count)]
    size = 2 * BOUND // count
    text = page([template(UNITS[unit], size, w, sep) for w in words], where)
    assert len(text) > BOUND
    got = read(tmp_path / "p.html", text)
    assert not [g for g in got if g[0]], got[:2]
    for p in PARAGRAPHS:
        assert (None, None, p) in got
    dropped = [t for code, reason, t in got if reason == "template"]
    for w in words:
        assert any(f"{w} words" in t for t in dropped), (w, [t[:60] for t in dropped])
    # the same page within its bound: the same paragraphs, the same template words dropped
    whole = read(tmp_path / "w.html", text, bound=10 * len(text))
    assert [g for g in whole if g[1] is None] == [g for g in got if g[1] is None]


@pytest.mark.parametrize(
    ("container", "sep"), list(itertools.product(sorted(CONTAINERS), ["", "\n"]))
)
def test_a_page_over_the_bound_by_what_no_browser_renders_is_read(
    tmp_path: Path, container: str, sep: str
) -> None:
    """A `<noscript>` (shown only with scripts off) and the raw fallback of an `<iframe>`,
    `<noembed>`, `<noframes>` (shown only where the element cannot be): as a template."""
    text = page([template(UNITS["component rows"], 2 * BOUND, "Marker", sep, container)], "div")
    got = read(tmp_path / "c.html", text)
    assert not [g for g in got if g[0]], got[:2]
    for p in PARAGRAPHS:
        assert (None, None, p) in got
    reason = CONTAINERS[container][2]
    assert any("Marker words" in t for _, r, t in got if r == reason), got


def test_a_datalist_over_the_bound_is_read(tmp_path: Path) -> None:
    """A text input's suggestions, never in the page's flow."""
    options = "".join(f'<option value="City {i}" label="Harbour {i}">' for i in range(6000))
    text = page([f"<p><input list=c><datalist id=c>{options}</datalist></p>"], "article")
    assert len(text) > BOUND
    got = read(tmp_path / "d.html", text)
    assert not [g for g in got if g[0]], got[:2]
    for p in PARAGRAPHS:
        assert (None, None, p) in got


def test_a_shown_shadow_root_is_counted(tmp_path: Path) -> None:
    """A declarative shadow root is shown where its host is: its markup counts (E009)."""
    shadow = f"<div><template shadowrootmode=open>{ROW * (2 * BOUND // len(ROW))}</template></div>"
    got = read(tmp_path / "s.html", page([shadow], "article"))
    assert [g[0] for g in got] == ["E009"]


LOOK_ALIKES = {
    "in an attribute": "<p title='<template>'>Shown {w}</p>",
    "in a comment": "<!-- <template> --><p>Shown {w}</p>",
    "in a script": "<script>x = '<template>'</script><p>Shown {w}</p>",
    "an end tag alone": "</template><p>Shown {w}</p>",
    "a closed template": "<template><i>a</i></template><p>Shown {w}</p>",
    "a shadow root": "<div><template shadowrootmode='open'><p>Shown {w}</p></template></div>",
    "a shadow root, value on its line": "<div><template shadowrootmode\n='open'>Shown {w}</template></div>",
}


@pytest.mark.parametrize("kind", sorted(LOOK_ALIKES))
def test_what_is_shown_is_not_inert(kind: str) -> None:
    """The scan follows templates as the tokenizer reads them: what is shown is in no span."""
    w = "harbour lantern"
    lines = LOOK_ALIKES[kind].format(w=w).split("\n")
    state, inert, inside = State(), Inert(), []
    for line in lines:
        kept, state = unpack_line(line, state, inert)
        inside += [kept[a:b] for a, b in inert.spans]
    assert not any("Shown" in t for t in inside), inside
