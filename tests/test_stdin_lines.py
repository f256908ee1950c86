"""`pipeline translate` (and the other line commands) reads each stdin line as a file of its
own is read (h46 U17): a line in a legacy encoding decoded in it, bytes no encoding reads
replaced with U+FFFD, each warned on stderr with its line number; never lone surrogates (the
text stream's escapes, which left the line untranslated and said nothing).

Generated: sentences written here, encoded in UTF-8, CESU-8 or Windows-1252, with stray bytes
inserted at random places.
"""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.app.lines import texts_from

# Sentences written for this test (not from any corpus).
OWN = [
    "Le café est très bon ce matin.",
    "Nous irons à la fête d'été près du lac.",
    "Il a reçu une lettre de sa sœur.",
    "Fin.",
]


@st.composite
def stdin_lines(draw: st.DrawFn) -> list[tuple[bytes, bool]]:
    """Lines and whether each is plain UTF-8."""
    out = []
    for sentence in draw(st.lists(st.sampled_from(OWN), min_size=1, max_size=6)):
        kind = draw(st.sampled_from(["utf-8", "cp1252", "stray"]))
        if kind == "utf-8":
            out.append((sentence.encode(), True))
            continue
        data = sentence.encode("cp1252" if kind == "cp1252" else "utf-8")
        if kind == "stray":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from([b"\xff", b"\xed\xa0\x80", b"\x92", b"\xc3"]))
            data += sentence.encode()[at:] if at < len(sentence.encode()) else b""
        out.append((data, utf8(data)))
    return out


def utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@given(stdin_lines())
@settings(max_examples=60, deadline=None)
def test_every_line_is_read_and_each_damaged_one_warned(lines: list[tuple[bytes, bool]]) -> None:
    data = b"".join(raw + b"\n" for raw, _ in lines)
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")
    err = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stdin)
        patch.setattr(sys, "stderr", err)
        texts = list(texts_from(None))
    assert len(texts) == len(lines)
    for text, (raw, plain) in zip(texts, lines, strict=True):
        assert not any("\ud800" <= c <= "\udfff" for c in text), (raw, text)
        if plain:
            assert text == raw.decode()
    warned = {int(w.split(" line ")[1].split(":")[0]) for w in err.getvalue().splitlines()}
    assert warned == {i for i, (_, plain) in enumerate(lines, 1) if not plain}


def test_a_windows_1252_line_reads_as_its_text() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(OWN[1].encode("cp1252") + b"\n"), encoding="utf-8",
                             errors="surrogateescape")  # fmt: skip
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stdin)
        patch.setattr(sys, "stderr", io.StringIO())
        assert list(texts_from(None)) == [OWN[1]]
