"""Every offset of small archives, in every codec and unit layout: a cut at each byte and a
flipped byte at each byte. What `open_bytes` gives must be sound: the content of the units
before the damage, and of the damaged one at most what its decoder gave before the damage
showed or the cut's guard began (`Units.guard`), then one `BrokenArchive` (whose `unverified`
is what was decoded past that); never a damaged byte, never a break swallowed. Checked at the stream (no
format reader: some 40,000 cases in a few seconds); tests/test_archive_damage.py checks the
same classes through every format reader."""

from __future__ import annotations

import bz2
import gzip
import itertools
import lzma
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard

from pipeline.io import compression
from pipeline.io.compression import BrokenArchive, open_bytes
from tests.codecs_oracle import decodable, decoded

PACK: dict[str, tuple[str, Callable[[bytes], bytes], bool]] = {
    "gz": (".gz", lambda b: gzip.compress(b, mtime=0), True),
    "bz2": (".bz2", bz2.compress, True),
    "xz": (".xz", lzma.compress, True),
    "zst": (".zst", zstandard.ZstdCompressor(write_checksum=True).compress, True),
    "zst-nocheck": (".zst", zstandard.ZstdCompressor().compress, False),
}
CONTENT = b"".join(
    b"row %02d: a line of plain text, long enough to compress\n" % i for i in range(6)
)


def layout(name: str, units: int) -> tuple[str, bytes, list[int], list[int], bool]:
    """(suffix, archive, each unit's compressed start, its content start, checked)."""
    suffix, pack, checked = PACK[name]
    cuts = [len(CONTENT) * k // units + (3 if k else 0) for k in range(units)] + [len(CONTENT)]
    data, starts, content_starts = b"", [], []
    for a, b in itertools.pairwise(cuts):
        starts.append(len(data))
        content_starts.append(a)
        data += pack(CONTENT[a:b])
    return suffix, data, starts, content_starts, checked


def given(path: Path) -> tuple[bytes, bool]:
    """What the stream gives, and whether it then raised the break."""
    out = b""
    with open_bytes(path) as f:
        try:
            while chunk := f.read(1 << 16):
                out += chunk
        except BrokenArchive as error:
            rest = decoded_after(path, len(out))
            kept = error.unverified  # the error keeps what was decoded past the sound content
            assert rest.startswith(kept) or kept.startswith(rest), (kept[:40], rest[:40])
            return out, True
    return out, False


def decoded_after(path: Path, start: int) -> bytes:
    """What the codec decodes of the file from content byte `start` (before it fails)."""
    suffix = path.suffix
    data = path.read_bytes()
    return b"" if not data else decoded(suffix, data)[start:]


@pytest.fixture(autouse=True)
def _forget() -> None:
    compression.verdict_of.cache_clear()  # files are rewritten in place within a second


@pytest.mark.parametrize("units", [1, 3])
@pytest.mark.parametrize("name", list(PACK))
def test_a_cut_at_every_byte(tmp_path: Path, name: str, units: int) -> None:
    suffix, data, starts, _, _ = layout(name, units)
    path = tmp_path / f"a.txt{suffix}"
    guard = compression.UNITS[suffix].guard
    for at in range(len(data)):
        path.write_bytes(data[:at])
        compression.verdict_of.cache_clear()
        out, broke = given(path)
        broke_at = max(s for s in starts if s <= at)  # the unit the cut is in
        if at in starts:  # a cut between units is a shorter archive: whole
            assert (out, broke) == (CONTENT[: decodable(suffix, data[:at])], False), at
            continue
        # what the unit decoded before its last `guard` bytes (`Units.guard`)
        sound = decodable(suffix, data[: max(broke_at, at - guard)])
        assert out == CONTENT[:sound], (at, len(out), sound)
        assert broke, at


@pytest.mark.parametrize("mask", [0x01, 0x80])
@pytest.mark.parametrize("units", [1, 3])
@pytest.mark.parametrize("name", list(PACK))
def test_a_flipped_byte_anywhere(tmp_path: Path, name: str, units: int, mask: int) -> None:
    suffix, data, starts, content_starts, checked = layout(name, units)
    path = tmp_path / f"a.txt{suffix}"
    unseen = 0
    for at in range(len(data)):
        damaged = bytearray(data)
        damaged[at] ^= mask
        path.write_bytes(bytes(damaged))
        compression.verdict_of.cache_clear()
        out, broke = given(path)
        k = max(i for i, s in enumerate(starts) if s <= at)
        if out == CONTENT and not broke:
            continue  # a byte the content does not depend on (gzip's MTIME, OS)
        if not checked and (not broke or CONTENT.startswith(out)):
            unseen += 1  # no checksum: what the decoder does not see is not seen
            continue
        assert broke, at  # never silent
        assert CONTENT.startswith(out), at  # never a damaged byte
        assert len(out) >= content_starts[k], at  # every unit before the damaged one
    assert checked or unseen  # (the W011 warning is about something real)
