"""Markdown read block by block, by class (issue #29): an over-deep container fails its own
lines only, whatever container and depth and wherever it is; a file of any size is read
block by block (only a top-level block over the bound fails); an inline HTML tag adds no
character unless a browser breaks the line there."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

WORDS = [
    "amber",
    "quill",
    "lantern",
    "orchard",
    "pebble",
    "meadow",
    "velvet",
    "harbor",
    "cinder",
    "thistle",
]


def paragraph(i: int) -> str:
    """A sentence of its own for paragraph `i` (no two alike, none from the sample corpus)."""
    words = [WORDS[(i + k * 3) % len(WORDS)] for k in range(6)]
    return f"Note {i} on the {' '.join(words)}."


def read(path: Path, body: str, **options: object) -> list:
    path.write_text(body, encoding="utf-8")
    return list(Reader(**options)([path]))  # type: ignore[arg-type]


# every container Markdown nests, one level of each per repeat: ordered lists of both
# delimiters, bullets of each marker, blockquotes, and mixes of them
CONTAINERS = {
    "ordered.": "1. ", "ordered)": "1) ", "dash": "- ", "star": "* ", "plus": "+ ",
    "quote": "> ", "dash-quote": "- > ", "quote-ordered": "> 1. ", "star-dash": "* - ",
}  # fmt: skip
DEPTHS = [5, 10, 11, 12, 19, 20, 21, 30]
PLACES = ["first", "middle", "last"]


@pytest.mark.parametrize(
    ("container", "depth", "place"),
    list(itertools.product(sorted(CONTAINERS), DEPTHS, PLACES)),
)
def test_an_over_deep_container_fails_its_own_line_only(
    tmp_path: Path, container: str, depth: int, place: str
) -> None:
    rest = [paragraph(i) for i in range(6)]
    deep = CONTAINERS[container] * depth + "deep words here"
    at = {"first": 0, "middle": 3, "last": 6}[place]
    blocks = [*rest[:at], deep, *rest[at:]]
    records = read(tmp_path / "deep.md", "\n\n".join(blocks) + "\n")
    texts = [r.text for r in records if r.error is None and r.dropped is None]
    assert [t for t in texts if t.startswith("Note")] == rest  # every other block read
    failed = [r for r in records if r.error is not None]
    assert all(r.error.code == "E012" for r in failed)
    assert {r.location.line for r in failed} <= {2 * at + 1}  # the deep line, nothing else
    assert len(records) - len(failed) >= len(rest)


@pytest.mark.parametrize("scale", [0.5, 0.99, 1.01, 2, 5])
@pytest.mark.parametrize("shape", ["paragraphs", "list", "quotes", "fenced"])
def test_a_file_over_the_page_bound_is_read_block_by_block(
    tmp_path: Path, scale: float, shape: str
) -> None:
    """max_chars 100: the bound on one top-level block is 4,000 characters; the file is
    `scale` times that, of blocks well under it, each read."""
    blocks, size, i = [], 0, 0
    while size < scale * 4000:
        text = paragraph(i)
        block = {
            "paragraphs": text,
            "list": f"- {text}\n- {text[::-1]}",
            "quotes": f"> {text}",
            "fenced": f"```\n{text}\n\n{text}\n```",
        }[shape]
        blocks.append(block)
        size += len(block) + 2
        i += 1
    records = read(tmp_path / "book.md", "\n\n".join(blocks) + "\n", max_chars=100)
    assert [r for r in records if r.error is not None] == []
    texts = {r.text for r in records}
    assert all(paragraph(k) in texts for k in range(i))


@pytest.mark.parametrize("kind", ["one line", "lines", "list", "fence"])
def test_a_top_level_block_over_the_bound_fails_alone(tmp_path: Path, kind: str) -> None:
    big = {
        "one line": "word " * 1000,
        "lines": "\n".join("word " * 10 for _ in range(100)),
        "list": "\n".join(f"- item {k} " + "word " * 8 for k in range(100)),
        "fence": "```\n" + "\n\ncode line\n" * 400 + "```",
    }[kind]
    before, after = paragraph(1), paragraph(2)
    body = f"{before}\n\n{big}\n\n{after}\n"
    records = read(tmp_path / "big.md", body, max_page_bytes=4000)  # the block's bound
    failed = [r for r in records if r.error is not None]
    assert len(failed) == 1 and failed[0].error.code == "E009" and failed[0].location.line == 3
    assert "--max-page-bytes" in failed[0].error.message
    texts = [r.text for r in records if r.error is None]
    assert texts[0] == before and texts[-1] == after


@pytest.mark.parametrize("max_chars", [100, 1000, 5000])
@pytest.mark.parametrize("kind", ["table", "list", "numbered"])
def test_a_lower_max_chars_limits_records_not_blocks(
    tmp_path: Path, kind: str, max_chars: int
) -> None:
    """A block of short rows, items or lines over 40 x --max-chars, every one of them under
    it: each is read (the block's bound followed --max-chars, and one E009 lost them all)."""
    rows = 41 * max_chars // 30 + 10  # each ~30 characters: the block is over 40 x max_chars
    lines = {
        "table": [
            "| n | title |",
            "|---|---|",
            *(f"| {k} | Film number {k} |" for k in range(rows)),
        ],
        "list": [f"- Item number {k} of the list" for k in range(rows)],
        "numbered": [f"{k + 1}. Step number {k} of the list" for k in range(rows)],
    }[kind]
    body = "Intro paragraph.\n\n" + "\n".join(lines) + "\n\nOutro paragraph.\n"
    records = read(tmp_path / "long.md", body, max_chars=max_chars)
    assert [r.error for r in records if r.error is not None] == []
    texts = " ".join(r.text for r in records)
    assert f"number {rows - 1} " in texts + " " and "Outro paragraph." in texts


# what a browser shows for each inline element: its content, no character of its own
INLINE = [
    "b", "i", "em", "strong", "sub", "sup", "span", "a", "abbr", "mark", "small", "u", "s",
    "del", "ins", "kbd", "cite", "dfn", "var", "samp", "code", "tt", "big", "font", "bdi",
    "time", "data", "span class=\"x\"", "a href=\"https://example.org/\"",
]  # fmt: skip
SHAPES = {
    "inside a word": ("un{o}believ{c}able", "unbelievable"),
    "before punctuation": ("with {o}bold{c}, then", "with bold, then"),
    "at a word's end": ("H{o}2{c}O and mc{o}2{c}.", "H2O and mc2."),
    "nested": ("x{o}y{o}z{c}w{c}v", "xyzwv"),
    "empty": ("a{o}{c}b", "ab"),
}


@pytest.mark.parametrize("tag", INLINE)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_inline_tag_adds_no_character(tmp_path: Path, tag: str, shape: str) -> None:
    written, shown = SHAPES[shape]
    name = tag.split()[0]
    line = written.replace("{o}", f"<{tag}>").replace("{c}", f"</{name}>")
    (record,) = read(tmp_path / "inline.md", f"Text {line} end.\n")
    assert record.text == f"Text {shown} end."


@pytest.mark.parametrize("tag", ["<br>", "<br/>", "<br />", "<p>", "</p>", "<div>", "<hr>"])
def test_a_break_or_block_tag_still_separates_words(tmp_path: Path, tag: str) -> None:
    records = read(tmp_path / "br.md", f"left{tag}right\n")
    assert " ".join(r.text for r in records) == "left right"


def test_link_references_defined_after_use_are_read(tmp_path: Path) -> None:
    body = "".join(f"{paragraph(i)} See [the page {i}][r{i}].\n\n" for i in range(300))
    body += "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(300))
    records = read(tmp_path / "refs.md", body)
    texts = [r.text for r in records if r.error is None and r.dropped is None]
    assert texts == [f"{paragraph(i)} See the page {i}." for i in range(300)]


@pytest.mark.parametrize("opening", ["# A title", "- an item", "A paragraph", "> a quote"])
@pytest.mark.parametrize("blank_before", [True, False])
def test_a_bom_opening_a_line_is_dropped(tmp_path: Path, opening: str, blank_before: bool) -> None:
    """`cat a.md b.md`, b with a BOM: b's first block is its own, as a viewer shows it."""
    if opening == "A paragraph" and not blank_before:
        pytest.skip("a paragraph's next line continues it (CommonMark), BOM or not")
    gap = "\n\n" if blank_before else "\n"
    records = read(tmp_path / "cat.md", f"{paragraph(1)}{gap}\ufeff{opening} words\n")
    assert all("\ufeff" not in r.text for r in records)
    assert records[0].text == paragraph(1)
    assert records[-1].text == opening.lstrip("#->").strip() + " words"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007", "\u2060"])
def test_no_break_spaces_are_kept_and_ascii_blanks_collapse(tmp_path: Path, space: str) -> None:
    (record,) = read(tmp_path / "nb.md", f"Price 12{space}000 units\tand  more{space}!\n")
    assert record.text == f"Price 12{space}000 units and more{space}!"


RAW_BLOCKS = {
    "comment": "<!--\nA commented-out sentence of prose.\n-->",
    "script": "<script>\nvar note = 'script words';\n</script>",
    "style": "<style>\np { color: teal }\n</style>",
    "instruction": "<?php echo 'instruction words'; ?>",
    "declaration": "<!DOCTYPE html>",
}


@pytest.mark.parametrize("kind", sorted(RAW_BLOCKS))
def test_a_raw_block_that_shows_no_text_is_dropped_line_by_line(tmp_path: Path, kind: str) -> None:
    raw = RAW_BLOCKS[kind]
    records = read(tmp_path / "raw.md", f"{paragraph(1)}\n\n{raw}\n\n{paragraph(2)}\n")
    dropped = [r for r in records if r.dropped is not None]
    assert [r.text for r in dropped] == [line.strip() for line in raw.splitlines()]
    assert [r.location.line for r in dropped] == list(range(3, 3 + len(raw.splitlines())))
    assert [r.text for r in records if r.dropped is None] == [paragraph(1), paragraph(2)]


@pytest.mark.parametrize("close", ["---", "..."])
@pytest.mark.parametrize("title", [None, "Harbor Lights", "'Harbor Lights'", '"Harbor Lights"'])
@pytest.mark.parametrize("author", [None, "Ada Quill", '"Ada Quill"'])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_front_matter_is_metadata_not_text(
    tmp_path: Path, close: str, title: str | None, author: str | None, bom: str
) -> None:
    keys = ["layout: post", "tags: [lantern, pebble]"]
    keys += [f"title: {title}"] if title else []
    keys += [f"author: {author}"] if author else []
    body = bom + "---\n" + "\n".join(keys) + f"\n{close}\n\n{paragraph(1)}\n"
    records = read(tmp_path / "fm.md", body)
    kept = [r for r in records if r.dropped is None and r.error is None]
    assert [r.text for r in kept] == (["Harbor Lights"] if title else []) + [paragraph(1)]
    assert kept[-1].meta.get("author") == ("Ada Quill" if author else None)
    dropped = [r.text for r in records if r.dropped is not None]
    assert all(k in dropped for k in ["layout: post", "tags: [lantern, pebble]"])


@pytest.mark.parametrize(
    "body",
    [
        "---\n\nText after a rule.\n",  # a rule, never closed: no front matter
        "Text first.\n\n---\ntitle: Not metadata\n---\n",  # not at the start
    ],
)
def test_a_rule_is_not_front_matter(tmp_path: Path, body: str) -> None:
    records = read(tmp_path / "rule.md", body)
    texts = " ".join(r.text for r in records if r.dropped is None)
    assert "Text" in texts


@pytest.mark.parametrize("code", range(0x80, 0xA0))
@pytest.mark.parametrize("form", ["&#{d};", "&#x{x};", "&#X{X};", "&#0{d};"])
def test_a_c1_reference_reads_as_a_browser_shows_it(tmp_path: Path, code: int, form: str) -> None:
    ref = form.format(d=code, x=f"{code:x}", X=f"{code:X}")
    try:
        shown = bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        shown = chr(code)
    (record,) = read(tmp_path / "c1.md", f"It{ref}s here and `{ref}` in code.\n")
    assert record.text == f"It{shown}s here and {ref} in code."


HTML_BLOCKS = {
    "pre": ("<pre>", "</pre>", "{}"),
    "div": ("<div>", "</div>", "<p>{}</p>"),
    "list": ("<ul>", "</ul>", "<li>{}</li>"),
    "table": ("<table>", "</table>", "<tr><td>{}</td></tr>"),
}


@pytest.mark.parametrize("kind", sorted(HTML_BLOCKS))
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_record_of_an_html_block_carries_its_own_line(
    tmp_path: Path, kind: str, gap: str
) -> None:
    if gap == "\n\n" and kind != "pre":
        pytest.skip("a blank line ends an HTML block of this kind (CommonMark)")
    opening, closing, item = HTML_BLOCKS[kind]
    inner = gap.join(item.format(paragraph(i)) for i in range(4))
    body = f"{paragraph(9)}\n\n{opening}\n{inner}\n{closing}\n"
    records = read(tmp_path / "html.md", body)
    lines = body.split("\n")
    for record in records:
        assert record.text.split()[0] in lines[record.location.line - 1]
        if record.text.startswith("Note"):
            assert record.text.split(" on ")[0] + " " in lines[record.location.line - 1] + " "


@pytest.mark.parametrize("where", ["paragraph", "item", "heading", "code span", "html"])
def test_a_stray_nul_is_taken_out_as_the_txt_reader_takes_it_out(
    tmp_path: Path, where: str
) -> None:
    line = {
        "paragraph": "Before\x00after words.",
        "item": "- Before\x00after words.",
        "heading": "# Before\x00after words",
        "code span": "Text `Before\x00after` words.",
        "html": "<p>Before\x00after words.</p>",
    }[where]
    records = read(tmp_path / "nul.md", f"{paragraph(1)}\n\n{line}\n")
    assert any("Beforeafter" in r.text for r in records)
    assert not any("\ufffd" in r.text or "\x00" in r.text for r in records)
