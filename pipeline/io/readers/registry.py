"""Which reader reads which file: format readers registered by suffix (datatrove's readers,
one class per format), looked up from a file's name once compression is taken off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pipeline.io.compression import format_suffix

if TYPE_CHECKING:
    from pipeline.io.readers.base import FormatReader

FORMATS: dict[str, type[FormatReader]] = {}
R = TypeVar("R", bound="type[FormatReader]")


def register(*suffixes: str) -> Callable[[R], R]:
    """Class decorator: `kind` reads files ending in each of `suffixes` (lower case, with the
    dot; `.gz` and the other compressions are taken off first)."""

    def add(kind: R) -> R:
        for suffix in suffixes:
            if suffix in FORMATS:
                raise ValueError(f"{suffix} is read by {FORMATS[suffix].__name__} already")
            FORMATS[suffix] = kind
        kind.suffixes = tuple(suffixes)
        return kind

    return add


def format_of(path: Path) -> type[FormatReader] | None:
    """The reader of `path`'s format, None when no reader takes it."""
    import pipeline.io.readers  # noqa: F401  (registers every format)

    return FORMATS.get(format_suffix(path))


def readable_suffixes() -> frozenset[str]:
    import pipeline.io.readers  # noqa: F401

    return frozenset(FORMATS)
