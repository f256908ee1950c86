"""The translation mechanisms read what precedes a match backwards (`lookback.py`) and match
their patterns only from a blank run's or a word's start (linear on long runs: the cost-bound
suite); here, that both say exactly what the definitions they replace said.

The class: every code point (for `\\s` and `\\w`), and random texts over an alphabet of every
kind of character these patterns treat apart (blanks of several kinds, letters of the words
they look for, capitals, digits, "_", "-", apostrophes, clause ends, quotation marks), at every
position the code applies a pattern from. The old definitions are the oracles.
"""

from __future__ import annotations

import random
import re
import sys

import pytest

from pipeline.engines.translate import inversion, partitive, questions, subjects
from pipeline.engines.translate.lookback import blank_start, char_before, is_word, word_before

# The definitions before they were made linear (quadratic under a scan of a long blank run).
OLD_OPENING = re.compile(
    r"(?P<lead>\s*)(?P<subject>I|you|he|she|it|we|they|there)\s+(?P<verb>[a-z]+)"
    r"(?P<negation>\s+not)?(?=[\s,?])",
    re.IGNORECASE,
)
OLD_NEXT = re.compile(r"\s+([a-z]+)", re.IGNORECASE)
OLD_THERE = re.compile(r"\s+y\b", re.IGNORECASE)
OLD_EXTRAPOSED = re.compile(r"\s*(?:\w+\s+){0,3}?(?:de|que|d['’]|qu['’])\b", re.IGNORECASE)
OLD_LAST_WORD = re.compile(r"(\w+)\Z")
OLD_CLAUSE_OPENS = re.compile(r"(?:\A|[.!?;:,()«»\"“”—–])\s*\Z")

WORDS = ["I", "you", "It", "there", "y", "Y", "de", "que", "d'", "qu’", "not", "go", "es", "a",
         "É", "é", "7", "_", "-", "Il", ""]  # fmt: skip
BLANKS = [" ", " ", " ", "  ", "\t", "\u00a0", "\n"]
MARKS = ["-", "'", "’", ".", "?", "?", " ?", "!", ",", ":", ";", '"', "“", "«", "(", ")", "—", "?!", ". "]  # fmt: skip


def texts(seed: int, count: int = 3000) -> list[str]:
    """Words apart, mostly by blanks, now and then by a mark or nothing."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(0, 8)):
            pieces.append(rng.choice(WORDS))
            gap = rng.random()
            pieces.append(rng.choice(BLANKS if gap < 0.6 else MARKS if gap < 0.9 else [""]))
        out.append("".join(pieces))
    return out


def test_blank_and_word_are_the_regex_classes_on_every_code_point() -> None:
    every = map(chr, range(sys.maxunicode + 1))
    differ = [
        hex(ord(c))
        for c in every
        if c.isspace() != bool(re.match(r"\s", c)) or is_word(c) != bool(re.match(r"\w", c))
    ]
    assert differ == []


@pytest.mark.parametrize("seed", range(3))
def test_reading_back_says_what_the_searches_said(seed: int) -> None:
    for text in texts(seed):
        for end in range(len(text) + 1):
            head = text[:end]
            assert blank_start(text, end) == len(head.rstrip())
            old = OLD_LAST_WORD.search(head.rstrip())
            assert word_before(text, end) == (old[1] if old else "")
            assert partitive.before(text, end) == (old[1] if old and old[1].isalpha() else None)
            opens = char_before(text, end)
            assert (not opens or opens in partitive.CLAUSE_OPENS) == bool(
                OLD_CLAUSE_OPENS.search(head)
            )


def spans(match: re.Match[str] | None) -> object:
    return match and (match.span(), match.groupdict() or match.groups())


@pytest.mark.parametrize("seed", range(3))
def test_the_anchored_patterns_match_as_before_where_the_code_applies_them(seed: int) -> None:
    """OPENING at a question's start (no blank before it); NEXT, THERE and EXTRAPOSED right
    after a word (the verb that the match before them ends with)."""
    checked = 0
    for text in texts(seed):
        for start in questions.question_starts(text):
            assert spans(questions.OPENING.match(text, start)) == spans(
                OLD_OPENING.match(text, start)
            )
            checked += 1
        for at in range(1, len(text) + 1):
            after = text[at : at + 1]
            if not is_word(text[at - 1]) or (after and (is_word(after) or after == "-")):
                continue  # the code applies them only right after a whole word
            for new, old in [
                (questions.NEXT, OLD_NEXT),
                (subjects.THERE, OLD_THERE),
                (subjects.EXTRAPOSED, OLD_EXTRAPOSED),
            ]:
                assert spans(new.match(text, at)) == spans(old.match(text, at)), (text, at)
                checked += 1
    assert checked > 10_000


def old_without_particle(match: re.Match[str]) -> str:
    before = match.string[: match.start()]
    if re.search(r"qu['’]\s*$", before, re.IGNORECASE):
        return match[0]
    return match[2].upper() if match[1][:1].isupper() else match[2]


@pytest.mark.parametrize("seed", range(3))
def test_the_question_particle_is_kept_after_qu_as_before(seed: int) -> None:
    """`inversion.without_particle` reads back for "qu'" as the search it replaces did."""
    rng = random.Random(seed)
    parts = ["qu'", "QU’", "Qu'", "jusqu'", "q", "u", "'", " ", "\n", "  ", "a", "est-ce que ",
             "Est-ce qu'", "EST-CE QUE "]  # fmt: skip
    kept = 0
    for _ in range(3000):
        text = "".join(rng.choices(parts, k=rng.randint(1, 8))) + "est-ce que x"
        new = inversion.PARTICLE.sub(inversion.without_particle, text)
        assert new == inversion.PARTICLE.sub(old_without_particle, text), text
        kept += "est-ce que x" in new
    assert kept > 100
