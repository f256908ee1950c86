"""Parquet (`.parquet`, needs pyarrow): one record per row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pipeline.errors import Code
from pipeline.io import jsonvalues
from pipeline.io.readers.base import FormatReader, WarningSink, failed
from pipeline.io.readers.objects import from_object, report_repairs
from pipeline.io.readers.registry import register
from pipeline.record import Record

if TYPE_CHECKING:
    from pipeline.shards import Part


@register(".parquet")
class ParquetReader(FormatReader):
    """One record per row (pyarrow, a row group at a time); `line` is the row's number.
    Values JSON cannot hold (dates, bytes) go to `meta` as text, NaN and infinities as null
    (`jsonvalues`, with a warning)."""

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
            for batch in pq.ParquetFile(file.path).iter_batches(batch_size=1024):
                for row in batch.to_pylist():
                    number += 1
                    line = json.dumps(row, ensure_ascii=False, default=str)
                    obj, repairs = jsonvalues.loads(line)
                    report_repairs(repairs, warn, file.source, number, None)
                    yield from_object(file, number, None, obj, line, fields, warn)
        except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
            yield failed(file, Code.UNREADABLE_FILE, number + 1 if number else None, reason=e)
