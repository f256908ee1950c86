"""Short Icelandic text in Windows-1252 or Latin-1 (hostile42 H6): `þ ð` beside `é á í ó ú
æ` were read as Windows-1257 `ž š` (Czech `Ég žekki`), because Icelandic letters were
counted a hundredth less than a fit (they are Turkish `ş ğ` in Windows-1254, which Turkish
text needs to win). A letter Turkish lacks clears that doubt now. Generated: sentences x
two pages x 1 or 2 lines. The sentences are written here."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from pipeline.io.readers import Reader

SENTENCES = [
    "Ég þekki þennan bónda vel.",
    "Þú ert með bókina mína.",
    "Hann gaf mér þrjár bækur.",
    "Við fórum út á sjó í gær.",
    "Þórunn býr í litlu húsi.",
    "Börnin léku sér úti í snjónum.",
]


def test_icelandic_read_in_its_page() -> None:
    """6 sentences x cp1252, latin_1 x 1, 2 lines: 24 files (4 wrong before)."""
    wrong = []
    for sentence, page, copies in itertools.product(SENTENCES, ("cp1252", "latin_1"), (1, 2)):
        lines = [sentence] * copies
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "is.txt"
            path.write_bytes("".join(line + "\n\n" for line in lines).encode(page))
            texts = [r.text for r in Reader()([path], lambda w: None)]
        if texts != lines:
            wrong.append((sentence, page, copies, texts[:1]))
    assert wrong == []
