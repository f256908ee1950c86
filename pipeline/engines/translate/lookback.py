"""What comes just before a position of a text, read backwards from it.

The mechanisms ask this once per match ("the word before this *des*", "is this question at a
sentence's start"); slicing the text before the match (`text[:start].rstrip()`) and searching
it costs the whole head each time, so a long text with many matches costs quadratic time. Read
backwards, each question costs only what it reads: the blanks and the word just before.

`str.isspace` and `str.isalnum` (or "_") are exactly the regex classes `\\s` and `\\w` on every
code point (checked in `tests/test_lookback.py`), so these agree with the patterns they replace.
"""

from __future__ import annotations


def blank_start(text: str, end: int) -> int:
    """Where the run of blanks that ends at `end` begins (`end` when there is none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def is_word(c: str) -> bool:
    """Whether the character `c` is a regex `\\w` character."""
    return c.isalnum() or c == "_"


def word_before(text: str, end: int) -> str:
    """The run of `\\w` characters just before `end`, after skipping blanks ("" when none)."""
    stop = blank_start(text, end)
    at = stop
    while at > 0 and is_word(text[at - 1]):
        at -= 1
    return text[at:stop]


def char_before(text: str, end: int) -> str:
    """The last character before `end` that is not a blank ("" at the text's start)."""
    at = blank_start(text, end)
    return text[at - 1] if at else ""
