"""7-bit escape encodings (ISO-2022-JP, ISO-2022-KR) chosen on characters, not on escapes.

The class (issue 29, noted in stop 39): a file holding an ISO-2022 shift with no character after
it (a lone `ESC $ @`, a designation, an empty shift-in/shift-out pair) was read as ISO-2022-JP,
which decodes the escape to nothing: a JSON line of three bytes became "", a blank line, its
bytes in no output. Every escape alone or in pairs, in every line format, must end in the corpus
or the error report; real ISO-2022 text (a shift then characters) is still read in it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from pipeline.io.encoding import file_encoding
from pipeline.io.readers import Reader

ESCAPES = {
    "jis-c6226": b"\x1b$@",
    "jis-x0208": b"\x1b$B",
    "jis-x0212": b"\x1b$(D",
    "jis-x0213": b"\x1b$(Q",
    "ascii": b"\x1b(B",
    "roman": b"\x1b(J",
    "kr-designation": b"\x1b$)C",
    "shift-out": b"\x0e",
    "shift-in": b"\x0f",
}
COMBOS = [
    *((k,) for k in ESCAPES),
    *itertools.permutations(("jis-x0208", "ascii"), 2),
    ("kr-designation", "shift-out", "shift-in"),
    ("jis-c6226", "jis-x0208", "ascii"),
]


def wrap(fmt: str, payload: bytes) -> bytes:
    if fmt == "jsonl":
        return payload + b"\n"
    if fmt == "csv":
        return b"id,text\nr1," + payload + b"\n"
    return payload + b"\n"


def read(path: Path) -> tuple[list[Any], list[Any]]:
    warnings: list[Any] = []
    return list(Reader()([path], warnings.append)), warnings


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
@pytest.mark.parametrize("combo", COMBOS, ids="+".join)
@pytest.mark.parametrize("around", ["", "x"])
def test_escapes_without_characters_are_not_read_away(
    tmp_path: Path, fmt: str, combo: tuple[str, ...], around: str
) -> None:
    payload = around.encode() + b"".join(ESCAPES[k] for k in combo) + around.encode()
    path = tmp_path / f"in.{fmt}"
    path.write_bytes(wrap(fmt, payload))
    assert not file_encoding(path).startswith("iso2022")
    records, warnings = read(path)
    # its bytes are in the corpus (as text), in the error report, or, when they are nothing
    # but escape sequences (an empty shift, which encodes no character), warned as such
    # (W012, with its line and byte: hostile pass 40b E8 asked for no raw ESC in a record)
    read_as = any(r.error is not None or r.text for r in records)
    header = combo == ("kr-designation",) and not around  # RFC 1557's header line: consumed
    assert read_as or header or any(w["code"] == "W012" for w in warnings), (
        "the line is in no output"
    )
    assert not any(
        "\x1b" in r.text for r in records if r.error is None and r.text != payload.decode()
    )


JAPANESE = "東京の古い映画館で、彼女は祖父の好きだった映画を見た。"
KOREAN = "비 오는 저녁에 우리는 오래된 영화를 함께 보았다."


@pytest.mark.parametrize(("text", "encoding"), [(JAPANESE, "iso2022_jp"), (KOREAN, "iso2022_kr")])
@pytest.mark.parametrize("lines", [1, 5])
def test_iso2022_text_is_still_read(tmp_path: Path, text: str, encoding: str, lines: int) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("\n\n".join([text] * lines).encode(encoding) + b"\n")
    assert file_encoding(path) == encoding
    records, _ = read(path)
    assert [r.text for r in records] == [text] * lines
