"""7-bit escape and shift encodings, read a line at a time: ISO-2022 (-JP, -JP-1, -JP-2,
-JP-2004/-3, -JP-ext, -KR, -CN), HZ-GB-2312 and UTF-7.

ISO-2022 is one mechanism, not seven codecs: escape sequences designate a character set into
G0-G3, SO/SI shift G1 in and out, ESC N/O take one character from G2/G3. Python has a codec per
variant, each refusing the others' designations (a JIS X 0212 or KS C 5601 run in an
`iso2022_jp` file came out as U+FFFD and the run's bytes as ASCII, `Caf�+1`), and none for
ISO-2022-CN (RFC 1922). So one decoder reads every designation (`SETS`) through the EUC form of
its set (the 7-bit bytes with the high bit set), whatever variant wrote the line: an escape
sequence is unambiguous, so a line holding one is read as ISO-2022 in any file, a JIS mail among
UTF-8 or Windows-1252 lines included. Each unit a set does not hold is one U+FFFD at its byte
offset, consumed as the set's width (never turned back into ASCII `"` or `<`).

CNS 11643 (ISO-2022-CN's traditional planes, G1 plane 1, SS2 plane 2, SS3 planes 3-7) has no
codec here: each of its characters is a U+FFFD, never a raw escape in a record, and the line's
units are listed in one W013 naming the plane (`Shifts.missing`), not as invalid bytes (W001).

HZ (`~{…~}`) and UTF-7 (`+…-`) look like ASCII text that happens to hold `~{` or `+`: they are
chosen for a file only on decoding evidence (`hz_evidence`, `utf7_evidence`).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NamedTuple

ESC, SO, SI = 0x1B, 0x0E, 0x0F

Decoder = Callable[[bytes], str]


def euc(codec: str, prefix: bytes = b"") -> Decoder:
    """A 94x94 set's pairs through their EUC form (each byte + 0x80, `prefix` before each pair
    of a plane 2)."""
    high = bytes(range(128, 256))  # the translation table: byte b -> b | 0x80
    table = bytes(high[b & 0x7F] for b in range(256))

    def decode(pairs: bytes) -> str:
        high = pairs.translate(table)
        if prefix:  # (before each pair)
            high = b"".join(prefix + high[i : i + 2] for i in range(0, len(high), 2))
        return high.decode(codec)

    return decode


def upper_half(codec: str) -> Decoder:
    """A 96 set (ISO-2022-JP-2's G2: the upper half of ISO-8859-1 or -7) or JIS X 0201 kana."""

    def decode(unit: bytes) -> str:
        return bytes([unit[0] | 0x80]).decode(codec)

    return decode


def unknown(unit: bytes) -> str:
    raise UnicodeDecodeError("iso2022", unit, 0, len(unit), "no codec for this set")


@dataclass(frozen=True)
class CharSet:
    name: str
    width: int
    decode: Decoder
    variant: str  # the ISO-2022 variant that designates it (the most common)


ASCII = CharSet("ascii", 1, lambda u: u.decode("ascii"), "iso2022_jp")
ROMAN = CharSet(
    "jis-roman", 1, lambda u: u.decode("ascii").replace("\\", "¥").replace("~", "‾"), "iso2022_jp"
)
KANA = CharSet("jis-kana", 1, upper_half("cp932"), "iso2022_jp_ext")
JIS0208 = CharSet("jis-x0208", 2, euc("euc_jp"), "iso2022_jp")
JIS0212 = CharSet("jis-x0212", 2, euc("euc_jp", b"\x8f"), "iso2022_jp_1")
JIS0213_1 = CharSet("jis-x0213-1", 2, euc("euc_jis_2004"), "iso2022_jp_2004")
JIS0213_2 = CharSet("jis-x0213-2", 2, euc("euc_jis_2004", b"\x8f"), "iso2022_jp_2004")
GB2312 = CharSet("gb2312", 2, euc("gb2312"), "iso2022_jp_2")
KSC5601 = CharSet("ks-c-5601", 2, euc("euc_kr"), "iso2022_jp_2")
LATIN1 = CharSet("iso-8859-1", 1, upper_half("latin-1"), "iso2022_jp_2")
GREEK = CharSet("iso-8859-7", 1, upper_half("iso8859_7"), "iso2022_jp_2")
CNS = MappingProxyType(
    {n: CharSet(f"CNS 11643 plane {n}", 2, unknown, "iso2022_cn") for n in range(1, 8)}
)

# escape sequence (after ESC) -> (register, set); G0..G3 as 0..3
SETS: Mapping[bytes, tuple[int, CharSet]] = MappingProxyType({
    b"(B": (0, ASCII), b"(J": (0, ROMAN), b"(H": (0, ROMAN), b"(I": (0, KANA),
    b"$@": (0, JIS0208), b"$B": (0, JIS0208), b"$A": (0, GB2312),
    b"$(@": (0, JIS0208), b"$(B": (0, JIS0208), b"$(A": (0, GB2312), b"$(C": (0, KSC5601),
    b"$(D": (0, JIS0212), b"$(O": (0, JIS0213_1), b"$(Q": (0, JIS0213_1), b"$(P": (0, JIS0213_2),
    b")I": (1, KANA),
    b"$)A": (1, GB2312), b"$)C": (1, KSC5601), b"$)E": (1, GB2312), b"$)G": (1, CNS[1]),
    b"-A": (1, LATIN1), b"-F": (1, GREEK),
    b".A": (2, LATIN1), b".F": (2, GREEK), b"$*H": (2, CNS[2]),
    b"$+I": (3, CNS[3]), b"$+J": (3, CNS[4]), b"$+K": (3, CNS[5]), b"$+L": (3, CNS[6]),
    b"$+M": (3, CNS[7]),
})  # fmt: skip
# (ISO-IR-165, `$)E`, is GB 2312 and a few hundred more: read as GB 2312, the rest replaced)
# one token: an escape sequence ISO-2022 knows, SO, or SI (alternatives of fixed length: linear)
TOKEN = re.compile(rb"\x1b(?:\$[()*+][\x40-\x5f]|\$[@AB]|[()\-.][\x40-\x5f]|[NO]|&@)|[\x0e\x0f]")
# the variants' order of generality: a line naming the sets of several is read as the widest
WIDER = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
         "iso2022_kr", "iso2022_cn")  # fmt: skip
# the G1 set a file's variant designates
G1_OF = MappingProxyType({"iso2022_kr": KSC5601, "iso2022_cn": GB2312})
JP_G0 = re.compile(rb"\x1b(?:\$[@B]|\(J)")  # ISO-2022-JP's own designations
NOT_PLAIN_JP = re.compile(rb"\x1b(?!\$[@B]|\([BJ])|[\x0e\x0f]")  # any other escape, SO, SI


def designates(token: bytes) -> bool:
    """Whether an escape sequence designates a set ISO-2022 text is written in (not ASCII)."""
    known = SETS.get(token[1:])
    return known is not None and known[1] is not ASCII


class Reading(NamedTuple):
    text: str
    bad: tuple[int, ...]  # the byte offset in the line of each replaced unit
    encoding: str  # the variant the line's sets belong to
    characters: int  # characters decoded from a designated set (not ASCII)


@dataclass
class Shifts:
    """The ISO-2022 state carried from line to line of one part: the G1 set (ISO-2022-KR
    designates it once, in a header line, for the whole file; RFC 1557) and the variant."""

    g1: CharSet | None = None
    variant: str = ""

    lines_in: str = ""  # `hz` or `utf-7`: the file's lines judged to be in it (`judged`)
    # (set, byte offset) of each unit replaced because its set has no decoder here (CNS 11643),
    # since the reader last cleared it: told apart from invalid bytes (W013, not W001)
    missing: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def for_encoding(cls, encoding: str, seven_bit: str = "") -> Shifts:
        primary = encoding.partition("+")[0]
        designated = seven_bit if seven_bit.startswith("iso2022") else primary
        g1 = G1_OF.get(designated)
        lines_in = "" if seven_bit.startswith("iso2022") else seven_bit
        return cls(g1, primary if primary.startswith("iso2022") else "", lines_in=lines_in)

    def read(self, line: bytes) -> Reading | None:
        """The line read as ISO-2022, or None when it is not (no escape sequence of ISO-2022,
        no shift-out into a designated G1, or a byte beyond 7 bits); or as HZ or UTF-7 when
        the file's evidence named it (`lines_in`) and the line is (`judged`)."""
        if self.lines_in and (reading := judged(line, self.lines_in)) is not None:
            return reading
        if (b"\x1b" not in line and b"\x0e" not in line) or not line.isascii():
            return None
        if (
            not self.variant
            and self.g1 is None
            and b"\x0e" not in line
            and not any(map(designates, TOKEN.findall(line)))
        ):  # in a file of no ISO-2022 text, a line that designates no set but ASCII: nothing
            # to decode, the bytes kept as written (`tput sgr0` writes `\x1b(B\x1b[m` in a
            # terminal log, hostile42 H14; `ESC O A` is an arrow key in application mode, SS3
            # with no G3 designated, and `ESC ( K` a console map: hostile43 H5). They were
            # removed, silently
            return None
        if self.g1 is None and b"\x0e" not in line and not NOT_PLAIN_JP.search(line):
            try:  # plain ISO-2022-JP, the mail standard: Python's codec, at C speed
                text = line.decode("iso2022_jp")
                characters = len(text) - len(text.encode("ascii", "ignore"))
                return Reading(text, (), self.variant or "iso2022_jp", characters)
            except UnicodeDecodeError:
                pass  # (a pair JIS X 0208 does not hold: read below, each replaced alone)
        tokens = list(TOKEN.finditer(line))
        if not tokens or (self.g1 is None and all(len(t.group()) == 1 for t in tokens)):
            return None  # (SO/SI alone, no G1 designated: not ISO-2022)
        return self.decode(line, tokens)

    def decode(self, line: bytes, tokens: list[re.Match[bytes]]) -> Reading:
        g = [ASCII, self.g1, None, None]
        if g[1] is None and b"\x0e" in line and JP_G0.search(line):
            g[1] = KANA  # SO/SI kana inside ISO-2022-JP (Windows' CP50222)
        shifted = False
        single: int | None = None  # ESC N / ESC O: one character from G2 / G3
        out: list[str] = []
        bad: list[int] = []
        variants = {self.variant} if self.variant else set()
        characters = 0
        pos = 0
        for t in [*tokens, None]:
            stop = t.start() if t is not None else len(line)
            run = line[pos:stop]
            if run:
                if single is not None:
                    charset = g[single] or ASCII
                    unit = run[: charset.width]
                    got, wrong, n = decode_run(charset, unit, pos)
                    out.append(got)
                    bad += wrong
                    self.undecodable(charset, wrong)
                    characters += n
                    variants.add(charset.variant)
                    run, pos, single = run[charset.width :], pos + len(unit), None
                charset = (g[1] if shifted else g[0]) or ASCII
                got, wrong, n = decode_run(charset, run, pos)
                out.append(got)
                bad += wrong
                self.undecodable(charset, wrong)
                characters += n
                if charset is not ASCII:
                    variants.add(charset.variant)
            if t is None:
                break
            token = t.group()
            pos = t.end()
            if token == b"\x0e":
                shifted = g[1] is not None
            elif token == b"\x0f":
                shifted = False
            elif token in (b"\x1bN", b"\x1bO"):
                single = 2 if token == b"\x1bN" else 3
            elif token[1:] in SETS:
                register, charset = SETS[token[1:]]
                g[register] = charset
                if register == 1:
                    self.g1 = charset
                if charset is KSC5601 and register == 1:
                    variants.add("iso2022_kr")
                elif charset is GB2312 and register == 1:
                    variants.add("iso2022_cn")
        variant = max(variants or {"iso2022_jp"}, key=WIDER.index)
        return Reading("".join(out), tuple(bad), variant, characters)

    def undecodable(self, charset: CharSet, replaced: list[int]) -> None:
        if charset.decode is unknown and replaced:
            self.missing += [(charset.name, at) for at in replaced]


def judged(line: bytes, name: str) -> Reading | None:
    """A line of a file holding HZ or UTF-7 lines among others, read in it when it is in it
    (the same evidence the file was judged on: `hz_evidence`, `utf7_evidence`)."""
    mark, judge = (b"~{", hz_evidence) if name == "hz" else (b"+", utf7_evidence)
    if mark not in line or not line.isascii() or judge(line) <= 0:
        return None
    return Reading(
        without_soft_break(line).decode(name) if name == "hz" else line.decode(name), (), name, 1
    )


def decode_run(charset: CharSet, run: bytes, at: int) -> tuple[str, list[int], int]:
    """A run of bytes in one set: its text, the offsets of the units it does not hold (each
    one U+FFFD), and the characters decoded. Blanks and controls inside a double-byte run are
    themselves (a writer that keeps SO across a space)."""
    if charset is ASCII:
        return run.decode("ascii"), [], 0
    if charset.width == 1:
        return single_run(charset, run, at)
    if len(run) % 2 == 0 and WHOLE_PAIRS.fullmatch(run) and charset.decode is not unknown:
        try:  # the usual run: pairs only, decoded at C speed in one call
            text = charset.decode(run)
            if len(text) == len(run) // 2:
                return text, [], len(text)
        except UnicodeDecodeError:
            pass  # (one pair its set does not hold: each pair decoded alone below)
    out: list[str] = []
    bad: list[int] = []
    count = 0
    for m in PAIRS.finditer(run):
        piece = m.group()
        if piece[0] <= 0x20 or piece[0] == 0x7F:
            out.append(piece.decode("ascii"))
            continue
        try:
            text = charset.decode(piece) if len(piece) == 2 else ""
        except UnicodeDecodeError:
            text = ""
        if len(piece) == 2 and text:
            out.append(text)
            count += 1
        else:
            out.append("\ufffd")
            bad.append(at + m.start())
    return "".join(out), bad, count


PAIRS = re.compile(rb"[\x21-\x7e]{1,2}|[\x00-\x20\x7f]")
WHOLE_PAIRS = re.compile(rb"[\x21-\x7e]*+")


def single_run(charset: CharSet, run: bytes, at: int) -> tuple[str, list[int], int]:
    out: list[str] = []
    bad: list[int] = []
    count = 0
    for i, b in enumerate(run):
        if b <= 0x20 or b == 0x7F:
            out.append(chr(b))
            continue
        try:
            out.append(charset.decode(bytes([b])))
            count += 1
        except UnicodeDecodeError:
            out.append("\ufffd")
            bad.append(at + i)
    return "".join(out), bad, count


def read_iso2022(data: bytes) -> str:
    """Bytes of ISO-2022 text (any variant) decoded line by line, as the readers do."""
    shifts = Shifts()
    lines = []
    for line in data.split(b"\n"):
        reading = shifts.read(line)
        lines.append(reading.text if reading is not None else line.decode("utf-8", "replace"))
    return "\n".join(lines)


def search(name: str) -> codecs.CodecInfo | None:
    """`iso2022_cn` as a codec (decoding only): what decodes a file's bytes by its name
    elsewhere (a compressed file's tail, a Parquet cell) finds it."""
    if name.replace("-", "_") not in ("iso2022_cn", "iso_2022_cn"):
        return None

    def decode(data: Any, errors: str = "strict") -> tuple[str, int]:
        text = read_iso2022(bytes(data))
        if errors == "strict" and "\ufffd" in text:
            raise UnicodeDecodeError("iso2022_cn", bytes(data), 0, len(data), "not in its sets")
        return text, len(data)

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        raise UnicodeEncodeError("iso2022_cn", text, 0, len(text), "decoding only")

    return codecs.CodecInfo(encode, decode, name="iso2022_cn")


codecs.register(search)


# HZ (RFC 1843): `~{` … `~}` around GB 2312 pairs in 7 bits, `~~` a tilde. ASCII text holds
# `~{` (LaTeX, shell) but its span then reads as rare hanzi (lower-case letters are GB 2312's
# level 2, lead bytes 0x58-0x77): a span is evidence when most of its characters are level 1
# hanzi or the symbol rows (lead bytes 0x21-0x29, 0x30-0x57).
HZ_SPAN = re.compile(rb"~\{([^~\n]*+)(?:~\}|$)")
HZ_COMMON_LEAD = frozenset([*range(0x21, 0x2A), *range(0x30, 0x58)])


def without_soft_break(line: bytes) -> bytes:
    """An HZ line without its soft line break (`~` at its end, RFC 1843: the line goes on on
    the next; Python's codec refuses it): `~~` at the end is a tilde."""
    if not line.endswith(b"~"):
        return line
    tildes = len(line) - len(line.rstrip(b"~"))
    return line[:-1] if tildes % 2 else line


def hz_evidence(line: bytes) -> int:
    """For an ASCII line holding `~{`: the GB 2312 characters it holds as HZ, or -1 when it
    is not HZ (the codec refuses it, or its spans read as rare characters)."""
    line = without_soft_break(line)
    try:
        line.decode("hz")
    except UnicodeDecodeError:
        return -1
    pairs = common = 0
    for m in HZ_SPAN.finditer(line):
        body = m.group(1)
        if len(body) % 2:
            return -1
        pairs += len(body) // 2
        common += sum(body[i] in HZ_COMMON_LEAD for i in range(0, len(body), 2))
    return pairs if pairs and common * 2 > pairs else -1


# UTF-7 (RFC 2152): `+` then modified base64 of UTF-16, ended by `-` or any other byte. ASCII
# text holds `+` (`C++`, `+4930-`, `a+b`, base64): each such shift must decode, to printable
# characters beyond ASCII (an encoder never shifts for a letter it can write directly).
UTF7_SHIFT = re.compile(rb"\+([A-Za-z0-9+/]*+)-?")


def utf7_evidence(line: bytes) -> int:
    """For an ASCII line holding `+`: the characters it holds as UTF-7, or -1 when it is not
    UTF-7 (a shift that does not decode, or decodes to ASCII, controls or lone surrogates)."""
    found = 0
    for m in UTF7_SHIFT.finditer(line):
        body = m.group(1)
        if not body:
            if not m.group().endswith(b"-"):
                return -1  # `+` then not base64: `a + b`, `+=`
            continue  # `+-`: a plus sign
        try:
            text = m.group().decode("utf-7")
        except UnicodeDecodeError:
            return -1
        if text == "\ufeff" and m.start() == 0:
            continue  # a signature, `+/v8-`, opening the line
        if all(c.isascii() for c in text) or not all(shown(c) for c in text):
            return -1
        if len(scripts(text)) > 1 or line[m.end() : m.end() + 1] == b"=":
            return -1  # base64 (`…+d29y=`) decodes to letters of several scripts
        if len(text) > 1 and all(ascii_pair(c) for c in text):
            continue  # base64 of ASCII read as UTF-16 (`+RUZHSElK`: `䕆䝈䥊`): no evidence
        if len(text) == 1 and not m.group().endswith(b"-"):
            continue  # `+Max `: one character by chance (a quarter of `+` + 3 letters decode)
        found += len(text) - sum(c in SEPARATORS for c in text)
    return found


# a line or paragraph separator and NEL are text in a record (the readers split at CR and LF
# only) that an encoder must shift for: UTF-7 text holding one was refused as not UTF-7 (it
# is no printable character), its Cyrillic left as base64; allowed, but no evidence alone
SEPARATORS = "\u2028\u2029\x85"


def shown(c: str) -> bool:
    """A character a UTF-7 shift may hold: a printable one, a space, a separator."""
    return c.isprintable() or c == " " or c in SEPARATORS


# Japanese writes three scripts in one word: one for this test
KANA_HAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH"})


def scripts(text: str) -> set[str]:
    """The scripts of the letters of a text, by their Unicode names (`CYRILLIC`, `CJK`…)."""
    out = set()
    for c in text:
        if c.isalpha():
            first = unicodedata.name(c, "?").split()[0]
            out.add("CJK" if first in KANA_HAN else first)
    return out


def ascii_pair(c: str) -> bool:
    """A UTF-16 unit both of whose bytes are printable ASCII (`EF` read as U+4546)."""
    unit = ord(c)
    return 0x20 <= unit >> 8 <= 0x7E and 0x20 <= unit & 0xFF <= 0x7E
