"""English with a few signs, in Windows-1252 (issue 29, hostile pass 40: E22, E24).

The commonest legacy file is English text whose only bytes beyond ASCII are signs: degrees,
micro, currency, section, plus-minus, multiplication, fractions, copyright, quotes and dashes.
A sign byte and the ASCII letter after it are a valid Big5 or GBK pair (`180 °C` read `180 蚓`),
and other code pages read the sign as a letter (`See ง 5`, `Prix ą2`, `3Ч4m`). Every sign in
each place typography puts it × one, three or ten lines × every line format must read back
exactly. The sentences are written for this test.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

SIGNED = (
    "Oven at 180 °C for 20 minutes",
    "Room at 21°C all day",
    "Take 5 µg twice daily",
    "Add 10µl of the mix",
    "Tickets cost £12 or 14 €",
    "See § 5 of the contract",
    "Readings of ±2 degrees",
    "A board of 3×4m is enough",
    "Buy 2 ½lb of beef",
    "The ¼in bolt is loose",
    "Copyright ©Acme, all rights kept",
    "The film – a remake – opens today",
    "It’s the director’s cut…",
    "Read “the notes” first",
    "Cost: 5 ¥ per unit",
)
LINES = (1, 3, 10)
FORMATS = ("txt", "jsonl", "csv")


def write(path: Path, fmt: str, texts: list[str]) -> None:
    if fmt == "txt":
        data = "".join(t + "\n\n" for t in texts)
    elif fmt == "jsonl":
        data = "".join(f'{{"id": "r{i}", "text": "{t}"}}\n' for i, t in enumerate(texts))
    else:
        data = "id,text\n" + "".join(f'r{i},"{t}"\n' for i, t in enumerate(texts))
    path.write_bytes(data.encode("cp1252"))


@pytest.mark.parametrize(("text", "lines", "fmt"), list(itertools.product(SIGNED, LINES, FORMATS)))
def test_english_with_signs_reads_back_exactly(
    tmp_path: Path, text: str, lines: int, fmt: str
) -> None:
    texts = [f"{text}, line {i}." for i in range(lines)]
    path = tmp_path / f"in.{fmt}"
    write(path, fmt, texts)
    warnings: list[dict[str, object]] = []
    records = list(Reader()([path], warnings.append))
    assert [r.text for r in records] == texts, warnings
