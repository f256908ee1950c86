"""Class: block containers inside table cells, and tables used for layout vs data (issue 29,
F14). In a data table one `<tr>` is one `row` record whatever its cells hold (paragraphs,
lists, a quotation, a heading, `<br>`s: a browser shows them inside the cell), its cells joined
by ` | `; a cell's blocks are never furniture, never a row of their own. A layout table (the
1990s-2000s page whose whole article sits in `<td>`s) is read as the blocks it holds: the
article's paragraphs are records of their own, never glued to the menu beside them.
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


def sentence(rng: random.Random, n: int = 14) -> str:
    return words(rng, n).capitalize() + "."


# every block container a cell may hold, two phrases in it, as a browser shows them in the
# cell: one after the other
CELL_BLOCKS = {
    "p p": "<p>{a}</p><p>{b}</p>",
    "div div": "<div>{a}</div><div>{b}</div>",
    "ul": "<ul><li>{a}</li><li>{b}</li></ul>",
    "text ul": "{a}<ul><li>{b}</li></ul>",
    "ol": "<ol><li>{a}</li><li>{b}</li></ol>",
    "dl": "<dl><dt>{a}</dt><dd>{b}</dd></dl>",
    "blockquote": "<blockquote><p>{a}</p><p>{b}</p></blockquote>",
    "h4 p": "<h4>{a}</h4><p>{b}</p>",  # (a heading: blocks of its own, `OWN_CELLS`)
    "br": "{a}<br>{b}",
    "br br": "{a}<br><br>{b}",
    "address": "<address>{a}<br>{b}</address>",
    "center": "<center>{a}</center>{b}",
    "section": "<section><p>{a}</p>{b}</section>",
    "text p": "{a}<p>{b}</p>",
    "p text": "<p>{a}</p>{b}",
    "span div": "<span>{a}</span><div>{b}</div>",
    "svg title": "{a}<svg><title>Tooltip</title><desc>Described</desc></svg> {b}",
}
# what says a table holds data
MARKERS = {
    "th": ("", "<tr><th>Name</th><th>Notes</th><th>Year</th></tr>", ""),
    "thead": ("", "<thead><tr><td>Name</td><td>Notes</td><td>Year</td></tr></thead>", ""),
    "caption": ("<caption>Cast and notes</caption>", "", ""),
}


def page(body: str, rng: random.Random) -> str:
    filler = "".join(f"<p>{sentence(rng)}</p>" for _ in range(3))
    return (
        "<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>Cast</h1>"
        f"{filler}{body}{filler}</article></body></html>"
    )


def content(blocks: list) -> list[tuple[str | None, str]]:
    return [(b.role, b.text) for b in blocks if b.role not in DROPPED_ROLES]


# a data cell read as its blocks: a heading, preformatted text, long paragraphs (a FAQ's answer)
OWN_CELLS = {
    "h4 p": "<h4>{a}</h4><p>{b}</p>",
    "h3": "<h3>{a} {b}</h3>",
    "pre": "<p>{a}</p><p>{b}</p><pre>value = compute(1);\n  return value;</pre>",
    "long p p": "<p>{a} {a} {a} {a} {a}</p><p>{b} {b} {b} {b} {b}</p>",
}


@pytest.mark.parametrize("marker", sorted(MARKERS))
@pytest.mark.parametrize("cell", sorted(OWN_CELLS))
def test_a_data_cell_of_headings_code_or_long_text_keeps_its_blocks(marker: str, cell: str) -> None:
    rng = random.Random(f"{marker}{cell}")
    caption, head, _ = MARKERS[marker]
    a, b = f"Alpha {words(rng, 8)}", f"beta {words(rng, 8)}"
    held = OWN_CELLS[cell].format(a=a, b=b)
    rows = f"<tr><td>Q1.</td><td>{held}</td></tr><tr><td>Q2.</td><td>short</td></tr>"
    table = f"<table>{caption}{head}<tbody>{rows}</tbody></table>"
    blocks = html_blocks(page(table, rng))
    got = content(blocks)
    shown = " ".join(t for _, t in got)
    assert a in shown and b in shown, got  # nothing of the cell is furniture
    assert not any(a in t and b in t and r == "row" for r, t in got), got  # not one row's words
    if cell.startswith("h"):
        assert any(r == "heading" and a in t for r, t in got), got
    if cell == "pre":
        assert [t for r, t in got if r == "code"] == ["value = compute(1);", "  return value;"]


@pytest.mark.parametrize("marker", sorted(MARKERS))
@pytest.mark.parametrize("where", [0, 1, 2])
@pytest.mark.parametrize("cell", sorted(set(CELL_BLOCKS) - set(OWN_CELLS)))
def test_a_data_row_is_one_record_whatever_its_cells_hold(
    marker: str, where: int, cell: str
) -> None:
    rng = random.Random(f"{marker}{where}{cell}")
    caption, head, _ = MARKERS[marker]
    rows, expected = [], []
    for i in range(4):
        cells = [f"Name{i} {words(rng, 2)}", f"note{i} {words(rng, 3)}", f"{1950 + i}"]
        shown = list(cells)
        if i == 1:  # this row's cell `where` holds blocks
            a, b = f"Alpha{i} {words(rng, 3)}", f"beta{i} {words(rng, 3)}"
            cells[where] = CELL_BLOCKS[cell].format(a=a, b=b)
            shown[where] = f"{a} {b}"
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        expected.append(" | ".join(shown))
    table = f"<table>{caption}{head}<tbody>{''.join(rows)}</tbody></table>"
    got = content(html_blocks(page(table, rng)))
    assert [t for r, t in got if r == "row" and t not in ("Name | Notes | Year",)] == expected, got


# an old site: a banner row, a menu cell of links beside the article's cell, a footer row
ARTICLE_CELLS = {
    "p": "{intro}<br>" + "{paras}",
    "p only": "{paras}",
    "font": "<font face=arial>{intro}<br>{paras}</font>",
    "nested table": "<table><tr><td>{intro}<br>{paras}</td></tr></table>",
    "div": "<div>{intro}</div>{paras}",
}
MENUS = {
    "br links": "<a href='/'>Home</a><br><a href='/f'>Films</a><br><a href='/l'>Links</a>",
    "ul links": "<ul><li><a href='/'>Home</a></li><li><a href='/f'>Films</a></li></ul>",
}


@pytest.mark.parametrize("article", sorted(ARTICLE_CELLS))
@pytest.mark.parametrize("menu", sorted(MENUS))
@pytest.mark.parametrize("presentation", [False, True])
def test_a_layout_table_is_read_as_the_blocks_it_holds(
    article: str, menu: str, presentation: bool
) -> None:
    rng = random.Random(f"{article}{menu}{presentation}")
    intro = sentence(rng, 6)
    paragraphs = [sentence(rng, 22) for _ in range(3)]
    cell = ARTICLE_CELLS[article].format(
        intro=intro, paras="".join(f"<p>{p}</p>" for p in paragraphs)
    )
    role = ' role="presentation"' if presentation else ""
    body = (
        f'<table width="100%"{role}><tr><td colspan=2><b>{words(rng, 3).upper()}</b></td></tr>'
        f'<tr><td width="150">{MENUS[menu]}</td><td>{cell}</td></tr>'
        f"<tr><td colspan=2><font size=1>Last updated {words(rng, 2)}</font></td></tr></table>"
    )
    html = f"<html><head><title>Old site</title></head><body>{body}</body></html>"
    got = content(html_blocks(html))
    texts = [t for _, t in got]
    for paragraph in paragraphs:  # each paragraph a record of its own, as written
        assert paragraph in texts, got
    assert not any(intro in t and "Home" in t for t in texts), got  # never glued to the menu
    assert not any("Home" in t for t in texts), got  # a cell of links only: the site's menu
    assert not any(r == "row" for r, _ in got), got  # no row of a table that holds no data


@pytest.mark.parametrize("cell", sorted(CELL_BLOCKS))
@pytest.mark.parametrize("nested", [False, True])
def test_no_text_of_a_table_in_the_article_is_furniture(cell: str, nested: bool) -> None:
    """Data or layout (no marker says which), with or without a table nested in a cell before
    text: every word the table shows is in a content block."""
    rng = random.Random(f"{cell}{nested}")
    phrases = [f"Word{i} {words(rng, 2)}" for i in range(6)]
    inner = f"<table><tr><td>{phrases[4]}</td><td>{phrases[5]}</td></tr></table>" if nested else ""
    held = CELL_BLOCKS[cell].format(a=phrases[0], b=phrases[1])
    table = (
        f"<table><tr><td>{held}</td><td>{inner}{phrases[2]}</td></tr>"
        f"<tr><td>{phrases[3]}</td><td>{words(rng, 2)}</td></tr></table>"
    )
    shown = " ".join(t for _, t in content(html_blocks(page(table, rng))))
    for phrase in phrases[: 6 if nested else 4]:
        assert phrase in shown, (phrase, content(html_blocks(page(table, rng))))
