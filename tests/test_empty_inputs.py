"""An input that gives no record is not silent (issue #29): every format's empty forms (0 bytes,
blanks only, a header only, an empty array, a page with no visible text, an empty compressed
file, a file of invisible text) leave one W015 naming the file; a file with a record none."""

from __future__ import annotations

import bz2
import gzip
import io
import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader


def parquet_of(rows: list[dict[str, str]]) -> bytes:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({"id": pa.array([r["id"] for r in rows], pa.string()),
                      "text": pa.array([r["text"] for r in rows], pa.string())})  # fmt: skip
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


EMPTY: dict[str, tuple[str, bytes | None]] = {
    "txt 0 bytes": (".txt", b""),
    "txt blanks": (".txt", b"  \n\n\t \r\n\n"),
    "txt BOM only": (".txt", b"\xef\xbb\xbf\n"),
    "text 0 bytes": (".text", b""),
    "md 0 bytes": (".md", b""),
    "md blanks": (".md", b"\n   \n\n"),
    "html 0 bytes": (".html", b""),
    "html no visible text": (".html", b"<html><head><title></title><script>go()</script>"
                             b"<style>p{}</style></head><body><div> </div></body></html>"),
    "htm blank body": (".htm", b"<html><body>\n</body></html>"),
    "jsonl 0 bytes": (".jsonl", b""),
    "jsonl blank lines": (".jsonl", b"\n\n  \n"),
    "ndjson 0 bytes": (".ndjson", b""),
    "json 0 bytes": (".json", b""),
    "json empty array": (".json", b"[]"),
    "json empty array, blanks": (".json", b" [ \n ]\n"),
    "csv 0 bytes": (".csv", b""),
    "csv header only": (".csv", b"id,text\n"),
    "tsv header only": (".tsv", b"id\ttext\n"),
    "parquet no rows": (".parquet", None),
    "txt.gz empty member": (".txt.gz", gzip.compress(b"")),
    "jsonl.gz empty member": (".jsonl.gz", gzip.compress(b"")),
    "csv.bz2 header only": (".csv.bz2", bz2.compress(b"id,text\n")),
    "txt invisible only": (".txt", "\u200b\u2060\n\n\ufe0f\u00ad\n".encode()),
    "jsonl invisible only": (".jsonl", b'{"id": "a", "text": "\\u200b\\u200d"}\n'),
}  # fmt: skip


def write(folder: Path, name: str, suffix: str, data: bytes | None) -> Path:
    path = folder / f"{name.replace(' ', '_').replace(',', '')}{suffix}"
    path.write_bytes(parquet_of([]) if data is None else data)
    return path


@pytest.mark.parametrize("case", sorted(EMPTY))
def test_an_input_with_no_record_leaves_one_warning(tmp_path: Path, case: str) -> None:
    suffix, data = EMPTY[case]
    path = write(tmp_path, case, suffix, data)
    warnings: list[dict] = []
    records = list(Reader()([path], warnings.append))
    assert not [r for r in records if r.active or r.error is not None]
    empty = [w for w in warnings if w["code"] == "W015"]
    assert [w["source"] for w in empty] == [path.name]
    if data == b"":
        assert "0 bytes" in empty[0]["message"]


FULL: dict[str, tuple[str, bytes | None]] = {
    "txt": (".txt", b"A line of text.\n"),
    "html": (".html", b"<html><body><p>A paragraph of text on the page.</p></body></html>"),
    "jsonl": (".jsonl", b'{"id": "a", "text": "Some text."}\n'),
    "json": (".json", b'[{"id": "a", "text": "Some text."}]'),
    "csv": (".csv", b"id,text\na,Some text.\n"),
    "txt.gz": (".txt.gz", gzip.compress(b"A line of text.\n")),
}


@pytest.mark.parametrize("case", sorted(FULL))
def test_an_input_with_a_record_has_no_such_warning(tmp_path: Path, case: str) -> None:
    suffix, data = FULL[case]
    warnings: list[dict] = []
    records = list(Reader()([write(tmp_path, case, suffix, data)], warnings.append))
    assert any(r.active for r in records)
    assert "W015" not in [w["code"] for w in warnings]


def test_a_failed_file_is_reported_by_its_error_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"{not json\n")
    warnings: list[dict] = []
    (record,) = Reader()([path], warnings.append)
    assert record.error is not None and "W015" not in [w["code"] for w in warnings]


def test_the_run_summary_names_the_files_that_gave_no_record(tmp_path: Path) -> None:
    from pipeline.run.problems import summary_lines

    entries = [{"source": f"e{i}.txt", "line": None, "byte": None, "code": "W015",
                "message": "no record read from this file: no text in it"} for i in range(4)]  # fmt: skip
    (tmp_path / "warnings.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries))
    lines = summary_lines(tmp_path, {"failed": 0, "warnings": {"W015": 4}})
    assert lines == ["  no record from 4 file(s): e0.txt, e1.txt, e2.txt … (W015, warnings.jsonl)"]
