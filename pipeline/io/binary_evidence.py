"""Binary without a NUL: a file whose first bytes hold no NUL (a JPEG, PNG, PDF or ZIP header
and compressed data, random bytes; compressed data is NUL-free as often as not over a few
hundred bytes) was read as text, a legacy page of noise. NULs are the commonest evidence
(`encoding.binary_sample`); this is the rest, on the same sample:

- a format's magic number opening the file (`MAGIC`: each holds a byte text never writes, or
  a signature no text opens with: `%PDF-`, `GIF89a`, `BZh91AY&SY`);
- the control bytes no text writes (`BINARY_CONTROLS`: not a tab, line end, form feed, bell,
  backspace, SO/SI, ESC, Ctrl-Z or the ASCII separators RFC 7464 uses), over a share of the
  sample and of several kinds (Hive's fields are ^A-^C), when no decoding reads the rest as
  text: not UTF-8, not a legacy page with at most `charsets.PLAUSIBLE` faults, not East Asian
  text of its language's usual characters (`charsets.legacy_encoding` scores both).

A legacy text file is never binary here: it reads as text in its page (bench/encodings.py and
bench/short_legacy.py count the files called binary: none)."""

from __future__ import annotations

import re

from pipeline.io.charsets import PLAUSIBLE, legacy_encoding

# Format signatures at the start of a file (none of them opens a text)
MAGIC = re.compile(
    rb"\A(?:\x89PNG\r\n\x1a\n|\xff\xd8\xff|GIF8[79]a|PK\x03\x04|PK\x05\x06|PK\x07\x08|%PDF-"
    rb"|\x1f\x8b[\x00-\x09]|BZh[1-9]1AY&SY|\xfd7zXZ\x00|\x28\xb5\x2f\xfd|7z\xbc\xaf\x27\x1c"
    rb"|Rar!\x1a\x07|\x7fELF|\xca\xfe\xba\xbe|\xcf\xfa\xed\xfe|\xce\xfa\xed\xfe|wOFF|wOF2"
    rb"|\x00\x01\x00\x00\x00|OTTO\x00|8BPS\x00|fLaC\x00\x00\x00|\x1a\x45\xdf\xa3)"
)
# Control bytes text does not hold (kept: \t \n \v \f \r, BEL, BS (overstrike), SO/SI
# (ISO-2022), ESC (terminal codes), SUB (DOS end of file), FS GS RS US (separators: Hive's
# fields are ^A-^C, which is why those need the decoding evidence too), DEL)
BINARY_CONTROLS = bytes([*range(0x01, 0x07), *range(0x10, 0x1A)])
TEXT_BYTES = bytes(b for b in range(256) if b not in BINARY_CONTROLS)
CONTROL_SHARE = 0.005  # of the sample, and `MIN_CONTROLS` at least
MIN_CONTROLS = 8
# distinct such bytes, at least: text that uses them writes one to three (Hive's ^A ^B ^C, the
# FIX protocol's ^A); compressed or random data all sixteen, a few hundred bytes any five
DISTINCT_CONTROLS = 5
MIN_BYTES = 64  # a sample shorter than this is too short to call binary but by its magic


def binary_without_nul(sample: bytes) -> bool:
    """Whether `sample` (a file's first bytes) is a binary file's by its magic number, or by
    control bytes text does not write, of several kinds, in bytes no decoding reads as text
    (see the module). Bytes beyond ASCII alone are not enough: a legacy page this reader does
    not hold (Vietnamese, Armenian) reads as noise in every one it does."""
    if MAGIC.match(sample):
        return True
    if len(sample) < MIN_BYTES:
        return False
    rest = sample.translate(None, BINARY_CONTROLS)
    controls = len(sample) - len(rest)
    if controls < max(MIN_CONTROLS, CONTROL_SHARE * len(sample)):
        return False
    if len(set(sample) & CONTROL_SET) < DISTINCT_CONTROLS:
        return False
    return not reads_as_text(rest.replace(b"\x00", b""))


CONTROL_SET = frozenset(BINARY_CONTROLS)


def reads_as_text(sample: bytes) -> bool:
    """Whether the bytes (controls taken out: Hive's `^A` between fields) read as text in some
    encoding: ASCII, UTF-8 with a few damaged bytes, or a legacy encoding's text."""
    if sample.isascii():
        return True
    text = sample.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    if invalid <= len(text.encode()) // 100:  # (a cut character or two)
        return True
    found = legacy_encoding(legacy_lines(sample))
    return found is not None and found.faults <= PLAUSIBLE


def legacy_lines(sample: bytes) -> bytes:
    """The sample's lines holding a byte beyond ASCII, as the encoding decision samples them
    (its last, cut line left out when there are others)."""
    lines = [line for line in sample.split(b"\n") if not line.isascii()]
    if len(lines) > 1 and not sample.endswith(b"\n"):
        lines = lines[:-1]
    return b"\n".join(lines) + b"\n"
