"""Entities an XHTML page's internal DTD declares are expanded as any XML reader expands them
(A7: `<!ENTITY rev "...">` then `<p>&rev;</p>` gave the record `&rev;`); external ones are
never read; an expansion past the bound is one error, never a long wait or a cut page.

The table crosses every kind of declaration and reference with a well-formed page (lxml's
XML parser) and a page that is not well-formed (the HTML fallback), under both suffixes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from pipeline.record import Record

XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n'
NS = 'xmlns="http://www.w3.org/1999/xhtml"'

# (declarations, body, the words a reader must give, words no record may hold)
ENTITY_CASES: dict[str, tuple[str, str, list[str], list[str]]] = {
    "in text": ('<!ENTITY e1 "quorlam vintesh">', "<p>&e1;</p>", ["quorlam vintesh"], ["&e1;"]),
    "single quotes": ("<!ENTITY e1 'palvor quenn'>", "<p>&e1; x</p>", ["palvor quenn x"], ["&e1;"]),
    "twice in a line": ('<!ENTITY e1 "drelm">', "<p>&e1; and &e1;</p>", ["drelm and drelm"], []),
    "nested": ('<!ENTITY e1 "zent"><!ENTITY e2 "&e1; morv &e1;">', "<p>&e2;</p>",
               ["zent morv zent"], ["&e1;", "&e2;"]),
    "with markup": ('<!ENTITY e1 "kelb <b>strom</b> vaal">', "<p>&e1;</p>", ["kelb strom vaal"],
                    ["<b>"]),
    "with a character reference": ('<!ENTITY e1 "fr&#233;nel">', "<p>&e1;</p>", ["frénel"], []),
    "in a heading and a list": ('<!ENTITY e1 "yosk">', "<h2>&e1; one</h2><ul><li>&e1; two</li></ul>",
                                ["yosk one", "yosk two"], []),
    "declared after use order": ('<!ENTITY e2 "&e1; brun"><!ENTITY e1 "tavv">', "<p>&e2;</p>",
                                 ["tavv brun"], []),
    "in an attribute, text beside": ('<!ENTITY e1 "plint">', '<p title="&e1;">gorv &e1;</p>',
                                     ["gorv plint"], []),
    "parameter entity ignored": ('<!ENTITY % p1 "nope"><!ENTITY e1 "wemb">', "<p>&e1;</p>",
                                 ["wemb"], []),
    "first declaration wins": ('<!ENTITY e1 "first"><!ENTITY e1 "second">', "<p>&e1; word</p>",
                               ["first word"], ["second word"]),
    "in CDATA, as written": ('<!ENTITY e1 "hidden">', "<p><![CDATA[raw &e1; text]]></p>",
                             ["raw &e1; text"], []),
}  # fmt: skip


def page_of(declarations: str, body: str, well_formed: bool) -> str:
    # an attribute with no value, before any reference: the XML parser stops there
    broken = "" if well_formed else "<hr noshade>"
    return (
        f"{XML_HEAD}<!DOCTYPE html [{declarations}]>\n"
        f"<html {NS}><head><title>t</title></head><body>{broken}{body}</body></html>"
    )


def read(folder: Path, name: str, content: str) -> list[Record]:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return list(Reader()([path]))


CASES = [
    (case, well_formed, suffix)
    for case in sorted(ENTITY_CASES)
    for well_formed in (True, False)
    for suffix in (".xhtml", ".xht")
]


@pytest.mark.parametrize("case,well_formed,suffix", CASES)
def test_internal_entities_are_expanded(
    tmp_path: Path, case: str, well_formed: bool, suffix: str
) -> None:
    declarations, body, wanted, unwanted = ENTITY_CASES[case]
    records = read(tmp_path, f"page{suffix}", page_of(declarations, body, well_formed))
    texts = [r.text for r in records]
    assert not [r for r in records if r.error], texts
    for words in wanted:
        assert any(words in t for t in texts), (words, texts)
    for words in unwanted:
        assert not any(words in t for t in texts), (words, texts)
    # the internal DTD is no text: nothing of it in any record, dropped or not
    assert not any("ENTITY" in t or "]>" in t for t in texts), texts


@pytest.mark.parametrize("well_formed", [True, False])
def test_external_and_undeclared_entities_are_never_read(tmp_path: Path, well_formed: bool) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("brelquist zanmoor", encoding="utf-8")
    declarations = (
        f'<!ENTITY ext SYSTEM "file://{secret}"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">'
        '<!ENTITY ok "valdren">'
    )
    body = "<p>&ext; &net; &ok; &nosuch; kept words</p>"
    records = read(tmp_path, "page.xhtml", page_of(declarations, body, well_formed))
    text = "\n".join(r.text for r in records)
    assert "brelquist" not in text
    assert "valdren" in text and "kept words" in text


def laughs(levels: int, width: int = 10) -> str:
    names = [f"l{i}" for i in range(levels + 1)]
    decls = [f'<!ENTITY {names[0]} "ha ha ha ">'] + [
        f'<!ENTITY {names[i]} "{f"&{names[i - 1]};" * width}">' for i in range(1, levels + 1)
    ]
    return "".join(decls), f"<p>&{names[-1]};</p>"


@pytest.mark.parametrize("well_formed", [True, False])
@pytest.mark.parametrize("levels", [6, 9])
def test_an_over_expanding_page_is_one_clear_error(
    tmp_path: Path, well_formed: bool, levels: int
) -> None:
    declarations, body = laughs(levels)
    records = read(tmp_path, "page.xhtml", page_of(declarations, body, well_formed))
    assert len(records) == 1 and records[0].error is not None, [r.text[:80] for r in records]
    assert records[0].error.code == "E012"
    assert "entities" in records[0].error.message


def test_an_entity_loop_is_one_clear_error(tmp_path: Path) -> None:
    page = page_of('<!ENTITY a "x &b;"><!ENTITY b "y &a;">', "<p>&a;</p>", True)
    records = read(tmp_path, "page.xhtml", page)
    assert len(records) == 1 and records[0].error is not None


def test_a_loop_in_a_page_that_is_not_xml_is_left_as_written(tmp_path: Path) -> None:
    page = page_of('<!ENTITY a "x &b;"><!ENTITY b "y &a;">', "<p>&a; words</p>", False)
    texts = [r.text for r in read(tmp_path, "page.xhtml", page)]
    assert any("x y &a; words" in t for t in texts), texts


def test_expanding_entities_costs_their_output() -> None:
    """Many references, each expanded once: the page's length in, the output's length out."""
    from pipeline.io.xml_markup import expand_entities
    from tests.test_markup_cost import assert_linear

    def build(n: int) -> Callable[[], object]:
        page = page_of('<!ENTITY e "ab">', "<p>" + "&e; &nope; <!-- &e;" * n, False)
        return lambda: expand_entities(page)

    assert_linear(build, 20_000)


@pytest.mark.parametrize("public", [True, False])
def test_declared_and_undeclared_entities_together(tmp_path: Path, public: bool) -> None:
    """`&e;` declared, `&nbsp;` not (XHTML's external DTD, never read, holds it): the page is
    still read as XML (its `<script/>` closes itself: as HTML it would swallow the page)."""
    external = (
        ' PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"'
        if public
        else ""
    )
    page = (
        f'{XML_HEAD}<!DOCTYPE html{external} [<!ENTITY e "morvane">]>\n'
        f'<html {NS}><head><title>t</title><script src="a.js"/></head>'
        "<body><p>&e;&nbsp;tulk and &e; again</p></body></html>"
    )
    texts = [r.text for r in read(tmp_path, "page.xhtml", page)]
    assert any("morvane\u00a0tulk and morvane again" in t or "morvane tulk and morvane again" in t
               for t in texts), texts  # fmt: skip
