"""7-bit escape and shift encodings, as a table: every variant x format x position x mixing.

The class (issue 29, hostile pass 40b E2-E9, E14, E15, E18, E25): ISO-2022-JP's wider variants
(-1, -2, -2004/-3, -ext, SO/SI kana), ISO-2022-KR, ISO-2022-CN, HZ and UTF-7 were read as plain
ISO-2022-JP, or not at all: designated characters became U+FFFD and ASCII junk, raw ESC/SO bytes
reached the corpus, JSONL lines were lost (E003), an ISO-2022 line among UTF-8 or Windows-1252
lines kept its escapes, a KR header a megabyte before its text was not seen. Each generated
file must read back as its text, with no control character in any record; and ASCII that only
looks like HZ or UTF-7 (`~{`, `+ABC-`, URLs, base64, C code) must stay as written.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.io import encoding as encoding_module
from pipeline.io.encoding import file_encoding
from pipeline.io.readers import Reader
from pipeline.io.stdin import kind_of

Encoder = Callable[[str], bytes]


def codec(name: str) -> Encoder:
    return lambda text: text.encode(name)


def iso2022_cn(text: str) -> bytes:
    """RFC 1922 as mailers write it: designate GB 2312 once per line, SO … SI around it."""
    out, shifted, designated = b"", False, False
    for ch in text:
        if ord(ch) < 128:
            out += (b"\x0f" if shifted else b"") + ch.encode()
            shifted = False
            continue
        out += b"" if designated else b"\x1b$)A"
        out += b"" if shifted else b"\x0e"
        designated = shifted = True
        out += bytes(b - 0x80 for b in ch.encode("gb2312"))
    return out + (b"\x0f" if shifted else b"")


def so_kana(text: str) -> bytes:
    """Half-width katakana by SO/SI inside ISO-2022-JP (Windows' CP50222)."""
    out, shifted = b"", False
    for ch in text:
        kana = "\uff61" <= ch <= "\uff9f"
        if kana != shifted:
            out += b"\x0e" if kana else b"\x0f"
            shifted = kana
        out += bytes([ch.encode("cp932")[0] - 0x80]) if kana else ch.encode("iso2022_jp")
    return out + (b"\x0f" if shifted else b"")


def latin_ss2(text: str) -> bytes:
    """ISO-2022-JP-2's single shift for Latin-1 (`ESC . A`, then `ESC N` + a 7-bit byte)."""
    out = b"\x1b.A"
    for ch in text:
        code = ord(ch)
        out += b"\x1bN" + bytes([code - 0x80]) if 0xA0 <= code <= 0xFF else ch.encode("iso2022_jp")
    return out


# variant -> (encoder of one line, a line of text in it, and whether it is read per line in a
# file of other lines: HZ and UTF-7 are ASCII that looks like text, decided per file only)
VARIANTS: dict[str, tuple[Encoder, str, bool]] = {
    "jp": (codec("iso2022_jp"), "古い映画館で彼女は映画を見た", True),
    "jp-1": (codec("iso2022_jp_1"), "丂の字は補助漢字です", True),
    "jp-2-latin": (codec("iso2022_jp_2"), "Crème brûlée und 日本語", True),
    "jp-2-ss2": (latin_ss2, "Café crème und Straße", True),
    "jp-2-korean": (codec("iso2022_jp_2"), "한국어 문장과 日本語", True),
    "jp-2-chinese": (codec("iso2022_jp_2"), "简体中文 和 日本語", True),
    "jp-2004": (codec("iso2022_jp_2004"), "𠀋 と 日本語 俱", True),
    "jp-3": (codec("iso2022_jp_3"), "𠀋 と 日本語", True),
    "jp-ext": (codec("iso2022_jp_ext"), "ｶﾀｶﾅ と 日本語", True),
    "jp-so-kana": (so_kana, "日本語 ｶﾀｶﾅ text", True),
    "kr": (codec("iso2022_kr"), "비 오는 저녁에 영화를 보았다", True),
    "cn": (iso2022_cn, "我们今天去公园散步 and more", True),
    "hz": (codec("hz"), "北京是中国的首都也是一座城市", True),
    "utf-7": (codec("utf-7"), "Привет мир как дела сегодня", True),
}
UTF8_LINES = ["Grüße aus Köln und München", "Ça coûte très cher à Zürich"]
CP1252_LINES = ["Crème brûlée à la française", "Señor Muñoz añade más café"]
FORMATS = ("txt", "md", "jsonl", "csv", "tsv", "html")
MAIN_FORMATS = ("txt", "jsonl", "csv", "html")  # (.md, .tsv: at the start only, for time)
POSITIONS = ("start", "after-window")
MIXES = ("alone", "utf-8", "cp1252")
WINDOW = 512  # the scan's block, made small: text past it is in a later block


def row(fmt: str, i: int, text: str) -> str:
    if fmt == "jsonl":
        return json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False)
    if fmt in ("csv", "tsv"):
        return f"r{i}{',' if fmt == 'csv' else chr(9)}{text}"
    if fmt == "html":
        return f"<p>{text}</p>"
    return text


def build(fmt: str, lines: list[tuple[str, Encoder]]) -> bytes:
    """The file: each line (text, its encoder) as a row of `fmt`, encoded alone."""
    sep = b"\n\n" if fmt in ("txt", "md") else b"\n"
    body = sep.join(enc(row(fmt, i, text)) for i, (text, enc) in enumerate(lines))
    head = {"csv": b"id,text\n", "tsv": b"id\ttext\n", "html": b"<html><body>\n"}.get(fmt, b"")
    tail = b"\n</body></html>\n" if fmt == "html" else b"\n"
    return head + body + tail


def read(path: Path) -> tuple[list[Any], list[dict[str, Any]]]:
    warnings: list[dict[str, Any]] = []
    return list(Reader()([path], warnings.append)), warnings


def combos(variant: str, fmt: str) -> list[tuple[str, str]]:
    """(position, mix) of one variant in one format."""
    per_line = VARIANTS[variant][2]
    return [
        (position, mix)
        for position in POSITIONS
        for mix in MIXES
        if (per_line or mix == "alone") and (fmt in MAIN_FORMATS or position == "start")
    ]


def case_file(variant: str, fmt: str, position: str, mix: str) -> tuple[bytes, list[str]]:
    """The file's bytes, and the texts that must be read from it."""
    encoder, text, _ = VARIANTS[variant]
    lines: list[tuple[str, Encoder]] = []
    if position == "after-window":
        filler = [f"plain ascii line number {i} with some words" for i in range(WINDOW // 20)]
        lines += [(line, encoder) for line in filler]
    other = {"alone": [], "utf-8": UTF8_LINES, "cp1252": CP1252_LINES}[mix]
    page = "cp1252" if mix == "cp1252" else "utf-8"
    lines += [(other[0], codec(page))] if other else []
    lines.append((text, encoder))
    lines += [(line, codec(page)) for line in other[1:]]
    data = build(fmt, lines)
    if variant == "kr" and position == "after-window":  # RFC 1557: the header once, on top
        data = data.replace(b"\x1b$)C", b"")
        if fmt == "html":
            data = data.replace(b"<html>", b"\x1b$)C\n<html>")
        else:
            data = (b"\x1b$)C\n" if fmt in ("csv", "tsv") else b"\x1b$)C\n\n") + data
    return data, [text, *other]


CASES = [(variant, fmt) for variant in VARIANTS for fmt in FORMATS]


@pytest.mark.parametrize(("variant", "fmt"), CASES)
def test_seven_bit_text_is_read_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str, fmt: str
) -> None:
    """Each (position, mix) of the variant in the format: every text read exactly, no error,
    no control character or U+FFFD in a record, no W001, and a W005 saying what was read."""
    monkeypatch.setattr(encoding_module, "SCAN_BYTES", WINDOW)
    wrong = []
    for position, mix in combos(variant, fmt):
        data, expected = case_file(variant, fmt, position, mix)
        path = tmp_path / f"{position}-{mix}.{fmt}"
        path.write_bytes(data)
        records, warnings = read(path)
        texts = [r.text for r in records if r.error is None]
        errors = [r.error.code for r in records if r.error is not None]
        missing = [t for t in expected if t not in texts]
        controls = [t for t in texts if any(c in t for c in "\x1b\x0e\x0f\ufffd")]
        w001 = [w for w in warnings if w["code"] == "W001"]
        said = any(w["code"] == "W005" for w in warnings)  # the file's, or the 7-bit lines'
        if errors or missing or controls or w001 or not said:
            wrong.append((position, mix, file_encoding(path), errors, missing, controls[:2]))
    assert wrong == []


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v not in ("jp-so-kana",)])
def test_seven_bit_jsonl_on_stdin_is_jsonl(variant: str) -> None:
    """The stdin sniff decodes the first line as the file will be (E25)."""
    encoder, text, _ = VARIANTS[variant]
    head = b"".join(encoder(row("jsonl", i, text)) + b"\n" for i in range(2))
    assert kind_of(head, complete=True) == "jsonl"


LOOK_ALIKES = [
    "Type ~{ to open a group and ~} to close it",
    "LaTeX: a~{}b and \\foo~{bar~}",
    "home is ~/work and ~user",
    "call +ABC- or +4930-1234567",
    "see https://example.org/search?q=a+b+c&x=y+z",
    "token QUJD+RUZHSElK and SGVsbG8+d29ybGQ=",
    "x += y; c++; a+b-c; 1+1=2",
    "tilde ~~ twice, plus +- sign",
    "int main() { return a+b; } // ~{ }",
]


@pytest.mark.parametrize("fmt", MAIN_FORMATS)
@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_ascii_look_alikes_stay_ascii(tmp_path: Path, fmt: str, line: str) -> None:
    path = tmp_path / f"in.{fmt}"
    lines = [(line, codec("ascii")), ("an ordinary second line", codec("ascii"))]
    if fmt == "csv" and "," in line:
        lines[0] = (f'"{line}"', codec("ascii"))
        line = line  # the cell's text, unquoted
    path.write_bytes(build(fmt, lines))
    assert file_encoding(path) == "utf-8"
    records, _ = read(path)
    assert line in [r.text for r in records], [r.text for r in records]


def test_each_replaced_unit_is_listed_in_its_w001(tmp_path: Path) -> None:
    """E14: one W001 per line, naming every replaced unit's byte (JIS X 0208's unassigned
    row 9: pairs its set does not hold)."""
    line = b'ab \x1b$B)!)"\x1b(B cd'
    path = tmp_path / "in.txt"
    path.write_bytes(line + b"\n")
    records, warnings = read(path)
    assert [r.text for r in records] == ["ab \ufffd\ufffd cd"]
    (w001,) = [w for w in warnings if w["code"] == "W001"]
    assert w001["byte"] == line.index(b")!")
    assert w001["bytes"] == [line.index(b")!"), line.index(b')"')]


ESC = b"\x1b"
# CNS 11643 plane -> its designation and how one of its characters is invoked (RFC 1922: plane 1
# in G1 by SO, plane 2 in G2 by single shift 2, planes 3-7 in G3 by single shift 3)
CNS_PLANES: dict[int, tuple[bytes, Callable[[bytes], bytes]]] = {
    1: (ESC + b"$)G", lambda pair: b"\x0e" + pair + b"\x0f"),
    2: (ESC + b"$*H", lambda pair: ESC + b"N" + pair),
    **{n: (ESC + b"$+" + bytes([0x46 + n]), lambda pair: ESC + b"O" + pair) for n in range(3, 8)},
}
GB_BESIDE = ESC + b"$)A\x0eVP\x0f "  # (GB 2312's 中, decoded, on the same line)


@pytest.mark.parametrize("beside", [False, True], ids=["alone", "beside GB 2312"])
@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
@pytest.mark.parametrize("plane", sorted(CNS_PLANES))
def test_cns_11643_is_named_never_silent(
    tmp_path: Path, plane: int, fmt: str, beside: bool
) -> None:
    """ISO-2022-CN's traditional planes (no Python codec): each character one U+FFFD, no raw
    escape, and one W013 naming the plane and the encoding with every unit's byte (it was a
    W001 "invalid iso2022_cn", the bytes valid but unread, no plane named); the GB 2312 beside
    them read."""
    designation, invoke = CNS_PLANES[plane]
    text = (GB_BESIDE if beside else b"") + b"Hello " + designation + invoke(b"D!")
    text += b" world " + invoke(b"Kj") + b" end"
    head = {"jsonl": b'{"id": "a", "text": "', "csv": b"id,text\na,"}.get(fmt, b"")
    data = head + text + (b'"}' if fmt == "jsonl" else b"") + b"\n"
    path = tmp_path / f"in.{fmt}"
    path.write_bytes(data)
    records, warnings = read(path)
    expected = ("\u4e2d " if beside else "") + "Hello \ufffd world \ufffd end"
    assert [(r.text, r.error) for r in records] == [(expected, None)]
    (w013,) = [w for w in warnings if w["code"] == "W013"]
    assert f"CNS 11643 plane {plane} (iso2022_cn)" in w013["message"]
    first = data.index(invoke(b"D!")) + len(invoke(b"")) - (plane == 1)
    assert w013["bytes"] == [first, data.index(invoke(b"Kj")) + len(invoke(b"")) - (plane == 1)]
    assert [w for w in warnings if w["code"] == "W001"] == []


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
def test_designation_lines_are_consumed(tmp_path: Path, fmt: str) -> None:
    """E18: ISO-2022-KR's header line over ASCII rows shows nothing; the rows are read."""
    path = tmp_path / f"in.{fmt}"
    rows = ["plain ascii text", "more text here"]
    path.write_bytes(b"\x1b$)C\n" + build(fmt, [(r, codec("ascii")) for r in rows]))
    records, _ = read(path)
    assert [r.text for r in records] == rows


def test_escapes_inside_a_json_string_are_decoded(tmp_path: Path) -> None:
    """E15: ISO-2022 text carried in a JSON string as `\\u001b` escapes."""
    text = "日本語のメール本文です"
    path = tmp_path / "in.jsonl"
    escaped = text.encode("iso2022_jp").decode("ascii")
    path.write_text(json.dumps({"id": "m1", "text": escaped}) + "\n")
    records, warnings = read(path)
    assert [r.text for r in records] == [text]
    assert [w["code"] for w in warnings] == ["W006"]


@pytest.mark.parametrize("fmt", ["txt", "csv"])
def test_hz_soft_line_break_is_not_damage(tmp_path: Path, fmt: str) -> None:
    """RFC 1843's soft line break (`~` ending a line) is no character: no U+FFFD, no W001."""
    first, second = "中华人民共和国是一个", "位于东亚的国家"
    path = tmp_path / f"in.{fmt}"
    rows = [(first, codec("hz")), (second, codec("hz"))]
    data = build(fmt, rows).replace(first.encode("hz"), first.encode("hz") + b"~")
    path.write_bytes(data)
    records, warnings = read(path)
    texts = [r.text for r in records]
    assert any(first in t for t in texts) and any(second in t for t in texts), texts
    assert not [w for w in warnings if w["code"] == "W001"]
