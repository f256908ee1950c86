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
    walk = SurveyWalk(text_names, path, codec)
    for index, (line, byte, text) in enumerate(pieces):
        if text is None:  # (a line too long to read: the structure is not known)
            return Survey()
        walk.read(index, line, byte, text)
        if walk.verdict is not None:
            return walk.verdict
    if walk.stack:  # one object the file cut short: the records before the cut are read
        walk.result.one_object = True
    return walk.result


class SurveyWalk:
    """`survey`'s read of a document, piece after piece: where it is (in a string, after an
    escape, in a value looked into no further: `deep`), the objects and arrays looked into
    (`stack`), the key being read. `read` hands each step to the method for where it is;
    `verdict` is set when the survey ends early."""

    __slots__ = (
        "codec", "deep", "escaped", "in_string", "key", "path", "result", "stack",
        "text_names", "tops", "verdict",
    )  # fmt: skip

    def __init__(self, text_names: tuple[str, ...], path: str | None, codec: str) -> None:
        self.text_names, self.path, self.codec = text_names, path, codec
        self.result = Survey()
        self.verdict: Survey | None = None
        self.stack: list[_Frame] = []
        self.tops = 0  # top-level values begun
        self.deep = 0  # the depth inside a value not looked into (only those looked in stack)
        self.in_string = self.escaped = False
        self.key: str | None = None  # the key being read, when one is wanted (`KEY_CHARS`)

    def read(self, index: int, line: int, byte: int, text: str) -> None:
        """One piece, step by step (each step says where the next starts; the piece's end
        when nothing more of it is read)."""
        pos, size = 0, len(text)
        while pos < size:
            if self.deep:
                pos = self.skipped(text, pos)
            elif self.escaped:
                self.escaped, pos = False, pos + 1
                key = self.key
                self.key = None if key is None else (key + text[pos - 1])[: KEY_CHARS + 1]
            elif self.in_string:
                pos = self.string(text, pos)
            elif not self.stack:
                pos = self.top_value(text, pos)
            else:
                pos = self.structure(index, line, byte, text, pos)

    def skipped(self, text: str, pos: int) -> int:
        """Inside a value looked into no further (`deep`): its strings read, its brackets
        counted, to its end or the piece's."""
        deep, in_string, escaped = self.deep, self.in_string, self.escaped
        size = len(text)
        while pos < size and deep:
            if escaped:
                escaped, pos = False, pos + 1
            elif in_string:
                found = INSIDE.search(text, pos)
                if found is None:
                    pos = size
                    break
                pos = found.end()
                escaped = found[0] == "\\"
                in_string = escaped
            else:
                found = TOKEN.search(text, pos)
                if found is None:
                    pos = size
                    break
                pos = found.end()
                c = found[0]
                in_string = c == '"'
                deep += 1 if c in "{[" else -1 if c in "}]" else 0
        self.deep, self.in_string, self.escaped = deep, in_string, escaped
        return pos

    def wanted(self, inner: str) -> bool:
        """Whether the value at path `inner` is looked into: on the way to `path`, or at the
        top `AUTO_LEVELS` levels."""
        path = self.path
        if path is not None and (path == inner or path.startswith(inner + ".")):
            return True
        return inner.count(".") < AUTO_LEVELS  # (a key may hold a dot: close enough)

    def string(self, text: str, pos: int) -> int:
        """In a string, to its end or its next escape; a key wanted is read as it goes."""
        found = INSIDE.search(text, pos)
        stop = len(text) if found is None else found.start()
        key = self.key
        key = None if key is None else (key + text[pos:stop])[: KEY_CHARS + 1]
        if found is None:
            self.key = key
            return len(text)
        if found[0] == "\\":
            self.escaped = True
            self.key = None if key is None else key + "\\"
            return found.end()
        self.in_string = False
        self.key = None
        if key is not None and self.named(key_text(key)):
            return len(text)
        return found.end()

    def named(self, name: str) -> bool:
        """A key read: the next value's; a key of the document's object is counted, and one
        of a text field makes it a record. Whether the survey ends there (no path named)."""
        top = self.stack[-1]
        top.key = name
        if len(self.stack) == 1:
            self.result.members += 1
            if any(n == name or n.startswith(name + ".") for n in self.text_names):
                self.result.record = True
                if self.path is None:  # (a path named is looked for all the same)
                    self.verdict = self.result
                    return True
        return False

    def top_value(self, text: str, pos: int) -> int:
        """Between top-level values: the first one must be an object, and the only one."""
        found = VALUE.search(text, pos)
        if found is None:
            return len(text)
        self.tops += 1
        if self.tops > 1 or text[found.start()] != "{":
            self.verdict = Survey()
            return len(text)
        self.stack.append(_Frame("{", ""))
        return found.end()

    def structure(self, index: int, line: int, byte: int, text: str, pos: int) -> int:
        """In an object or array looked into: an element's first character (object or not),
        then the next token that shapes the structure."""
        top = self.stack[-1]
        if top.kind == "[" and top.element and not self.element(top, text, pos):
            return len(text)
        found = TOKEN.search(text, pos)
        if found is None:
            return len(text)
        c = found[0]
        if c == '"':
            self.in_string = True
            if top.kind == "{" and top.expect_key:
                self.key = "" if top.path is not None else None
        elif c in "{[":
            self.opened(top, c, index, line, byte, text, found.start())
        elif c in "}]":
            frame = self.stack.pop()
            if frame.array is not None:
                frame.array.end = (index, found.start())
            if not self.stack:
                self.result.one_object = True
        elif c == ":":
            top.expect_key = False
        elif c == ",":
            top.expect_key = top.element = True
            top.key = None if top.kind == "{" else top.key
        return found.end()

    def element(self, top: _Frame, text: str, pos: int) -> bool:
        """An array element's first character: its array counts it as an object or not.
        False: none on this piece."""
        found = VALUE.search(text, pos)
        if found is None:
            return False
        c = text[found.start()]
        if c != "]":
            top.element = False
            if top.array is not None:
                top.array.objects += c == "{"
                top.array.others += c != "{"
        return True

    def opened(
        self, top: _Frame, c: str, index: int, line: int, byte: int, text: str, at: int
    ) -> None:
        """An object or array starts at `at`: looked into when its path is wanted (an array
        there is surveyed), else only its end is (`deep`)."""
        inner = None
        if top.kind == "{" and top.path is not None and top.key is not None:
            inner = f"{top.path}.{top.key}" if top.path else top.key
            inner = inner if self.wanted(inner) else None
        if len(self.stack) == 1 and c == "{":
            self.result.object_members += 1
        if inner is None:  # (a record, a field off the way: only its end is wanted)
            self.deep = 1
            return
        frame = _Frame(c, inner)
        if c == "[" and inner is not None:
            offset = byte + len(text[:at].encode(self.codec, "surrogatepass"))
            frame.array = Array(inner, (index, at), line, offset)
            self.result.arrays.append(frame.array)
        self.stack.append(frame)


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
