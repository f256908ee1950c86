"""UTF-8 as other tools write it, read as what it means.

Java's serialisation, Oracle's and MySQL's `utf8`/`utf8mb3` columns write a character beyond
the Basic Plane (an emoji, a rare CJK character) as the two UTF-16 surrogates it is made of,
each in three bytes (CESU-8: `😀` is `ED A0 BD ED B8 80`), and Java's Modified UTF-8 writes
NUL as `C0 80`. Strict UTF-8 refuses both, byte by byte: an emoji became six U+FFFD, and a
line whose only bytes beyond ASCII were `C0 80` was read as GB18030, a Chinese character
invented between two Latin letters. Such sequences have UTF-8's shape (a lead byte and the
continuation bytes it announces), which legacy text almost never has by chance; so a line
whose every invalid sequence has that shape is UTF-8: a surrogate pair is the character it
encodes, and each other sequence (an overlong form, a lone surrogate, a code point past
U+10FFFF) is one U+FFFD, warned (W001) at its offset.
"""

from __future__ import annotations

import codecs
import re
import threading

# a high surrogate then a low one, each as UTF-8 would write it if it wrote surrogates
CESU_PAIR = re.compile(rb"\xed[\xa0-\xaf][\x80-\xbf]\xed[\xb0-\xbf][\x80-\xbf]")
# a whole sequence UTF-8 forbids but whose shape is UTF-8's: overlong (C0/C1, E0 80-9F,
# F0 80-8F), a surrogate (ED A0-BF), past U+10FFFF (F4 90-BF, F5-F7, and the 5- and 6-byte
# forms UTF-8 had before 2003)
SHAPED = re.compile(
    rb"[\xc0\xc1][\x80-\xbf]"
    rb"|\xe0[\x80-\x9f][\x80-\xbf]"
    rb"|\xed[\xa0-\xbf][\x80-\xbf]"
    rb"|\xf0[\x80-\x8f][\x80-\xbf]{2}"
    rb"|(?:\xf4[\x90-\xbf]|[\xf5-\xf7][\x80-\xbf])[\x80-\xbf]{2}"
    rb"|[\xf8-\xfb][\x80-\xbf]{4}|[\xfc\xfd][\x80-\xbf]{5}"  # RFC 2279's 5- and 6-byte forms
)
VARIANTS = "pipeline-utf8-variants"  # decode errors: read UTF-8's variants, replace the rest
SHAPED_ONLY = "pipeline-utf8-shaped"  # decode errors: read UTF-8's variants, fail on the rest

_first_bad = threading.local()  # where the current decode replaced its first sequence


def _pair(data: bytes) -> str:
    high = ((data[0] & 0x0F) << 12) | ((data[1] & 0x3F) << 6) | (data[2] & 0x3F)
    low = ((data[3] & 0x0F) << 12) | ((data[4] & 0x3F) << 6) | (data[5] & 0x3F)
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _variant(error: UnicodeDecodeError) -> tuple[str, int] | None:
    """The character a CESU-8 pair at the error encodes, or U+FFFD for one UTF-8-shaped
    sequence, and where reading goes on; None if the bytes there have no UTF-8 shape."""
    data = error.object
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return None
    data = bytes(data) if not isinstance(data, bytes) else data
    pair = CESU_PAIR.match(data, error.start)
    if pair is not None:
        return _pair(pair.group()), pair.end()
    shaped = SHAPED.match(data, error.start)
    if shaped is not None:
        _note(error.start)
        return "\ufffd", shaped.end()
    return None


def _note(at: int) -> None:
    if getattr(_first_bad, "at", None) is None:
        _first_bad.at = at


def _replace_rest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    found = _variant(error)
    if found is not None:
        return found
    _note(error.start)
    return "\ufffd", error.end  # as `errors="replace"`: one U+FFFD per maximal bad subpart


def _shaped_only(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    found = _variant(error)
    if found is None:
        raise error
    return found


codecs.register_error(VARIANTS, _replace_rest)
codecs.register_error(SHAPED_ONLY, _shaped_only)


def decode_utf8(data: bytes) -> tuple[str, int | None]:
    """`data` read as UTF-8 and its variants, and the offset of the first sequence replaced
    with U+FFFD (None: every byte was read as what it means)."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    _first_bad.at = None
    try:
        text = data.decode("utf-8", VARIANTS)
        return text, _first_bad.at
    finally:
        _first_bad.at = None


def utf8_shaped(data: bytes) -> str | None:
    """`data` read as UTF-8 when each sequence strict UTF-8 refuses has its shape (a CESU-8
    pair, Modified UTF-8's NUL, an overlong form); None if some byte is not UTF-8 at all
    (legacy text)."""
    try:
        return data.decode("utf-8", SHAPED_ONLY)
    except UnicodeDecodeError:
        return None
