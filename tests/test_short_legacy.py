"""Short legacy texts read in the wrong code page (issue 29, hostile 40b E10-E12, E16, E17,
E20, E22-E24, E26): a word, a line or ten short lines with signs, units, currency, capitals
or one-letter words. The generator is `bench/short_legacy.py` (every supported page × its
script's words, capitals and one-letter words × every sign and unit it holds × 1 and 10
lines; English with one sign); texts written for it, none from the corpus. On main
(c98527d) 274 of its 1,506 cases were wrong (the Cyrillic and Greek ten-line cases read as
Mac Cyrillic and Arabic, `£` as `Ł`, `3 × 4` as `3 Ч 4`, `see в and к` as `see â and ê`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.short_legacy import FORMATS, Case, cases, chosen, right, wrapped
from pipeline.io.encoding import file_encoding

# Left to the order of pages, each for its reason (docs/encodings.md, "What is left ambiguous"):
# - ISO-8859-15 `€` is Latin-1's `¤`, byte for byte: Windows-1252 first reads `¤`;
# - ISO-8859-2 `ť` is Windows-1250's `»`, a closing quote after a word;
# - a short Greek word whose Windows-1251 reading is as common Cyrillic (`Νερό` / `Несь`),
#   the tie `Фильм` / `Τθλόμ` needs broken the other way;
# - Turkish `ağaç` is Latvian `ašaē` in Windows-1257, and Latvian's letters are commoner;
# - KOI8-R capitals alone are faultless small Windows-1251 (`ГОРОД` / `зптпд`).
AMBIGUOUS = (
    ("iso8859_15", "€"), ("iso8859_2", "ť"), ("cp1253", "Νερό"), ("iso8859_7", "Νερό"),
    ("cp1254", "ağaç"), ("iso8859_9", "ağaç"), ("koi8_r", "ГОРОД"), ("koi8_r", "see в and к"),
    ("iso8859_7", "ΝΗΣΊ 0 €"), ("iso8859_7", "Σπίτι 0 €"), ("iso8859_7", "see ο and η 0 €"),
)  # fmt: skip


def ambiguous(case: Case) -> bool:
    return any(page == case.page and part in case.lines[0] for page, part in AMBIGUOUS)


DECIDED = [c for c in cases((1, 10)) if not ambiguous(c)]


def test_the_generator_covers_every_page_and_kind() -> None:
    pages = {c.page for c in DECIDED}
    assert len(pages) == 14 and len(DECIDED) > 900
    assert any("№" in c.lines[0] for c in DECIDED) and any("°C" in c.lines[0] for c in DECIDED)


@pytest.mark.parametrize("page", sorted({c.page for c in DECIDED}))
def test_short_texts_read_in_their_page(page: str) -> None:
    """Every case of the page, as 1 and 10 lines, through the detector (`legacy_encoding`)."""
    wrong = [
        (c.lines[0], len(c.lines), got)
        for c in DECIDED
        if c.page == page and not right(c, got := chosen(c.data))
    ]
    assert not wrong


FORMAT_CASES = [c for c in cases((3,)) if not ambiguous(c)][::9]


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_answer_in_every_format(tmp_path: Path, fmt: str) -> None:
    """The same lines as a text, Markdown, JSONL, CSV, TSV and HTML file: the file's text
    reads back exactly (the container's punctuation decides nothing)."""
    wrong = []
    for n, case in enumerate(FORMAT_CASES):
        path = tmp_path / f"{n}.{fmt}"
        text = wrapped(fmt, case.lines)
        path.write_bytes(text.encode(case.page))
        encoding = file_encoding(path)
        page = encoding.partition("+")[2] or encoding
        if path.read_bytes().decode(page, "replace") != text:
            wrong.append((case.page, case.lines[0], encoding))
    assert not wrong


# Two exports in two single-byte pages joined in one file (hostile 40b, E19): six lines each,
# written for this test
PARTS = {
    "cp1251": [f"Склад получил новую партию товара, накладная {i}" for i in range(6)],
    "cp1252": [f"Le garçon a déjà répondu à la lettre numéro {i}" for i in range(6)],
    "cp1250": [f"Źródło wody było daleko, więc szliśmy {i} godzin" for i in range(6)],
    "cp1253": [f"Το πλοίο έφυγε από το λιμάνι στις {i} το πρωί" for i in range(6)],
}


def row(fmt: str, i: int, text: str) -> str:
    """One record of a text, JSONL or CSV file (its own line; a blank line after a paragraph)."""
    if fmt == "txt":
        return text + "\n\n"
    if fmt == "csv":
        return f'r{i},"{text}"\n'
    return wrapped("jsonl", (text,)).replace('"r0"', f'"r{i}"')


JOINED = [("cp1251", "cp1252"), ("cp1252", "cp1251"), ("cp1250", "cp1251"), ("cp1253", "cp1252")]


@pytest.mark.parametrize("fmt", ["txt", "jsonl", "csv"])
@pytest.mark.parametrize(("first", "second"), JOINED)
def test_two_pages_in_one_file_each_line_in_its_own(
    tmp_path: Path, fmt: str, first: str, second: str
) -> None:
    from pipeline.io.readers import Reader

    lines = [(t, first) for t in PARTS[first]] + [(t, second) for t in PARTS[second]]
    path = tmp_path / f"joined.{fmt}"
    head = b"id,text\n" if fmt == "csv" else b""
    path.write_bytes(
        head + b"".join(row(fmt, i, t).encode(page) for i, (t, page) in enumerate(lines))
    )
    warnings: list[dict[str, object]] = []
    texts = [r.text for r in Reader()([path], warnings.append) if not r.error and not r.dropped]
    assert texts == [t for t, _ in lines]
    assert any(first in str(w["message"]) and second in str(w["message"]) for w in warnings)
