"""A truncated archive keeps every record whose bytes came before the break (and before the
guard at the end of a cut unit, `compression.Units.guard`), in every format and codec, and
then reports the break once (E001) where it is, with the cut line's bytes and what was decoded
after them.

The break used to raise inside the format's reader, which lost what it held: the last whole
paragraph of a cut `.txt.gz` (the segmenter waits for the next line), every block of a cut
`.md.gz` or `.html.gz` (a page is parsed whole), even when only gzip's 4-byte trailer was
missing; and `read` on the codec gathered several chunks, so one that raised lost the others."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from pipeline.io import compression
from pipeline.io.readers import Reader

CODECS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress,
    ".xz": lzma.compress,
    ".bz2": lambda b: bz2.compress(b, compresslevel=1),  # 100 kB blocks: several per file
    ".zst": lambda b: zstandard.ZstdCompressor(level=1).compress(b),
}
N = 3000


def paragraphs(n: int) -> list[str]:
    return [f"Paragraph {i} of a long text about a winter festival." for i in range(n)]


FORMATS: dict[str, Callable[[list[str]], str]] = {
    ".txt": lambda ps: "\n\n".join(ps) + "\n",
    ".md": lambda ps: "# A title\n\n" + "\n\n".join(ps) + "\n",
    ".jsonl": lambda ps: "".join(
        json.dumps({"id": f"r{i}", "text": p}) + "\n" for i, p in enumerate(ps)
    ),
    ".csv": lambda ps: "id,text\n" + "".join(f"r{i},{p}\n" for i, p in enumerate(ps)),
}


def whole_before(codec: str, cut: bytes) -> bytes:
    """What the codec's own streaming decoder gives back of `cut` before it breaks."""
    decoders: dict[str, Callable[[], object]] = {
        ".gz": lambda: zlib.decompressobj(31),
        ".xz": lzma.LZMADecompressor,
        ".bz2": bz2.BZ2Decompressor,
        ".zst": lambda: zstandard.ZstdDecompressor().decompressobj(),
    }
    return _stream(decoders[codec], cut)


def _stream(make: Callable[[], object], cut: bytes) -> bytes:
    decoder = make()
    out = b""
    for i in range(0, len(cut), 4096):
        try:
            out += decoder.decompress(cut[i : i + 4096])  # type: ignore[attr-defined]
        except Exception:
            break
    return out


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.3, 0.7])
@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("codec", list(CODECS))
def test_records_before_the_break_are_kept(
    tmp_path: Path, codec: str, fmt: str, fraction: float
) -> None:
    texts = paragraphs(N)
    data = FORMATS[fmt](texts).encode()
    packed = CODECS[codec](data)
    cut = packed[: len(packed) - max(4, int(len(packed) * fraction))]
    path = tmp_path / f"in{fmt}{codec}"
    path.write_bytes(cut)
    records = list(Reader()([path]))
    read = [r.text for r in records if r.error is None and r.dropped is None]
    broken = [r for r in records if r.error is not None]
    decodable = whole_before(codec, cut).decode()
    # what the cut stream decoded before its last `guard` bytes (`compression.Units.guard`):
    # a byte damaged near the end can look like a cut, and what it decoded to is not text
    guard = compression.UNITS[codec].guard
    sound = whole_before(codec, cut[: max(0, len(cut) - guard)]).decode()
    # a record ends for sure at its line end, a paragraph at the blank line after it (before
    # that, the break may have cut it: `UntilBreak`'s `ends`)
    ends = {".jsonl": '"}\n', ".csv": "\n"}.get(fmt, "\n\n")
    whole = [t for t in texts if t + ends in sound]
    if fmt != ".md" and fmt != ".txt":  # every complete line is a record
        assert read == whole
    else:  # every paragraph ended before the break (its line end read) is a record
        assert read[-len(whole) :] == whole if whole else not read
    assert len(broken) == 1 and broken[0].error is not None and broken[0].error.code == "E001"
    assert records[-1] is broken[0]  # reported after every record it follows
    sep = "\n\n" if fmt in (".txt", ".md") else "\n"  # where what was given ends
    start = sound.rfind(sep) + len(sep) if sep in sound else 0
    # the cut record and what was decoded past the guard's start are in the error report (the
    # decoders may stop apart by a few bytes: one fed all at once, the other in pieces)
    tail = decodable[start:]
    text = broken[0].text
    n = min(len(text), len(tail))
    assert text[:n] == tail[:n] and abs(len(text) - len(tail)) <= 64
    assert broken[0].location is not None and broken[0].location.byte == start
