"""What counts as a word when telling a text's language: letters only, no codes, no figures,
no abbreviations; scripts written without spaces count their characters."""

from __future__ import annotations

import string

import regex

PUNCTUATION = string.punctuation + "“”«»‘’„…–—¿¡"
COUNT_WORDS = 100  # words counted per text: enough for every threshold and document weight


def count_words(text: str) -> int:
    """Words made of letters only ("2h6m", "PG-13", "7.2" are not words for language ID, nor
    are abbreviations: "AD", "HD", "TV"), or minus the tokens that are not words when those are
    the majority: a line of figures and codes ("7.2| 2h6m| PG-13| en") has no language.
    Letters include the combining marks of Indic and Thai scripts (`str.isalpha` does not).
    Scripts written without spaces (Chinese, Japanese, Thai...) count a word per two of
    their characters: a sentence is one token there, and was counted as no word at all."""
    words = others = 0
    for token in visible(text[: COUNT_WORDS * 12]).split()[:COUNT_WORDS]:
        word = token.strip(PUNCTUATION)
        if not word:
            continue
        if not word.isascii() and (unspaced := len(UNSPACED.findall(word))):
            # Chinese, Japanese, Thai... write no spaces: a word is a few characters
            words += max(1, unspaced // CHARS_PER_WORD)
            continue
        if not (word.isalpha() or LETTERS_ONLY.fullmatch(word)) or babble(word):
            others += 1  # isalpha: the fast common case
        elif not (2 <= len(word) <= 4 and word.isupper()):  # an abbreviation is neither
            words += 1
    return words if words >= others else 0


# Started only where a run of apostrophes and hyphens starts: linear on a long run of them.
LETTERS_ONLY = regex.compile(r"(?<!['’-])['’-]*+\p{L}[\p{L}\p{M}'’-]*")
# Scripts written without spaces between words: their letters are counted, not their tokens.
UNSPACED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]"
)
CHARS_PER_WORD = 2  # a Chinese or Japanese word is one to three characters, most often two


# Invisible format characters (Unicode Cf: zero-width space, word joiner, soft hyphen, a byte
# order mark, bidi marks, joiners) are no part of a word: "Le\u200b gouvernement" is two French
# words, not two tokens of no language, and "jour\u00adnal" one (as a copied page breaks it).
FORMAT = regex.compile(r"\p{Cf}")


def visible(text: str) -> str:
    """`text` as language ID reads it: without its format characters."""
    return text if text.isascii() else FORMAT.sub("", text)


# A letter under this many combining marks or more is junk ("e" and fifty acute accents): a
# real letter carries one or two (Vietnamese), an Indic consonant a vowel sign and a mark.
STACKED = regex.compile(r"\p{M}{4,}")
# A unit of one to three letters said four times or more ("aaaa", "a-a-a-a", "abababab",
# "hahahaha"): no word of any language; three times is a word ("hahaha", "bonbon", "papa").
REPEATED = regex.compile(r"(\p{L}{1,3}?)\1{3,}")
SEPARATORS = str.maketrans("", "", "'’-")


def babble(word: str) -> bool:
    """Whether a token of letters is junk, not a word (`STACKED`, `REPEATED`): language ID
    read "a-a-a-a" as Finnish and a stacked accent as Russian, with confidence."""
    if STACKED.search(word) is not None:
        return True
    letters = word.translate(SEPARATORS).casefold()
    return len(letters) >= 4 and REPEATED.fullmatch(letters) is not None
