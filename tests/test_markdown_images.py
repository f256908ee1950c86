"""An image's description in Markdown (issue #29, hostile41 F17): `![description](src)` keeps
it (README); the same image written as HTML `<img alt>` (every quoting, an entity, upper
case), inline in every container or in every shape of HTML block, keeps it too, at the
image's line: it was a space inline and in no output at all in an HTML block."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io.readers import Reader


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("images")


def read(path: Path, lines: list[str]) -> list:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(Reader()([path]))  # type: ignore[arg-type]


# --- an image's description (hostile41 F17): `![description](src)` keeps it; the same image
# written in HTML, inline or in an HTML block, keeps it too, where the image is
DESCRIPTION = "Sketch of the velvet quill"
IMG_FORMS = {
    "markdown": "![{d}](sketch.png)",
    "double quotes": '<img src="sketch.png" alt="{d}">',
    "single quotes": "<img alt='{d}' src='sketch.png'>",
    "self-closing": '<img src="sketch.png" alt="{d}" />',
    "entity": '<img src="sketch.png" alt="{e}">',
    "upper case": '<IMG SRC="sketch.png" ALT="{d}">',
}
PLACES = {
    "paragraph": "Before {img} after the words.",
    "list item": "- Before {img} after the words.",
    "heading": "## Before {img} after the words",
    "table cell": "| a | b |\n|---|---|\n| Before {img} after | the words |",
    "quotation": "> Before {img} after the words.",
}
HTML_BLOCKS = {
    "div, image then caption": '<div align="center">\n  {img}\n  <p>The caption words.</p>\n</div>',
    "image alone": "{img}",
    "paragraph": "<p>Before {img} after the words.</p>",
    "figure": "<figure>\n{img}\n<figcaption>The caption words.</figcaption>\n</figure>",
    "link around it": '<p align="center">\n  <a href="x.html">{img}</a>\n</p>',
    "picture": '<picture>\n  <source srcset="sketch.webp">\n  {img}\n</picture>',
}


def image(form: str) -> str:
    entity = DESCRIPTION.replace("the", "&#116;he")
    return IMG_FORMS[form].format(d=DESCRIPTION, e=entity)


@pytest.mark.parametrize("form", sorted(set(IMG_FORMS) - {"markdown"}))
@pytest.mark.parametrize("place", sorted(PLACES))
def test_an_html_image_keeps_its_description_as_markdown_does(
    folder: Path, form: str, place: str
) -> None:
    """Inline, the HTML image reads as `![description](src)` in the same place."""
    texts = {}
    for written in ("markdown", form):
        line = PLACES[place].format(img=image(written))
        records = read(folder / "img.md", ["Opening paragraph.", "", line])
        texts[written] = [(r.text, r.dropped, r.location.line) for r in records]
    assert texts[form] == texts["markdown"]
    assert any(DESCRIPTION in text for text, _, _ in texts[form])


@pytest.mark.parametrize("form", sorted(set(IMG_FORMS) - {"markdown"}))
@pytest.mark.parametrize("shape", sorted(HTML_BLOCKS))
def test_an_image_in_an_html_block_keeps_its_description(
    folder: Path, form: str, shape: str
) -> None:
    lines = ["Opening paragraph.", "", *HTML_BLOCKS[shape].format(img=image(form)).split("\n")]
    records = read(folder / "img.md", [*lines, "", "Closing paragraph."])
    (holding,) = [r for r in records if DESCRIPTION in r.text]
    assert holding.dropped is None
    assert "alt" in lines[holding.location.line - 1].lower()  # the image's own line
    words = " ".join(r.text for r in records)
    assert ("The caption words." in words) == ("caption" in HTML_BLOCKS[shape])


def test_an_image_without_a_description_still_separates_words(folder: Path) -> None:
    records = read(folder / "img.md", ['Left<img src="a.png">right, <img alt="" src="b.png">.'])
    assert [r.text for r in records] == ["Left right, ."]
