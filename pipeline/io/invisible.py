"""Texts nothing of which shows: dropped by every reader (reason `invisible`), as blank ones are.

A line or cell of zero-width spaces, joiners, BOMs, soft hyphens, bidi marks, tag characters,
variation selectors or Hangul fillers looks empty, yet it became a record that went through
language ID, NER and translation. What shows nothing is decided from Unicode's data
(`unicodedata`), not a list of characters: the categories of controls, format characters and
separators (Cc, Cf, Zs, Zl, Zp), and the characters Unicode names as default-ignorable
fillers and selectors whatever their category (variation selectors are marks, Hangul fillers
letters). A text with one visible character is kept as it is, its invisible ones too.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

REASON = "invisible"  # the `dropped` reason of such a record
# categories of characters that show nothing: controls, format characters, separators
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Unicode's default-ignorable characters outside those categories, by what their names say
# (DerivedCoreProperties' Other_Default_Ignorable_Code_Point and Variation_Selector), and the
# blank Braille cell, which fills "empty" usernames and messages
# (a "GAP FILLER" of Brahmic scripts is visible punctuation)
HIDDEN_NAMES = (
    "VARIATION SELECTOR",
    "HANGUL FILLER",
    "HANGUL CHOSEONG FILLER",
    "HANGUL JUNGSEONG FILLER",
    "KHITAN SMALL SCRIPT FILLER",
    "COMBINING GRAPHEME JOINER",
    "KHMER VOWEL INHERENT",
    "BRAILLE PATTERN BLANK",
)


@lru_cache(maxsize=4096)
def hidden(char: str) -> bool:
    """Whether one character shows nothing on its own."""
    if unicodedata.category(char) in HIDDEN_CATEGORIES:
        return True
    name = unicodedata.name(char, "")
    return any(part in name for part in HIDDEN_NAMES)


def invisible(text: str) -> bool:
    """Whether `text` holds characters and none of them shows (stops at the first that does:
    a text of content costs one look)."""
    return bool(text) and all(map(hidden, text))
