"""Every compression format we read x every kind of damage x every reader format inside: the
records written are exactly those whose bytes the archive verified (or, for a cut archive,
those decoded whole before the cut), never a damaged or invented one; whatever is not read is
one E001 at the end, with where it breaks; legal padding is no error and junk is never silent.

The table is exhaustive over its axes (codec and unit layout x damage kind x region x inner
format); the offsets inside a region are drawn from a fixed list, so a failure reproduces.
The rule per case is the table in docs/archives.md."""

from __future__ import annotations

import bz2
import gzip
import itertools
import json
import lzma
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io import compression
from pipeline.io.readers import Reader
from tests.codecs_oracle import decodable

WORDS = ["amber", "basil", "cobalt", "dune", "ember", "fjord", "gale", "heron", "iris", "jade"]
WORDS += ["kelp", "lark", "moss", "nook", "opal"]


def texts(n: int) -> list[str]:
    """Generated sentences, each unique (its number), long enough to be content."""
    out = []
    for i in range(n):
        a, b, c = WORDS[i % 15], WORDS[(i * 7) % 15], WORDS[(i * 11 + 3) % 15]
        out.append(f"Entry {i:03d} speaks of the {a} path and the {b} shore and the {c} light.")
    return out


# An inner format: the texts → (content bytes, each text's end in the content: the byte after
# the last one its record needs).
Layout = tuple[bytes, list[int]]


def lines_of(head: str, rows: list[str], tail: str = "") -> Layout:
    content, ends = head.encode(), []
    for row in rows:
        content += row.encode()
        ends.append(len(content))
    return content + tail.encode(), ends


def csv_rows(ts: list[str]) -> list[str]:
    """Every third cell quoted over two lines (a cut inside it must be one break, not E010)."""
    rows = []
    for i, t in enumerate(ts):
        if i % 3 == 1:
            half = t.index(" the ")
            rows.append(f'r{i},"{t[:half]}\n{t[half + 1 :]}"\n')
        else:
            rows.append(f"r{i},{t}\n")
    return rows


def csv_texts(ts: list[str]) -> list[str]:
    return [
        t[: t.index(" the ")] + "\n" + t[t.index(" the ") + 1 :] if i % 3 == 1 else t
        for i, t in enumerate(ts)
    ]


def wrapped(t: str, i: int) -> str:
    """Every third text hard-wrapped over two lines (a cut between them must not write the
    first as a record: it is half a paragraph)."""
    return t.replace(" and the ", "\nand the ", 1) if i % 3 == 2 else t


def paragraphs(ts: list[str]) -> Layout:
    return lines_of("", [wrapped(t, i) + "\n\n" for i, t in enumerate(ts)])


def html_paragraphs(ts: list[str]) -> Layout:
    rows = [f"<p>{wrapped(t, i)}</p>\n" for i, t in enumerate(ts)]
    return lines_of("<html><body>\n", rows, "</body></html>\n")


INNER: dict[str, tuple[Callable[[list[str]], Layout], Callable[[list[str]], list[str]]]] = {
    ".txt": (paragraphs, list),
    ".md": (paragraphs, list),
    ".jsonl": (
        lambda ts: lines_of(
            "", [json.dumps({"id": f"r{i}", "text": t}) + "\n" for i, t in enumerate(ts)]
        ),
        list,
    ),
    ".csv": (lambda ts: lines_of("id,text\n", csv_rows(ts)), csv_texts),
    ".tsv": (lambda ts: lines_of("id\ttext\n", [f"r{i}\t{t}\n" for i, t in enumerate(ts)]), list),
    ".html": (html_paragraphs, list),
}


@dataclass(frozen=True)
class Codec:
    suffix: str
    pack: Callable[[bytes], bytes]
    units: int  # members, streams or frames the content is cut into (at arbitrary bytes)
    checked: bool = True  # every unit carries a check of its content
    header: int = 10  # bytes of a unit's header


CODECS: dict[str, Codec] = {
    "gz": Codec(".gz", lambda b: gzip.compress(b, mtime=0), 1),
    "gz*3": Codec(".gz", lambda b: gzip.compress(b, mtime=0), 3),
    "bz2": Codec(".bz2", bz2.compress, 1, header=4),
    "bz2*3": Codec(".bz2", bz2.compress, 3, header=4),
    "xz": Codec(".xz", lzma.compress, 1, header=12),
    "xz*3": Codec(".xz", lzma.compress, 3, header=12),
    "zst": Codec(".zst", zstandard.ZstdCompressor(write_checksum=True).compress, 1, header=6),
    "zst*3": Codec(".zst", zstandard.ZstdCompressor(write_checksum=True).compress, 3, header=6),
    "zst-nocheck": Codec(".zst", zstandard.ZstdCompressor().compress, 1, False, header=6),
    "zst-nocheck*3": Codec(".zst", zstandard.ZstdCompressor().compress, 3, False, header=6),
}


@dataclass(frozen=True)
class Archive:
    data: bytes
    units: list[tuple[int, int]]  # each unit's compressed (start, end)
    content_starts: list[int]  # each unit's first content byte


def pack(codec: Codec, content: bytes) -> Archive:
    cuts = [0] + [len(content) * k // codec.units + 7 for k in range(1, codec.units)]
    cuts.append(len(content))
    data, units = b"", []
    for a, b in itertools.pairwise(cuts):
        unit = codec.pack(content[a:b])
        units.append((len(data), len(data) + len(unit)))
        data += unit
    return Archive(data, units, cuts[:-1])


# Damage: the archive → (damaged bytes, what may be read: ("all" | "upto", content offset),
# whether an E001 is due: True, False, or None (either: a change the format cannot see)).
Damage = Callable[[Codec, Archive, bytes], tuple[bytes, str, int, bool | None]]


def flip(region: str) -> Damage:
    def damage(codec: Codec, ar: Archive, content: bytes) -> tuple[bytes, str, int, bool | None]:
        k = len(ar.units) // 2  # the middle unit (the only one of a single-unit archive)
        start, end = ar.units[k]
        at = {
            "magic": start,
            "header": start + codec.header - 1,
            "body": (start + end) // 2,
            "trailer": end - 2,
        }[region]
        data = bytearray(ar.data)
        data[at] ^= 0x24
        return bytes(data), "upto", ar.content_starts[k], None

    return damage


def cut(where: str) -> Damage:
    def damage(codec: Codec, ar: Archive, content: bytes) -> tuple[bytes, str, int, bool | None]:
        k = len(ar.units) - 1
        start, end = ar.units[k]
        at = {
            "header": start + min(3, codec.header - 1),
            "after-header": start + codec.header + 1,
            "body": (start + end) // 2,
            "trailer": end - 1,
        }[where]
        # what the cut unit decoded before its last `guard` bytes (`compression.Units.guard`)
        sound = max(start, at - compression.UNITS[codec.suffix].guard)
        return ar.data[:at], "decodable", sound, True

    return damage


def appended(tail: bytes, error: bool) -> Damage:
    def damage(codec: Codec, ar: Archive, content: bytes) -> tuple[bytes, str, int, bool | None]:
        return ar.data + tail, "upto", len(content), error

    return damage


DAMAGES: dict[str, Damage] = {
    "none": appended(b"", False),
    "zeros-4": appended(b"\0" * 4, False),
    "zeros-1024": appended(b"\0" * 1024, False),
    "junk": appended(b"\x01\x02 not a stream at all\n", True),
    "junk-after-zeros": appended(b"\0" * 8 + b"JUNK", True),
    "flip-magic": flip("magic"),
    "flip-header": flip("header"),
    "flip-body": flip("body"),
    "flip-trailer": flip("trailer"),
    "cut-header": cut("header"),
    "cut-after-header": cut("after-header"),
    "cut-body": cut("body"),
    "cut-trailer": cut("trailer"),
}


def read(path: Path) -> tuple[list[Any], list[str], list[Any], list[dict[str, Any]]]:
    """The records, the texts written, the failures and the warnings of reading `path`."""
    warnings: list[dict[str, Any]] = []
    records = list(Reader()([path], warnings.append))
    written = [r.text for r in records if r.error is None and r.dropped is None]
    errors = [r for r in records if r.error is not None]
    return records, written, errors, warnings


N = 30


@pytest.mark.parametrize("fmt", list(INNER))
@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("codec_name", list(CODECS))
def test_damage(tmp_path: Path, codec_name: str, damage: str, fmt: str) -> None:
    codec = CODECS[codec_name]
    build, shown = INNER[fmt]
    originals = texts(N)
    content, ends = build(originals)
    expected_texts = shown(originals)
    archive = pack(codec, content)
    data, rule, offset, error_due = DAMAGES[damage](codec, archive, content)
    if rule == "decodable":
        offset = decodable(codec.suffix, data[:offset])
    path = tmp_path / f"in{fmt}{codec.suffix}"
    path.write_bytes(data)
    records, written, errors, warnings = read(path)
    verified = [t for t, end in zip(expected_texts, ends, strict=True) if end <= offset]
    if written == expected_texts and not errors:  # a change the format cannot see (gzip's
        assert error_due is not True  # MTIME) and one that cannot be verified (no checksum)
        return
    if error_due is None and not codec.checked and written != verified:
        # a zst frame without a checksum: damage the decoder does not see is written (there
        # is no check to see it with); the file was said to be unverifiable
        assert any("checksum" in w["message"] for w in warnings), warnings
        return
    assert written == verified, (written[-2:], verified[-2:])
    if error_due is False:
        assert not errors, [e.error.message for e in errors]
    else:  # one break, after the records
        assert len(errors) == 1 and errors[0].error.code == "E001", [
            (e.error.code, e.error.message) for e in errors
        ]
        assert records[-1] is errors[0]


def test_empty_archives_read_as_empty_files(tmp_path: Path) -> None:
    """A 0-byte file is an empty input whatever its suffix: no record, no error (as `gzip -dc`
    of nothing, and as the 0-byte `.txt` beside it)."""
    for suffix in (".gz", ".bz2", ".xz", ".zst"):
        path = tmp_path / f"empty.txt{suffix}"
        path.write_bytes(b"")
        plain = tmp_path / "empty.txt"
        plain.write_bytes(b"")
        assert [r.to_json() if hasattr(r, "to_json") else r for r in Reader()([path])] == []
        assert list(Reader()([plain])) == []


@pytest.mark.parametrize("codec", [".gz", ".bz2", ".xz", ".zst"])
def test_a_file_of_nuls_is_no_archive(tmp_path: Path, codec: str) -> None:
    """NULs are padding after a unit; a file of nothing else was preallocated and never
    written (a crash before the write): one E001, not an empty file."""
    path = tmp_path / f"zeros.txt{codec}"
    path.write_bytes(b"\0" * 4096)
    _, written, errors, _ = read(path)
    assert written == [] and [e.error.code for e in errors] == ["E001"]


@pytest.mark.parametrize("codec", [".gz", ".bz2", ".xz", ".zst"])
def test_a_header_alone_is_a_break(tmp_path: Path, codec: str) -> None:
    packed = pack(next(c for c in CODECS.values() if c.suffix == codec), b"x\n").data
    size = {".gz": 10, ".bz2": 4, ".xz": 12, ".zst": 6}[codec]
    path = tmp_path / f"head.txt{codec}"
    path.write_bytes(packed[:size])
    _, written, errors, _ = read(path)
    assert written == [] and [e.error.code for e in errors] == ["E001"]


@st.composite
def damaged_archives(draw: st.DrawFn) -> tuple[str, str, bytes, list[str], str]:
    """Any codec, 1-4 units cut at any content byte, any inner format, 5-25 records, and one
    damage at any offset: a cut, a byte changed by any mask, or bytes appended."""
    codec = CODECS[draw(st.sampled_from(["gz", "bz2", "xz", "zst", "zst-nocheck"]))]
    fmt = draw(st.sampled_from(list(INNER)))
    build, shown = INNER[fmt]
    originals = texts(draw(st.integers(5, 25)))
    content, _ = build(originals)
    cuts = sorted(set(draw(st.lists(st.integers(1, len(content) - 1), max_size=3))))
    bounds = [0, *cuts, len(content)]
    units = [codec.pack(content[a:b]) for a, b in itertools.pairwise(bounds)]
    data = b"".join(units)
    kind = draw(st.sampled_from(["cut", "flip", "append"]))
    if kind == "cut":
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at]
        ends = [len(b"".join(units[:k])) for k in range(len(units))]
        kind = "shorter" if at in ends else kind  # a cut between units: a whole archive
    elif kind == "flip":
        at, mask = draw(st.integers(0, len(data) - 1)), draw(st.integers(1, 255))
        data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1 :]
    else:
        data += draw(st.binary(min_size=1, max_size=40))
    return codec.suffix, fmt, data, shown(originals), kind


@settings(max_examples=120)
@given(case=damaged_archives())
def test_any_damage_never_writes_a_damaged_record(
    case: tuple[str, str, bytes, list[str], str],
) -> None:
    """Whatever the damage: the records written are the first records of the file, each
    exactly as written (never a damaged, cut or invented one; a zstd frame without a checksum
    excepted, warned W011); all of them unless one E001, after them, says why not."""
    suffix, fmt, data, originals, kind = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"in{fmt}{suffix}"
        path.write_bytes(data)
        compression.verdict_of.cache_clear()
        records, written, errors, warnings = read(path)
    if kind == "shorter":  # a whole archive whose content ends inside a record: read as is
        whole = max(len(written) - 1, 0)  # (its last record cut, or an
        assert written[:whole] == originals[:whole]
        assert "E001" not in [e.error.code for e in errors]  # E003/E010 for its last line)
        return
    unchecked = any(w["code"] == "W011" for w in warnings)
    if unchecked and any(e.error.code != "E001" for e in errors):
        return  # damage no check could see, read as it decoded (a JSON or row error)
    assert written == originals[: len(written)] or unchecked, written
    assert [e.error.code for e in errors] in ([], ["E001"])
    if errors:
        assert records[-1] is errors[0]
    else:
        assert written == originals or unchecked


@pytest.mark.parametrize("fmt", [".txt", ".md", ".html", ".csv"])
@pytest.mark.parametrize("codec_name", ["gz*3", "bz2*3", "xz*3", "zst*3"])
def test_a_record_across_the_break_is_part_of_it(tmp_path: Path, codec_name: str, fmt: str) -> None:
    """The sound content ends inside a record that spans lines (a hard-wrapped paragraph, a
    `<p>` over two lines, a quoted cell), the unit after it damaged: the record is in the one
    E001, from its first line, never written as half of itself (it was written cut at the
    line, and a CSV row was E010 and E001)."""
    codec = CODECS[codec_name]
    build, shown = INNER[fmt]
    originals = texts(9)
    content, _ = build(originals)
    k = 4 if fmt == ".csv" else 5  # a record over two lines
    first = content.index(b"Entry 00%d" % k)
    middle = content.index(b"\n", first) + 1  # after its first line
    second = bytearray(codec.pack(content[middle:]))
    second[len(second) // 2] ^= 0x24
    path = tmp_path / f"in{fmt}{codec.suffix}"
    path.write_bytes(codec.pack(content[:middle]) + bytes(second))
    records, written, errors, _ = read(path)
    assert written == shown(originals)[:k]
    assert [e.error.code for e in errors] == ["E001"] and records[-1] is errors[0]
    assert f"Entry 00{k}" in errors[0].text
