"""Readers: every input line becomes a record, a dropped line or an error with its location."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.io.discover import discover
from pipeline.io.readers import Reader


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


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".jsonl"]))
def test_arbitrary_bytes_never_crash_and_balance(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = write(tmp_path / f"input{suffix}", data)
    out = tmp_path / "out"
    report = Pipeline(stages=[]).run([path], out)
    counts = report["counts"]
    assert counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    if suffix == ".jsonl" and b"\0" not in data:
        lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
        non_blank = [b for b in lines if b.rstrip(b"\r").decode("utf-8", "replace").strip()]
        assert counts["read"] == len(non_blank)  # one record or one error per line, never two


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
    assert len(records) == len(values)
    for value, record in zip(values, records, strict=True):
        good = (
            isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip()
        )
        assert (record.error is None) == bool(good)
        assert isinstance(record.id, str) and record.id


def test_a_single_file_is_cut_into_enough_shards_for_every_worker(tmp_path: Path) -> None:
    from pipeline.io.discover import discover
    from pipeline.io.readers import plan_shards

    line = json.dumps({"text": "A paragraph of plain English prose, long enough to count. " * 4})
    write(tmp_path / "one.jsonl", ((line + "\n") * 2500).encode())  # ~600 kB
    shards = plan_shards(discover([tmp_path]).files)
    assert len(shards) >= 8
    assert plan_shards(discover([tmp_path]).files, 1 << 30) == shards  # the cap is not reached
    sizes = [shard.size for shard in shards]
    assert max(sizes) < 2 * min(sizes[:-1])


def test_shards_never_cut_a_document(tmp_path: Path) -> None:
    from pipeline.io.discover import discover
    from pipeline.io.readers import plan_shards

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
