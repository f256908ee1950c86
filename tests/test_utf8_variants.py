"""UTF-8 as Java, Oracle and MySQL write it, read as what it means (issue 29, hostile F26).

The class: a line of a UTF-8 file whose bytes strict UTF-8 refuses but which have UTF-8's
shape: CESU-8 surrogate pairs (a character beyond the Basic Plane as two 3-byte surrogates),
Modified UTF-8's NUL (`C0 80`), overlong forms, lone or reversed surrogates, code points past
U+10FFFF. Before: an emoji became six U+FFFD, and a line whose only such bytes were `C0 80`
and `C0 AF` was read as GB18030 (Chinese characters invented between Latin letters). Now a
pair is its character, each other sequence one U+FFFD warned (W001) at its offset, and the
line is never read in a legacy encoding. Every format that reads lines is tried (text,
JSON Lines, CSV), the line alone, among UTF-8 lines with accents, or among ASCII lines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader


def cesu8(text: str) -> bytes:
    """`text` in CESU-8: each character beyond the Basic Plane as its two surrogates."""
    out = []
    for c in text:
        if ord(c) < 0x10000:
            out.append(c.encode("utf-8"))
        else:
            units = c.encode("utf-16-be")
            for i in (0, 2):
                unit = chr(int.from_bytes(units[i : i + 2], "big"))
                out.append(unit.encode("utf-8", "surrogatepass"))
    return b"".join(out)


# Each sequence strict UTF-8 refuses though it has UTF-8's shape: one U+FFFD each
SHAPED = {
    "modified-utf8-nul": b"\xc0\x80",
    "overlong-2": b"\xc1\xbf",
    "overlong-slash": b"\xc0\xaf",
    "overlong-3": b"\xe0\x80\xaf",
    "overlong-3-top": b"\xe0\x9f\xbf",
    "lone-high-surrogate": b"\xed\xa0\x80",
    "lone-low-surrogate": b"\xed\xbf\xbf",
    "overlong-4": b"\xf0\x80\x80\xaf",
    "overlong-4-top": b"\xf0\x8f\xbf\xbf",
    "past-10ffff": b"\xf4\x90\x80\x80",
    "f5": b"\xf5\x80\x80\x80",
    "f7": b"\xf7\xbf\xbf\xbf",
    "five-byte": b"\xf8\x88\x80\x80\x80",
    "six-byte": b"\xfc\x84\x80\x80\x80\x80",
}
# the reversed pair is two lone surrogates: two U+FFFD
REVERSED_PAIR = b"\xed\xb0\x80\xed\xa0\x80"

NEIGHBOURS = {
    "alone": [],
    "accented": ["Une journée d’été à la côte, où l’on déjeune.", "Crème brûlée, s’il vous plaît."],
    "ascii": ["A plain line of English text.", "Another plain line, no accents at all."],
}


def write(tmp_path: Path, fmt: str, lines: list[bytes]) -> Path:
    """A file of `fmt` holding each line as one record's text (bytes as given)."""
    path = tmp_path / f"in.{fmt}"
    if fmt == "txt":
        data = b"\n\n".join(lines) + b"\n"
    elif fmt == "jsonl":
        data = b"".join(
            b'{"id": "r%d", "text": "%s"}\n' % (i, line) for i, line in enumerate(lines)
        )
    else:
        data = b"id,text\n" + b"".join(b'r%d,"%s"\n' % (i, line) for i, line in enumerate(lines))
    path.write_bytes(data)
    return path


def read(path: Path) -> tuple[list[Any], list[Any]]:
    warnings: list[Any] = []
    records = list(Reader()([path], warnings.append))
    return records, warnings


FORMATS = ("txt", "jsonl", "csv")
TEXT = st.text(
    alphabet=st.sampled_from(
        [*"abcdeXYZ .,é€ß", "Ω", "я", "中", "日", "😀", "👍", "🎬", "𝔸", "𠀋", "\U0001f1eb"]
    ),
    min_size=1,
    max_size=30,
).map(lambda s: f"Line {s.strip()} end.")


@settings(max_examples=60, deadline=None)
@given(text=TEXT, fmt=st.sampled_from(FORMATS), where=st.sampled_from(sorted(NEIGHBOURS)))
def test_cesu8_pairs_read_as_their_characters(
    tmp_path_factory: pytest.TempPathFactory, text: str, fmt: str, where: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("cesu")
    others = [line.encode() for line in NEIGHBOURS[where]]
    path = write(tmp_path, fmt, [*others, cesu8(text), *others])
    records, warnings = read(path)
    texts = [r.text for r in records if r.error is None]
    assert texts == [*NEIGHBOURS[where], text, *NEIGHBOURS[where]]
    assert not [w for w in warnings if w["code"] in ("W001", "W005")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("where", sorted(NEIGHBOURS))
@pytest.mark.parametrize("kind", sorted(SHAPED))
def test_each_utf8_shaped_sequence_is_one_replacement(
    tmp_path: Path, fmt: str, where: str, kind: str
) -> None:
    before, after = "Modified export: a", "b then more words here."
    line = before.encode() + SHAPED[kind] + after.encode()
    others = [x.encode() for x in NEIGHBOURS[where]]
    path = write(tmp_path, fmt, [*others, line, *others])
    records, warnings = read(path)
    texts = [r.text for r in records if r.error is None]
    assert texts == [*NEIGHBOURS[where], f"{before}\ufffd{after}", *NEIGHBOURS[where]]
    bad = [w for w in warnings if w["code"] == "W001"]
    assert len(bad) == 1, warnings
    data = path.read_bytes()
    assert bad[0]["byte"] == data.index(SHAPED[kind])
    assert not [w for w in warnings if w["code"] == "W005"]  # never read as a legacy page


@pytest.mark.parametrize("fmt", FORMATS)
def test_reversed_surrogates_and_a_pair_on_one_line(tmp_path: Path, fmt: str) -> None:
    line = b"x" + REVERSED_PAIR + b" y " + cesu8("\U0001f600") + b" z"
    path = write(tmp_path, fmt, [line])
    records, _ = read(path)
    assert [r.text for r in records] == ["x\ufffd\ufffd y \U0001f600 z"]


def test_legacy_line_with_a_shaped_pair_is_still_legacy(tmp_path: Path) -> None:
    """A Windows-1251 line holds bytes beyond ASCII that are no UTF-8 at all: it stays
    Windows-1251 even where two of its bytes (`А»`, C0 BB) have UTF-8's shape."""
    text = "«Группа А» выступила вечером в старом клубе на набережной."
    path = tmp_path / "ru.txt"
    path.write_bytes((text + "\n").encode("cp1251"))
    records, _ = read(path)
    assert [r.text for r in records] == [text]


def test_jsonl_document_of_reads_pairs(tmp_path: Path) -> None:
    """A JSON line's document is found on the text as the reader reads it."""
    path = tmp_path / "in.jsonl"
    obj = {"id": "a", "doc_id": "d", "text": "PLACEHOLDER"}
    path.write_bytes(json.dumps(obj).encode().replace(b"PLACEHOLDER", cesu8("ok 😀")) + b"\n")
    records, _ = read(path)
    assert [(r.text, r.doc_id) for r in records] == [("ok 😀", "d")]


LEGACY = {
    "cp1252": "Ligne de notes : café crème, déjà vu, où l'on dîne.",
    "cp1250": "Zażółć gęślą jaźń, powiedział reżyser w środę.",
    "cp1251": "Привет, мир: режиссёр снял фильм в Москве.",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("page", sorted(LEGACY))
@pytest.mark.parametrize("kind", ["cesu", *sorted(SHAPED)])
@pytest.mark.parametrize("utf8_too", [False, True])
def test_a_shaped_line_in_a_legacy_or_mixed_file(
    tmp_path: Path, fmt: str, page: str, kind: str, utf8_too: bool
) -> None:
    """Hostile E13: one UTF-8-shaped line in a legacy (or legacy + UTF-8) file made the reader
    fail the whole file (the encoding decision decoded it strictly)."""
    legacy = LEGACY[page]
    shaped = cesu8("x \U0001f600 y") if kind == "cesu" else b"x " + SHAPED[kind] + b" y"
    expected_shaped = "x \U0001f600 y" if kind == "cesu" else "x \ufffd y"
    lines = [legacy.encode(page), shaped, legacy.encode(page)]
    expected = [legacy, expected_shaped, legacy]
    if utf8_too:
        lines.append("Straße in Köln, schön.".encode())
        expected.append("Straße in Köln, schön.")
    path = write(tmp_path, fmt, lines)
    records, _ = read(path)
    assert [r.text for r in records if r.error is None] == expected


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_the_offset_after_a_byte_order_mark(tmp_path: Path, fmt: str) -> None:
    """Hostile E21: a W001 on the first line of a file with a UTF-8 BOM was 3 bytes short."""
    path = write(tmp_path, fmt, [b"bad \xc0\x80 here"])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _, warnings = read(path)
    bad = [w for w in warnings if w["code"] == "W001"]
    assert [w["byte"] for w in bad] == [path.read_bytes().index(b"\xc0\x80")]
