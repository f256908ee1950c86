"""Markdown (`.md`, `.markdown`): read one group of top-level blocks at a time
(`pipeline.io.markdown`), then segmented into records. The file is never held whole: a
Markdown book over 40 x `--max-chars` bytes is read like the same `.txt` (it was one E009);
only a top-level block over that bound fails (E009, where it starts). Its front matter is
bounded by the same bound (past it, W016: the rest of the block dropped as `markup`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pipeline.errors import Code, Warn
from pipeline.io.discover import InputFile
from pipeline.io.front_matter import front_matter
from pipeline.io.markdown import MARKDOWN, Oversize, markdown_blocks, references_of
from pipeline.io.readers.base import (
    FormatReader,
    Lines,
    WarningSink,
    failed,
    ignore_warning,
)
from pipeline.io.readers.markup import page_bound
from pipeline.io.readers.registry import register
from pipeline.io.segment.blocks import Block
from pipeline.record import Record

if TYPE_CHECKING:
    from pipeline.shards import Part


# the byte offsets of a file's first lines, kept for the warnings of a front matter's repeated
# keys (bounded: a longer front matter's later keys are warned without their byte)
STARTS_KEPT = 10_000


@register(*MARKDOWN)
class MarkdownReader(FormatReader):
    """A top-level block may hold at most the page bound of characters of Markdown (the bound
    on what the parser is given at once, `--max-page-bytes`, as for an HTML page); a larger
    one fails (E009). The bound followed `--max-chars` alone: lowering the limit on a record
    lost whole tables and lists of short rows (a 357 kB table at `--max-chars 5000`)."""

    record_ends = "paragraph"  # (at a compressed file's break: half a record is none)

    env: dict[str, Any] | None = None

    @property
    def line_bytes(self) -> int:
        return page_bound(self.settings)

    def read(self, part: Part, warn: WarningSink) -> Iterator[Record]:
        """A first pass collects the link reference definitions (they are often at the end of
        the file, and a group parsed before them would read `[text][id]` as it is written)."""
        self.env = references_of(d[:3:2] for d in self.lines(part, ignore_warning))
        yield from super().read(part, warn)

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        cap, max_chars = self.line_bytes, self.settings.max_chars
        over: list[Oversize] = []

        starts: dict[int, int] = {}  # where the first lines (front matter's) start

        def numbered() -> Iterator[tuple[int, str | None]]:
            for n, byte, text in lines:
                if len(starts) <= STARTS_KEPT:
                    starts[n] = byte
                yield n, text

        front, rest = front_matter(numbered(), cap)
        if front.cut is not None:
            warn(Warn.FRONT_MATTER_CUT.entry(file.source, front.cut, bound=cap))
        for key, line in front.repeated:
            warn(Warn.REPEATED_KEY.entry(file.source, line, starts.get(line), key=key, kept=""))

        def blocks() -> Iterator[Block]:
            yield from front.blocks
            for block in markdown_blocks(rest, cap, self.env):
                if isinstance(block, Oversize):
                    over.append(block)
                else:
                    yield block

        segment = self.settings.segmenter.segment
        yield from segment(blocks(), file.doc_id, file.source, max_chars, front.author)
        for block in over:
            size = f"a top-level Markdown block of more than {cap:,} characters"
            message = Code.TOO_LONG.message(size=size, limit=max_chars)
            message += " (--max-page-bytes raises the bound on a block)"
            yield failed(file, Code.TOO_LONG, block.number, message=message)
