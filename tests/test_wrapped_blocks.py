"""Plain-text segmentation by the shape of a block (hostile41 F13, F5, F6, F10).

- A paragraph hard-wrapped at a width (every break one a wrapper makes: the next line's first
  word would not have fitted) is one record whatever a line ends or starts with: a full stop,
  a name, a figure (`…agreed that` / `Zorel Pamet gave…`, `…open in` / `450 cinemas…`).
- A PDF-to-text export's page number before a form feed is furniture (dropped, reason
  `page-number`) and the sentence the page break cut is one record.
- Lettered and roman list items (`a.`, `b.`, `i.`, `ii.`) are one record a line.
- `By X` of one common word is a heading, not a byline; `By First Last` stays a byline.

Text generated here (words made of syllables, no sample text).
"""

from __future__ import annotations

import random
import textwrap

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.io.segment.segmenter import Segmenter
from pipeline.io.segment.wrapping import ends_sentence

SYLLABLES = ["ba", "ko", "ri", "len", "mo", "sta", "vi", "dor", "pe", "nu", "tal", "gre"]
# real function words a wrap often leaves at a line end before a name or a figure
LINKS = ["in", "that", "of", "with", "and", "near", "for", "about", "by"]


def lower(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def name(rng: random.Random) -> str:
    return f"{lower(rng).capitalize()} {lower(rng).capitalize()}"


def figure(rng: random.Random) -> str:
    return f"{rng.randint(10, 99_999):,}" if rng.random() < 0.5 else str(rng.randint(1900, 2030))


def sentence(rng: random.Random) -> str:
    """A sentence of lower-case words with names and figures inside, after a function word
    (so a wrap may leave `… that` / `Name …`), ending on a lower-case word and a stop."""
    words = [lower(rng).capitalize()]
    for _ in range(rng.randint(4, 14)):
        kind = rng.randint(0, 5)
        if kind == 0:
            words += [rng.choice(LINKS), name(rng)]
        elif kind == 1:
            words += [rng.choice(LINKS), figure(rng), lower(rng)]
        else:
            words.append(lower(rng))
    words.append(lower(rng))
    return " ".join(words) + rng.choice([".", ".", "!", "?", "…"])


def paragraph(rng: random.Random, low: int, high: int) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(low, high)))


def records(text: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    lines = list(enumerate(text.split("\n"), start=1))  # as the reader: "\f" stays
    out = list(Segmenter().segment(lines, "d", "d.txt"))
    kept = [r.text for r in out if r.dropped is None]
    dropped = [(r.text, r.dropped) for r in out if r.dropped is not None]
    return kept, dropped


@settings(max_examples=60, deadline=None)
@given(width=st.integers(40, 80), rng=st.randoms(use_true_random=False))
def test_a_paragraph_wrapped_at_a_width_is_one_record_whatever_its_lines_end_or_start_with(
    width: int, rng: random.Random
) -> None:
    """The first paragraph is three lines or more and one of its breaks falls inside a
    sentence (its own shape shows the width); a later one of two lines, or whose every line
    ends a sentence, is read at the width the page showed."""
    paragraphs = [paragraph(rng, 4, 6)] + [paragraph(rng, 1, 4) for _ in range(rng.randint(1, 4))]
    blocks = [textwrap.wrap(p, width, break_on_hyphens=False) for p in paragraphs]
    # a block whose every line ends a sentence reads as a list of sentences, one a line
    assume(not all(ends_sentence(line) for line in blocks[0][:-1]))
    page = "\n\n".join("\n".join(lines) for lines in blocks)
    kept, dropped = records("Notes about the shoot\n\n" + page + "\n")
    assert kept[1:] == paragraphs, (width, kept, dropped)


@pytest.mark.parametrize("width", range(32, 81, 8))
def test_a_name_or_a_figure_at_a_line_start_stays_in_its_sentence(width: int) -> None:
    """The wrap falls right before a name or a figure, or right after a name (a line then
    reads as a credit, `… by Zorel Pamet`): the sentence and the name stay in one record."""
    for lead, cut in (
        ("the crew said that", "Zorel Pamet gave the best work of the year"),
        ("the film would open in", "4,500 halls across the land"),
        ("and was praised by Zorel Pamet", "for its quiet and patient rhythm"),
    ):
        pad = width - len(lead) - 1  # the first line fills the width exactly
        head = "T" + "t" * (pad - 1) + " " + lead
        body = "low tide and rain kept the boats in for days and nobody went out at all"
        lines = [head, *textwrap.wrap(cut + " " + body + ". " + body + ".", width)]
        assert all(len(line) <= width for line in lines)
        kept, dropped = records("Notes about the shoot\n\n" + "\n".join(lines) + "\n")
        assert kept[1:] == [" ".join(lines)], (kept, dropped)


# -- F5: page numbers and form feeds --------------------------------------------------------

PAGE_NUMBERS = ["12", "   3", "- 4 -", "Page 5", "iv", "7 / 40"]


@pytest.mark.parametrize("number", PAGE_NUMBERS)
@pytest.mark.parametrize("blank", ["", "\n"])
@pytest.mark.parametrize("cut", [True, False])
def test_a_page_number_before_a_form_feed_is_furniture(number: str, blank: str, cut: bool) -> None:
    """pdftotext writes each page's number line, then a form feed at the next page's start."""
    before = "Another paragraph that goes on" if cut else "Another paragraph that ends."
    after = "over the page break and ends here." if cut else "The next page opens a new one."
    text = f"Notes about the shoot\n\n{before}\n{blank}{number}\n\f{after}\n\nLast words here.\n"
    kept, dropped = records(text)
    body = [f"{before} {after}"] if cut else [before, after]
    assert kept == ["Notes about the shoot", *body, "Last words here."], (kept, dropped)
    assert dropped == [(number.strip(), "page-number")]


@pytest.mark.parametrize("number", PAGE_NUMBERS)
def test_a_form_feed_on_a_line_of_its_own_after_the_number(number: str) -> None:
    text = f"Notes about the shoot\n\nPage text goes here.\n{number}\n\f\nNext page starts.\n"
    kept, dropped = records(text)
    assert kept == ["Notes about the shoot", "Page text goes here.", "Next page starts."]
    assert dropped == [(number.strip(), "page-number")]


def test_a_number_without_a_form_feed_is_content() -> None:
    kept, _ = records("Notes about the shoot\n\nThe count was this.\n\n12\n\nAnd so on.\n")
    assert "12" in kept


# -- F6: lettered and roman list markers ------------------------------------------------------

LETTERED = [["a. ", "b. ", "c. ", "d. "], ["i. ", "ii. ", "iii. ", "iv. "]]


@pytest.mark.parametrize("markers", LETTERED)
@pytest.mark.parametrize("lead", ["", "- dash item\n"])
def test_lettered_and_roman_items_are_one_record_a_line(markers: list[str], lead: str) -> None:
    items = [
        f"{m}take the {w} to the city"
        for m, w in zip(markers, ["train", "car", "boat", "bus"], strict=False)
    ]
    kept, dropped = records(
        "Notes about the shoot\n\nThe options\n\n" + lead + "\n".join(items) + "\n"
    )
    expected = ([lead.strip()] if lead else []) + items
    assert kept[1:] == expected, (kept, dropped)


def test_an_initial_or_an_abbreviation_is_no_marker() -> None:
    lines = [
        "The film is the work of a director known to all as",
        "J. Pamet, who wrote it in a cabin on the coast",
        "near the harbour over a winter and a spring.",
    ]
    kept, _ = records("Notes about the shoot\n\n" + "\n".join(lines) + "\n")
    assert kept[1:] == [" ".join(lines)]


# -- F10: "By X" of one common word is a heading ----------------------------------------------


@settings(max_examples=30, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_by_and_one_word_is_a_heading_and_by_a_name_a_byline(rng: random.Random) -> None:
    word, person = lower(rng).capitalize(), name(rng)
    text = (
        f"Getting there\n\nBy {word}\n\nThe station is a short walk, trains run hourly.\n\n"
        f"By {person}\n\nThe review of the film goes here, long enough.\n"
    )
    out = list(Segmenter().segment(list(enumerate(text.splitlines(), 1)), "d", "d.txt"))
    drops = {r.text: r.dropped for r in out if r.dropped}
    assert drops == {f"By {word}": "heading", f"By {person}": "byline"}, drops
    first, second = (r for r in out if not r.dropped and r.text.startswith("The"))
    assert first.meta.get("section") == f"By {word}" and "author" not in first.meta
    assert second.meta.get("author") == person


# -- F17: a run of lone short lines (a list set apart by blank lines) has no heading ---------


@settings(max_examples=40, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_the_last_of_a_run_of_lone_short_lines_is_no_heading(rng: random.Random) -> None:
    """Facts or one-line reviews, each alone between blank lines, then a paragraph: the last
    of them heads nothing, it is one more of the list (it was dropped as a heading and made
    the paragraph's section). A heading after the title or a paragraph still is one."""
    run = [
        " ".join([lower(rng).capitalize()] + [lower(rng) for _ in range(rng.randint(0, 3))])
        for _ in range(rng.randint(2, 5))
    ]
    heading = lower(rng).capitalize() + " " + lower(rng)
    text = (
        "Notes about the shoot\n\n"
        + f"{heading}\n\n{paragraph(rng, 1, 2)}\n\n"
        + "\n\n".join(run)
        + f"\n\n{paragraph(rng, 1, 2)}\n\n{heading} again\n\n{paragraph(rng, 1, 2)}\n"
    )
    kept, dropped = records(text)
    assert all(line in kept for line in run), (kept, dropped)
    assert dropped == [(heading, "heading"), (f"{heading} again", "heading")], dropped
