"""The words of a text that are not names: what a translation of a list of names changes.

A list of names and its translation ("Cast: A B, C D, E F" / "Distribution : A B, C D, E F",
"Starring A B and C D" / "Avec A B et C D") share most of their word 3-grams, and language ID
may read both in the language the names look like (hostile47 k172: both French). What
tells them apart is what is left when the names are taken out: the label and the
conjunctions, every one of them another word. A copy of the list (a name changed, a header
added, other punctuation) keeps at least one of them.

A name's word here is one the text writes capitalised where a sentence does not open (after
a colon or a comma, inside a line), an initial, a word holding a digit (a number, a year) or
a name's particle ("van", "de": `models/cues.json`); a capitalised word opening the text, a
line or a sentence is a word of the frame ("Starring", "Cast", "Avec"). A text with no
lower-case letter (shouted, or a script without case) says nothing by its case: every word
is then a frame word. Linear in the text's length: one pass over its words.
"""

from __future__ import annotations

import zlib
from functools import cache

import numpy as np
import regex

from pipeline.minhash import WORD, folded
from pipeline.resources import load_json
from pipeline.words import visible

# Where a sentence ends in the gap between two words: the next word opens one.
SENTENCE_END = regex.compile(r"[.!?…\n]")
LOWER = regex.compile(r"\p{Ll}")
# The frame words a record keeps for the resolve (hashed, 4 bytes each): a list's label and
# conjunctions are a few; a text with more (prose) is compared by its 3-grams alone.
FRAMES = 8
PREFIX = 600  # characters read first (`frame_hashes`)
MANY = np.uint32(0xFFFFFFFF)  # every hash of a record with more than `FRAMES` frame words


@cache
def particles() -> frozenset[str]:
    """`particles` of `models/cues.json`: lower-case words a person's name may begin with."""
    return frozenset(load_json("cues.json").get("particles", []))


def frame_words(text: str, most: int | None = None) -> list[str]:
    """The distinct words of `text` that are not names' (folded as duplicates compare them,
    `minhash.folded`), in first-seen order; with `most`, read no further than the one after
    the most-th."""
    text = visible(text)
    cased = LOWER.search(text) is not None
    inner = particles()
    out: dict[str, None] = {}
    before = ""  # the word before, and where it ended
    end = 0
    for match in WORD.finditer(text):
        word = match.group()
        gap = text[end : match.start()]
        opens = not before or (
            SENTENCE_END.search(gap) is not None and ("\n" in gap or len(before) > 1)
        )  # "J. R. Smith": an initial's full stop opens nothing
        before, end = word, match.end()
        if any(c.isdigit() for c in word) or word in inner:
            continue
        if cased and word[0].isupper() and (not opens or len(word) == 1):
            continue
        out[folded(word)] = None
        if most is not None and len(out) > most:
            break
    return list(out)


def frame_hashes(text: str) -> np.ndarray:
    """`FRAMES` hashes (uint32) of the text's frame words, 0 after the last; all `MANY` when
    it has more (CRC-32, never 0 nor `MANY`: the same in every process)."""
    out = np.zeros(FRAMES, dtype=np.uint32)
    # prose has more than `FRAMES` in its first lines: read the whole text only when its
    # start has fewer (a break at a blank, so no word is cut)
    cut = text.rfind(" ", 0, PREFIX) if len(text) > PREFIX else -1
    words = frame_words(text[:cut], FRAMES) if cut > 0 else []
    if len(words) <= FRAMES:
        words = frame_words(text, FRAMES)
    if len(words) > FRAMES:
        out[:] = MANY
        return out
    for at, word in enumerate(words):
        out[at] = min(max(zlib.crc32(word.encode("utf-8", "surrogatepass")), 1), 0xFFFFFFFE)
    return out
