"""Quotation marks kept around what they framed, through Apertium.

Apertium's analysers read « » " “ ” as blanks, not words, and a transfer rule that reorders or
merges the words around a blank puts the blank where its rule writes blanks: "J'ai revu « La
règle du jeu » hier" → "I have seen again The rule « of the game » last night", "Elle pense à
« le jardin »" → "She thinks to the garden « »". A bracket is a word to every step ("(" is
`<lpar>`): no rule moves it, and the words between brackets are the rules' own unit. So each text
holding a pair of marks is also sent with its pairs written as brackets (`variant`); its answer,
the brackets written back as the marks (`answer_marks`), is the translation whose marks frame
what they framed. It is taken only where the plain answer's marks took in a word of the text
outside them or left out one of the words inside (`moved`): elsewhere the plain answer stands,
byte for byte. The variant is sent only where the plain answer's marks may have moved
(`suspect`: a word of a quotation translated alone, `inside`, found outside the marks only):
on the news dev set the characters sent to Apertium grew by 6 % (15,200), not the 14 %
(33,000) a variant for every quoted text cost. Generated cases (`tests/test_framed_quotes.py`):
25 of 150 moved on main, 0 now.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.engines.translate.guard import QUOTED

BRACKETS = re.compile(r"[()]")
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Variant:
    """A text with its quotation marks written as brackets, and the characters each bracket of
    it stands for, in order (a bracket of the text stands for itself)."""

    text: str
    marks: tuple[str, ...]


def variant(text: str) -> Variant | None:
    """`text` with each pair of quotation marks (`guard.QUOTED`) written as brackets, or None
    when it holds no pair."""
    pairs = list(QUOTED.finditer(text))
    if not pairs:
        return None
    chars = list(text)
    for match in pairs:
        chars[match.start()] = "("
        chars[match.end() - 1] = ")"
    written = "".join(chars)
    marks = tuple(text[m.start()] for m in BRACKETS.finditer(written))
    return Variant(written, marks)


def inside(text: str) -> list[str]:
    """What each pair of marks of `text` frames, without the blanks at its edges."""
    return [core for m in QUOTED.finditer(text) if (core := m[0][1:-1].strip())]


def suspect(plain: str, alone: list[str]) -> bool:
    """Whether the plain answer's marks may have moved, against each quotation translated
    alone (`alone`, in order): another count of pairs, or a word of a quotation's translation
    found outside the pairs but not inside its own (a word the context changed inside is no
    sign: "sleeps" for the "sleep" of the quotation alone)."""
    inside_words, outside = pieces(plain)
    if len(inside_words) != len(alone):
        return True
    for got, wanted in zip(inside_words, (words(a) for a in alone), strict=True):
        if (wanted - got) & outside:
            return True
    return False


def words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in WORD.findall(text))


def answer_marks(answer: str, framed: Variant) -> str | None:
    """The variant's answer with its brackets written back as the marks they stand for, or None
    when the engine did not give back each bracket, in its order."""
    if BRACKETS.findall(answer) != BRACKETS.findall(framed.text):
        return None
    marks = iter(framed.marks)
    return BRACKETS.sub(lambda _: next(marks), answer)


def pieces(text: str) -> tuple[list[Counter[str]], Counter[str]]:
    """The words inside each pair of marks of `text`, and the words outside them all."""
    inside = [words(m[0][1:-1]) for m in QUOTED.finditer(text)]
    return inside, words(QUOTED.sub(" ", text))


def moved(plain: str, framed: str) -> bool:
    """Whether the plain answer's marks moved against the framed one's: fewer pairs, or a
    pair taking in a word the framed answer has only outside its marks, or leaving out one it
    has only inside."""
    (inside, outside), (inside_wanted, outside_wanted) = pieces(plain), pieces(framed)
    if len(inside) != len(inside_wanted):
        return True
    for got, wanted in zip(inside, inside_wanted, strict=True):
        taken_in = (got - wanted) & (outside_wanted - outside)
        left_out = (wanted - got) & (outside - outside_wanted)
        if taken_in or left_out:
            return True
    return False


def reconciled(plain: str, answer: str, framed: Variant) -> str:
    """The plain answer, unless its marks moved and the variant's answer gives each bracket
    back in place: then that answer, its brackets written back as the marks."""
    marked = answer_marks(answer, framed)
    if marked is None or not moved(plain, marked):
        return plain
    return marked
