"""The report's highlighting of a long duplicate is honest however long the texts: every word
the copy writes that its first record does not is highlighted, and every word of the first
record the copy lacks is in a gap "[…N words]" at its place or beside a highlighted change;
nothing that differs is shown as equal (`pipeline.app.report_duplicates.differing`, past
its exact diff's budget as within it).

The texts are generated (pseudo-words from syllables, seeded): none comes from a corpus.
"""

from __future__ import annotations

import random

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.app.report_duplicates import differing
from pipeline.minhash import folded
from tests.test_near_dedup import paragraph, vocabulary

WORDS = regex.compile(r"\w+")
GAP = regex.compile(r"\[…(\d+) words?\]")


def edited(seed: int, size: int, edits: int) -> tuple[str, str]:
    """A text of `size` words and a copy with `edits` edits (1 to 8 words inserted, deleted
    or replaced, by words of the text's own vocabulary) at random places."""
    rng = random.Random(seed)
    vocab = vocabulary(rng, 80)
    words = paragraph(rng, vocab, size).split(" ")
    copy = list(words)
    for at in sorted(rng.sample(range(len(words)), min(edits, len(words))), reverse=True):
        length = rng.randint(1, 8)
        kind = rng.choice(["insert", "delete", "replace"])
        new = [rng.choice(vocab) for _ in range(length)]
        if kind == "insert":
            copy[at:at] = new
        elif kind == "delete":
            del copy[at : at + length]
        else:
            copy[at : at + length] = new[: len(copy[at : at + length])]
    return " ".join(words), " ".join(copy)


def dishonesty(base: str, copy: str) -> str | None:
    """What the pieces of `differing(base, copy)` hide, or None: they give the copy back; an
    equal piece's words are the first record's next words, after words skipped only where a
    change is highlighted (any number: a replacement) or a gap says how many (exactly)."""
    pieces = list(differing(base, copy))
    if "".join(p for d, p in pieces if d is not None) != copy:
        return "the pieces do not give the copy back"
    theirs = [folded(w) for w in WORDS.findall(base)]
    at, gap, changed = 0, 0, False
    for differs, piece in pieces:
        if differs is None:
            gap += int(GAP.fullmatch(piece).group(1))  # type: ignore[union-attr]
            continue
        words = [folded(w) for w in WORDS.findall(piece)]
        if differs or not words:
            changed = changed or bool(differs and words)
            continue
        skip = 0
        while theirs[at + skip : at + skip + len(words)] != words:
            skip += 1
            if at + skip > len(theirs) or (not changed and skip > gap):
                return f"equal words {' '.join(words[:6])!r}… not next at word {at}"
        if not changed and skip != gap:
            return f"a gap of {gap} words where {skip} are missing, at word {at}"
        at, gap, changed = at + skip + len(words), 0, False
    left = len(theirs) - at
    if left and not changed and left != gap:
        return f"{left} words missing at the end, {gap} said"
    return None


@settings(max_examples=10, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    size=st.sampled_from([1_000, 3_000, 8_000, 20_000]),
    edits=st.integers(1, 5),
)
def test_every_difference_of_a_long_copy_is_shown(seed: int, size: int, edits: int) -> None:
    base, copy = edited(seed, size, edits)
    assert dishonesty(base, copy) is None


def test_a_deletion_between_two_distant_changes_is_a_gap_at_its_place() -> None:
    rng = random.Random(1)
    words = paragraph(rng, vocabulary(rng, 80), 6_000).split(" ")
    copy = ["Zqa", *words[1:3_000], *words[3_012:-1], "Zqb"]
    pieces = list(differing(" ".join(words), " ".join(copy)))
    assert [p for d, p in pieces if d is None] == ["[…12 words]"]
    assert [p for d, p in pieces if d] == ["Zqa", "Zqb"]
    assert dishonesty(" ".join(words), " ".join(copy)) is None
