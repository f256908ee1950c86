"""Parquet beside JSONL: `corpus.parquet` and `entities.parquet` for pandas, Polars, DuckDB or
Hugging Face `datasets` (`--format parquet`; needs pyarrow: `pip install '.[parquet]'`).

They are written from the finished JSONL files, `BATCH` rows at a time, so memory stays flat
whatever the corpus size; the JSONL files stay the run's source of truth (resume, report).
The schema is fixed, so every file of every run has the same columns: `meta`, whose keys vary
with the input (extra JSONL fields, CSV columns), is one JSON string column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline.io.writers import CORPUS, ENTITIES, PARQUET, atomic_path

BATCH = 10_000


def corpus_schema() -> Any:
    import pyarrow as pa

    entity = pa.struct([
        ("text", pa.string()), ("label", pa.string()), ("start", pa.int64()),
        ("end", pa.int64()), ("field", pa.string()), ("mention", pa.string()),
        ("canonical", pa.string()), ("entity_id", pa.string()), ("wikidata", pa.string()),
    ])  # fmt: skip
    translation = pa.struct([("text", pa.string()), ("lang", pa.string()), ("engine", pa.string())])
    return pa.schema([
        ("id", pa.string()), ("doc_id", pa.string()), ("source", pa.string()),
        ("seq", pa.int64()), ("text", pa.string()), ("lang", pa.string()),
        ("lang_score", pa.float64()), ("translation", translation),
        ("entities", pa.list_(entity)), ("meta", pa.string()),
    ])  # fmt: skip


def entities_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("entity_id", pa.string()), ("canonical", pa.string()), ("label", pa.string()),
        ("wikidata", pa.string()), ("aliases", pa.list_(pa.string())), ("mentions", pa.int64()),
        ("translated_mentions", pa.int64()), ("records", pa.int64()), ("documents", pa.int64()),
        ("languages", pa.map_(pa.string(), pa.int64())),
        ("sample_records", pa.list_(pa.string())),
    ])  # fmt: skip


def corpus_row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "meta": json.dumps(row.get("meta", {}), ensure_ascii=False, sort_keys=True)}


def write_parquet(
    source: Path,
    target: Path,
    schema: Any,
    convert: Callable[[dict[str, Any]], dict[str, Any]] = lambda row: row,
) -> None:
    """`source` (JSON Lines) as Parquet at `target`, written whole or not at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with atomic_path(target) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        for rows in batches(source):
            writer.write_table(pa.Table.from_pylist([convert(r) for r in rows], schema=schema))


def batches(path: Path) -> Iterator[list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if len(rows) == BATCH:
                yield rows
                rows = []
    if rows:
        yield rows


def write_corpus_parquet(out_dir: Path) -> None:
    """corpus.parquet and entities.parquet beside the run's JSONL files."""
    corpus, entities = (out_dir / name for name in PARQUET)
    write_parquet(out_dir / CORPUS, corpus, corpus_schema(), corpus_row)
    write_parquet(out_dir / ENTITIES, entities, entities_schema())


def parquet_problem() -> str | None:
    """Why Parquet cannot be written here, or None."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        from pipeline.hints import install_package

        return f"--format parquet needs pyarrow; fix: {install_package('parquet')}"
    return None
