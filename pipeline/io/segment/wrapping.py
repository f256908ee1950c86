"""Two lines of a hard-wrapped block of a text page: does the second go on with the first, and
what joins them ("" or " ")? One place for every script and every kind of line end and start.

A wrapper (an editor, `fmt`, `textwrap`, a mail client) breaks a line where the next word does
not fit, and the break takes the blank it stands on. So, reading a block back:

- a line ends its paragraph on a sentence end of its script (`SENTENCE_TERMINAL`: the Unicode
  Sentence_Terminal property, with ";", "…" and the Tibetan shad), alone or before closing
  quotes and brackets ('."', '?»', '。」'); and a next line that starts a list item ("- ",
  "• ", "1. ", "a) ", "(b) ") is never the rest of the line before it (`list_marker`);
- but in a block wrapped at a width (`Shape.wrapped`: every break forced, shown by the block's
  own lines or by the width of a block before it on the page), every break is a wrap, whatever
  the line ends with (a full stop, a name after "by") or the next starts with (a name, a
  figure), except before a list item, in a block of credits, and between two lines that each
  start as a long credit does;
- it goes on, whatever the next line starts with, after a comma of its script (",", "،", "、",
  "，", "፣"), an opening bracket or quote, an apostrophe, a hyphen inside a word, an em dash, a
  soft hyphen, a Tibetan tsheg, or the first part of a URL the wrap cut; and before a comma or
  a closing bracket (`continues`);
- else the block decides (`Shape`, and the segmenter's `wrapped`): a next line starting in
  lower case goes on where the break was forced (`Shape.forced`), or after a line that fills
  a wide block or went on from the line before (a hand-wrapped paragraph often leaves room
  for the next word); in a narrow block, one break a wrapper would not have made makes it a
  list of short lines, one per line (hostile42 H12). One starting otherwise goes on only when
  the line before it fills the block, in a block that does not read as a list: every line
  capitalised and some break a wrapper would not have made is a list of long items, one per
  line; in a script without case there is no other evidence, and the break itself must be
  forced.

The join (`joiner`) is the blank the break took: " ", except "" after a hyphen inside a word
("mas-" / "terpiece" is "mas-terpiece", "COVID-" / "19": the hyphen is kept, the text is never
re-spelt, since only a dictionary could tell a soft break from a compound), after a soft hyphen,
an elided article ("d'" / "Alain"), an opening bracket or quote ("「" / "…", "(" / "…"), a URL
cut, a tsheg, an em dash closed up after a word, before a comma or a closing bracket, and
between two characters of a script written without spaces (Chinese, Japanese, Thai, Lao,
Khmer, Myanmar, Tibetan; Chinese or Japanese beside a digit or a sign).
A hyphen before a conjunction ("Umwelt-" / "und Naturschutz", "pré-" / "et post-production")
stands for a word: the space stays. A line that ended on a blank (Thai separates phrases with
one; `normalise` strips it from the record) is joined by " " whatever its script.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import regex

# One character, matched alone (`match` at a given end): linear whatever the text.
SENTENCE_TERMINAL = regex.compile(r"[\p{Sentence_Terminal};…།༎]")
CLOSERS = frozenset("\"'’”»›)]}）］｝」』】〉》〕〗〙〛｣")
COMMAS = frozenset(",،、，﹐﹑፣՝߸")
# Opening brackets and quotes no script closes with; “ and ‘ open only after a blank (German
# closes with them); « and ‹ are followed by a space in French, so they join with one.
OPENERS = frozenset("([{（［｛「『【〈《〔〖〘〚｢„‚¿¡")
AMBIGUOUS_OPENERS = frozenset("“‘")
APOSTROPHES = ("'", "’", "ʼ")
HYPHENS = frozenset("-‐‑–־֊")  # hyphen-minus, hyphen, non-breaking, en dash, maqaf, Armenian
# An em dash: closed up after a word ("film—" / "which" is "film—which"), or set between
# blanks ("film —" / "which": the break took the blank after it). Never a suspended hyphen.
DASHES = frozenset("—―")
# What a line never starts with after a blank: a wrap before it took none ("word" / ", next";
# "、" at a Chinese line's start). French sets "?", "!", ":", ";" and "»" after a blank.
CLOSING_STARTS = frozenset(",)]}、。，）］｝」』】〉》")
SOFT_HYPHEN = "\u00ad"
# Marks between words a script writes instead of a space (Tibetan tsheg, Ethiopic wordspace):
# at a line end, the next line goes on, joined without a space.
WORD_MARKS = frozenset("་༌፡")
# Marks a reader does not see (bidi controls, zero-width characters): a line ending "."
# then a right-to-left mark still ends a sentence; they stay in the text.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"  # noqa: E501

# Scripts written without spaces between words: a hard wrap between two of their characters
# took no space. Chinese, Japanese (and full-width forms) break between any two characters;
# Thai, Lao, Khmer, Myanmar and Tibetan between words a reader cannot see without a dictionary.
UNSPACED = (
    (0x0E00, 0x0EFF), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3000, 0x30FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF), (0x20000, 0x2FFFF),
)  # fmt: skip
CJK = UNSPACED[4:]  # those that break anywhere: a line's first character is its first word

# Elided articles and pronouns (French, Italian, Catalan): the next word follows without a
# space ("d'" / "Alain" is "d'Alain").
ELIDED = frozenset((
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu", "entr", "dell", "all", "dall", "nell", "sull", "coll", "pell", "un", "quell",
    "bell", "sant", "quest", "gl", "anch", "com", "dov", "cos", "mezz", "senz", "tutt", "null",
    "ch", "nessun", "buon", "aujourd", "prud",
))  # fmt: skip
# The conjunctions a suspended hyphen stands before ("Umwelt- und Naturschutz", "pre- and
# post-war", "pré- et post-production"): a hyphenation never leaves one of these on its own.
SUSPENSION_CONJUNCTIONS = frozenset((
    "und", "oder", "bzw.", "bzw", "sowie", "bis", "noch", "and", "or", "nor", "et", "ou", "ni",
    "en", "of", "e", "ed", "o", "od", "y", "u", "i", "a", "och", "eller", "og", "ja", "tai", "és",
    "vagy", "și", "sau", "и", "или", "і", "та", "чи", "lub", "oraz", "albo", "nebo", "&", "+",
))  # fmt: skip
URL_STARTS = ("http://", "https://", "ftp://", "www.")
# A piece of a URL is made of URL characters (RFC 3986's, and letters of any script: IRIs);
# a path, query or fragment mark anywhere in it, or a dot or hyphen inside a word with a
# letter, says it is one.
URL_CHARACTERS = frozenset("-._~:/?#[]@!$&'()*+,;=%")
URL_MARKS = frozenset("/?=&#%_~")
URL_JOINERS = frozenset(".-")
MARKER_SYMBOLS = frozenset("-*•‣◦▪▫●○■□►▸+·")
MARKER_MAX_DIGITS = 3  # "12. " is an item; "1984. " a year ending a sentence


def unspaced(char: str) -> bool:
    code = ord(char)
    return code >= 0x0E00 and any(low <= code <= high for low, high in UNSPACED)


def cjk(char: str) -> bool:
    code = ord(char)
    return code >= 0x3000 and any(low <= code <= high for low, high in CJK)


def columns(text: str) -> int:
    """The width a line takes on screen: a Chinese or Japanese character two columns, a
    combining mark none. Counted in characters, a wrapped Chinese block's lines (half as many
    characters for the same width) never filled their block, and each became a record."""
    if text.isascii():
        return len(text)
    return sum(map(char_columns, text))


@cache
def char_columns(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def visible(text: str) -> str:
    """`text` without the invisible marks at its ends (the same object when it has none)."""
    return text.strip(INVISIBLE)


def ends_sentence(line: str) -> bool:
    """Whether `line` ends a sentence of any script: a terminal, then closing quotes or
    brackets only. A line ending on a closing quote after a word ('the film "Mask"') does not."""
    line = visible(line)
    end = len(line)
    while end and line[end - 1] in CLOSERS:
        end -= 1
    return end > 0 and SENTENCE_TERMINAL.match(line, end - 1) is not None


def hyphenated(previous: str, line: str) -> bool:
    """A word cut at a line end after its hyphen ("every-" / "one", "COVID-" / "19")."""
    return (
        len(previous) > 1
        and previous[-1] in HYPHENS
        and previous[-2].isalnum()
        and line[:1].isalnum()
    )


def first_word(line: str) -> str:
    """A line's first word; "" for a line of blanks of any kind (NBSP, U+3000, U+2028...:
    a line that is not empty can hold no word, hostile42 H10/H11)."""
    words = line.split(maxsplit=1)
    return words[0] if words else ""


def last_word(line: str) -> str:
    """A line's last word; "" for a line of blanks of any kind."""
    words = line.rsplit(maxsplit=1)
    return words[-1] if words else ""


def suspended(line: str) -> bool:
    """Whether a line after a hyphen starts with the conjunction a suspended hyphen stands
    before ("und Naturschutz", "et post-production")."""
    word = first_word(line)
    return word in SUSPENSION_CONJUNCTIONS or word.partition("/")[0] in SUSPENSION_CONJUNCTIONS


def elided(previous: str) -> bool:
    """A line ending on an elided article or pronoun ("… d'", "… jusqu’", "(l'")."""
    if not previous.endswith(APOSTROPHES):
        return False
    start = len(previous) - 1
    while start and previous[start - 1].isalpha():
        start -= 1
    return previous[start : len(previous) - 1].lower() in ELIDED


def opens(previous: str) -> bool:
    """A line ending on an opening bracket or quote: what it opens is on the next line."""
    last = previous[-1]
    if last in OPENERS:
        return True
    return last in AMBIGUOUS_OPENERS and (len(previous) == 1 or previous[-2].isspace())


def url_cut(previous: str, line: str) -> bool:
    """A URL the wrap cut in two: the line ends inside a URL and the next line's first word is
    a piece of one (`URL_MARKS`), not a URL of its own ("…/Harbour" / "https://…" is a list
    of links), nor a word that merely ends in a full stop or a hyphen, nor a figure column
    ("…/123" / "7.2| 2h6m": "|" is no URL character)."""
    last = last_word(previous)
    if not (last.startswith(URL_STARTS) or "://" in last):
        return False
    word = first_word(line)
    if not word or word.startswith(URL_STARTS) or "://" in word:
        return False
    if not all(c.isalnum() or c in URL_CHARACTERS for c in word):
        return False
    if any(c in URL_MARKS for c in word):
        return True
    # "night-harbour.html", "ple.com"; not a figure ("7.2 stars") or a word's end ("film.")
    return any(c in URL_JOINERS for c in word[:-1]) and any(c.isalpha() for c in word)


def continues(previous: str, line: str) -> bool | None:
    """What the end of `previous` says alone: True (the paragraph goes on whatever `line`
    starts with), False (it ended), None (the block decides: `Shape`)."""
    last = previous[-1]
    if last == SOFT_HYPHEN or last in WORD_MARKS or url_cut(previous, line):
        return True
    if ends_sentence(previous):
        return False
    if last in COMMAS or last in "«‹" or last in DASHES or previous.endswith(APOSTROPHES):
        return True
    if line[0] in CLOSING_STARTS:
        return True
    return hyphenated(previous, line) or opens(previous) or None


def list_marker(line: str) -> str | None:
    """The kind of list marker `line` starts with: "symbol" ("- ", "• ", "* "), "number"
    ("1. ", "ii. ": a German date "12. März" after an open line is no item), "paren" ("a) ",
    "(b) ", "2) "), "letter" ("a. ", "i. ": hostile41 F6, an outline's items were one record;
    "c. 1900" after an open line is no item), or None. A dash ("– ", "— ") is punctuation of
    a sentence, not a marker."""
    if len(line) > 1 and line[0] in MARKER_SYMBOLS and line[1].isspace():
        return "symbol"
    head = line[:8].split(maxsplit=1)
    if len(head) < 2:
        return None
    mark = head[0]
    body = mark[1:] if mark.startswith("(") and mark.endswith(")") else mark
    if body.endswith(")") and (
        ordinal(body[:-1]) or (len(body) == 2 and body[0].isalpha() and body[0].islower())
    ):
        return "paren"
    if mark.endswith(".") and ordinal(mark[:-1]):
        return "number"
    if len(mark) == 2 and mark[1] == "." and mark[0].isalpha() and mark[0].islower():
        return "letter"  # "a. ", "i. ": an initial ("J. ") is a capital
    return None


def ordinal(mark: str) -> bool:
    """A list's number: up to three digits of any script ("12", "١٢", "१२"), or a Roman
    numeral of two letters or more ("II", "iv": one letter is an initial, "M. Dupont")."""
    if mark.isdigit():
        return len(mark) <= MARKER_MAX_DIGITS
    return 2 <= len(mark) <= ROMAN_MAX and (set(mark) <= ROMAN or set(mark) <= ROMAN_LOWER)


ROMAN = frozenset("IVXLC")
ROMAN_LOWER = frozenset("ivxlc")
ROMAN_MAX = 5


def uncased(char: str) -> bool:
    """A letter of a script without case (Arabic, Hebrew, Devanagari, CJK, Thai...)."""
    return char.isalpha() and not char.isupper() and not char.islower()


def capital_start(line: str) -> bool:
    """A line that starts as a list's item may: with a capital or a digit, after opening
    quotes or brackets ('"Title" by …', "1994 …")."""
    for char in line[:8]:
        if char not in OPENERS and char not in AMBIGUOUS_OPENERS and char not in '"«‹':
            return char.isupper() or char.isdigit()
    return False


# The words between a role and a name in a credit ("Directed by", "Musique originale de",
# "Réalisé par", "Musik von"): with a capitalised name after them.
ROLE_LINKS = frozenset(("by", "par", "de", "von", "di", "da", "por", "door", "av", "af", "przez"))
ROLE_MAX_WORDS = 3


def credit_start(line: str) -> bool:
    """A line that starts as a credit does, however long: a field's label and a colon
    ("Image : Tomas Lindqvist, …", "Music: …"), or a capitalised role of one to three words
    and a name ("Directed by Jane …", "Musique originale de Tomas …")."""
    head, colon, rest = line[:48].partition(":")
    words = head.split()
    # a blank after the colon: "20:30" and "https://" label nothing
    if colon and 1 <= len(words) <= 4 and words[0][:1].isupper() and rest[:1].isspace():
        return True
    words = line[:120].split(maxsplit=ROLE_MAX_WORDS + 2)
    if not words or not words[0][:1].isupper():
        return False
    for k in range(1, min(ROLE_MAX_WORDS, len(words) - 2) + 1):
        if words[k] in ROLE_LINKS:
            return words[k + 1][:1].isupper() and all(w.islower() for w in words[1:k])
    return False


def tight(last: str, first: str) -> bool:
    """Whether a wrap between these two characters took no space: both of a script without
    spaces, or Chinese/Japanese beside a digit or a sign ("1984" / "年")."""
    if unspaced(last) and unspaced(first):
        return True
    return (cjk(last) and not first.isalpha()) or (cjk(first) and not last.isalpha())


def joiner(previous: str, line: str, blank: bool = False) -> str:
    """The string between two lines of one paragraph (`blank`: `previous` ended on a blank
    before it was trimmed)."""
    previous, line = visible(previous), visible(line)
    if blank or not previous or not line:
        return " "
    last = previous[-1]
    if last == SOFT_HYPHEN or last in WORD_MARKS:
        return ""
    if hyphenated(previous, line):
        return " " if suspended(line) else ""
    if elided(previous) or opens(previous) or url_cut(previous, line):
        return ""
    if last in DASHES:
        return " " if len(previous) > 1 and previous[-2].isspace() else ""
    if line[0] in CLOSING_STARTS:
        return ""
    return "" if tight(last, line[0]) else " "


def joined(lines: list[str], blanks: list[bool] | None = None) -> str:
    """The lines of a wrapped paragraph as written (`joiner` between each two)."""
    out = [lines[0]]
    for i, (previous, line) in enumerate(pairwise(lines)):
        out.append(joiner(previous, line, bool(blanks and blanks[i])) + line)
    return "".join(out)


WRAPPED_LINES = 3  # a block shows its own width with two breaks at least
WRAPPED_MIN_COLUMNS = 30  # a cast list or a column of short credits is narrower


@dataclass(frozen=True)
class Shape:
    """What a block's lines say of how it was written: its width (in columns and in
    characters: a wrapper counts one or the other), whether it reads as a list, and whether
    it reads as wrapped at its width (`wrapped`: every break is a wrap, whatever a line ends
    or starts with)."""

    columns: int
    chars: int
    listed: bool
    wrapped: bool = False
    measured: bool = False  # wrapped, and by its own lines: the page's width

    @classmethod
    def of(cls, lines: list[str], widths: list[int], page: Shape | None = None) -> Shape:
        """The block's shape. It is wrapped when every break was forced (a wrapper breaks
        only where the next word does not fit) and it shows that by itself (`measured`):
        three lines or more, `WRAPPED_MIN_COLUMNS` wide at least, one break inside a
        sentence; or, with fewer lines or no such break, when every break is forced at the
        width of a block measured before it on the page (`page`). A sentence end at a
        wrapped line's end is where the wrap fell, not a paragraph's end (hostile41 F13: 17-29
        % of paragraphs wrapped at 60-80 were cut there; a name or a figure starting a narrow
        block's line cut its sentence). Otherwise it is a list when every line starts with a
        capital and a break the line end leaves open (`continues`: None) was not forced."""
        shape = cls(max(widths), max(map(len, lines)), False)
        lines = [visible(line) for line in lines]
        if len(lines) < 2 or not all(lines):
            return shape
        if shape.measures(lines, widths):
            return cls(shape.columns, shape.chars, False, True, True)
        if page is not None and shape.fits(lines, widths, page):
            return cls(shape.columns, shape.chars, False, True)
        if not all(map(capital_start, lines)):
            return shape
        for (previous, line), width in zip(pairwise(lines), widths, strict=False):
            if continues(previous, line) is None and not shape.forced(previous, line, width):
                return cls(shape.columns, shape.chars, True)
        return shape

    def measures(self, lines: list[str], widths: list[int]) -> bool:
        """Whether these (visible, non-empty) lines show by themselves that every break is a
        wrap at the block's width: see `of`."""
        if len(lines) < WRAPPED_LINES or self.columns < WRAPPED_MIN_COLUMNS:
            return False
        if any(list_marker(line) for line in lines[1:]):
            return False
        breaks = list(zip(pairwise(lines), widths, strict=False))
        return all(self.forced(prev, line, width) for (prev, line), width in breaks) and any(
            inside(prev, line) for (prev, line), _ in breaks
        )

    def fits(self, lines: list[str], widths: list[int], page: Shape) -> bool:
        """Whether every break of these lines is forced at the width of the page's wrapped
        blocks (`page`), none wider than it by more than a tenth (a block's longest line is
        up to a word short of the width the page was wrapped at: 70 at 72)."""
        if 10 * self.columns > 11 * page.columns or 10 * self.chars > 11 * page.chars:
            return False
        if any(list_marker(line) for line in lines[1:]):
            return False
        return all(
            page.forced(prev, line, width)
            for (prev, line), width in zip(pairwise(lines), widths, strict=False)
        )

    def forced(self, previous: str, line: str, previous_columns: int) -> bool:
        """Whether the break before `line` was forced: its first word (a Chinese or Japanese
        line's first character, and one more a line-start rule may have carried over) did not
        fit on `previous` within the block's width. Where words cannot be seen (Thai,
        Myanmar...), nothing tells: forced."""
        first = line[0]
        if cjk(first) and cjk(previous[-1]):
            need_chars, need_columns = 2, 2 * char_columns(first)
        elif unspaced(first):
            return True
        else:
            word = first_word(line)
            need_chars, need_columns = 1 + len(word), 1 + columns(word)
        return (
            len(previous) + need_chars > self.chars
            or previous_columns + need_columns > self.columns
        )


def inside(previous: str, line: str) -> bool:
    """A break no line end explains: inside a sentence."""
    return not ends_sentence(previous)
