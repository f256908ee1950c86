"""Which East Asian multi-byte encoding a sample is in: each candidate that decodes it without
an error is read, and the one whose characters are most the usual ones of its own language
wins.

Every East Asian encoding reads the others' bytes as text of its own script (GB18030 reads
nearly any byte string), so "decodes" and "no odd character" cannot tell them apart: a
Shift-JIS text with half-width katakana was GB18030 (`娔撀偼偙偺`), a short EUC-JP one
Korean or Thai. What does tell them apart is how common the characters are in the language
of the encoding: a text in its own encoding is mostly the commonest characters (JIS X 0208
level 1 kanji with kana, GB2312 level 1 hanzi, Big5's frequent hanzi, KS X 1001 Hangul),
another encoding's bytes read as rare ones (level 2, the extension blocks, cp949's extra
syllables). The share is per character, so a repeated paragraph weighs the same as one.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import cache

# Tried in this order (a tie keeps the first): what Windows writes for each language, then
# EUC-JP; each a superset of its family's others (cp932 of Shift-JIS, GB18030 of GBK and
# GB2312, Big5-HKSCS of cp950 but for a few rows, cp949 of EUC-KR).
CANDIDATES = ("cp932", "euc_jp", "gb18030", "cp950", "big5hkscs", "cp949")
JAPANESE = frozenset({"cp932", "euc_jp"})
KOREAN = frozenset({"cp949"})
# charset-normalizer's multi-byte answers of these languages (codecs' canonical names)
FAMILY = frozenset(
    {
        "shift_jis", "cp932", "euc_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004",
        "euc_jisx0213", "gb2312", "gbk", "gb18030", "hz", "big5", "cp950", "big5hkscs",
        "euc_kr", "cp949", "johab",
    }
)  # fmt: skip


@cache
def commonest(encoding: str) -> frozenset[str]:
    """The commonest characters of `encoding`'s language: charset-normalizer's frequency
    tables (Chinese 100 hanzi, Japanese 79 kanji and 40 hiragana, Korean 26 syllables), the
    same hanzi in traditional forms for Big5, and more of Korean's commonest syllables."""
    from charset_normalizer.constant import FREQUENCIES

    if encoding in JAPANESE:
        return frozenset(FREQUENCIES["Japanese"] + FREQUENCIES["Japanese——"][:40])
    if encoding == "gb18030":
        return frozenset(FREQUENCIES["Chinese"])
    if encoding in ("cp950", "big5hkscs"):
        return frozenset(TRADITIONAL)
    if encoding in KOREAN:
        return frozenset(FREQUENCIES["Korean"]) | frozenset(KOREAN_MORE)
    return frozenset()


# charset-normalizer's 100 commonest hanzi in traditional forms
TRADITIONAL = (
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年"
    "過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她"
    "本前開但因只從想實"
)
KOREAN_MORE = (
    "수있것나그게주자어아라해들정부과만니요내우제보상적여면비전소마장거성러와동위경방문화생까원된"
    "할세구중연치조안없했무미같되말저실히물"
)


@dataclass(frozen=True)
class CjkReading:
    encoding: str
    unusual: float  # share of the characters beyond ASCII that are not usual in it
    wide: int  # characters beyond ASCII
    common: float = 0.0  # share of them among the language's commonest (`COMMONEST`)

    @property
    def score(self) -> float:
        """Lower is likelier: unusual characters, less a part of the share of the commonest
        (they tell a word apart: `東京物語` in EUC-JP is four usual characters in Korean and
        in Japanese too; two of them are among Japanese's commonest)."""
        return self.unusual - COMMON_WEIGHT * self.common


COMMON_WEIGHT = 0.5


def codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        return encoding


def in_family(encoding: str) -> bool:
    """Whether `encoding` is an East Asian multi-byte encoding."""
    return codec_name(encoding) in FAMILY


def best_cjk(sample: bytes, prefer: str | None = None) -> CjkReading | None:
    """The candidate whose reading holds the smallest share of unusual characters (None: no
    candidate decodes the sample). `prefer` (charset-normalizer's answer, mapped to its
    superset) is first among equals."""
    order = list(CANDIDATES)
    if prefer is not None:
        mapped = superset(prefer)
        if mapped in order:
            order.remove(mapped)
            order.insert(0, mapped)
    best: CjkReading | None = None
    for encoding in order:
        reading = read_as(sample, encoding)
        if reading is not None and (best is None or reading.score < best.score - MARGIN):
            best = reading
    return best


# Below this difference in share two readings tie (the first stays): a Korean catalog with a
# typo (`떄`, a cp949-only syllable, twice in 32 kB) is still Korean, not GB18030
MARGIN = 0.05


def superset(encoding: str) -> str:
    """The candidate that reads everything `encoding` reads (but a few JIS X 0213 rows)."""
    name = codec_name(encoding)
    if name in ("shift_jis", "shift_jis_2004", "shift_jisx0213"):
        return "cp932"
    if name in ("euc_jis_2004", "euc_jisx0213"):
        return "euc_jp"
    if name in ("gb2312", "gbk", "hz"):
        return "gb18030"
    if name == "big5":
        return "cp950"
    if name in ("euc_kr", "johab"):
        return "cp949"
    return name


def read_as(sample: bytes, encoding: str) -> CjkReading | None:
    """The sample read in `encoding`, scored (by the rules of its family's superset); None
    if it does not decode."""
    try:
        text = sample.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    encoding = superset(encoding)
    wide = 0
    unusual = 0
    common = 0
    common_set = commonest(encoding)
    for i, c in enumerate(text):
        if c < "\x80":
            if c == " " and 0 < i < len(text) - 1 and text[i - 1] > "\x7f" < text[i + 1]:
                unusual += encoding not in KOREAN  # a blank between two: Korean, not CJK
            continue
        wide += 1
        common += c in common_set
        if not usual(c, encoding):
            unusual += 1
        elif "\uff61" <= c <= "\uff9f" and not kana_run(text, i):
            unusual += 1  # one half-width kana alone: a byte of another encoding's pair
        elif "\u3131" <= c <= "\u318e" and not jamo_run(text, i):
            unusual += 1  # one Hangul letter alone (Korean writes them in runs: `ㅋㅋㅋ`)
    if not wide:
        return CjkReading(encoding, 0.0, 0)
    return CjkReading(encoding, unusual / wide, wide, common / wide)


def kana_run(text: str, i: int) -> bool:
    """Whether the half-width katakana at `i` has another beside it (they spell words:
    `ﾒｰﾙ`, `ﾃﾞｰﾀ`)."""
    return any(0 <= j < len(text) and "\uff61" <= text[j] <= "\uff9f" for j in (i - 1, i + 1))


def jamo_run(text: str, i: int) -> bool:
    """Whether the Hangul letter at `i` has another beside it (laughter and tears in
    Korean reviews: `ㅋㅋㅋ`, `ㅎㅎ`, `ㅠㅠ`)."""
    return any(0 <= j < len(text) and "\u3131" <= text[j] <= "\u318e" for j in (i - 1, i + 1))


@cache
def usual(c: str, encoding: str) -> bool:
    """Whether `c` is one of the characters text in `encoding`'s language is mostly made of:
    its script's commonest characters (the first level of its national standard), kana,
    and East Asian punctuation and full-width forms."""
    if "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e" or "\u2010" <= c <= "\u206f":
        return True  # ideographic punctuation, full-width forms, dashes, quotes, ellipsis
    if encoding in JAPANESE:
        if "\u3041" <= c <= "\u30ff" or "\uff66" <= c <= "\uff9f":
            return True  # hiragana, katakana, half-width katakana (in a run: `read_as`)
            # (not the half-width `｡｢｣､･`: EUC-JP's kana read as cp932 are `､ｷ､､`)
        if "\ue000" <= c <= "\ue757":
            return encoding == "cp932"  # the user-defined rows (0xF0-0xF9) Windows maps there
        if encoding == "euc_jp" and len(encode(c, "euc_jp")) == 3:
            return True  # JIS X 0212 (0x8F and two bytes: a structure chance rarely makes)
        return first_byte(c, "euc_jp", 0xB0, 0xCF)  # JIS X 0208 level 1 kanji
    if encoding == "gb18030":
        return first_byte(c, "gb2312", 0xB0, 0xD7)  # GB2312 level 1 hanzi
    if encoding in ("cp950", "big5hkscs"):
        if first_byte(c, "big5", 0xA4, 0xC6):
            return True  # Big5's frequent hanzi
        return encoding == "big5hkscs" and hkscs_only(c)  # Cantonese characters Big5 lacks
    if encoding in KOREAN:
        if "\uac00" <= c <= "\ud7a3":
            return len(encode(c, "euc_kr")) == 2  # KS X 1001's 2,350 syllables
        # Hangul letters (in a run: `read_as`); no Hanja: Korean is written in Hangul
        # (Chinese read as cp949 is a third Hanja: `뉴莖돨豆냄`)
        return "\u3131" <= c <= "\u318e" and c != "\u3164"  # (the filler opens the
        # 8-byte make-up of a syllable EUC-KR lacks: never written alone)
    return False


def first_byte(c: str, encoding: str, low: int, high: int) -> bool:
    """Whether `c` is a double-byte character of `encoding` with a first byte in a range
    (its national standard's first level)."""
    data = encode(c, encoding)
    return len(data) == 2 and low <= data[0] <= high


def hkscs_only(c: str) -> bool:
    """A character of Big5-HKSCS's own rows in the Basic Plane (Cantonese `哋 喺 嘢`; its
    rarer ones beyond it, `𪂇`, are what EUC-JP's kana read as there)."""
    return c <= "\uffff" and bool(encode(c, "big5hkscs")) and not encode(c, "big5")


@cache
def encode(c: str, encoding: str) -> bytes:
    """`c` in `encoding`, or b"" if it holds no such character (Python's euc_kr writes
    cp949's other syllables as 8 bytes: they count as absent)."""
    try:
        return c.encode(encoding)
    except UnicodeEncodeError:
        return b""
