"""Choose among several translations of one text by consensus (minimum Bayes risk).

Each Apertium pivot (French → Spanish, Catalan or Esperanto → English) makes different
mistakes. Per sentence, the candidate closest on average to the others (chrF, character
n-grams) is the one the systems agree on most; a mistake one pivot makes alone loses.
Sentences are compared position by position when every candidate has the same number of
them; otherwise whole texts are compared. Ties go to the first candidate.

chrF here is sacreBLEU's sentence chrF (orders 1–6, β = 2, whitespace ignored, effective-order
averaging), computed from n-grams extracted once per candidate instead of once per pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sacrebleu.metrics.helpers import extract_all_char_ngrams

SENTENCE_END = re.compile(r"(?<=[.!?…])(\s+)")
ORDER = 6
BETA_SQUARED = 4.0


def consensus(candidates: Sequence[str]) -> str:
    if len(candidates) == 1 or len(set(candidates)) == 1:
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
    if len(set(options)) == 1:
        return 0
    grams = [extract_all_char_ngrams(option, ORDER) for option in options]
    scores = [
        sum(chrf(grams[i], grams[j]) for j in range(len(options)) if j != i)
        for i in range(len(options))
    ]
    return max(range(len(options)), key=lambda i: (scores[i], -i))


def chrf(hypothesis: list[Counter[str]], reference: list[Counter[str]]) -> float:
    precision = recall = 0.0
    orders = 0
    for hyp, ref in zip(hypothesis, reference, strict=True):
        n_hyp, n_ref = sum(hyp.values()), sum(ref.values())
        if n_hyp and n_ref:
            matches = sum((hyp & ref).values())
            precision += matches / n_hyp
            recall += matches / n_ref
            orders += 1
    if not orders:
        return 0.0
    precision, recall = precision / orders, recall / orders
    denominator = BETA_SQUARED * precision + recall
    return 100 * (1 + BETA_SQUARED) * precision * recall / denominator if denominator else 0.0
