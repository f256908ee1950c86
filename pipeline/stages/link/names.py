"""How linking compares and names a name: the form it is linked by (`surface_of`), the key it
is compared by (`name_key`), its parts and spellings (a short form, an acronym), and the id it
is given (`entity_id`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from itertools import combinations

from anyascii import anyascii

POSSESSIVE = re.compile(r"['’]s?$")
LEADING_THE = re.compile(r"^the\s+(?=\S+\s)", re.IGNORECASE)  # "The Home Depot", not "The Who"
HYPHENS = re.compile(r"[-‐‑–]")
ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
# A short form is at most this many words of a longer name's beginning or end, and an acronym
# spells the first letters of a name of at most MAX_SPELLED words: beyond that a "name" is a
# model's run of capitalised words, and pairing every part of it cost time and memory square
# in its words (a 27,000-character span: 60 s and 1.5 GB). No dev set name comes near.
MAX_PART = 8
MAX_SPELLED = 10


def surface_of(text: str) -> str:
    """The name as it is linked: whitespace folded, an English possessive removed."""
    folded = " ".join(text.split())
    stripped = POSSESSIVE.sub("", folded) if " " in folded or len(folded) > 3 else folded
    return stripped or folded


def name_key(surface: str) -> str:
    """The name as linking compares it: case folded, a leading "the" of a longer name and
    hyphens aside."""
    return " ".join(HYPHENS.sub(" ", LEADING_THE.sub("", surface)).casefold().split())


def slug(name: str) -> str:
    """The name in lower-case ASCII words joined by hyphens, transliterated from any script."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")


def initials(name: str) -> str:
    """The capital letters that open the words of a name ("Securities and Exchange
    Commission" → "SEC")."""
    return "".join(w[0] for w in re.findall(r"\w+", LEADING_THE.sub("", name)) if w[0].isupper())


def acronym_letters(form: str) -> str:
    """The letters of an acronym as written ("U.S." → "US", "SEC"), else ""."""
    return form.replace(".", "") if ACRONYM.match(form) else ""


def entity_id(name: str, slugs: dict[str, set[str]]) -> str:
    """`ent:` and the name's slug; with a digest of the name when another name of the corpus
    has the same slug ("Müller", "Muller") or the name has none (only symbols)."""
    base = slug(name)
    if base and len(slugs.get(base, ())) <= 1:
        return f"ent:{base}"
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    return f"ent:{base}-{digest}" if base else f"ent:{digest}"


def name_parts(tokens: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Every beginning and end of a name of `tokens`, up to MAX_PART words, shorter than it."""
    for k in range(1, min(len(tokens), MAX_PART + 1)):
        yield tuple(tokens[:k])
        yield tuple(tokens[-k:])


def key_parts(key: str) -> Iterator[str]:
    """The shorter names a name key begins or ends with, as keys (up to MAX_PART words)."""
    for part in name_parts(key.split(" ")):
        yield " ".join(part)


def spellings(firsts: str) -> set[str]:
    """Every acronym (2 to 6 letters) the first letters `firsts` hold in order."""
    return {
        "".join(chosen)
        for size in range(2, min(6, len(firsts)) + 1)
        for chosen in combinations(firsts, size)
    }
