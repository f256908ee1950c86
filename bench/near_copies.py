"""Near copies of a text, of the kinds a crawl of film and news pages meets: one generator for
the near-duplicate evaluation (`bench/near_quality.py`) and the tests (`tests/test_near_dedup.py`).

Each kind is `kind(text, rng, words) -> copy`, seeded by `rng`; `words` are the words a changed
word is drawn from (the corpus's own in the evaluation, generated ones in the tests). No kind
carries a word list of its own beyond the furniture lines a site adds.
"""

from __future__ import annotations

import random
import re
import textwrap
from collections.abc import Callable, Sequence

Kind = Callable[[str, random.Random, Sequence[str]], str]

HEADER = ["Reposted from {}", "{} — press release", "Source: {} | updated", "FROM THE {} DESK"]
FOOTER = ["Read more on {}.", "© {} All rights reserved.", "Share this: {} · print · mail"]
QUOTES = [("“", "”"), ("«\u00a0", "\u00a0»"), ("„", "“"), ("‘", "’"), ("»", "«")]


def pseudo_site(rng: random.Random) -> str:
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(5, 10))) + ".example"


def header(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """A syndication line above the text, then a blank line."""
    return rng.choice(HEADER).format(pseudo_site(rng)) + "\n\n" + text


def footer(text: str, rng: random.Random, words: Sequence[str]) -> str:
    return text + "\n" + rng.choice(FOOTER).format(pseudo_site(rng))


def words_changed(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """One word in twenty replaced (an edit, a correction, a name spelled otherwise)."""
    cut = text.split(" ")
    for at in rng.sample(range(len(cut)), max(1, round(len(cut) * 0.05))):
        cut[at] = rng.choice(words)
    return " ".join(cut)


def truncated(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """A teaser: the first 70 to 90 % of the words."""
    cut = text.split(" ")
    return " ".join(cut[: max(1, round(len(cut) * rng.uniform(0.7, 0.9)))]) + " […]"


def rewrapped(text: str, rng: random.Random, words: Sequence[str]) -> str:
    return textwrap.fill(" ".join(text.split()), width=rng.randint(40, 72))


def requoted(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """Another quotation convention, typographic apostrophes and dashes, other punctuation."""
    opening, closing = rng.choice(QUOTES)
    out = re.sub(r'"([^"]*)"', lambda m: opening + m.group(1) + closing, text)
    out = out.replace("'", "’").replace(" - ", " — ")
    out = out.replace(", ", " ; " if rng.random() < 0.5 else " ").replace(":", " -")
    return out.rstrip(".") + ("!" if rng.random() < 0.5 else "")


def spaced_and_cased(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """Shouted, with doubled spaces and a full-width letter (a copy through another editor)."""
    return "  ".join(text.upper().split(" ")).replace("A", "Ａ")


def header_and_words(text: str, rng: random.Random, words: Sequence[str]) -> str:
    return header(words_changed(text, rng, words), rng, words)


def wrapped_and_quoted(text: str, rng: random.Random, words: Sequence[str]) -> str:
    return rewrapped(requoted(text, rng, words), rng, words)


KINDS: dict[str, Kind] = {
    kind.__name__: kind
    for kind in (
        header,
        footer,
        words_changed,
        truncated,
        rewrapped,
        requoted,
        spaced_and_cased,
        header_and_words,
        wrapped_and_quoted,
    )
}
