"""Hostile text for cost tests: long runs of every character class, and every regular
expression of the package, found in its source so a new one cannot hide.

Shared by `tests/test_cost_bounds.py` (each regex at two sizes) and `bench/cost.py` (each
stage end to end)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

import pipeline

PACKAGE = Path(pipeline.__file__).parent

# Characters a hostile or merely odd input repeats: blanks of every kind, line ends, each
# ASCII punctuation character, letters, digits, quotes, bullets, CJK, combining marks, emoji.
BLANKS = {"space": " ", "tab": "\t", "nbsp": "\u00a0", "narrow-nbsp": "\u202f",
          "em-space": "\u2003", "ideographic-space": "\u3000", "zero-width-space": "\u200b",
          "newline": "\n", "crlf": "\r\n", "cr": "\r", "form-feed": "\f",
          "line-separator": "\u2028"}  # fmt: skip
OTHERS = {"letter": "a", "capital": "A", "digit": "7", "accented": "é", "cjk": "中",
          "combining": "e\u0301", "emoji": "😀", "bullet": "•", "middle-dot": "·",
          "curly-quote": "“", "guillemet": "«", "apostrophe-curly": "’", "ellipsis": "…",
          "en-dash": "–", "em-dash": "—", "control": "\x01", "nul": "\x00",
          "replacement": "\ufffd", "bidi": "\u202e", "single-open": "‘", "low-9": "‚",
          "low-9-double": "„", "guillemet-close": "»", "corner": "「"}  # fmt: skip
PUNCTUATION = {f"punct-{ord(c):02x}": c for c in string.punctuation}
CHARACTERS: dict[str, str] = {**BLANKS, **OTHERS, **PUNCTUATION}

# How a character is repeated: alone, between words, after a word, as a gap in a line.
STRUCTURES: dict[str, Callable[[str, int], str]] = {
    "run": lambda c, n: c * (n // len(c)),
    "word+c": lambda c, n: ("a" + c) * (n // (1 + len(c))),
    "c+space": lambda c, n: (c + " ") * (n // (1 + len(c))),
    "gap": lambda c, n: "Word " + c * ((n - 10) // len(c)) + " word",
}
# Mixed patterns the issue names, used as they are.
MIXED: dict[str, Callable[[int], str]] = {
    "a-space": lambda n: "a " * (n // 2),
    "dot-space": lambda n: ". " * (n // 2),
    "word-space": lambda n: "word " * (n // 5),
    "Title-Case": lambda n: "Word " * (n // 5),
    "prose": lambda n: ("The quiet harbour film was slow, but honest. " * (n // 45 + 1))[:n],
    "capital-dot": lambda n: "A. " * (n // 3),
    "quote-word": lambda n: '"a" ' * (n // 4),
    "pipe-fields": lambda n: "ab | " * (n // 5),
    "name-like": lambda n: "Jean-Luc O’Neil " * (n // 16),
    "by-prefix": lambda n: "By " + " " * (n - 4) + "\n",
    "year-quote": lambda n: '1999 "' + "a " * ((n - 8) // 2),
    "brackets": lambda n: "[<a>]" * (n // 5),
    "backslashes": lambda n: "\\a" * (n // 2),
    "caret-units": lambda n: "^a/b$" * (n // 5),
    "np-tags": lambda n: "<np><" * (n // 5),
    "url-ish": lambda n: "http://a" + "a:" * ((n - 8) // 2),
    "urls-glued": lambda n: "http://a.b/" * (n // 11),
    "emoji-flags": lambda n: "\U0001f1eb\U0001f1f7" * (n // 2),
    "letter-dot": lambda n: "x." * (n // 2),
    "NAME-tokens": lambda n: "XQNAME" * (n // 6),
    "elision": lambda n: "l'" * (n // 2),
    "digits-dash": lambda n: "1-" * (n // 2),
    # every quotation mark opening a quotation that the next one of its kind never closes
    "open-single": lambda n: " 'a" * (n // 3),
    "open-single-curly": lambda n: " ‘a’b" * (n // 5),
    "in-word-apostrophes": lambda n: " '" + "a'" * ((n - 2) // 2),
    "open-guillemets": lambda n: "»a " * (n // 3),
    "open-low-9": lambda n: "‚a’b " * (n // 5),
    # what subtitles repeat: arrows, times, cue tags left open
    "arrows": lambda n: "--> " * (n // 4),
    "times": lambda n: "00:00:01.000 " * (n // 13),
    "colon-digits": lambda n: "1:" * (n // 2),
    "open-tags": lambda n: "<v a " * (n // 5),
}


def hostile_texts(n: int) -> Iterator[tuple[str, str]]:
    """`(name, text)` of about `n` characters, for every class and structure."""
    for name, c in CHARACTERS.items():
        for structure, make in STRUCTURES.items():
            yield f"{name}/{structure}", make(c, n)
    for name, mixed in MIXED.items():
        yield name, mixed(n)


@dataclass(frozen=True)
class Found:
    """One regular expression of the package and where it is written."""

    where: str
    pattern: Any  # a compiled `re` or `regex` pattern


FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall",
             "finditer"}  # fmt: skip
FLAGS = {"IGNORECASE": re.IGNORECASE, "I": re.IGNORECASE, "DOTALL": re.DOTALL, "S": re.DOTALL,
         "MULTILINE": re.MULTILINE, "M": re.MULTILINE, "VERBOSE": re.VERBOSE, "X": re.VERBOSE}  # fmt: skip
PLACEHOLDER = "word"  # what a pattern built from a value (`re.escape(word)`) holds here


def literal(node: ast.expr) -> str | bytes | None:
    """A pattern written in the source: a string, or an f-string with its values as a word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                out.append(str(value.value))
            else:
                out.append(PLACEHOLDER)
        return "".join(out)
    return None


def flags_of(call: ast.Call) -> int:
    flags = 0
    for node in [*call.args[1:], *(k.value for k in call.keywords if k.arg == "flags")]:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Attribute) and sub.attr in FLAGS:
                flags |= FLAGS[sub.attr]
    return flags


def module_patterns() -> Iterator[Found]:
    """Every compiled pattern held by a module of the package (or a class in it)."""
    seen: set[int] = set()
    for info in pkgutil.walk_packages([str(PACKAGE)], "pipeline."):
        if info.name.endswith("__main__"):
            continue  # runs the command line
        module = importlib.import_module(info.name)
        holders: list[tuple[str, Any]] = [(info.name, module)]
        holders += [(f"{info.name}.{k}", v) for k, v in vars(module).items() if isinstance(v, type)]
        for where, holder in holders:
            for name, value in vars(holder).items():
                if isinstance(value, re.Pattern | regex.Pattern) and id(value) not in seen:
                    seen.add(id(value))
                    yield Found(f"{where}.{name}", value)


def call_sites() -> Iterator[tuple[str, ast.Call]]:
    """Every `re.X(...)` / `regex.X(...)` call in the package's source."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for node in tree.body:  # `NAME = re.compile(...)` at a module's top: held as NAME
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                node.value.held_as = f"{module}.{node.targets[0].id}"  # type: ignore[attr-defined]
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("re", "regex")
                and node.func.attr in FUNCTIONS
            ):
                yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node


def model_patterns() -> Iterator[Found]:
    """Patterns the rules read from `models/` (compiled by the code that uses them)."""
    from pipeline.io.segment.rules import default_rules

    rules = default_rules()
    for name, value in vars(rules).items():
        if isinstance(value, re.Pattern | regex.Pattern):
            yield Found(f"models/segment.json:{name}", value)


def every_pattern() -> tuple[list[Found], list[str]]:
    """All the package's patterns, and the call sites none of them accounts for (a pattern
    built at run time from something this module cannot see: the test fails on those)."""
    found = [*module_patterns(), *model_patterns()]
    known = {(f.pattern.pattern, f.pattern.flags & ~re.UNICODE) for f in found}
    held = {f.where for f in found}
    unexplained: list[str] = []
    for where, call in call_sites():
        if not call.args:
            unexplained.append(where)
            continue
        if getattr(call, "held_as", None) in held:
            continue  # compiled into a module's name: measured as it is, with its real values
        text = literal(call.args[0])
        if text is None:
            continue  # a name: the compiled pattern it names is among the module's (checked below)
        flags = flags_of(call)
        engine = regex if call.func.value.id == "regex" else re  # type: ignore[attr-defined]
        compiled = engine.compile(text, flags)
        if (compiled.pattern, compiled.flags & ~re.UNICODE) not in known:
            known.add((compiled.pattern, compiled.flags & ~re.UNICODE))
            found.append(Found(where, compiled))
    return found, unexplained


def uses(pattern: Any, text: str) -> Iterator[tuple[str, Callable[[], object]]]:
    """The ways the package applies a pattern, each as a call on `text`."""
    subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
    yield "finditer", lambda: sum(1 for _ in pattern.finditer(subject))
    yield "match", lambda: pattern.match(subject)
    yield "fullmatch", lambda: pattern.fullmatch(subject)
