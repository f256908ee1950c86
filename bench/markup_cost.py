"""What reading one markup page costs as it grows: for each structure, the seconds at 1x and
10x its size and their ratio (linear: about 10; the target is under 15).

    .venv/bin/python bench/markup_cost.py [--scale 0.1]

Structures: deep nesting (divs, lists, inline-around-block misnesting), a flat page of
comments each with a "Reply" link (repeated blocks, as a blog or shop writes them), identical
comments (no block is unique), one long paragraph, one paragraph of `<br>` lines, many
tables, an XHTML page, Markdown with many blocks and HTML blocks, a `<select>`'s options,
attributes (of one tag, of repeated `<body>`s), ruby parts out of a `<ruby>`, inline elements in
one paragraph (bold, links, nested, links in one bold: trafilatura's cost was the square of
a block's inline elements, 16,000 `<b>` in one `<p>` 33 s), many paragraphs each with a link
or a `<time>` (trafilatura's own cost grows faster than linear there: see the README),
an XHTML page's internal entities. Each page goes through the
whole markup path (`pipeline.io.markup`: depth bound, Lexbor, trafilatura, alignment); one
small page is read first so trafilatura's one-time set-up is not counted. Before this
benchmark: 100,000 nested divs (1.1 MB) took ~146 s, 28,000 comments (3 MB) over a minute;
32,000 options in a `<select>` 11 s, 64,000 attributes on one tag 21 s (Lexbor, quadratic).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from pipeline.io.markup import MARKUP, html_page

WORDS = [
    "river",
    "lantern",
    "quiet",
    "harbour",
    "autumn",
    "window",
    "garden",
    "letter",
    "morning",
    "silver",
]


def words(i: int, n: int = 8) -> str:
    return " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(n)) + f" {i}"


def deep_divs(n: int) -> str:
    return "<html><body>" + "<div>" * n + "<p>deep text</p>" + "</div>" * n + "</body></html>"


def deep_lists(n: int) -> str:
    return "<html><body>" + "".join(f"<ul><li>{i}" for i in range(n)) + "</body></html>"


def misnested(n: int) -> str:
    return "<html><body>" + "<span><div>x</span>" * n + "</body></html>"


def comments(n: int) -> str:
    body = "".join(
        f"<div class='comment'><p>{words(i)}</p><a href='#r{i}'>Reply</a></div>" for i in range(n)
    )
    return (
        "<html><body><main><article><h1>A post</h1><p>" + words(0, 40) + "</p></article></main>"
        f"<section class='comments'>{body}</section></body></html>"
    )


def identical(n: int) -> str:
    body = "<div class='comment'><p>Thanks, great post!</p><a href='#'>Reply</a></div>" * n
    return f"<html><body><main><h1>A post</h1><p>{words(0, 40)}</p>{body}</main></body></html>"


def long_paragraph(n: int) -> str:
    return f"<html><body><article><h1>A long one</h1><p>{words(1, n)}</p></article></body></html>"


def br_lines(n: int) -> str:
    lines = "<br>".join(words(i, 6) for i in range(n))
    return f"<html><body><article><h1>A poem</h1><p>{lines}</p></article></body></html>"


def tables(n: int) -> str:
    rows = "".join(
        f"<table><tr><th>name</th><th>value</th></tr><tr><td>{words(i, 3)}</td><td>{i}</td></tr>"
        f"<tr><td>{words(i + 1, 3)}</td><td>{i + 1}</td></tr></table>"
        for i in range(n)
    )
    return f"<html><body><main><h1>Tables</h1>{rows}</main></body></html>"


def xhtml(n: int) -> str:
    body = "".join(
        f"<div><p><![CDATA[{words(i)}]]></p><a href='#'>Reply</a></div>" for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>t</title></head><body><main>{body}</main></body></html>"
    )


def markdown(n: int) -> str:
    parts = []
    for i in range(n):
        parts += [
            f"## {words(i, 3)}",
            words(i),
            f"- {words(i, 4)}",
            f"<details>{words(i, 2)}</details>",
        ]
    return "\n\n".join(parts) + "\n"


def wrapped(body: str) -> str:
    return f"<html><body><main><h1>Form</h1><p>{words(0, 40)}</p>{body}</main></body></html>"


def select_options(n: int) -> str:
    return wrapped(
        "<select>" + "".join(f"<option>{words(i, 2)}</option>" for i in range(n)) + "</select>"
    )


def optgroups(n: int) -> str:
    return wrapped(
        "<select>" + "".join(f"<optgroup label=g{i}><option>{words(i, 2)}" for i in range(n))
    )


def many_attributes(n: int) -> str:
    return wrapped("<div " + " ".join(f"data-a{i}='{i}'" for i in range(n)) + ">text</div>")


def repeated_body(n: int) -> str:
    return wrapped("".join(f"<body data-b{i}='{i}'><p>{words(i, 2)}</p>" for i in range(n)))


def bare_attributes(n: int) -> str:
    return wrapped("<p " + " ".join(f"a{i}=v" for i in range(n)) + f">{words(1)}</p>")


def unclosed_paragraphs(n: int) -> str:
    return wrapped("".join(f"<p>{words(i, 3)}" for i in range(n)))


def list_items(n: int) -> str:
    return wrapped("<ul>" + "".join(f"<li>{words(i, 2)}" for i in range(n)))


def ruby_parts(n: int) -> str:
    return wrapped("<p>" + "".join(f"<rt>{words(i, 2)}" for i in range(n)))


def article(body: str) -> str:
    return (
        f"<html><body><article><h1>A post</h1><p>{words(0, 40)}</p>{body}</article></body></html>"
    )


def inline_bold(n: int) -> str:
    return article("<p>" + "<b>w</b> " * n + "</p>")


def inline_links(n: int) -> str:
    return article("<p>" + "".join(f'<a href="/x{i}">w{i}</a> ' for i in range(n)) + "</p>")


def inline_nested(n: int) -> str:
    return article("<p>" + "<b><i>w</i></b> " * n + "</p>")


def links_in_one_inline(n: int) -> str:
    return article("<p><b>" + "<a href=#x>w</a> " * n + "</b></p>")


def paragraphs_with_links(n: int) -> str:
    return article("".join(f'<p>{words(i, 3)} <a href="/y{i}">link</a> end</p>' for i in range(n)))


def paragraphs_with_time(n: int) -> str:
    return article("".join(f"<p>On <time>day {i}</time> {words(i, 5)}</p>" for i in range(n)))


def entities(n: int) -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY e "an entity\'s words">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><main>'
        + "".join(f"<p>&e; {words(i, 3)}</p>" for i in range(n))
        + "</main></body></html>"
    )


def embeds_in_paragraphs(n: int) -> str:
    return article(
        "".join(f"<p>{words(i, 3)} <audio src=a.ogg></audio><noscript><img src=p.gif></noscript>"
                f" {words(i + 1, 3)}</p>" for i in range(n))
    )  # fmt: skip


def payload(n: int) -> str:
    return article(
        "".join(f"<p>{words(i, 4)}</p><img src='data:image/png;base64,{'QUJD' * 64}'>"
                f"<script>var a{i} = '{'x' * 64}';</script>" for i in range(n))
    )  # fmt: skip


def docbook(n: int) -> str:
    return (
        '<?xml version="1.0"?>\n<article xmlns="http://docbook.org/ns/docbook">\n'
        + "\n".join(f"<para>{words(i, 6)}</para>" for i in range(n))
        + "\n</article>"
    )


STRUCTURES: list[tuple[str, Callable[[int], str], str, int]] = [
    ("deep nested divs", deep_divs, ".html", 10_000),
    ("deep nested lists", deep_lists, ".html", 5_000),
    ("span around div, misnested", misnested, ".html", 10_000),
    ("flat comments with Reply", comments, ".html", 2_800),
    ("identical comments", identical, ".html", 2_000),
    ("one long paragraph (words)", long_paragraph, ".html", 15_000),
    ("one paragraph of <br> lines", br_lines, ".html", 2_000),
    ("many tables", tables, ".html", 1_000),
    ("XHTML comments in CDATA", xhtml, ".xhtml", 2_000),
    ("Markdown blocks and HTML", markdown, ".md", 1_000),
    ("select with options", select_options, ".html", 3_000),
    ("select, unclosed optgroups", optgroups, ".html", 2_000),
    ("one tag, many attributes", many_attributes, ".html", 5_000),
    ("repeated <body> attributes", repeated_body, ".html", 2_000),
    ("one tag, unquoted attributes", bare_attributes, ".html", 3_000),
    ("unclosed paragraphs", unclosed_paragraphs, ".html", 2_000),
    ("list items, unclosed", list_items, ".html", 2_000),
    ("ruby parts out of ruby", ruby_parts, ".html", 2_000),
    ("inline <b> in one paragraph", inline_bold, ".html", 1_600),
    ("inline <a> in one paragraph", inline_links, ".html", 1_600),
    ("nested <b><i> in one paragraph", inline_nested, ".html", 1_600),
    ("<a>s in one <b> in a paragraph", links_in_one_inline, ".html", 1_600),
    ("paragraphs, each with a link", paragraphs_with_links, ".html", 1_600),
    ("paragraphs, each with a <time>", paragraphs_with_time, ".html", 1_600),
    ("XHTML internal entities", entities, ".xhtml", 2_000),
    ("inline embeds in paragraphs", embeds_in_paragraphs, ".html", 1_600),
    ("payload: data: URIs and scripts", payload, ".html", 1_600),
    ("DocBook paragraphs (.xhtml)", docbook, ".xhtml", 2_000),
]


def seconds(read: Callable[[list[tuple[int, str]]], object], page: str) -> float:
    lines = list(enumerate(page.split("\n"), start=1))
    start = time.perf_counter()
    read(lines)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--only", default="", help="the structures whose name holds this")
    args = parser.parse_args()
    html_page([(1, comments(20))])  # trafilatura's one-time set-up
    print(
        f"{'structure':32} {'1x size':>10} {'1x s':>7} {'10x size':>10} {'10x s':>7} {'ratio':>6}"
    )
    for name, build, suffix, n in STRUCTURES:
        if args.only not in name:
            continue
        n = max(1, int(n * args.scale))
        small, large = build(n), build(10 * n)
        t1 = seconds(MARKUP[suffix], small)
        t10 = seconds(MARKUP[suffix], large)
        print(
            f"{name:32} {len(small):>10,} {t1:>7.2f} {len(large):>10,} {t10:>7.2f} "
            f"{t10 / max(t1, 1e-3):>6.1f}"
        )


if __name__ == "__main__":
    main()
