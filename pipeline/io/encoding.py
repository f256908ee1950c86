"""Bytes to text: which encoding a file is in, and its lines decoded one at a time.

Files are read as bytes: a byte-order mark and CRLF line ends are accepted, a line longer than
the reader allows is skipped unread (never held), and invalid bytes are replaced (U+FFFD) and
reported as a warning with their byte offset.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import functools
import io
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, NamedTuple, cast

from pipeline.errors import Warn
from pipeline.io import switches
from pipeline.io.binary_evidence import binary_without_nul
from pipeline.io.charsets import (
    PLAUSIBLE,
    THIN_BYTES,
    TIERS,
    alternatives,
    by_words,
    faults,
    is_single_byte,
    legacy_encoding,
    line_by_line,
)
from pipeline.io.compression import READ_ERRORS, head, open_bytes
from pipeline.io.declared import declared_encoding
from pipeline.io.seven_bit import (
    SETS,
    WIDER,
    Shifts,
    hz_evidence,
    utf7_evidence,
    without_soft_break,
)
from pipeline.io.utf8_variants import decode_utf8, utf8_shaped

if TYPE_CHECKING:
    from pipeline.shards import Part

SNIFF_BYTES = 8192
BOM = b"\xef\xbb\xbf"
SCAN_BYTES = 1 << 20  # read at a time when deciding the encoding
SAMPLE_BYTES = 1 << 14  # of legacy lines, drawn across the file, given to the detector
SAMPLE_LINE_BYTES = 2048  # of each sampled line
SAMPLE_LEAD_BYTES = 128  # of ASCII kept before a sampled line's first byte beyond it
HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# A file is mixed (UTF-8 lines and legacy lines) when its valid UTF-8 lines hold this many
# characters beyond ASCII per invalid byte; fewer are chance (a line of legacy text that
# happens to be valid UTF-8: rare in single-byte text, common in short lines of CJK text).
MIXED_SHARE = 0.05  # 0.01 read 3 Italian files whose messages hold mojibake (`Ã¨`) as mixed
MIXED_SHARE_MULTIBYTE = 0.5
UTF8_DAMAGE_RATIO = 1  # valid multi-byte characters per invalid byte in a damaged UTF-8 line
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
WIDE = frozenset({"utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"})
WIDE_PRINTABLE = 0.98  # of the characters of UTF-16 text without a BOM, read in its order
WIDE_NULS = 0.9  # of the bytes where UTF-16/32 text of one script has NULs, without a BOM
NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")
ESCAPED = re.compile("[\udc80-\udcff]")  # an invalid byte, decoded with surrogateescape

WarningSink = Callable[[dict[str, Any]], None]


# Binary is judged on evidence, measured on the real binaries of a Debian system
# (tests/test_binary_sniff.py; ELF, PNG, GIF, JPEG, ICO, TTF, PDF, ZIP, .a, .mo, .pyc,
# gzip/xz streams, SQLite): every one but a PDF without NULs has a NUL followed by another
# control byte (`BINARY_RUN`: a binary record's integers) or over 0.45% of its first 8 kB
# NULs (the least: a .pyc of pydoc's topics, 38 in 8,192). Text with stray NULs (a damaged
# export) has neither: its NULs sit between letters. Eight stray NULs in 8 kB refused a file.
BINARY_RUN = re.compile(rb"\x00[\x01-\x08\x0e-\x19\x1b-\x1f]")
BINARY_NULS = 3  # this many NULs are never evidence on their own (a short file's stray NULs)
STRAY_NUL_SHARE = 0.0025  # stray NULs read as text up to this share of the sample (1 in 400)
BINARY_SHARE = 0.05  # of a tiny file's bytes: `abc\0def` is no text


def binary_sample(sample: bytes) -> bool:
    """Whether the bytes sampled from a file (its padding taken out) are a binary file's: a
    NUL then a control byte, or more NULs than stray ones (`STRAY_NUL_SHARE`, at least
    `BINARY_NULS`), or NULs over `BINARY_SHARE` of a tiny file's bytes; else by the evidence
    of `binary_evidence` (a magic number; control bytes or bytes beyond ASCII no decoding
    reads as text: a JPEG header and compressed data hold no NUL as often as not)."""
    nuls = sample.count(b"\0")
    if nuls and BINARY_RUN.search(sample):
        return True
    size = len(sample)
    if nuls > max(BINARY_NULS, STRAY_NUL_SHARE * size) or nuls > BINARY_SHARE * size:
        return True
    return binary_without_nul(sample)  # (a magic number, controls, no decoding reads it)


def is_binary(path: Path) -> bool:
    """Binary formats (images, archives, office files) hold NUL bytes from their first bytes
    on, beside other control bytes; a text file with stray NULs (a damaged export) is text,
    its NULs skipped with a warning (`padding`)."""
    return binary_sample(head(path, SNIFF_BYTES))


class CrAsLf(io.RawIOBase):
    """A binary stream whose bare CR bytes (not before an LF) read as LF, one for one (offsets
    are unchanged), so a file with lines ending in a bare CR (classic Mac OS, spreadsheet
    exports, a section of such lines in an LF file) is read line by line like any other,
    however large; a CRLF in it stays one line end. The offsets of the CRs it turned into LF
    wait in `converted` until the reader has read past them (`was_cr`): a reader that must
    tell a bare CR from an LF (a table: a CR inside an unquoted cell is text) can."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.pos = raw.tell() if raw.seekable() or isinstance(raw, Span) else 0
        self.converted: collections.deque[int] = collections.deque()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        self.pos = self.raw.seek(offset, whence)
        self.converted.clear()
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        data = self.raw.read(max(1, len(view) - 1))
        if not data:
            return 0
        if data.endswith(b"\r") and len(data) < len(view):
            data += self.raw.read(1)  # whether this CR is a CRLF's
        if b"\r" in data:
            self.converted.extend(self.pos + m.start() for m in BARE_CR.finditer(data))
            data = BARE_CR.sub(b"\n", data)
        view[: len(data)] = data
        self.pos += len(data)
        return len(data)

    def was_cr(self, offset: int) -> bool:
        """Whether the line end at `offset` was a bare CR (offsets asked in increasing order)."""
        converted = self.converted
        while converted and converted[0] < offset:
            converted.popleft()
        if converted and converted[0] == offset:
            converted.popleft()
            return True
        return False


BARE_CR = re.compile(rb"\r(?!\n)")


def line_stream(raw: IO[bytes], bare_cr: bool) -> IO[bytes]:
    """The file's bytes with each bare CR read as LF when the file has any (`Layout.bare_cr`):
    each is then a line, as an editor counts them."""
    return io.BufferedReader(CrAsLf(raw), 1 << 16) if bare_cr else raw


def cr_source(f: Any) -> CrAsLf | None:
    raw = getattr(f, "raw", None)
    return raw if isinstance(raw, CrAsLf) else None


@dataclass(frozen=True)
class Layout:
    """What one read of a file decides: how its bytes are decoded, whether some line ends with
    a bare CR, and whether most do (a file of CR line ends: a line break in a quoted cell
    reads as LF there, as its line ends do; elsewhere a bare CR in a cell is kept)."""

    encoding: str
    bare_cr: bool = False
    cr_lines: bool = False
    # a file joined from parts in other encodings (`switches`): (byte, encoding) of each part,
    # the first at 0 in `encoding`; () for a file of one encoding
    segments: tuple[tuple[int, str], ...] = ()
    # `hz` or `utf-7` when the file's ASCII lines holding `~{` or `+` are all in it but the file
    # is not (UTF-8 or legacy lines beside them): those lines are read in it (`seven_bit`);
    # `iso2022_kr`/`_cn` when such a file designates a G1 set (a part after the header knows it)
    seven_bit: str = ""
    # other encodings that read the file's few bytes beyond ASCII as text as well as
    # `encoding` does (`charsets.alternatives`): a guess, said as one (W017)
    uncertain: tuple[str, ...] = ()
    thin: int = 0  # the bytes beyond ASCII it was decided on, when `uncertain`


def file_layout(path: Path) -> Layout:
    """The encoding (`file_encoding`) and line ends of the file, from one read of it."""
    return cached_layout(path, *stamp(path))


def file_encoding(path: Path) -> str:
    """How the file's bytes are decoded, decided once on evidence from the whole file: `utf-8`,
    the encoding a byte-order mark names, a legacy encoding, or `utf-8+LEGACY` (mixed).

    The whole file is read once, a megabyte at a time (memory bounded, cost linear): every line
    that is not valid UTF-8 is classed as damaged UTF-8 (it holds at least as many valid
    multi-byte characters as invalid bytes: a few bad bytes, replaced and warned, W001) or as
    legacy text (no UTF-8 in it: a legacy encoding decodes text as a few chance characters among
    many invalid bytes). Lines of legacy text, sampled evenly across the file up to
    `SAMPLE_BYTES`, go to `charsets.legacy_encoding`. A file with no valid UTF-8 beyond ASCII
    is in that encoding, wherever its first non-ASCII byte is (the first 64 kB decided it
    before: a Windows-1252 export whose first `é` came later lost every `é`); a file with both
    is mixed: each line that is valid UTF-8 is read as UTF-8, each legacy line in the legacy
    encoding (a concatenation of exports), however few: one legacy line of 4 accents among
    UTF-8 lines was read as damage before (fewer than 8 legacy bytes: U+FFFD, W001), though
    it held no UTF-8 character. A legacy line is still damage when no legacy encoding reads
    it plausibly (a UTF-8 character cut short, `CafÃ`, is a capital after a small letter).
    Measured with `bench/encodings.py`: docs/encodings.md."""
    return file_layout(path).encoding


def described(encoding: str) -> str:
    """An encoding as a message shows it: `utf-8+cp1252` is UTF-8 with Windows-1252 lines."""
    primary, _, fallback = encoding.partition("+")
    if fallback and primary != "utf-8":  # two legacy pages (`second_page`)
        return f"{primary}, and {fallback} for the lines that read as text only in it"
    return f"{fallback} where not {primary}" if fallback else primary


def described_layout(layout: Layout) -> str:
    """A file's encoding as a message shows it, each part's for a file of several
    (`utf-8, then utf-16 from byte 520`)."""
    if not layout.segments:
        return described(layout.encoding)
    shown = [described(enc) if at == 0 else f"{described(enc)} from byte {at}"
             for at, enc in layout.segments]  # fmt: skip
    return ", then ".join(shown)


def stamp(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=64)
def cached_layout(path: Path, size: int, mtime: int) -> Layout:
    """One decision per file and version in a process, however many parts read it. A file
    that switches encoding at a BOM in its middle (`switches`) gets one per part."""
    sample = head(path, 4)
    wide = next((encoding for bom, encoding in BOMS if sample.startswith(bom)), None)
    wide = wide or wide_without_bom(before_mark(head(path, SNIFF_BYTES)))
    if wide is not None:
        parts = switches.segments(path, wide)
        return wide_layout(path, wide) if len(parts) == 1 else switched_layout(path, parts)
    evidence = scan(path)
    if evidence.marks:  # the bytes of a UTF-16/32 BOM somewhere: perhaps a switch
        parts = switches.segments(path, None)
        if len(parts) > 1:
            return switched_layout(path, parts)
    bare_cr = evidence.bare_cr > 0
    declared = declared_encoding(path)
    encoding = decide(evidence, declared)
    seven = "" if encoding in ("hz", "utf-7") else seven_bit_lines_in(evidence)
    if not seven and evidence.g1 and not encoding.startswith("iso2022"):
        seven = evidence.g1  # a G1 set designated in a file of other lines: every part knows it
    cr_lines = bare_cr and evidence.bare_cr > evidence.lf
    # a UTF-8 BOM or a declaration (`<meta charset>`, `<?xml encoding?>`) is evidence: no guess
    uncertain = () if sample.startswith(BOM) or declared else guessed(evidence, encoding)
    thin = len(HIGH_BYTE.findall(evidence.sample() if evidence.kept else b"".join(evidence.utf8)))
    return Layout(
        encoding, bare_cr, cr_lines, seven_bit=seven, uncertain=uncertain,
        thin=thin if uncertain else 0,
    )  # fmt: skip


def guess_warning(source: str, layout: Layout) -> dict[str, Any]:
    """W017: the file's encoding guessed on a few bytes, and what else reads them."""
    return Warn.ENCODING_GUESSED.entry(
        source,
        count=layout.thin,
        encoding=layout.encoding,
        alternatives=", ".join(layout.uncertain),
    )


def guessed(evidence: Evidence, encoding: str) -> tuple[str, ...]:
    """The other readings of a file decided on a few bytes (`charsets.alternatives`): its
    legacy lines when it is in one legacy page; its UTF-8 lines when they are a few
    characters that read as noise in UTF-8 (TIS-620 `หนัง` is valid UTF-8 `˹ѧ`, and was
    read so without a word: hostile42 H20)."""
    if encoding == "utf-8" and 0 < evidence.utf8_chars <= THIN_BYTES and not evidence.kept:
        sample = b"\n".join(evidence.utf8) + b"\n"
        if faults(sample.decode("utf-8", "replace"))[0] <= PLAUSIBLE:
            return ()
        return alternatives(sample, encoding)
    if "+" in encoding or encoding == "utf-8" or not evidence.kept or evidence.utf8_chars:
        return ()
    return alternatives(evidence.sample(), encoding)


def before_mark(sample: bytes) -> bytes:
    """The sample up to the first bytes of a UTF-16 BOM in it: what follows such a mark is
    another part (`switches`), and a short UTF-8 part before a UTF-16 one read as UTF-16
    with the blanks of the part after it (a whole file of two parts read as UTF-16LE)."""
    cuts = [i for i in (sample.find(b"\xff\xfe"), sample.find(b"\xfe\xff")) if i >= 0]
    return sample[: min(cuts)] if cuts else sample


def switched_layout(path: Path, parts: list[tuple[int, str]]) -> Layout:
    """The layout of a file joined from parts in several encodings: each 8-bit part decided on
    its own evidence (`decide`; a page's declaration counts for the first), each UTF-16/32
    part named by its BOM; line ends counted over all of them. One more pass over the file,
    each part read on from where the one before stopped (a compressed file is never reread)."""
    bare_cr = lf = 0
    decided: list[tuple[int, str]] = []
    ends = [start for start, _ in parts[1:]] + [None]
    with contextlib.ExitStack() as stack:
        try:
            raw = stack.enter_context(open_bytes(path))
        except OSError:
            raw = None  # unreadable: reported when read
        for (start, kind), end in zip(parts, ends, strict=True):
            f = io.BufferedReader(Span(raw, start, end)) if raw is not None else None
            if kind == switches.NARROW:
                evidence = scan_stream(f) if f is not None else Evidence()
                declared = declared_encoding(path) if start == 0 else None
                decided.append((start, decide(evidence, declared)))
                bare_cr, lf = bare_cr + evidence.bare_cr, lf + evidence.lf
            else:
                crs, lfs = wide_ends(f, kind) if f is not None else (0, 0)
                decided.append((start, kind))
                bare_cr, lf = bare_cr + crs, lf + lfs
    return Layout(decided[0][1], bare_cr > 0, bare_cr > lf, tuple(decided))


class Span(io.RawIOBase):
    """Bytes `start` to `end` of a stream, read on from where it is (skipped up to `start`
    when it is not there yet: a compressed stream cannot seek)."""

    def __init__(self, raw: IO[bytes], start: int, end: int | None) -> None:
        self.raw = raw
        self.pos = start
        self.end = end
        at = raw.tell() if raw.seekable() else None
        if at is not None and at != start:
            raw.seek(start)

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.pos

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        want = len(view) if self.end is None else min(len(view), self.end - self.pos)
        data = self.raw.read(want) if want > 0 else b""
        view[: len(data)] = data
        self.pos += len(data)
        return len(data)


def switched_lines(
    raw: IO[bytes], part: Part, warn: WarningSink, layout: Layout, max_bytes: int | None
) -> Iterator[Decoded]:
    """The lines of a file joined from parts in several encodings (`Layout.segments`), each
    part decoded in its own, line numbers and byte offsets running on across the switches."""
    number = 1
    ends = [start for start, _ in layout.segments[1:]] + [None]
    for (start, encoding), end in zip(layout.segments, ends, strict=True):
        span = Span(raw, start, end)
        if encoding in WIDE:
            f: Any = io.BufferedReader(span, 1 << 16)
            lines = wide_lines(f, part, encoding, max_bytes, layout.cr_lines, warn, start, number)
        else:
            f = line_stream(cast(IO[bytes], span), True) if layout.bare_cr else None
            f = f or io.BufferedReader(span, 1 << 16)
            lines = narrow_lines(f, part, warn, encoding, max_bytes, layout.cr_lines, start, number)
        for line in lines:
            number = line.number + 1
            yield line


def wide_ends(f: IO[bytes], encoding: str) -> tuple[int, int]:
    """Bare CRs and LFs of a UTF-16/32 stream (as `wide_layout` counts them)."""
    bare_cr = lf = 0
    try:
        text = io.TextIOWrapper(f, encoding=encoding, errors="replace", newline="")
        carry = ""
        while block := text.read(SCAN_BYTES):
            block = carry + block
            carry = "\r" if block.endswith("\r") else ""
            block = block[:-1] if carry else block
            bare_cr += block.count("\r") - block.count("\r\n")
            lf += block.count("\n")
        bare_cr += len(carry)
        text.detach()  # (the next part reads on from the same file)
    except READ_ERRORS:
        pass  # reported when read
    return bare_cr, lf


def wide_without_bom(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 (LE or BE) without a byte-order mark, known by where its NULs are:
    text of one script (Latin, Cyrillic…) has a NUL as the high byte of nearly every code
    unit (it was refused as a binary file)."""
    if len(sample) < 8 or padded_utf8(sample):
        return None
    for encoding, width, zero, low in (
        ("utf-32-le", 4, (2, 3), 0), ("utf-32-be", 4, (0, 1), 3),
        ("utf-16-le", 2, (1,), 0), ("utf-16-be", 2, (0,), 1),
    ):  # fmt: skip
        units = len(sample) // width
        cut = sample[: units * width]
        nuls = all(cut[z::width].count(0) >= WIDE_NULS * units for z in zero)
        if nuls and cut[low::width].count(0) < units * (1 - WIDE_NULS):  # the low byte: text
            return encoding
    return utf32_by_structure(sample) or wide_by_text(sample)


LINE_START_PADDING = re.compile(rb"(?:^|(?<=[\n\r]))[\x00\x1a]++")


def padded_utf8(sample: bytes) -> bool:
    """UTF-8 text whose only NULs are padding at line starts (`padding.py`): one NUL after an
    LF made a small CSV "UTF-16-LE" (every row mojibake) since `\n\x00` reads as U+000A."""
    rest = LINE_START_PADDING.sub(b"", sample).rstrip(b"\x00\x1a")
    if b"\0" in rest:
        return False
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(rest) - 3  # a character cut by the sample's end
    return True


def utf32_by_structure(sample: bytes) -> str | None:
    """UTF-32 without a BOM whose characters lie beyond the Basic Plane (emoji, rare CJK):
    every unit's top byte is NUL and the next at most 0x10 (Unicode ends at U+10FFFF), and it
    decodes to printable text with a line end (was refused as binary: its NULs are only most
    of each unit's high bytes, not 90% of the two)."""
    units = len(sample) // 4
    cut = sample[: units * 4]
    for encoding, top, plane in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
        if cut[top::4].count(0) != units or max(cut[plane::4], default=0) > 0x10:
            continue
        try:
            text = cut.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\n" in text and all(c.isprintable() or c in "\t\r\n" for c in text):
            return encoding
    return None


def wide_by_text(sample: bytes) -> str | None:
    """UTF-16 without a BOM in a script beyond Latin-1 (Cyrillic, Greek, Japanese…), whose
    high bytes are not NUL: the sample decodes as UTF-16 in one byte order to printable text
    with its own blanks and line ends (U+0020, U+000A: a NUL beside each; an 8-bit file has
    none, and binary data decodes to controls and unpaired surrogates). A Russian export was
    refused as binary, a Japanese one read as cp863."""
    for encoding in ("utf-16-le", "utf-16-be"):
        cut = sample[: len(sample) // 2 * 2]
        text = cut.decode(encoding, errors="replace")
        if text.endswith("\ufffd"):
            text = text[:-1]  # a surrogate pair cut by the sample's end
        blanks = text.count(" ") + text.count("\n")
        # (a line end alone is enough: in 8-bit text it would need a NUL after an LF, and a
        # Japanese or Chinese line has no blank but its end)
        if text.isascii() or (blanks < max(2, len(text) // 200) and "\n" not in text):
            continue
        printable = sum(c.isprintable() or c in "\t\r\n" for c in text)
        if "\ufffd" not in text and printable >= WIDE_PRINTABLE * len(text):
            return encoding
    return None


def wide_layout(path: Path, encoding: str) -> Layout:
    """A UTF-16/32 file's line ends, counted on its text decoded as a stream."""
    try:
        with open_bytes(path) as f:
            bare_cr, lf = wide_ends(f, encoding)
    except READ_ERRORS:
        bare_cr = lf = 0  # unreadable: reported when read
    return Layout(encoding, bare_cr > 0, bare_cr > lf)


def decide(evidence: Evidence, declared: str | None = None) -> str:
    """The encoding the evidence of a file's bytes points to (`file_encoding`); a page's
    `declared` encoding (`declared.declared_encoding`) when its legacy lines read in it."""
    invalid = evidence.legacy_bytes + evidence.damaged_invalid
    if invalid == 0:
        if evidence.utf8_chars == 0:
            return seven_bit_encoding(evidence, declared) or "utf-8"
        return "utf-8"  # (a page declaring a legacy encoding in UTF-8 bytes: mislabelled)
    if declared is not None and declared != "utf-8" and reads_in(evidence.sample(), declared):
        mixed = evidence.utf8_chars and is_single_byte(declared)
        return f"utf-8+{declared}" if mixed else declared
    valid = evidence.utf8_chars + evidence.damaged_valid
    chance = evidence.utf8_chars == 0 and chance_utf8(evidence)  # no UTF-8 text anywhere
    if evidence.legacy_bytes == 0 and not chance:
        return "utf-8"  # bad bytes in UTF-8 lines only: damage, replaced and warned (W001)
    found = legacy_encoding(evidence.sample())
    if found is None:
        return "utf-8"  # undecidable: read as UTF-8, invalid bytes replaced and warned
    found = line_by_line(evidence.kept, found)  # (lines of several languages: hostile42 H13)
    found = by_words(evidence.sample(), found)  # (a few letters: which reading is words)
    single = is_single_byte(found.encoding)
    share = MIXED_SHARE if single else MIXED_SHARE_MULTIBYTE
    by_share = evidence.utf8_chars >= share * invalid
    by_lines = single and any(reads_better_as_utf8(line, found.encoding) for line in evidence.utf8)
    if (by_share or by_lines) and found.faults <= PLAUSIBLE:
        return f"utf-8+{found.encoding}"
    if valid >= UTF8_DAMAGE_RATIO * invalid and not (chance and found.faults <= PLAUSIBLE):
        return "utf-8"  # mostly UTF-8, and no plausible legacy text in it
    pages = second_page(evidence.kept, found.encoding) if single and not valid else None
    return "+".join(pages) if pages else found.encoding


SECOND_PAGE_LINES = 2  # sampled lines, at least, that read as text only in another page
SECOND_PAGE_BYTES = 20  # and their bytes beyond ASCII


def second_page(lines: list[bytes], page: str) -> tuple[str, str] | None:
    """A second single-byte page some of the sampled lines are in: two exports concatenated
    (a Russian Windows-1251 one and a French Windows-1252 one were read in one page, half the
    records mojibake: hostile 40b, E19). Only on evidence: at least `SECOND_PAGE_LINES` lines
    with `SECOND_PAGE_BYTES` bytes beyond ASCII that read as garbage in the file's page
    (more than `PLAUSIBLE` faults) and as text in one other common page (`legacy_encoding`
    of them) whose letters are of another script (bench/encodings.py: 7 files of Swedish
    and German, whose quotes are faults, were read as such a pair of Latin pages).
    Each line is then read in the page it reads better in (`decode_line`). The other lines
    are decided again alone: the page of the whole sample was a compromise between the two
    (German + Russian lines read as Mac Cyrillic)."""
    misread = [line for line in lines if faults(line.decode(page, "replace"))[0] > PLAUSIBLE]
    high = sum(len(HIGH_BYTE.findall(line)) for line in misread)
    if len(misread) < SECOND_PAGE_LINES or high < SECOND_PAGE_BYTES:
        return None
    other = legacy_encoding(b"\n".join(misread) + b"\n")
    if other is None or other.encoding == page or not is_single_byte(other.encoding):
        return None
    if other.faults > PLAUSIBLE or TIERS.get(other.encoding, 0):
        return None
    script_of = faults(b"\n".join(misread).decode(page, "replace"))[1]
    if faults(b"\n".join(misread).decode(other.encoding, "replace"))[1] == script_of:
        return None  # (two pages of one script: Swedish `”yaml”`, a quote opening a word,
        # read as cp850 `öyamlö`; German Mac Roman `»addon«` as Mac Croatian `Čaddon«`)
    rest = [line for line in lines if line not in misread]
    first = legacy_encoding(b"\n".join(rest) + b"\n") if rest else None
    if first is not None and is_single_byte(first.encoding) and first.faults <= PLAUSIBLE:
        page = first.encoding
    return (page, other.encoding) if page != other.encoding and not TIERS.get(page, 0) else None


def chance_utf8(evidence: Evidence) -> bool:
    """Whether the valid UTF-8 characters of a file's sampled lines that are not UTF-8 are
    chance, not text: they do not read as words (`ē͂̉f`: marks on nothing, `Ҿ¹`: a sign
    glued to a letter). A short line of Shift-JIS or Thai holds as many chance UTF-8
    characters as bad bytes and was read as damaged UTF-8, all U+FFFD; damaged UTF-8 (`Caf\xe9
    crème`) is text once its bad bytes are left out."""
    text = evidence.sample().decode("utf-8", "ignore")
    return faults(text)[0] > PLAUSIBLE


def reads_better_as_utf8(line: bytes, legacy: str) -> bool:
    """Whether a line valid in UTF-8 reads as text there and as worse in the file's legacy
    encoding (`Ã©` in Windows-1252 for `é`): a line written by a UTF-8 tool, however few
    (one among 50 Windows-1252 lines was mojibake), and not a legacy line that happens to
    be valid UTF-8 (Mac Roman `l’é` is the UTF-8 of Armenian `Վ`, between Latin letters)."""
    text, replaced = decode_utf8(line)  # (a CESU-8 line is UTF-8: `utf8_variants`)
    if replaced is not None:  # judged without its replaced sequences (`C0 80`, a lone
        text = text.replace("\ufffd", "")  # surrogate): the rest reads as UTF-8 or not
    own, script = faults(text)
    try:
        other, other_script = faults(line.decode(legacy))
    except UnicodeDecodeError:
        return own <= PLAUSIBLE
    # (Cyrillic `Г© Гј` is `é ü` read as Windows-1251: faultless, but in another script)
    return own == 0 and (other > 0 or other_script != script)


def reads_in(sample: bytes, encoding: str) -> bool:
    """Whether the legacy lines of a file decode in the `encoding` a page declares: without an
    error, and for a single-byte encoding as text (at most `PLAUSIBLE` faults per character
    beyond ASCII) or unless another reads it without a fault (English naming `Łódź` and
    `Dvořák` fits no one language's alphabet in any code page; a Polish page mislabelled
    Windows-1252 reads `³ódŸ` there, and faultless in Windows-1250)."""
    try:
        text = sample.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    if not is_single_byte(encoding):
        return True
    own = faults(text)[0]
    if own <= PLAUSIBLE:
        return True
    found = legacy_encoding(sample)
    return found is None or own <= found.faults or found.faults > 0


@dataclass
class Evidence:
    """What one pass over a file found: valid multi-byte UTF-8 characters, invalid bytes in
    legacy lines, and a sample of those lines (every `stride`-th, at most `SAMPLE_BYTES`)."""

    utf8_chars: int = 0  # in lines that are valid UTF-8
    damaged_valid: int = 0  # in lines with fewer invalid bytes than valid characters
    damaged_invalid: int = 0
    legacy_bytes: int = 0
    legacy_lines: int = 0
    stride: int = 1
    kept: list[bytes] = field(default_factory=list)
    kept_bytes: int = 0
    utf8: list[bytes] = field(default_factory=list)  # the first lines valid in UTF-8 beyond ASCII
    shifts: collections.Counter[str] = field(default_factory=collections.Counter)
    g1: str | None = None  # the ISO-2022 variant whose G1 set was designated last
    seven_bit: collections.Counter[str] = field(default_factory=collections.Counter)
    hz_bad: bool = False  # a line holding `~{` that is not HZ
    utf7_bad: bool = False  # a line holding `+` that is not UTF-7
    bare_cr: int = 0  # line ends: a CR not before an LF, and LF (CRLF's included)
    lf: int = 0
    marks: int = 0  # blocks holding the bytes of a UTF-16 BOM (`switches`)

    def add_invalid(self, line: bytes) -> None:
        """A line that is not valid UTF-8: counted, and sampled (damaged lines too: text in a
        multi-byte legacy encoding holds chance UTF-8 characters, 0.15-0.35 per invalid byte)."""
        kind, valid, invalid = line_kind(line)
        if kind == "legacy":
            self.legacy_bytes += invalid
        else:
            self.damaged_valid += valid
            self.damaged_invalid += invalid
        if self.legacy_lines % self.stride == 0:
            piece = sampled_piece(line)
            self.kept.append(piece)
            self.kept_bytes += len(piece)
            while self.kept_bytes > SAMPLE_BYTES and len(self.kept) > 1:
                self.kept = self.kept[::2]  # keep every other: lines 0, 2·stride, 4·stride…
                self.stride *= 2
                self.kept_bytes = sum(map(len, self.kept))
        self.legacy_lines += 1

    def sample(self) -> bytes:
        return b"\n".join(self.kept) + b"\n"


def sampled_piece(line: bytes) -> bytes:
    """The `SAMPLE_LINE_BYTES` of a legacy line the detector sees: from a little before its
    first byte beyond ASCII, not from its start (a page on one line, its script or style
    first, gave the detector 2 kB of ASCII and read Russian as Windows-1252)."""
    first = HIGH_BYTE.search(line)
    start = max(0, (first.start() if first else 0) - SAMPLE_LEAD_BYTES)
    return line[start : start + SAMPLE_LINE_BYTES]


def scan(path: Path) -> Evidence:
    """One pass over the file's bytes (decompressed), a megabyte at a time, cut at line ends."""
    with contextlib.ExitStack() as stack:
        try:
            f = stack.enter_context(open_bytes(path))
        except OSError:
            return Evidence()  # unreadable: reported when read
        return scan_stream(f)


def scan_stream(f: IO[bytes]) -> Evidence:
    """`scan` of a stream (a whole file, or one part of a file joined from several)."""
    evidence = Evidence()
    carry = b""
    while True:
        try:
            chunk = f.read(SCAN_BYTES)
        except READ_ERRORS:
            chunk = b""  # a broken archive: the reader reports where it breaks
        block = carry + chunk
        if not chunk:
            cut = cut_at_end(block)
            classify(block[: len(block) - cut], evidence)
            if cut and evidence.utf8_chars and not evidence.legacy_bytes:
                evidence.damaged_invalid += cut  # UTF-8 cut short: replaced, warned
                evidence.damaged_valid += 1
            elif cut:  # (`café` in Windows-1252 ends in a byte that starts UTF-8's `é`)
                evidence.add_invalid(block[block.rfind(b"\n") + 1 :])
            return evidence
        cut = block.rfind(b"\n") + 1
        if cut == 0 and len(block) > SCAN_BYTES:
            cut = len(block)  # a line longer than a chunk: cut it outside a character
            while cut > len(block) - 4 and 0x80 <= block[cut - 1] < 0xC0:
                cut -= 1
            cut = cut - 1 if block[cut - 1] >= 0xC0 else cut
        if block[:cut].endswith(b"\r"):  # perhaps a CRLF's: counted with what follows
            cut -= 1
        carry = block[cut:]
        classify(block[:cut], evidence)


def cut_at_end(block: bytes) -> int:
    """How many bytes at the end of the file are a UTF-8 character cut short (`head -c`, a
    byte-limited export): in a UTF-8 file, damage where it was cut, not evidence of another
    encoding (the last line of a UTF-8 file was read in cp1252, `日` turned `æ—¥`)."""
    tail = block[-3:]
    for n in range(min(3, len(tail)), 0, -1):
        piece = tail[-n:]
        if piece[0] >= 0xC0 and all(0x80 <= b < 0xC0 for b in piece[1:]):
            needed = 2 if piece[0] < 0xE0 else 3 if piece[0] < 0xF0 else 4
            return n if n < needed else 0
    return 0


def classify(block: bytes, evidence: Evidence) -> None:
    """Count a block of whole lines: line ends, valid UTF-8 characters, and each line that is
    not UTF-8."""
    if b"\r" in block:
        evidence.bare_cr += block.count(b"\r") - block.count(b"\r\n")
    evidence.lf += block.count(b"\n")
    if b"\xff\xfe" in block or b"\xfe\xff" in block:
        evidence.marks += 1
    if b"\x1b" in block or (evidence.g1 and b"\x0e" in block):
        count_shifts(block, evidence)
    if not evidence.hz_bad and b"~{" in block:
        evidence.hz_bad = not seven_bit_lines(block, b"~{", hz_evidence, evidence, "hz")
    if not evidence.utf7_bad and b"+" in block:
        evidence.utf7_bad = not seven_bit_lines(block, b"+", utf7_evidence, evidence, "utf-7")
    if not block or block.isascii():
        return
    try:
        evidence.utf8_chars += non_ascii(block.decode("utf-8"))
        if len(evidence.utf8) < UTF8_LINES:
            keep_utf8_lines(block, evidence)
        return
    except UnicodeDecodeError:
        pass
    # (a file of CR line ends holds no LF: split there too, or its UTF-8 and legacy lines
    # were one line, neither, and every accent of the legacy ones became U+FFFD)
    for line in LINE_ENDS.split(block) if b"\r" in block else block.split(b"\n"):
        if line.isascii():
            continue
        try:
            evidence.utf8_chars += non_ascii(line.decode("utf-8"))
            if len(evidence.utf8) < UTF8_LINES:
                evidence.utf8.append(sampled_piece(line))
        except UnicodeDecodeError:
            shaped = utf8_shaped(line)  # CESU-8, Modified UTF-8: UTF-8, not legacy text
            if shaped is None:
                evidence.add_invalid(line)
                continue
            evidence.utf8_chars += non_ascii(shaped)
            if len(evidence.utf8) < UTF8_LINES:
                evidence.utf8.append(sampled_piece(line))


LINE_ENDS = re.compile(rb"\r\n?|\n")
# ISO-2022: a G0 set beyond ASCII designated, then a character of it; a G1 set designated
# (ISO-2022-KR's header, once per file; ISO-2022-CN's), and SO then a character. A shift
# counts only when a character follows (a lone escape made a 3-byte line `iso2022_jp`).
G0_SHIFT = re.compile(rb"\x1b(\$[@AB]|\$\([\x40-\x5f]|\(I)([\x21-\x7e]{1,2})")
G1_DESIGNATION = re.compile(rb"\x1b(\$\)[\x40-\x5f])")
SO_PAIR = re.compile(rb"\x0e[\x21-\x7e]{2}")
G1_VARIANT = MappingProxyType({
    b"$)C": "iso2022_kr",
    b"$)A": "iso2022_cn",
    b"$)E": "iso2022_cn",
    b"$)G": "iso2022_cn",
})  # fmt: skip


def count_shifts(block: bytes, evidence: Evidence) -> None:
    """Count a block's ISO-2022 shifts followed by a character, by the variant whose set they
    shift into. The G1 designation is carried from block to block: an ISO-2022-KR header a
    megabyte before the first Korean line decides as well as one just before it."""
    for m in G0_SHIFT.finditer(block):
        designated = SETS.get(m.group(1))
        if designated is not None and len(m.group(2)) >= designated[1].width:
            evidence.shifts[designated[1].variant] += 1
    first_so = block.find(b"\x0e")
    for m in G1_DESIGNATION.finditer(block):
        if m.group(1) in G1_VARIANT:
            evidence.g1 = G1_VARIANT[m.group(1)]
    if evidence.g1 is not None and first_so >= 0:
        evidence.shifts[evidence.g1] += len(SO_PAIR.findall(block))


def seven_bit_lines(
    block: bytes, mark: bytes, judge: Callable[[bytes], int], evidence: Evidence, name: str
) -> bool:
    """Judge each ASCII line of the block holding `mark` (`~{` for HZ, `+` for UTF-7): count
    the characters it holds in that encoding; False at the first line that is not in it (one
    `C++` or `~/home` and the file is ASCII text, not HZ or UTF-7)."""
    ends = block.replace(b"\r", b"\n") if b"\r" in block else block  # (same offsets)
    pos = block.find(mark)
    while pos >= 0:  # a bare CR ends a line too: a file of CR line ends was one line to judge
        start = ends.rfind(b"\n", 0, pos) + 1
        end = ends.find(b"\n", pos)
        end = len(block) if end < 0 else end
        line = block[start:end]
        if line.isascii():
            found = judge(line)
            if found < 0:
                return False
            evidence.seven_bit[name] += found
        pos = block.find(mark, end)
    return True


def seven_bit_lines_in(evidence: Evidence) -> str:
    """`hz` or `utf-7` for a file of other lines whose ASCII lines holding `~{` or `+` all
    read in it (a HZ or UTF-7 mail among UTF-8 ones), else ""."""
    if evidence.shifts and any(evidence.shifts.values()):
        return ""
    for name, bad in (("utf-7", evidence.utf7_bad), ("hz", evidence.hz_bad)):
        if not bad and evidence.seven_bit[name] > 0:
            return name
    return ""


def seven_bit_encoding(evidence: Evidence, declared: str | None = None) -> str | None:
    """The 7-bit encoding of a file of ASCII bytes: ISO-2022 (its widest variant seen), else
    UTF-7 or HZ when every line holding `+` or `~{` reads in it and some hold characters (or
    the page declares it: `<meta charset="utf-7">`, `hz-gb-2312`)."""
    shifted = [variant for variant, n in evidence.shifts.items() if n > 0]
    if shifted:
        return max(shifted, key=WIDER.index)
    if declared == "utf-7" and not evidence.utf7_bad:
        return declared
    if declared == "hz" and not evidence.hz_bad:
        return declared
    if not evidence.utf7_bad and evidence.seven_bit["utf-7"] > 0:
        return "utf-7"
    if not evidence.hz_bad and evidence.seven_bit["hz"] > 0:
        return "hz"
    return None


UTF8_LINES = 64  # lines valid in UTF-8 beyond ASCII kept, to weigh against legacy ones


def keep_utf8_lines(block: bytes, evidence: Evidence) -> None:
    """Keep the first lines of a valid UTF-8 block that hold bytes beyond ASCII (found by
    search, not by splitting the block: a megabyte of ASCII costs one scan)."""
    pos = 0
    while len(evidence.utf8) < UTF8_LINES and (m := HIGH_BYTE.search(block, pos)):
        start = block.rfind(b"\n", 0, m.start()) + 1
        end = block.find(b"\n", m.start())
        end = len(block) if end < 0 else end
        evidence.utf8.append(sampled_piece(block[start:end]))
        pos = end + 1


def non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def line_kind(line: bytes) -> tuple[str, int, int]:
    """`utf-8`, `damaged` (UTF-8 with fewer invalid bytes than valid multi-byte characters) or
    `legacy`; and the counts of valid multi-byte characters and invalid bytes."""
    shaped = utf8_shaped(line)
    if shaped is not None:  # every sequence UTF-8 refuses has its shape: `utf8_variants`
        return "utf-8", non_ascii(shaped), 0
    text = line.decode("utf-8", "surrogateescape")
    invalid = len(ESCAPED.findall(text))
    valid = non_ascii(text) - invalid
    if invalid == 0:
        return "utf-8", valid, 0
    return ("damaged" if valid >= UTF8_DAMAGE_RATIO * invalid else "legacy"), valid, invalid


def decodes(line: bytes, encoding: str) -> bool:
    """Whether a multi-byte legacy encoding reads the line without an error (its text holds
    chance UTF-8 characters, so the damaged/legacy count cannot tell)."""
    if is_single_byte(encoding):
        return False
    try:
        line.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode_line(
    line: bytes, encoding: str, shifts: Shifts | None = None
) -> tuple[str, int | None, str]:
    """The line's text, the offset in it of the first invalid byte (None if none), and the
    encoding that was used (for a mixed file, UTF-8 or its legacy encoding per line)."""
    text, bad, used = read_line(line, encoding, shifts or Shifts.for_encoding(encoding))
    return text, (bad[0] if bad else None), used


def read_line(line: bytes, encoding: str, shifts: Shifts) -> tuple[str, tuple[int, ...], str]:
    """`decode_line` with the offset of every unit replaced, and the ISO-2022 state carried
    from the line before (`shifts`). A line holding an ISO-2022 escape sequence (or a shift
    into a G1 set designated before) is read as ISO-2022 whatever the file's encoding: its
    bytes are ASCII, so a JIS mail among UTF-8 or Windows-1252 lines kept its escapes raw.
    A line holding bare CRs (a reader that ends its lines at LF only, JSON Lines; a file whose
    rows end at LF) is read a CR-ended piece at a time (`read_pieces`)."""
    if b"\r" in line and seven_bit_marks(line, shifts):
        return read_pieces(line, encoding, shifts)
    reading = shifts.read(line)
    primary, _, fallback = encoding.partition("+")
    if reading is not None:  # (only ASCII after `ESC ( B`, as `tput sgr0` writes: no ISO-2022 text)
        shown = reading.encoding if reading.characters or reading.bad else primary
        return reading.text, reading.bad, shown
    if primary == "utf-8":
        text, bad = decode_utf8(line)  # (and its variants: CESU-8 pairs, `utf8_variants`)
        if bad is None:
            return text, (), primary
        kind = line_kind(line)[0] if fallback else ""  # ("damaged": not UTF-8-shaped)
        if kind == "legacy" or (kind == "damaged" and decodes(line, fallback)):
            return read_line(line, fallback, shifts)
        return text, (bad,), primary
    if fallback and not line.isascii():  # two single-byte pages (`second_page`): the line
        text = line.decode(primary, "replace")  # in the one it reads better in
        own = faults(text)[0]
        if own > PLAUSIBLE:
            other, replaced = marked_decode(line, fallback)
            if faults(other)[0] < own:
                return other, replaced, fallback
    codec = "ascii" if primary.startswith("iso2022") else primary  # (its escapes: `shifts`)
    line = without_soft_break(line) if codec == "hz" else line
    try:
        return line.decode(codec), (), primary
    except UnicodeDecodeError:
        return *marked_decode(line, codec), primary


def seven_bit_marks(line: bytes, shifts: Shifts) -> bool:
    """Whether the line may hold a 7-bit encoding's text: an escape, a shift-out, or the mark
    of the file's HZ or UTF-7 lines."""
    marks = b"\x1b" in line or b"\x0e" in line
    return (
        marks
        or (shifts.lines_in == "hz" and b"~{" in line)
        or (shifts.lines_in == "utf-7" and b"+" in line)
    )


def read_pieces(line: bytes, encoding: str, shifts: Shifts) -> tuple[str, tuple[int, ...], str]:
    """A line holding bare CRs read piece by piece, each piece a line of its own (a bare CR
    ends a line in every 7-bit encoding, as LF does): read whole, a JIS, HZ or UTF-7 piece
    beside a UTF-8 one (a JSON Lines file of CR line ends, its records in several encodings)
    kept its escapes raw. The CRs stay in the text; the offsets are the line's."""
    texts: list[str] = []
    bad: list[int] = []
    used = encoding.partition("+")[0]
    start = 0
    for piece in line.split(b"\r"):
        known = len(shifts.missing)
        text, replaced_at, piece_used = read_line(piece, encoding, shifts)
        shifts.missing[known:] = [(name, start + at) for name, at in shifts.missing[known:]]
        texts.append(text)
        bad += [start + at for at in replaced_at]
        if piece_used != used and (piece_used.startswith("iso2022") or piece_used in SEVEN):
            used = piece_used  # (the 7-bit encoding a piece was read in is the line's news)
        start += len(piece) + 1
    return "\r".join(texts), tuple(bad), used


SEVEN = ("hz", "utf-7")
_MARKED = threading.local()


def mark_replaced(error: UnicodeError) -> tuple[str, int]:
    """An error handler: U+FFFD, its offset noted (`marked_decode`)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _MARKED.offsets.append(error.start)
    return "\ufffd", error.end


MARK_ERRORS = "pipeline-mark-replaced"
codecs.register_error(MARK_ERRORS, mark_replaced)


def marked_decode(line: bytes, codec: str) -> tuple[str, tuple[int, ...]]:
    """The line decoded with each invalid sequence replaced, and the offset of every one (a
    W001 named only the first: E14)."""
    _MARKED.offsets = []
    text = line.decode(codec, errors=MARK_ERRORS)
    return text, tuple(_MARKED.offsets)


class Skipped(int):
    """The length of a line too long to read, and the quotes (`"`) in it: a table's reader
    follows a quoted cell through it (in every ASCII-compatible encoding this reads, byte 0x22
    is only ever a quote)."""

    quotes: int = 0


def skipped(size: int, quotes: int) -> Skipped:
    out = Skipped(size)
    out.quotes = quotes
    return out


def bounded_lines(f: Any, limit: int | None) -> Iterator[bytes | int]:
    """The raw lines of a binary stream, each line over `limit` bytes replaced by its length
    (a `Skipped`): such a line is skipped a megabyte at a time, never held, so memory stays
    bounded whatever the stream holds (a compressed file can hold a gigabyte on one line)."""
    if limit is None:
        yield from f
        return
    while raw := f.readline(limit + 1):
        if len(raw) <= limit:
            yield raw
            continue
        size, quotes = len(raw), raw.count(b'"')
        while not raw.endswith(b"\n") and (raw := f.readline(1 << 20)):
            size += len(raw)
            quotes += raw.count(b'"')
        yield skipped(size, quotes)


class Decoded(NamedTuple):
    """A line as a table's reader needs it: its end (`\n` for LF, `\r\n` for CRLF, `\r` for
    a bare CR in a file that also has other line ends, `\n` for it in a file of CR line ends,
    `""` at the end of the file), whether that end is a bare CR, and the quotes of a line
    too long to decode (text None)."""

    number: int
    byte: int
    text: str | None
    end: str = "\n"
    bare_cr: bool = False
    quotes: int = 0
    size: int = 0  # in bytes, of a line too long to decode


def decoded_lines(
    f: Any,
    part: Part,
    warn: WarningSink,
    encoding: str = "utf-8",
    max_bytes: int | None = None,
    cr_lines: bool = False,
    seven_bit: str = "",
) -> Iterator[Decoded]:
    """Yield (line number, byte offset, text, ...) for the part's lines, decoding leniently.
    A line over `max_bytes` is not decoded (text None): the reader reports it as too long.
    Lines end at LF, CRLF, and at a bare CR when `f` reads them as LF (`line_stream`)."""
    if encoding in WIDE:
        yield from wide_lines(f, part, encoding, max_bytes, cr_lines, warn)
        return
    if part.start:
        f.seek(part.start)  # a compressed stream is never split: it starts at 0, unseekable
    yield from narrow_lines(f, part, warn, encoding, max_bytes, cr_lines, seven_bit=seven_bit)


def narrow_lines(
    f: Any,
    part: Part,
    warn: WarningSink,
    encoding: str,
    max_bytes: int | None,
    cr_lines: bool,
    start: int | None = None,
    first_line: int | None = None,
    seven_bit: str = "",
) -> Iterator[Decoded]:
    """The lines of an 8-bit stream from byte `start` (line `first_line`; the part's by
    default), read where `f` is: a UTF-8 BOM where it starts is skipped."""
    crs = cr_source(f)
    cr_end = "\n" if cr_lines else "\r"
    offset = part.start if start is None else start
    number = part.first_line if first_line is None else first_line
    origin = offset
    shifts = Shifts.for_encoding(encoding, seven_bit)
    primary = encoding.partition("+")[0]
    seven_file = primary.startswith("iso2022") or primary in ("hz", "utf-7")
    announced: set[str] = set()  # 7-bit encodings of lines warned (W005) in this part
    for raw in bounded_lines(f, max_bytes):
        if part.end is not None and offset >= part.end:
            return
        size = raw if isinstance(raw, int) else len(raw)
        was_cr = crs is not None and crs.was_cr(offset + size - 1)
        end = cr_end if was_cr else "\n"
        if isinstance(raw, int):
            yield Decoded(number, offset, None, end, was_cr, getattr(raw, "quotes", 0), raw)
            offset += raw
            number += 1
            continue
        line, end = line_and_end(raw, end)
        bom = 0
        if offset == origin == (start or 0) and line.startswith(BOM):
            line = line[len(BOM) :]
            bom = len(BOM) if offset == 0 else 0
        text, used = warned_line(line, encoding, shifts, part, number, offset + bom, warn)
        seven = used.startswith("iso2022") or used in ("hz", "utf-7")
        if seven and not seven_file and used not in announced:
            announced.add(used)  # a 7-bit line in a file of another encoding: said once
            shown = f"{used} from line {number}"
            warn(Warn.NOT_UTF8.entry(part.file.source, number, offset, encoding=shown))
        if not text.strip() and line.strip() and b"\x1b" in line and not header(line):
            warn(Warn.EMPTY_SHIFT.entry(part.file.source, number, offset + bom))
        yield Decoded(number, offset, text, end, was_cr)
        offset += len(raw)
        number += 1


def line_and_end(raw: bytes, end: str) -> tuple[bytes, str]:
    """A raw line without its line end, and that end: none at the end of the stream, CRLF
    as written (a quoted cell that spans it keeps it: csv, pandas), else `end` (LF, or a
    bare CR's)."""
    if not raw.endswith(b"\n"):
        end = ""
    elif raw.endswith(b"\r\n"):
        end = "\r\n"  # kept as written by a quoted cell that spans it (csv, pandas)
    line = (
        raw[:-2] if raw.endswith(b"\r\n") else raw.rstrip(b"\n")
    )  # one CRLF: a CR before it is text
    return line, end


def warned_line(
    line: bytes,
    encoding: str,
    shifts: Shifts,
    part: Part,
    number: int,
    at: int,
    warn: WarningSink,
) -> tuple[str, str]:
    """A line decoded (`read_line`) and the encoding used, with a warning for its bytes no
    decoder reads and one for those replaced (the line at byte `at`)."""
    shifts.missing.clear()
    text, bad, used = read_line(line, encoding, shifts)
    if shifts.missing:  # (CNS 11643: no decoder, not invalid bytes)
        warn(no_decoder(part.file.source, number, at, shifts.missing, used))
        missing = {where for _, where in shifts.missing}
        bad = tuple(where for where in bad if where not in missing)
    if bad:
        warn(replaced(part.file.source, number, at, bad, used))
    return text, used


REPLACED_LISTED = 64  # offsets listed in one W001


def header(line: bytes) -> bool:
    """A line of nothing but G1 designations: ISO-2022-KR's header (RFC 1557), CN's."""
    return not G1_DESIGNATION.sub(b"", line).strip()


def replaced(
    source: str, number: int, offset: int, bad: tuple[int, ...], used: str
) -> dict[str, Any]:
    """One W001 for a line: the offset of its first replaced unit, and of every one (`bytes`,
    the first `REPLACED_LISTED`) with their count: a line of 10,000 bad bytes gives one
    warning, not 10,000, and each damaged spot can still be found."""
    first = offset + bad[0]
    entry = Warn.INVALID_UTF8.entry(source, number, first, encoding=used, offset=first)
    if len(bad) > 1:
        entry["bytes"] = [offset + b for b in bad[:REPLACED_LISTED]]
        entry["replaced"] = len(bad)
    return entry


def no_decoder(
    source: str, number: int, offset: int, missing: list[tuple[str, int]], used: str
) -> dict[str, Any]:
    """One W013 for a line whose units are in a set with no decoder here (ISO-2022-CN's CNS
    11643 planes): the sets by name, the offset of each unit (the first `REPLACED_LISTED`)
    and their count. It was a W001 "invalid iso2022_cn": the bytes are valid, unread."""
    first = offset + missing[0][1]
    names = ", ".join(dict.fromkeys(name for name, _ in missing))
    entry = Warn.NO_DECODER.entry(source, number, first, encoding=used, charset=names,
                                  count=len(missing), offset=first)  # fmt: skip
    entry["bytes"] = [offset + at for _, at in missing[:REPLACED_LISTED]]
    return entry


def escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Each byte a UTF-16/32 decoder rejects as a lone surrogate escape (U+DC80 + byte), as
    `surrogateescape` does for UTF-8 (which the UTF-16 decoder refuses for a cut unit)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) if b >= 0x80 else chr(0xDC80 + b) for b in bad), error.end


WIDE_ERRORS = "pipeline-wide-escape"
codecs.register_error(WIDE_ERRORS, escape_bytes)


def wide_lines(
    f: Any,
    part: Part,
    encoding: str,
    max_bytes: int | None = None,
    cr_lines: bool = False,
    warn: WarningSink | None = None,
    start: int = 0,
    first_line: int = 1,
) -> Iterator[Decoded]:
    """Lines of a UTF-16/32 file, or of its segment from byte `start` (line `first_line`;
    never split into parts: its bytes are not line-aligned),
    decoded as a stream (LF, CRLF and a bare CR end a line, as in `decoded_lines`); a line
    over `max_bytes` is skipped unread, like in `bounded_lines`. Invalid bytes (an unpaired
    surrogate, a last code unit cut short by a truncated download) are U+FFFD, warned (W001)
    with their offset; bytes cut short after the last line end are only warned (they made a
    record of one `�`)."""
    width = 4 if encoding.startswith("utf-32") else 2
    unit = f"utf-{8 * width}-le"  # the same length in bytes whatever the byte order
    text = io.TextIOWrapper(f, encoding=encoding, errors=WIDE_ERRORS, newline="")
    limit = max_bytes // width if max_bytes is not None else -1
    bom = encoding in ("utf-16", "utf-32")
    offset, number = start + (width if bom else 0), first_line  # after the byte-order mark
    cr_end = "\n" if cr_lines else "\r"
    while line := text.readline(limit):
        size = len(line.encode(unit, "surrogatepass"))
        if limit >= 0 and len(line) >= limit and not line.endswith(("\n", "\r")):
            quotes = line.count('"')
            while not line.endswith(("\n", "\r")) and (line := text.readline(1 << 18)):
                size += len(line.encode(unit, "surrogatepass"))
                quotes += line.count('"')
            was_cr = line.endswith("\r")
            end = cr_end if was_cr else "\n"
            yield Decoded(number, offset, None, end, was_cr, quotes, size)
        else:
            was_cr = line.endswith("\r")
            end = cr_end if was_cr else "\n" if line.endswith("\n") else ""
            end = "\r\n" if line.endswith("\r\n") else end
            body = line.rstrip("\r\n")
            bad = ESCAPED.search(body)
            if bad is not None:
                size -= len(ESCAPED.findall(line)) * (width - 1)  # one byte each, not a unit
                at = offset + len(body[: bad.start()].encode(unit, "surrogatepass"))
                if warn is not None:
                    warn(
                        Warn.INVALID_UTF8.entry(
                            part.file.source, number, at, encoding=encoding, offset=at
                        )
                    )
                if not end and not ESCAPED.sub("", body):
                    return  # only a cut code unit after the last line: warned, no record
                body = ESCAPED.sub("\ufffd", body)
            yield Decoded(number, offset, body, end, was_cr)
        offset += size
        number += 1


def detect_encoding(sample: bytes) -> str:
    """The legacy encoding of bytes that are not UTF-8 (`charsets.legacy_encoding`); UTF-8,
    its invalid bytes replaced, when nothing fits."""
    found = legacy_encoding(sample)
    return found.encoding if found is not None else "utf-8"
