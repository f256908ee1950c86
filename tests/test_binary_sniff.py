"""Binary is a judgement on evidence (issue #29): the real binaries of this machine (ELF, PNG,
GIF, JPEG, TTF, ZIP, `.a`, `.mo`, `.pyc`, compressed streams, SQLite: found under /usr by their
magic bytes, a few of each, or made here) are refused, and text with stray NULs at every
density up to `encoding.STRAY_NUL_SHARE` is read, its NULs taken out with W010. Eight NULs
scattered in 8 kB of text refused the whole file (E002)."""

from __future__ import annotations

import gzip
import itertools
import json
import lzma
import os
import random
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.io import encoding, padding
from pipeline.io.compression import head
from pipeline.io.readers import Reader

MAGIC = {
    b"\x7fELF": "elf", b"\x89PNG": "png", b"GIF8": "gif", b"\xff\xd8\xff": "jpeg",
    b"PK\x03\x04": "zip", b"!<arch>": "ar", b"\xde\x12\x04\x95": "mo", b"\x00\x01\x00\x00": "ttf",
    b"%PDF": "pdf", b"SQLite format 3": "sqlite",
}  # fmt: skip
PLACES = ["/usr/bin", "/usr/lib/x86_64-linux-gnu", "/usr/share/icons", "/usr/share/locale",
          "/usr/share/fonts", "/usr/lib/python3", "/usr/share/doc"]  # fmt: skip
PER_KIND = 12
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")  # read as what they hold: not a raw sample


def machine_binaries() -> Iterator[tuple[str, Path]]:
    """A few files of each binary kind under `PLACES` (walked in order, bounded)."""
    found: dict[str, int] = {}
    for place in PLACES:
        for folder, _, names in itertools.islice(os.walk(place), 400):
            for name in sorted(names)[:50]:
                path = Path(folder) / name
                if name.endswith(COMPRESSED) or path.is_symlink():
                    continue
                kind = "pyc" if name.endswith(".pyc") else None
                try:
                    with path.open("rb") as f:
                        start = f.read(16)
                except OSError:
                    continue
                kind = kind or next((k for m, k in MAGIC.items() if start.startswith(m)), None)
                if kind and found.get(kind, 0) < PER_KIND and b"\0" in head(path, 8192):
                    found[kind] = found.get(kind, 0) + 1
                    yield kind, path


def made_binaries(folder: Path) -> Iterator[tuple[str, Path]]:
    """Binaries made here, so the kinds are there on any machine."""
    db = folder / "made.sqlite"
    with sqlite3.connect(db) as con:
        con.execute("create table t(a text, b int)")
        con.executemany("insert into t values (?, ?)", [(f"row {i}", i) for i in range(500)])
    yield "sqlite", db
    text = "".join(f"Line {i} of a plain text.\n" for i in range(2000)).encode()
    archive = folder / "made.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", text)
    yield "zip", archive
    for kind, data in (("gzip", gzip.compress(text)), ("xz", lzma.compress(text))):
        path = folder / f"stream-{kind}.txt"  # (named .txt: its bytes sniffed as they are)
        path.write_bytes(data)
        yield kind, path


def test_every_real_binary_is_refused(tmp_path: Path) -> None:
    kinds: dict[str, list[str]] = {}
    for kind, path in [*machine_binaries(), *made_binaries(tmp_path)]:
        if not padding.is_binary(path, blocks=True) or not encoding.is_binary(path):
            kinds.setdefault(kind, []).append(str(path))
    assert kinds == {}


def stray(size: int, nuls: int, seed: int) -> bytes:
    """`size` bytes of text lines with `nuls` NULs put between letters, scattered."""
    rng = random.Random(seed)
    words = ["harbor", "lantern", "river", "stone", "evening", "window", "garden", "north"]
    text = bytearray()
    while len(text) < size:
        line = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12)))
        text += line.capitalize().encode() + b".\n"
    text = text[:size]
    spots = [i for i in range(1, len(text) - 1) if text[i - 1 : i + 1].isalpha()]
    for at in sorted(rng.sample(spots, nuls), reverse=True):
        text[at:at] = b"\0"
    return bytes(text)


def densities() -> Iterator[tuple[int, int]]:
    """(size, NULs) for every count of stray NULs up to the threshold, at sizes from a short
    note to past the sample."""
    for size in (120, 1000, 4000, 8192, 30000):
        sample = min(size, encoding.SNIFF_BYTES)
        most = max(encoding.BINARY_NULS, int(encoding.STRAY_NUL_SHARE * sample))
        for nuls in range(1, most + 1):
            yield size, nuls


@pytest.mark.parametrize(("size", "nuls"), list(densities()))
def test_text_with_stray_nuls_is_text(tmp_path: Path, size: int, nuls: int) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(stray(size, nuls, seed=size * 31 + nuls))
    assert not padding.is_binary(path, blocks=True)
    assert not encoding.is_binary(path)


@pytest.mark.parametrize("fmt", [".txt", ".jsonl", ".csv"])
def test_stray_nuls_are_taken_out_with_a_warning(tmp_path: Path, fmt: str) -> None:
    """At the threshold's density, in each line format: every record read, its text without
    the NULs, each line with one warning (W010)."""
    rng = random.Random(7)
    texts = [f"Review {i} of the harbor lantern at evening." for i in range(200)]
    damaged = list(texts)
    for i in rng.sample(range(len(texts)), int(encoding.STRAY_NUL_SHARE * encoding.SNIFF_BYTES)):
        at = rng.randrange(1, len(texts[i]) - 1)
        damaged[i] = texts[i][:at] + "\0" + texts[i][at:]
    if fmt == ".jsonl":
        lines = [json.dumps({"id": f"r{i}", "text": t})[:-1] + "}" for i, t in enumerate(damaged)]
    elif fmt == ".csv":
        lines = ["id,text", *(f"r{i},{t}" for i, t in enumerate(damaged))]
    else:
        lines = [line for t in damaged for line in (t, "")]
    path = tmp_path / f"damaged{fmt}"
    path.write_bytes("\n".join(lines).replace("\\u0000", "\0").encode() + b"\n")
    warnings: list[dict] = []
    records = list(Reader()([path], warnings.append))
    assert [r.error for r in records] == [None] * len(records)
    assert [r.text for r in records if r.dropped is None] == texts
    stray_lines = sum("\0" in t for t in damaged)
    assert [w["code"] for w in warnings].count("W010") == stray_lines


# Binary without a NUL (hostile43 brief, class 3): a format's header, then data whose NULs
# were taken out (compressed data holds none as often as not over a few hundred bytes), or
# random bytes, were read as text (a legacy page of noise). Generated: magic numbers x bodies
# x sizes; and the texts that write controls (never binary).
NO_NUL_MAGIC = {
    "png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff\xe0", "gif": b"GIF89a",
    "zip": b"PK\x03\x04", "pdf": b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "gzip": b"\x1f\x8b\x08",
    "elf": b"\x7fELF\x02\x01\x01", "zstd": b"\x28\xb5\x2f\xfd", "7z": b"7z\xbc\xaf\x27\x1c",
    "bzip2": b"BZh91AY&SY", "rar": b"Rar!\x1a\x07\x01", "class": b"\xca\xfe\xba\xbe",
    "none": b"",
}  # fmt: skip


def nul_free_bodies(size: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """Data of `size` bytes without a NUL: random, deflate, LZMA and bzip2 streams."""
    import bz2
    import zlib

    rng = random.Random(seed)
    words = " ".join(rng.choice(["harbor", "lantern", "river", "stone"]) for _ in range(size))
    yield "random", rng.randbytes(size).replace(b"\0", b"\x01")
    yield "deflate", zlib.compress(rng.randbytes(size // 2) + words.encode()).replace(b"\0", b"")
    yield "lzma", lzma.compress(words.encode() + rng.randbytes(size // 4)).replace(b"\0", b"")
    yield "bz2", bz2.compress(rng.randbytes(size)).replace(b"\0", b"")


@pytest.mark.parametrize("size", [300, 3000, 20000])
def test_binary_without_a_nul_is_refused(tmp_path: Path, size: int) -> None:
    """13 headers (or none) x 4 NUL-free bodies at each size (156 files): every one was read
    as text before (a legacy page of noise), each is binary now."""
    read_as_text = []
    path = tmp_path / "data.txt"
    for (kind, magic), (body_kind, body) in itertools.product(
        NO_NUL_MAGIC.items(), list(nul_free_bodies(size, size))
    ):
        path.write_bytes(magic + body[:size])
        if not (padding.is_binary(path, blocks=True) and encoding.is_binary(path)):
            read_as_text.append((kind, body_kind))
    assert read_as_text == []


def texts_with_controls() -> Iterator[tuple[str, bytes]]:
    """Text that writes control bytes, in legacy pages: Hive's ^A/^B/^C fields, RFC 7464's RS,
    terminal colours and `tput sgr0` with a bell, form feeds and DOS's ^Z, overstrike
    (`man` through `cat`), ISO-2022's SO/SI and escapes."""
    lines = {
        "cp1251": "Мы долго гуляли по набережной и говорили о книгах",
        "cp1252": "Le théâtre était fermé à cause de la grève, hélas",
        "cp1250": "Źródło wody było daleko, więc szliśmy przez łąkę",
        "shift_jis": "東京の古い映画館で映画を見ました",
        "cp1253": "Η θάλασσα ήταν ήσυχη το πρωί της Κυριακής",
    }
    for page, line in lines.items():
        rows = [f"{i}\x01{line} {i}\x02x\x03y" for i in range(200)]
        yield f"hive {page}", "\n".join(rows).encode(page)
        yield (
            f"rs {page}",
            "".join(f'\x1e{{"id":{i},"text":"{line}"}}\n' for i in range(200)).encode(page),
        )
        yield (
            f"log {page}",
            "".join(f"\x1b[1;32m{line}\x1b(B\x1b[m\x07\n" for _ in range(200)).encode(page),
        )
        yield f"ff {page}", "\f\n".join([line] * 200).encode(page) + b"\x1a"
        yield (
            f"bs {page}",
            "".join(f"{c}\b{c}" if c.isalpha() else c for c in line * 40).encode(page),
        )
    yield "iso2022_jp", ("東京の映画を見た。\n" * 200).encode("iso2022_jp")
    yield "iso2022_kr", ("서울의 영화를 봤다.\n" * 200).encode("iso2022_kr")


def test_text_that_writes_controls_is_never_binary(tmp_path: Path) -> None:
    """27 texts with the controls text writes, in five legacy pages: none is binary (none was
    before either; the evidence above must not make one)."""
    called = []
    path = tmp_path / "text.txt"
    for label, data in texts_with_controls():
        path.write_bytes(data)
        if padding.is_binary(path, blocks=True) or encoding.is_binary(path):
            called.append(label)
    assert called == []
