"""Credits and wrapped text are content (#31): a line naming a person or company in a role is
a record; a heading is known by evidence (alone between blank lines, heading a paragraph or a
list, or a known section name), never by being short and capitalised; a line that does not
end a sentence continues on the next line of its block when the block is hard-wrapped.
Files written here in the shapes of press kits, credits and review pages (not the samples)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.segment.rules import default_rules
from pipeline.io.segment.segmenter import Segmenter
from pipeline.io.segment.wrapping import columns

PRESS_KIT = """\
L'Heure bleue

Fiche technique

Réalisation : Hélène Marchetti
Scénario : Hélène Marchetti et Paul Ferrand
Musique : Tomas Lindqvist
Production : Les Films du Phare
Coproduction : Rivage Cinéma

Synopsis

Dans un port du nord, une gardienne de phare voit arriver une équipe de tournage venue
filmer les dernières nuits avant l'automatisation. Le tournage se déroule sous la direction de
Claire Dubois, qui retrouvait là les paysages de son enfance, et avec le soutien de
Rivage Cinéma
et de la région.

Entretien avec la réalisatrice

Le film est né d'une photographie trouvée dans une brocante, un soir de pluie.
"""

CREDITS_EN = """\
Night Harbour

Directed by Jane Morrow
Written by Ada Quinn
Original music by Lars Eklund

About the film

A lighthouse keeper meets the film crew that came to record the last nights before the
light was automated, and the long winter that follows changes all of them.
"""

CAST_LIST = """\
Night Harbour, press notes

Cast

Tom Ashford
Mara Velez
Ben Okafor

The three actors spent a month in the harbour town before the shoot began.
"""


def records(text: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    lines = list(enumerate(text.splitlines(), start=1))
    out = list(Segmenter().segment(lines, "d", "d.txt"))
    kept = [r.text for r in out if r.dropped is None]
    dropped = [(r.text, r.dropped) for r in out if r.dropped is not None]
    return kept, dropped


@pytest.mark.parametrize(
    "credit",
    ["Réalisation : Hélène Marchetti", "Musique : Tomas Lindqvist",
     "Production : Les Films du Phare", "Coproduction : Rivage Cinéma"],
)  # fmt: skip
def test_credit_lines_of_a_press_kit_are_records(credit: str) -> None:
    kept, _ = records(PRESS_KIT)
    assert credit in kept


def test_headings_are_known_by_evidence_and_do_not_swallow_credits() -> None:
    _, dropped = records(PRESS_KIT)
    assert ("Fiche technique", "heading") in dropped
    assert ("Entretien avec la réalisatrice", "heading") in dropped
    assert not any(reason == "heading" and ":" in text for text, reason in dropped)


def test_a_hard_wrapped_paragraph_is_one_record_whatever_its_lines_start_with() -> None:
    kept, dropped = records(PRESS_KIT)
    (paragraph,) = [t for t in kept if t.startswith("Dans un port")]
    assert "sous la direction de Claire Dubois, qui retrouvait" in paragraph
    assert "le soutien de Rivage Cinéma et de la région." in paragraph
    assert not any(text == "Rivage Cinéma" for text, _ in dropped)


def test_english_credits_and_a_cast_list_are_records() -> None:
    kept, dropped = records(CREDITS_EN)
    for line in (
        "Directed by Jane Morrow",
        "Written by Ada Quinn",
        "Original music by Lars Eklund",
    ):
        assert line in kept
    assert ("About the film", "heading") in dropped
    kept, dropped = records(CAST_LIST)
    assert {"Tom Ashford", "Mara Velez", "Ben Okafor"} <= set(kept)
    assert ("Cast", "heading") in dropped


# -- a line that stops where no line ends goes on, whatever the next one starts with ----------

OPEN_ENDS = sorted(default_rules().open_ends)
WORD = st.text("bcdfghklmnprstvz", min_size=3, max_size=8).map(lambda w: w + "a")
NAME = st.tuples(WORD, WORD).map(lambda p: f"{p[0].capitalize()} {p[1].capitalize()}")
# a piece of a sentence, and whether a line may break after it: an open end before a name,
# a comma after one, or plain words (no break: a short line there may be a list's line)
PIECE = st.one_of(
    st.tuples(st.lists(WORD, min_size=1, max_size=6).map(" ".join), st.just(False)),
    st.tuples(st.sampled_from(OPEN_ENDS), st.just(True)),
    st.tuples(NAME.map(lambda n: n + ","), st.just(True)),
    st.tuples(st.sampled_from(["d'", "l’"]), st.just(True)),
)


@st.composite
def wrapped_paragraph(draw: st.DrawFn) -> list[str]:
    """The lines of a paragraph that break only after an open end, each next line starting
    with a capitalised name."""
    lines = [draw(NAME)]
    for text, may_break in draw(st.lists(PIECE, min_size=1, max_size=12)):
        lines[-1] += ("" if lines[-1].endswith(("'", "’")) else " ") + text
        if may_break and (text.endswith(("'", "’")) or draw(st.booleans())):
            lines.append(draw(NAME))
    lines[-1] += " " + draw(WORD) + "."
    return lines


def unspaced(text: str) -> str:
    return text.replace("' ", "'").replace("’ ", "’")


@settings(max_examples=150, deadline=None)
@given(wrapped_paragraph())
def test_a_line_that_stops_where_no_line_ends_goes_on(lines: list[str]) -> None:
    kept, dropped = records("A heading for the notes\n\n" + "\n".join(lines) + "\n")
    assert unspaced(" ".join(lines)) in map(unspaced, kept), (lines, kept, dropped)


def test_a_cast_list_stays_a_list_and_an_open_credit_goes_on() -> None:
    kept, _ = records(
        "Cast\n\nAnna Berg\nTom Lark\nPia Holm\n\nWords about the film follow here.\n"
    )
    assert {"Anna Berg", "Tom Lark", "Pia Holm"} <= set(kept)
    kept, _ = records(
        "Scénario : Anna Berg et\nTom Lark\nMusique : Pia Holm\n\nLe film suit une femme.\n"
    )
    assert "Scénario : Anna Berg et Tom Lark" in kept and "Musique : Pia Holm" in kept


@pytest.mark.parametrize("separator", ["|", "| ", " | ", "•", " • ", "·", ":", ": "])
def test_a_language_code_ending_a_line_of_facts_is_no_open_end(separator: str) -> None:
    facts = separator.join(["7.4", "1h51m", "PG-13", "en"])
    kept, dropped = records(f"Some Film\n\n{facts}\nDetails\n\nA story of two brothers at sea.\n")
    assert facts in kept and ("Details", "heading") in dropped


@pytest.mark.parametrize("line", ["By Jane Morrow", "Musique : Tomas Lindqvist"])
def test_a_group_of_many_bylines_or_credits_segments_in_linear_time(line: str) -> None:
    """Whether a group is a block of credits is asked once a group (per byline, 24,000 "By X"
    lines took ten minutes)."""
    from tests.timing import best_of

    def run(n: int) -> int:
        return len(list(Segmenter().segment(list(enumerate([line] * n, 1)), "d", "d.txt")))

    t_small = max(best_of(lambda: run(400), 3), 0.002)
    t_big = best_of(lambda: run(3200), 2)
    assert t_big < 24 * t_small, f"{t_big / t_small:.0f}x at 8x the lines"


def test_many_dropped_blocks_of_one_line_are_numbered_in_linear_time() -> None:
    from pipeline.io.segment.blocks import Block
    from tests.timing import best_of

    def run(n: int) -> list[str]:
        return [r.id for r in Segmenter().segment([Block(1, "Home", "furniture")] * n, "d", "d")]

    assert run(3) == ["d:L1", "d:L1.2", "d:L1.3"]
    t_small = max(best_of(lambda: run(1000), 3), 0.002)
    t_big = best_of(lambda: run(8000), 2)
    assert t_big < 24 * t_small, f"{t_big / t_small:.0f}x at 8x the blocks"


# -- lists: one item per line, however long its lines, stay apart ------------------------------

LOWER_WORD = (
    st.text("bcdfghklmnprstvz", min_size=2, max_size=7)
    .map(lambda w: w + "e")
    .filter(lambda w: w not in OPEN_ENDS)  # "the": the line goes on, as it should
)
CAPITAL_WORD = LOWER_WORD.map(str.capitalize)


@st.composite
def long_item(draw: st.DrawFn, min_chars: int = 45) -> str:
    """A list item of words, long enough that a block of them looks wrapped, with no final
    punctuation (as list items are written), ending on a lower-case word (a short line
    ending on two capitalised words is a credit, "… by Jane Morrow": a line of its own)."""
    words = [draw(CAPITAL_WORD)]
    while len(" ".join(words)) < min_chars or draw(st.integers(0, 3)) == 0:
        words.append(draw(st.one_of(LOWER_WORD, LOWER_WORD, CAPITAL_WORD)))
        if len(words) > 20:
            break
    return " ".join([*words, draw(LOWER_WORD)])


MARKERS = st.sampled_from(["- ", "* ", "• ", "+ ", "1. ", "1) ", "(1) ", "a) ", "(a) "])


def numbered_marker(marker: str, i: int) -> str:
    return marker.replace("1", str(i + 1)).replace("a", "abcdefghijklmnopqrstuvwxyz"[i % 26])


@settings(max_examples=60, deadline=None)
@given(marker=MARKERS, items=st.lists(long_item(), min_size=2, max_size=6))
def test_bulleted_and_numbered_items_stay_apart_whatever_their_length(
    marker: str, items: list[str]
) -> None:
    lines = [numbered_marker(marker, i) + item for i, item in enumerate(items)]
    kept, dropped = records("Notes about the shoot.\n\n" + "\n".join(lines) + "\n")
    assert kept[1:] == lines, (kept, dropped)


@settings(max_examples=60, deadline=None)
@given(marker=MARKERS, items=st.lists(st.tuples(long_item(), long_item()), min_size=2, max_size=4))
def test_an_item_wrapped_over_two_lines_is_one_record(
    marker: str, items: list[tuple[str, str]]
) -> None:
    """The second line of an item is indented and goes on in lower case: it joins its item."""
    lines, expected = [], []
    for i, (first, rest) in enumerate(items):
        head = numbered_marker(marker, i) + first
        lines += [head, "   " + rest.lower()]
        expected.append(head + " " + rest.lower())
    kept, _ = records("Notes about the shoot.\n\n" + "\n".join(lines) + "\n")
    assert kept[1:] == expected


@settings(max_examples=80, deadline=None)
@given(st.lists(long_item(), min_size=3, max_size=7))
def test_a_list_of_long_capitalised_lines_stays_a_list(items: list[str]) -> None:
    """Items one per line, each long enough to fill the block: a wrapper breaks a line only
    where the next word does not fit, so a break before a word that would have fitted is a
    line end, and a block of capitalised lines with one such break is a list."""
    widths = [len(item) for item in items]
    width = max(widths)
    if all(w + 1 + len(n.split()[0]) > width for w, n in zip(widths, items[1:], strict=False)):
        items = [items[0], items[1].split()[0], *items[1:]]  # a short item: a break not forced
    kept, dropped = records("Notes about the shoot.\n\n" + "\n".join(items) + "\n")
    assert kept[1:] == items, (kept, dropped)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Image", "Montage", "Son", "Musique originale", "Décors",
                             "Directed by", "Music by", "Réalisé par", "Musik von",
                             "Original score by"]),
            st.lists(NAME, min_size=3, max_size=5),
        ),
        min_size=2,
        max_size=5,
    )
)  # fmt: skip
def test_long_credit_lines_are_each_a_record(credits: list[tuple[str, list[str]]]) -> None:
    lines = [
        (f"{role} : " if " " not in role or role == "Musique originale" else f"{role} ")
        + ", ".join(names[:-1])
        + " and "
        + names[-1]
        for role, names in credits
    ]
    kept, dropped = records("Night Harbour, press notes\n\n" + "\n".join(lines) + "\n")
    assert kept[1:] == lines, (kept, dropped)


@st.composite
def hand_wrapped(draw: st.DrawFn) -> list[str]:
    """A paragraph wrapped by hand: each line broken up to a third short of the width, so the
    next word often would have fitted; capitalised words (names) here and there, never two in
    a row (a short line ending on two is a credit), lines that do not all start with one."""
    width = draw(st.integers(60, 90))
    words: list[str] = []
    for _ in range(draw(st.integers(25, 60))):
        capital = bool(words) and words[-1][0].islower() and draw(st.integers(0, 3)) == 0
        words.append(draw(CAPITAL_WORD if capital else LOWER_WORD))
    words[0] = words[0].capitalize()
    lines, line = [], ""
    limit = width - draw(st.integers(0, width // 3))
    for word in words:
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line, limit = "", width - draw(st.integers(0, width // 3))
        line = f"{line} {word}" if line else word
    return [*lines, line + "."]


@settings(max_examples=80, deadline=None)
@given(hand_wrapped())
def test_a_hand_wrapped_paragraph_is_one_record_whatever_its_lines_start_with(
    lines: list[str],
) -> None:
    if len(lines) < 2 or all(line[0].isupper() for line in lines):
        return  # a block of capitalised lines with room at a break reads as a list
    if min(map(len, lines[:-1])) < 0.6 * max(map(len, lines)):
        return  # a short line inside a block is a line end: a heading, a list's line
    kept, dropped = records("Notes about the shoot.\n\n" + "\n".join(lines) + "\n")
    assert kept[1:] == [" ".join(lines)], (kept, dropped)


UNCASED_WORDS = {  # words of scripts without case, written for this test
    "arabic": ["الفيلم", "المخرج", "الميناء", "الليل", "الشتاء", "البحر", "الصياد", "المدينة"],
    "hebrew": ["הסרט", "הבמאי", "הנמל", "הלילה", "החורף", "הים", "הדייג", "העיר", "העתיקה"],
    "hindi": ["फिल्म", "निर्देशक", "बंदरगाह", "रात", "सर्दी", "समुद्र", "मछुआरा", "शहर"],
}  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    script=st.sampled_from(sorted(UNCASED_WORDS)),
    lengths=st.lists(st.integers(6, 14), min_size=3, max_size=6, unique=True),
    seed=st.integers(0, 1000),
)
def test_a_list_of_long_lines_without_case_stays_a_list(
    script: str, lengths: list[int], seed: int
) -> None:
    """Items of different lengths: where the next item's first word would have fitted after
    an item, no wrapper broke there."""
    words = UNCASED_WORDS[script]
    items = [
        " ".join(words[(seed + i * 7 + j) % len(words)] for j in range(n))
        for i, n in enumerate(lengths)
    ]
    kept, _ = records("Notes about the shoot.\n\n" + "\n".join(items) + "\n")
    width = max(map(len, items))
    wide = max(map(columns, items))  # on screen: a vowel sign over a letter takes none

    def forced(previous: str, item: str) -> bool:
        word = item.split()[0]
        return len(previous) + 1 + len(word) > width or (
            columns(previous) + 1 + columns(word) > wide
        )

    def fills(previous: str) -> bool:
        return columns(previous) >= 0.6 * wide

    # each item a record, but after an item that fills the block to the last word (a wrapper
    # could have broken there: nothing tells), unless some break shows a list: the next
    # item's first word would have fitted after a short item (hostile42 H12)
    loose = any(
        not forced(previous, item) and not (wide >= 40 and fills(previous))
        for previous, item in pairwise(items)
    )
    expected = [items[0]]
    for previous, item in pairwise(items):
        if forced(previous, item) and wide >= 40 and fills(previous) and not loose:
            expected[-1] += " " + item
        else:
            expected.append(item)
    assert kept[1:] == expected
