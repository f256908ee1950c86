"""Input files to records: one reader per format, registered by suffix.

`Reader` (`reader.py`) finds each file's format reader (`registry.py`) and streams its
records. Each format is one module owning its class of defects: `text` (`.txt`: lines
segmented into records), `markup` (HTML pages), `markdown`, `jsonl`, `json_document`
(`.json`), `table` (CSV/TSV), `parquet`, `subtitles` (`.srt`, `.vtt`: a record per cue).
Any of them may be compressed
(`pipeline.io.compression`); bytes become text in `pipeline.io.encoding`; shards are
planned in `pipeline.shards`. Whatever cannot be read becomes a failed record with its
location, so `read == written + dropped + failed` holds.
"""

from pipeline.io.readers import (  # noqa: F401  (register)
    json_document,
    jsonl,
    markdown,
    markup,
    parquet,
    subtitles,
    table,
    text,
)
from pipeline.io.readers.base import RECORD_MAX_CHARS, Fields, FormatReader, ReadSettings
from pipeline.io.readers.reader import Reader
from pipeline.io.readers.registry import format_of, readable_suffixes, register
from pipeline.shards import DEFAULT_SHARD_BYTES, Part, Shard, plan_shards

__all__ = [
    "DEFAULT_SHARD_BYTES",
    "RECORD_MAX_CHARS",
    "Fields",
    "FormatReader",
    "Part",
    "ReadSettings",
    "Reader",
    "Shard",
    "format_of",
    "plan_shards",
    "readable_suffixes",
    "register",
]
