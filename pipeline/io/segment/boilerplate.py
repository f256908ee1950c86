"""Is a line nothing but page furniture (an advertising or navigation phrase, a copyright
notice)? Only then is it dropped as `boilerplate`, never because it contains such a phrase.

The old rule matched regular expressions such as `.*\\bfree trial\\b.*` against the line: a
657-character review that merely said "free trial" was dropped, any short line holding the word
"privacy" too. Now the phrases of `models/segment.json` are literal, and a line is furniture
when every part of it is one of them: the line is cut at punctuation and symbols (`|`, `•`,
`·`, `/`, `.`, `:`, `›`, ...; a hyphen or apostrophe inside a word and `&` stay), each part is
compared whole, case-folded, digits counting as `#` ("12 comments" is `# comments`). So
"Sign in | Subscribe" and "» Watch now «" are furniture; "I cancelled my free trial." is not.
A copyright notice ("© 2024 Example Media Inc. All rights reserved.") is furniture when the
whole line is one: an opener (`©`, `(c)`, `copyright`), then years, a holder's name
(capitalised words and a few connectives) and "all rights reserved", with at least one of the
sign, a year or that phrase ("Copyright law protects authors." is content). Its years are a
web site's (`NOTICE_YEARS`): "(c) 1914 Lisbon" is an item (c) of a list, "© 1914 Keystone
View Company" a photograph's credit in a caption, "Copyright 1914 by ..." a book's front
matter: content, kept.

One pass over the characters, no regular expression: the cost is linear in the line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

WORD_JOINERS = frozenset("'’-‐‑")  # inside a word: "7-day", "don't"
WORD_SYMBOLS = frozenset("&©")  # words of their own in a phrase or notice: "trailers & clips"
NOTICE_OPENERS = ("copyright ©", "copyright (c)", "copyright", "©", "(c)")
NOTICE_END = ("all", "rights", "reserved")
# A holder's name is capitalised words, digits and these ("Bank of America", "Société de X").
NOTICE_CONNECTIVES = frozenset(
    {"of", "and", "the", "&", "by", "for", "de", "du", "des", "la", "le", "les", "et",
     "und", "der", "die", "von", "di", "del", "della", "y", "e"}
)  # fmt: skip
NOTICE_MAX_WORDS = 16  # a notice is one short line; a longer one is prose
NOTICE_MAX_CHARS = 300
# the years a page's own notice names: the web's first sites are from 1991 (a range ends in
# them: "1985-2024"); an older year is a caption's, a citation's or a list item's
NOTICE_YEARS = range(1990, 2101)
PART_SLACK = 10


def is_word_char(c: str) -> bool:
    return c.isalnum() or c in WORD_SYMBOLS or unicodedata.category(c)[0] == "M"


def parts(line: str, number: str = "", longest: int | None = None) -> Iterator[list[str] | None]:
    """The words of each part of `line` between separators (punctuation and symbols), words
    case-folded, each run of digits (or of `number`, "#" in a phrase) as `#`, a hyphen inside
    a word as a space. A part of more than `longest` characters ends the parts with None: it
    is no phrase, and a long line of prose is not walked to its end."""
    words: list[str] = []
    word: list[str] = []
    previous = ""
    n = len(line)
    size = 0
    for i, c in enumerate(line):
        size += 1
        if longest is not None and size > longest:
            yield None
            return
        if c.isdigit() or c == number:
            if previous != "#":
                word.append("#")
            previous = "#"
            continue
        if c in ",." and previous == "#" and i + 1 < n and line[i + 1].isdigit():
            continue  # "1,234", "1.5": one number
        previous = c
        if is_word_char(c):
            word.append(c)
            continue
        joins = c in WORD_JOINERS and word and i + 1 < n and is_word_char(line[i + 1])
        if joins:
            word.append(" " if c in "-‐‑" else "'")
            previous = ""
            continue
        if word:
            words.extend("".join(word).casefold().split())
            word = []
        if not c.isspace():  # a separator ends the part
            yield words
            words, size = [], 0
    if word:
        words.extend("".join(word).casefold().split())
    yield words


@dataclass(frozen=True)
class Boilerplate:
    """The furniture test of `models/segment.json`'s `boilerplate` phrases."""

    phrases: frozenset[str]
    longest: int = 0  # characters a part may have: 10x the longest phrase ("1,234,567 likes")

    @classmethod
    def from_phrases(cls, phrases: Iterable[str]) -> Boilerplate:
        keys = set()
        for phrase in phrases:
            found = [" ".join(words) for words in parts(phrase, "#") if words]  # never None
            if len(found) != 1:
                raise ValueError(f"boilerplate phrase {phrase!r} is not one phrase: {found}")
            keys.add(found[0])
        return cls(frozenset(keys), PART_SLACK * max(map(len, keys), default=0))

    def matches(self, line: str) -> bool:
        """Whether the whole of `line` is furniture: phrases between separators, or a notice."""
        if is_notice(line):
            return True
        found = False
        for words in parts(line, longest=self.longest):
            if words is None:
                return False
            if not words:
                continue
            if " ".join(words) not in self.phrases:
                return False
            found = True
        return found


def is_notice(line: str) -> bool:
    """A copyright notice and nothing else (see the module doc)."""
    if len(line) > NOTICE_MAX_CHARS:
        return False
    start = 0
    while start < len(line) and not (line[start].isalnum() or line[start] in "©("):
        start += 1  # leading markers and blanks
    text = line[start:]
    folded_text = text.casefold()
    opener = next((o for o in NOTICE_OPENERS if folded_text.startswith(o)), None)
    if opener is None:
        return False
    words = text[len(opener) :].split()
    if len(words) > NOTICE_MAX_WORDS:
        return False
    strong = "©" in opener  # "(c)" also opens enumerations: it needs a year or the phrase
    tokens = [t for w in words if (t := w.strip(".,;:|•·-–—()[]›»«‹<>*"))]
    folded = [t.casefold() for t in tokens]
    if tuple(folded[-3:]) == NOTICE_END:
        tokens, folded, strong = tokens[:-3], folded[:-3], True
    while tokens and is_years(tokens[0]):
        if int(tokens[0][-4:]) not in NOTICE_YEARS:
            return False  # a year of history, not of a site
        tokens, folded, strong = tokens[1:], folded[1:], True
    holder = all(t[0].isupper() or t[0].isdigit() or f in NOTICE_CONNECTIVES or t == "©"
                 for t, f in zip(tokens, folded, strict=True))  # fmt: skip
    return strong and holder


def is_years(token: str) -> bool:
    """`2024`, `1999-2024`, `1999–2024`."""
    years = token.replace("–", "-").split("-")
    return all(len(y) == 4 and y.isdigit() for y in years) and len(years) <= 2
