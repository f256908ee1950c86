"""Text a browser shows inside a paragraph of the main content stays in that paragraph's
record: every inline element trafilatura deletes with its content (a form control, a
`<time>`, a ruby annotation, ...; A9, A10) made the page's paragraph differ from the
extraction's, and the whole paragraph was dropped as furniture. And an element a browser
draws as a box of its own (a button, a meter, an input) separates the words around it
("70%High" was one word).

The table crosses every such element with its position in the paragraph (start, middle, end,
glued to the word before, nested in an inline element) and the block it is in (p, li,
blockquote, h2, td)."""

from __future__ import annotations

import pytest

from pipeline.io.markup import html_blocks
from pipeline.io.segment.blocks import DROPPED_ROLES

ARTICLE = (
    "<p>Walls of ordinary prose open the article and give the extraction something to hold "
    "on to, sentence after sentence, as any real page does before its details begin.</p>"
)
CLOSING = "<p>More ordinary prose closes the article after the part being tested here.</p>"

# element: (markup around the words "{}", the words a reader must give for them)
ELEMENTS: dict[str, tuple[str, str]] = {
    "time": ("<time datetime='2020-01-02'>{}</time>", "{}"),
    "button": ("<button type='button'>{}</button>", "{}"),
    "label": ("<label>{}</label>", "{}"),
    "output": ("<output>{}</output>", "{}"),
    "progress": ("<progress value='5' max='10'>{}</progress>", "{}"),
    "meter": ("<meter value='0.7'>{}</meter>", "{}"),
    "input value": ("<input type='text' value='{}'>", "{}"),
    "input submit": ("<input type=submit value='{}'>", "{}"),
    "textarea": ("<textarea>{}</textarea>", "{}"),
    "ruby": ("<ruby>{}<rt>rtword</rt></ruby>", "{}(rtword)"),
    "ruby with rp": ("<ruby>{}<rp>(</rp><rt>rtword</rt><rp>)</rp></ruby>", "{}(rtword)"),
    "rtc": ("<ruby>{}<rtc>rtcword</rtc></ruby>", "{}"),
    "math": ("<math><mi>{}</mi></math>", "{}"),
}  # fmt: skip
# drawn as a box of its own in the line (inline-block or replaced)
BOXES = frozenset({
    "button", "progress", "meter", "input value", "input submit", "textarea", "output",
})  # fmt: skip
POSITIONS = {
    "middle": "Before words here {} and after words there.",
    "start": "{} and the sentence goes on after it for a while.",
    "end": "The sentence runs for a while before it ends with {}",
    "glued": "Glued:{} onwards in the sentence.",
    "in bold": "Inside <b>bold {} text</b> of the sentence.",
}
BLOCKS = {
    "p": ("<p>", "</p>"),
    "li": ("<ul><li>", "</li></ul>"),
    "blockquote": ("<blockquote>", "</blockquote>"),
    "td": ("<table><tr><td>first cell</td><td>", "</td></tr></table>"),
}

CASES = [
    (element, position, block)
    for element in sorted(ELEMENTS)
    for position in sorted(POSITIONS)
    for block in sorted(BLOCKS)
    if block == "p" or position == "middle"
]


@pytest.mark.parametrize("element,position,block", CASES)
def test_inline_text_the_extraction_deletes_stays_in_its_paragraph(
    element: str, position: str, block: str
) -> None:
    markup, shown = ELEMENTS[element]
    word = "zelqvor"
    inner = POSITIONS[position].format(markup.format(word))
    opening, closing = BLOCKS[block]
    page = (
        f"<html><body><article>{ARTICLE}{opening}{inner}{closing}{CLOSING}</article></body></html>"
    )
    blocks = html_blocks(page)
    mine = [b for b in blocks if word in b.text]
    assert mine, blocks
    assert all(b.role not in DROPPED_ROLES for b in mine), mine
    text = " ".join(b.text for b in mine)
    assert shown.format(word) in text, text
    # a box of its own is a word of its own
    if element in BOXES:
        assert f":{word}" not in text, text


def test_a_widget_separates_the_words_around_it() -> None:
    page = (
        f"<html><body><article>{ARTICLE}<p>Rated <meter value=0.7>70%</meter><button>High"
        "</button><progress>50%</progress><input value=typed>done</p>"
        f"{CLOSING}</article></body></html>"
    )
    texts = [b.text for b in html_blocks(page)]
    assert any("Rated 70% High 50% typed done" in t for t in texts), texts


@pytest.mark.parametrize(
    "kind", ["hidden", "password", "checkbox", "radio", "file", "image", "range", "color"]
)
def test_an_input_a_browser_shows_no_text_of_gives_none(kind: str) -> None:
    page = (
        f"<html><body><article>{ARTICLE}<p>Form words <input type={kind} value=secretval> end"
        f"</p>{CLOSING}</article></body></html>"
    )
    assert not any("secretval" in b.text for b in html_blocks(page))


def test_the_cleaned_list_is_trafilaturas() -> None:
    """The elements whose text the extraction deletes are the installed trafilatura's."""
    from trafilatura.settings import MANUALLY_CLEANED

    from pipeline.io.markup import EXTRACTION_DELETES

    assert set(MANUALLY_CLEANED) <= EXTRACTION_DELETES


# A9: what a browser shows with the content it belongs to (a caption, a legend, a summary, a
# figure's content), which the extraction deletes whole (figure, fieldset, math, svg) or
# keeps: in the main content, content; in a sidebar, what the sidebar is
CAPTIONED: dict[str, str] = {
    "table caption": "<table><caption>{}</caption><tr><td>cell one text</td><td>x</td></tr></table>",
    "caption holding a list": "<table><caption><ul><li>{}</li></ul></caption>"
    "<tr><td>cell one text</td><td>x</td></tr></table>",
    "figcaption of an image": "<figure><img src=a.jpg alt=''><figcaption>{}</figcaption></figure>",
    "figcaption first": "<figure><figcaption>{}</figcaption><img src=a.jpg alt=''></figure>",
    "figure's quotation": "<figure><blockquote>{}</blockquote><figcaption>by someone</figcaption>"
    "</figure>",
    "figure's paragraph": "<figure><p>{}</p></figure>",
    "legend": "<fieldset><legend>{}</legend><label><input type=radio> a choice</label></fieldset>",
    "fieldset's label": "<fieldset><legend>A group</legend><label>{}</label></fieldset>",
    "summary": "<details><summary>{}</summary><p>The body of the details.</p></details>",
    "details body": "<details><summary>More</summary><p>{}</p></details>",
    "label": "<p><label>{}</label></p>",
    "math in its own paragraph": "<p><math><mtext>{}</mtext></math></p>",
    "svg text in a paragraph": "<p>Drawn: <svg width='9' height='9'><text>{}</text></svg> here</p>",
}
WHERE = {
    "article": ("<article>{before}{part}{after}</article>", True),
    "main": ("<main>{before}{part}{after}</main>", True),
    "aside beside the article": (
        "<article>{before}{after}</article><aside><h3>Related</h3>{part}</aside>",
        False,
    ),
    "footer after the article": (
        "<article>{before}{after}</article><footer>{part}</footer>",
        False,
    ),
}
BEFORE = (
    "<p>The long paragraph before the part tells a story about the film and its making, "
    "sentence after sentence, as an article does.</p>"
)
AFTER = (
    "<p>Another long paragraph after the part goes on about the music and the actors, as the "
    "rest of an article does.</p>"
)


@pytest.mark.parametrize("where", sorted(WHERE))
@pytest.mark.parametrize("part", sorted(CAPTIONED))
def test_a_caption_follows_the_content_it_stands_in(part: str, where: str) -> None:
    words = "Vorlent quisby amarel trosk"
    layout, content = WHERE[where]
    body = layout.format(before=BEFORE, part=CAPTIONED[part].format(words), after=AFTER)
    blocks = html_blocks(f"<html><body>{body}</body></html>")
    mine = [b for b in blocks if words in b.text]
    assert mine, blocks
    if content:
        assert all(b.role not in DROPPED_ROLES for b in mine), mine
    else:
        assert all(b.role == "furniture" for b in mine), mine
