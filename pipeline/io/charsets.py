"""Which legacy encoding a sample of bytes (lines that are not UTF-8) is in.

Multi-byte encodings (Shift-JIS, GBK, Big5, EUC-KR…) are told apart by their language's usual
characters (`cjk.py`): charset-normalizer's answer was Korean for short EUC-JP and GB18030 for
Shift-JIS with half-width katakana (tests/test_encoding_scripts.py). The single-byte family
(Windows-125x, ISO-8859-x, KOI8, Mac Roman) is where it fails: their bytes decode to letters in
every member, and its language model sees only each language's 26 commonest letters, so Polish
and Czech text came out as Windows-1252 or ISO-8859-10 and Turkish as Windows-1252. Here every
single-byte candidate decodes the sample, and the decoding that reads as ordinary text wins: no
control characters, no symbol glued to a letter (`kalaba³k`), no capital inside a word
(`пРИВЕТ` is KOI8 read as Windows-1251), and every letter beyond ASCII from the alphabet of one
language (Turkish `ğış`, not Icelandic `ðýþ`). Measured on real text in 45 (language, encoding)
pairs: see docs/encodings.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from pipeline.io.cjk import CANDIDATES as CJK_CANDIDATES
from pipeline.io.cjk import MARGIN as CJK_MARGIN
from pipeline.io.cjk import best_cjk, in_family, read_as, superset
from pipeline.io.lexicon import known_words, lettered, plausible_words
from pipeline.io.lexicon import words as lexicon_words

# Tried in this order; on a tie (the sample decodes the same in both: no byte that differs),
# the first: Windows code pages before the ISO sets they extend, Latin before the rest; then
# the other ISO sets, DOS and Mac code pages of the Latin, Cyrillic and Greek scripts, which
# a tie never gives what the first group gave (bench/encodings.py: 1,081 of 1,098 before and
# after they were added; tests/test_code_pages.py: every language × code page × casing).
SINGLE_BYTE = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257",
    "iso8859_15", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13",
    "latin_1", "koi8_r", "koi8_u", "mac_roman", "cp1255", "cp1256", "cp874", "iso8859_8",
    "iso8859_6",
    "iso8859_3", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_16",
    "cp850", "cp437", "cp858", "cp852", "cp857", "cp860", "cp861", "cp863", "cp865",
    "cp775", "cp866", "cp1125", "cp855", "cp737", "cp869",
    "mac_latin2", "mac_cyrillic", "mac_greek", "mac_turkish", "mac_iceland", "mac_croatian",
    "mac_romanian",
)  # fmt: skip

# The letters beyond ASCII of each language written in these encodings (lower case).
LATIN = "a-z"
CYRILLIC = "а-яё"
ALPHABETS = MappingProxyType({
    "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúüºª", "pt": "áâãàçéêíóôõúºª",
    "it": "àèéìíîòóùúºª", "ca": "àçèéíïòóúü", "nl": "éëïóöüè", "sv": "åäöé", "da": "æøåé",
    "no": "æøåéèóô", "fi": "äöåšž", "is": "áéíóúýþæöð", "ga": "áéíóú", "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "sl": "čšžćđ", "hr": "čćđšž",
    "hu": "áéíóöőúüű", "ro": "ăâîșțşţ", "sq": "çë", "tr": "çğıöşüâîû", "az": "çəğıöşü",
    "et": "äõöüšž", "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž", "mt": "ċġħż",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш", "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ",
})  # fmt: skip
# Languages whose letters are another's in another encoding, counted a hundredth of a letter
# less than a fit: Icelandic `ðýþ` in Windows-1252 are Turkish `ğış` in Windows-1254 (a Turkish
# file reads as faultless Icelandic; an Icelandic one has `áéíóúæ`, which Turkish lacks). A
# flat hundredth, so that it breaks a tie and never outweighs a real fault (a tenth of each
# letter did: a line of Icelandic capitals in Mac Icelandic lost to Mac Turkish `ŞÓRİUR`).
DOUBT = MappingProxyType({"is": 0.01})
# and not when the text holds one of these, which Turkish lacks (Icelandic `Ég þekki` was
# Windows-1257 Czech `Ég žekki`, the doubt deciding between two pages neither Turkish:
# hostile42 H6)
UNDOUBTED = MappingProxyType({"is": frozenset("áéíóúæ")})
# Punctuation beyond ASCII that ordinary text puts next to a letter.
NEXT_TO_LETTERS = frozenset("…·•°§©®™¿¡\xa0´׳״")  # (a currency sign is glued to a number, never
# to a letter: `£Ûdü` is `Łódź` read as Mac Roman, `€ndern` Mac Roman `Ändern` as cp1250)
ALLOWED = frozenset({"Pd", "Pi", "Pf", "Ps", "Pe"})  # dashes, quotes, brackets
CLOSING = frozenset("’”»")
# Low quotes only open (» and « close in one language or another); an en dash is never the
# last character of a word (`pavadinim–` is Lithuanian `pavadinimą` read as Mac Croatian).
OPENING = frozenset("‚„–")
LONE_QUOTES = frozenset("‚„‘’“”")
JOINERS = frozenset("\xad\u200c\u200d")  # soft hyphen, (non-)joiners: inside words in text
INSIDE_WORDS = frozenset("’ʼ·\u2010\u2011")  # what ordinary text puts between two letters
NON_ASCII = re.compile(r"[^\x00-\x7f]")
BLANKS = re.compile(r"[ \t\n\r\x0b\x0c]+")  # ASCII blanks: what no fault looks across
CONTROL_PENALTY = 3.0  # a C1 control character: no text holds one
PLAUSIBLE = 0.2  # at most this many faults per character beyond ASCII: text, not noise


# What a file's container puts around its text, each bounded: markup tags, JSON keys, the
# punctuation of JSON, CSV and Markdown tables (a comma a blank does not follow), TSV's tabs
CONTAINER = re.compile(r'<[^<>\n]{0,512}>|"[^"\n]{0,64}"[ \t]{0,8}:|[{}\[\]|"\t]|,(?=\S)')


def prose(text: str) -> str:
    """The sample's text without its container: each line of a legacy file is sampled whole,
    so the `{"id": …, "text": …}`, `r0,` or `<p>` around a short text was scored with it and
    the same line was read in another page by format (`№ 5` alone is Windows-1251, but
    `r0,ą` in a CSV glued the letter to the id; `"• item"` put a quote before the bullet;
    JSON's `id` and `text` were Latin words beside Greek `ο ή η`: hostile 40b, E11). Each
    piece of container becomes a line end, as the reader's records are apart."""
    return CONTAINER.sub("\n", text)


@dataclass(frozen=True)
class Reading:
    """A candidate encoding and how badly the sample reads in it (faults per character)."""

    encoding: str
    faults: float


@cache
def is_single_byte(encoding: str) -> bool:
    """Whether each byte is one character (the family this module scores)."""
    try:
        return len(bytes(range(128, 256)).decode(encoding, errors="replace")) == 128
    except LookupError:
        return False


def faults(text: str) -> tuple[float, str]:
    """Faults per character beyond ASCII of `text`, as read in one encoding (0 = reads as
    ordinary text of one language), and the script of most of its letters."""
    fault, letters, _ = scored(prose(text), compared=False)
    return fault, letters


def scored(text: str, compared: bool = True) -> tuple[float, str, Counter[str]]:
    """`faults`, and the letters beyond ASCII counted (small letters); `compared`: as one of
    the readings of a sample (`readings`), not as a text judged alone (`faults`).

    Every fault but the alphabet's is seen within a word (ASCII blanks around it read as the
    blank they are), so each distinct word is scored once: a sample is mostly repeated words,
    and it is scored in each of 47 code pages."""
    words = Counter(w for w in BLANKS.split(text) if not w.isascii())
    letters: Counter[str] = Counter()
    if not words:
        return 0.0, "", letters
    bad = 0.0
    positions = 0
    for word, n in words.items():
        word_bad, word_positions, word_letters = word_faults(word)
        bad += n * word_bad
        positions += n * word_positions
        for c in word_letters:
            letters[c] += n
    if letters:
        bad += letters.total() - best_fit(letters)
        bad += lone_letters(words, text, compared)
    scripts: Counter[str] = Counter()
    for c, n in letters.items():
        if not c.isascii():
            scripts[script(c)] += n
    top = scripts.most_common(1)
    return bad / positions, top[0][0] if top else "", letters


def lone_letters(words: Counter[str], text: str, compared: bool = True) -> float:
    """Letters of a script beyond Latin that stand alone as one-letter words among Latin
    words, their script forming no longer word: Latin-1 `Oeuvre à 5 ¤` is faultless
    Windows-1251 `Oeuvre а 5 ¤` (a Cyrillic `а`, Russian's commonest letter), but Cyrillic text
    has longer words too (`Tom и Jerry` among Russian is Russian)."""
    alone: Counter[str] = Counter()
    longer: set[str] = set()
    for word, n in words.items():
        letter = lone_letter(word)
        own = script(letter) if letter else ""
        if not letter and compared and lone_sign(word):
            alone["?"] += n  # a sign standing alone that text does not write so: Russian
            # `The word я here` was Windows-1250 `˙`, Greek `ο` Thai `๏`, Ukrainian `і` `≥`
        elif letter and (
            letter.lower() not in ONE_LETTER_WORDS
            or (compared and letter.isupper() and word not in first_words(text))
        ):  # (a capital alone within a line is no word: Windows-1251 `к 0 ‰` was Mac
            # Cyrillic `к 0 Й`; Italian `È` opens a sentence)
            if compared or script(letter) != "LATIN":
                alone["?"] += n  # a letter no language writes alone, in any script: French
            # `à ô` was Windows-1251 `а ф`, Russian `в к` Windows-1252 `â ê`, Greek `ο η`
            # Windows-1257 `ļ ē` (hostile 40b, E17); a Latin one only when readings are
            # compared (`compared`): a UTF-8 line about letters, `with é and ü`, is text
        elif letter and own != "LATIN":
            alone[own] += n
        elif not letter:
            longer |= {script(c) for c in word if c.isalpha() and not c.isascii()}
    if not alone or not LATIN_WORD.search(text):
        return 0.0
    # (a word of another script among Latin words counts a quarter of a letter no language writes
    # alone: `see ο and η` is Greek, its Mac Roman reading `see Ô and Á` has one such letter)
    return sum(n * (1.0 if own == "?" else FOREIGN_WORD) for own, n in alone.items()
               if own not in longer)  # fmt: skip


FOREIGN_WORD = 0.25
# Signs text writes standing alone between blanks (a dash, a currency, a unit, a bullet…)
STANDALONE = frozenset("–—&€£$¥¤§¶•·№%°±×÷…«»©®™†‡′″→←≈≠≤≥∞½¼¾\xa0")


def lone_letter(word: str) -> str:
    """The letter of a one-letter word beyond ASCII (`à`, `è,`, `«а»`), or "" (an initial,
    `Č.`, is no word)."""
    found = [c for c in word if c.isalpha() and c not in UNIT_LETTERS]
    if len(found) != 1 or found[0].isascii() or (found[0].isupper() and word.endswith(".")):
        return ""
    return found[0]


def no_words(text: str) -> int:
    """One-letter words no language writes (`Oeuvre č 5` is Latin-1 `è`, Italian's "is", read
    as Windows-1257): a tie-breaker between faultless readings, not a fault (text about
    letters, `with é and ü`, names them alone)."""
    return sum(map(no_word, BLANKS.split(text)))


def no_word(word: str) -> bool:
    """A one-letter word no language writes, or a sign standing alone that
    text does not write so (`The word ô here` in Windows-1252 is Thai `๔`, a digit alone)."""
    letter = lone_letter(word)
    if not letter:
        return lone_sign(word)
    return letter.lower() not in ONE_LETTER_WORDS


SENTENCE_START = re.compile(r"(?:^|[.?!…:] )(\S+)", re.M)


def first_words(text: str) -> frozenset[str]:
    """The words opening a line or a sentence, and every word of a text without small letters
    (a capital alone there is a word: Italian `È già`, `NOI? È GIÀ`)."""
    if not any(c.islower() for c in text):
        return frozenset(BLANKS.split(text))
    return frozenset(SENTENCE_START.findall(text))


def lone_sign(word: str) -> bool:
    """A word that is one sign beyond ASCII which text does not write alone (`STANDALONE`,
    a unit `µ`, a frame piece of a drawn table are)."""
    return (
        len(word) == 1
        and not word.isascii()
        and word not in STANDALONE
        and word not in UNIT_LETTERS
        and not is_drawing(word)
    )


# Letters beyond ASCII that languages of these code pages write as a word alone: French and
# Portuguese `à`, Italian `è`, Portuguese `é` `ó`, Spanish `ó`, Swedish and Danish `å`,
# Swedish `ö`, Danish and Norwegian `ø`, Icelandic `á` `í`, Lithuanian `į`, Greek `ή` `ο` `η`
# `ά`, Russian, Ukrainian and Bulgarian prepositions and conjunctions
ONE_LETTER_WORDS = frozenset("àèéóåöøáíįήοηάавиксуояіїєйў")
UNIT_LETTERS = frozenset("µªº")  # letters to Unicode, signs to a reader: `5 µ`, `1ª`
DIRECTIONAL = frozenset("\u200e\u200f\u061c")  # LRM, RLM, Arabic letter mark
LATIN_WORD = re.compile(r"[A-Za-z]{2}")  # (a Latin word of two letters at least)


@lru_cache(maxsize=1 << 16)
def word_faults(word: str) -> tuple[float, int, tuple[str, ...]]:
    """The faults of one word (no ASCII blank in it), its characters beyond ASCII, and its
    letters beyond ASCII as small letters."""
    text = f" {word} "
    bad = 0.0
    positions = 0
    letters: list[str] = []
    for m in NON_ASCII.finditer(text):
        i = m.start()
        positions += 1
        c = text[i]
        before = text[i - 1]
        after = text[i + 1]
        category = unicodedata.category(c)
        if category[0] == "L" and c not in UNIT_LETTERS:  # (`kind_fault` has none for it)
            letters.append(c.lower()[0])  # İ lowers to i and a combining dot
            bad += letter_fault(text, i, c, before, after)
        elif (fault := kind_fault(text, i, c, category, before, after)) is not None:
            bad += fault
        else:
            bad += sign_fault(c, category, before, after)
    return bad, positions, tuple(letters)


def kind_fault(text: str, i: int, c: str, category: str, before: str, after: str) -> float | None:
    """The fault of the character at `i` by its kind, before it is read as a letter or a sign:
    a control character, a format character or a mark out of place, a superscript, a
    fraction, a unit letter; None when its kind says nothing."""
    if category in ("Cc", "Cn", "Co") or c == "\ufffd":
        return CONTROL_PENALTY
    if category == "Cf" and (before.isalpha() or after.isalpha()) and c not in JOINERS:
        # a format character in a word: `\u200fiûrovai` is `žiūrovai` as cp1256 (or
        # opening one: `\u200fàsis` is Lithuanian `žąsis`); not a directional mark closing
        # a Latin word, as right-to-left text closes an embedded one (Hebrew `ODP\u200f (`)
        return not (c in DIRECTIONAL and before.isascii() and not after.isalpha())
    if category[0] == "M":
        # a mark not on a letter of its script: `ًëlo` is `šėlo` read as cp1256 (one
        # between two letters is on the first: Hebrew points, Thai vowels)
        return not on_letter(text, i, c) or stacked_wrong(text[i - 1], c) or two_points(text, i)
    if c in SUPERSCRIPTS:
        # a power or a footnote follows a letter or a number (`m²`, `x³`, `word¹`); alone
        # or before a letter it is a misread letter or sign (`¹ 5` is Windows-1251 `№ 5`)
        return not before.isalnum() or after.isalpha()
    if c in FRACTIONS and not before.isalpha():
        return 0  # a fraction before its unit: `½lb`, `¼in` (a declared ISO-8859-1 page was
        # read as ISO-8859-15 `Œin`: hostile 40b, E26)
    if c in UNIT_LETTERS:
        # a unit or an ordinal (`5 µg`, `1ª`, `Nº`): in no language's alphabet, no fault
        # but inside a word (`používateµa` is ISO-8859-2 `ľ` read as Windows-1250)
        return before.isalpha() and after.isalpha()
    return None


def letter_fault(text: str, i: int, c: str, before: str, after: str) -> int:
    """The faults of a letter beyond ASCII at `i`: one a script no longer writes or out of
    place in it, a case change inside a word, a final sigma inside one, a neighbour of
    another script."""
    bad = 0
    if c in THAI_OBSOLETE:
        bad += 1  # a letter Thai no longer writes: EUC-JP's katakana row (0xA5)
        # reads as `ฅ` in cp874 (`ฅนฅศกผ` is `ストーリー`)
    elif c in THAI_LEADING and not ("\u0e01" <= after <= "\u0e2e"):
        bad += 1  # a Thai vowel written before its consonant, with none after it:
        # `Oeuvre เ 5` is Latin-1 `à` read as cp874
    if c.isupper() and before.islower():
        bad += 1  # a capital after a small letter (`пРИВЕТ`); all capitals are text
    elif c.islower() and (after.isupper() or upper_before(text, i)):
        bad += 1  # a small letter before a capital (`àFFNET`) or after two (`AVî`)
    if c == "ς" and after.isalpha():
        bad += 1  # a final sigma inside a word: `νοςετο` is KOI8 Cyrillic misread
    own = script(c)
    if any(n.isalpha() and script(n) != own for n in (before, after)):
        bad += 1  # letters of two scripts in one word: `kalabalэk`
    return bad


def sign_fault(c: str, category: str, before: str, after: str) -> bool:
    """Whether a character beyond ASCII that is no letter stands where no text puts it."""
    if before.isalpha() and after.isalpha() and c not in INSIDE_WORDS:
        return True  # a dash, quote or sign inside a word: `NI—O` is `NIÑO` misread
    if c in CLOSING and after.isalpha() and not before.isalpha():
        return True  # a closing quote opening a word: `’θήνα` is `Άθήνα` misread
    if c == "\xa0" and before.isspace() and not after.isalnum():
        return True  # a no-break space after a blank and before no word: KOI8-R reads
        # Czech `š.` as `\xa0.`
    if c in LONE_QUOTES and before.isspace() and after.isspace():
        return True  # a quote mark standing alone between blanks (guillemets do, with
        # French spacing; these never): Windows-1251 `в` read as Mac Roman `‚`
    if c in OPENING and before.isalpha() and not after.isalpha():
        return True  # an opening quote or an en dash closing a word: `Perch‚` is `Perché`
    if glued(c, category, before, after):
        return True  # a symbol glued to a word: `kalaba³k`
    if is_drawing(c) and not (is_drawing(before) or is_drawing(after)):
        return True  # a lone frame piece between words: `? ╘ già` is `È` in cp850 read as cp437
    if is_sign(c) and (is_sign(before) or is_sign(after)) and before != c != after:
        return True  # two signs beyond ASCII side by side: `¿˙≥·ø°` is Korean as Mac Roman
    # a frame piece touching a letter or sign beyond ASCII: `╕┼¨¨╣` is EUC-JP read as cp863
    # (a drawn frame meets blanks, ASCII and other pieces)
    return is_drawing(c) and (in_text(before) or in_text(after))


SUPERSCRIPTS = frozenset("¹²³")
HEBREW_POINTS = frozenset(chr(c) for c in range(0x05B0, 0x05BC)) | {"\u05c7"}  # vowels


def two_points(text: str, i: int) -> bool:
    """A second Hebrew vowel point on one letter (a letter takes one, besides dagesh and the
    shin dot): KOI8-R `Склад` read as Windows-1255 is `ף` under four points."""
    if text[i] not in HEBREW_POINTS:
        return False
    j = i - 1
    while j > 0 and unicodedata.category(text[j])[0] == "M":
        if text[j] in HEBREW_POINTS:
            return True
        j -= 1
    return False


def on_letter(text: str, i: int, mark: str) -> bool:
    """Whether the combining mark at `i` sits on a letter of its script, over the marks
    before it (Hebrew `שָׁ` is shin, shin dot, qamats; Thai `หมู่` a vowel and a tone mark)."""
    j = i - 1
    while j > 0 and unicodedata.category(text[j])[0] == "M":
        j -= 1
    return text[j].isalpha() and script(text[j]) == script(mark)


THAI_OBSOLETE = frozenset("\u0e03\u0e05")  # ฃ ฅ, out of use since the 1940s
THAI_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
THAI_VOWEL_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47")
THAI_TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c")


def stacked_wrong(before: str, mark: str) -> bool:
    """Two Thai marks on one consonant that Thai spelling never stacks: a mark after a mark
    is only a tone mark (or the silencer) after a vowel mark (`ู่`); `ิ็` is a Chinese
    text read as cp874."""
    if not ("\u0e31" <= before <= "\u0e4e" and "\u0e31" <= mark <= "\u0e4e"):
        return False
    if unicodedata.category(before)[0] != "M":
        return False
    return not (before in THAI_VOWEL_MARKS and mark in THAI_TONE_MARKS)


def is_sign(c: str) -> bool:
    """A symbol or punctuation beyond ASCII that is not a quote, dash or bracket (those pair
    with each other: `»…`, `–„`) nor a frame piece (frames are runs of them)."""
    if c.isascii() or is_drawing(c):
        return False
    category = unicodedata.category(c)
    return category[0] == "S" or category == "Po"


def in_text(c: str) -> bool:
    """A character beyond ASCII that is not a frame piece or a blank."""
    return not c.isascii() and not is_drawing(c) and not c.isspace()


def upper_before(text: str, i: int) -> bool:
    """Whether the two characters before position `i` are capitals."""
    return i >= 2 and text[i - 1].isupper() and text[i - 2].isupper()


def is_drawing(c: str) -> bool:
    """A box-drawing or block character (DOS code pages hold them where others hold letters):
    drawn frames are runs of them (`╔══╗`), so one alone between words is a misread letter."""
    return "\u2500" <= c <= "\u259f"


def glued(c: str, category: str, before: str, after: str) -> bool:
    """A symbol or number beyond ASCII touching a letter, which ordinary text never has."""
    if category[0] not in "SPN" or category in ALLOWED or c in NEXT_TO_LETTERS:
        return False
    return before.isalpha() or after.isalpha()


@cache
def script(c: str) -> str:
    """The script of a letter, as its Unicode name begins (LATIN, CYRILLIC, HEBREW…)."""
    return unicodedata.name(c, "?").split(" ")[0]


def best_fit(counts: Counter[str]) -> float:
    """How many of the letters (counted) the alphabet of one language holds, for the language
    holding most (a script without an alphabet here, Hebrew or Thai, is one language)."""
    ascii_letters = sum(n for c, n in counts.items() if c.isascii())
    fits = dict.fromkeys(ALPHABETS, ascii_letters)
    scripts: dict[str, int] = {}
    for c, n in counts.items():
        if c.isascii():
            continue
        for language in languages_of(c):
            fits[language] += n
        own = script(c)
        if own not in ("LATIN", "CYRILLIC", "GREEK"):
            scripts[own] = scripts.get(own, 0) + n
    best = max([ascii_letters, *(fit - doubt(la, counts) for la, fit in fits.items())])
    return max(best, *scripts.values()) if scripts else best


def doubt(language: str, counts: Counter[str]) -> float:
    """`DOUBT` of the language, unless the letters hold one that clears it (`UNDOUBTED`)."""
    if language not in DOUBT or not UNDOUBTED[language].isdisjoint(counts):
        return 0.0
    return DOUBT[language]


@cache
def languages_of(c: str) -> tuple[str, ...]:
    """The languages whose alphabet (`ALPHABETS`) holds the letter."""
    return tuple(language for language, alphabet in ALPHABETS.items() if c in alphabet)


# Letters of a language its charset-normalizer table (26 commonest) stops before, appended
# after them (rarer than its last): Hungarian `ő` (`rendező`, `főleg`) was no letter of it, so
# a line of Hungarian in Windows-1250 tied with Portuguese `õ` in Windows-1252, which won
# (completing every language's table this way made Latvian Turkish and `Фильм` Greek again)
BEYOND_TABLE = MappingProxyType({"Hungarian": "őóíüúű"})
# Languages of the family charset-normalizer has no table for, commonest letter first (25, as
# its tables), counted at `MORE_WEIGHT` (an estimate, not its measured tables) and only for
# the common code pages (tier 0): Latvian `ā ē ī š` read as Windows-1254 is Turkish
# `â ç î ğ` (all Turkish letters), and without a Latvian table the tie went to Turkish; at
# full weight and in every tier Lithuanian `Ąžuolas` among English became ISO-8859-4
# `Āūuolas` and Mac Roman `naïve` Mac Latin 2 `naēve`
MORE_FREQUENCIES = MappingProxyType({"Latvian": "aisetrunālkompēvdījzšbgūc"})
MORE_WEIGHT = 0.5


@cache
def letter_weights() -> tuple[dict[str, float], ...]:
    """Each language's letters beyond ASCII, weighted by how common they are (1 for its
    commonest, falling linearly): charset-normalizer's frequency tables, one per language."""
    from charset_normalizer.constant import FREQUENCIES

    tables = []
    for language, measured in FREQUENCIES.items():
        known = {c.lower() for c in measured}
        letters = [*measured, *(c for c in BEYOND_TABLE.get(language, "") if c not in known)]
        n = len(letters)
        table = {c.lower(): 1 - i / n for i, c in enumerate(letters) if not c.isascii()}
        if table:
            tables.append(table)
    for more in MORE_FREQUENCIES.values():
        n = len(more)
        tables.append({c: MORE_WEIGHT * (1 - i / n) for i, c in enumerate(more) if not c.isascii()})
    return tuple(tables)


def commonness(counts: Counter[str], more: bool = True) -> float:
    """How many and how common, in the one language they fit best, the letters beyond ASCII
    (counted, small) of a reading are (the sum of their weights): a misreading within one
    script (KOI8 read as Windows-1251, a case-inverting permutation) gives a language's rarest
    letters, and one that turns letters into signs gives fewer. `more`: with our own tables
    (`MORE_FREQUENCIES`)."""
    tables = letter_weights()
    if not more:
        tables = tables[: len(tables) - len(MORE_FREQUENCIES)]
    return max(
        (sum(n * table.get(c, 0.0) for c, n in counts.items()) for table in tables),
        default=0.0,
    )


def readings(
    sample: bytes,
    candidates: tuple[str, ...] = SINGLE_BYTE,
    coherence: dict[str, float] | None = None,
) -> list[Reading]:
    """Each candidate that decodes the sample, best first: fewest faults, then the candidates'
    order; but between faultless readings in two scripts (Hebrew read as Windows-1251 is
    Cyrillic letters without a fault), the one charset-normalizer finds most coherent (its
    letter frequencies). Weighed in beyond that, coherence made 9 more files of 720 wrong."""
    few = distinct_high(sample) < FEW_DISTINCT
    one = distinct_high(sample) <= FEW_BYTES  # the order decides, never coherence: its
    # answer for one byte changed with the markup around it (`Ş.` in .html, `Ţ.` in .txt)
    ranked, real, texts = scored_readings(sample, candidates, few)
    ranked.sort(key=lambda s: s[0])  # stable: then the candidates' order
    # on a tie, the reading whose letters are most and commonest in a language (the sum of
    # their weights): all-capital KOI8-R is faultless small Cyrillic in Windows-1251
    # (`ФАМИЛИЯ` reads `жбнйлйс`), but Russian's rarest letters; ISO-8859-7 reads the
    # Windows-1253 `ΘΆΛΑΣΣΑ` as `Θ’ΛΑΣΣΑ`, a letter fewer. Measured: bench/encodings.py
    # (only the best are weighed: the order of the rest is not used)
    top = [s for s in ranked if s[0] == ranked[0][0]] if ranked else []
    # a rarer code page (Mac, DOS, the rarer ISO sets) is taken on evidence only, never on a
    # tie with a common one: English with `Škoda` in Windows-1250 was Mac Roman `äkoda`,
    # `Αθήνα` in Windows-1253 Mac Greek `Νηόμα`, Mac Roman curly quotes cp775 `ęquotedė`
    # (its letters' commonness is weighed at a fraction, `PRIOR`: Romanian in Mac Romanian
    # `mâncat plăcintă` is faultless French `mâncat plæcintæ` in Mac Roman, but `ă` is
    # common where `æ` is rare)
    if distinct_high(sample) > FEW_BYTES:
        by_commonness(top, texts, few)
    else:  # too few letters for their commonness to weigh (`Zoë` in Windows-1252 is
        # Lithuanian `Zoė` in Windows-1257, a commoner letter there): the order decides, but
        # a one-letter word no language writes loses (`в` alone, Russian's "in", was `â`;
        # `ή`, Greek's "or", `Ţ`; `№ 5` Polish `ą 5`: hostile 40b E17, E20)
        top.sort(key=lambda s: (TIERS.get(s[2], 0), no_words(texts[s[2]])))
    signs = signs_reading(top, texts)
    if signs is not None:
        top.remove(signs)  # English text with a few signs: see `typographic`
        ranked[: len(top) + 1] = [signs, *top]
        return [Reading(encoding, real[encoding]) for _, _, encoding, _ in ranked]
    ranked[: len(top)] = top
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0] and coherence and top[0][1] and not one:
        # (a reading without letters beyond ASCII is not in it: an Italian line in cp860 read
        # as cp1250 is `Perch‚ … citt…`, signs only, which charset-normalizer found coherent;
        # nor is it moved: `£`, `3 × 4`, `10 ‰` alone were read as `Ł`, `3 Ч 4`, Mac `10 â`)
        best = coherent(top, coherence)
        if best is not top[0]:
            ranked.remove(best)
            ranked.insert(0, best)
    return [Reading(encoding, real[encoding]) for _, _, encoding, _ in ranked]


def scored_readings(
    sample: bytes, candidates: tuple[str, ...], few: bool
) -> tuple[list[Scored], dict[str, float], dict[str, str]]:
    """Each candidate that decodes the sample, in the candidates' order, scored (its faults
    with a rarer page's prior on a text of `few` distinct bytes), and each one's own faults
    and text."""
    ranked: list[Scored] = []
    real: dict[str, float] = {}
    texts: dict[str, str] = {}
    for encoding in candidates:
        try:
            text = texts[encoding] = prose(sample.decode(encoding))
        except UnicodeDecodeError:
            continue  # a byte the encoding leaves undefined
        fault, letters, counts = scored(text)
        real[encoding] = fault
        # (a rarer page's reading counts a fraction of a fault more, `TIER_FAULT`: Greek
        # `see ο and η` was faultless but for its lone Greek words, and the DOS page cp855
        # read it `see № and у`, a sign and one Russian word); on a text of a few distinct
        # bytes only (`FEW_DISTINCT`), where the prior is most of the evidence (a KOI8-R
        # paragraph read as Windows-1251 has 0.04 faults per character, and KOI8-R none)
        # (and only on a reading with a fault: a rarer page that reads the text without one
        # is evidence, as Finnish capitals in cp437 against Windows-1252's `S™IVŽT`)
        prior = TIER_FAULT[TIERS.get(encoding, 0)] if few and fault > 0 else 0.0
        ranked.append((round(fault + prior, 9), letters, encoding, counts))
    return ranked, real, texts


def by_commonness(top: list[Scored], texts: dict[str, str], few: bool) -> None:
    """Order the tied best readings by their letters' commonness (`commonness`, weighed by
    the page's tier, `PRIOR`), then by fewer capitals; on a few letters, a common page and
    words first, commonness within `SHORT_MARGIN` of the best a tie."""
    # (then the reading with fewer capitals: small KOI8-R `набережной` is faultless
    # capitals in Windows-1251, `ОБВЕТЕЦОПК`, letters as common; text is mostly small)
    weighed = {
        s[2]: commonness(s[3], TIERS.get(s[2], 0) == 0) * PRIOR[TIERS.get(s[2], 0)] for s in top
    }
    most = max(weighed.values(), default=0.0)
    # a few letters (a word, a title): commonness within `SHORT_MARGIN` of the best is
    # a tie the order breaks (`Фильм` in Windows-1251 is Greek `Τθλόμ` in 1253, 3% commoner)
    # (or a few distinct bytes, however often repeated: ten lines of Greek capitals
    # `ΝΗΣΊ § 0` were Thai, a line of them right)
    short = sum(top[0][3].values()) < SHORT_LETTERS or few
    near = most * (1 - SHORT_MARGIN) if short else most
    # (and on so few letters a faultless Windows or common ISO reading is not given up
    # for a rarer page: `Świetny film. Źle.` in Windows-1250 is faultless Mac Roman
    # `åwietny … èle`, letters commoner in Swedish and French than `ś ź` in Polish)
    top.sort(
        key=lambda s: (
            short and TIERS.get(s[2], 0) > 0,
            short and no_words(texts[s[2]]),
            -min(round(weighed[s[2]], 9), round(near, 9)),
            capitals(texts[s[2]]),
        )
    )


def signs_reading(top: list[Scored], texts: dict[str, str]) -> Scored | None:
    """English text with a few signs (`typographic`): the first of the tied best readings
    that reads them as signs (of a tier no rarer than the best's: `naïve` is `na’ve` in
    cp775), if any."""
    first = TIERS.get(top[0][2], 0) if top else 0
    return next(
        (
            s for s in top
            if not s[1] and TIERS.get(s[2], 0) <= first and typographic(texts[s[2]])
        ),
        None,
    )  # fmt: skip


COHERENT_NEAR = 0.9  # of the first reading's commonness a coherent one needs
# letters beyond ASCII from which charset-normalizer's coherence is measured on enough text
# to be trusted as it is (a 32 kB Hebrew ISO-8859-8 file, faultless as KOI8-R capitals too,
# was read as those capitals under the gate meant for a few short lines)
COHERENT_LETTERS = 400


def coherent(top: list[Scored], coherence: dict[str, float]) -> Scored:
    """Among faultless readings in two scripts, the one charset-normalizer finds most coherent,
    when its letters are nearly as common as the first's (within `COHERENT_NEAR`, the pages'
    priors aside: Russian in Mac Cyrillic is Greek in Windows-1253, and coherent only in the
    first): Hebrew read as Windows-1251 is faultless Cyrillic. Its coherence of a
    few repeated words is noise that overrode the letters' commonness: ten lines of
    `Заказ № 0` (Windows-1251) were Mac Cyrillic `«аказ є 0`, `Ημέρα 0: 21 °C` (Windows-1253)
    Arabic `اىفٌل` (hostile 40b, E23), a page charset-normalizer had not even scored (0)."""
    first = top[0]
    tied = [s for s in top if s[1]]
    if len({s[1] for s in tied}) < 2:
        return first
    if sum(first[3].values()) >= COHERENT_LETTERS:
        near = tied
        best = max(near, key=lambda s: coherence.get(s[2], 0.0))
        return best if coherence.get(best[2], 0.0) > coherence.get(first[2], 0.0) else first
    weight = {s[2]: commonness(s[3]) for s in tied}
    near = [
        s for s in tied
        if weight[s[2]] >= weight[first[2]] * (
            COHERENT_NEAR if TIERS.get(s[2], 0) <= TIERS.get(first[2], 0) else 1.0)
    ]  # fmt: skip
    # (a rarer page's reading at least as common: Mac Cyrillic `“ема` is a letter short of
    # Windows-1251 `Тема`)
    best = max(near, key=lambda s: coherence.get(s[2], 0.0))
    return best if coherence.get(best[2], 0.0) > coherence.get(first[2], 0.0) else first


Scored = tuple[float, str, str, Counter[str]]  # faults, script, encoding, letters counted


SHORT_LETTERS = 20  # letters beyond ASCII under which commonness is weighed with a margin
SHORT_MARGIN = 0.05
FEW_BYTES = 1  # distinct bytes beyond ASCII: one letter of a name among English (two are
# Romanian `ă â`, which Windows-1252 reads as Portuguese `ã â`: commonness told them apart)
# How rare a code page is (0 the commonest): Windows and the common ISO sets first, then
# Mac Roman and the rarer ISO sets, then DOS and the other Mac code pages (ISO-8859-16 counts
# as common: Romanian `Ș` in it is `Ş` in Windows-1250, told apart by commonness alone; KOI8
# and cp874 stay first: KOI8 Russian and Bulgarian, short Thai titles lost to Windows-1251
# and Windows-1252 readings in their second tier, tests/test_code_pages.py); and
# the weight of the letters' commonness in each tier on a tie (`readings`).
PRIOR = (1.0, 0.5, 0.25)
TIER_FAULT = (0.0, 0.05, 0.2)  # faults per character added to a reading in each tier
FEW_DISTINCT = 8  # distinct bytes beyond ASCII under which (a word or two, however repeated)
TIERS = MappingProxyType({
    **dict.fromkeys(("mac_roman", "iso8859_3", "iso8859_4", "iso8859_10", "iso8859_14",
                     "iso8859_16", "iso8859_6"), 1),
    **dict.fromkeys(("cp850", "cp437", "cp858", "cp852", "cp857", "cp860", "cp861", "cp863",
                     "cp865", "cp775", "cp866", "cp1125", "cp855", "cp737", "cp869",
                     "mac_latin2", "mac_cyrillic", "mac_greek", "mac_turkish", "mac_iceland",
                     "mac_croatian", "mac_romanian"), 2),
})  # fmt: skip


def capitals(text: str) -> int:
    """How many capitals beyond ASCII `text` holds inside words (after a letter: a word's
    first capital is ordinary text, `Õhtul`)."""
    return sum(
        c.isupper() and i > 0 and text[i - 1].isalpha()
        for i, c in enumerate(text)
        if not c.isascii()
    )


def distinct_high(sample: bytes) -> int:
    """How many distinct bytes beyond ASCII the sample holds."""
    return len(set(sample.translate(None, bytes(range(128)))))


SIGNS_PAGE = "cp1252"
CURRENCY = frozenset("€£¥¤")  # (`Price ¤5` in Latin-1 was ISO-8859-15 `€5`: E10)
MARKS = frozenset("©®")
FRACTIONS = frozenset("½¼¾")


def typographic(text: str, glued_dashes: bool = True) -> bool:
    """Whether every character beyond ASCII of `text` is a sign Windows-1252 holds, where
    English typography puts it: an apostrophe between letters, quotes around a word, a dash
    between blanks, digits or (em dash) letters, an ellipsis ending a line or a quotation, a
    currency sign, degree or fraction beside a number, ©/® before a blank, ™ after a word, a
    bullet opening a line. Such a file (the commonest legacy file: English with ’ € ° ½ ©)
    reads as signs in Windows-1252 and, faultless too, as letters elsewhere (Mac Roman
    `directorís`, `12 Ä`; ISO-8859-2 `Š 2020`), which the letters' commonness preferred. A
    single letter beyond ASCII, or a sign out of place (Italian `città` in cp437 is
    `citt…` in the middle of a line), and the letters' reading stands."""
    seen = False
    for i, c in enumerate(text):
        if c.isascii():
            continue
        seen = True
        before = text[i - 1] if i else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        if not glued_dashes and c in "–—" and before.isalpha() and after.isalpha():
            return False
        if not sign_in_place(c, before, after, text[i - 2] if i > 1 else "\n"):
            return False
    return seen


def sign_in_place(c: str, before: str, after: str, before2: str) -> bool:
    """Whether sign `c` between `before` and `after` is where English typography puts it."""
    if c in "’‘":
        if before.isalpha() and after.isalpha():
            return True  # don’t, director’s
        return (c == "‘" and not before.isalnum() and after.isalnum()) or (
            c == "’" and before.isalnum() and not after.isalnum()
        )
    if c in "“":
        return not before.isalnum() and after.isalnum()
    if c in "”":
        return (before.isalnum() or before in ".,!?…") and not after.isalnum()
    if c in "–—":
        return (
            (before.isspace() and after.isspace())
            or (before.isdigit() and after.isdigit())
            or (c == "—" and before.isalpha() and after.isalpha())
        )
    if c == "…":
        return after in "\n\r”’,;:.!?)" or (before.isspace() and after.isspace())
    after_number = before.isdigit() or (before == " " and before2.isdigit())
    if c in CURRENCY:
        return after.isdigit() or after_number
    if c == "°":
        return after_number  # `21°`, `180 °C`
    if c == "µ":
        return (after_number or before.isspace()) and after.isalpha()  # `5 µg`, `10µl`
    if c in FRACTIONS:
        return not before.isalpha()  # `½`, `2½`, `½lb`, `¼in`
    if c in "±§¶":
        return not before.isalpha() and not after.isalpha()  # `±2`, `§ 5`, `¶ 3`
    if c == "×":
        return before.isdigit() or after.isdigit()  # `3×4m`, `2 × 2`
    if c in MARKS:
        return after.isspace() or not after.isalnum() or before.isspace()  # `©Acme`
    if c == "™":
        return before.isalpha() and not after.isalnum()
    if c == "•":
        return before in "\n\r" or (before.isspace() and after.isspace())
    # a no-break space between words or after a number, never opening a word (cp861 `á` is
    # Windows-1252's no-break space: `ásættanlegt` was `\xa0s‘ttanlegt`)
    return c == "\xa0" and not ((before.isspace() or not before) and after.isalpha())


def legacy_encoding(sample: bytes) -> Reading | None:
    """The encoding `sample` (bytes that are not UTF-8) is most plausibly in, or None: by its
    letters (`by_letters`), then, on a short sample, by its words (`by_words`)."""
    found = by_letters(sample)
    return None if found is None else by_words(sample, found)


def by_letters(sample: bytes) -> Reading | None:
    """The encoding `sample` is most plausibly in by its characters, or None.

    charset-normalizer first: a multi-byte encoding it finds least chaotic and most coherent is
    kept; otherwise the single-byte family is scored here (see the module's docstring)."""
    import charset_normalizer

    try:
        if typographic(prose(sample.decode(SIGNS_PAGE)), glued_dashes=False):
            # English with a few signs where typography puts them (`180 °C`, `5 µg`, `§ 5`):
            # a sign byte and the ASCII letter after it are a valid Big5 or GBK pair, and other
            # pages read the sign as a letter; the letters of the text decide nothing here
            # (`180 蚓`, `See ง 5`, `Prix ą2`: hostile pass 40, E22 and E24); not on a dash
            # glued between letters, which Mac Roman's `ó` is (`aplicaci—n`): left to `readings`
            return Reading(SIGNS_PAGE, 0.0)
    except UnicodeDecodeError:
        pass  # a byte Windows-1252 leaves undefined
    results = list(charset_normalizer.from_bytes(sample))
    coherence = {str(r.encoding): r.coherence for r in reversed(results)}
    multi = None
    if results:
        plausible = [r for r in results if r.chaos <= results[0].chaos + 0.01]
        top = max(r.coherence for r in plausible)
        chosen = next(str(r.encoding) for r in plausible if r.coherence == top)
        if in_family(chosen):  # (not its UTF-16 for a 4-character Shift-JIS title)
            multi = Reading(chosen, results[0].chaos)
    # every East Asian encoding that decodes the sample, the one of the commonest characters
    # in its language (`cjk.best_cjk`): charset-normalizer's answer was Korean for short
    # EUC-JP, GB18030 for Shift-JIS with half-width katakana, and none for short texts
    cjk = best_cjk(sample, multi.encoding if multi is not None else None)
    # (charset-normalizer's own codec when its family's superset wins and it reads as well:
    # Python's EUC-KR reads cp949's 8-byte make-up syllables, which cp949 does not; but
    # Shift_JIS-2004 reads cp932's user-defined rows as rare kanji, `𠂉`)
    if multi is not None and cjk is not None and cjk.encoding != multi.encoding:
        own = read_as(sample, multi.encoding) if cjk.encoding == superset(multi.encoding) else None
        if own is None or own.score > cjk.score + CJK_MARGIN:
            multi = Reading(cjk.encoding, multi.faults)
    # only the family: charset-normalizer's other single-byte answers (ISO-8859-14, CP1258,
    # CP775…) won 9 files of Portuguese and Italian Windows-1252 by a letter or a mark
    ranked = readings(sample, SINGLE_BYTE, coherence)
    single = ranked[0] if ranked else None
    clean = cjk is not None and cjk.unusual <= CJK_CLEAN and cjk.wide >= CJK_WIDE
    # a faultless single-byte reading is text when it holds letters (`╒┼╥╒─▒` is GBK read
    # as cp437: frame pieces and no letter; a clean East Asian reading beats it)
    plain = single is not None and single.faults == 0 and (not clean or has_letters(sample, single))
    if multi is not None and cjk is not None and cjk.unusual > CJK_CLEAN and single is not None:
        # its East Asian reading is rare characters (`簀蘰爺乍` for pointed Hebrew,
        # `הַיֶּלֶד` in Windows-1255, was charset-normalizer's EUC-JP): the fewer faults win
        return single if single.faults < cjk.unusual else multi
    doubtful = multi is not None and (multi.faults > 0 or not coherence.get(multi.encoding))
    if multi is not None and not (plain and doubtful):
        return multi  # (a line of Polish capitals in ISO-8859-2 was Shift-JIS to it)
    if cjk is not None and clean and (single is None or cjk.unusual < single.faults or not plain):
        return Reading(cjk.encoding, cjk.unusual)  # no code page reads it as clean text
    return single


def has_letters(sample: bytes, reading: Reading) -> bool:
    """Whether the sample read in a single-byte encoding holds letters beyond ASCII."""
    return bool(faults(sample.decode(reading.encoding))[1])


# A multi-byte reading with at most this share of unusual characters (`cjk.read_as`) is text
# of its language; it wins over a single-byte reading with more faults per character (a
# Shift-JIS line with half-width katakana was KOI8-R box drawing, `░V┌╣┌╒`)
CJK_CLEAN = 0.25
CJK_WIDE = 2  # characters beyond ASCII: one is any byte pair


MIXED_LINES = 2  # sampled lines, at least, before a sample is judged line by line


def line_by_line(lines: list[bytes], found: Reading) -> Reading:
    """The sample's page judged a line at a time when, judged whole, it has faults: lines
    joined from several sources are each in one language, but not all in the same one (a
    French line with `è ù î` and a Spanish one with `ñ` fit no one alphabet, and a file of
    both, or of both beside UTF-8 lines, was read as Windows-1250 `żDónde`, or its legacy
    lines as U+FFFD: hostile42 H13). Each page is scored as the mean, over the characters
    beyond ASCII, of its lines' own faults (a rarer page with its tier's `TIER_FAULT` more);
    another page wins only with fewer than `found`'s (its tier's too when `found` read as
    noise whole) and when it reads as text (`PLAUSIBLE`). A page's alphabet is still one
    language per line: a misread line of one language is noise there too. `found`'s faults
    become its lines' when fewer."""
    if len(lines) < MIXED_LINES or not is_single_byte(found.encoding):
        return found
    tier = TIERS.get(found.encoding, 0)
    if found.faults == 0:
        # (a rarer page reading them all as one language has no evidence over a common page
        # each line reads faultless in, each in its own: a Spanish and a Swedish line in
        # Windows-1252 are Polish `pequeńo ... ćt` in ISO-8859-16)
        # (only a page that had faults whole, where each line is of one language: one that
        # read the sample faultless whole too lost to `found` on its letters' commonness,
        # which stands: Russian in Mac Cyrillic is faultless Greek in Windows-1253)
        if tier == 0:
            return found
        common = (
            e for e in SINGLE_BYTE
            if not TIERS.get(e, 0) and per_line(lines, e) == 0 and whole(lines, e) > 0
        )  # fmt: skip
        return Reading(next(common, found.encoding), 0.0)
    own = per_line(lines, found.encoding)
    if own is None:
        return found
    best = Reading(found.encoding, min(own, found.faults))
    # (a rarer page chosen on a whole sample that reads as noise everywhere has no evidence
    # over a common one its lines read as well in: a Swedish, a German and a Spanish line in
    # Windows-1252 are Polish `ć ń` in ISO-8859-16, line by line)
    best_key = own + (TIER_FAULT[TIERS.get(found.encoding, 0)] if found.faults > PLAUSIBLE else 0)
    if best_key == 0:
        return best
    for encoding in SINGLE_BYTE:
        mean = per_line(lines, encoding) if encoding != found.encoding else None
        if mean is None or mean > PLAUSIBLE:
            continue
        if (key := mean + TIER_FAULT[TIERS.get(encoding, 0)]) < best_key:
            best, best_key = Reading(encoding, mean), key  # (a rarer page, on evidence only)
    return best


def whole(lines: list[bytes], encoding: str) -> float:
    """The faults of the lines read together in `encoding` (as `readings` scores them)."""
    return scored(prose(b"\n".join(lines).decode(encoding)))[0]


def per_line(lines: list[bytes], encoding: str) -> float | None:
    """The mean of the lines' faults in `encoding`, over their characters beyond ASCII; None
    when a byte is undefined there."""
    total = 0.0
    weight = 0
    for line in lines:
        try:
            text = prose(line.decode(encoding))
        except UnicodeDecodeError:
            return None
        n = len(NON_ASCII.findall(text))
        total += scored(text)[0] * n
        weight += n
    return total / weight if weight else 0.0


THIN_BYTES = 12  # bytes beyond ASCII up to which a sample is too little to decide on alone
ALTERNATIVES = 8  # readings named beside the guess


def alternatives(sample: bytes, chosen: str) -> tuple[str, ...]:
    """Other encodings that read a thin sample (at most `THIN_BYTES` bytes beyond ASCII: a
    name, a word) as text as well as `chosen` does: a common single-byte page reading it
    without a fault in another script (the first of each), and each East Asian encoding
    reading it as its language's usual characters (`cjk.read_as`). A 2-character CJK name is
    4 bytes, which a Cyrillic, Thai or Latin page reads as 4 faultless letters (`東京` in
    Shift-JIS is cp866 `УМЛЮ`: hostile42 H20), but not those whose words the chosen reading's
    rule out (`ruled_out`). Empty when the evidence is not thin or nothing else reads it; the
    reader then says it guessed (W017) rather than pick silently."""
    if len(HIGH.findall(sample)) > THIN_BYTES:
        return ()
    seen = {chosen_script(sample, chosen)}
    found: list[str] = []
    for encoding in SINGLE_BYTE:
        if TIERS.get(encoding, 0) or encoding == chosen:
            continue
        try:
            fault, letters, _ = scored(prose(sample.decode(encoding)))
        except UnicodeDecodeError:
            continue
        if fault == 0 and letters and letters not in seen:
            seen.add(letters)
            found.append(encoding)
    chosen_cjk = superset(chosen) if in_family(chosen) else chosen
    for encoding in CJK_CANDIDATES:
        cjk = read_as(sample, encoding)
        clean = cjk is not None and cjk.unusual <= CJK_CLEAN and cjk.wide >= CJK_WIDE
        if clean and encoding != chosen_cjk and not (encoding == "big5hkscs" and "cp950" in found):
            found.append(encoding)  # (Big5-HKSCS reads what cp950 reads: named once)
    own = words_in(sample, chosen)
    found = [e for e in found if not ruled_out(own, words_in(sample, e))]
    return tuple(found[:ALTERNATIVES])


def ruled_out(chosen: tuple[int, int, float, int], other: tuple[int, int, float, int]) -> bool:
    """Whether the words of the chosen reading rule another out (`by_words`): more words a
    dictionary knows (`東京` in Shift-JIS is a Japanese word, cp866 `УМЛЮ` none). Words
    plausible by their pieces alone rule nothing out: that evidence stays thin (W017; GBK
    `安圭拉` is EUC-JP `芦合性`, half of whose pairs are Japanese words')."""
    return chosen[0] > other[0]


HIGH = re.compile(rb"[\x80-\xff]")


def chosen_script(sample: bytes, chosen: str) -> str:
    """The script of most letters of the sample read in `chosen` ("" for East Asian pages)."""
    try:
        return "" if in_family(chosen) else faults(sample.decode(chosen))[1]
    except (UnicodeDecodeError, LookupError):
        return ""


WORD_BYTES = 64  # bytes beyond ASCII up to which the readings' words are looked up


def by_words(sample: bytes, found: Reading) -> Reading:
    """The reading of a short sample whose words beyond ASCII are words of a language
    (`lexicon.known_words`), then whose letters beyond ASCII stand where a language's words
    put them (`lexicon.plausible_words`: a compound no list holds), when another reading that
    reads as text (a single-byte page with at most `PLAUSIBLE` faults, an East Asian one of
    usual characters) has more of them than `found`: Icelandic `Forritið er ekki lengur til`
    in Windows-1252 was Windows-1250 `Forritiđ` (one letter decides nothing, and `ð` is
    Turkish `ğ` in Windows-1254: hostile42 H6), a Shift-JIS name among English lines cp866
    `УМЛЮ` (H20). Among readings with as many, `found`, then the readings' order. Over
    `WORD_BYTES` the letters have decided."""
    if len(HIGH.findall(sample)) > WORD_BYTES:
        return found
    signs = english_signs(sample, found)
    counted = worded_readings(sample)
    own = next((n for e, n, _ in counted if e == found.encoding), None)
    best: Worded = (found.encoding, words_in(sample, found.encoding) if own is None else own,
                    found.faults)  # fmt: skip
    for reading in counted:
        if signs and known_long(sample, reading[0]) == 0:
            continue  # (English with signs gives way to a long word only: `Bolt ¼in` is a
            # word `žin` in ISO-8859-10, cp861 `færsla` Windows-1252 `f‘rsla`)
        if more_words(reading, best):
            best = reading
    return found if best[0] == found.encoding else Reading(best[0], best[2])


def english_signs(sample: bytes, found: Reading) -> bool:
    """Whether `found` reads the sample as English with a few signs (`typographic`), which no
    word decides against (`Bolt ¼in` is a word `žin` in ISO-8859-10)."""
    if found.encoding != SIGNS_PAGE or NBSP_IN_WORDS.search(sample):
        return False  # (no-break spaces inside words are cp861's `á`: `sjálfklárun` was
        # Windows-1252 `sj\xa0lfkl\xa0run`)
    try:
        return typographic(prose(sample.decode(SIGNS_PAGE)), glued_dashes=False)
    except UnicodeDecodeError:
        return False


# a no-break space after a letter and before no capital or digit (`New\xa0York`, `page\xa05`)
NBSP_IN_WORDS = re.compile(rb"[a-zA-Z]\xa0(?![0-9A-Z])")
LONG_WORD = 4  # letters from which a word known is evidence against English signs


def known_long(sample: bytes, encoding: str) -> int:
    """Words of `LONG_WORD` letters or more, known (`lexicon.known_words`), of the sample read
    in `encoding`."""
    try:
        text = prose(sample.decode(encoding, "replace"))
    except LookupError:
        return 0
    return known_words(" ".join(w for w in lexicon_words(text) if len(w) >= LONG_WORD),
                       languages_of)  # fmt: skip


FAULT_SLACK = 0.015  # faults per character a reading may have more and win on its words (more
# than Icelandic's `DOUBT`)
SUPPORT_MARGIN = 1.5  # times the support of a reading's words another needs, all else equal


def more_words(reading: Worded, than: Worded) -> bool:
    """Whether `reading`'s words are better evidence than `than`'s, when it has no more faults
    (`FAULT_SLACK`): more words known (a dictionary's word is evidence for any page); else more
    words whose letters stand where a language puts them (a rarer page only over a reading with
    none); else, in a page no rarer, `SUPPORT_MARGIN` times as well supported
    (`lexicon.support`: Icelandic `lykilorðstexti` over Windows-1257 `lykiloršstexti`, both
    pieces of words somewhere)."""
    encoding, (known, plausible, support, _), fault = reading
    other, (known_o, plausible_o, support_o, than_words), fault_o = than
    if fault > fault_o + FAULT_SLACK:
        return False  # (words are no evidence over faults: Estonian `õ` has no list here,
        # and Windows-1250 `ő` made more Hungarian-looking words of it, with a fault in five;
        # Serbian `Јуче … ђаци` in Windows-1251 is Mac Cyrillic `£уче … Раци`, Russian words)
    if known != known_o:
        return known > known_o
    if plausible != plausible_o and TIERS.get(encoding, 0) > TIERS.get(other, 0):
        # (a rarer page only over a reading of letters none of which stand as a language's:
        # Windows-1252 `Brand™ 0¢` is Mac Roman `Brandô`; cp861 `flýtilykilsmerki` Mac Roman
        # `flòtilykilsmerki`)
        return plausible > plausible_o and plausible_o == 0 and than_words > 0
    if plausible != plausible_o:
        return plausible > plausible_o
    # (the pieces' frequencies alone never take a rarer page: Windows-1251 `Склад` is Mac
    # Cyrillic `—клад`, a commoner Russian word)
    return TIERS.get(encoding, 0) <= TIERS.get(other, 0) and support > SUPPORT_MARGIN * support_o


# encoding, (words known, words plausible, their support, pieces with letters beyond ASCII),
# faults
Worded = tuple[str, tuple[int, int, float, int], float]


def worded_readings(sample: bytes) -> list[Worded]:
    """Every reading of the sample as text (`by_words`) with its words, in the order `readings`
    ranks them, then the East Asian ones; a text read alike by two is counted once."""
    out: list[Worded] = []
    texts: set[str] = set()
    for reading in readings(sample):
        if reading.faults > PLAUSIBLE:
            continue
        text = sample.decode(reading.encoding)
        if text not in texts:
            texts.add(text)
            out.append((reading.encoding, words_of(text), reading.faults))
    for encoding in CJK_CANDIDATES:
        cjk = read_as(sample, encoding)
        if cjk is None or cjk.unusual > CJK_CLEAN or cjk.wide < CJK_WIDE:
            continue
        text = sample.decode(encoding, "replace")
        if text not in texts:
            texts.add(text)
            out.append((encoding, words_of(text), 0.0))  # (usual text: no fault)
    return out


def words_of(text: str) -> tuple[int, int, float, int]:
    """(words known, words plausible, their support, pieces of letters beyond ASCII) of a
    reading (`lexicon`)."""
    shown = prose(text)
    return (
        known_words(shown, languages_of),
        *plausible_words(shown, languages_of),
        lettered(shown),
    )


def words_in(sample: bytes, encoding: str) -> tuple[int, int, float, int]:
    """`words_of` the sample read in `encoding`."""
    try:
        return words_of(sample.decode(encoding))
    except (UnicodeDecodeError, LookupError):
        return 0, 0, 0.0, 0
