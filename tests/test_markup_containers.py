"""Class: which blocks are content (issue 29, F6/F26/F29). A sentence a browser shows in the
flow of an article is content whatever element holds it: every container element of the HTML
standard, obsolete ones browsers still render, and unknown/custom elements, in every position
of the article (between paragraphs, first, last), in HTML and XHTML. Only what the markup says
is not the article (`<nav>`, `<aside>`, `<footer>`) stays furniture there. Headings in the
main content are headings, never furniture. Text generated here, none from a corpus."""

from __future__ import annotations

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.segment.blocks import DROPPED_ROLES

# container: markup around "{}" (the sentence under test)
CONTAINERS: dict[str, str] = {
    "address": "<address>{}</address>", "article": "<article>{}</article>",
    "blockquote": "<blockquote>{}</blockquote>", "center": "<center>{}</center>",
    "details": "<details open><summary>More here</summary>{}</details>",
    "summary": "<details><summary>{}</summary><p>Body.</p></details>",
    "dialog open": "<dialog open>{}</dialog>", "div": "<div>{}</div>",
    "dl": "<dl><dt>Term</dt><dd>{}</dd></dl>", "fieldset": "<fieldset>{}</fieldset>",
    "legend": "<fieldset><legend>{}</legend></fieldset>", "figure": "<figure>{}</figure>",
    "figcaption": "<figure><figcaption>{}</figcaption></figure>", "form": "<form action='/x'>{}</form>",
    "form p": "<form action='/x'><p>{}</p></form>", "header": "<header>{}</header>",
    "hgroup": "<hgroup><p>{}</p></hgroup>", "label": "<label>{}</label>", "main": "<main>{}</main>",
    "marquee": "<marquee>{}</marquee>", "menu": "<menu><li>{}</li></menu>",
    "ol": "<ol><li>{}</li></ol>", "ul": "<ul><li>{}</li></ul>", "p": "<p>{}</p>",
    "pre": "<pre>{}</pre>", "search": "<search>{}</search>", "section": "<section>{}</section>",
    "section div": "<div class='body'><section>{}</section></div>", "span": "<span>{}</span>",
    "table": "<table><tr><td>{}</td></tr></table>", "dir": "<dir><li>{}</li></dir>",
    "custom": "<review-body>{}</review-body>", "custom nested": "<x-card><x-text>{}</x-text></x-card>",
    "unknown": "<blurb>{}</blurb>", "font": "<font face='serif'>{}</font>",
}  # fmt: skip
NOT_ARTICLE = {
    "nav": "<nav>{}</nav>",
    "aside": "<aside>{}</aside>",
    "footer": "<footer>{}</footer>",
}
SENTENCE = "Vendral sketches the harbour lights while the ferry waits past midnight again."


def paragraphs(tag: str, n: int) -> str:
    return "".join(
        f"<p>{tag} paragraph {i}: generated prose about a harbour, a ferry and its slow "
        f"crossing, clause after clause, written to give the extraction its article.</p>"
        for i in range(n)
    )


def page(part: str, position: str, wrapper: str = "article") -> str:
    before, after = {"middle": (3, 3), "first": (0, 5), "last": (5, 0)}[position]
    body = paragraphs("Opening", before) + part + paragraphs("Closing", after)
    return (
        f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<{wrapper}><h1>Harbour notes</h1>{body}</{wrapper}></body></html>"
    )


CASES = [(c, p) for c in sorted(CONTAINERS) for p in ("middle", "first", "last")]


@pytest.mark.parametrize("container,position", CASES)
def test_a_sentence_in_any_container_of_the_article_is_content(
    container: str, position: str
) -> None:
    blocks = html_blocks(page(CONTAINERS[container].format(SENTENCE), position))
    mine = [b for b in blocks if "Vendral" in b.text]
    assert mine, blocks
    assert all(b.role not in DROPPED_ROLES for b in mine), blocks


@pytest.mark.parametrize("container", sorted(CONTAINERS))
def test_a_sentence_between_paragraphs_of_a_div_page_is_content(container: str) -> None:
    part = CONTAINERS[container].format(SENTENCE)
    blocks = html_blocks(page(part, "middle", wrapper="div"))
    mine = [b for b in blocks if "Vendral" in b.text]
    assert mine and all(b.role not in DROPPED_ROLES for b in mine), blocks


@pytest.mark.parametrize("tag", sorted(NOT_ARTICLE))
def test_what_the_markup_says_is_not_the_article_stays_furniture(tag: str) -> None:
    blocks = html_blocks(page(NOT_ARTICLE[tag].format(SENTENCE), "middle"))
    mine = [b for b in blocks if "Vendral" in b.text]
    assert mine and all(b.role == "furniture" for b in mine), blocks


@pytest.mark.parametrize("level", range(1, 7))
@pytest.mark.parametrize("linked", [False, True])
def test_every_heading_of_a_listing_is_a_heading(level: int, linked: bool) -> None:
    titles = ["Winter", "Interview", "Box office", "Restoration of an old print", "Q&A"]
    posts = "".join(
        f"<article><h{level}>{f'<a href=/p{i}>{t}</a>' if linked else t}</h{level}>"
        f"<p>Post {i} excerpt: generated prose about the harbour ferry and its crossing at "
        f"night, long enough to be an excerpt of a post.</p><a href=/p{i}>Read more</a>"
        "</article>"
        for i, t in enumerate(titles)
    )
    html = f"<html><body><nav><a href=/>Home</a></nav><main>{posts}</main></body></html>"
    blocks = html_blocks(html)
    for title in titles:
        mine = [b for b in blocks if b.text == title.replace("&", "&")]
        assert mine and all(b.role == "heading" for b in mine), (title, blocks)


def test_the_first_heading_of_a_table_page_is_a_heading() -> None:
    rows = "".join(f"<tr><td>{1900 + i}</td><td>Entry number {i}</td></tr>" for i in range(12))
    html = (
        "<html><body><nav><ul><li><a href=/>Home</a></li></ul></nav><h1>Chronology</h1>"
        f"<table>{rows}</table><footer><p>Contact</p></footer></body></html>"
    )
    blocks = html_blocks(html)
    assert [b.role for b in blocks if b.text == "Chronology"] == ["heading"], blocks


CELL_BLOCKS = {
    "ul": "<ul><li>{a}</li><li>{b}</li></ul>",
    "ol": "<ol><li>{a}</li><li>{b}</li></ol>",
    "p": "<p>{a}</p><p>{b}</p>",
    "div": "<div>{a}</div><div>{b}</div>",
    "blockquote": "<blockquote>{a}</blockquote>{b}",
    "dl": "<dl><dt>{a}</dt><dd>{b}</dd></dl>",
    "br": "{a}<br>{b}",
}


@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("inner", sorted(CELL_BLOCKS))
def test_blocks_in_a_table_cell_stay_with_the_table(inner: str, column: int) -> None:
    """F14: what a cell holds is content like the row (never furniture), and the row's other
    cells are not given a stray ` | ` at either end by the cut."""
    rows = []
    for r in range(4):
        cells = [f"Plain{r}x{c}" for c in range(3)]
        cells[column] = f"Lead{r} " + CELL_BLOCKS[inner].format(a=f"Alpha{r} one", b=f"Beta{r} two")
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = paragraphs("Opening", 3) + f"<table>{''.join(rows)}</table>" + paragraphs("Closing", 3)
    blocks = html_blocks(f"<html><body><article><h1>Harbour</h1>{body}</article></body></html>")
    for r in range(4):
        for word in (f"Lead{r}", f"Alpha{r}", f"Beta{r}", f"Plain{r}x"):
            mine = [b for b in blocks if word in b.text]
            assert mine and all(b.role not in DROPPED_ROLES for b in mine), (word, blocks)
    assert not [b for b in blocks if b.text.startswith("|") or b.text.endswith("|")], blocks


@pytest.mark.parametrize("empty", ["first", "last", "both"])
def test_empty_cells_at_either_end_are_alike(empty: str) -> None:
    cells = {"first": ["", "Xa", "Xb"], "last": ["Xa", "Xb", ""], "both": ["", "Xa", "Xb", ""]}
    row = "<tr>" + "".join(f"<td>{c}</td>" for c in cells[empty]) + "</tr>"
    body = paragraphs("Opening", 3) + f"<table>{row * 3}</table>" + paragraphs("Closing", 3)
    blocks = html_blocks(f"<html><body><article>{body}</article></body></html>")
    assert [b.text for b in blocks if "Xa" in b.text] == ["Xa | Xb"] * 3


VOCABULARIES = [
    "http://docbook.org/ns/docbook",
    "urn:example:custom",
    "http://www.tei-c.org/ns/1.0",
]


@pytest.mark.parametrize("namespace", VOCABULARIES)
@pytest.mark.parametrize("wrap", ["flat", "section", "list", "cdata"])
def test_blocks_of_another_xml_vocabulary_stay_apart(namespace: str, wrap: str) -> None:
    """F16: an XHTML file of another vocabulary (DocBook, TEI, a custom namespace): elements
    whose siblings are only blanks apart are blocks, one record each, never merged."""
    from pipeline.io.xml_markup import xhtml_page

    texts = [f"Vocab{i} " + SENTENCE for i in range(4)]
    parts = {
        "flat": "\n".join(f"<para>{t}</para>" for t in texts),
        "section": "<section>\n" + "\n".join(f"<para>{t}</para>" for t in texts) + "\n</section>",
        "list": "<itemizedlist>\n"
        + "\n".join(f"<listitem><para>{t}</para></listitem>" for t in texts)
        + "\n</itemizedlist>",
        "cdata": "\n".join(f"<para><![CDATA[{t}]]></para>" for t in texts),
    }
    page = f'<?xml version="1.0"?>\n<article xmlns="{namespace}">\n{parts[wrap]}\n</article>'
    blocks = xhtml_page([(1, page)]).blocks
    for t in texts:
        assert [b.text for b in blocks if "Vocab" in b.text and t[:7] in b.text] == [t], blocks


@pytest.mark.parametrize("repeats", [1, 2, 5])
@pytest.mark.parametrize("head", ["th", "thead"])
def test_a_repeated_header_row_is_dropped_as_header(repeats: int, head: str) -> None:
    """F14: a long table repeats its header row; the repeats are dropped as `header` (as for
    CSV), and so is the first (column names are markup: hostile47 G5); a data row with the
    same words is still a row."""
    header = "<tr><th>Colname</th><th>Colpart</th></tr>"
    first = f"<thead>{header}</thead>" if head == "thead" else header
    rows = "".join(f"<tr><td>Person{i}</td><td>Part{i}</td></tr>" for i in range(4))
    same_words = "<tr><td>Colname</td><td>Colpart</td></tr>"
    table = f"<table>{first}{rows}{(header + rows) * repeats}{same_words}</table>"
    body = paragraphs("Opening", 3) + table + paragraphs("Closing", 3)
    blocks = html_blocks(f"<html><body><article>{body}</article></body></html>")
    roles = [b.role for b in blocks if b.text == "Colname | Colpart"]
    assert roles == ["header"] + ["header"] * repeats + ["row"], blocks
