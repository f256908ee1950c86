"""Short Latin-script texts whose only letters beyond ASCII are one-letter words (issue 29,
hostile F32: Latin-1 `Oeuvre à 5 ¤, coeur.` was read as Windows-1251, a Cyrillic `а` among
French words). Every such letter × a sign beside it × a sentence shape × each Latin code page
that holds them must read back exactly (a page giving the same text is as right). The
sentences are written for this test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.encoding import file_encoding

LETTERS = ("à", "è", "é", "ó", "å", "ö", "á", "í")  # one-letter words in Romance,
# Nordic and Icelandic texts
SIGNS = ("¤", "§", "°", "£", "½", "©", "«", "±", "µ", "¶")
SHAPES = (
    "Oeuvre {l} 5 {s}, coeur.",
    "Room {l} 12 {s} then back.",
    "{s} Prix {l} la carte",
    "Tickets {l} {s} 20 each, see you there",
)
PAGES = ("cp1252", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "cp1254")


def cases() -> list[tuple[str, str]]:
    out = []
    for letter, sign, shape in itertools.product(LETTERS, SIGNS, SHAPES):
        text = shape.format(l=letter, s=sign)
        for page in PAGES:
            try:
                text.encode(page)
            except UnicodeEncodeError:
                continue
            out.append((text, page))
    return out


CASES = cases()


@pytest.mark.parametrize(("text", "page"), CASES)
def test_lone_letters_among_latin_words_stay_latin(tmp_path: Path, text: str, page: str) -> None:
    path = tmp_path / "in.txt"
    data = (text + "\n").encode(page)
    path.write_bytes(data)
    got = data.decode(file_encoding(path).partition("+")[-1] or file_encoding(path))
    assert got == text + "\n", file_encoding(path)
