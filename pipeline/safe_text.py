"""Text from the input (file names, record text, messages quoting either) made safe to show on a
terminal or write to run.log: what it says is shown, never done.

A file name may hold any character but `/` and NUL. Printed raw, a carriage return rewrites
the line the user reads (`not read: x\\rall files read OK`), an ANSI escape recolours or clears
the screen, sets the window title or writes a hyperlink, a bidi override shows `txt.exe` as
`exe.txt`. `safe` shows each such character as a visible escape: C0 and C1 controls and DEL
(`\\r`, `\\x1b`, `\\x9b`), the bidi embeddings, overrides and isolates (U+202A-202E,
U+2066-2069) and every other format character (Unicode category Cf: zero-width joiners and
spaces, U+061C, the BOM, tag characters), line and paragraph separators (Zl, Zp), lone
surrogates (Cs), private-use and unassigned code points (Co, Cn: a terminal may draw them
as anything). Tab and line ends are escaped in a name (a name holding `\n` would otherwise
print a line of its own); `layout` keeps them in a message the program laid out.
A byte of a name that is not UTF-8 is shown as `\\xNN`, as `io.discover.shown` writes it.
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

NAMED = MappingProxyType({"\t": "\\t", "\n": "\\n", "\r": "\\r"})
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"})


@lru_cache(maxsize=4096)
def unsafe(char: str) -> bool:
    """Whether a terminal might act on `char` or hide it rather than show it."""
    if char in NAMED:
        return True
    if char.isascii():
        return not char.isprintable()
    return unicodedata.category(char) in UNSAFE_CATEGORIES


def escaped(char: str) -> str:
    if char in NAMED:
        return NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def safe(text: object, layout: bool = False) -> str:
    """`text` (str() of it) with every character a terminal could act on shown as an escape.
    With `layout`, line ends and tabs are kept: for a whole message the program laid out,
    whose names and quoted input were made `safe` (without `layout`) when it was built."""
    value = str(text)
    if value.isascii() and value.isprintable():
        return value  # the common case, unchanged and fast
    return "".join(escaped(c) if unsafe(c) and not (layout and c in "\n\t") else c for c in value)


def safe_path(path: str | Path | os.PathLike[str]) -> str:
    """A path as a terminal may show it: its bytes that are not UTF-8 as `\\xNN`, and every
    character `safe` escapes, escaped."""
    return safe(os.fsdecode(os.fspath(path)))
