"""Which legacy encoding a sample of bytes (lines that are not UTF-8) is in.

Multi-byte encodings (Shift-JIS, GBK, Big5, EUC-KR…) are told apart by charset-normalizer,
which does it well (`bench/encodings.py`). The single-byte family (Windows-125x, ISO-8859-x,
KOI8, Mac Roman) is where it fails: their bytes decode to letters in every member, and its
language model sees only each language's 26 commonest letters, so Polish and Czech text came
out as Windows-1252 or ISO-8859-10 and Turkish as Windows-1252. Here every single-byte candidate
decodes the sample, and the decoding that reads as ordinary text wins: no control characters,
no symbol glued to a letter (`kalaba³k`), no capital inside a word (`пРИВЕТ` is KOI8 read as
Windows-1251), and every letter beyond ASCII from the alphabet of one language (Turkish `ğış`,
not Icelandic `ðýþ`). Measured on real text in 45 (language, encoding) pairs: see
docs/encodings.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

# Tried in this order; on a tie (the sample decodes the same in both: no byte that differs),
# the first: Windows code pages before the ISO sets they extend, Latin before the rest.
SINGLE_BYTE = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257",
    "iso8859_15", "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_13",
    "latin_1", "koi8_r", "koi8_u", "mac_roman", "cp1255", "cp1256", "cp874", "iso8859_8",
)  # fmt: skip

# The letters beyond ASCII of each language written in these encodings (lower case).
LATIN = "a-z"
CYRILLIC = "а-яё"
ALPHABETS = {
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
}  # fmt: skip
# Languages whose letters are another's in another encoding, counted as a little less than a
# fit: Icelandic `ðýþ` in Windows-1252 are Turkish `ğış` in Windows-1254 (a Turkish file reads
# as faultless Icelandic; an Icelandic one has `áéíóúæ`, which Turkish lacks).
DOUBT = {"is": 0.1}
# Punctuation beyond ASCII that ordinary text puts next to a letter.
NEXT_TO_LETTERS = frozenset("…·•°€£¥§©®™¿¡\xa0´׳״")
ALLOWED = frozenset({"Pd", "Pi", "Pf", "Ps", "Pe"})  # dashes, quotes, brackets
CLOSING = frozenset("’”»")
INSIDE_WORDS = frozenset("’ʼ·\u2010\u2011")  # what ordinary text puts between two letters
NON_ASCII = re.compile(r"[^\x00-\x7f]")
CONTROL_PENALTY = 3.0  # a C1 control character: no text holds one
PLAUSIBLE = 0.2  # at most this many faults per character beyond ASCII: text, not noise


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
    positions = [m.start() for m in NON_ASCII.finditer(text)]
    if not positions:
        return 0.0, ""
    bad = 0.0
    letters: list[str] = []
    for i in positions:
        c = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        category = unicodedata.category(c)
        if category in ("Cc", "Cn", "Co") or c == "\ufffd":
            bad += CONTROL_PENALTY
        elif category[0] == "L":
            letters.append(c.lower()[0])  # İ lowers to i and a combining dot
            if c.isupper() and before.islower():
                bad += 1  # a capital after a small letter (`пРИВЕТ`); all capitals are text
            own = script(c)
            if any(n.isalpha() and script(n) != own for n in (before, after)):
                bad += 1  # letters of two scripts in one word: `kalabalэk`
        elif before.isalpha() and after.isalpha() and c not in INSIDE_WORDS:
            bad += 1  # a dash, quote or sign inside a word: `NI—O` is `NIÑO` misread
        elif c in CLOSING and after.isalpha() and not before.isalpha():
            bad += 1  # a closing quote opening a word: `’θήνα` is `Άθήνα` misread
        elif glued(c, category, before, after):
            bad += 1  # a symbol glued to a word: `kalaba³k`
    if letters:
        bad += len(letters) - best_fit(letters)
    common = Counter(script(c) for c in letters if not c.isascii()).most_common(1)
    return bad / len(positions), common[0][0] if common else ""


def glued(c: str, category: str, before: str, after: str) -> bool:
    """A symbol or number beyond ASCII touching a letter, which ordinary text never has."""
    if category[0] not in "SPN" or category in ALLOWED or c in NEXT_TO_LETTERS:
        return False
    return before.isalpha() or after.isalpha()


@cache
def script(c: str) -> str:
    """The script of a letter, as its Unicode name begins (LATIN, CYRILLIC, HEBREW…)."""
    return unicodedata.name(c, "?").split(" ")[0]


def best_fit(letters: list[str]) -> float:
    """How many of `letters` the alphabet of one language holds, for the language holding most
    (a script without an alphabet here, Hebrew or Thai, is one language)."""
    counts: dict[str, int] = {}
    for c in letters:
        counts[c] = counts.get(c, 0) + 1
    best: float = sum(n for c, n in counts.items() if c.isascii())
    for language, alphabet in ALPHABETS.items():
        fit = sum(n for c, n in counts.items() if c in alphabet or c.isascii())
        best = max(best, fit - DOUBT.get(language, 0.0) * fit)
    scripts: dict[str, int] = {}
    for c, n in counts.items():
        own = script(c)
        if not c.isascii() and own not in ("LATIN", "CYRILLIC", "GREEK"):
            scripts[own] = scripts.get(own, 0) + n
    return max(best, *scripts.values()) if scripts else best


@cache
def letter_weights() -> tuple[dict[str, float], ...]:
    """Each language's letters beyond ASCII, weighted by how common they are (1 for its
    commonest, falling linearly): charset-normalizer's frequency tables, one per language."""
    from charset_normalizer.constant import FREQUENCIES

    tables = []
    for letters in FREQUENCIES.values():
        n = len(letters)
        table = {c.lower(): 1 - i / n for i, c in enumerate(letters) if not c.isascii()}
        if table:
            tables.append(table)
    return tuple(tables)


def commonness(text: str) -> float:
    """How many and how common, in the one language they fit best, the letters beyond ASCII
    of `text` are (the sum of their weights): a misreading within one script (KOI8 read as
    Windows-1251, a case-inverting permutation) gives a language's rarest letters, and one
    that turns letters into signs gives fewer."""
    counts = Counter(c.lower() for c in NON_ASCII.findall(text) if c.isalpha())
    return max(
        (sum(n * table.get(c, 0.0) for c, n in counts.items()) for table in letter_weights()),
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
    scored = []
    for encoding in candidates:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue  # a byte the encoding leaves undefined
        fault, letters = faults(text)
        scored.append((round(fault, 9), letters, encoding, text))
    # on a tie, the reading whose letters are most and commonest in a language (the sum of
    # their weights): all-capital KOI8-R is faultless small Cyrillic in Windows-1251
    # (`ФАМИЛИЯ` reads `жбнйлйс`), but Russian's rarest letters; ISO-8859-7 reads the
    # Windows-1253 `ΘΆΛΑΣΣΑ` as `Θ’ΛΑΣΣΑ`, a letter fewer. Measured: bench/encodings.py
    scored.sort(key=lambda s: (s[0], -commonness(s[3])))  # stable: then the candidates' order
    if len(scored) > 1 and scored[0][0] == scored[1][0] and coherence:
        tied = [s for s in scored if s[0] == scored[0][0]]
        if len({s[1] for s in tied}) > 1:
            best = max(tied, key=lambda s: coherence.get(s[2], 0.0))
            scored.remove(best)
            scored.insert(0, best)
    return [Reading(encoding, fault) for fault, _, encoding, _ in scored]


def legacy_encoding(sample: bytes) -> Reading | None:
    """The encoding `sample` (bytes that are not UTF-8) is most plausibly in, or None.

    charset-normalizer first: a multi-byte encoding it finds least chaotic and most coherent is
    kept; otherwise the single-byte family is scored here (see the module's docstring)."""
    import charset_normalizer

    results = list(charset_normalizer.from_bytes(sample))
    coherence = {str(r.encoding): r.coherence for r in reversed(results)}
    if results:
        plausible = [r for r in results if r.chaos <= results[0].chaos + 0.01]
        top = max(r.coherence for r in plausible)
        chosen = next(str(r.encoding) for r in plausible if r.coherence == top)
        multi = None if is_single_byte(chosen) else Reading(chosen, results[0].chaos)
    else:
        multi = None
    # only the family: charset-normalizer's other single-byte answers (ISO-8859-14, CP1258,
    # CP775…) won 9 files of Portuguese and Italian Windows-1252 by a letter or a mark
    ranked = readings(sample, SINGLE_BYTE, coherence)
    doubtful = multi is not None and (multi.faults > 0 or not coherence.get(multi.encoding))
    if multi is not None and not (ranked and ranked[0].faults == 0 and doubtful):
        return multi  # (a line of Polish capitals in ISO-8859-2 was Shift-JIS to it)
    return ranked[0] if ranked else None
