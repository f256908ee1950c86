"""Catalan's personal article before a first name ("la Maria", "en Pere", "l'Anna"): English
has none, and the engine drops it before a first name it reads (`<np><ant>`), as the raw chain
does. A name the guard carries reaches the engine as a token, so the article came back as
"the"/"at" (hostile49 T8): the article is masked with the name and put back without it."""

from __future__ import annotations

import re

from pipeline.engines.translate.names import PROPER, UNIT

LANGS = frozenset({"ca"})
# the article right before a name: "la ", "el ", "en ", "l'", "n'" (any case: "La Maria")
ARTICLE = re.compile(r"(?:(?<![^\W\d_])(?:[Ll]a|[Ee]l|[Ee]n)[ \u00a0]|(?<![^\W\d_])[LlNn]['’])\Z")
REACH = 4  # characters before a name the article may take


def article_before(text: str, start: int) -> int | None:
    """Where the personal article right before `start` begins, or None."""
    match = ARTICLE.search(text[max(0, start - REACH) : start])
    return None if match is None else max(0, start - REACH) + match.start()


OPENING = re.compile(r"(?:[Ll]a|[Ee]l|[Ee]n)[ \u00a0]|[LlNn]['’]")  # a mention opening on it


def article(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The personal article of the mention `start:end`, before it or its first word ("la
    Maria", "La Maria" taken in at a sentence's start), as (article's start, name's start)."""
    before = article_before(text, start)
    if before is not None:
        return before, start
    match = OPENING.match(text, start, end)
    return None if match is None or match.end() >= end else (start, match.end())


def first_name(analysis: str) -> bool:
    """Whether the analyser reads the first word as a first name (`<np><ant>`)."""
    units = UNIT.findall(analysis)
    if not units:
        return False
    return any((m := PROPER.search(r)) and m[1] == "ant" for r in units[0][1].split("/"))
