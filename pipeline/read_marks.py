"""Marks between names blanked in the text the model reads (hostile47 G13, rule `list_marks`).

The models learnt names in running text: a list item's mark opening a line ("- Italie (trois
semaines)", "• Belgique") or a slash between blanks joining two names ("España / Irlanda",
"Spain / Ireland") hides the name next to it (the French model finds no "Italie" after "- ",
the English one no "Ireland" after " / "). They are given the text with those marks as blanks
instead, same length, so the offsets they return are the text's and a mention keeps what the
text writes. Linear: one pass of each pattern, each match starting where its run starts."""

from __future__ import annotations

import re

# a list item's mark at a line's start, a blank after it: "- X", "– X", "• X", "* X", "▪ X"
ITEM = re.compile(r"(?m)^[ \t]*+[-–—•*▪◦‣·][ \t]++(?=[^\W\d_])")
# a slash between blanks, a capital after it, a letter before: "España / Irlanda"
SLASH = re.compile(r"(?<=[^\W\d_][ \u00a0])/(?=[ \u00a0][A-ZÀ-Þ])")


def blanked(text: str) -> str:
    """`text` with each list item's opening mark and each slash between names a blank."""
    if "/" not in text and not ITEM.search(text):
        return text
    text = ITEM.sub(lambda m: " " * len(m[0]), text)
    return SLASH.sub(" ", text)
