"""Whether a short line states a fact or a credit: content, never a heading, however short and
capitalised (hostile45 E30: "Durée : 1h34", "In cinemas 12 March", "Sélection officielle
Cannes 2024", "Distribution Orfeo Distribution" were dropped as headings between paragraphs).

The evidence holds across documents: a label and a number apart by a colon, a duration, a date
(a day beside a month's name), a year beside a word, or a credit label followed by a name. The
month names and duration units are the Unicode CLDR's (through Babel) for the languages the
pipeline reads and translates; the credit labels are `models/cues.json`'s "roles"."""

from __future__ import annotations

import re
from functools import cache

from pipeline.io.segment.credits import name_shaped
from pipeline.resources import load_json

# CLDR locales: English, the languages whose translation is on (models/languages.json) and the
# ones `models/cues.json` names credit labels for
BASE_LOCALES = ("en", "fr", "es", "ca", "pt", "it", "de", "nl")
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:er|st|nd|rd|th|º|°)?"
YEAR = r"(?:1[89]|20)\d\d"
# a heading's numbering is no fact: "Chapter 3", "Part II", "2. The shoot"; a year is
YEAR_BESIDE_WORD = re.compile(rf"(?<![\d.,:/])\b{YEAR}\b(?![\d.,:/]\d)")
LINK = r"(?:\s+(?:de|del|of|di|van|d['’]))?"


@cache
def locales() -> tuple[str, ...]:
    on = load_json("languages.json").get("languages", {})
    roles = load_json("cues.json").get("roles", {})
    names = {*BASE_LOCALES, *roles, *(code for code, row in on.items() if row.get("on"))}
    return tuple(sorted(names))


def cldr_words(kind: str) -> list[str]:
    """Month names (wide and abbreviated, format and stand-alone) or duration units (hours,
    minutes: long, short and narrow, singular and plural) in every locale of `locales`,
    lower case, without a trailing full stop or a leading article ("de gener" → "gener")."""
    from babel import Locale, UnknownLocaleError  # CLDR data; imported when a heading is asked
    from babel.dates import get_month_names
    from babel.units import format_unit

    words: set[str] = set()
    for code in locales():
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        if kind == "months":
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for name in get_month_names(width, context, locale=code).values():
                        words.add(name.split()[-1])
        else:
            for unit in ("duration-hour", "duration-minute"):
                for length in ("long", "short", "narrow"):
                    for count in (1, 2, 94):
                        shown = format_unit(count, unit, length=length, locale=code)
                        words.update(w for w in shown.split() if not any(c.isdigit() for c in w))
    return sorted({w.lower().rstrip(".") for w in words if w.rstrip(".")}, key=len, reverse=True)


def alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A date (a day beside a month, before or after it, or a month and a year) and a
    duration ("1h34", "94 minutes", "94 min", "1 h 34")."""
    months = alternatives(cldr_words("months"))
    units = alternatives(cldr_words("units"))
    date = re.compile(
        rf"(?<!\w)(?:{DAY}{LINK}\s*(?:{months})\.?(?!\w)|(?:{months})\.?\s+(?:{DAY}|{YEAR})(?!\w))",
        re.IGNORECASE,
    )
    duration = re.compile(
        rf"(?<![\w.,])\d{{1,3}}\s?(?:{units})\.?(?:\s?\d{{2}})?(?!\w)|\d{{1,3}}['’′](?!\w)",
        re.IGNORECASE,
    )
    return date, duration


@cache
def credit_labels() -> tuple[tuple[str, ...], ...]:
    """`cues.json` "roles" of every language, as word tuples, longest first."""
    roles = load_json("cues.json").get("roles", {})
    labels = {tuple(role.split()) for words in roles.values() for role in words}
    return tuple(sorted(labels, key=len, reverse=True))


NAME_WORDS = 2  # a label's value that names someone or a company: two capitalised words


def labelled_name(words: list[str]) -> bool:
    """A credit label and a name of two words or more, all capitalised but a particle
    inside: "Distribution Orfeo Distribution", "Musique Jean Dupont". "Production notes",
    "Musique originale", "Production Notes" name no one (one word after the label)."""
    lowered = [w.lower() for w in words]
    for label in credit_labels():
        if tuple(lowered[: len(label)]) == label:
            value = words[len(label) :]
            return len(value) >= NAME_WORDS and name_shaped(value)
    return False


def states_fact(line: str) -> bool:
    """Whether a short line is content by what it holds: a label and a value starting with a
    digit apart by a colon ("Durée : 1h34"), a duration, a date, a year beside a word
    ("Cannes 2024"), or a credit label and a name. A heading's number ("Chapitre III",
    "Part 2", "2. The shoot") is none of these."""
    head, colon, rest = line.partition(":")
    if colon and head.strip() and rest.strip()[:1].isdigit():
        return True
    words = line.split()
    if len(words) >= 2 and YEAR_BESIDE_WORD.search(line):
        return True
    date, duration = patterns()
    if date.search(line) or duration.search(line):
        return True
    return labelled_name(words)
