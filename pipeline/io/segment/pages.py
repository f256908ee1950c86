"""Page breaks of a PDF-to-text export: the page number is furniture, the blank lines around
the break are no paragraph break.

`pdftotext` ends each page with its number on a line of its own and starts the next one with
a form feed ("…is cut\\n\\n12\\n\\fby a page…"): the number became a record, or was glued to the
next page's first words ("12 by a page…"), and the sentence the break cut became two records
(hostile41 F5). A line is a page number only beside a form feed (the line before it, or the
rest of the line it opens), never by its look alone: "12" between paragraphs is content.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator

from pipeline.io.invisible import hidden
from pipeline.io.segment.blocks import Block

PAGE_NUMBER = "page-number"  # a dropped line's reason
PAGE_GAP = "page-gap"  # a blank line at a page break: bridged when a sentence goes on across
FORM_FEED = "\f"
NUMBER_MAX_CHARS = 24  # "Page 12 of 240", "- xiv -": a longer line is text
NUMBER_MAX_DIGITS = 4
ROMAN = frozenset("ivxlc")
ROMAN_MAX = 7
FRAME = " \t-–—‐[]()|·•*"
HELD_MAX = 16  # blank lines held before a possible page number (memory stays bounded)


def numeral(word: str) -> bool:
    """A page's numeral: up to four digits of any script, or a Roman numeral (front matter)."""
    if word.isdecimal():
        return len(word) <= NUMBER_MAX_DIGITS
    return len(word) <= ROMAN_MAX and set(word.lower()) <= ROMAN


def page_number(text: str) -> bool:
    """Whether a line is nothing but a page number: "12", "- 4 -", "[iv]", "Page 5",
    "7 / 40", "7 of 40" (a label word before it, a total after it), framed (`unframed`) and
    with the characters that show nothing taken out (`io/invisible`: the bidi marks a PDF
    export of Hebrew or Arabic puts around a number, a ZWSP, a BOM, a soft hyphen)."""
    if not (text.isascii() and text.isprintable()):  # printable ASCII hides nothing
        text = "".join(c for c in text if c.isspace() or not hidden(c))
    inner = unframed(text)
    if inner is None:
        return False
    text = inner
    words = text.replace("/", " / ").split()
    if not words or len(text) > NUMBER_MAX_CHARS:
        return False  # "[\u00a0]": a blank other than FRAME's inside the frame
    if len(words) > 1 and words[0].rstrip(".").isalpha() and not numeral(words[0]):
        words = words[1:]  # "Page 5", "p. 5", "Seite 5"
    if not numeral(words[0]):
        return False
    rest = words[1:]
    if not rest:
        return True
    joint, total = rest[0], rest[-1]
    return len(rest) == 2 and (joint == "/" or joint.isalpha()) and total.isdecimal()


def framing(char: str) -> bool:
    """A character a frame is made of: a blank, punctuation or a symbol (Unicode's P* and S*
    categories: every bracket and quotation mark pair, dashes, `<`, `~`, `=`, `/`, `*`)."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def unframed(text: str) -> str | None:
    """The line without its frame, or None when what frames it is no frame: runs of
    punctuation and symbols on both sides (`« 12 »`, `< 12 >`, `~ 12 ~`, `{12}`, `/12/`,
    `= 12 =`), or on one side dashes and `FRAME`'s characters (`12 -`) or one punctuation
    mark after the number (`12.`). Judged by Unicode's categories, not a list of frames."""
    start, end = 0, len(text)
    while start < end and framing(text[start]):
        start += 1
    while end > start and framing(text[end - 1]):
        end -= 1
    lead, tail = text[:start].strip(), text[end:].strip()
    if lead and tail:
        return text[start:end]
    one = lead or tail
    if all(c in FRAME or unicodedata.category(c) == "Pd" for c in one) or (
        tail and len(tail) == 1 and unicodedata.category(tail) == "Po"
    ):
        return text[start:end]
    return None


def paged(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks of a text page, with a page number beside a form feed given the role
    `PAGE_NUMBER` (its text without the form feed) and the blank lines around the break
    `PAGE_GAP`; everything else as it came. Linear, a bounded number of lines held."""
    held: deque[Block] = deque()  # blank lines, then at most one possible page number
    bridge = False  # after a form feed: blank lines are the break's
    for block in blocks:
        text = block.text
        if block.role is not None:
            yield from held
            held.clear()
            bridge = False
            yield block
            continue
        start = text.lstrip(" \t")
        if start.startswith(FORM_FEED):
            numbered = bool(held and held[-1].text.strip() and page_number(held[-1].text))
            if numbered:
                number = held.pop()
                yield from (b._replace(role=PAGE_GAP) for b in held)
                yield number._replace(role=PAGE_NUMBER)
            else:
                yield from held
            held.clear()
            rest = start.lstrip(FORM_FEED)
            # a bare form feed is a blank line unless a page number says a page ended there
            bridge = (numbered and not rest.strip()) or page_number(rest)
            if not rest.strip():
                yield block._replace(role=PAGE_GAP) if numbered else block
            elif page_number(rest):
                yield block._replace(text=rest, role=PAGE_NUMBER)
            else:
                yield block
            continue
        if not text.strip():
            if bridge:
                yield block._replace(role=PAGE_GAP)
                continue
            if held and held[-1].text.strip():  # a number, then a blank: no page's
                yield from held
                held.clear()
            held.append(block)
            if len(held) > HELD_MAX:
                yield held.popleft()
            continue
        bridge = False
        if page_number(text):
            if held and held[-1].text.strip():
                yield from held
                held.clear()
            held.append(block)
            continue
        yield from held
        held.clear()
        yield block
    yield from held
