"""Invisible format characters (Unicode category Cf: zero-width space, word joiner, zero-width
(non-)joiner, soft hyphen, a byte order mark inside a text, bidi marks) and translation. An
engine reads a word with one glued to it as an unknown word ("gouvernement\u200b" passed on
as French), so the text it gets has none: a run at the text's start or end is put back there,
byte-identical around the translated words ("\ufeffIls ont" → "\ufeffThey have"); one inside
has no place the translation can show, and the record says so (`meta.format_removed`).
A zero-width (non-)joiner between letters of a script that needs it (Persian, Indic) or
inside an emoji sequence is no such glue: it is sent as written."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Unicode's format characters (Cf) of the Basic Multilingual Plane that are invisible in text
# (not the Arabic number signs, U+0600–U+0605, which show).
FORMAT_CHARS = "".join([
    "\u00ad\u061c\u180e", *map(chr, range(0x200B, 0x2010)), *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2060, 0x2065)), *map(chr, range(0x2066, 0x2070)), "\ufeff",
])  # fmt: skip
FORMAT = re.compile(f"[{re.escape(FORMAT_CHARS)}]")
JOINER = re.compile("[\u200c\u200d]")
OTHERS = re.compile(f"[{re.escape(''.join(c for c in FORMAT_CHARS if not JOINER.match(c)))}]")
LATIN_END = 0x250  # letters below this are Latin (Basic Latin to Latin Extended-B)


@dataclass(frozen=True)
class Stripped:
    """A text as an engine gets it, and the format characters taken out of it."""

    text: str
    lead: str  # the run of format characters opening the text, put back before the answer
    trail: str  # the run closing it, put back after
    inside: str  # those taken from inside: not carried (the record says so)


def stripped(text: str) -> Stripped:
    """`text` without its format characters (see the module doc)."""
    if text.isascii() or FORMAT.search(text) is None:
        return Stripped(text, "", "", "")
    body = text.lstrip(FORMAT_CHARS)
    lead = text[: len(text) - len(body)]
    core = body.rstrip(FORMAT_CHARS)
    trail = body[len(core) :]
    inside: list[str] = []
    # the others first, then the joiners, each judged by its neighbours without them
    inside += OTHERS.findall(core)
    core = OTHERS.sub("", core)
    out: list[str] = []
    at = 0
    for match in JOINER.finditer(core):
        i = match.start()
        before = core[i - 1] if i else " "
        after = core[i + 1] if i + 1 < len(core) else " "
        if not (latin_or_blank(before) and latin_or_blank(after)):
            continue  # Persian, Indic, an emoji sequence: the joiner belongs to the writing
        out.append(core[at:i])
        inside.append(match.group())
        at = i + 1
    out.append(core[at:])
    return Stripped("".join(out), lead, trail, "".join(inside))


def latin_or_blank(char: str) -> bool:
    """A blank, a Latin character, punctuation or another joiner: a joiner beside it is glue,
    not writing."""
    if char.isspace() or ord(char) < LATIN_END or char in "\u200c\u200d":
        return True
    return not char.isalpha() and unicodedata.category(char).startswith("P")


def reason(inside: str) -> str:
    """What the record says of the format characters its translation does not carry."""
    codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(inside)))
    return (
        f"{len(inside)} invisible format character(s) ({codes}) not carried into the "
        "translation: the engine reads a word with one glued to it as unknown, and the "
        "translation has no place for them"
    )
