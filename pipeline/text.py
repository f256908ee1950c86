"""Cutting long texts into pieces that engines accept, without losing a character.

spaCy refuses texts over `nlp.max_length` (and NER memory grows with length); online
translators refuse requests over ~5,000 characters. Pieces end at the best boundary available
(paragraph, then sentence end, then space) and together cover the text exactly, so offsets
found in a piece map back by adding the piece's start.
"""

from __future__ import annotations

import re

BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"[.!?…。]['\"»”)]*\s+"), re.compile(r"\s+"))


def pieces(text: str, max_chars: int) -> list[tuple[int, str]]:
    """`(start, piece)` pairs, each piece at most `max_chars` long, joining back to `text`."""
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        end = cut(text, start, start + max_chars)
        out.append((start, text[start:end]))
        start = end
    if start < len(text) or not out:
        out.append((start, text[start:]))
    return out


def cut(text: str, start: int, limit: int) -> int:
    """The best place to end a piece that starts at `start` and may not pass `limit`."""
    floor = start + (limit - start) // 2  # never make a piece shorter than half the limit
    for boundary in BOUNDARIES:
        ends = [m.end() for m in boundary.finditer(text, floor, limit)]
        if ends:
            return ends[-1]
    return limit  # one unbroken run of characters: cut it anywhere


def strip_edges(piece: str) -> tuple[str, str, str]:
    """(leading whitespace, core, trailing whitespace): engines get the core only."""
    core = piece.strip()
    if not core:
        return piece, "", ""
    lead = piece[: len(piece) - len(piece.lstrip())]
    return lead, core, piece[len(lead) + len(core) :]


# C0/C1 control characters (but tab and newline), lone surrogates and the non-characters
# U+FFFE/U+FFFF. Engines read some of them as protocol (a NUL ends an Apertium answer early and
# shifts every later answer onto the wrong text); none of them is text a translator can use.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def neutralise(text: str) -> str:
    """`text` with control characters replaced by spaces: same length, so offsets stay valid."""
    return CONTROL.sub(" ", text)


# spaCy's tokenizer strips a token's prefixes and suffixes one at a time, searching the rest of
# the token again each time: square in a token's length (8,000 emoji in a row: 53 s in NER; a
# 256-character token costs less than the model's own reading of it). No name is that long.
MAX_TOKEN = 256
LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN + 1},}}")


def tokenizable(text: str) -> str:
    """`text` with every `MAX_TOKEN`-th character of a longer whitespace-free run made a space,
    so no token reaches a tokenizer's square path, and its invisible format characters
    (`FORMAT`) spaces, so none glues to a word ("\ufeffIls", "Le\u200b" were read as names):
    same length, so offsets stay valid."""
    if not text.isascii():
        text = FORMAT.sub(" ", text)
    if len(text) <= MAX_TOKEN:
        return text
    return LONG_RUN.sub(lambda m: broken_run(m.group()), text)


# Invisible format characters (Unicode Cf) of the Basic Multilingual Plane.
FORMAT = re.compile("[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
                    "\u0890\u0891\u08e2\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")  # fmt: skip


def broken_run(run: str) -> str:
    return " ".join(
        run[start + (start > 0) : start + MAX_TOKEN] for start in range(0, len(run), MAX_TOKEN)
    )
