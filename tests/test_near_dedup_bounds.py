"""Near duplicates at the edges of what a word is (`pipeline.minhash.tokens`): a copy
hard-wrapped with words hyphenated at its line ends (a PDF export, a typeset page) is the
text, and rows of numbers (a table's data) are near their exact copies only.

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.minhash import tokens
from tests.test_near_dedup import paragraph, run_in_memory, vocabulary

HYPHENS = ["-", "\u2010", "\u2011"]


def hyphen_wrapped(text: str, rng: random.Random, width: int) -> str:
    """`text` wrapped at `width`, the word at each line end cut by a hyphen where it is long
    enough and no compound (a compound cut at its own hyphen: `test_a_compound_cut...`)."""
    lines, line = [], ""
    known = set(text.replace(",", " ").replace(".", " ").replace('"', " ").split())
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            space = rng.choice(["", " "])  # a blank left before the line end
            # a compound goes to the next line whole, and so does a word whose two parts
            # would both be words of the text (read as a compound: the rule's stated limit)
            cuts = [c for c in range(2, len(word) - 1) if not {word[:c], word[c:]} <= known]
            if len(word) >= 4 and "-" not in word and cuts:
                cut = rng.choice(cuts)
                lines.append(f"{line} {word[:cut]}{rng.choice(HYPHENS)}{space}")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return rng.choice(["\n", "\r\n", "\n  "]).join(lines)


def with_compounds(text: str, rng: random.Random) -> str:
    """Some neighbouring words joined by a hyphen, as compounds are."""
    cut = text.split(" ")
    for at in rng.sample(range(len(cut) - 1), len(cut) // 8):
        if cut[at][-1:].isalpha() and cut[at + 1][:1].isalpha():
            cut[at] += "-" + cut[at + 1]
            cut[at + 1] = ""
    return " ".join(c for c in cut if c)


def number_rows(rng: random.Random, columns: int, count: int) -> list[str]:
    """Rows of a table of numbers, each another row (one cell at least differs)."""
    rows: list[str] = []
    base = [str(rng.randint(0, 999)) for _ in range(columns)]
    sep = rng.choice([" ", "\t", " | ", ", ", ";"])
    while len(rows) < count:
        row = list(base)
        row[rng.randrange(columns)] = str(rng.randint(1000, 9999))
        line = sep.join(row)
        if line not in rows:
            rows.append(line)
    return rows


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), width=st.integers(20, 60), compounds=st.booleans())
def test_a_copy_hyphenated_at_its_line_ends_has_the_texts_words(
    seed: int, width: int, compounds: bool
) -> None:
    rng = random.Random(seed)
    text = paragraph(rng, vocabulary(rng, 400), rng.randint(15, 80))
    if compounds:
        text = with_compounds(text, rng)
    copy = hyphen_wrapped(text, rng, width)
    assert tokens(copy) == tokens(text)
    out = run_in_memory([text, copy])
    assert out[1].meta.get("near_duplicate_of") == "r0"


def test_a_hyphen_between_spaces_or_before_a_blank_line_joins_nothing() -> None:
    assert tokens("ka - lo") == ["ka", "lo"]
    assert tokens("ka -\nlo") == ["ka", "lo"]
    assert tokens("ka-\n\nlo") == ["ka", "lo"]  # a paragraph ends there
    assert tokens("ka-lo") == ["ka", "lo"]  # a compound on one line: two words, as before


def test_a_compound_cut_at_its_hyphen_is_two_words_where_the_text_writes_both_alone() -> None:
    on_one_line = tokens("mi ka-lo ren ka lo")
    assert tokens("mi ka-\nlo ren ka lo") == on_one_line == ["mi", "ka", "lo", "ren", "ka", "lo"]
    assert tokens("mi ka-\n  lo ren lo ka") == ["mi", "ka", "lo", "ren", "lo", "ka"]
    # one part alone proves nothing ("be-" / "cause"); none: read as a hyphenated word (the
    # limit: only a dictionary knows "ci-" / "dessous" is a compound)
    assert tokens("mi ka-\nlo ren ka") == ["mi", "kalo", "ren", "ka"]
    assert tokens("mi ka-\nlo ren") == ["mi", "kalo", "ren"]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), columns=st.integers(3, 12), count=st.integers(2, 10))
def test_rows_of_numbers_are_near_their_exact_copies_only(
    seed: int, columns: int, count: int
) -> None:
    rng = random.Random(seed)
    rows = number_rows(rng, columns, count)
    out = run_in_memory([*rows, rows[0], " ".join(rows[1].split())])
    assert [r.meta.get("near_duplicate_of") for r in out] == [None] * count + ["r0", "r1"]
