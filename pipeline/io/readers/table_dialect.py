"""A delimited file's delimiter, decided once per file before its rows are read.

Excel writes `;` in locales whose decimal mark is a comma (FR, DE, IT, ...), and `sep=;` as a
first line to say so; "Unicode text" is tab-separated UTF-16 under any suffix; exports from
databases use `|`. A `.csv` of `id;text` rows was read with commas: no record (every row a
"missing field" error). Here the delimiter is, in order: the one the user gave (`--delimiter`),
the file's `sep=X` hint line (Excel), or the one of `,` `;` tab `|` under which the most
sample rows have the header's width (two or more cells), the format's own on a tie: the
consistency measure of clevercsv and `csv.Sniffer`'s idea, on whole rows read by the reader's
own tokenizer (a quoted cell may hold the other delimiters and line breaks). One-column files
keep the format's delimiter (no candidate splits the header)."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.io.readers.table_rows import BOM, QUOTE, RowScan

CANDIDATES = (",", ";", "\t", "|")
SAMPLE_ROWS = 200  # rows read from the start of the file to decide
SAMPLE_CHARS = 1 << 18  # and at most this many characters of it (cost bounded per file)
NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}


def named(value: str) -> str:
    """The delimiter `--delimiter` names: one character, or `tab`/`\\t`, `comma`, `semicolon`,
    `pipe`, `space`. ValueError for anything else (a delimiter is one character, as in the
    csv module)."""
    character = NAMES.get(value.strip().lower(), value)
    if len(character) != 1 or character in (QUOTE, "\r", "\n"):
        raise ValueError(
            f"{value!r} is no delimiter: give one character other than a quote or a line end "
            "(or tab, comma, semicolon, pipe, space)"
        )
    return character


def hint(text: str | None) -> str | None:
    """The delimiter a `sep=X` line names (Excel writes and reads it as the file's first line;
    some tools quote it: `"sep=;"`), else None."""
    if text is None:
        return None
    line = text.lstrip(BOM).rstrip("\r\n")  # not blanks: `sep=\t` names a tab
    if len(line) == 7 and line[0] == line[-1] == QUOTE:
        line = line[1:-1]
    if len(line) == 5 and line[:4].lower() == "sep=" and line[4] not in (QUOTE, " "):
        return line[4]
    return None


def sniff(lines: Iterable[str | None], default: str, quoted: bool = True) -> str:
    """The candidate delimiter under which the most of the sample's rows (a header of two or
    more cells and the rows of its width) read; `default` unless another does strictly
    better."""
    sample: list[str] = []
    chars = 0
    for text in lines:
        if text is None:
            break
        if not sample and not text.strip():
            continue
        sample.append(text)
        chars += len(text)
        if len(sample) > SAMPLE_ROWS or chars > SAMPLE_CHARS:
            break
    if sample and hint(sample[0]) is not None:
        sample = sample[1:]
    while len(sample) > 1 and sample[0].lstrip().startswith("#"):
        sample = sample[1:]  # comment lines before the header (`table.comment_lines`)
    scores = {d: consistent_rows(sample, d, quoted) for d in CANDIDATES}
    best = max(CANDIDATES, key=lambda d: (scores[d], d == default))
    return best if scores[best] > scores.get(default, 0) else default


def consistent_rows(sample: list[str], delimiter: str, quoted: bool) -> int:
    """How many rows of `sample` (the header first) have the header's width under
    `delimiter`: 0 when the header is one cell (nothing says the delimiter splits it)."""
    width, count = 0, 0
    scan: RowScan | None = None
    for text in sample:
        scan = scan or RowScan(delimiter, quoted, SAMPLE_CHARS)
        scan.feed(text, "\n")
        if scan.error is not None:  # a quote closed badly: no row under this delimiter
            if not width:
                return 0
            scan = None
            continue
        if not scan.done:
            continue
        cells, scan = scan.cells, None
        if not width:
            if len(cells) < 2:
                return 0
            width = len(cells)
        count += len(cells) == width
    return count
