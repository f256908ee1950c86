"""What a pattern must read before each of its repeats, so a long run put there is read by that
repeat and the ones after it (hostile43 H6, H17: `<v` + blanks, a timing line + blanks in its
settings; a run alone never reached those repeats, and the cost tests passed).

A pattern is parsed by the `re` module's own parser; for each repeat (at any depth, in every
alternative) the shortest text that takes the pattern there is written out: each literal, one
character of each class, each repeat its minimum number of times."""

from __future__ import annotations

import re
import re._constants as sre  # the parser's opcodes
import re._parser as sre_parse
from collections.abc import Iterator
from typing import Any

REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
CANDIDATES = "a7 A.-_x,:;/é\t\n"  # tried in order for a class given by what it excludes
CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: "7", sre.CATEGORY_NOT_DIGIT: "a", sre.CATEGORY_SPACE: " ",
    sre.CATEGORY_NOT_SPACE: "a", sre.CATEGORY_WORD: "a", sre.CATEGORY_NOT_WORD: " ",
    sre.CATEGORY_LINEBREAK: "\n", sre.CATEGORY_NOT_LINEBREAK: "a",
}  # fmt: skip
MAX_PREFIXES = 12  # per pattern: the first ones found, outermost first


def in_category(char: str, category: Any) -> bool:
    return {
        sre.CATEGORY_DIGIT: char.isdigit(),
        sre.CATEGORY_NOT_DIGIT: not char.isdigit(),
        sre.CATEGORY_SPACE: char.isspace(),
        sre.CATEGORY_NOT_SPACE: not char.isspace(),
        sre.CATEGORY_WORD: char.isalnum() or char == "_",
        sre.CATEGORY_NOT_WORD: not (char.isalnum() or char == "_"),
        sre.CATEGORY_LINEBREAK: char == "\n",
        sre.CATEGORY_NOT_LINEBREAK: char != "\n",
    }.get(category, False)


def in_set(char: str, items: list[Any]) -> bool:
    """Whether `char` is in a parsed character class (NEGATE aside)."""
    for op, value in items:
        if op == sre.LITERAL and ord(char) == value:
            return True
        if op == sre.RANGE and value[0] <= ord(char) <= value[1]:
            return True
        if op == sre.CATEGORY and in_category(char, value):
            return True
    return False


def one_of(items: list[Any]) -> str:
    """One character a parsed class `[...]` takes."""
    if items and items[0][0] == sre.NEGATE:
        return next((c for c in CANDIDATES if not in_set(c, items[1:])), "\u2603")
    op, value = items[0]
    if op == sre.LITERAL:
        return chr(value)
    if op == sre.RANGE:
        return chr(value[0])
    return CATEGORY_CHARS.get(value, "a")


def shortest(items: Any) -> str:
    """The shortest text a parsed sequence reads (its first alternative at each branch)."""
    out = []
    for op, value in items:
        if op == sre.LITERAL:
            out.append(chr(value))
        elif op == sre.NOT_LITERAL:
            out.append("a" if value != ord("a") else "b")
        elif op == sre.ANY:
            out.append("a")
        elif op == sre.IN:
            out.append(one_of(value))
        elif op == sre.CATEGORY:
            out.append(CATEGORY_CHARS.get(value, "a"))
        elif op in REPEATS:
            out.append(shortest(value[2]) * value[0])
        elif op == sre.SUBPATTERN:
            out.append(shortest(value[3]))
        elif op == sre.ATOMIC_GROUP:
            out.append(shortest(value))
        elif op == sre.BRANCH:
            out.append(shortest(value[1][0]))
        # AT (anchors), ASSERT, ASSERT_NOT, GROUPREF, GROUPREF_EXISTS: nothing to read
    return "".join(out)


def entries(items: Any, before: str = "") -> Iterator[str]:
    """The text before each repeat of a sequence, at every depth and in every alternative."""
    for k, (op, value) in enumerate(items):
        here = before + shortest(items[:k])
        if op in REPEATS:
            yield here
            yield from entries(value[2], here)
        elif op == sre.SUBPATTERN:
            yield from entries(value[3], here)
        elif op == sre.ATOMIC_GROUP:
            yield from entries(value, here)
        elif op == sre.BRANCH:
            for alternative in value[1]:
                yield from entries(alternative, here)


def prefixes(pattern: Any) -> list[str]:
    """The distinct non-empty texts that take `pattern` to one of its repeats (none for a
    pattern the `re` parser cannot read: the `regex` module's own syntax)."""
    if isinstance(pattern.pattern, bytes):
        return []
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except (re.error, ValueError, TypeError):
        return []
    seen: dict[str, None] = {}
    for text in entries(parsed):
        if text and len(seen) < MAX_PREFIXES:
            seen.setdefault(text)
    return list(seen)
