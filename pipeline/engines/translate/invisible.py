"""Invisible format characters (Unicode category Cf: zero-width space, word joiner, zero-width
(non-)joiner, soft hyphen, a byte order mark inside a text, bidi marks) and translation. An
engine reads a word with one glued to it as an unknown word ("gouvernement\u200b" passed on
as French), so the text it gets has none: a run at the text's start or end is put back there,
byte-identical around the translated words ("\ufeffIls ont" → "\ufeffThey have"); one inside
has no place the translation can show, and the record says so (`meta.format_removed`). A
bidi embedding, override or isolate in the run at the start is put back only with its closer
in the run at the end (or with none in the source: the paragraph's end closes it in both), and
a closer at the end only with its opener at the start: "\u202eLe chat\u202c dort" put back
the override without its closer, and the whole translation displayed reversed (h49 T14).
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
# Bidi controls that open a level (embeddings, overrides; isolates) and what closes them.
EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF
ISOLATES = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI
POP_FORMATTING, POP_ISOLATE = "\u202c", "\u2069"
PAIRED = re.compile("[\u202a-\u202e\u2066-\u2069]")
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
    if PAIRED.search(lead + trail):
        lead, trail, unpaired = paired_edges(text, len(lead), len(text) - len(trail))
        inside += unpaired
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


def partners(text: str) -> dict[int, int]:
    """Each bidi opener's position paired with its closer's, both ways (UAX #9's stack, in
    short: a PDI closes its isolate and the embeddings opened after it, whose partner it is
    too, one way; a PDF closes the last embedding unless an isolate is open above it). One left
    open to the text's end, or a closer that closes nothing, has no partner."""
    out: dict[int, int] = {}
    stack: list[int] = []  # the openers' positions, innermost last
    isolates: list[int] = []  # the indices in `stack` of its isolates: one pass, linear
    for match in PAIRED.finditer(text):
        at, char = match.start(), match.group()
        if char in ISOLATES:
            isolates.append(len(stack))
        if char in EMBEDDINGS or char in ISOLATES:
            stack.append(at)
        elif char == POP_ISOLATE:
            if isolates:
                index = isolates.pop()
                out[at] = stack[index]
                for opener in stack[index:]:
                    out[opener] = at
                del stack[index:]
        elif stack and text[stack[-1]] in EMBEDDINGS:  # a PDF
            out[stack[-1]], out[at] = at, stack[-1]
            stack.pop()
    return out


def paired_edges(text: str, lead_end: int, trail_start: int) -> tuple[str, str, str]:
    """The runs of format characters at `text`'s start (before `lead_end`) and end (from
    `trail_start`) without a bidi control whose partner stands in neither (`partners`): an
    opener closed inside the text, a closer opened inside it, a closer of nothing (it might
    close something once the others are out); and those left out."""
    pairs = partners(text)

    def edge(at: int) -> bool:
        return at < lead_end or at >= trail_start

    def kept(at: int) -> bool:
        partner = pairs.get(at)
        opener = text[at] in EMBEDDINGS or text[at] in ISOLATES
        if partner is None:  # open to the end (as in the translation), or a closer of nothing
            return opener
        # an opener's closer kept with it (a PDI closing it with its isolate: that isolate)
        return edge(partner) and (not opener or edge(pairs[partner]))

    lead = [text[i] for i in range(lead_end) if kept(i)]
    trail = [text[i] for i in range(trail_start, len(text)) if kept(i)]
    dropped = [text[i] for i in [*range(lead_end), *range(trail_start, len(text))] if not kept(i)]
    return "".join(lead), "".join(trail), "".join(dropped)


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
