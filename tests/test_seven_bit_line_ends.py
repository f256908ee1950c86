"""7-bit escape encodings under every line end, as a table: variant x company x line-end mix x
format (issue 29, item 4).

The class: a file of ISO-2022 (every variant), HZ or UTF-7 lines whose lines end in a bare CR,
or in a mix of CR, CRLF and LF, must read as the UTF-8 version of the same file reads: the same
records, texts and line numbers. Before: HZ and UTF-7 lines among UTF-8 or Windows-1252 lines
in a file of CR line ends were not found (the evidence looked for lines at LF only: the whole
file was one line, not ASCII, so never judged) and kept their `~{`/`+` codes; a JSON Lines file
(its lines end at LF, a bare CR is JSON's whitespace) of CR line ends holding ISO-2022, HZ or
UTF-7 records beside UTF-8 ones kept their escapes raw (the line was read whole, and a line
beyond ASCII is not ISO-2022), and its records failed E003. UTF-7 text holding a line or
paragraph separator or NEL (text in a record everywhere: `test_line_separators`) was not read
as UTF-7 at all. Measured before the fix: 152 of 1,260 generated files wrong (226 with the
separators); after: 0.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from tests.test_seven_bit import CP1252_LINES, UTF8_LINES, VARIANTS, Encoder, codec, row

ENDS = {"LF": b"\n", "CR": b"\r", "CRLF": b"\r\n"}
# the line ends, taken in turn line after line
MIXES = (("CR",), ("CRLF",), ("CR", "LF"), ("CR", "CRLF", "LF"), ("LF", "LF", "CR"))
COMPANY = {
    "alone": ([], "utf-8"),
    "utf-8": (UTF8_LINES, "utf-8"),
    "cp1252": (CP1252_LINES, "cp1252"),
}
FORMATS = ("txt", "jsonl", "csv")
SEPARATED = "\u2028 line\x85next\u2029 paragraph"  # UTF-7 can write them: text, never a line end


def build(fmt: str, lines: list[tuple[str, Encoder]], mix: tuple[str, ...]) -> bytes:
    rows = [(row(fmt, i, text), enc) for i, (text, enc) in enumerate(lines)]
    if fmt == "csv":
        rows.insert(0, ("id,text", codec("ascii")))
    if fmt == "txt":  # a paragraph a line
        rows = [x for r in rows for x in (r, ("", codec("ascii")))][:-1]
    return b"".join(enc(text) + ENDS[mix[i % len(mix)]] for i, (text, enc) in enumerate(rows))


def read(path: Path) -> list[tuple[str, int | None, str | None]]:
    return [
        (r.text, r.location.line if r.location else None, r.error.code if r.error else None)
        for r in Reader()([path])
    ]


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_seven_bit_lines_read_as_their_utf8_version_under_every_line_end(
    tmp_path: Path, variant: str
) -> None:
    encoder, text, _ = VARIANTS[variant]
    if variant == "utf-7":
        text += SEPARATED
    wrong = []
    for company, (others, page) in COMPANY.items():
        texts = [(f"{text} {i}", encoder) for i in range(3)]
        if others:
            texts = [(others[0], codec(page)), *texts[:2], (others[1], codec(page)), texts[2]]
        utf8 = [(t, codec("utf-8")) for t, _ in texts]
        for fmt in FORMATS:
            for mix in MIXES:
                seven, plain = tmp_path / f"seven.{fmt}", tmp_path / f"plain.{fmt}"
                seven.write_bytes(build(fmt, texts, mix))
                plain.write_bytes(build(fmt, utf8, mix))
                got, expected = read(seven), read(plain)
                if got != expected:
                    wrong.append((company, fmt, "+".join(mix), got[:2]))
    assert wrong == []
