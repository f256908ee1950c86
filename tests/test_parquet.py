"""`--format parquet`: corpus.parquet and entities.parquet beside the JSONL files, loading in
pandas and in Hugging Face `datasets` (offline, local files) with the same rows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from tests.conftest import RAW, ROOT, read_jsonl

LOAD_WITH_DATASETS = """
import json, sys, datasets
ds = datasets.load_dataset("parquet", data_files=sys.argv[1], split="train", cache_dir=sys.argv[2])
print(json.dumps({"rows": len(ds), "columns": ds.column_names, "first": ds[0]}))
"""


def run(inputs: list[Path], out: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *map(str, inputs), "-o", str(out), "-q", *options],
        check=True, cwd=ROOT, timeout=600,
    )  # fmt: skip


def test_parquet_holds_the_corpus_and_loads_in_pandas_and_datasets(tmp_path: Path) -> None:
    extra = tmp_path / "in" / "reviews.jsonl"
    extra.parent.mkdir()
    extra.write_text(
        json.dumps({"id": "r1", "text": "Cher was luminous in Mask.", "stars": 5}) + "\n"
    )
    out = tmp_path / "out"
    run([RAW, extra.parent], out, "--format", "parquet")
    corpus = read_jsonl(out / "corpus.jsonl")
    frame = pd.read_parquet(out / "corpus.parquet")
    assert list(frame["id"]) == [r["id"] for r in corpus]
    assert list(frame["text"]) == [r["text"] for r in corpus]
    for row, record in zip(frame.to_dict("records"), corpus, strict=True):
        assert json.loads(row["meta"]) == record["meta"]
        assert [e["text"] for e in row["entities"]] == [e["text"] for e in record["entities"]]
        assert (row["translation"] is None) == (record["translation"] is None)
    index = pd.read_parquet(out / "entities.parquet")
    assert list(index["entity_id"]) == [e["entity_id"] for e in read_jsonl(out / "entities.jsonl")]
    env = {
        **os.environ,
        "HF_HOME": str(tmp_path / "hf"),
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
    }
    loaded = subprocess.run(
        [sys.executable, "-c", LOAD_WITH_DATASETS, str(out / "corpus.parquet"), str(tmp_path / "hf")],
        capture_output=True, text=True, check=True, env=env, timeout=300,
    )  # fmt: skip
    seen = json.loads(loaded.stdout.splitlines()[-1])
    assert seen["rows"] == len(corpus) and seen["first"]["id"] == corpus[0]["id"]
    assert {"entities", "translation", "meta", "lang"} <= set(seen["columns"])
    run([extra.parent], out)  # the next run into that folder, without Parquet
    assert not (out / "corpus.parquet").exists() and not (out / "entities.parquet").exists()


def test_parquet_input_rows_are_records(tmp_path: Path) -> None:
    """Rows with the text and id columns named by --text-field/--id-field; other columns
    (a date too) go to meta; a row without text fails alone with its row number."""
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.io.readers import Reader

    table = pa.table({
        "key": ["p1", "p2", "p3"],
        "body": ["A quiet harbour film.", None, "Un film lent."],
        "seen": [datetime.date(2024, 5, 1)] * 3,
    })  # fmt: skip
    pq.write_table(table, tmp_path / "rows.parquet")
    records = list(Reader(text_field="body", id_field="key")([tmp_path]))
    assert [(r.id, r.error.code if r.error else None) for r in records] == [
        ("p1", None), ("p2", "E005"), ("p3", None),
    ]  # fmt: skip
    assert [r.text for r in records[::2]] == ["A quiet harbour film.", "Un film lent."]
    assert json.loads(records[1].text)["key"] == "p2"  # the failed row, as the error report shows
    assert records[0].meta == {"seen": "2024-05-01", "line": 1}
