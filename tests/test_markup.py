"""HTML and Markdown: main content by extraction, roles by markup, nothing lost (each case here
failed before: review mode switched on by a menu, names cut into authors, list items and table
cells dropped as headings, everything after a deep list silently gone)."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

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
        ("row", "Award | Result"),
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
        ("row", "Day | Film"),
        ("row", "1 | Harbour"),
        ("row", "2 | The Long Road"),
        ("quote", "A quotation that is content too."),
    ]
    assert [(r.dropped, r.text) for r in records if r.dropped] == [
        ("markup", "[home]: https://example.org")
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
