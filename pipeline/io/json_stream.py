"""The values of a JSON document, one at a time, from its text read a piece at a time.

A `.json` file is an array of records (pandas' `to_json(orient="records")`, Hugging Face
`datasets`, most APIs), a single object, or JSON Lines under another name; pandas writes
its array on one line, of any size. `Scanner` finds where each value of the top level (each
element of a top-level array) starts and ends by counting brackets outside strings, holding
only the value it is in: memory is bounded by the largest value (`bound`), never by the file.
Each value comes with the line and byte where it starts, so each failure is located.

Damage does not swallow what follows. A value is checked once it closes: where the JSON
parser stops in it (a missing `}` before the next record's `{`, a line cut inside a string)
the value is cut, the part before is given alone (it fails, located), and scanning goes on
from the cut, skipping to the next object's `{` (what is skipped is given as a value of its
own, which fails too). So a damaged record costs itself, never its neighbours: every
character of the input is in some value given.

A record cut inside a list or after a key (`"tags": [1,` / `"id": `, a partial write) is
different: the next record's `{` is a legal value there, so the parser stops only where the
document ends (in an array: after every later record). A line whose first character is `{`
at or left of the column where the open value began (column 0 for JSON Lines and jq's
objects, an array's element indentation) is where a record starts in every layout writers
use: the first such line is noted (`_Open.resync`), and when the open value does not read,
it is cut there (or where the parser stops, if that is earlier). A value that reads whole
is kept whole, however its nested objects are laid out, unless after that line one closes
left of its column (a wrapper's `]` and `}` closed what the cut left open).

(ijson, the usual incremental parser, is not installed and gives no offsets; the scan here is
a regular expression jump per bracket or quote, the parse json's C decoder: linear.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# what files joined end to end or writers put between values: none of it is JSON's (as
# `readers.jsonl.BETWEEN_LINES`; RS, RFC 7464's mark before each text of a JSON text
# sequence), and the commas of an array
RS = "\x1e"
BLANKS = "\ufeff\x00\x1a \t\r\n\x0b\x0c" + RS
SEPARATORS = BLANKS + ","
NEXT_VALUE = re.compile(f"[^{re.escape(SEPARATORS)}]")
OUTSIDE = re.compile(r'[\[\]{}"]')  # what changes the depth outside a string
INSIDE = re.compile(r'["\\]')  # what ends a string, or escapes the next character
SCALAR_END = re.compile(r"[,\]\[{}\s]")
# where scanning takes up again after damage: an object's `{` first on its line, or after a
# comma or an array's `[` (blanks between)
RESUME = re.compile(r"(?:^|(?<=[,\[]))[ \t\x0b\x0c\r\ufeff\x1e]*+\{")


# cuts in a row, each scanning again what follows it: past this many, a damaged value fails
# whole (a run like `{,{,{,…` never closes: cut at each `{`, it cost the square of its length)
MAX_CUTS = 32


@dataclass
class Value:
    """One top-level value (or an array's element), or a stretch the scanner could not read.

    `text` is what the input holds there; `line`/`byte` where it starts; `problem` is None
    for a value that closed, else why it is given as it is (the parser then says what is
    wrong with `text`, except for a value over the bound, given empty)."""

    line: int
    byte: int
    text: str
    problem: str | None = None


@dataclass
class _Open:
    """The value being read: its pieces (line, byte, text) and where its scan stands."""

    line: int
    byte: int
    pieces: list[tuple[int, int, str]] = field(default_factory=list)
    size: int = 0
    depth: int = 0
    in_string: bool = False
    escaped: bool = False
    scalar: bool = False
    over: bool = False  # over the bound: its end is looked for, its text not kept
    last: str = ""  # its last character that is not a blank
    column: int = 0  # where its first character is in its line
    resync: int | None = None  # in its text: the first `{` opening a line at or left of it
    resync_line: int = 0
    outdented: bool = False  # after `resync`, a line closes left of its column


class Scanner:
    """Feed it the document's pieces in order (`feed`: a line, or part of a long one: a piece
    with the line number of the one before continues it), then `end`; each yields the
    values completed. `encoding` counts the bytes of a piece's characters (offsets)."""

    def __init__(self, bound: int, encoding: str = "utf-8") -> None:
        self.bound = bound
        self.encoding = encoding
        self.in_array = False
        self.resuming = False  # after damage: skip to the next object
        self.skipped: _Open | None = None  # what resuming skipped so far
        self.open: _Open | None = None
        self.last_line: int | None = None
        self.cuts = 0  # cuts since a value last read whole (`MAX_CUTS`)
        self.line_chars = 0  # characters of the current line fed so far (columns)
        # rescanning what a value cut at its `resync` line held: each such line ends the
        # value open (each piece is scanned again once, not once per record it holds)
        self.eager = False

    def feed(self, line: int, byte: int, text: str) -> Iterator[Value]:
        if line != self.last_line:
            self.line_chars = 0
        column = self.line_chars
        self.line_chars += len(text)
        if self.last_line is not None and line != self.last_line:
            yield from self._line_end()
            yield from self._line_start(line, text)
        self.last_line = line
        yield from self._scan(line, byte, text, column)

    def _line_start(self, line: int, text: str) -> Iterator[Value]:
        """What a line's start says of the value open: cut short (an RS, an object where no
        value may be), or maybe cut short (an object at or left of its column: `resync`)."""
        value = self.open
        if value is None or value.scalar:
            return
        indent = len(text) - len(text.lstrip(BLANKS))
        if text.startswith(RS):  # (RFC 7464: a text cut short)
            yield from self._close(value, "the next text's RS came before it closed")
        elif text[indent : indent + 1] in ("]", "}"):
            # the structure around it closing (a wrapper's `]`, `}`): its own end is at its
            # column, a nested one's right of it
            value.outdented |= value.resync is not None and indent < value.column
        elif text[indent : indent + 1] != "{":
            return
        elif value.last not in "[,:":  # an object starts a line where no value may (after a
            # `{` neither: an object's first member is a key): the one open lost its end
            yield from self._close(value, "the next line starts an object before it closed")
        elif self.eager and indent <= value.column:
            yield from self._close(value, f"the object opening line {line} came before it closed")
        elif value.resync is None and indent <= value.column and not value.over:
            value.resync, value.resync_line = value.size + indent, line

    @property
    def idle(self) -> bool:
        """Whether no value is open and no damage is being skipped: what follows is read
        afresh (a JSON Lines reader goes back to reading a line at a time)."""
        return self.open is None and not self.resuming and self.skipped is None

    def end(self) -> Iterator[Value]:
        """What is left open when the document ends: a value the file cut (truncated), what
        resuming skipped, an array never closed (nothing lost: said by no value)."""
        while (value := self.open) is not None:  # (what a cut read again may leave open)
            cut = not value.scalar or value.in_string
            yield from self._close(value, "the document ends inside it" if cut else None)
        if self.skipped is not None:
            yield self._given(self.skipped, "not JSON: skipped to the next object")
            self.skipped = None

    def _line_end(self) -> Iterator[Value]:
        """JSON strings never hold a line end: a string open at one was cut there, and a
        bare scalar ends there."""
        while (value := self.open) is not None:  # (a cut read again may leave one open)
            if value.scalar and not value.in_string:
                yield from self._close(value, None)
            elif value.in_string:
                yield from self._close(value, "a line ends inside a string")
            else:
                if not value.over:
                    line = value.pieces[-1][0] if value.pieces else value.line
                    self._keep(value, line, -1, "\n")
                return

    def _keep(self, value: _Open, line: int, byte: int, text: str) -> None:
        if not text:
            return
        value.size += len(text)
        if stripped := text.rstrip(BLANKS):
            value.last = stripped[-1]
        if value.over:
            return
        if value.size > self.bound:
            value.over = True
            value.pieces.clear()
            return
        value.pieces.append((line, byte, text))

    def _scan(self, line: int, byte: int, text: str, column: int = 0) -> Iterator[Value]:
        """Scan a piece of a line whose first character is at `column` of it."""
        pos, at_char, at_byte = 0, 0, byte

        def where(i: int) -> int:
            nonlocal at_char, at_byte
            at_byte += len(text[at_char:i].encode(self.encoding, "surrogatepass"))
            at_char = i
            return at_byte

        while pos < len(text):
            value = self.open
            if value is None and self.resuming:
                found = RESUME.search(text, pos)
                stop = len(text) if found is None else found.end() - 1
                if stop > pos and (self.skipped is not None or text[pos:stop].strip(BLANKS)):
                    if self.skipped is None:  # (blanks alone, an RS before `{`: nothing skipped)
                        self.skipped = _Open(line, where(pos))
                    self._keep(self.skipped, line, where(pos), text[pos:stop])
                if found is None:
                    return
                if self.skipped is not None:
                    yield self._given(self.skipped, "not JSON: skipped to the next object")
                    self.skipped = None
                self.resuming = False
                pos = stop
                continue
            if value is None:
                found = NEXT_VALUE.search(text, pos)
                if found is None:
                    return
                pos = found.start()
                c = text[pos]
                if c == "[" and not self.in_array:
                    self.in_array, pos = True, pos + 1
                    continue
                if c == "]" and self.in_array:
                    self.in_array, pos = False, pos + 1
                    continue
                value = self.open = _Open(line, where(pos), scalar=c not in "[{")
                value.column = column + pos
                if c == '"':  # a string: to its closing quote
                    value.in_string = True
                    self._keep(value, line, where(pos), c)
                    pos += 1
            start = pos
            pos, closed = self._through(value, text, pos)
            self._keep(value, line, where(start), text[start:pos])
            if closed:
                yield from self._close(value, None)

    def _through(self, value: _Open, text: str, pos: int) -> tuple[int, bool]:
        """Scan `value` in `text` from `pos`: (where the scan stopped, whether it closed)."""
        while pos < len(text):
            if value.escaped:
                value.escaped, pos = False, pos + 1
                continue
            if value.in_string:
                found = INSIDE.search(text, pos)
                if found is None:
                    return len(text), False
                pos = found.end()
                if found[0] == "\\":
                    value.escaped = True
                else:
                    value.in_string = False
                    if value.scalar:
                        return pos, True
                continue
            if value.scalar:  # a bare word or number: to the next separator (one char at least)
                found = SCALAR_END.search(text, pos + (value.size == 0))
                return (len(text), False) if found is None else (found.start(), True)
            found = OUTSIDE.search(text, pos)
            if found is None:
                return len(text), False
            pos = found.end()
            c = found[0]
            if c == '"':
                value.in_string = True
            elif c in "[{":
                value.depth += 1
            else:
                value.depth -= 1
                if value.depth == 0:
                    return pos, True
        return pos, False

    def _close(self, value: _Open, problem: str | None) -> Iterator[Value]:
        """Give the value; where the parser stops inside it, cut it there and read on from
        the cut."""
        self.open = None
        if value.over:
            yield Value(value.line, value.byte, "", f"a value of {value.size:,} characters")
            return
        text = "".join(piece for _, _, piece in value.pieces)
        # (a value the input cut, at a line end in a string or the document's end, fails whole:
        # the parser's stop is the cut string's start, and the rest is that string)
        cut = not (value.scalar or value.in_string or self.cuts >= MAX_CUTS)
        stop = stops_at(text) if cut else None
        # (a string cut at a line end: the value does not read; a record before the line
        # it is on began at its resync line)
        resynced = (cut and resync_cut(value, text, stop)) or (
            value.in_string
            and not value.scalar
            and value.resync is not None
            and self.cuts < MAX_CUTS
        )
        if resynced:  # (a record opening a line: the cut)
            stop = value.resync
            problem = f"the object opening line {value.resync_line} came before it closed"
        if not stop or stop >= len(text.rstrip(BLANKS)) - (stop != value.resync):
            self.cuts = 0 if stop is None and problem is None else self.cuts
            yield Value(value.line, value.byte, text, problem)
            if problem is not None:
                self.resuming = True
            return
        yield Value(value.line, value.byte, text[:stop], problem or "damaged")
        self.resuming = True
        self.cuts += 1
        eager, self.eager = self.eager, self.eager or resynced
        try:
            yield from self._rescan(value, stop)
        finally:
            self.eager = eager

    def _rescan(self, value: _Open, stop: int) -> Iterator[Value]:
        """Scan again what `value` held after `stop`, line starts read as `feed` reads them."""
        rest = 0
        column = value.column
        starts = False  # the piece starts a line
        for line, byte, piece in value.pieces:
            at, column = column, 0 if piece == "\n" and byte < 0 else column + len(piece)
            if rest + len(piece) <= stop:
                rest += len(piece)
                continue
            skip = max(0, stop - rest)
            rest += len(piece)
            if piece == "\n" and byte < 0:
                yield from self._line_end()
                starts = True
                continue
            if starts:
                yield from self._line_start(line, piece)
                starts = False
            head = len(piece[:skip].encode(self.encoding, "surrogatepass"))
            yield from self._scan(line, byte + head, piece[skip:], at + skip)

    def _given(self, value: _Open, problem: str) -> Value:
        text = "".join(piece for _, _, piece in value.pieces)
        return Value(value.line, value.byte, text, problem)


def resync_cut(value: _Open, text: str, stop: int | None) -> bool:
    """Whether `value` is cut at its `resync` line, not where the parser stops (`stop`): the
    line comes first, and the value does not read whole (or the structure around it closed
    it)."""
    if value.resync is None or (stop is not None and stop <= value.resync):
        return False
    return stop is not None or value.outdented or not reads(text)


def reads(text: str) -> bool:
    """Whether json's parser reads `text` as one value (too deep for it: no)."""
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def stops_at(text: str) -> int | None:
    """Where json's parser stops reading `text` as one value (None: it reads it whole)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as e:
        return e.pos
    except (ValueError, RecursionError):
        return None
    return None
