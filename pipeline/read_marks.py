"""Marks between names blanked in the text the model reads (hostile47 G13, rule `list_marks`).

The models learnt names in running text: a list item's mark opening a line ("- Italie (trois
semaines)", "• Belgique") or a slash between blanks joining two names ("España / Irlanda",
"Spain / Ireland") hides the name next to it (the French model finds no "Italie" after "- ",
the English one no "Ireland" after " / "). They are given the text with those marks as blanks
instead, same length, so the offsets they return are the text's and a mention keeps what the
text writes. Linear: one pass of each pattern, each match starting where its run starts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# a list item's mark at a line's start, a blank after it, read by its shape (hostile49 E19):
# one character of Unicode's symbol or punctuation classes but an opening quote or bracket
# ("- X", "• X", "✓ X", "◆ X", "= X", "> X", "➤ X", "→ X"), or a lower-case letter or roman
# number closed by "." or ")" or in brackets ("b) X", "i. X", "(iii) X"; never a capital:
# "J. X" is an initial) (possessive: a run of blanks is read once; the line itself is read up
# to its end once)
ITEM = re.compile(
    r"(?m)^[ \t]*+(?:[^\w\s«»“”„\"'‘’‹›()\[\]{}¿¡]|\(?+(?:[ivx]{1,4}|[a-z])[.)])"
    r"[ \t]++(?=[^\W\d_])"
)
# a slash between blanks, a capital after it, a letter before: "España / Irlanda"; or glued
# between a word's lower-case end and a capitalised word ("A Bc/De F": the model reads
# "Bc/De" as one word and loses the second name, hostile49 E8; `slash_names` cuts the span
# it draws over both); not between capitals ("I/O Corp", "AC/DC": one name, reuters128)
SLASH = re.compile(
    r"(?<=[^\W\d_][ \u00a0])/(?=[ \u00a0][A-ZÀ-Þ])|(?<=[a-zß-ÿ]{2})/(?=[A-ZÀ-Þ][a-zß-ÿ])"
)


# what a dialogue line holds and a list item does not: a sentence's punctuation, outside brackets
BRACKETED = re.compile(r"\([^()\n]*+\)")
SENTENCE_MARKS = frozenset('.!?…;:,«»"“”')
INITIALS = re.compile(r"(?<!\w)[^\W\d_]\.(?:-[^\W\d_]\.)?(?=[ \t])")  # "J. ", "J.-L. "
ITEM_WORDS = 6  # "- Italie (trois semaines)", "• Lieux de tournage": a list item is short


def list_item(text: str, start: int) -> bool:
    """Whether the line from `start` (after its mark) is a list item, not a dialogue turn
    ("- Ma foi, je ne sais pas trop…", "— Oui."): `ITEM_WORDS` words at most, no sentence
    punctuation outside its brackets."""
    end = text.find("\n", start)
    rest = BRACKETED.sub("", text[start : len(text) if end < 0 else end])
    rest = INITIALS.sub("", rest)  # "J.-L. X": an initial's dot ends no sentence
    return len(rest.split()) <= ITEM_WORDS and not SENTENCE_MARKS.intersection(rest)


def after_item_mark(text: str, start: int) -> int:
    """Where a span that opens on a list item's mark at its line's start (`ITEM`,
    `list_item`) starts without it ("✓ X Y" → "X Y"); `start` elsewhere."""
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip():
        return start
    mark = ITEM.match(text, line)
    if mark is None or mark.end() <= start or not list_item(text, mark.end()):
        return start
    return mark.end()


def blanked(text: str) -> str:
    """`text` with each list item's opening mark (`list_item`) and each slash between names
    a blank."""
    if "/" not in text and not ITEM.search(text):
        return text
    text = ITEM.sub(lambda m: " " * len(m[0]) if list_item(text, m.end()) else m[0], text)
    return SLASH.sub(" ", text)


# a slash glued between two words, the second capitalised: "X/Y Z", "Keraudren/Anselme Roe"
GLUED_SLASH = re.compile(r"(?<=[^\W\d_])/(?=[A-ZÀ-Þ])")


def slash_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at each slash glued between two names when one side is a full name of two
    words or more ("Le duo Keraudren/Anselme Roe": two people; hostile47 G22); one word each
    side stays whole ("AC/DC", "Warner/Chappell", "Paris/Texas")."""
    cuts = [m.start() for m in GLUED_SLASH.finditer(text, start, end)]
    if not cuts:
        return [(start, end)]
    bounds = [start, *cuts, end]
    pieces = [(bounds[i] + (i > 0), bounds[i + 1]) for i in range(len(bounds) - 1)]
    if not any(len(text[a:b].split()) >= 2 for a, b in pieces):
        return [(start, end)]
    return pieces


def emphasis_bounds(text: str, emphasis: list[str]) -> list[int]:
    """Where each text the markup set apart (`meta.emphasis`: `<em>`, `<i>`, `*X*`) begins or
    ends in `text`, next to a blank (a name's edge, never inside a word), in order. Each
    text's occurrences found once: linear in the text for each."""
    bounds: set[int] = set()
    for shown in emphasis:
        shown = shown.strip()
        at = text.find(shown) if shown else -1
        while at >= 0:
            stop = at + len(shown)
            if at > 0 and text[at - 1].isspace():
                bounds.add(at)
            if stop < len(text) and text[stop].isspace():
                bounds.add(stop)
            at = text.find(shown, stop)
    return sorted(bounds)


def emphasis_cuts(text: str, start: int, end: int, bounds: list[int]) -> list[tuple[int, int]]:
    """A span cut at each emphasis boundary inside it (`emphasis_bounds`; hostile49 E11):
    "<strong>X Y</strong> <em>Z</em>", read "X Y Z", is an actor and a part, two names,
    never one. A span the emphasis covers whole, or that lies inside it, stays."""
    inside = bounds[bisect_right(bounds, start) : bisect_left(bounds, end)]
    if not inside:
        return [(start, end)]
    pieces = []
    for a, b in zip([start, *inside], [*inside, end], strict=True):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
    return pieces
