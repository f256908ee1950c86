"""Spans a translation must carry byte-identical: links, e-mail addresses, @handles, #hashtags,
numbers with their units, clock times, codes and identifiers, inline code between backticks
(backticks included), file names, and titles written as names inside quotation marks.

Engines mangle each of these: Apertium lower-cases a link (`youtu.be/dQw4w9WgXcQ` →
`youtu.be/dqw4w9wgxcq`, a dead link), reads `y_2` as the pronoun `y` (and wrote its tag,
`<prn>_2`), `report_v2.pdf` as a sentence end (`report_v2.Pdf`), `MP3` as a word (`Mp3`),
`snake_case` as two words (`snake_cabin`). The stage replaces each span by a token the engine
passes through (`protect.mask`, as for names) and puts it back as written.

What is a span is decided by the shape of a whitespace-separated chunk (its characters: an
underscore, letters glued to digits, a capital inside a lower-case word, `://`, `@`, a file
extension), not by a list of words: a chunk is checked once, so finding spans is linear in the
text. Ordinals (`1er`, `2e`, `3rd`) are words the engine translates (`1er` → `1st`), not codes;
Roman ones (`XXe`, `XIVe`, `Ier`) are carried as written (the engine wrote "Xxi", "XIV").
Numbers with their units span chunks (`1 200 €`, `3,5 km`, `12 %`): one regular expression
whose every quantifier is bounded or followed by a character it cannot match, and which starts
only where a number starts (a look-behind), so it never backtracks over a long run.

A title in quotation marks (`« Les Quatre Cents Coups »`) is a name when written as one: it
opens with a capital letter, holds at most `TITLE_WORDS` words, no sentence punctuation
(`,;.!?…`; an abbreviation's dot is none: "Les Vacances de M. X"), and at least half its words
of three letters or more are capitalised; a quoted line of dialogue (`« Sans toi, je suis
seule »`) or clause (`« Nous ne voulons pas faire payer ce prix »`) is translated. On the
three dev MT sets this finds 35 titles, 28 of which the human reference keeps verbatim;
without the capital rule, quoted clauses came in too (news chrF −0.03).
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from types import MappingProxyType

import regex

from pipeline.engines.translate.invisible import FORMAT

CHUNK = re.compile(r"\S+")


def marks(*categories: str) -> str:
    """Every character of the Basic Multilingual Plane in these Unicode categories."""
    return "".join(by_category().get(category, "") for category in categories)


@cache
def by_category() -> dict[str, str]:
    """The punctuation and symbols of the Basic Multilingual Plane by Unicode category: one
    pass at import, for every table of marks."""
    found: dict[str, list[str]] = {}
    for c in map(chr, range(0x10000)):
        category = unicodedata.category(c)
        if category[0] in "PS":
            found.setdefault(category, []).append(c)
    return {category: "".join(chars) for category, chars in found.items()}


# Leading / trailing characters of a chunk that are punctuation around it, not part of it: every
# opening bracket and quotation mark (Unicode's Ps, Pi, Pf: « » ‹ › “ ” „ ‚ ‘ ’ 「 」 『 』 ( [ {:
# a quote that closes in one language opens in another, » « in German) and every closing one
# (Pe, Pi, Pf), with the quotes of `QUOTES`, sentence punctuation after a chunk, `<` `>` around an
# address ("Marie <marie@x.fr>"), `*` emphasis around a file name in Markdown ("*notes.pdf*").
LEAD = marks("Ps", "Pi", "Pf") + "\"'¡¿<*"
TRAIL = marks("Pe", "Pi", "Pf") + "\"'.,;:!?…>*"
# A sign glued before a token ("Voir :#ÉTÉ", "→prénom.vin@ixr.fr", "| @NUIT |", "=site.fr/x"):
# any punctuation or symbol but those a frozen token may start with (a handle, a hashtag, a
# variable, a path, a dotfile, a sign before a number, inline code), read off when the chunk
# with it is no span.
STARTS = "@#$%~/\\._+-−`&"
GLUED = "".join(
    c
    for c in marks("Pc", "Pd", "Po", "Ps", "Pe", "Pi", "Pf", "Sm", "Sc", "Sk", "So")
    if c not in STARTS
)
GLUED_AFTER = "".join(c for c in GLUED if unicodedata.category(c) not in ("Ps", "Pe"))
# The same as sets: whether a chunk's first or last character is one, at once (`str.strip`
# scans its thousands of characters for each character it reads).
LEADING = frozenset(LEAD)
GLUED_BEFORE = frozenset(GLUED + "+~")
GLUED_AFTERWARDS = frozenset(GLUED_AFTER)
# An elided word before a chunk ("l'", "d’", "qu'", "jusqu'"): a letter run and an apostrophe,
# read off when the chunk as a whole is no span ("l'#école" holds the hashtag "#école").
ELISION = re.compile(r"[^\W\d_]{1,7}['’]")
# Currency symbols (Unicode category Sc; all of them lie in the Basic Multilingual Plane but
# one, U+1E2FF, and U+11FDD-11FE0 Tamil fractions: left out).
CURRENCY = re.escape(
    "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Sc")
)
# Unit symbols written the same in every language (SI, data, currency): a word of a language
# ("ans", "heures") is no unit; it is translated.
UNITS = (
    "%|‰|‱|°C|°F|°|km/h|km²|km2|m²|m³|cm²|mm|cm|dm|km|kg|mg|µg|µm|nm|ml|cl|dl|mL|kWh|Wh|kW|MW|"
    "GW|mA|mV|kV|Hz|kHz|MHz|GHz|Go|Mo|Ko|To|GB|MB|KB|kB|TB|kbit/s|Mbit/s|px|pt|ha|min|ms|"
    "[gmlLhsWVAt]"
)
# An SI symbol with a prefix and a power ("mSv", "kt", "hPa", "dB", "dm³", "µSv"): the prefixes
# but atto, zepto, yocto ("as", "zs": words) and the derived units' symbols.
SI_UNIT = (
    "(?:[fpnµμmcdhkMGTP]|da)?"
    "(?:mol|cd|Hz|Pa|Wb|lm|lx|Bq|Gy|Sv|kat|eV|bar|Wh|bit|[mgsAKNJWCVFΩSTHLlBt])[²³]?"
)
# A data unit with a decimal or binary prefix ("Mb", "Go", "KiB", "Gio") and the bit.
DATA_UNIT = "(?:[kKMGTPE]i?(?:bit|[bBo])|bit)"
# Symbols outside SI an engine has no word for: the ångström, French horsepower ("ch", "CV").
OTHER_UNIT = "Å|ch|CV"
# A power written as superscripts ("h⁻¹", "m⁻³", "s²").
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
POWER = f"(?:⁻?[{SUPERSCRIPTS}]{{1,2}})"
# One symbol: the first alternative that is not followed by a letter ("mol", not "m" + "ol"; a
# superscript is a letter to `\w`, not here);
# atomic, so a failed match never retries it by another alternative.
UNIT_SYMBOL = rf"(?>(?:{UNITS}|{SI_UNIT}|{DATA_UNIT}|{OTHER_UNIT})(?![^\W\d_{SUPERSCRIPTS}]))"
# A product of units: "N·m", "kW⋅h", and "km h⁻¹", "kg m⁻³" (after a blank, only with a power:
# "3 m s" is no unit).
COMPOUND_UNIT = (
    rf"{UNIT_SYMBOL}{POWER}?+"
    rf"(?:[·⋅]{UNIT_SYMBOL}{POWER}?+"
    rf"|[ \u00a0\u202f\u2009\u2007]{UNIT_SYMBOL}{POWER}?+(?<=[{SUPERSCRIPTS}])){{0,3}}+"
)
# A currency with a scale before it ("M€", "Md€", "k$", "Mds €" is a word and a sign).
SCALED_CURRENCY = "(?:k|M|Md|Mds|Mrd|G|bn)"
# A blank inside a number or before its unit: a space, a no-break space, a narrow one, the
# thin space and the figure space typesetters group digits with ("4\u2009500 kg").
SPACE = "[ \u00a0\u202f\u2009\u2007]"
# 1 200 000 or 1200000; a group is three digits, not the start of four ("12 2024": no "12 202")
DIGITS = r"\d{1,3}(?:" + SPACE + r"\d{3}(?!\d))+|\d+"
# A unit per another: "mg/L", "Mo/s", "€/mois", "kg/m³" (the second a unit or a word).
PER = rf"(?:/(?:{UNITS}|[{CURRENCY}]|[^\W\d_]{{1,12}}))?"
# The signs that number what follows ("N° 14", "nº 3", "№ 7", "§ 29", "§§ 3").
NUMBER_SIGN = "(?:[Nn][°º]|№|§§?)"
NUMBER = re.compile(
    rf"(?<![\w.,{CURRENCY}])"
    rf"(?:[{CURRENCY}]{SPACE}?|×|{NUMBER_SIGN}{SPACE}?)?"  # €12, ×9, N° 14
    rf"[-+−–]?(?:{DIGITS})(?:[.,]\d+)*"  # 3,5 / 1.2.3 / –9 (an en dash as minus)
    # a range or a product: 36–88, 9,4–14,7, 852×1039, 2 × 3
    rf"(?:{SPACE}?[–—×]{SPACE}?[-+−]?\d++(?:[.,]\d+)*+)*+"
    # (a unit's letter before an apostrophe and a letter is an elided word: "42 T'es-tu")
    rf"(?:{SPACE}?(?:{COMPOUND_UNIT}|{SCALED_CURRENCY}?[{CURRENCY}]){PER}(?![\w]|['’][^\W\d_]))?"
)  # 12 %, 3,5 km, 1 200 €, 9 mg/L, 47,7 M€, 48 dm³, 68 mSv, 7 Mb/s, 99 km h⁻¹
# A clock time written with blanks ("21 h 42", "8 h 05"; "21h42" is one chunk: `CLOCK`).
SPACED_CLOCK = re.compile(rf"(?<![\w.,])(?:[01]?\d|2[0-3]){SPACE}?h{SPACE}?[0-5]\d(?!\w)")
# A capitals label a no-break space binds to the number it names ("ISBN 978-…", "EAN 3…"):
# carried with it. An ordinary space binds nothing ("PIB 3 %": the engine's).
LABEL_BOUND = re.compile(r"(?<![\w-])[A-Z]{2,6}(?:-\d{1,3})?[\u00a0\u202f](?=\d)")
# A span of years ("2016/2026", "2016/17": a season, a school year).
YEARS = re.compile(r"(?:1\d|20)\d\d/(?:\d\d|(?:1\d|20)\d\d)")
# Digits in three groups or more (a telephone number, "+33 1 14 81 57 68", "06.12.34.56.78"),
# and an IBAN ("FR76 1356 3597 2094 …"): engines join the groups. Never started inside a run
# (the second look-behind), and possessive: linear on a long one.
DIGIT_GROUPS = re.compile(
    r"(?:(?<![\w+])\+|(?<![\w+])(?<!\d[ .\u00a0\u202f\u2009\u2007-]))"
    r"\d{1,4}+(?:[ .\u00a0\u202f\u2009\u2007-]\d{1,4}+){2,}+(?![\w])"
    r"|(?<!\w)[A-Z]{2}\d{2}(?:[ \u00a0\u202f][A-Z0-9]{4}){2,7}+"
    r"(?:[ \u00a0\u202f][A-Z0-9]{1,3})?(?!\w)"
    # hyphenated groups of any length: an ISBN ("978-2-89-655916-4", "2-07-036024-X")
    r"|(?<![\w-])\d++(?:-\d++){2,}+(?:-X)?(?![\w-])"
)
# A variable of a shell's environment (cmd's %NAME%, POSIX's $NAME and ${NAME}).
# Its name in any script's letters ("$ÉTÉ": the engine wrote "$BEEN").
ENVIRONMENT_VARIABLE = re.compile(r"%[^\W\d]\w*+%|\$\{[^\W\d]\w*+\}|\$[^\W\d]\w*+")
# Code: a call (`carte()`, `école.carte()`, `os.path.join(x)`: names joined by `.` or `->`,
# then parentheses, empty or, after a dotted name, holding no blank; "fichier(s)", "mkswap(8)"
# are words) and a scoped name (`rose::rose`, `std::vector`); each starts only where a name
# starts (a look-behind): linear under any scan. A dotted name
# without the call is a sentence missing its blank ("fin.Début"): left alone.
NAME = r"[^\W\d]\w*+"
CODE_CALL = re.compile(
    rf"(?<![\w.:>-])(?:{NAME}(?:(?:\.|->|::){NAME})*+\(\)"
    rf"|{NAME}(?:(?:\.|->|::){NAME})++\([^\s()]*+\))"
)
SCOPED = re.compile(rf"(?<![\w:]){NAME}(?:::{NAME})++(?:\([^\s()]*+\))?")
# A page's section after a file name or a link (`avis.html#livre`): letters, digits, `-`, `_`,
# `.`, `:` (HTML ids).
FRAGMENT = re.compile(r"[\w.:-]+")
# A Markdown link: its label and its target, each a span or not (each may hold one level of
# brackets: `[a@[127.0.0.1]](mailto:a@[127.0.0.1])`, `[a.b()](a.b())`).
MARKDOWN_LINK = re.compile(
    r"\[((?:[^\[\]\s]|\[[^\[\]\s]*+\])++)\]\(((?:[^()\s]|\([^()\s]*+\))++)\)"
)
DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])")  # 18/3, 25/09
MONTH_YEAR = re.compile(r"(?:0?[1-9]|1[0-2])/(?:1\d|20)\d\d")  # 03/2024: a card's expiry, a month
# A number that stays a plain integer, and an ordinal: left to the engine.
PLAIN_INTEGER = re.compile(r"[-+−]?\d+")
ORDINAL = re.compile(r"(?<!\d)\d+(?:er|re|ère|e|è|ème|eme|nd|nde|d|de|st|rd|th|º|ª|o|a|ºs|os|as)",
                     re.IGNORECASE)  # fmt: skip
# A French ordinal's ending, and the ones its number takes in French spelling (1er, 1re, 1ère;
# 2d, 2nd, 2de, 2nde; 2e, 3ème, 4es): the engine translates these ("3ème" → "3rd"), and garbles
# the same endings on another number or without the accent ("3eme" → "3.ºme", "22er" →
# "22.ºr", "3ère" → "3was", "1ème" → "1and"): those are carried as written.
FRENCH_ORDINAL = re.compile(r"(?<!\d)\d++(?:er|re|ère|e|è|ème|eme|nd|nde|d|de)s?", re.IGNORECASE)
STANDARD_ORDINAL = re.compile(
    r"(?<!\d)(?:0*+1(?:er|re|ère)s?|0*+2(?:nde?|de?)s?|(?!0*+1(?!\d))\d++(?:e|ème)s?)",
    re.IGNORECASE,
)
# A Roman numeral with a French ordinal ending ("XXe siècle", "XIVe", "Ier"): the engine
# drops the ending or changes the case ("Xxi"); carried as written. One letter that with "e"
# writes a word ("Le", "Ce", "De", "Me") is no numeral.
ROMAN_ORDINAL = re.compile(
    r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?:e|ème|ᵉ)"
    r"|I(?:er|re|ère|ᵉʳ|ʳᵉ)"  # "Ier", "Ire": never "Ver" (a worm), "Vers" (towards)
)
CLOCK = re.compile(r"(?:[01]?\d|2[0-3])(?:[h:][0-5]\d(?::[0-5]\d)?|h)")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}://|www\.|mailto:|doi:10\.", re.IGNORECASE)
# An address's local part: RFC 5322's atext (letters, digits and ! # $ % & ' * + / = ? ^ _ `
# { | } ~ -) and dots, any script's letters (RFC 6531) and the typographic apostrophe a text
# editor writes for "'" ("o'brien@mail.ie", "o’brien@mail.ie": not an elided "o'").
LOCAL_PART = re.compile(r"[\w.!#$%&'’*+/=?^`{|}~-]+")
# A host's label in any script (IDNA: letters, digits, hyphens: "hôtel", "xn--htel-bpa").
LABEL = re.compile(r"(?:[^\W_]|-)+")
# A bare DOI (the registrant prefix "10.NNNN" and a suffix of any characters but blanks).
DOI = re.compile(r"10\.\d{4,9}/\S+")
PORT = re.compile(r"\d{1,5}")
IPV4 = re.compile(r"(?:\d{1,3}\.){3}\d{1,3}")
STEM = re.compile(r"[\w-]+")
EXTENSION = re.compile(r"[a-z0-9]{2,5}|[A-Z0-9]{2,5}")  # notes.pdf, SCAN.PDF, budget.PDF
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d+")
CAMEL = re.compile(r"[a-z][A-Z]")
LETTER_DIGIT = re.compile(r"[^\W\d_][-‐]?\d|\d[-‐]?[^\W\d_]")
TITLE_WORDS = 8
# Longer than any word of a dictionary (French's longest are ~25 letters): carried as written.
# Apertium on one 5,000-character word takes 0.21 s, on 20,000 4.1 s (bench/cost.py).
LONGEST_WORD = 64
QUOTES = MappingProxyType({"«": "»", "“": "”", '"': '"', "‹": "›", "„": "“"})
assert all(o in LEAD and c in TRAIL for o, c in QUOTES.items())
QUOTED = re.compile(
    "|".join(
        f"{re.escape(o)}[^{re.escape(o + c)}\n]{{1,200}}{re.escape(c)}" for o, c in QUOTES.items()
    )
)
SENTENCE_PUNCTUATION = re.compile(r"[,;.!?…]")
# An abbreviation's or initial's dot before a capitalised word, no sentence's end inside a
# title ("Les Vacances de M. X", "St. X", "J. X").
ABBREVIATION = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,3}\.(?=[ \u00a0][^\W\d_])")


# Inline code (Markdown backticks): code, whatever words it holds ("`git commit`", "`le chat`").
# The run stops at the next backtick or line end: each character is read once. A span opened
# by a run of backticks (CommonMark: "``ls `pwd` ``", a backtick inside) closes at the next run
# as long, at most `CODE_SPAN` characters on (bounded: linear), holding no '' (TeX's quotes,
# ``like this'', in GNU manuals: prose).
CODE_SPAN = 200
INLINE_CODE = re.compile(
    rf"(?<!`)(``+)(?!`)(?:[^\n']|'(?!')){{1,{CODE_SPAN}}}?(?<!`)\1(?!`)|`[^`\n]+`"
)


# An ordinal written with a dot and an indicator ("1.º", "2.ª", "3.ºs"). Apertium's Spanish
# analyser reads it ("3.º puesto" → "3rd place"); the Portuguese one reads "1." as a
# sentence's end, and the next word came out capitalised ("O 1.º lugar" → "It 1.º Place"):
# carried as written in the languages listed.
DOTTED_ORDINAL = re.compile(r"(?<![\w.,])\d{1,4}\.[ºª]s?(?!\w)")
DOTTED_ORDINAL_CARRIED = frozenset({"pt"})


# An emoji: a pictograph (or a keycap's base) with what joins or modifies it (a variation
# selector, a skin tone, a keycap, tag characters) and the pictographs a zero-width joiner adds
# ("👨‍👩‍👧‍👦", "❤️", "🏳️‍🌈", "🧑🏿‍💻", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"), or a flag (two regional indicators): one
# grapheme cluster an engine may split, drop a joiner of ("👨👩👧👦": four people) or a selector
# of, or read as a sentence's end ("Marie 👍 chante" → "Marie 👍 Sings"). A pictograph alone
# counts when emoji is its default presentation ("👍", not "©", "™", "☀" without its selector).
# Possessive: linear on any run.
EMOJI_MARK = r"[\uFE0E\uFE0F\u20E3\p{Emoji_Modifier}\U000E0020-\U000E007F]"
EMOJI = regex.compile(
    rf"(?:\p{{Extended_Pictographic}}|[#*0-9])(?:{EMOJI_MARK})*+"
    rf"(?:\u200D\p{{Extended_Pictographic}}(?:{EMOJI_MARK})*+)*+"
    r"|\p{Regional_Indicator}{2}"
)
# What a text holding an emoji holds: a pictograph shown as emoji, a joiner, a selector, a
# keycap, a tag (a regional indicator and a skin tone are shown as emoji).
EMOJI_HINT = regex.compile(r"[\p{Emoji_Presentation}\u200D\uFE0E\uFE0F\u20E3\U000E0020-\U000E007F]")
SHOWN_AS_EMOJI = regex.compile(r"\p{Emoji_Presentation}")


def emoji_spans(text: str) -> Iterable[tuple[int, int]]:
    """The emoji of `text` (`EMOJI`: a sequence of two code points or more, or one shown as
    emoji), each carried whole. A text without one costs one scan."""
    if text.isascii() or EMOJI_HINT.search(text) is None:
        return
    for match in EMOJI.finditer(text):
        if match.end() - match.start() > 1 or SHOWN_AS_EMOJI.match(match[0]):
            yield match.span()


def language_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """What `lang`'s route garbles beyond `frozen_spans`: its dotted ordinals (see above)."""
    if lang not in DOTTED_ORDINAL_CARRIED or (".º" not in text and ".ª" not in text):
        return []
    return [m.span() for m in DOTTED_ORDINAL.finditer(text)]


def frozen_spans(text: str) -> list[tuple[int, int]]:
    """Every span of `text` an engine must carry byte-identical, sorted, overlaps merged."""
    spans = list(chunk_spans(text))
    spans += number_spans(text)
    spans += emoji_spans(text)
    if DIGIT.search(text):
        spans += (m.span() for m in DIGIT_GROUPS.finditer(text))
        if "h" in text:
            spans += (m.span() for m in SPACED_CLOCK.finditer(text))
        if "\u00a0" in text or "\u202f" in text:
            return bound_labels(text, merged(spans))
    if "`" in text:
        spans += (m.span() for m in INLINE_CODE.finditer(text))
    return merged(spans)


def chunk_spans(text: str) -> Iterable[tuple[int, int]]:
    """Chunks shaped like a link, an address, a handle, a hashtag, a code or a file name."""
    for match in CHUNK.finditer(text):
        chunk = match[0]
        if "](" in chunk and (link := MARKDOWN_LINK.match(chunk)):  # [label](target)
            for group in (1, 2):
                part = trimmed(link[group])
                if part and frozen_chunk(part):
                    yield (
                        match.start() + link.start(group),
                        match.start() + link.start(group) + len(part),
                    )
            continue
        lead = len(chunk) - len(chunk.lstrip(LEAD)) if chunk[0] in LEADING else 0
        core = chunk[lead:]
        core = trimmed(core)
        if not core:
            continue
        start = match.start() + lead
        if frozen_chunk(core):
            yield start, start + len(core)
            continue
        if glued := unglued(core):
            yield start + glued[0], start + glued[1]
            continue
        elided = ELISION.match(core)
        if elided and len(core) > elided.end():
            rest = core[elided.end() :].lstrip(LEAD)
            if rest and frozen_chunk(rest):
                yield start + len(core) - len(rest), start + len(core)


def unglued(core: str) -> tuple[int, int] | None:
    """The token inside a chunk glued to signs around it (`GLUED` before, `GLUED_AFTER` after:
    ":#ÉTÉ", "|$VIN|"; a `+` or `~` before, which no token this test finds starts with:
    "+porte::rose", "~${MER}"), as (start, end) in the chunk, or None."""
    if core[0] not in GLUED_BEFORE and core[-1] not in GLUED_AFTERWARDS:
        return None  # nothing to read off (the test, by set, spares two scans of `GLUED`)
    for signs in (GLUED, GLUED + "+~"):
        inner = core.lstrip(signs)
        start = len(core) - len(inner)
        inner = inner.rstrip(GLUED_AFTER)
        if inner and len(inner) < len(core) and frozen_chunk(inner):
            return start, start + len(inner)
    return None


def trimmed(core: str) -> str:
    """The chunk without the punctuation after it; a closing bracket stays when the chunk
    opens it (`https://en.wikipedia.org/wiki/Mask_(film)`, `${HOME}`). One pass, whatever the run of
    trailing punctuation (cutting and recounting a character at a time was quadratic)."""
    end = len(core)
    balance = {
        ")": core.count("(") - core.count(")"),
        "}": core.count("{") - core.count("}"),
        "]": core.count("[") - core.count("]"),
    }
    while end and core[end - 1] in TRAIL:
        mark = core[end - 1]
        if mark in balance:
            if balance[mark] >= 0:
                break
            balance[mark] += 1
        end -= 1
    return core[:end]


def frozen_chunk(core: str) -> bool:
    """`shaped` read through the invisible format characters a chunk may hold (a word joiner
    or a zero-width space inside an address: `marie\u2060@exemple.fr` is an address, carried
    with its joiner; the engine would get it without, `engines.translate.invisible`)."""
    if not core.isascii() and FORMAT.search(core):
        core = FORMAT.sub("", core)
    return shaped(core)


def shaped(core: str) -> bool:
    """Whether a chunk (punctuation around it trimmed) is one an engine must not touch. A word
    (letters, with apostrophes and hyphens: 96 % of news chunks) can only be a long run or
    CamelCase, and is answered at once; any other chunk goes through every test
    (`every_test`): the same answers (`tests/test_guard_words.py`), ~0.1 CPU-s less per 1,000
    news sentences in the thread that translates."""
    if len(core) <= LONGEST_WORD and core.translate(WORD_MARKS).isalpha():
        return (
            is_roman_ordinal(core)
            or is_roman_range(core)
            or (not core.islower() and CAMEL.search(core) is not None)
        )
    return every_test(core)


def is_roman_ordinal(core: str) -> bool:
    """XXe, XIVe, Ier (`ROMAN_ORDINAL`), not "Le", "Ce", "De", "Me": one letter L, C, D or M
    with "e" writes a word."""
    return (
        core[0] in "MDCLXVI"
        and ROMAN_ORDINAL.fullmatch(core) is not None
        and len(core.rstrip("eèmrᵉʳ")) > (core[0] in "LCDM")
    )


WORD_MARKS = str.maketrans("", "", "'’-")
RANGE_DASH = re.compile("[-‐‑–—]")


def is_roman_range(core: str) -> bool:
    """XIXe–XXe, XVIe-XVIIe: centuries in Roman numerals joined by a dash (the engine wrote
    "Xix–Xx")."""
    parts = RANGE_DASH.split(core) if core[:1] in "MDCLXVI" else []
    return len(parts) == 2 and all(p and is_roman_ordinal(p) for p in parts)


def every_test(core: str) -> bool:
    """`frozen_chunk` by each test in turn. Each test splits the chunk once and matches single
    character classes (no pattern that could backtrack over a long run)."""
    if SCHEME.match(core) or is_email(core) or is_domain_path(core):
        return True
    if is_roman_range(core):
        return True  # XIXe–XXe
    if CODE_CALL.fullmatch(core) or SCOPED.fullmatch(core):
        return True  # école.carte(), os.path.join(x), rose::rose
    base, hash_, fragment = core.partition("#")
    if (
        hash_
        and base
        and FRAGMENT.fullmatch(fragment)
        and (is_file_name(base) or is_domain_path(base) or is_path(base))
    ):
        return True  # avis.html#livre, README.md#carte, site.fr/livre#lettre
    if is_scp_address(core) or is_host_port(core) or DOI.fullmatch(core) or is_dotfile(core):
        return True  # git@host:a/b.git, localhost:8080/x, 10.1234/abc, .profile
    if is_path(core):
        return True  # /home/x/notes.txt, ~/Documents, C:\\Users\\x
    first, slash, second = core.partition("/")
    if slash and first and second and "/" not in second and shaped(first) and shaped(second):
        return True  # a.html#b/c.html#d, x@[10.0.0.1]/y@[10.0.0.1]: two tokens, a slash between
    if len(core) > LONGEST_WORD:
        return True  # no word an engine knows, and Apertium's time on one grows as its square
    if core[0] in "@#" and len(core) > 1 and (core[1].isalnum() or core[1] == "_"):
        return True  # @handle, #hashtag
    if "_" in core.strip("_") or (core.startswith("__") and core.strip("_").isalnum()):
        return True  # snake_case, y_2, __init__
    if ENVIRONMENT_VARIABLE.fullmatch(core):
        return True  # %APPDATA%, ${HOME}, $PATH
    if DAY_MONTH.fullmatch(core) or YEARS.fullmatch(core) or MONTH_YEAR.fullmatch(core):
        return True  # 18/3: a date (18/03/2024 is a path's shape); 2016/17: years; 03/2024
    if CLOCK.fullmatch(core) or is_file_name(core):
        return True
    if is_roman_ordinal(core):
        return True  # XXe, XIVe, Ier: never "Xxi"
    if FRENCH_ORDINAL.fullmatch(core):
        return STANDARD_ORDINAL.fullmatch(core) is None  # 1er → 1st: a word; 3eme as written
    if ORDINAL.fullmatch(core):
        return False  # 3rd, 2º: a word
    # ABC-123, v2, MP3, dQw4w9WgXcQ, CamelCase (the string tests first: C speed on long runs)
    digits = not core.isalpha() and DIGIT.search(core) is not None
    return bool(digits and LETTER_DIGIT.search(core)) or (
        not core.islower() and CAMEL.search(core) is not None
    )


def is_host(host: str) -> bool:
    """`youtu.be`, `drive.google.com`: dot-separated labels, the last one letters."""
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(LABEL.fullmatch(label) for label in labels)
        and labels[-1].isalpha()
        and len(labels[-1]) >= 2
    )


def is_path(core: str) -> bool:
    """A file system path: rooted (`/`, `~/`, `./`, `../`, `C:\\`), with a backslash, of
    three parts or more (`a/b/c`), or a folder and a file name (`docs/plan.pdf`); "et/ou",
    "km/h", "24/7" are words."""
    if core.startswith(("/", "~/", "./", "../")) and len(core) > 1:
        return True
    if "\\" in core or core.count("/") >= 2:
        return True
    folder, slash, name = core.partition("/")
    if slash and STEM.fullmatch(folder.replace(".", "-")) and is_file_name(name):
        return True
    return len(core) > 2 and core[1] == ":" and core[0].isalpha() and core[2] in "/\\"


def is_email(core: str) -> bool:
    """`a.b@café.fr`, a domain of one label (`root@serveur`: RFC 5322 allows it), an address
    literal (`carte@[127.0.0.1]`)."""
    local, at, host = core.partition("@")
    if not (at and local and LOCAL_PART.fullmatch(local)):
        return False
    if host.startswith("[") and host.endswith("]") and IPV4.fullmatch(host[1:-1]):
        return True
    return is_host(host) or (LABEL.fullmatch(host) is not None and not host.isdigit())


def is_scp_address(core: str) -> bool:
    """`git@github.com:user/repo.git`: an address, a colon and a path (scp's and git's)."""
    address, colon, path = core.partition(":")
    return bool(colon and path and "@" in address) and is_email(address)


def is_host_port(core: str) -> bool:
    """`localhost:8080/rapport`, `exemple.fr:443`: a host, a port, perhaps a path (RFC 3986's
    authority without a scheme); a one-label host needs the path."""
    host, colon, rest = core.partition(":")
    port, slash, _ = rest.partition("/")
    if not (colon and PORT.fullmatch(port)):
        return False
    if is_host(host) or IPV4.fullmatch(host):
        return True  # (127.0.0.1:8080/x)
    return bool(slash) and host.islower() and LABEL.fullmatch(host) is not None


def is_dotfile(core: str) -> bool:
    """`.profile`, `.cache`, `.env.local`: a dot, then a file name's characters (a word
    after a sentence's period is written after a blank)."""
    return (
        len(core) > 2
        and core[0] == "."
        and (core[1].isalnum() or core[1] == "_")
        and all(STEM.fullmatch(part) for part in core[1:].split("."))
    )


def is_domain_path(core: str) -> bool:
    """A link without a scheme: a host and a path (`bit.ly/3xYzAb`)."""
    host, slash, _ = core.partition("/")
    return bool(slash) and is_host(host)


def is_file_name(core: str) -> bool:
    """`report_v2.pdf`, `notes.tar.gz`: a stem of 2+ characters, an extension in lower case or
    in capitals, or in title case when it is a file type's (`Maison.Pdf`, `Photo.Jpeg`: not
    "Paris.Le", a missing blank after a full stop: `titled_extension`)."""
    stem, dot, extension = core.rpartition(".")
    if not dot or not (EXTENSION.fullmatch(extension) or titled_extension(extension)):
        return False
    parts = stem.split(".")
    return len(parts[0]) >= 2 and all(STEM.fullmatch(part) for part in parts)


@cache
def file_types() -> frozenset[str]:
    """The extensions of Python's own table of file types (`mimetypes`, the built-in table
    alone: the machine's `/etc/mime.types` would make the output depend on the machine),
    with the Office Open XML ones (the older type's extension and "x" or "m": `docx`)."""
    table = mimetypes.MimeTypes(filenames=())
    known = {ext[1:] for types in table.types_map for ext in types}
    return frozenset(known | {f"{ext}{end}" for ext in known for end in "xm" if len(ext) == 3})


def titled_extension(extension: str) -> bool:
    """A file type's extension written in title case ("Pdf", "Docx", "Mp3"), three
    characters or more (two-letter ones are words: "Le", "Me", "So")."""
    return (
        3 <= len(extension) <= 5
        and extension[:1].isupper()
        and extension[1:].islower()
        and extension.lower() in file_types()
    )


def number_spans(text: str) -> Iterable[tuple[int, int]]:
    """Numbers with a separator or a unit (`3,5`, `1 200 €`, `12 %`); plain integers pass
    through every engine as they are and are left to it (they carry agreement: `2 chats`).
    Tried only where a run of digits starts (a currency sign or a minus may stand up to three
    characters before it), so text without digits costs one scan."""
    end = 0
    for digits in DIGIT_RUN.finditer(text):
        if digits.start() < end:
            continue
        for at in range(max(end, digits.start() - 3), digits.start() + 1):
            match = NUMBER.match(text, at)
            if match and match.end() > digits.start():
                end = match.end()
                if not PLAIN_INTEGER.fullmatch(match[0]):
                    yield match.span()
                break


def title_spans(text: str) -> Iterable[tuple[int, int]]:
    """Quoted titles written as names (see the module doc): the span inside the quotes."""
    for match in QUOTED.finditer(text):
        inner = match[0][1:-1]
        core = inner.strip()
        if not core or not core[0].isupper():
            continue
        words = core.split()
        if SENTENCE_PUNCTUATION.search(undotted(core)) or len(words) > TITLE_WORDS:
            continue
        long = [w for w in words if sum(c.isalpha() for c in w) >= 3]
        if 2 * sum(w[:1].isupper() for w in long) < len(long):
            continue  # « Nous ne voulons pas faire payer ce prix »: a quoted clause

        start = match.start() + 1 + (len(inner) - len(inner.lstrip()))
        yield start, start + len(core)


def undotted(core: str) -> str:
    """`core` without its abbreviations' dots ("M. X" → "M X", a capital first: not "là. X"):
    no sentence's end."""
    return ABBREVIATION.sub(lambda m: m[0][:-1] if m[0][0].isupper() else m[0], core)


def bound_labels(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with each capitals label a no-break space binds to a frozen number joined to it
    (`LABEL_BOUND`): two tokens glued by a blank would be read as two words."""
    starts = {start: i for i, (start, _) in enumerate(spans)}
    out = list(spans)
    for label in LABEL_BOUND.finditer(text):
        i = starts.get(label.end())
        if i is not None:
            out[i] = (label.start(), spans[i][1])
    return merged(out)


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, each set of overlapping ones joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
