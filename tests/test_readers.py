"""Readers: every input line becomes a record, a dropped line or an error with its location."""

from __future__ import annotations

import bz2
import gzip
import html
import itertools
import json
import lzma
from pathlib import Path

import pytest
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.io.discover import discover
from pipeline.io.markup import page_blocks
from pipeline.io.readers import Reader
from pipeline.io.readers.jsonl import BETWEEN_LINES, json_line


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_jsonl_keeps_extra_fields_in_meta_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "text": "Bonjour à tous.", "rating": 4, "doc_id": "reviews"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        "",
        json.dumps({"text": "No id here."}),
    ]
    write(tmp_path / "in" / "reviews.jsonl", "\n".join(lines))
    records = list(Reader()([tmp_path / "in"]))
    assert len(records) == 5
    good, bad_json, not_object, blank_text, no_id = records
    assert (good.id, good.doc_id, good.text, good.meta) == (
        "7",
        "reviews",
        "Bonjour à tous.",
        {"rating": 4, "line": 1},
    )
    assert good.source == "reviews.jsonl"
    assert bad_json.error is not None and bad_json.error.code == "E003" and bad_json.location
    assert bad_json.location.line == 2
    assert not_object.error is not None and not_object.error.code == "E004"
    assert blank_text.error is not None and blank_text.error.code == "E005"
    assert no_id.id == "reviews:6" and no_id.active


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "Hello there, this is a sentence.")
    write(tmp_path / "a.txt", "Another sentence, as content.")
    write(tmp_path / ".hidden.txt", "skipped")
    files = discover([tmp_path]).files
    assert [f.source for f in files] == ["a.txt", "b/z.txt"]
    assert [f.doc_id for f in files] == ["a", "b/z"]


def test_binary_and_unsupported_files_are_reported_not_skipped(tmp_path: Path) -> None:
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\0\0")
    write(tmp_path / "blob.txt", b"abc\0def")
    records = list(Reader()([tmp_path]))
    codes = {r.source: r.error.code for r in records if r.error}
    assert codes == {"blob.txt": "E002", "image.png": "E006"}


def test_invalid_utf8_is_replaced_not_fatal(tmp_path: Path) -> None:
    write(
        tmp_path / "mixed.txt",
        "Un café très noir, s'il vous plaît.".encode().replace(b"\xc3\xa8", b"\xe8"),
    )
    (record,) = Reader()([tmp_path])
    assert record.active and record.text.startswith("Un café tr\ufffds noir")


def test_a_legacy_encoding_is_detected(tmp_path: Path) -> None:
    write(tmp_path / "latin1.txt", "Un café très noir, s'il vous plaît.".encode("latin-1"))
    (record,) = Reader()([tmp_path])
    assert record.text == "Un café très noir, s'il vous plaît."


def records_of_line(line: str) -> int:
    """An array's own line (`[`, `]`) gives nothing; a line of objects one after another
    (`{..}{..}`, `{..},`, `[{..}, {..}]`: files joined, an array written a line per object)
    one record each; any other line one record or one error."""
    sep = BETWEEN_LINES + ","
    core = line.strip(sep)
    if core in ("[", "]"):
        return 0
    core = core.removeprefix("[").removesuffix("]")
    pieces, at, scan = [], 0, json.JSONDecoder().raw_decode
    while at < len(core):
        while at < len(core) and core[at] in sep:
            at += 1
        if at == len(core):
            break
        try:
            end = scan(core, at)[1]
        except ValueError:
            pieces.append(core[at:].rstrip(sep))
            break
        pieces.append(core[at:end])
        at = end
    objects = pieces and all(p.startswith("{") and p.endswith("}") for p in pieces)
    return len(pieces) if objects else 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=400),
    suffix=st.sampled_from(
        [
            ".txt",
            ".jsonl",
            ".json",
            ".html",
            ".md",
            ".csv",
            ".txt.gz",
            ".jsonl.xz",
            ".txt.zst",
            ".json.gz",
        ]
    ),
)
def test_arbitrary_bytes_never_crash_and_balance(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path / f"input{suffix}", data)
    out = tmp_path / "out"
    report = Pipeline(stages=[]).run([path], out)
    counts = report["counts"]
    assert counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    wide = data.startswith((b"\xfe\xff", b"\xff\xfe"))  # a UTF-16 file (just a BOM: empty)
    if suffix == ".jsonl" and b"\0" not in data and not wide:
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
        texts = [b.rstrip(b"\r").decode("utf-8", "replace") for b in lines]
        # one record or one error per line, never two; a line of objects joined (`{..}{..}`,
        # files concatenated without a final newline) one record per object
        assert counts["read"] == sum(records_of_line(json_line(t)) for t in texts if json_line(t))


def objects_only(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            JSON_VALUES, st.fixed_dictionaries({"text": JSON_VALUES}, optional={"id": JSON_VALUES})
        ),
        max_size=8,
    )
)
def test_arbitrary_json_lines_are_records_or_errors(tmp_path: Path, values: list[object]) -> None:
    path = write(tmp_path / "values.jsonl", "\n".join(json.dumps(v) for v in values))
    records = list(Reader()([path]))
    # a line holding an array of objects is an array written on one line: each object is a
    # record (it was one E004, the records inside lost)
    values = [v for value in values for v in (value if objects_only(value) else [value])]
    assert len(records) == len(values)
    for value, record in zip(values, records, strict=True):
        good = (
            isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip()
        )
        assert (record.error is None) == bool(good)
        assert isinstance(record.id, str) and record.id


def test_a_single_file_is_cut_into_enough_shards_for_every_worker(tmp_path: Path) -> None:
    from pipeline.io.discover import discover
    from pipeline.shards import plan_shards

    line = json.dumps({"text": "A paragraph of plain English prose, long enough to count. " * 4})
    write(tmp_path / "one.jsonl", ((line + "\n") * 2500).encode())  # ~600 kB
    shards = plan_shards(discover([tmp_path]).files)
    assert len(shards) >= 8
    assert plan_shards(discover([tmp_path]).files, 1 << 30) == shards  # the cap is not reached
    sizes = [shard.size for shard in shards]
    assert max(sizes) < 2 * min(sizes[:-1])


def test_shards_never_cut_a_document(tmp_path: Path) -> None:
    from pipeline.io.discover import discover
    from pipeline.shards import plan_shards

    rows = [json.dumps({"doc_id": f"d{i // 7}", "text": f"Line {i} of document {i // 7}."})
            for i in range(700)]  # fmt: skip
    write(tmp_path / "docs.jsonl", ("\n".join(rows) + "\n").encode())
    shards = plan_shards(discover([tmp_path]).files, 500)
    assert len(shards) > 10
    records = [list(Reader().read_shard(shard)) for shard in shards]
    docs_per_shard = [{r.doc_id for r in shard} for shard in records]
    for a, b in itertools.pairwise(docs_per_shard):
        assert not a & b
    assert sum(len(r) for r in records) == 700


FILM_NOTES = (
    "The Quiet Harbour\n\n"
    "A fisherman returns to the village he left thirty years ago and finds his brother running "
    "the harbour.\n\nReviews\n\n"
    "ana_v A slow, patient film that trusts its actors and its weather.\n"
)


def test_compressed_files_read_as_what_they_hold(tmp_path: Path) -> None:
    """gzip, bzip2, xz and zstd, text and JSONL: the same records as the plain file."""
    plain = write(tmp_path / "plain" / "notes.txt", FILM_NOTES)
    rows = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(["Un.", "Deux."]))
    write(tmp_path / "plain" / "rows.jsonl", rows)
    expected = [(r.doc_id, r.text, r.meta.get("kind"), r.dropped) for r in Reader()([plain.parent])]
    packers = (
        ("gz", gzip.compress), ("bz2", bz2.compress), ("xz", lzma.compress),
        ("zst", zstandard.ZstdCompressor().compress),
    )  # fmt: skip
    for name, pack in packers:
        folder = tmp_path / name
        write(folder / f"notes.txt.{name}", pack(FILM_NOTES.encode()))
        write(folder / f"rows.jsonl.{name}", pack(rows.encode()))
        got = [(r.doc_id, r.text, r.meta.get("kind"), r.dropped) for r in Reader()([folder])]
        assert got == expected, name


PACKERS = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}  # fmt: skip


@pytest.mark.parametrize("suffix", sorted(PACKERS))
def test_a_truncated_archive_keeps_what_was_read_and_says_where_it_broke(
    tmp_path: Path, suffix: str
) -> None:
    """Every compression alike (a truncated .zst was read as if whole, its last line cut)."""
    rows = "".join(json.dumps({"id": i, "text": f"Phrase {i}."}) + "\n" for i in range(60000))
    packed = PACKERS[suffix](rows.encode())  # over one bz2 block (900 kB): some of it reads
    write(tmp_path / f"rows.jsonl{suffix}", packed[: len(packed) // 2])
    records = list(Reader()([tmp_path]))
    good = [r for r in records if r.error is None]
    (broken,) = [r for r in records if r.error is not None]
    assert 0 < len(good) < 60000 and [r.text for r in good] == [
        f"Phrase {i}." for i in range(len(good))
    ]
    assert (
        broken.error is not None
        and broken.error.code == "E001"
        and "cannot read" in broken.error.message
    )


HTML_PAGE = """<!doctype html><html><head><title>The Quiet Harbour (2019)</title>
<style>p { color: red }</style><script>var tracking = "Reviews";</script></head><body>
<h1>The Quiet <em>Harbour</em></h1>
<p>A fisherman returns to the village he left thirty years ago &amp; finds his brother
running the harbour.</p><!-- a comment -->
<h2>Reviews</h2>
<ul><li>ana_v A slow, patient film that trusts its actors and its weather.</li>
<li>tomek88 I wanted more of the sea and less of the brothers.</li></ul>
<svg><text>not text</text></svg>
</body></html>"""


def test_html_pages_are_read_as_text_pages(tmp_path: Path) -> None:
    write(tmp_path / "page.html", HTML_PAGE)
    records = list(Reader()([tmp_path]))
    kept = [(r.meta.get("kind"), r.text, r.meta.get("author")) for r in records if r.active]
    assert kept == [
        ("title", "The Quiet Harbour", None),
        ("paragraph", "A fisherman returns to the village he left thirty years ago & finds "
         "his brother running the harbour.", None),
        ("review", "ana_v A slow, patient film that trusts its actors and its weather.", None),
        ("review", "tomek88 I wanted more of the sea and less of the brothers.", None),
    ]  # fmt: skip
    # the tab's title, the heading, the SVG's text (shown, outside the main content)
    assert [(r.dropped, r.text) for r in records if r.dropped] == [
        ("head", "The Quiet Harbour (2019)"),
        ("heading", "Reviews"),
        ("furniture", "not text"),
    ]
    assert not any("tracking" in r.text for r in records)  # a script is no text


def test_deeply_nested_html_does_not_overflow(tmp_path: Path) -> None:
    write(
        tmp_path / "deep.html", "<div>" * 50_000 + "A sentence at the bottom." + "</div>" * 50_000
    )
    (record,) = Reader()([tmp_path])
    assert record.text == "A sentence at the bottom."


def test_markdown_is_read_without_its_markup(tmp_path: Path) -> None:
    markdown = (
        "# The Quiet Harbour\n\n"
        "A *fisherman* returns to the [village](https://example.org) he left\n"
        "thirty years ago and finds his brother `running` the harbour.\n\n"
        "## Reviews\n\n"
        "- ana_v A slow, **patient** film that trusts its actors and its weather.\n"
    )
    write(tmp_path / "notes.md", markdown)
    records = list(Reader()([tmp_path]))
    kept = [(r.meta["line"], r.meta.get("kind"), r.text) for r in records if r.active]
    assert kept == [
        (1, "title", "The Quiet Harbour"),
        (3, "paragraph", "A fisherman returns to the village he left thirty years ago and finds "
         "his brother running the harbour."),
        (8, "review", "ana_v A slow, patient film that trusts its actors and its weather."),
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), max_size=6))
def test_html_paragraph_text_comes_out_whole(texts: list[str]) -> None:
    """Whatever text is in a page's paragraphs comes out, one line per paragraph, with its
    white space collapsed as a browser shows it: HTML's blanks (and line separators) one
    space, a no-break or other space kept as written (issue 29, F7)."""
    from pipeline.io.markup import HTML_BLANKS

    page = "".join(f"<p>{html.escape(t)}</p>" for t in texts)
    expected = [e for t in texts if (e := HTML_BLANKS.sub(" ", t).strip())]
    assert [block.text for block in page_blocks(page)] == expected


@pytest.mark.parametrize("kind", ["csv", "jsonl", "txt"])
def test_a_stray_nul_is_kept_on_its_line_and_a_binary_file_is_refused(
    tmp_path: Path, kind: str
) -> None:
    """One NUL in a text file damages its line, not the file (it was refused whole as binary
    when the NUL was in the first 8 kB); a file of binary bytes is still refused (E002)."""
    body = {
        "csv": "id,text\n1,first row\n2,sec\x00ond row\n3,third row\n",
        "jsonl": '{"id":"1","text":"first"}\n{"id":"2","text":"sec\x00ond"}\n{"id":"3","text":"third"}\n',
        "txt": "First paragraph here.\n\nSec\x00ond paragraph here.\n\nThird paragraph here.\n",
    }[kind]
    write(tmp_path / f"damaged.{kind}", body.encode())
    records = list(Reader()([tmp_path / f"damaged.{kind}"]))
    assert len(records) == 3 and all(r.error is None or r.error.code != "E002" for r in records)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    write(tmp_path / f"image.{kind}", png + bytes(range(256)) * 8)
    (refused,) = list(Reader()([tmp_path / f"image.{kind}"]))
    assert refused.error is not None and refused.error.code == "E002"
