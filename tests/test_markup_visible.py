"""Every text node a page shows (or shows when scripts are off, or a script could reveal) is a
record or a dropped line: generated pages mix every container a parser treats specially
(raw-text and escapable raw-text elements, template contents, foreign content, fallback
content, CDATA, frames) nested at random with ordinary blocks, in HTML, XHTML and Markdown.

Words are generated letters ended by a serial number and `x`, so one word cannot be found
inside another by chance: each must appear in the text of some record the reader gives."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader
from pipeline.record import Record

LETTERS = "abcdefghijklmnopqrstuvwxyzàéîõüß"

# containers whose children are markup: (open, close) around the children
CONTAINERS = {
    "div": ("<div>", "</div>"), "p": ("<p>", "</p>"), "span": ("<span>", "</span>"),
    "blockquote": ("<blockquote>", "</blockquote>"), "section": ("<section>", "</section>"),
    "nav": ("<nav>", "</nav>"), "footer": ("<footer>", "</footer>"),
    "aside": ("<aside>", "</aside>"), "h2": ("<h2>", "</h2>"), "b": ("<b>", "</b>"),
    "a": ('<a href="#x">', "</a>"), "button": ("<button>", "</button>"),
    "label": ("<label>", "</label>"), "hidden": ("<div hidden=\"hidden\">", "</div>"),
    "details": ("<details><summary>{w}</summary>", "</details>"),
    "noscript": ("<noscript>", "</noscript>"), "template": ("<template>", "</template>"),
    "object": ('<object data="x.swf">', "</object>"), "video": ("<video>", "</video>"),
    "audio": ("<audio>", "</audio>"), "canvas": ("<canvas>", "</canvas>"),
    "ul": ("<ul><li>", "</li></ul>"), "ol": ("<ol><li>{w}</li><li>", "</li></ol>"),
    "dl": ("<dl><dt>{w}</dt><dd>", "</dd></dl>"),
    "table": ("<table><caption>{w}</caption><tr><td>", "</td><td>{w}</td></tr></table>"),
    "fieldset": ("<fieldset><legend>{w}</legend>", "</fieldset>"),
    "figure": ("<figure>", "<figcaption>{w}</figcaption></figure>"),
    "foreignobject": ("<svg><foreignObject>", "</foreignObject></svg>"),
    "mtext": ("<math><mtext>", "</mtext></math>"),
    "form": ("<form>", "</form>"), "dialog": ("<dialog>", "</dialog>"),
}  # fmt: skip
# elements whose content is text only: (open, close) around the words
TEXT_ONLY = {
    "textarea": ("<textarea>", "</textarea>"), "title": ("<title>", "</title>"),
    "xmp": ("<xmp>", "</xmp>"), "iframe": ("<iframe>", "</iframe>"),
    "noembed": ("<noembed>", "</noembed>"), "noframes": ("<noframes>", "</noframes>"),
    "select": ("<select><option>", "</option><option>{w}</option></select>"),
    "optgroup": ('<select><optgroup label="g"><option>', "</option></optgroup></select>"),
    "svgtext": ('<svg><text x="1" y="2">', "</text></svg>"),
    "svgtspan": ("<svg><text><tspan>", "</tspan></text></svg>"),
    "svgcdata": ("<svg><text><![CDATA[", "]]></text></svg>"),
    "svgtitle": ("<svg><title>", "</title></svg>"), "svgdesc": ("<svg><desc>", "</desc></svg>"),
    "mi": ("<math><mi>", "</mi></math>"), "mo": ("<math><mrow><mn>", "</mn></mrow></math>"),
    "cdata": ("<![CDATA[", "]]>"), "pre": ("<pre>", "</pre>"),
    "ruby": ("<ruby>{w}<rt>", "</rt></ruby>"), "code": ("<code>", "</code>"),
    "option-only": ("<option>", "</option>"), "li": ("<li>", "</li>"), "td": ("<td>", "</td>"),
    "h1": ("<h1>", "</h1>"), "plain": ("", ""),
    # inline elements the extraction deletes, widgets, a form control's value, ruby with its
    # fallback parentheses (tests/test_markup_inline.py: where their words go)
    "time": ("<time>", "</time>"), "meter": ("<meter value=1>", "</meter>"),
    "progress": ("<progress>", "</progress>"), "output": ("<output>", "</output>"),
    "input-value": ("<input value='", "'>"), "input-submit": ("<input type=submit value='", "'>"),
    "ruby-rp": ("<ruby>{w}<rp>(</rp><rt>", "</rt><rp>)</rp></ruby>"),
    "rtc": ("<ruby>{w}<rtc>", "</rtc></ruby>"),
    "figcaption": ("<figure><figcaption>", "</figcaption></figure>"),
    "legend": ("<fieldset><legend>", "</legend></fieldset>"),
}  # fmt: skip
SRCDOC = "srcdoc"
# nodes that are neither elements nor text: a page shows none of them, and none may stop the
# reading of the words around them (a processing instruction in a paragraph crashed the run)
NODES = {
    "pi": "<?php echo 1; ?>", "pi-target": "<?pi data?>", "pi-empty": "<?>",
    "xml-stylesheet": '<?xml-stylesheet href="s.css"?>', "comment": "<!-- note -->",
    "empty-comment": "<!---->", "bogus": "<!bogus>", "bang": "<!>", "end-blank": "</ >",
    "doctype": "<!DOCTYPE html>", "cdata-empty": "<![CDATA[]]>", "cdata-open": "<![CDATA[",
    "cdata-close": "]]>", "stray-end": "</p>", "unknown-end": "</nothing>",
}  # fmt: skip


def tree() -> st.SearchStrategy[Any]:
    words = st.integers(1, 4)  # how many words a text holds
    leaf = st.one_of(
        st.tuples(st.just("text"), st.sampled_from(sorted(TEXT_ONLY)), words),
        st.tuples(st.just(SRCDOC), st.sampled_from(sorted(CONTAINERS)), words),
        st.tuples(st.just("node"), st.sampled_from(sorted(NODES)), st.just(0)),
    )
    return st.recursive(
        leaf,
        lambda children: st.tuples(
            st.just("el"), st.sampled_from(sorted(CONTAINERS)), st.lists(children, max_size=4)
        ),
        max_leaves=25,
    )


@dataclass
class Writer:
    """Renders a generated tree, numbering the words it writes."""

    xml: bool = False
    words: list[str] = field(default_factory=list)
    letters: st.DataObject | None = None

    def word(self) -> str:
        n = len(self.words)
        stem = "".join(LETTERS[(n * 7 + k * 5) % len(LETTERS)] for k in range(3 + n % 5))
        self.words.append(f"{stem}{n}x")
        return self.words[-1]

    def fill(self, template: str) -> str:
        while "{w}" in template:
            template = template.replace("{w}", self.word(), 1)
        return template

    def text(self, count: int) -> str:
        return " ".join(self.word() for _ in range(count))

    def render(self, node: Any) -> str:
        kind = node[0]
        if kind == "node":
            return NODES[node[1]]
        if kind == "text":
            open_, close = TEXT_ONLY[node[1]]
            return self.fill(open_) + self.text(node[2]) + self.fill(close)
        if kind == SRCDOC:  # an iframe showing a small document of its own
            open_, close = CONTAINERS[node[1]]
            inner = self.fill(open_) + self.text(node[2]) + self.fill(close)
            return f'<iframe srcdoc="{html.escape(inner)}"></iframe>'
        open_, close = CONTAINERS[node[1]]
        inner = " ".join(self.render(child) for child in node[2])
        return self.fill(open_) + " " + inner + " " + self.fill(close)


def page_of(nodes: list[Any], xml: bool) -> tuple[str, list[str]]:
    writer = Writer(xml=xml)
    head = f"<head><title>{writer.text(2)}</title></head>"
    body = " ".join(writer.render(node) for node in nodes)
    if xml:
        page = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml">'
            f"{head}<body>{body}</body></html>"
        )
    else:
        page = f"<!DOCTYPE html><html>{head}<body>{body}</body></html>"
    return page, writer.words


def accounted(records: list[Record]) -> str:
    return "\n".join(r.text for r in records)


def missing(words: list[str], records: list[Record]) -> list[str]:
    seen = accounted(records)
    return [w for w in words if w not in seen]


def read(folder: Path, name: str, content: str) -> list[Record]:
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return list(Reader()([path]))


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tree(), min_size=1, max_size=6), st.booleans())
def test_every_word_an_html_page_shows_is_a_record_or_dropped(
    tmp_path_factory: Any, nodes: list[Any], plaintext: bool
) -> None:
    page, words = page_of(nodes, xml=False)
    if plaintext:  # everything after <plaintext> is text, to the end of the file
        tail = " ".join(f"tail{i}x" for i in range(3))
        page = page.replace("</body></html>", f"<plaintext>{tail} <p>{tail}")
        words += tail.split()
    records = read(tmp_path_factory.mktemp("html"), "page.html", page)
    assert not missing(words, records), page


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tree(), min_size=1, max_size=6), st.sampled_from(["page.xhtml", "page.xht"]))
def test_every_word_an_xhtml_page_shows_is_a_record_or_dropped(
    tmp_path_factory: Any, nodes: list[Any], name: str
) -> None:
    page, words = page_of(nodes, xml=True)
    records = read(tmp_path_factory.mktemp("xhtml"), name, page)
    assert not missing(words, records), page
    # CDATA is text in XML: a section's words are content or furniture, not a comment
    assert not any(r.dropped == "cdata" for r in records)


def test_an_xhtml_paragraph_in_cdata_is_content(tmp_path: Path) -> None:
    prose = "Quiet rivers carry the lantern light downstream every autumn evening."
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 '
        'Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Notes</title>'
        '<script type="text/javascript" src="a.js"/></head><body>'
        f"<h1>Lanterns</h1><p><![CDATA[{prose}]]></p><p>Second&nbsp;line &amp; more.</p>"
        "</body></html>"
    )
    records = read(tmp_path, "notes.xhtml", page)
    assert prose in [r.text for r in records if r.active]
    assert "Second\u00a0line & more." in accounted(records) or "Second line & more." in (
        accounted(records)
    )


def test_cdata_in_an_html_page_is_dropped_with_its_reason(tmp_path: Path) -> None:
    page = "<html><body><p>Seen words here.</p><![CDATA[hidden words there]]></body></html>"
    records = read(tmp_path, "page.html", page)
    assert [(r.dropped, r.text) for r in records if r.dropped == "cdata"] == [
        ("cdata", "hidden words there")
    ]


def test_each_hidden_container_is_dropped_with_its_reason(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Tab words</title></head><body><p>Seen words here.</p>"
        "<noscript><p>Enable words</p></noscript><template><p>Later words</p></template>"
        "<video>Fallback words</video><iframe><b>Frame words</b></iframe></body></html>"
    )
    reasons = {r.text: r.dropped for r in read(tmp_path, "page.html", page)}
    assert reasons["Tab words"] == "head"
    assert reasons["Enable words"] == "noscript"
    assert reasons["Later words"] == "template"
    assert reasons["Fallback words"] == "fallback"
    assert reasons["Frame words"] == "fallback"


def markdown_part(writer: Writer, kind: int, node: Any) -> str:
    if kind == 0:
        return writer.text(3)
    if kind == 1:
        return "- " + writer.text(2)
    if kind == 2:
        return f"{writer.text(1)} <![CDATA[ {writer.text(2)} ]]> {writer.text(1)}"
    if kind == 3:
        return f"{writer.text(1)} <span>{writer.text(1)}</span> <!-- a note --> {writer.text(1)}"
    if kind == 4:  # an HTML block of its own
        return re.sub(r"\s*\n\s*", " ", writer.render(node))
    if kind == 5:
        return f"<details>\n<summary>{writer.text(1)}</summary>\n\n{writer.text(2)}\n\n</details>"
    return f"<!-- {writer.text(0)} -->\n<![CDATA[\n{writer.text(2)}\n]]>"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 6), tree()), min_size=1, max_size=8))
def test_every_word_of_html_inside_markdown_is_a_record_or_dropped(
    tmp_path_factory: Any, parts: list[tuple[int, Any]]
) -> None:
    writer = Writer()
    text = "\n\n".join(markdown_part(writer, kind, node) for kind, node in parts) + "\n"
    records = read(tmp_path_factory.mktemp("md"), "notes.md", text)
    assert not missing(writer.words, records), text


# What the HTML standard's rendering shows, element by element: (markup around the words,
# None when a browser shows them, else the reason they are dropped with). "{}" is the words.
VISIBILITY: dict[str, tuple[str, str | None]] = {
    "shadow root, open": ('<div><template shadowrootmode="open"><p>{}</p></template></div>', None),
    "shadow root, closed": ("<div><template shadowrootmode=closed>{}</template></div>", None),
    "shadow root, upper case": ("<div><template SHADOWROOTMODE='OPEN'>{}</template></div>", None),
    "shadow root, old name": ('<div><template shadowroot="open">{}</template></div>', None),
    "shadow root slot fallback": (
        '<div><template shadowrootmode="open"><slot>{}</slot></template></div>', None
    ),
    "shadow root in a list item": (
        '<ul><li><template shadowrootmode="open"><b>{}</b></template></li></ul>', None
    ),
    "shadow root, second one": (
        '<div><template shadowrootmode="open">x</template>'
        '<template shadowrootmode="open">{}</template></div>', "template"
    ),
    "template, bad mode": ('<div><template shadowrootmode="bogus">{}</template></div>', "template"),
    "template": ("<div><template><p>{}</p></template></div>", "template"),
    "template in a shadow root": (
        '<div><template shadowrootmode="open"><template>{}</template></template></div>',
        "template",
    ),
    "details, closed": ("<details><summary>s</summary><p>{}</p></details>", None),
    "details summary": ("<details><summary>{}</summary>x</details>", None),
    "details, open": ("<details open><summary>s</summary>{}</details>", None),
    "dialog, open": ("<dialog open><p>{}</p></dialog>", None),
    "dialog, closed": ("<dialog><p>{}</p></dialog>", "dialog"),
    "hidden": ("<div hidden><p>{}</p></div>", "hidden"),
    "hidden, empty value": ('<p hidden="">{}</p>', "hidden"),
    "hidden inline": ("<p>x <span hidden>{}</span> y</p>", "hidden"),
    "hidden until found": ('<div hidden="until-found">{}</div>', None),
    "shown inside hidden": ("<div hidden><dialog open>{}</dialog></div>", "hidden"),
    "hidden inside a shadow root": (
        '<div><template shadowrootmode="open"><p hidden>{}</p></template></div>', "hidden"
    ),
    "display none": ('<div style="display: none">{}</div>', "hidden"),
    "display none, important": ('<span style="COLOR:red;DISPLAY : NONE !important">{}</span>',
                                "hidden"),
    "display none, then block": ('<div style="display:none; display:block">{}</div>', None),
    "display block": ('<div style="display:block">{}</div>', None),
    "aria-hidden": ('<div aria-hidden="true">{}</div>', None),
    "noscript": ("<noscript><p>{}</p></noscript>", "noscript"),
    "slot outside a shadow root": ("<p><slot>{}</slot></p>", None),
}  # fmt: skip


def visibility_page(markup: str, words: str) -> str:
    return f"<html><body><p>Before the part.</p>{markup.format(words)}<p>After.</p></body></html>"


def test_each_element_is_shown_or_dropped_as_the_standard_renders_it() -> None:
    from pipeline.io.markup import page_blocks
    from pipeline.io.segment.blocks import DROPPED_ROLES

    wrong = {}
    for n, (name, (markup, reason)) in enumerate(sorted(VISIBILITY.items())):
        words = f"vis{n}x word{n}x"
        blocks = [b for b in page_blocks(visibility_page(markup, words)) if words in b.text]
        roles = sorted({b.role if b.role in DROPPED_ROLES else None for b in blocks}, key=str)
        if roles != [reason]:
            wrong[name] = roles
    assert not wrong


def test_a_shown_element_is_never_dropped_as_hidden_through_the_reader(tmp_path: Path) -> None:
    from pipeline.io.segment.blocks import HIDDEN_ROLES

    for n, (name, (markup, reason)) in enumerate(sorted(VISIBILITY.items())):
        words = f"Plenty of words {n}x make this sentence long enough to be content here"
        records = read(tmp_path, f"p{n}.html", visibility_page(markup, words))
        mine = [r for r in records if words in r.text]
        assert mine, name
        if reason is None:
            assert not [r.dropped for r in mine if r.dropped in HIDDEN_ROLES], name
        else:
            assert {r.dropped for r in mine} == {reason}, name
