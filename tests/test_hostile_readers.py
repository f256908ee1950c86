"""Hostile input, by class, one strategy per reader: whatever a file holds, every input line is in
the corpus, in the dropped lines or in the errors, each output line is strict JSON, and what
is in the corpus is the input's text (NFC). Markdown and HTML structure: tests/test_markup.py."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.record import PIPELINE_META

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip


def strict(line: str) -> Any:
    def refuse(name: str) -> Any:
        raise ValueError(name)

    return json.loads(line, parse_constant=refuse)


def run(folder: Path) -> dict[str, list[dict[str, Any]]]:
    out = folder.parent / f"{folder.name}-out"
    report = Pipeline(stages=[]).run([folder], out)
    files = {
        # split on newlines only: U+2028 or U+0085 inside a JSON string is not a line end
        name: [
            strict(x) for x in (out / f"{name}.jsonl").read_text(encoding="utf-8").split("\n") if x
        ]
        for name in ("corpus", "errors", "dropped", "warnings")
    }
    counts = report["counts"]
    assert counts["read"] == counts["written"] + counts["dropped"] + counts["failed"]
    for name in ("corpus", "errors", "dropped"):
        ids = [r["id"] for r in files[name]]
        assert len(ids) == len(set(ids)), name
    return files


def fresh(tmp_path_factory: Any) -> Path:
    folder: Path = tmp_path_factory.mktemp("in")
    return folder


# -- JSONL: any values, any field names -----------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(sorted(PIPELINE_META | {"id", "doc_id", "text"})),
    st.sampled_from(sorted(f"input.{n}" for n in PIPELINE_META)),
    st.text(max_size=12),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "9" * 4500]),
)  # fmt: skip
RAW = object()  # marks a literal written as it is (NaN, 1e400: not what json.dumps writes)


def literal(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if (isinstance(value, str) and value in ("NaN", "Infinity", "-Infinity", "1e400")) or (
        isinstance(value, str) and value.isdigit()
    ):
        return value  # a bare literal
    return json.dumps(value)


OBJECT_LINE = st.lists(st.tuples(NAMES, SCALARS), max_size=6).map(
    lambda pairs: "{" + ", ".join(f"{json.dumps(k)}: {literal(v)}" for k, v in pairs) + "}"
)
LINE = st.one_of(
    OBJECT_LINE,
    st.tuples(st.text(min_size=1, max_size=40), OBJECT_LINE).map(
        lambda t: t[1][:-1] + (", " if len(t[1]) > 2 else "") + f'"text": {json.dumps(t[0])}}}'
    ),
    st.text(max_size=40),  # not JSON at all
    st.sampled_from(["[1, 2]", "null", '"text"', "{" * 3000, "{}"]),
)


@SETTINGS
@given(lines=st.lists(LINE, min_size=1, max_size=10))
def test_jsonl_any_values_and_field_names(tmp_path_factory: Any, lines: list[str]) -> None:
    folder = fresh(tmp_path_factory)
    cleaned = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    (folder / "data.jsonl").write_text("\n".join(cleaned) + "\n", encoding="utf-8",
                                       errors="surrogatepass")  # fmt: skip
    files = run(folder)
    if any(e["line"] is None for e in files["errors"]):  # the file as a whole (binary)
        assert not files["corpus"]
        return
    content_lines = [i + 1 for i, line in enumerate(cleaned) if line.strip()]
    seen = sorted(r["meta"]["line"] for r in files["corpus"]) + [e["line"] for e in files["errors"]]
    seen += [d["line"] for d in files["dropped"]]  # a text nothing of which shows: `invisible`
    assert sorted(seen) == content_lines
    for record in files["corpus"]:
        line = cleaned[record["meta"]["line"] - 1]
        # a repeated key: the last value keeps the name, as json reads it (earlier ones KEY.1)
        last = json.loads(line, parse_int=str, parse_constant=str)
        original = last["text"]
        assert (
            record["text"]
            == unicodedata.normalize("NFC", original).replace("\ud800", "")[: len(record["text"])]
            or "\ufffd" in record["text"]
        )


# -- CSV: any header, any cells -------------------------------------------------------------

CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=25)  # fmt: skip


@SETTINGS
@given(
    header=st.lists(
        st.one_of(st.just("text"), st.just("id"), NAMES.filter(lambda n: "\x00" not in n)),
        min_size=1,
        max_size=5,
    ),
    rows=st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=8),
)
def test_csv_any_header_and_cells(
    tmp_path_factory: Any, header: list[str], rows: list[list[str]]
) -> None:
    # a first line opening with `#` may be a comment (tests/test_table_cells.py has that class)
    assume(not header[0].lstrip().startswith("#"))
    folder = fresh(tmp_path_factory)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    (folder / "table.csv").write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
    files = run(folder)
    parsed = list(csv.reader(io.StringIO(buffer.getvalue())))[1:]
    # a blank line is no row (csv reads it as [], spaces alone as one blank cell); a row of
    # empty cells ("," or '""') is dropped `blank`, never nothing; any other row is a record
    # or an error
    rows_read = [r for r in parsed if r and not (len(r) == 1 and r[0] and not r[0].strip())]
    content = [r for r in rows_read if any(c.strip() for c in r)]
    blank = [d for d in files["dropped"] if d["reason"] == "blank"]
    assert len(blank) == len(rows_read) - len(content)
    assert len(files["corpus"]) + len(files["errors"]) == len(content)
    text_column = header.index("text") if "text" in header else None
    for record in files["corpus"]:
        assert text_column is not None
        # a full row (extra cells: empty, or columns every row has, `column_N`), or a ragged
        # one holding its text cell
        assert record["text"] in {
            unicodedata.normalize("NFC", r[text_column]) for r in content if text_column < len(r)
        }
        narrowest = min(len(set(header)), *(len(r) for r in content))
        assert len(record["meta"]) >= narrowest - 2  # every other column it has is kept


# -- encodings: any text in any encoding a reader meets ---------------------------------------

SCRIPTS = {
    "utf-8": st.text(min_size=1, max_size=60),
    "utf-16": st.text(min_size=1, max_size=60),
    "cp1252": st.text(st.characters(codec="cp1252"), min_size=1, max_size=60),
    "gbk": st.text(
        st.sampled_from("电影节每年秋天举行来自世界各地的导演和演员聚集在这里，。"),
        min_size=1,
        max_size=60,
    ),
    "shift_jis": st.text(
        st.sampled_from("映画祭は毎年秋に開かれ世界中から多くの監督と俳優が集まります、。"),
        min_size=1,
        max_size=60,
    ),
}


@SETTINGS
@given(
    encoding=st.sampled_from(sorted(SCRIPTS)),
    data=st.data(),
)
def test_any_text_in_any_encoding_is_accounted_for(
    tmp_path_factory: Any, encoding: str, data: Any
) -> None:
    lines = data.draw(st.lists(SCRIPTS[encoding], min_size=1, max_size=12))
    text = "\n".join(line.replace("\r", " ").replace("\n", " ") for line in lines) + "\n"
    folder = fresh(tmp_path_factory)
    encoded = text.encode(encoding, errors="surrogatepass")
    if encoding == "utf-16":
        encoded = text.encode("utf-16")  # with its byte-order mark
    (folder / "page.txt").write_bytes(encoded)
    files = run(folder)
    got = Counter(
        c
        for name in ("corpus", "dropped", "errors")
        for r in files[name]
        for c in r["text"]
        if not c.isspace()
    )
    want = Counter(c for c in unicodedata.normalize("NFC", text) if not c.isspace())
    if encoding in ("utf-8", "utf-16") and got != want:
        # only where the text holds what no text file can (NUL: binary, E002)
        assert files["errors"] and files["errors"][0]["code"] in ("E002", "E001")
    # a legacy encoding is a guess on a few bytes (one byte 0xA0 is no language): accounted,
    # not exact; tests/test_reading_exact.py and bench/encodings.py check real text


# -- file names: any bytes a file system allows ----------------------------------------------

NAME_BYTES = st.binary(min_size=1, max_size=20).filter(
    lambda b: (
        b"/" not in b and b"\x00" not in b and b not in (b".", b"..") and not b.startswith(b".")
    )
)


@SETTINGS
@given(names=st.lists(NAME_BYTES, min_size=1, max_size=5, unique=True))
def test_file_names_of_any_bytes(tmp_path_factory: Any, names: list[bytes]) -> None:
    folder = fresh(tmp_path_factory)
    for i, name in enumerate(names):
        path = os.path.join(os.fsencode(folder), name + b".txt")
        with open(path, "wb") as f:
            f.write(f"Sentence number {i} is about the weather.\n".encode())
    files = run(folder)
    assert len(files["corpus"]) == len(names)
    for record in files["corpus"]:
        record["source"].encode("utf-8")  # shown as text, never a surrogate
