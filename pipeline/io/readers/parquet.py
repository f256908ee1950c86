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
    column from its values over the whole file (`BinaryText`, with a warning)."""

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        file, fields = part.file, self.settings.fields
        try:
            import pyarrow.parquet as pq
        except ImportError:
            yield failed(
                file, Code.NEEDS_PACKAGE, suffix=".parquet", package="pyarrow",
                extra="parquet",
            )  # fmt: skip
            return
        number = 0
        try:
            binary = BinaryText.of(file.path, file.source, warn)
            for batch in pq.ParquetFile(file.path).iter_batches(batch_size=BATCH_ROWS):
                for row in binary.rows(batch):
                    number += 1
                    line = json.dumps(row, ensure_ascii=False, default=str)
                    obj, repairs = jsonvalues.loads(line)
                    report_repairs(repairs, warn, file.source, number, None)
                    yield from_object(file, number, None, obj, line, fields, warn)
        except (OSError, ValueError) as e:  # pyarrow.ArrowInvalid is a ValueError
            yield failed(file, Code.UNREADABLE_FILE, number + 1 if number else None, reason=e)


BATCH_ROWS = 1024


class BinaryText:
    """Bytes values of a file's columns as text, and its columns by unique names.

    A column's encoding is decided once, before any row is read, from the values that are not
    UTF-8 gathered over the whole file (up to `SAMPLE_BYTES` a column: one value is too short
    to tell an encoding by, and the first batch's are not the file's), so every row is read
    alike. Bytes inside lists and structs are decoded the same way. A name the schema repeats
    is kept as `NAME.1`, `NAME.2` (as JSONL and CSV keep them), with a warning."""

    SAMPLE_BYTES = 1 << 16

    def __init__(self, names: list[str], encodings: dict[int, str]) -> None:
        self.names, self.encodings = names, encodings

    @classmethod
    def of(cls, path: Any, source: str, warn: WarningSink) -> BinaryText:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(path)
        given = list(parquet.schema_arrow.names)
        names = [str(n) for n, _ in jsonvalues.unique_names((n, None) for n in given)]
        for original, name in zip(given, names, strict=True):
            if name != original:
                why = "the schema repeats this column name"
                warn(Warn.FIELD_RENAMED.entry(source, None, None, original=original,
                                              renamed=name, why=why))  # fmt: skip
        samples: dict[int, list[bytes]] = {}
        sizes: dict[int, int] = {}
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
            for i, column in enumerate(batch.columns):
                if not binary_type(column.type) or sizes.get(i, 0) >= cls.SAMPLE_BYTES:
                    continue
                for value in flat_bytes(column.to_pylist()):
                    if sizes.get(i, 0) < cls.SAMPLE_BYTES and not is_utf8(value):
                        samples.setdefault(i, []).append(value)
                        sizes[i] = sizes.get(i, 0) + len(value) + 1
        encodings = {}
        for i, values in sorted(samples.items()):
            encodings[i] = encoding = detect_encoding(b"\n".join(values))
            warn(Warn.BINARY_NOT_UTF8.entry(source, column=names[i], encoding=encoding))
        return cls(names, encodings)

    def rows(self, batch: Any) -> list[dict[str, Any]]:
        columns = [
            [as_text(v, self.encodings.get(i, "utf-8")) for v in column.to_pylist()]
            for i, column in enumerate(batch.columns)
        ]
        return [dict(zip(self.names, values, strict=True)) for values in zip(*columns, strict=True)]


def binary_type(kind: Any) -> bool:
    """Whether a column's type holds bytes anywhere (BINARY, in a list or a struct)."""
    import pyarrow as pa

    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        return True
    if pa.types.is_fixed_size_binary(kind):
        return True
    return any(binary_type(kind.field(i).type) for i in range(kind.num_fields))


def flat_bytes(values: Any) -> Iterator[bytes]:
    for value in values:
        if isinstance(value, bytes):
            yield value
        elif isinstance(value, list):
            yield from flat_bytes(value)
        elif isinstance(value, dict):
            yield from flat_bytes(list(value.values()))


def as_text(value: Any, encoding: str) -> Any:
    """Bytes as text (UTF-8 when they are, else the column's encoding), in lists and dicts too."""
    if isinstance(value, bytes):
        return value.decode("utf-8") if is_utf8(value) else value.decode(encoding, "replace")
    if isinstance(value, list):
        return [as_text(v, encoding) for v in value]
    if isinstance(value, dict):
        return {k: as_text(v, encoding) for k, v in value.items()}
    return value


def is_utf8(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
