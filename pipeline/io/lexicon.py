"""Whether the words of a reading are words of a language: evidence between the readings of a
sample too short for its letters to tell them apart.

A few bytes beyond ASCII read as faultless letters in several encodings: Icelandic `lesið` in
Windows-1252 is Croatian-looking `lesiđ` in Windows-1250 and Lithuanian `lesiš` in
Windows-1257; a 2-character Shift-JIS name is 4 Cyrillic letters in cp866. Letter shapes and
letter frequencies cannot tell them apart on so little; the words can: `lesið` is an Icelandic
word, `lesiđ` no word of any language whose alphabet holds `đ`. The lists are wordfreq's (a
dependency already: `wordfreq.get_frequency_dict`, its "small" lists, words of Zipf frequency
3 or more), looked up only for the languages whose alphabet holds a word's letters (each list
loaded once per process, on first need: 0.1-0.35 s). Nothing here lists a word."""

from __future__ import annotations

import bisect
import gzip
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

# ALPHABETS' language codes (charsets.py) whose wordfreq list has another code
WORDFREQ_CODE = MappingProxyType({"hr": "sh", "no": "nb"})
# Scripts with no alphabet in `charsets.ALPHABETS`: the languages written in each
BY_SCRIPT = MappingProxyType({
    "HEBREW": ("he",),
    "ARABIC": ("ar", "fa", "ur"),
    "CJK": ("ja", "zh"),
    "HIRAGANA": ("ja",),
    "KATAKANA": ("ja",),
    "HANGUL": ("ko",),
})  # fmt: skip
EAST_ASIAN = frozenset(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
BLANKS = re.compile(r"[ \t\n\r\x0b\x0c]+")  # ASCII blanks (a no-break space: a misread letter?)
INSIDE = frozenset("'’-·")  # what a word holds between its letters besides marks
MIN_CHARS = 2  # a word of one letter is any language's (an initial, a preposition)
MIN_PLAUSIBLE = 3  # a word's pieces are evidence from this many letters (`ещ` is any two)


@cache
def frequencies(language: str) -> dict[str, float] | None:
    """wordfreq's list of `language` (word → frequency), or None when it has none."""
    try:
        import wordfreq

        if language not in wordfreq.available_languages("small"):
            return None  # (asked for Belarusian, wordfreq gives Russian's "nearest match")
        found = wordfreq.get_frequency_dict(language, wordlist="small")
    except (ImportError, LookupError, OSError, ValueError):
        return None
    return found or None


@cache
def simplified() -> dict[str, str]:
    """Traditional → simplified hanzi, as wordfreq maps them before it looks a Chinese word up
    (its own table; its `chinese` module needs jieba, which it does not install): a Big5
    name is looked up as its simplified form. Empty when the table is not there."""
    try:
        import msgpack  # type: ignore[import-untyped]

        data = resources.files("wordfreq").joinpath("data/_chinese_mapping.msgpack.gz")
        with data.open("rb") as raw, gzip.open(raw) as f:
            table = msgpack.load(f, raw=False, strict_map_key=False)  # (code point → text)
    except (ImportError, OSError, ValueError, TypeError):
        return {}
    return {chr(k) if isinstance(k, int) else str(k): str(v) for k, v in table.items()}


@cache
def script(c: str) -> str:
    """The script of a letter, as its Unicode name begins (LATIN, CJK, HANGUL…)."""
    return unicodedata.name(c, "?").split(" ")[0]


@lru_cache(maxsize=1 << 14)
def is_word(word: str, languages: tuple[str, ...]) -> bool:
    """Whether `word` (small letters) is in the list of one of `languages` (wordfreq codes)."""
    for language in languages:
        words = frequencies(language)
        if words is None:
            continue
        if word in words:
            return True
        table = simplified() if language == "zh" else {}
        if table and "".join(table.get(c, c) for c in word) in words:
            return True
    return False


@cache
def listed(language: str) -> tuple[str, list[int], list[float]]:
    """`language`'s words holding a letter beyond ASCII, each with its ends marked (`^þetta$`),
    joined by line ends, with where each begins and its frequency: searched a piece at a time
    (`trigram_frequency`), so a list costs one join to load, not a table of its pieces (that
    took seconds for the twenty lists a short Latin sample asks)."""
    words = [(word, f) for word, f in (frequencies(language) or {}).items() if not word.isascii()]
    starts: list[int] = []
    at = 0
    for word, _ in words:
        starts.append(at)
        at += len(word) + 3
    return "\n".join(f"^{word}$" for word, _ in words), starts, [f for _, f in words]


@lru_cache(maxsize=1 << 16)
def trigram_frequency(language: str, piece: str) -> float:
    """The frequency of `language`'s words holding `piece` (a trigram of `pieces`, ends marked:
    `^þe`, `æði`, `ð$`), summed, each word once: where its letters stand, and how often."""
    text, starts, frequencies_of = listed(language)
    seen: set[int] = set()
    total = 0.0
    at = text.find(piece)
    while at >= 0:
        k = bisect.bisect_right(starts, at) - 1
        if k not in seen:
            seen.add(k)
            total += frequencies_of[k]
        at = text.find(piece, at + 1)
    return total


def pieces(word: str) -> set[str]:
    """The trigrams of `word` (small letters, ends marked) holding a character beyond ASCII;
    of a run of East Asian characters, its bigrams (a word there is two or three characters:
    `東京`, `アンゴラ` are `東京`, `アン ンゴ ゴラ`)."""
    if len(word) > 1 and east_asian(word):
        return {word[i : i + 2] for i in range(len(word) - 1)}
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2) if not padded[i : i + 3].isascii()}


@lru_cache(maxsize=1 << 14)
def support(word: str, languages: tuple[str, ...]) -> float:
    """How well each letter beyond ASCII of `word` stands where `languages`' words put it: for
    the language that fits best, the frequency of its rarest trigram around such a letter
    (`trigram_frequency`; 0 when one is in no word of it; of an East Asian run, the mean of
    its pairs' when half of them at least are a word's). A compound no list holds (`teiknisvæði`) is
    Icelandic by its pieces; `teiknisvćđi` (Windows-1250) is no language's."""
    needed = pieces(word)
    best = 0.0
    for language in languages:
        if frequencies(language) is None:
            continue
        found = [trigram_frequency(language, t) for t in needed]
        if east_asian(word):  # (a list of morphemes lacks some pairs of a word: `ゴラ`)
            if sum(f > 0 for f in found) * 2 >= len(found):
                best = max(best, sum(found) / len(found))
        else:
            best = max(best, min(found, default=0.0))
    return best


def plausible_words(text: str, languages_of: Callable[[str], Iterable[str]]) -> tuple[int, float]:
    """How many distinct words of `text` holding a letter beyond ASCII have each such letter
    where a language's words put it (`support` above 0; the languages as `known_words`), and
    their support summed."""
    count = 0
    total = 0.0
    for word in words(text):
        if len(word) < (MIN_CHARS if east_asian(word) else MIN_PLAUSIBLE):
            continue
        found = support(word, languages(word, languages_of))
        count += found > 0
        total += found
    return count, total


def words(text: str) -> set[str]:
    """The distinct words of `text` holding a character beyond ASCII, small: its pieces between
    blanks, without the punctuation and signs around them; a piece with a sign or a number
    inside (`Албан╕я`, `ћрбч№мет`: a misread letter) is no word, and is not split into two."""
    found = set()
    for piece in BLANKS.split(text):
        if piece.isascii():
            continue
        word = trimmed(piece)
        if (
            word
            and not word.isascii()
            and all(c.isalpha() or c in INSIDE or unicodedata.category(c)[0] == "M" for c in word)
        ):
            found.add(word.lower())
    return found


def lettered(text: str) -> int:
    """How many pieces of `text` between blanks hold a letter and, once trimmed, a character
    beyond ASCII (words or not: `sj\xa0lfkl\xa0run`, not `Brand™`)."""
    count = 0
    for piece in BLANKS.split(text):
        word = trimmed(piece)
        count += not word.isascii() and any(c.isalpha() for c in word)
    return count


def trimmed(piece: str) -> str:
    """`piece` without the punctuation and signs at either end (`(Forritið)`, `東京.`,
    `«Склад»`); a format character stays (`güne\u200f` is `güneş` read as Windows-1256, no
    word)."""
    start, end = 0, len(piece)
    while start < end and outside(piece[start]):
        start += 1
    while end > start and outside(piece[end - 1]):
        end -= 1
    return piece[start:end]


def outside(c: str) -> bool:
    """Whether `c` is what stands around a word: punctuation, a sign, a digit."""
    return unicodedata.category(c)[0] in "PSN"


def east_asian(word: str) -> bool:
    """Whether every character of `word` is of an East Asian script."""
    return all(script(c) in EAST_ASIAN for c in word)


def known_words(text: str, languages_of: Callable[[str], Iterable[str]]) -> int:
    """How many distinct words of `text` holding a letter beyond ASCII are words of a language
    whose alphabet holds their letters (`languages_of`: a letter → its languages, the codes of
    `charsets.ALPHABETS`; scripts without an alphabet there go by `BY_SCRIPT`). A run of East
    Asian characters counts as a word when the run is one, whole (each hanzi alone is a word:
    any two bytes would be)."""
    found = 0
    for word in words(text):
        if len(word) < MIN_CHARS:
            continue
        found += is_word(word, languages(word, languages_of))
    return found


def languages(word: str, languages_of: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """The wordfreq languages a word may be in: those whose alphabet holds every letter of it
    beyond ASCII (all of one script), or its script's (`BY_SCRIPT`)."""
    high = {c for c in word if not c.isascii() and c.isalpha()}
    scripts = {script(c) for c in high}
    if not scripts or (len(scripts) != 1 and not scripts <= EAST_ASIAN):
        return ()  # letters of two scripts: no language's word (Japanese mixes its own)
    if scripts & EAST_ASIAN:
        return tuple(dict.fromkeys(la for s in scripts for la in BY_SCRIPT[s]))
    (own,) = scripts
    if own in BY_SCRIPT:
        return BY_SCRIPT[own]
    common: set[str] | None = None
    for c in high:
        fits = set(languages_of(c))
        common = fits if common is None else common & fits
    return tuple(sorted(WORDFREQ_CODE.get(la, la) for la in common or ()))
