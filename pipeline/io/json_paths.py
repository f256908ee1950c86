"""Where a JSON document that wraps its records keeps them: its arrays of objects by key.

API and Kaggle exports put the records in an array under a key (`{"data": [...]}`,
`{"meta": {...}, "items": [...]}`, `{"data": {"rows": [...]}}`), the shape pandas users
read with `json_normalize(record_path=...)`. `survey` reads the document's structure once,
a piece at a time, holding nothing but the keys on its way down (each cut at `KEY_CHARS`):
whether the document is one object, whether that object is a record itself (it has a key
of the text field), and each array under a path of keys (at the top `AUTO_LEVELS` levels,
or the path named), with where it opens and closes and how many of its elements are
objects (the records array is the one of mostly objects, `Array.of_records`; each element
that is not an object fails alone, E004). The reader then streams that array's elements as
records (`json_stream`): memory is bounded by one record, the time is two linear scans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.io.json_stream import BLANKS

AUTO_LEVELS = 2  # how deep arrays of records are looked for when no path is named
KEY_CHARS = 1000  # of a key kept to compare (a longer key matches no name)
TOKEN = re.compile(r'[\[\]{}":,]')  # what shapes the structure outside a string
INSIDE = re.compile(r'["\\]')  # what ends a string, or escapes the next character
VALUE = re.compile(f"[^{re.escape(BLANKS)}]")

Position = tuple[int, int]  # (piece index, character in the piece)


@dataclass
class Array:
    """An array under `path` (keys joined by dots): where its `[` and `]` are (`end` None:
    it never closed), how many of its elements are objects and how many are not."""

    path: str
    start: Position
    line: int  # where its `[` is, as the file counts (for the warning)
    byte: int
    end: Position | None = None
    objects: int = 0
    others: int = 0

    @property
    def of_records(self) -> bool:
        """Whether it holds records: mostly objects (more than every other value together).
        API dumps hold a `null` (a deleted item) or a stray value among their records: those
        fail each alone (E004), as in a top-level array; an array of other values (tags,
        numbers) next to no objects, or a tie, holds no records unless `--records-path`
        names it."""
        return self.objects > self.others


@dataclass
class Survey:
    """What the document is, as far as where its records are goes."""

    one_object: bool = False  # the document is one object, nothing after it
    record: bool = False  # that object holds a text field: it is a record itself
    arrays: list[Array] = field(default_factory=list)
    members: int = 0  # its keys
    object_members: int = 0  # its keys whose value is an object (a map id -> record)

    def found(self, path: str | None) -> list[Array]:
        """The arrays of records: the one at `path` whatever it holds (the user named it),
        else every one of mostly objects at the top levels."""
        if path is not None:
            return [a for a in self.arrays if a.path == path]
        return [a for a in self.arrays if a.of_records]


@dataclass
class _Frame:
    kind: str  # "{" or "["
    path: str | None  # the keys to it, joined (None: not on a way looked down)
    key: str | None = None  # (an object's) the key whose value comes next
    expect_key: bool = True
    array: Array | None = None  # (an array's) as surveyed
    element: bool = True  # (an array's) the next value is an element's start


def survey(
    pieces: Iterable[tuple[int, int, str | None]],
    text_names: tuple[str, ...],
    path: str | None,
    codec: str = "utf-8",
) -> Survey:
    """The structure of the document `pieces` give (as `json_stream.Scanner` is fed), down
    the keys of `path` or `AUTO_LEVELS` levels; it stops as soon as the document is no
    single object, or a record itself."""
    result = Survey()
    stack: list[_Frame] = []
    tops = 0  # top-level values begun
    deep = 0  # the depth inside a value not looked into (only what is looked into is stacked)
    in_string = escaped = False
    key: str | None = None  # the key being read, when one is wanted (cut at `KEY_CHARS`)

    def wanted(inner: str) -> bool:
        if path is not None and (path == inner or path.startswith(inner + ".")):
            return True
        return inner.count(".") < AUTO_LEVELS  # (a key may hold a dot: close enough)

    for index, (line, byte, text) in enumerate(pieces):
        if text is None:  # (a line too long to read: the structure is not known)
            return Survey()
        pos = 0
        while pos < len(text):
            if escaped:
                escaped, pos = False, pos + 1
                key = None if key is None else (key + text[pos - 1])[: KEY_CHARS + 1]
                continue
            if in_string:
                found = INSIDE.search(text, pos)
                stop = len(text) if found is None else found.start()
                key = None if key is None else (key + text[pos:stop])[: KEY_CHARS + 1]
                if found is None:
                    break
                pos = found.end()
                if found[0] == "\\":
                    escaped = True
                    key = None if key is None else key + "\\"
                    continue
                in_string = False
                if key is not None:
                    name = key_text(key)
                    key = None
                    top = stack[-1]
                    top.key = name
                    if len(stack) == 1:
                        result.members += 1
                        if any(n == name or n.startswith(name + ".") for n in text_names):
                            result.record = True
                            if path is None:  # (a path named is looked for all the same)
                                return result
                continue
            if not stack:  # between top-level values
                found = VALUE.search(text, pos)
                if found is None:
                    break
                tops += 1
                if tops > 1 or text[found.start()] != "{":
                    return Survey()
                stack.append(_Frame("{", ""))
                pos = found.end()
                continue
            top = stack[-1]
            if not deep and top.kind == "[" and top.element:  # an element's first character
                found = VALUE.search(text, pos)
                if found is None:
                    break
                c = text[found.start()]
                if c != "]":
                    top.element = False
                    if top.array is not None:
                        top.array.objects += c == "{"
                        top.array.others += c != "{"
            found = TOKEN.search(text, pos)
            if found is None:
                break
            pos = found.end()
            c = found[0]
            if deep:  # inside a value looked into no further: its brackets counted only
                in_string = c == '"'
                deep += 1 if c in "{[" else -1 if c in "}]" else 0
            elif c == '"':
                in_string = True
                if top.kind == "{" and top.expect_key:
                    key = "" if top.path is not None else None
            elif c in "{[":
                inner = None
                if top.kind == "{" and top.path is not None and top.key is not None:
                    inner = f"{top.path}.{top.key}" if top.path else top.key
                    inner = inner if wanted(inner) else None
                if len(stack) == 1 and c == "{":
                    result.object_members += 1
                if inner is None:  # (a record, a field off the way: only its end is wanted)
                    deep = 1
                    continue
                frame = _Frame(c, inner)
                if c == "[" and inner is not None:
                    at = byte + len(text[: found.start()].encode(codec, "surrogatepass"))
                    frame.array = Array(inner, (index, found.start()), line, at)
                    result.arrays.append(frame.array)
                stack.append(frame)
            elif c in "}]":
                frame = stack.pop()
                if frame.array is not None:
                    frame.array.end = (index, found.start())
                if not stack:
                    result.one_object = True
            elif c == ":":
                top.expect_key = False
            elif c == ",":
                top.expect_key = top.element = True
                top.key = None if top.kind == "{" else top.key
    if stack:  # one object the file cut short: the records before the cut are read
        result.one_object = True
    return result


def key_text(raw: str) -> str:
    """A key as written (its escapes read), in NFC as every reader's keys are."""
    from pipeline.io.readers.base import nfc  # (the readers import this module)

    try:
        return nfc(json.loads(f'"{raw}"'))
    except ValueError:
        return nfc(raw)


def clipped(
    pieces: Iterable[tuple[int, int, str | None]], array: Array, codec: str
) -> Iterable[tuple[int, int, str | None]]:
    """The pieces of `array`, from its `[` to its `]` (to the document's end when it never
    closed), each with the byte where it starts (`codec` counts a piece's characters)."""
    (first, start), end = array.start, array.end
    for index, (line, byte, text) in enumerate(pieces):
        if index < first:
            continue
        if end is not None and index > end[0]:
            return
        if text is None:
            yield line, byte, text
            continue
        stop = end[1] + 1 if end is not None and index == end[0] else len(text)
        skip = start if index == first else 0
        yield line, byte + len(text[:skip].encode(codec, "surrogatepass")), text[skip:stop]
