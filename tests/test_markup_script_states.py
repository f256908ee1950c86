"""A script's body ends where the HTML tokenizer ends it (hostile43 H8): `<!--` in a script
opens the escaped states, where `<script` opens the double-escaped ones, in which
`</script>` does not end the script (old ad tags: `<!-- document.write('<script
src=...></script>'); ... //-->`). `markup_payload` takes the body out before the page is
parsed; it must take exactly what Lexbor (the parser the pipeline uses) reads as the
script's text, or code becomes a record and payload counts against the page bound.

Generated: inner tags x writes x comment openers x closers (an exhaustive table), and
hypothesis sequences of the tokens the script states turn on, on one line or several; each
compared with Lexbor's reading of the same page."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.markup_payload import State, unpack_line
from pipeline.io.readers import Reader

lexbor = pytest.importorskip("selectolax.lexbor")

BEFORE = "<html><body><p>The opening paragraph of the page, in words.</p><script>"
AFTER = "<p>The closing paragraph of the page, in words.</p></body></html>"


def payload_reading(page: str) -> str:
    """The page as `markup_payload` leaves it, its lines read one at a time."""
    state, kept = State(), []
    for line in page.split("\n"):
        text, state = unpack_line(line, state)
        kept.append(text)
    return "\n".join(kept)


def shown(page: str) -> tuple[str, int]:
    """What Lexbor shows of a page, its scripts removed, and how many scripts hold more
    than line ends (`payload_reading` keeps those)."""
    tree = lexbor.LexborHTMLParser(page)
    scripts = sum(bool(node.text().strip("\n")) for node in tree.css("script"))
    tree.strip_tags(["script"])
    body = tree.body
    return (body.text() if body is not None else ""), scripts


def agrees(body: str) -> bool:
    """Lexbor shows the same text of the page with its payload taken out, and finds no
    script text left in it."""
    page = BEFORE + body + AFTER
    text, _ = shown(page)
    return shown(payload_reading(page)) == (text, 0)


INNER = ['<script src="x.js">', "<SCRIPT>", "<script\ttype=x>", "<script/>", "<scripts>", ""]
WRITES = [
    "document.write('{inner}</script>');",
    "document.write('{inner}<\\/script>');",
    "document.write('{inner}</scr' + 'ipt>');",
    'document.write("{inner}</SCRIPT >");',
    "w('{inner}</script/');",
]
OPENERS = ["<!--", "<!-- ", "<!-->", "<!---", "", "<!-"]
CLOSERS = ["//-->", "-->", "--->", "--!>", "- ->", ""]
TABLE = [
    f"{opener}\n{write.format(inner=inner)} var zz=1;\n{closer}</script>"
    for inner, write, opener, closer in itertools.product(INNER, WRITES, OPENERS, CLOSERS)
]


def test_generated_scripts_end_where_lexbor_ends_them() -> None:
    disagree = [body for body in TABLE if not agrees(body)]
    assert not disagree, (len(disagree), len(TABLE), disagree[:3])


def test_generated_scripts_on_one_line() -> None:
    disagree = [body for body in TABLE if not agrees(body.replace("\n", " "))]
    assert not disagree, (len(disagree), len(TABLE), disagree[:3])


TOKENS = [
    "<!--", "-->", "<!-", "--", "-", "<", ">", "/", " ", "\n", "a", "x=1;",
    "<script>", "<script ", "<SCRIPT/", "<scripts>", "<scrip>",
    "</script>", "</script ", "</SCRIPT\t", "</scripts>", "</script", "<script",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14))
def test_token_sequences_end_where_lexbor_ends_them(tokens: list[str]) -> None:
    body = "".join(tokens) + "</script>"
    assert agrees(body), body


def test_ad_tag_gives_no_record_and_its_payload_is_not_counted(tmp_path: Path) -> None:
    """The page bound counts no byte of such a script: a 2 MB variable after the inner
    `</script>` at a 100 kB bound leaves the page's paragraphs, and no code."""
    variable = "Q" * 2_000_000
    body = f"<!-- document.write('<script src=\"x.js\"></script>'); var zz='{variable}'; //-->"
    page = tmp_path / "adtag.html"
    page.write_text(BEFORE + body + "</script>" + AFTER, encoding="utf-8")
    reader = Reader(max_page_bytes=100_000)
    records = list(reader([page]))
    assert [r.error for r in records] == [None, None]
    assert [r.text for r in records] == [
        "The opening paragraph of the page, in words.",
        "The closing paragraph of the page, in words.",
    ]
