"""Two models' readings of one text, agreed: a one-word name one model reads as an
organisation and the other as a person is a person (rule `model_agreement`, #31 item 5).

Why: a lone capitalised word is a surname or a first name far more often than a company
(a surname alone, read ORG by the medium English model and PERSON by the small one), and an
organisation named in one word is mostly written in capitals (an acronym), which is left as
the first model read it. Measured on the four linking dev sets one by one before it was
written, on the gold mentions both models find with the exact span: where they disagree
between person and organisation on one word, the person reading is right 18 of 18 times
(msnbc), 3 of 5 (reuters128), 5 of 7 (oke2016), 5 of 7 (kore50); so chosen on any three sets,
the fourth agrees. Only that disagreement is settled: any other (a place against a person, two
spans that differ) keeps the first model's reading, as does a text the second model is not
installed for.

The second model reads only the sentence holding each name in question (`windows`), not the
paragraph: its answer is used for that span alone, and a sentence is a fraction of what a
paragraph costs. The model reads context (its convolutions see a few words either side), so
its reading could change at the sentence's edge: measured on the six dev sets, every score the
same to the last digit; on 3,000 English Wikipedia paragraphs, one label of 3,000 records.
"""

from __future__ import annotations

import re

Spans = tuple[tuple[int, int, str], ...]
PERSON_OR_ORG = frozenset({"PERSON", "PER", "ORG"})
PERSON_LABELS = frozenset({"PERSON", "PER"})


def agreed(text: str, first: Spans, second: Spans) -> Spans:
    """`first`, with a one-word span that `second` reads with the exact same offsets, one as an
    organisation by the first and as a person by the second, labelled PERSON (a person the
    first model read stays one: the disagreement the other way round is settled alike)."""
    other = {(start, end): label for start, end, label in second}
    out = []
    for start, end, label in first:
        theirs = other.get((start, end))
        if (
            theirs is not None
            and label == "ORG"
            and theirs in PERSON_LABELS
            and one_word(text[start:end])
        ):
            label = "PERSON"
        out.append((start, end, label))
    return tuple(out)


def questions(text: str, first: Spans) -> list[tuple[int, int]]:
    """The spans of the first reading a second could settle (a one-word organisation), in
    order: only the sentences holding one are read again (`windows`; on English Wikipedia
    paragraphs, the second reading then costs a fraction of the first instead of as much)."""
    return [(s, e) for s, e, label in first if label == "ORG" and one_word(text[s:e])]


# A sentence's end: punctuation (and closing quotes or brackets) then space before a capital,
# or a line break. The capital is checked in `_breaks` (`str.isupper`: any script).
BREAK = re.compile(r"[.!?…][\"'»”’)\]]*(\s+)|(\n\s*)")
OPENERS = "\"'«“‘([¿¡"
REACH = 300  # a window's most characters on either side of its question, cut at a space
SPACE = re.compile(r"\s")


def _breaks(text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    """Each sentence boundary met in `text[pos:endpos]`: (where one ends, where the next
    begins)."""
    out = []
    for m in BREAK.finditer(text, pos, endpos):
        if m.group(2) is not None:  # the blanks before the line break end the sentence too:
            begin = m.start(2)  # read back from it (a pattern starting on them is quadratic)
            while begin > pos and text[begin - 1] != "\n" and text[begin - 1].isspace():
                begin -= 1
            out.append((begin, m.end()))
            continue
        if "\n" in m.group(1):
            out.append((m.start(1), m.end()))
            continue
        after = text[m.end() : m.end() + 3].lstrip(OPENERS)
        if after[:1].isupper():
            out.append((m.start(1), m.end()))
    return out


def window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding `text[start:end]`, at most `REACH` characters on either side of
    it (cut at a space when the sentence is longer): what the second model needs to read the
    span as it would in the whole text, at a cost bounded by the span, not by the paragraph."""
    lo, hi = max(0, start - REACH), min(len(text), end + REACH)
    before = [b for _, b in _breaks(text, lo, start) if b <= start]
    if before:
        left = before[-1]
    elif lo == 0:
        left = 0
    else:
        space = SPACE.search(text, lo, start)
        left = space.end() if space else lo
    after = _breaks(text, end, hi)
    if after:
        right = after[0][0]
    elif hi == len(text):
        right = hi
    else:
        spaces = [m.start() for m in SPACE.finditer(text, end, hi)]
        right = spaces[-1] if spaces else hi
    return left, right


def windows(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One window per sentence in question, in order: questions in one sentence (or in
    overlapping windows of a long one) share one, so no character is read twice."""
    out: list[tuple[int, int]] = []
    for left, right in sorted(window(text, s, e) for s, e in spans):
        if out and left < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], right))
        else:
            out.append((left, right))
    return out


def shifted(spans: Spans, by: int) -> Spans:
    """A window's reading in the whole text's offsets."""
    return tuple((s + by, e + by, label) for s, e, label in spans)


def one_word(name: str) -> bool:
    """A name of one word that is not an acronym ("Talvor", not "XQV", "X.Q.")."""
    name = name.strip()
    letters = [c for c in name if c.isalpha()]
    return (
        bool(letters)
        and not any(c.isspace() for c in name)
        and not all(c.isupper() for c in letters)
    )
