"""Class: whitespace kept as written (issue 29, F7). HTML collapses only its own blanks (space,
tab, line ends, form feed); every other space a page holds (no-break, narrow no-break, thin,
en, em, figure, ideographic... every Unicode `Zs` but U+0020) is a character of the text, kept
as written, runs too, as the Markdown reader keeps it. Generated over the whole `Zs` class x
(literal, entity) x (p, li, td, h2) x (one, a run), in HTML and XHTML, and compared with the
Markdown reader's record of the same line. Text generated here, none from a corpus."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.readers import Reader
from pipeline.io.xml_markup import xhtml_page

SPACES = [
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs" and c != 0x20
]
CONTAINERS = {
    "p": ("<p>", "</p>"),
    "li": ("<ul><li>", "</li></ul>"),
    "td": ("<table><tr><td>", "</td></tr></table>"),
    "h2": ("<h2>", "</h2>"),
}
FILLER = "".join(
    f"<p>Generated prose line {i} about a ferry crossing at night, long enough to be an "
    f"article's paragraph for the extraction to hold.</p>"
    for i in range(3)
)


def line(space: str, run: int) -> str:
    return f"Tarvel 10{space * run}kilo{space}gram, quoted{space}«{space}yes{space}»"


CASES = [
    (f"U+{ord(s):04X}", s, form, container, run)
    for s in SPACES
    for form in ("literal", "entity")
    for container in sorted(CONTAINERS)
    for run in (1, 4)
    if container == "p" or (form == "entity" and run == 1)
]


@pytest.mark.parametrize("name,space,form,container,run", CASES)
def test_a_space_other_than_htmls_blanks_is_kept_as_written(
    name: str, space: str, form: str, container: str, run: int
) -> None:
    text = line(space, run)
    written = text.replace(space, f"&#x{ord(space):x};") if form == "entity" else text
    opening, closing = CONTAINERS[container]
    body = f"<article>{FILLER}{opening}{written}{closing}{FILLER}</article>"
    blocks = html_blocks(f"<html><body>{body}</body></html>")
    assert any(text in b.text for b in blocks), [b.text for b in blocks if "Tarvel" in b.text]
    xml = f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>{body}</body></html>'
    xblocks = xhtml_page([(1, xml)]).blocks
    assert any(text in b.text for b in xblocks), [b.text for b in xblocks if "Tarvel" in b.text]


@pytest.mark.parametrize("space", SPACES)
def test_html_and_markdown_give_the_same_text(tmp_path: Path, space: str) -> None:
    text = line(space, 3)
    (tmp_path / "a.md").write_text(f"# Title\n\n{text}\n")
    (tmp_path / "a.html").write_text(f"<html><body><h1>Title</h1><p>{text}</p></body></html>")
    md = [r.text for r in Reader()([tmp_path / "a.md"]) if "Tarvel" in r.text]
    page = [r.text for r in Reader()([tmp_path / "a.html"]) if "Tarvel" in r.text]
    assert md == page == [unicodedata.normalize("NFC", text)]  # both readers give NFC


@pytest.mark.parametrize("blank", [" ", "\t", "\n", "\r\n", "\f", "  \n\t "])
def test_htmls_own_blanks_collapse_to_one_space(blank: str) -> None:
    body = f"<article>{FILLER}<p>{blank}Tarvel{blank}kilo{blank}gram{blank}</p>{FILLER}</article>"
    blocks = html_blocks(f"<html><body>{body}</body></html>")
    assert "Tarvel kilo gram" in [b.text for b in blocks]


def test_a_paragraph_of_no_break_spaces_only_is_no_record() -> None:
    body = f"<article>{FILLER}<p>&nbsp;</p><p>\u2009\u202f</p>{FILLER}</article>"
    blocks = html_blocks(f"<html><body>{body}</body></html>")
    assert all(b.text.strip() for b in blocks)
