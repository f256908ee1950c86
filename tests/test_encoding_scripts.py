"""Every legacy encoding x text of its script x length x place (issue 29, hostile pass 39).

The classes:

1. a legacy East Asian file holding every byte class its encoding allows: half-width
   katakana (single bytes 0xA1-0xDF in Shift-JIS, 0x8E pairs in EUC-JP), JIS X 0212 (0x8F
   triples in EUC-JP), user-defined rows (cp932 0xF0-0xF9: private use), GB18030 four-byte
   sequences, Big5-HKSCS (Cantonese characters Big5 lacks);
2. short texts of each legacy family, from one word to 200 lines, alone or after 300 lines
   of English: the decision must not flip when a paragraph is repeated;
3. what the hostile pass found beside them: UTF-16 without a BOM in CJK text, Romanian and
   Hungarian Windows-1250, Hebrew with points in Windows-1255, a UTF-16 file cut mid-unit.

A file that decodes cleanly in the encoding of its own script must be read in it when every
other candidate gives text of mixed scripts or odd characters. Every text is written for this
test (none from data/raw).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.io.charsets import TIERS, is_single_byte
from pipeline.io.encoding import file_encoding
from pipeline.io.readers import Reader

# One paragraph per (script, variety), written for the test; each encoded in every listed
# encoding that holds it.
TEXTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ja": ("古い港町の図書館で、彼女は祖父の手紙を見つけた。", ("euc_jp", "shift_jis", "cp932")),
    "ja-kana": (
        "新しいﾒｰﾙｱﾄﾞﾚｽを登録してから、ﾊﾟｽﾜｰﾄﾞを変更してください。",
        ("euc_jp", "shift_jis", "cp932"),
    ),
    "ja-0212": ("丂丄の字は古い辞書にしか載っていないと先生が言った。", ("euc_jp",)),
    "ja-user": ("社名の\ue000と\ue001は外字で、印刷すると正しく出ます。", ("cp932",)),
    "zh-hans": ("春天的早晨，老人在公园里慢慢地散步，孩子们在河边玩耍。", ("gbk", "gb2312", "gb18030")),
    "zh-4byte": ("这位皇帝的名字是刘䶮，古书里也写作㐀字，价格是€五十。", ("gb18030",)),
    "zh-hant": ("雨後的山路很滑，我們慢慢地走回村子裡的老房子。", ("big5", "cp950", "big5hkscs")),
    "zh-hkscs": ("佢哋喺度食緊嘢，冇人講嘢，啲細路都瞓咗。", ("big5hkscs",)),
    "ja-signs": ("評価：★★★☆☆（３点）。①話②絵③音、どれも良い～！価格：￥１，２００。", ("cp932",)),
    "ja-signs-euc": ("評価：★★★☆☆（３点）。話も絵も音もどれも良い！価格：￥１，２００。", ("euc_jp",)),
    "zh-signs": ("门票价格：50€或者¥380，学生半价。", ("gb18030",)),
    "zh-hant-signs": ("門票價格€50，學生半價，推薦！", ("cp950",)),
    "ja-katakana": ("ストーリーはシンプルだけど、キャストの演技がとても良かった。", ("euc_jp", "cp932")),
    "ko-jamo": ("오늘 본 공연 너무 재밌었어요 ㅋㅋㅋ 배우들 최고 ㅠㅠ 또 갈래요 ㅎㅎ", ("euc_kr", "cp949")),
    "ko": ("비 오는 저녁에 우리는 오래된 영화를 함께 보았다.", ("euc_kr", "cp949")),
    "th": ("ฝนตกหนักตลอดคืนและถนนในหมู่บ้านก็เต็มไปด้วยน้ำ", ("cp874", "tis_620")),
    "ru": (
        "Вечером мы долго гуляли по набережной и говорили о книгах.",
        ("cp1251", "koi8_r", "iso8859_5", "cp866", "mac_cyrillic"),
    ),
    "uk": ("Восени ліс стає жовтим, і діти збирають гриби біля річки.", ("cp1251", "koi8_u")),
    "el": ("Το πρωί ο ψαράς επέστρεψε στο λιμάνι με άδεια δίχτυα.", ("cp1253", "iso8859_7")),
    "he": ("בבוקר הלכנו לשוק וקנינו לחם טרי ופירות מתוקים.", ("cp1255", "iso8859_8")),
    "he-points": ("הַיֶּלֶד הָלַךְ לַגַּן וְשָׂחַק עִם הַכֶּלֶב.", ("cp1255",)),
    "ar-marks": ("ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ صَبَاحًا وَقَرَأَ كِتَابًا جَدِيدًا.", ("cp1256",)),
    "ar": ("ذهبنا إلى السوق صباحا واشترينا خبزا طازجا وفاكهة.", ("cp1256", "iso8859_6")),
    "tr": ("Akşam yemeğinden sonra çocuklar bahçede uzun süre oyun oynadı.", ("cp1254", "iso8859_9")),
    "pl-caps": ("Śpiewał. Źródło. Ślub.", ("cp1250", "iso8859_2")),
    "pl": ("Wieczorem poszliśmy nad rzekę, żeby zobaczyć łabędzie.", ("cp1250", "iso8859_2")),
    "cs": ("Večer jsme šli k řece a dívali se na labutě u mostu.", ("cp1250", "iso8859_2")),
    "hu": ("Délután a gyerekek a kertben játszottak, később együtt vacsoráztak.", ("cp1250", "iso8859_2")),
    "ro": ("Seara am mers la râu şi am privit păsările de pe mal.", ("cp1250",)),
    "lt": ("Vakare mes ėjome prie upės ir žiūrėjome į gulbes.", ("cp1257", "iso8859_13")),
    "lv": ("Vakarā mēs gājām gar upi un ilgi runājām par grāmatām, ko šoruden lasījām.", ("cp1257", "iso8859_13")),
    "hu-few": ("A szerző tavasszal írta a könyvet, főleg éjjel.", ("cp1250", "iso8859_2")),
    "fr": ("Le soir, nous sommes allés au marché près de l'église.", ("cp1252", "latin_1", "mac_roman")),
    "de": ("Am Abend gingen wir über die große Brücke zum Fluß hinunter.", ("cp1252", "latin_1")),
    "es": ("Por la tarde, el niño comió una manzana en el jardín.", ("cp1252", "latin_1")),
}  # fmt: skip
SPACELESS = {
    "ja",
    "ja-kana",
    "ja-0212",
    "ja-user",
    "zh-hans",
    "zh-4byte",
    "zh-hant",
    "zh-hkscs",
    "th",
}
LENGTHS = ("a title", "a word", "a line", "2 lines", "5 lines", "200 lines")
ENGLISH = "".join(f"Line {i} of the export, in plain English words only.\n" for i in range(300))


def word(lang: str) -> str:
    """A word: the first 6 characters in a script written without blanks (what a title or a
    name in a table cell holds), else the word with most characters beyond ASCII (the first)."""
    text = TEXTS[lang][0]
    if lang in SPACELESS:
        return text[:6]
    return max(text.split(), key=lambda w: sum(not c.isascii() for c in w))


def title(lang: str) -> str:
    """A title: 4 characters of a script written without blanks, else the first two words."""
    text = TEXTS[lang][0]
    if lang not in SPACELESS:
        return " ".join(text.split()[:2])
    end = 4
    while end < len(text) and "\uff61" <= text[end] <= "\uff9f":
        end += 1  # a half-width katakana word whole (`ﾒｰﾙ`, never `ﾒ` alone)
    return text[:end]


def content(lang: str, length: str, late: bool) -> str:
    text = TEXTS[lang][0]
    body = {
        "a title": title(lang) + "\n",
        "a word": word(lang) + "\n",
        "2 lines": (text + "\n\n") * 2,
        "a line": text + "\n",
        "5 lines": (text + "\n\n") * 5,
        "200 lines": (text + "\n") * 200,
    }[length]
    return (ENGLISH if late else "") + body


def one_letter(data: bytes) -> bool:
    """A text with one distinct byte beyond ASCII (`Akşam`, `Večer`): one letter cannot tell
    the code pages apart (`Akţam` is as plausible); the commonest page wins
    (docs/encodings.md), so it is read in a Windows or common ISO code page, not asserted
    exact."""
    return len(set(data.translate(None, bytes(range(128))))) <= 1


# Titles whose bytes read as faultless text of another script in a commoner encoding, where
# only a language model could tell (docs/encodings.md, "What is left ambiguous"): they are
# read without a replaced byte in some encoding, not asserted exact.
AMBIGUOUS = {
    ("ja", "euc_jp", "a title"),  # 古い港町: 8 bytes, each a Thai consonant in cp874
    ("ko", "euc_kr", "a title"),  # 비 오는: faultless Cyrillic in ISO-8859-5 (`Кё ПРДТ`)
    ("ko", "cp949", "a title"),
    ("ko-jamo", "euc_kr", "a title"),  # 오늘 본: `ПРДУ КЛ` in ISO-8859-5
    ("ko-jamo", "cp949", "a title"),
    ("ru", "mac_cyrillic", "a title"),  # Mac Cyrillic `В` is Windows-1251's low quote `‚`
}

CASES = [
    (lang, encoding, length, late)
    for lang, (_, encodings) in TEXTS.items()
    for encoding in encodings
    for length in LENGTHS
    for late in (False, True)
]


@pytest.mark.parametrize(("lang", "encoding", "length", "late"), CASES)
def test_text_of_each_script_is_read_in_its_encoding(
    tmp_path: Path, lang: str, encoding: str, length: str, late: bool
) -> None:
    text = content(lang, length, late)
    path = tmp_path / "notes.txt"
    data = text.encode(encoding)
    path.write_bytes(data)
    chosen = file_encoding(path)
    if (lang, encoding, length) in AMBIGUOUS:
        assert "\ufffd" not in data.decode(chosen, "replace"), chosen
        return
    if one_letter(data) and data.decode(chosen, "replace") != text:
        assert is_single_byte(chosen) and TIERS.get(chosen, 0) == 0, chosen
        return
    assert data.decode(chosen, "replace") == text, chosen


def read_back(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    warnings: list[dict[str, Any]] = []
    records = list(Reader(max_chars=10_000_000)([path], warnings.append))
    assert not [r.error for r in records if r.error]
    return [r.text for r in records], warnings


@pytest.mark.parametrize("lang", ["ja", "zh-hans", "ko", "ru", "el"])
@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_in_any_script_is_read(tmp_path: Path, lang: str, order: str) -> None:
    text = TEXTS[lang][0]
    path = tmp_path / "notes.txt"
    path.write_bytes((text + "\n").encode(order))
    assert read_back(path)[0] == [text]


@pytest.mark.parametrize("order", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["😀😀 a smile 👍", "𠀋𠂉 rare kanji", "Plain words only"])
def test_utf32_without_a_bom_is_read(tmp_path: Path, order: str, text: str) -> None:
    """Characters beyond the Basic Plane leave fewer NULs than the NUL pattern asks."""
    path = tmp_path / "notes.txt"
    path.write_bytes((text + "\n").encode(order))
    assert read_back(path)[0] == [text]


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_cut_mid_unit_reports_the_stray_byte(
    tmp_path: Path, order: str, bom: bool
) -> None:
    """A truncated download: the last code unit has one byte of two. No record is made of a
    replacement character; the stray byte is warned (W001)."""
    head = "\ufeff" if bom else ""
    path = tmp_path / "notes.txt"
    path.write_bytes((head + "Le film était long.\n").encode(order) + b"X")
    texts, warnings = read_back(path)
    assert texts == ["Le film était long."]
    assert any(w["code"] == "W001" for w in warnings), warnings


@pytest.mark.parametrize("cut", [1, 2, 3])
@pytest.mark.parametrize("last", ["日", "é", "😀"])
def test_a_utf8_file_cut_mid_character_stays_utf8(tmp_path: Path, last: str, cut: int) -> None:
    """`head -c`: the last character cut short is damage at the end (W001), never a reason
    to read the file's last line in a legacy code page (`日` was `æ—¥`)."""
    data = last.encode()
    if cut >= len(data):
        return
    head = "Le réalisateur a tourné ce film en été.\n\n" * 5 + "The last word is "
    path = tmp_path / "notes.txt"
    path.write_bytes(head.encode() + data[: len(data) - cut])
    texts, warnings = read_back(path)
    assert texts[-1] == "The last word is \ufffd"
    assert [w["code"] for w in warnings] == ["W001"]


DECLARATIONS = {
    "meta": '<meta charset="{label}">\n\n',
    "http-equiv": '<meta http-equiv="Content-Type" content="text/html; charset={label}">\n\n',
    "xml": '<?xml version="1.0" encoding="{label}"?>\n\n',
}
LABELS = {"cp1251": "windows-1251", "cp932": "shift_jis", "euc_jp": "EUC-JP", "cp950": "big5",
          "cp949": "euc-kr", "cp1250": "windows-1250", "gb18030": "gbk"}  # fmt: skip
DECLARED_TEXTS = {"cp1251": "ru", "cp932": "ja-kana", "euc_jp": "ja", "cp950": "zh-hant",
                  "cp949": "ko", "cp1250": "cs", "gb18030": "zh-hans"}  # fmt: skip


DECLARED_CASES = [
    (suffix, encoding, kind)
    for suffix in (".md", ".txt")
    for encoding in sorted(LABELS)
    for kind in sorted(DECLARATIONS)
    if suffix == ".md" or kind == "xml"
]


@pytest.mark.parametrize(("suffix", "encoding", "kind"), DECLARED_CASES)
def test_a_declared_charset_in_markdown_or_an_xml_declaration_is_used(
    tmp_path: Path, suffix: str, encoding: str, kind: str
) -> None:
    """A title-length text after its declaration: Markdown takes a page's declarations; any
    other file only an XML declaration opening it."""
    text = title(DECLARED_TEXTS[encoding])
    head = DECLARATIONS[kind].format(label=LABELS[encoding])
    path = tmp_path / f"notes{suffix}"
    path.write_bytes((head + text + "\n").encode(encoding))
    chosen = file_encoding(path)
    assert chosen == encoding or path.read_bytes().decode(chosen) == head + text + "\n"
