"""HTML and Markdown: main content by extraction, roles by markup, nothing lost (each case here
failed before: review mode switched on by a menu, names cut into authors, list items and table
cells dropped as headings, everything after a deep list silently gone)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.io.markup import markdown_page
from pipeline.io.readers import Reader
from pipeline.record import Record

ARTICLE = """<!doctype html><html><head><title>A portrait in fire – The Film Desk</title>
<meta name="author" content="Jane Critic"></head><body>
<header><a href="/">Home</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/reviews">Reviews</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main><article><h1>A portrait in fire</h1>
<p>Marguerite Okafor's new drama is a three-hour study of a chemist who changed her city, and it
rarely lets the audience breathe.</p>
<p>Northlight Pictures released the film in March, alongside a rival comedy that became a
phenomenon of its own.</p>
<h2>Cast</h2>
<ul><li>Directed by Marguerite Okafor</li><li>Starring Tomas Lindqvist and Ada Mensah</li></ul>
<table><tr><th>Award</th><th>Result</th></tr><tr><td>Best Picture</td><td>Won</td></tr></table>
<blockquote><p>It is the most ambitious film of the decade, and the most patient one.</p></blockquote>
<p>Lindqvist carries the film with a restless, haunted performance that lingers long after the
credits have rolled.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/x">Ten films to watch this winter</a></li>
<li><a href="/y">Box office roundup for the week</a></li></ul></aside>
<footer><p>© 2023 The Film Desk. All rights reserved.</p>
<p><a href="/p">Privacy policy</a> | <a href="/t">Terms of use</a> | <a href="/c">Cookie settings</a></p>
</footer></body></html>"""


def read(tmp_path: Path, name: str, content: str) -> list[Record]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(Reader()([path]))


def test_an_article_page_keeps_its_content_whole_and_drops_its_furniture(tmp_path: Path) -> None:
    records = read(tmp_path, "article.html", ARTICLE)
    content = [(r.meta["kind"], r.text) for r in records if r.active]
    assert content == [
        ("title", "A portrait in fire"),
        ("paragraph", "Marguerite Okafor's new drama is a three-hour study of a chemist who "
         "changed her city, and it rarely lets the audience breathe."),
        ("paragraph", "Northlight Pictures released the film in March, alongside a rival comedy "
         "that became a phenomenon of its own."),
        ("item", "Directed by Marguerite Okafor"),
        ("item", "Starring Tomas Lindqvist and Ada Mensah"),
        ("row", "Best Picture | Won"),
        ("quote", "It is the most ambitious film of the decade, and the most patient one."),
        ("paragraph", "Lindqvist carries the film with a restless, haunted performance that "
         "lingers long after the credits have rolled."),
    ]  # fmt: skip
    by_reason: dict[str, list[str]] = {}
    for r in records:
        if r.dropped:
            by_reason.setdefault(r.dropped, []).append(r.text)
    assert by_reason["heading"] == ["Cast"]
    assert by_reason["header"] == ["Award | Result"]  # column names: markup (hostile47 G5)
    furniture = " ".join(by_reason["furniture"])
    for piece in ("Home", "Reviews", "Most read", "All rights reserved", "Cookie settings"):
        assert piece in furniture
    assert {r.meta.get("author") for r in records if r.active and r.meta["kind"] != "title"} == {
        "Jane Critic"
    }
    assert len({r.id for r in records}) == len(records)


def test_a_page_without_main_content_is_read_whole(tmp_path: Path) -> None:
    records = read(tmp_path, "tiny.html", "<p>Just one short line.</p>")
    assert [r.text for r in records] == ["Just one short line."]


MARKDOWN = """# Festival notes

- Directed by Joanna Okoro
- Shot in Lagos

| Day | Film |
|-----|------|
| 1   | Harbour |
| 2   | The Long Road |

> A quotation that is content too.

[home]: https://example.org
"""


def test_markdown_lists_tables_and_quotes_are_content(tmp_path: Path) -> None:
    records = read(tmp_path, "notes.md", MARKDOWN)
    assert [(r.meta["kind"], r.text) for r in records if r.active] == [
        ("title", "Festival notes"),
        ("item", "Directed by Joanna Okoro"),
        ("item", "Shot in Lagos"),
        ("row", "1 | Harbour"),
        ("row", "2 | The Long Road"),
        ("quote", "A quotation that is content too."),
    ]
    assert [(r.dropped, r.text) for r in records if r.dropped] == [
        ("header", "Day | Film"),  # the row above `|---|` names the columns (hostile47 G5)
        ("markup", "[home]: https://example.org"),
    ]


def test_text_past_markdowns_nesting_limit_is_an_error_never_silence(tmp_path: Path) -> None:
    deep = "".join("  " * i + f"- level {i}\n" for i in range(12))
    quote = ">" * 25 + " deep quotation\n"
    text = deep + "\nA paragraph after the list.\n\n" + quote + "\nThe last paragraph.\n"
    src = tmp_path / "in"
    src.mkdir()
    (src / "deep.md").write_text(text)
    out = tmp_path / "out"
    report = Pipeline(stages=[]).run([src], out)
    corpus = [json.loads(x)["text"] for x in (out / "corpus.jsonl").read_text().splitlines()]
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert errors and all(e["code"] == "E012" for e in errors)
    seen = " ".join(corpus + [e["text"] for e in errors])
    for i in range(12):
        assert f"level {i}" in seen
    for piece in ("A paragraph after the list.", "deep quotation", "The last paragraph."):
        assert piece in seen
    counts = report["counts"]
    assert (
        counts["failed"] == len(errors)
        and counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    )


# -- properties: every word of a page is in the corpus, dropped or the errors -------------------

WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzàéîõüß"), min_size=3, max_size=9)
PHRASE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


def blocks_md() -> st.SearchStrategy[str]:
    item = st.tuples(st.integers(0, 25), PHRASE).map(lambda t: "  " * t[0] + "- " + t[1])
    quote = st.tuples(st.integers(1, 30), PHRASE).map(lambda t: ">" * t[0] + " " + t[1])
    heading = st.tuples(st.integers(1, 6), PHRASE).map(lambda t: "#" * t[0] + " " + t[1])
    row = st.lists(PHRASE, min_size=1, max_size=4).map(
        lambda cells: "| " + " | ".join(cells) + " |\n|" + "---|" * len(cells)
        + "\n| " + " | ".join(cells) + " |"
    )  # fmt: skip
    fence = PHRASE.map(lambda p: f"```\n{p}\n```")
    return st.one_of(PHRASE, item, quote, heading, row, fence)


def accounted(records: list[Record]) -> str:
    return " ".join(r.text for r in records)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks_md(), min_size=1, max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_every_word_of_a_markdown_file_is_accounted_for(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    page = markdown_page(enumerate(text.splitlines(), start=1))
    got = accounted_blocks(page.blocks)
    for word in set(" ".join(parts).replace("|", " ").replace("#", " ").split()):
        if any(c.isalpha() for c in word):
            assert word.strip(">-`") in got, word


def accounted_blocks(blocks: list[Any]) -> str:
    return " ".join(b.text for b in blocks)


def html_block() -> st.SearchStrategy[str]:
    esc = PHRASE.map(html.escape)
    tags = st.sampled_from(["p", "li", "h2", "blockquote", "div", "td", "nav", "footer",
                            "aside", "header", "span"])  # fmt: skip
    simple = st.tuples(tags, esc).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")
    nested = st.tuples(st.integers(1, 300), esc).map(
        lambda t: "<div>" * t[0] + f"<p>{t[1]}</p>" + "</div>" * t[0]
    )
    return st.one_of(simple, nested)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(html_block(), min_size=1, max_size=15))
def test_every_word_of_an_html_page_is_accounted_for(
    tmp_path_factory: Any, parts: list[str]
) -> None:
    page = "<html><body><main>" + "".join(parts) + "</main></body></html>"
    folder = tmp_path_factory.mktemp("page")
    records = read(folder, "page.html", page)
    got = accounted(records)
    for word in set(html.unescape(" ".join(parts)).split()):
        bare = word
        for tag in ("<", ">"):
            bare = bare.split(tag)[0] if bare.startswith(tag) is False else bare
        if bare.isalpha():
            assert bare in got, bare
    assert len({r.id for r in records}) == len(records)


def test_preformatted_text_is_walked_like_any_block() -> None:
    """A `<pre>`'s children count as elsewhere: a line break splits lines, a script or style
    in it shows nothing, a frame's document in it is read (it was the text of every descendant,
    scripts included, and a frame's document was lost)."""
    from pipeline.io.markup import page_blocks

    def texts(page: str) -> list[str]:
        return [b.text for b in page_blocks(page)]

    assert texts("<pre>first line<br>second line</pre>") == ["first line", "second line"]
    assert texts("<pre>one\ntwo<script>track()</script><style>p{}</style>\nthree</pre>") == [
        "one", "two", "three",
    ]  # fmt: skip
    framed = (
        '<pre>before <iframe srcdoc="&lt;p&gt;Framed words here&lt;/p&gt;"></iframe> after</pre>'
    )
    assert "Framed words here" in texts(framed)


# -- properties: main content in every block shape is content, the furniture around it is not ---
# (a paragraph holding a `<br>`, loose text between blocks, a cell or an item holding blocks,
# text around a nested block: all were dropped as furniture while trafilatura kept them)

NOUNS = ("harbour", "village", "lantern", "station", "garden", "letter", "river", "camera",
         "island", "window", "teacher", "market", "bridge", "orchard", "violin", "sailor")  # fmt: skip
ADJECTIVES = ("quiet", "silver", "patient", "narrow", "early", "golden", "distant", "gentle",
              "stubborn", "famous", "ancient", "careful")  # fmt: skip


@dataclass
class Prose:
    """Writes long distinct sentences (each ends with its serial number), remembering them."""

    sentences: list[str] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)

    def sentence(self) -> str:
        n = len(self.sentences)
        a, b, c = (ADJECTIVES[(n * k + k) % len(ADJECTIVES)] for k in (1, 3, 5))
        x, y, z = (NOUNS[(n * k + 2 * k) % len(NOUNS)] for k in (1, 5, 7))
        self.sentences.append(
            f"The {a} {x} near the {y} was {b} every evening, and the {c} {z} "
            f"remembered it all through the long winter in story number {n}x."
        )
        return self.sentences[-1]


# a container of main content: (open, close) around its children
CONTENT_BLOCKS = {
    "p": ("<p>", "</p>"), "div": ("<div>", "</div>"), "section": ("<section>", "</section>"),
    "blockquote": ("<blockquote>", "</blockquote>"), "ul-li": ("<ul><li>", "</li></ul>"),
    "ol-li": ("<ol><li>", "</li></ol>"), "td": ("<table><tr><td>", "</td></tr></table>"),
    "th-td": ("<table><tr><th>", "</th><td>cell</td></tr></table>"),
    "dl-dd": ("<dl><dt>term</dt><dd>", "</dd></dl>"), "figure": ("<figure>", "</figure>"),
    "figcaption": ("<figure><figcaption>", "</figcaption></figure>"),
    "article": ("<article>", "</article>"), "main": ("<main>", "</main>"),
}  # fmt: skip
INLINE = {"span": ("<span>", "</span>"), "b": ("<b>", "</b>"), "em": ("<em>", "</em>"),
          "a": ('<a href="/story">', "</a>"), "q": ("<q>", "</q>")}  # fmt: skip
HEADS = ("h2", "h3", "h4")
SEPARATORS = {"br": "<br>", "br-space": " <br> ", "space": " ", "none": ""}


def content_tree() -> st.SearchStrategy[Any]:
    """A tree of main content: sentences and headings as leaves; inline wrappers, block
    containers and runs split by `<br>` around them, nested at random depth."""
    leaf = st.one_of(st.just(("sentence",)), st.tuples(st.just("heading"), st.sampled_from(HEADS)))
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.tuples(
                st.just("block"),
                st.sampled_from(sorted(CONTENT_BLOCKS)),
                st.lists(children, min_size=1, max_size=4),
                st.sampled_from(sorted(SEPARATORS)),
            ),
            st.tuples(
                st.just("inline"),
                st.sampled_from(sorted(INLINE)),
                st.lists(children, min_size=1, max_size=3),
                st.sampled_from(sorted(SEPARATORS)),
            ),
        ),
        max_leaves=12,
    )


def render_content(node: Any, prose: Prose, xml: bool) -> str:
    if node[0] == "sentence":
        return prose.sentence()
    if node[0] == "heading":
        prose.headings.add(prose.sentence())
        return f"<{node[1]}>{prose.sentences[-1]}</{node[1]}>"
    kind, name, children, separator = node
    joint = SEPARATORS[separator].replace("<br>", "<br/>" if xml else "<br>")
    if separator == "none" and any(c[0] == "sentence" for c in children):
        joint = " "  # two loose sentences must not run into one word
    open_, close = (CONTENT_BLOCKS if kind == "block" else INLINE)[name]
    return open_ + joint.join(render_content(c, prose, xml) for c in children) + close


FURNITURE = ("Home", "Reviews", "About us", "Contact")


def content_page(body_of: Callable[[Prose], str], xml: bool) -> tuple[str, Prose]:
    """A page: a menu, an article (two paragraphs, then `body_of`'s markup), a footer."""
    prose = Prose()
    body = "".join(f"<p>{prose.sentence()}</p>" for _ in range(2))  # an ordinary start
    body += body_of(prose)
    items = "".join(f'<li><a href="/{w}">{w}</a></li>' for w in FURNITURE)
    links = '<a href="/privacy">Privacy policy</a> | <a href="/terms">Terms</a>'
    inner = (
        "<head><title>Stories of the coast</title></head><body>"
        f"<header><nav><ul>{items}</ul></nav></header>"
        f"<article><h1>Stories of the coast</h1>{body}</article>"
        f"<footer><p>{links}</p></footer></body>"
    )
    if not xml:
        return f"<!DOCTYPE html><html>{inner}</html>", prose
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml">'
    return f'<?xml version="1.0" encoding="utf-8"?>\n{xhtml}{inner}</html>', prose


def check_content(records: list[Record], prose: Prose, page: str, whole: bool = False) -> None:
    """Every sentence of the page's main text (as trafilatura extracts it: a sentence it leaves
    out, as a heading that ends the article, is furniture by its rules) is in a record the
    corpus keeps, or, for a heading, in a record (the segmenter drops a section's heading as
    `heading`); the menu and the footer are dropped as furniture. `whole`: trafilatura
    extracts every sentence (so the check cannot pass by its leaving them out)."""
    import trafilatura

    main = " ".join((trafilatura.extract(page) or "").split())
    assert main, page
    assert not whole or all(s in main for s in prose.sentences), page
    kept = "\n".join(" ".join(r.text.split()) for r in records if r.active)
    every = "\n".join(r.text for r in records)
    lost = [
        s
        for s in prose.sentences
        if s in main and s not in kept and not (s in prose.headings and s in every)
    ]
    assert not lost, (lost, [(r.dropped, r.text) for r in records if r.dropped], page)
    furniture = " ".join(r.text for r in records if r.dropped == "furniture")
    for piece in (*FURNITURE, "Privacy policy"):
        assert piece not in kept and piece in furniture, (piece, page)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(content_tree(), min_size=1, max_size=4), st.booleans())
def test_main_content_in_every_block_shape_is_content(
    tmp_path_factory: Any, nodes: list[Any], xml: bool
) -> None:
    def body_of(prose: Prose) -> str:
        return "".join(render_content(node, prose, xml) for node in nodes)

    page, prose = content_page(body_of, xml)
    name = "page.xhtml" if xml else "page.html"
    records = read(tmp_path_factory.mktemp("content"), name, page)
    check_content(records, prose, page)


CONTENT_SHAPES = {
    "poem": "<p>{s}<br>{s}<br>{s}<br>{s}</p>",
    "div lines": "<div>{s}<br>{s}<br>{s}</div>",
    "item lines": "<ul><li>{s}<br>{s}</li></ul>",
    "cell lines": "<table><tr><td>{s}<br>{s}</td></tr></table>",
    "quote lines": "<blockquote>{s}<br>{s}</blockquote>",
    "loose text": "<p>{s}</p>{s}<p>{s}</p>",
    "cell with a paragraph": "<table><tr><td>{s}<p>{s}</p>{s}</td></tr></table>",
    "item with a list": "<ul><li>{s}<ul><li>{s}</li></ul>{s}</li></ul>",
    "quote around a paragraph": "<blockquote>{s}<p>{s}</p>{s}</blockquote>",
    "section around a heading": "<section>{s}<h3>{h}</h3>{s}</section>",
    "spans": "<span>{s}</span> <span>{s}</span>",
    "div around a paragraph": "<div>{s}<p>{s}</p>{s}</div>",
}


def test_each_listed_block_shape_is_content(tmp_path: Path) -> None:
    """The shapes found dropped as furniture, each alone, in HTML and XHTML."""
    for n, shape in enumerate(CONTENT_SHAPES[name] for name in sorted(CONTENT_SHAPES)):
        for xml in (False, True):

            def body_of(prose: Prose, shape: str = shape) -> str:
                while "{s}" in shape or "{h}" in shape:
                    heading = shape.find("{h}") >= 0 and (
                        shape.find("{s}") < 0 or shape.find("{h}") < shape.find("{s}")
                    )
                    shape = shape.replace("{h}" if heading else "{s}", prose.sentence(), 1)
                    if heading:
                        prose.headings.add(prose.sentences[-1])
                return shape

            page, prose = content_page(body_of, xml)
            records = read(tmp_path, f"p{n}.{'xhtml' if xml else 'html'}", page)
            check_content(records, prose, page, whole=True)


def test_content_nested_past_the_extractions_depth_bound_is_content(tmp_path: Path) -> None:
    """Past `EXTRACTION_DEPTH` the extraction's copy has no markup (trafilatura's cost grows
    with depth x size): the blocks there are still content, the menu still furniture."""
    from pipeline.io.html_depth import EXTRACTION_DEPTH

    depth = EXTRACTION_DEPTH + 20

    def body_of(prose: Prose) -> str:
        inner = "".join(f"<p>{prose.sentence()}</p>" for _ in range(3))
        inner += f"<ul><li>{prose.sentence()}</li></ul><div>{prose.sentence()}<br>"
        inner += f"{prose.sentence()}</div><table><tr><td>{prose.sentence()}</td></tr></table>"
        return "<div>" * depth + inner + "</div>" * depth

    for xml in (False, True):
        page, prose = content_page(body_of, xml)
        records = read(tmp_path, f"deep.{'xhtml' if xml else 'html'}", page)
        check_content(records, prose, page, whole=True)


def test_a_block_partly_extracted_is_content(tmp_path: Path) -> None:
    """Loose text, then an inline quotation cut by a line break: the page's blocks are "S2 S3"
    and "S4"; trafilatura keeps "S3 S4" and leaves S2 out. The block holding S3 is content."""

    def body_of(prose: Prose) -> str:
        return (
            f"<article>{prose.sentence()} <q>{prose.sentence()}<br>{prose.sentence()}</q></article>"
        )

    for xml in (False, True):
        page, prose = content_page(body_of, xml)
        records = read(
            tmp_path,
            f"q.{'xhtml' if xml else 'html'}",
            page.replace("<br>", "<br/>") if xml else page,
        )
        check_content(records, prose, page)
        kept = " ".join(r.text for r in records if r.active)
        assert prose.sentences[3] in kept and prose.sentences[4] in kept


@pytest.mark.parametrize("name", ["script", "style", "SCRIPT", "Style"])
@pytest.mark.parametrize("attributes", ["", " type=x", ' src="a.js" defer'])
def test_markdown_inline_script_and_style_are_no_text(name: str, attributes: str) -> None:
    """Raw `<script>`/`<style>` in a Markdown paragraph is code a reader never sees (hostile
    pass: 'Para alert(1) text.'); an empty `<script/>` hides nothing; other tags keep theirs."""
    from pipeline.io.markup import markdown_page

    text = f"Shown one <{name}{attributes}>hidden code()</{name}> shown <b>two</b> <{name}/> three."
    (block,) = markdown_page([(1, text)]).blocks
    assert "hidden" not in block.text
    assert block.text.split() == ["Shown", "one", "shown", "two", "three."]
