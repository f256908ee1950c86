"""Escape sequences of a terminal in a 7-bit file are text, not ISO-2022 shifts (hostile43 H5):
`ESC O A` (an arrow key in application mode: SS3 with no G3 designated), `ESC N x`, a console
map (`ESC ( K`, `ESC ( U`), a designation of no set ISO-2022 text uses: each was removed,
silently, from an all-ASCII file, while the same line in a UTF-8 file kept it. A line that
designates a set ISO-2022 text is written in is still read as ISO-2022."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

SEQUENCES = [b"\x1bOA", b"\x1bOP", b"\x1bOx", b"\x1bNx", b"\x1bN", b"\x1b(K", b"\x1b(U",
             b"\x1b(A", b"\x1b)B", b"\x1b)0", b"\x1b(0", b"\x1b&@", b"\x1b(B", b"\x1b-Z",
             b"\x1b.Z", b"\x1b*B"]  # fmt: skip
PLACES = ["start", "middle", "end", "twice"]
OTHER_LINE = [b"", "caf\u00e9 cr\u00e8me".encode()]  # an all-ASCII file, or one UTF-8 line


def line_with(sequence: bytes, place: str) -> bytes:
    body = b"The key was pressed here"
    return {
        "start": sequence + body,
        "middle": b"The key " + sequence + b" was pressed here",
        "end": body + sequence,
        "twice": sequence + body + sequence,
    }[place] + b"."


@pytest.mark.parametrize(("sequence", "place", "other"),
                         itertools.product(SEQUENCES, PLACES, OTHER_LINE))  # fmt: skip
def test_a_terminal_escape_in_a_7_bit_file_is_kept(
    tmp_path: Path, sequence: bytes, place: str, other: bytes
) -> None:
    line = line_with(sequence, place)
    path = tmp_path / "log.txt"
    path.write_bytes(b"First line of the log.\n\n" + line + b"\n\n" + (other or b"Last.") + b"\n")
    texts = [r.text for r in Reader()([path]) if not r.dropped]
    assert line.decode("ascii") in texts


def test_iso_2022_text_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "jp.txt"
    path.write_bytes("日本語の文章です。\n".encode("iso2022_jp") + b"A line \x1bOA too.\n")
    texts = [r.text for r in Reader()([path])]
    assert "日本語の文章です。" in texts[0]
