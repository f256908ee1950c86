"""Carry names through machine translation untouched.

Engines translate names (Apertium, French to English: "Rose" → "Rosa", "le Canard enchaîné"
→ "the Duck enchaîné"). Each protected span is replaced by a letters-only token the engine
passes through as an unknown word (`XNAMEAX`, `XNAMEBX`, ...), and the names are put back
afterwards.

Rule-based engines treat an unknown capitalised token at the start of a sentence as its start
and capitalise the next word ("XNAMEAX Asked to ..."); when the source had a lower-case word
there, the case is repaired, or NER reads "Agnès Varda Asked" as one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"XNAME([A-Z]+)X(?P<space>[ \t]+)?(?P<next>\w)?", re.IGNORECASE)
TOKEN = re.compile(r"XNAME[A-Z]+X", re.IGNORECASE)  # a token alone (or several run together)
LOWER_NEXT = re.compile(r"[ \t]+[^\W\d_]")


@dataclass(frozen=True)
class Masked:
    """A text with its names replaced by tokens, and what `unmask` needs to restore them."""

    text: str
    names: list[str]
    lower_after: list[bool]  # whether the source word after each name was lower case
    spans: list[tuple[int, int]]  # where each name was in the source


def token(index: int) -> str:
    """0 → XNAMEAX, 25 → XNAMEZX, 26 → XNAMEBAX: letters only, so tokenizers keep it whole."""
    letters = ""
    while True:
        letters = chr(ord("A") + index % 26) + letters
        index //= 26
        if not index:
            return f"XNAME{letters}X"


def index_of(letters: str) -> int:
    value = 0
    for char in letters.upper():
        value = value * 26 + ord(char) - ord("A")
    return value


def mask(text: str, spans: Iterable[tuple[int, int]]) -> Masked:
    """Replace non-overlapping `(start, end)` spans by tokens (the first of overlapping wins)."""
    names: list[str] = []
    kept: list[tuple[int, int]] = []
    lower_after: list[bool] = []
    parts: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor or start >= end:
            continue
        parts += [text[cursor:start], token(len(names))]
        names.append(text[start:end])
        kept.append((start, end))
        follower = LOWER_NEXT.match(text, end)
        lower_after.append(bool(follower and follower[0][-1].islower()))
        cursor = end
    parts.append(text[cursor:])
    return Masked("".join(parts), names, lower_after, kept)


@dataclass(frozen=True)
class Restored:
    """The translation with names back, where each landed, and the names the engine lost."""

    text: str
    positions: list[tuple[int, int, int]]  # (name index, start, end) in `text`
    lost: list[str]


def unmask(text: str, masked: Masked) -> Restored:
    """Put the names back, repairing the case of the word after each (see module doc)."""
    out: list[str] = []
    positions: list[tuple[int, int, int]] = []
    length = cursor = 0
    for match in PLACEHOLDER.finditer(text):
        index = index_of(match[1])
        if index >= len(masked.names):
            continue
        before = text[cursor : match.start()]
        name = masked.names[index]
        following = match["next"] or ""
        if following and masked.lower_after[index] and match["space"]:
            following = following.lower()
        start = length + len(before)
        positions.append((index, start, start + len(name)))
        piece = before + name + (match["space"] or "") + following
        out.append(piece)
        length += len(piece)
        cursor = match.end()
    out.append(text[cursor:])
    seen = {index for index, _, _ in positions}
    return Restored(
        "".join(out), positions, [n for i, n in enumerate(masked.names) if i not in seen]
    )
