"""Parse input JSON into values that can be written back as valid JSON (RFC 8259), losing none.

Python's `json` reads more than JSON holds and less than it may say: `NaN`, `Infinity` and
`-Infinity` are accepted and would be written back as bare words no other parser reads; a
number like `1e400` becomes an infinite float; an integer literal over 4,300 digits raises
(CPython's conversion limit); half a surrogate pair (`"\\ud800"`) parses into a string that
cannot be encoded as UTF-8; an object that repeats a key keeps only the last value. Each is
repaired here and said (`Repair`), so a reader can warn with the field's path:

- `NaN`/`Infinity`/`-Infinity` become `null` (as pandas writes them);
- a number Python cannot hold exactly as JSON writes it (an overflowing float, a huge
  integer) is kept as its literal, a string;
- lone surrogates become U+FFFD;
- a repeated key is read as every JSON parser users know reads it (Python's `json`,
  JavaScript, jq): the LAST value is the key's; no value is lost, the earlier ones are kept as
  `KEY.1`, `KEY.2` in the order written (pandas' suffixes), skipping names the object already
  has. The first value was the key's: `{"text": "a", "text": "b"}` read `a` where every tool
  reads `b`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pipeline.io.seven_bit import Shifts

MAX_INT_DIGITS = 4_000  # under CPython's int/str conversion limit (4,300 digits)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# ESC or SO written as a JSON escape: perhaps an ISO-2022 text carried in a string (a mail body
# decoded as ASCII, then `json.dumps`)
SHIFT_ESCAPE = re.compile(r"\\u00(?:1[bB]|0[eE])")


@dataclass(frozen=True)
class Repair:
    """One value changed so that it can be written: where (a field path), what, what it became."""

    path: str
    found: str
    written: str


REPEATED_KEY = "a repeated key"


class _Literal(str):
    """A number literal parsed as itself: it becomes a string value, with a repair."""


class Float(float):
    """A JSON number with a fraction or exponent that remembers its literal (`2.50`, `1e2`),
    so an id written as a number is used as written."""

    literal: str

    def __new__(cls, literal: str) -> Float:
        self = super().__new__(cls, literal)
        self.literal = literal
        return self


class Int(int):
    """A JSON integer whose literal Python would not write back (`-0`), so an id written so
    is used as written."""

    literal: str

    def __new__(cls, literal: str) -> Int:
        self = super().__new__(cls, literal)
        self.literal = literal
        return self


class _NonFinite(str):
    """`NaN`, `Infinity` or `-Infinity`: it becomes null, with a repair."""


def holds(literal: str, value: float) -> bool:
    """Whether the double `value` is the number `literal` says, as JSON writes it back (its
    shortest repr): `0.1`, `2.50`, `1e2` are; `1e-400` (0.0), a 30-digit decimal (rounded) and
    `0.1000000000000000055511151231257827` are not, and are kept as their literal (W006).
    They were changed in meta silently, where an id of the same literal was kept exactly."""
    if "e" not in literal and "E" not in literal and len(literal) <= 17:
        return True  # 15 significant digits or fewer: a double holds them (fast path)
    return Decimal(float.__repr__(value)) == Decimal(literal)


def unique_names(items: Iterable[tuple[str, Any]], last: bool = False) -> list[tuple[str, Any]]:
    """Name-value pairs with repeated names made unique (`KEY.1`, `KEY.2`, ...), each value
    kept in order; a name that is already taken is skipped. The first pair of a name keeps it
    (a table's repeated column, as pandas reads it), or with `last` the last one (a JSON
    object's repeated key, as JSON parsers read it). The renamed pairs are marked so that
    `loads` reports them."""
    pairs = list(items)
    taken = {name for name, _ in pairs}
    keeps: dict[str, int] = {}  # each name → the position of the pair that keeps it
    for i, (name, _) in enumerate(pairs):
        if last or name not in keeps:
            keeps[name] = i
    suffix: dict[str, int] = {}  # the suffix each repeated name reached: linear in the names
    out: list[tuple[str, Any]] = []  # (restarting at `.1` each time: 100,000 repeats of one
    for i, (name, value) in enumerate(pairs):  # header name took minutes)
        if keeps[name] == i:
            out.append((name, value))
            continue
        n = suffix.get(name, 0) + 1
        while f"{name}.{n}" in taken:
            n += 1
        suffix[name] = n
        renamed = f"{name}.{n}"
        taken.add(renamed)
        out.append((Renamed(renamed, name), value))
    return out


class Renamed(str):
    """A repeated key renamed; remembers the name it had."""

    original: str

    def __new__(cls, value: str, original: str) -> Renamed:
        self = super().__new__(cls, value)
        self.original = original
        return self


# How deep a value may nest. Python's parser stops where the interpreter's stack does, which
# depends on how deep the caller already is (a worker, the planner, Dask): the same line was a
# record in one run and an error in another. A bound of our own is the same everywhere, well
# below that stack (the repairs walk the value recursively); serde_json stops at 128, simdjson
# at 1024.
MAX_DEPTH = 512
STRING = re.compile(r'"(?:[^"\\]|\\.)*+"')
BRACKET = re.compile(r"[\[\]{}]")


def too_deep(text: str) -> bool:
    """Whether `text` nests arrays and objects deeper than `MAX_DEPTH` (strings skipped).
    Linear; free for a text with fewer brackets than that."""
    if text.count("{") + text.count("[") <= MAX_DEPTH:
        return False
    depth = 0
    for match in BRACKET.finditer(STRING.sub("", text)):
        if match[0] in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        else:
            depth -= 1
    return False


def loads(text: str) -> tuple[Any, list[Repair]]:
    """Parse one JSON text; return the value, ready to be written as JSON, and the repairs.

    Raises `ValueError` (a `json.JSONDecodeError` for broken JSON) or `RecursionError` (nested
    deeper than `MAX_DEPTH`)."""
    if too_deep(text):
        raise RecursionError(f"nested deeper than {MAX_DEPTH} levels")
    marked: list[bool] = []

    def parse_int(literal: str) -> Any:
        if len(literal) <= MAX_INT_DIGITS:
            return int(literal) if literal != "-0" else Int(literal)
        marked.append(True)
        return _Literal(literal)

    def parse_float(literal: str) -> Any:
        value = Float(literal)
        if math.isfinite(value) and holds(literal, value):
            return value
        marked.append(True)
        return _Literal(literal)

    def parse_constant(name: str) -> Any:
        marked.append(True)
        return _NonFinite(name)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        marked.append(True)
        return dict(unique_names(items, last=True))

    decoder = json.JSONDecoder(
        parse_int=parse_int,
        parse_float=parse_float,
        parse_constant=parse_constant,
        object_pairs_hook=pairs,
    )
    value = decoder.decode(text)
    if not marked and not SURROGATE_ESCAPE.search(text) and not SHIFT_ESCAPE.search(text):
        return value, []
    repairs: list[Repair] = []
    return repaired(value, "", repairs), repairs


def repaired(value: Any, path: str, repairs: list[Repair]) -> Any:
    """`value` with every marker and lone surrogate replaced, each replacement in `repairs`."""
    if isinstance(value, _NonFinite):
        repairs.append(Repair(path or "(value)", str(value), "null"))
        return None
    if isinstance(value, _Literal):
        repairs.append(Repair(path or "(value)", short(value), "a string"))
        return str(value)
    if isinstance(value, str):
        fixed, count = LONE_SURROGATE.subn("\ufffd", value)
        if count:
            repairs.append(Repair(path or "(value)", f"{count} lone surrogate(s)", "U+FFFD"))
        return shifted_text(fixed, path, repairs)
    if isinstance(value, list):
        return [repaired(v, f"{path}[{i}]", repairs) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = repaired(str(key), path, repairs) if LONE_SURROGATE.search(key) else str(key)
            where = f"{path}.{name}" if path else name
            if isinstance(key, Renamed):
                repairs.append(Repair(f"{path}.{key.original}" if path else key.original,
                                      REPEATED_KEY, name))  # fmt: skip
            out[name] = repaired(item, where, repairs)
        return out
    return value


def shifted_text(value: str, path: str, repairs: list[Repair]) -> str:
    """A string holding ISO-2022 text (its ESC and SO written `\\u001b`, `\\u000e`) as the
    text it encodes, repaired with a warning: it was kept with raw escapes, which reach
    language ID, translation and the terminal."""
    if ("\x1b" not in value and "\x0e" not in value) or not value.isascii():
        return value
    reading = Shifts().read(value.encode("ascii"))
    if reading is None or reading.characters == 0:
        return value
    repairs.append(
        Repair(path or "(value)", "ISO-2022 escapes", f"their text ({reading.encoding})")
    )
    return reading.text


def scalar_text(value: Any) -> str | None:
    """A JSON scalar as a string, as the input wrote it: a string unchanged (`" a "` stripped
    was `a`, and took the id of the record whose id really is `a`), a number as its literal, a
    boolean as `true`/`false`; None for null, a blank string, a list or an object (not an
    id)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float):
        return value.literal if isinstance(value, Float) else json.dumps(value)
    if isinstance(value, int):
        return value.literal if isinstance(value, Int) else str(value)
    return None


def short(text: str, keep: int = 24) -> str:
    """A literal as a person can read it in a warning."""
    return text if len(text) <= keep else f"{text[:keep]}… ({len(text):,} characters)"
