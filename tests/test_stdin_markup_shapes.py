"""Standard input read as the same bytes in a file of their format (hostile43 H4, H16): an
XHTML page opening with its XML declaration, an HTML page opening with any element's tag
(`<script>`, `<span>`, a custom element), a Markdown page whose only Markdown is its front
matter were sniffed as text pages (their markup became records). Generated shapes, in UTF-8
and UTF-16: `stdin.kind_of` names the format, and the spooled input gives the records the
same bytes give in a `.xhtml`, `.html` or `.md` file. Text pages that only look alike stay
text."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest

from pipeline.io import stdin
from pipeline.io.readers import Reader

PARAGRAPHS = (
    "<p>The ferry left the harbour before the morning tide turned.</p>"
    "<p>A keeper wrote letters by the window through the winter.</p>"
)
DECLARATIONS = [
    '<?xml version="1.0"?>',
    "<?xml version='1.0' encoding='utf-8'?>",
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
]
BETWEEN = ["\n", "", "\r\n"]
EXTRAS = ["", '<?xml-stylesheet href="s.css" type="text/css"?>\n', "<!-- generated -->\n"]
ROOTS = [
    "<!DOCTYPE html>\n<html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "xhtml11.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">',
]
XHTML = [
    f"{declaration}{between}{extra}{root}<head><title>Tides</title></head>"
    f"<body>{PARAGRAPHS}</body></html>\n"
    for declaration, between, extra, root in itertools.product(DECLARATIONS, BETWEEN, EXTRAS, ROOTS)
]
FIRST_TAGS = [
    "<script>var shown = 1;</script>",
    '<script src="a.js"></script>',
    "<style>p { color: red }</style>",
    '<link rel="stylesheet" href="a.css">',
    "<span>Harbour notes</span>",
    '<a href="/">Home</a>',
    '<img src="a.png" alt="">',
    "<template><p>later</p></template>",
    "<section>",
    "<main>",
    "<noscript>scripts are off</noscript>",
    "<site-header>Tides</site-header>",
    "<B>Harbour</B>",
    "<form action=x></form>",
]
HTML = [f"{first}\n{PARAGRAPHS}\n" for first in FIRST_TAGS]
FRONT = [
    "---\ntitle: Tides and ferries\n---\n",
    "---\ntitle: Tides and ferries\nauthor: A. Keeper\ntags: [sea, winter]\n---\n",
    "---\ntitle: >-\n  Tides and\n  ferries\ndate: 2020-01-02\n...\n",
    '+++\ntitle = "Tides and ferries"\ndraft = false\n+++\n',
]
BODIES = [
    "\nThe ferry left the harbour before the morning tide turned.\n\n"
    "A keeper wrote letters by the window through the winter.\n",
    "The ferry left the harbour before the morning tide turned.\n",
]
MARKDOWN = [front + body for front, body in itertools.product(FRONT, BODIES)]
SHAPES = (
    [(page, "xhtml") for page in XHTML]
    + [(page, "html") for page in HTML]
    + [(page, "md") for page in MARKDOWN]
)
ENCODINGS = ["utf-8", "utf-16"]


def records(path: Path) -> list[tuple[str, object, object]]:
    return [(r.text, r.meta.get("kind"), r.dropped) for r in Reader()([path])]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_sniffed_as_its_format(encoding: str) -> None:
    wrong = [
        (page[:40], kind, got)
        for page, kind in SHAPES
        if (got := stdin.kind_of(page.encode(encoding), complete=True)) != kind
    ]
    assert not wrong, (len(wrong), len(SHAPES), wrong[:4])


@pytest.mark.parametrize("kind", ["xhtml", "html", "md"])
def test_spooled_reads_as_the_file(tmp_path: Path, kind: str) -> None:
    """One shape of each format in each encoding (the reading is the readers' own)."""
    pages = [page for page, shape in SHAPES if shape == kind][::5]
    try:
        for page, encoding in itertools.product(pages, ENCODINGS):
            data = page.encode(encoding)
            spooled = stdin.spool(io.BytesIO(data))
            file = tmp_path / f"page.{kind}"
            file.write_bytes(data)
            assert spooled.name == f"stdin.{kind}"
            assert records(spooled) == records(file) != []
    finally:
        stdin.remove_spools()


HELD = [
    ("<john@example.org> wrote on Monday that the ferry was late.\n", "txt"),
    ("<3 the harbour in winter\nand the ferry\n", "txt"),
    ("---\n\nA rule, then a paragraph: not front matter.\n---\n", "txt"),
    ("---\njust a line of text\n---\n", "txt"),
    ('<?xml version="1.0"?>\n<rss><channel><title>x</title></channel></rss>\n', "txt"),
    ("<!DOCTYPE html>\n<p>x</p>\n", "html"),
    ('<p align="center"><img src="a.png"></p>\n\n# Tides\n\nSee [the ferry](f) **now**.\n', "md"),
]


@pytest.mark.parametrize(("page", "kind"), HELD)
def test_look_alikes_held(page: str, kind: str) -> None:
    assert stdin.kind_of(page.encode(), complete=True) == kind
