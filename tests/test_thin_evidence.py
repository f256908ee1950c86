"""A legacy file whose only text beyond ASCII is one short name (hostile42 H20): 2-4 bytes
that a CJK page reads as one or two characters, a Cyrillic, Thai or Latin page as as many
faultless letters, and TIS-620 bytes that are valid UTF-8. Which one the name is cannot be
told from so little; the reader now says it guessed (W017), naming the other pages that read
it as text, instead of picking silently. Generated: names of 7 scripts x 3 formats; and the
negative side: a file with enough text, UTF-8 text, ASCII, no W017. The names are written
here."""

from __future__ import annotations

import itertools
import json
import tempfile
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

NAMES = {  # encoding written in: (the pages that would read it right, names)
    "shift_jis": (("cp932", "shift_jis"), ["神戸", "奈良", "名古屋"]),
    "euc_jp": (("euc_jp",), ["札幌", "仙台"]),
    "gbk": (("gb18030", "gbk"), ["南京", "天津", "广州"]),
    "euc_kr": (("cp949", "euc_kr"), ["대구", "인천", "광주"]),
    "big5": (("cp950", "big5"), ["高雄", "新竹"]),
    "cp1255": (("cp1255",), ["חיפה", "אילת"]),
    "tis_620": (("cp874", "tis_620"), ["ภูเก็ต", "น่าน"]),
}
FORMATS = ("txt", "csv", "jsonl")


def build(name: str, fmt: str) -> tuple[str, str]:
    sent = f"We drove to {name} last spring."
    if fmt == "txt":
        return f"A short note about a trip.\n\n{sent}\n", sent
    if fmt == "csv":
        return f"id,text\n1,A short note about a trip.\n2,{sent}\n", sent
    rows = [{"id": 1, "text": "A short note about a trip."}, {"id": 2, "text": sent}]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), sent


def read(name: str, data: bytes) -> tuple[list[str], list[dict[str, object]]]:
    warnings: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        texts = [r.text for r in Reader()([path], warnings.append)]
    return texts, warnings


def test_a_wrong_guess_is_never_silent() -> None:
    """Each name read wrong is read with a W017 naming a page that reads it right (before:
    every one silent)."""
    silent = []
    for encoding, (right, names) in NAMES.items():
        for name, fmt in itertools.product(names, FORMATS):
            text, sent = build(name, fmt)
            texts, warnings = read(f"trip.{fmt}", text.encode(encoding))
            if sent in texts:
                continue
            said = [str(w["message"]) for w in warnings if w["code"] == "W017"]
            if not any(page in message for message in said for page in right):
                silent.append((encoding, name, fmt, said))
    assert silent == []


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Мы долго гуляли по набережной и говорили о книгах.\n" * 4, "cp1251"),
        ("Le théâtre était fermé à cause de la grève, hélas.\n" * 4, "cp1252"),
        ("We drove to 神戸 last spring, and then to 奈良.\n", "utf-8"),
        ("Only ASCII here, nothing beyond it.\n", "ascii"),
    ],
)
def test_enough_evidence_no_guess(text: str, encoding: str) -> None:
    """Text of many bytes beyond ASCII, UTF-8 text, ASCII: decided, no W017."""
    texts, warnings = read("plain.txt", text.encode(encoding))
    assert texts and all(t for t in texts)
    assert not [w for w in warnings if w["code"] == "W017"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.txt", b"\xef\xbb\xbfThe Title\r\n\r\nalice It was a wonderful film.\r\n"),
        ("bom_name.txt", "\ufeffThe director caf\u00e9 made it.\n".encode()),
        ("meta.html", b'<meta charset="windows-1252"><p>The director caf\xe9 made it.</p>'),
        (
            "decl.xhtml",
            b'<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Caf\xe9 time.</p></body></html>',
        ),
    ],
)
def test_a_bom_or_a_declaration_is_evidence(name: str, data: bytes) -> None:
    """A UTF-8 BOM or a declared encoding decides: no guess to warn of (the merge of the W017
    warning warned a BOM file of three bytes beyond ASCII, its BOM's)."""
    texts, warnings = read(name, data)
    assert texts
    assert not [w for w in warnings if w["code"] == "W017"], warnings
