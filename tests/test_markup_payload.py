"""Size limits apply to text, not to markup (issue 29, F10), a cut compressed page keeps what
came before the cut (F23), and hard-wrapped `<br>` lines are joined as a text page's are (F30).

Payload: every kind of bytes a browser never shows as text (`data:` URIs in each attribute
that loads a resource, quoted or not; `<script>`/`<style>` bodies, on one line or many) is
generated far past the old page bound (40 bytes per character of `--max-chars`), around a
few paragraphs: the paragraphs are records, no error. And every look-alike that IS text (an
`<input value="data:…">`, `<script>` written inside `<xmp>`, `<textarea>`, a comment, the
word "data:" in a paragraph) is kept. Text generated here, none from a corpus."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

WORDS = [
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
    "music",
    "cello",
    "daughter",
    "storm",
    "tide",
    "rope",
    "gull",
    "window",
    "kettle",
    "garden",
    "bridge",
]


def prose(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


BIG = 300_000  # characters of payload: far past 40 x --max-chars (2,000) = 80,000
PAYLOADS = {
    f"{attr} {quote or 'unquoted'}": (
        lambda n, a=attr, q=quote: (
            f"<img {a}={q}data:image/png;base64,{'QUJD' * (n // 4)}{q} alt=''>"
        )
    )
    for attr in ("src", "href", "srcset", "poster", "data", "background", "xlink:href")
    for quote in ('"', "'", "")
} | {
    "script": lambda n: "<script>var a = '" + "x" * n + "';</script>",
    "script lines": lambda n: "<script>\n" + "var a = 1;\n" * (n // 11) + "</script>",
    "style": lambda n: "<style>" + ".c{margin:0}" * (n // 12) + "</style>",
    "style lines": lambda n: (
        "<style type='text/css'>\n" + ".c{margin:0}\n" * (n // 13) + "</style>"
    ),
    "script attrs": lambda n: "<script type='module' src='a.js'>" + "y" * n + "</script>",
}


def read(path: Path, **kw: int) -> list:  # type: ignore[type-arg]
    return list(Reader(**kw)([path]))


@pytest.mark.parametrize("kind", sorted(PAYLOADS))
def test_a_page_past_the_bound_only_by_its_payload_is_read(tmp_path: Path, kind: str) -> None:
    rng = random.Random(kind)
    paragraphs = [f"Para{i} {prose(rng, 14)}." for i in range(3)]
    payload = PAYLOADS[kind](BIG)
    body = f"<p>{paragraphs[0]}</p>{payload}<p>{paragraphs[1]}</p>{payload}<p>{paragraphs[2]}</p>"
    page = f"<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>H</h1>{body}"
    path = tmp_path / "page.html"
    path.write_text(page + "</article></body></html>")
    records = read(path, max_chars=2000)
    assert not [r for r in records if r.error], records[-1]
    texts = [r.text for r in records]
    for p in paragraphs:
        assert p in texts, texts


def test_a_page_of_markup_past_the_bound_says_so(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><body>" + "<div><b></b></div>" * 500_000 + "<p>end</p></body></html>")
    (record,) = read(path)
    assert record.error is not None and record.error.code == "E009"
    assert "markup" in record.error.message and "text too long" not in record.error.message


# the page's bound is a setting of its own (`--max-page-bytes`): (max_chars, max_page_bytes,
# read): a page of ~60 kB of markup (no payload) around short paragraphs
PAGE_BOUNDS = [
    (500, None, True),  # a low --max-chars alone never refuses an ordinary page
    (500, 200_000, True),
    (200_000, 30_000, False),  # the page bound lowered alone
    (500, 30_000, False),
    (200_000, 59_000, False),  # (59,767 counted: its 1,800 `class` values are not)
    (200_000, 70_000, True),
]


@pytest.mark.parametrize(("max_chars", "max_page_bytes", "whole"), PAGE_BOUNDS)
def test_the_page_bound_is_its_own_setting(
    tmp_path: Path, max_chars: int, max_page_bytes: int | None, whole: bool
) -> None:
    rng = random.Random(f"{max_chars}{max_page_bytes}")
    paragraphs = [f"Para{i} {prose(rng, 12)}." for i in range(4)]
    markup = "<div class='x'><span></span></div>" * 1_800  # 61,200 bytes, no text
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title></head><body><article>"
        + "".join(f"<p>{p}</p>{markup if i == 1 else ''}" for i, p in enumerate(paragraphs))
        + "</article></body></html>"
    )
    kw = {"max_chars": max_chars} | ({"max_page_bytes": max_page_bytes} if max_page_bytes else {})
    records = read(path, **kw)
    if whole:
        assert [r.text for r in records if r.active and r.text.startswith("Para")] == paragraphs
    else:
        (record,) = records
        assert record.error is not None and record.error.code == "E009"
        assert "--max-page-bytes" in record.error.message and "markup" in record.error.message


LOOK_ALIKES = {
    "input value": "<p>Field <input value='data:kept-value'> end</p>",
    "xmp": "<xmp><script>kept-value</script></xmp>",
    "textarea": "<p><textarea><script>kept-value</textarea></p>",
    "comment then text": "<!-- <script> --><p>kept-value here</p>",
    "word in text": "<p>data: kept-value in a sentence</p>",
    "title attribute": "<p title='data:x'>kept-value</p>",
}


@pytest.mark.parametrize("kind", sorted(LOOK_ALIKES))
def test_text_that_looks_like_payload_is_kept(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "page.html"
    rng = random.Random(kind)
    filler = "".join(f"<p>{prose(rng, 16)}.</p>" for _ in range(3))
    path.write_text(
        f"<html><body><article>{filler}{LOOK_ALIKES[kind]}{filler}</article></body></html>"
    )
    records = read(path)
    assert any("kept-value" in r.text for r in records), records


@pytest.mark.parametrize("cut", [0.3, 0.5, 0.7, 0.9])
@pytest.mark.parametrize("one_line", [True, False])
def test_a_cut_compressed_page_keeps_its_blocks_before_the_cut(
    tmp_path: Path, cut: float, one_line: bool
) -> None:
    sep = "" if one_line else "\n"
    paragraphs = [f"<p>Numbered paragraph {i} of the page.</p>" for i in range(3000)]
    page = f"<html><body><article><h1>T</h1>{sep.join(paragraphs)}</article></body></html>"
    data = gzip.compress(page.encode())
    path = tmp_path / "page.html.gz"
    path.write_bytes(data[: int(len(data) * cut)])
    records = read(path)
    errors = [r for r in records if r.error]
    assert len(errors) == 1 and errors[-1] is records[-1] and errors[0].error.code == "E001"
    texts = [r.text for r in records if r.active]
    whole = [t for t in texts if t.startswith("Numbered")][:-1]  # the last: cut anywhere
    assert whole == [f"Numbered paragraph {i} of the page." for i in range(len(whole))]
    assert len(whole) > 3000 * cut * 0.5  # what was decompressed is read
    assert f"Numbered paragraph {len(whole)} of the page.".startswith(texts[-1])


def wrapped_text(rng: random.Random, width: int) -> list[list[str]]:
    """Paragraphs of lower-case prose, each hard-wrapped at `width` columns."""
    out = []
    for i in range(rng.randint(2, 4)):
        words = [f"Start{i}"] + [rng.choice(WORDS) for _ in range(rng.randint(20, 40))]
        lines, line = [], ""
        for w in words:
            if line and len(line) + 1 + len(w) > width:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line + ".")
        out.append(lines)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_br_wrapped_lines_are_joined_as_a_text_page_is(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    paragraphs = wrapped_text(rng, rng.choice([40, 56, 64, 72, 80]))
    txt = tmp_path / "post.txt"
    txt.write_text("\n\n".join("\n".join(p) for p in paragraphs) + "\n")
    body = "<br>\n<br>\n".join("<br>\n".join(p) for p in paragraphs)
    page = tmp_path / "post.html"
    page.write_text(
        f"<html><head><title>Post</title></head><body><div class=post>{body}</div></body></html>"
    )
    from_text = [r.text for r in read(txt) if r.active]
    from_page = [r.text for r in read(page) if r.active]
    assert from_page == from_text
    assert len(from_page) == len(paragraphs)


@pytest.mark.parametrize("cell", ["{a}<br>{b}", "{a}<br><br>{b}", "<b>{a}</b><br>\n{b}"])
def test_a_br_in_a_table_cell_keeps_the_row_whole(tmp_path: Path, cell: str) -> None:
    rows = "".join(
        f"<tr><td>{cell.format(a=f'Name{i}', b=f'note{i}')}</td><td>Role{i}</td></tr>"
        for i in range(6)
    )
    rng = random.Random(cell)
    filler = "".join(f"<p>{prose(rng, 16)}.</p>" for _ in range(3))
    path = tmp_path / "cast.html"
    path.write_text(
        f"<html><body><article>{filler}<table>{rows}</table>{filler}</article></body></html>"
    )
    texts = [r.text for r in read(path) if r.active]
    for i in range(6):
        assert f"Name{i} note{i} | Role{i}" in texts, texts
