"""`ESC ( B` in a terminal log (hostile42 H14): `tput sgr0` writes `\\x1b(B\\x1b[m`, so a
captured log's colored lines hold ISO-2022's "G0 is ASCII" with no ISO-2022 text anywhere.
It was removed as a designation, silently, while the other escapes were kept; now a line
whose only ISO-2022 escape is that one, in a file of no ISO-2022 text, keeps its bytes as
written. Generated: where the reset goes x which color x the text around it (ASCII, UTF-8
beyond ASCII) x beside an ordinary line or not x .txt, .csv; and an ISO-2022-JP file still
reads its `ESC ( B` as the designation it is."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from pipeline.io.readers import Reader

RESET = "\x1b(B\x1b[m"
COLORS = ("\x1b[31m", "\x1b[1;32m", "\x1b[0m")
TEXTS = ("the build failed", "la compilation a échoué")
PLACES = ("{c}Error:{r} {t}.", "{t}{r}", "{r}{c}{t}{r}", "{c}{t}\x1b(B")
OTHER = ("", "A line before the log, café.\n\n")


def read(name: str, data: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return [r.text for r in Reader()([path], lambda w: None)]


def test_reset_kept_as_written() -> None:
    """4 places x 3 colors x 2 texts x 2 neighbours x 2 formats: 96 files (each lost its
    `ESC ( B` before)."""
    wrong = []
    for place, color, text, other, fmt in itertools.product(
        PLACES, COLORS, TEXTS, OTHER, ("txt", "csv")
    ):
        line = place.format(c=color, r=RESET, t=text)
        if fmt == "txt":
            data, want = (other + line + "\n").encode(), line
        else:
            data, want = f"id,text\n1,{line}\n".encode(), line
        if want not in read(f"log.{fmt}", data):
            wrong.append((place, color, text, other, fmt))
    assert wrong == []


def test_iso2022_jp_still_designates() -> None:
    """In JIS text, `ESC ( B` is the designation back to ASCII (no escape left in the text)."""
    line = "東京の天気は晴れです。".encode("iso2022_jp")
    texts = read("jis.txt", line + b"\n\nPlain line after it.\n")
    assert texts[0] == "東京の天気は晴れです。"
    assert all("\x1b" not in text for text in texts)
