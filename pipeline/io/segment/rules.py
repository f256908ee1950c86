"""The data-driven rules of `models/segment.json` (boilerplate phrases, section names, bylines,
the words no line of text ends on), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.io.segment.boilerplate import Boilerplate
from pipeline.io.segment.lines import is_sentence
from pipeline.resources import load_json

BYLINE_MIN_WORDS = 2
BYLINE_MAX_WORDS = 4
# "By" and four words: a longer line is no byline, and never reaches the model's patterns (which
# a user edits: one that backtracks must not cost a long line minutes).
BYLINE_MAX_CHARS = 200


@dataclass(frozen=True)
class SegmentRules:
    """The data-driven rules of `models/segment.json`, compiled once."""

    boilerplate: Boilerplate
    section_kinds: dict[str, str]
    heading_max_words: int
    title_max_words: int
    byline: re.Pattern[str]
    open_ends: frozenset[str]

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> SegmentRules:
        kinds = {name: kind for kind, names in config["sections"].items() for name in names}
        return cls(
            boilerplate=Boilerplate.from_phrases(config["boilerplate"]),
            section_kinds=kinds,
            heading_max_words=int(config["heading_max_words"]),
            title_max_words=int(config["title_max_words"]),
            byline=re.compile("|".join(f"(?:{p})" for p in config["bylines"]), re.IGNORECASE),
            open_ends=frozenset(config["open_ends"]),
        )

    def open_ended(self, line: str) -> bool:
        """Whether `line` stops where no line of text ends: on a comma, an elided article
        ("d'", "l’") or a lower-case article, preposition or conjunction ("sous la direction
        de"): the next line goes on with it, whatever that line starts with."""
        if line.endswith((",", "'", "’")):
            return True
        words = line.rsplit(maxsplit=2)
        # after a word or a comma: "PG-13| en" ends a list of facts with a language code
        return (
            len(words) >= 2
            and words[-1] in self.open_ends
            and (words[-2][-1].isalnum() or words[-2].endswith(","))
        )

    def section_name(self, line: str) -> bool:
        """Whether `line` is a known section name ("Reviews:", "Synopsis")."""
        return line.rstrip(":").strip().lower() in self.section_kinds

    def author_of(self, line: str) -> str | None:
        """The name a byline gives ("By Jane Doe"), or None: a person's name, two to four
        capitalised words (a given name and a family name at least) and none a function
        word, and nothing else on the line. One word names no one by itself: "By Train",
        "By Night" are headings (hostile41 F10: they made authors "Train" and "Car")."""
        if len(line) > BYLINE_MAX_CHARS:
            return None
        match = self.byline.fullmatch(line)
        if match is None:
            return None
        name = match["author"].strip()
        words = name.split()
        if not BYLINE_MIN_WORDS <= len(words) <= BYLINE_MAX_WORDS or is_sentence(name):
            return None
        if any(w.lower() in self.open_ends for w in words):
            return None  # "By The Sea", "By Car and Bus": function words name no one
        return name if all(w[0].isupper() for w in words if w[0].isalpha()) else None


@cache
def default_rules() -> SegmentRules:
    return SegmentRules.from_config(load_json("segment.json"))
