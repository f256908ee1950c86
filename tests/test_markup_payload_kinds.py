"""Every kind of bytes a page carries that no browser shows as text, generated past the page
bound (hostile42 H16): a `data:` URI in a `style` attribute (what "save as a single file"
tools inline for CSS backgrounds), a lazy-loading `data-*` attribute or a `<meta>`, a
comment, a hidden input's value (ASP.NET's `__VIEWSTATE`), an SVG shape's geometry, each quoted every way, on one line or several, the
attributes in either order. The page is read, every visible paragraph kept, and its records
are those of the same page with a small payload. Look-alikes a browser does show (a text
input's value, a comment's opening inside an attribute value, `data:` in a paragraph) are
kept. Text generated here."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

BOUND = 40_000  # --max-page-bytes for these pages: far below the default, the same mechanism
BIG = 3 * BOUND
PARAGRAPHS = [
    "The ferry left the harbour before the morning tide had turned.",
    "Her letters from the island spoke of storms and the keeper's lantern.",
    "By winter the garden bridge was quiet and the gulls had gone.",
]


def b64(n: int) -> str:
    return "QUJD" * (n // 4)


def style_uri(q: str, inner: str, sep: str) -> str:
    return lambda n: (  # type: ignore[return-value]
        f"<div class=hero style={q}color:red;{sep}background:url({inner}data:image/png;base64,"
        f"{b64(n)}{inner}) no-repeat{q}>Shown{{m}}</div>"
    )


KINDS: dict[str, object] = {}
for (qname, q), (iname, inner), (sname, sep) in itertools.product(
    [("dq", '"'), ("sq", "'")],
    [("bare", ""), ("quoted", "{iq}"), ("entity", "&quot;")],
    [("", ""), ("nl", "\n")],
):
    iq = "'" if q == '"' else '"'
    KINDS[f"style {qname} {iname} {sname}"] = style_uri(q, inner.replace("{iq}", iq), sep)
KINDS["style unquoted"] = lambda n: (
    f"<div style=background:url(data:image/png;base64,{b64(n)})>Shown{{m}}</div>"
)
KINDS["style two uris"] = lambda n: (
    f"<div style=\"background:url(data:a;base64,{b64(n // 2)}),url('data:b;base64,"
    f"{b64(n // 2)}')\">Shown{{m}}</div>"
)
for attr in ("data-src", "data-bg", "data-background-image"):
    for q in ('"', "'", ""):
        KINDS[f"{attr} {q or 'unquoted'}"] = lambda n, a=attr, q=q: (
            f"<img {a}={q}data:image/png;base64,{b64(n)}{q} alt=''>"
        )
KINDS["svg path"] = lambda n: (
    f"<svg viewBox='0 0 9 9'><path d='M0 0{' L1 2' * (n // 5)}' fill=red /></svg>"
)
KINDS["svg polygon"] = lambda n: f'<svg><polygon points="{"1,2 " * (n // 4)}"/></svg>'
KINDS["meta content"] = lambda n: (
    f'<meta property="og:image" content="data:image/png;base64,{b64(n)}">'
)
for sep in ("", "\n"):
    name = "lines" if sep else "line"
    KINDS[f"comment {name}"] = lambda n, s=sep: f"<!--{s}{('x' * 79 + s) * (n // 80)}-->"
    KINDS[f"comment bang {name}"] = lambda n, s=sep: f"<!-- {s}{'y' * n}{s} --!>"
    KINDS[f"comment script {name}"] = lambda n, s=sep: f"<!-- <script>{s}{'z' * n}{s}</script> -->"
for order, q, case, sep in itertools.product(
    ("type first", "value first"), ('"', "'", ""), ("hidden", "HIDDEN"), ("", "\n")
):
    vs = f"value={q}{'dDwtMTA4' * (BIG // 8)}{q}"
    ts = f"type={q}{case}{q}"
    attrs = f"{ts}{sep} name=__VIEWSTATE {vs}" if order == "type first" else f"{vs} {ts}"
    KINDS[f"hidden input {order} {q or 'unquoted'} {case} {'nl' if sep else ''}"] = (
        lambda n, a=attrs: f"<form><input {a} /></form>"
    )


def page(payload: str, marker: str) -> str:
    body = (
        f"<p>{PARAGRAPHS[0]}</p>{payload.replace('{m}', marker)}<p>{PARAGRAPHS[1]}</p>"
        f"{payload.replace('{m}', marker + 'b')}<p>{PARAGRAPHS[2]}</p>"
    )
    return f"<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>Head</h1>{body}</article></body></html>"


def texts(path: Path, text: str) -> list[tuple[str | None, str]]:
    path.write_text(text)
    records = list(Reader(max_page_bytes=BOUND)([path]))
    return [(r.error.code if r.error else None, r.text) for r in records]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_payload_past_the_bound_is_not_counted(tmp_path: Path, kind: str) -> None:
    make = KINDS[kind]
    big = texts(tmp_path / "big.html", page(make(BIG), "Mark"))  # type: ignore[operator]
    small = texts(tmp_path / "small.html", page(make(40), "Mark"))  # type: ignore[operator]
    assert not [r for r in big if r[0]], big[:3]
    assert big == small
    for p in PARAGRAPHS:
        assert (None, p) in big


LOOK_ALIKES = {
    "text input value": "<p>Field <input type=text value='Mark {v}'> end</p>",
    "input, no type": '<p>Field <input value="Mark {v}"> end</p>',
    "hidden in another attribute": "<p>Field <input title='type=hidden' value='Mark {v}'> end</p>",
    "comment open in an attribute": "<p title='<!--'>Mark {v}</p><!-- a -->",
    "script open in an attribute": '<p title="<script>">Mark {v}</p><p>Mark2 {v}</p>',
    "style open in an attribute": "<p title='<style>'>Mark {v}</p><p>Mark2 {v}</p>",
    "data: in a paragraph": "<p>data: Mark {v}</p>",
    "data: in a title attribute": "<p title='data:x'>Mark {v}</p>",
    "style with display": "<p style='color:red'>Mark {v}</p><p style='display:none'>Gone</p>",
    "abrupt comments": "<!--><p>Mark {v}</p><!---><p>Mark2 {v}</p>",
    "srcdoc": "<iframe srcdoc='<p>Mark {v}</p>'></iframe>",
}


@pytest.mark.parametrize("kind", sorted(LOOK_ALIKES))
def test_what_a_browser_shows_is_kept(tmp_path: Path, kind: str) -> None:
    words = "with the lantern and the ferry at the quiet shore"
    got = texts(tmp_path / "p.html", page(LOOK_ALIKES[kind].format(v=words), ""))
    shown = [t for _, t in got]
    assert any(f"Mark {words}" in t for t in shown), got
    if "Mark2" in LOOK_ALIKES[kind]:
        assert any(f"Mark2 {words}" in t for t in shown), got


# pages of fragments with every tricky attribute form (quotes, `=` on the next line, `<script>`,
# `<!--`, `data:` and `display:none` as values), comments, raw text, inputs: under the bound,
# taking the payload out changes nothing read (the same records as with every byte kept)
FUZZ_WORDS = [
    "harbour",
    "lantern",
    "ferry",
    "quiet",
    "morning",
    "winter",
    "shore",
    "island",
    "keeper",
    "letters",
]
NAMES = ["class", "title", "alt", "style", "src", "href", "data-src", "value", "type", "d"]
NAMES += ["content", "srcdoc", "hidden", "x:y", "="]
VALUES = ["a", "data:x", "hidden", "display:none", "url(data:x)", "a>b", "<script>", "<!--"]
VALUES += ["-->", "\n", "a b", "'", '"', "&quot;", ""]


def fuzz_attribute(r: random.Random) -> str:
    name, q, value = r.choice(NAMES), r.choice(['"', "'", ""]), r.choice(VALUES)
    value = value.replace(q, "") if q else value.translate({32: None, 62: None, 10: None})
    value = value or (q and "") or "v"
    return r.choice(
        [f"{name}={q}{value}{q}", name, f"{name} = {q}{value}{q}", f"{name}\n={q}{value}{q}"]
    )


def fuzz_fragment(r: random.Random, i: int) -> str:
    m = f"M{i}x " + " ".join(r.choice(FUZZ_WORDS) for _ in range(r.randint(3, 9)))
    tag = r.choice(["p", "div", "input", "img", "meta", "a", "textarea", "title", "svg"])
    attrs = " ".join(fuzz_attribute(r) for _ in range(r.randint(0, 3)))
    return r.choice([
        f"<p>{m}</p>", f"<{tag} {attrs}>{m}</{tag}>", f"<!-- {m} -->", f"<!-->{m}",
        f"<!--->{m}", f"<script>{m}</script>{m}b", f"<input {attrs}>", f"<p {attrs}>{m}</p>",
        f"<style>{m}</style>", f"<!DOCTYPE x>{m}", f"<{tag} {attrs}/>{m}", f"\n<p>{m}\n</p>",
    ])  # fmt: skip


@pytest.mark.parametrize("seed", range(40))
def test_taking_the_payload_changes_nothing_read(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.io.readers.markup as markup_reader

    r = random.Random(seed)
    body = "".join(fuzz_fragment(r, i) for i in range(r.randint(3, 15)))
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><article>{body}</article></body></html>")

    def seen() -> list[tuple[str, str | None]]:
        return [(x.text, x.dropped) for x in Reader()([path])]

    taken = seen()
    monkeypatch.setattr(
        markup_reader, "unpack_line", lambda text, state, inert=None, xml=False: (text, state)
    )
    assert taken == seen()
