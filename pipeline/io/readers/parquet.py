"""Parquet (`.parquet`, needs pyarrow): one record per row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline.errors import Code, Warn
from pipeline.io import jsonvalues
from pipeline.io.encoding import detect_encoding
from pipeline.io.readers.base import FormatReader, WarningSink, failed
from pipeline.io.readers.objects import from_object, report_repairs
from pipeline.io.readers.registry import register
from pipeline.record import Record

if TYPE_CHECKING:
    from pipeline.shards import Part


@register(".parquet")
class ParquetReader(FormatReader):
    """One record per row (pyarrow, a row group at a time); `line` is the row's number.
    Values JSON cannot hold (dates) go to `meta` as text, NaN and infinities as null
    (`jsonvalues`, with a warning). BINARY columns without a UTF-8 annotation (as Hive,
    Impala and older Spark write text) are text: UTF-8, else the encoding detected once per
    column from its first values that are not (`BinaryText`, with a warning)."""

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        file, fields = part.file, self.settings.fields
        try:
            import pyarrow.parquet as pq
        except ImportError:
            yield failed(
                file, Code.NEEDS_PACKAGE, suffix=".parquet", package="pyarrow", extra="parquet"
            )
            return
        number = 0
        try:
            binary = BinaryText(file.source, warn)
            for batch in pq.ParquetFile(file.path).iter_batches(batch_size=1024):
                for row in binary.decoded(batch):
                    number += 1
                    line = json.dumps(row, ensure_ascii=False, default=str)
                    obj, repairs = jsonvalues.loads(line)
                    report_repairs(repairs, warn, file.source, number, None)
                    yield from_object(file, number, None, obj, line, fields, warn)
        except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
            yield failed(file, Code.UNREADABLE_FILE, number + 1 if number else None, reason=e)


class BinaryText:
    """Bytes values of a file's columns as text. A column's encoding is decided once, from
    the values of the first batch that holds bytes that are not UTF-8 (one value is too short
    to tell an encoding by), so every row of a file is read alike."""

    SAMPLE_BYTES = 1 << 16

    def __init__(self, source: str, warn: WarningSink) -> None:
        self.source, self.warn = source, warn
        self.encodings: dict[str, str] = {}

    def decoded(self, batch: Any) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = batch.to_pylist()
        for name in batch.schema.names:
            values = [row[name] for row in rows if isinstance(row[name], bytes)]
            if not values:
                continue
            if name not in self.encodings and not all(is_utf8(v) for v in values):
                sample = b"\n".join(v for v in values if not is_utf8(v))[: self.SAMPLE_BYTES]
                self.encodings[name] = encoding = detect_encoding(sample)
                self.warn(Warn.BINARY_NOT_UTF8.entry(self.source, column=name, encoding=encoding))
            fallback = self.encodings.get(name, "utf-8")
            for row in rows:
                value = row[name]
                if isinstance(value, bytes):
                    row[name] = (
                        value.decode("utf-8")
                        if is_utf8(value)
                        else value.decode(fallback, errors="replace")
                    )
        return rows


def is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
