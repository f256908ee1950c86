"""The pattern of words inside « » (`apertium.QUOTED`), rewritten to cost linear time after a «
and a long run of blanks (the prefixes of tests/test_cost_bounds found it cubic): the same
matches and groups as the form before, on every string of up to 6 characters of its classes."""

from __future__ import annotations

import itertools
import re

from pipeline.engines.translate.apertium import QUOTED

BEFORE = re.compile(r"«[ \u00a0\u202f]*([^«»]*?)[ \u00a0\u202f]*»")
ALPHABET = ["«", "»", " ", "\u00a0", "\u202f", "a", "b"]


def test_the_quoted_pattern_reads_as_before() -> None:
    for size in range(7):
        for letters in itertools.product(ALPHABET, repeat=size):
            text = "".join(letters)
            before = [(m.span(), m[1]) for m in BEFORE.finditer(text)]
            assert [(m.span(), m[1]) for m in QUOTED.finditer(text)] == before, repr(text)
