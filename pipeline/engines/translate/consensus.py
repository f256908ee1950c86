"""Choose among several translations of one text by consensus (minimum Bayes risk).

Each Apertium pivot (French → Spanish, Catalan or Esperanto → English) makes different
mistakes. Per sentence, the candidate closest on average to the others (chrF, character
n-grams) is the one the systems agree on most; a mistake one pivot makes alone loses.
Sentences are compared position by position when every candidate has the same number of
them; otherwise whole texts are compared. Ties go to the first candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sacrebleu.metrics.chrf import CHRF

SENTENCE_END = re.compile(r"(?<=[.!?…])(\s+)")
_chrf = CHRF()


def consensus(candidates: Sequence[str]) -> str:
    if len(candidates) == 1:
        return candidates[0]
    split = [SENTENCE_END.split(c) for c in candidates]
    if len({len(parts) for parts in split}) != 1:
        return candidates[most_central(candidates)]
    chosen = list(split[0])
    for i in range(0, len(chosen), 2):  # even positions are sentences, odd ones separators
        chosen[i] = split[most_central([parts[i] for parts in split])][i]
    return "".join(chosen)


def most_central(options: Sequence[str]) -> int:
    """The index of the option with the highest summed chrF against all the others."""
    scores = [
        sum(
            _chrf.sentence_score(option, [other]).score for j, other in enumerate(options) if j != i
        )
        for i, option in enumerate(options)
    ]
    return max(range(len(options)), key=lambda i: (scores[i], -i))
