"""A delimited file's delimiter, decided once per file before its rows are read.

Excel writes `;` in locales whose decimal mark is a comma (FR, DE, IT, ...), and `sep=;` as a
first line to say so; "Unicode text" is tab-separated UTF-16 under any suffix; exports from
databases use `|`. A `.csv` of `id;text` rows was read with commas: no record (every row a
"missing field" error). Here the delimiter is, in order: the one the user gave (`--delimiter`),
the file's `sep=X` hint line (Excel), or the one of `,` `;` tab `|` under which the most
sample rows have the header's width (two or more cells), the format's own on a tie: the
consistency measure of clevercsv and `csv.Sniffer`'s idea, on whole rows read by the reader's
own tokenizer (a quoted cell may hold the other delimiters and line breaks). One-column files
keep the format's delimiter (no candidate splits the header).

The quote is `"` unless the user names another (`--quote-char`, `quote_named`); the escape is
the one the user names (`--escape-char`, `escape_named`), else a backslash when the file's
first rows read by it and not without it (`escape_of`: MySQL's `\\"`, PostgreSQL's CSV with
`ESCAPE '\\'`), else none."""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

from pipeline.io.readers.table_rows import BOM, QUOTE, RFC4180, Marks, RowScan

CANDIDATES = (",", ";", "\t", "|")
SAMPLE_ROWS = 200  # rows read from the start of the file to decide
SAMPLE_CHARS = 1 << 18  # and at most this many characters of it (cost bounded per file)
NAMES = MappingProxyType(
    {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
)


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


NO_MARK = ("none", "")  # `--quote-char none`: quotes are text; `--escape-char none`: no escape
MARK_NAMES = MappingProxyType({"double": '"', "single": "'", "backslash": "\\", "\\\\": "\\"})


def mark_named(value: str, what: str) -> str:
    """The quote or escape character an option names: one character (or `double`, `single`,
    `backslash`), "" for `none`. ValueError for anything else, a line end, or a blank."""
    key = value.strip().lower() if value.strip() else value
    if key in NO_MARK:
        return ""
    character = MARK_NAMES.get(key, value)
    if len(character) != 1 or character in ("\r", "\n") or character.isspace():
        raise ValueError(
            f"{value!r} is no {what} character: give one character other than a blank or a "
            "line end (or double, single, backslash, none)"
        )
    return character


def quote_named(value: str) -> str:
    """`--quote-char`: `"` (RFC 4180, Excel), `'`, any one character; `none`: quotes are text."""
    return mark_named(value, "quote")


def escape_named(value: str) -> str:
    """`--escape-char`: `\\` (MySQL, PostgreSQL, pandas' `escapechar`), any one character;
    `none`: no escape (a backslash is text, never decided per file)."""
    return mark_named(value, "escape")


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


def sniff(
    lines: Iterable[str | None], default: str, quoted: bool = True, marks: Marks = RFC4180
) -> str:
    """The candidate delimiter under which the most of the sample's rows (a header of two or
    more cells and the rows of its width) read; `default` unless another does strictly
    better."""
    sample = sample_rows(lines)
    scores = {d: consistent_rows(sample, d, quoted, marks) for d in CANDIDATES if d != marks.quote}
    best = max(scores, key=lambda d: (scores[d], d == default))
    return best if scores[best] > scores.get(default, 0) else default


def sample_rows(lines: Iterable[str | None]) -> list[str]:
    """The first lines of the file a dialect is decided on: no blank lines before the first,
    no `sep=` hint, no `#` comment lines before the header."""
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
    return sample


def consistent_rows(sample: list[str], delimiter: str, quoted: bool, marks: Marks = RFC4180) -> int:
    """How many rows of `sample` (the header first) have the header's width under
    `delimiter`: 0 when the header is one cell (nothing says the delimiter splits it)."""
    return row_widths(sample, delimiter, quoted, marks)[0]


def row_widths(sample: list[str], delimiter: str, quoted: bool, marks: Marks) -> tuple[int, int]:
    """The rows of `sample` (the header first) that have the header's width, and those that
    do not or whose quotes close badly; (0, 0) when the header is one cell or does not read.
    A row still open where the sample ends is neither."""
    width, count, other = 0, 0, 0
    scan: RowScan | None = None
    for text in sample:
        if scan is None and not text.strip():
            continue  # a blank line is no row (`table.CsvReader.outcomes`)
        scan = scan or RowScan(delimiter, quoted, SAMPLE_CHARS, marks=marks)
        scan.feed(text, "\n")
        if scan.error is not None:  # a quote closed badly: no row under this delimiter
            if not width:
                return 0, 0
            scan, other = None, other + 1
            continue
        if not scan.done:
            continue
        cells, scan = scan.cells, None
        if not width:
            if len(cells) < 2:
                return 0, 0
            width = len(cells)
        count += len(cells) == width
        other += len(cells) != width
    return count, other


BACKSLASH = "\\"
DAMAGED_SHARE = 10  # a file read with an escape may hold a damaged row in this many
# a backslash and what it escapes, as MySQL's `INTO OUTFILE` writes them (itself, the quote,
# the delimiter, a line end, NUL as `\\0`, NULL as `\\N`) and the csv module (the first four)
ESCAPED = re.compile(r"\\(.?)", re.DOTALL)


def escape_of(lines: Iterable[str | None], delimiter: str, quoted: bool, quote: str = QUOTE) -> str:
    """A backslash when the file's first rows show that it escapes (MySQL's `INTO OUTFILE`
    and `mysqldump --tab`, PostgreSQL's CSV with `ESCAPE '\\'`, `csv.writer(escapechar=
    '\\', doublequote=False)`): read with it every row has the header's width, and read
    without it fewer do (a `\\"` closed a cell early, a `\\,` split one). Else "": a file
    that reads as well either way keeps its backslashes as text (Excel's `"C:\\dir\\"`,
    a Windows path), and a file whose backslashes change no row's shape is read as written
    (`\\\\` stays two: give `--escape-char`). Measured on generated exports of seven
    dialects (tests/test_table_dialects.py): never chosen for a file that does not escape. A
    backslash before any other character (a letter: `C:\\dir`) is text: no writer that
    escapes writes one (a single-quoted file, read with `"`, had rows that read by chance)."""
    sample = sample_rows(lines)
    if not any(BACKSLASH in text for text in sample):
        return ""
    escaped = {BACKSLASH, quote, delimiter, "", "0", "N"}
    if any(m.group(1) not in escaped for text in sample for m in ESCAPED.finditer(text)):
        return ""  # a backslash before a letter: `C:\\dir`, text (writers escape only these)
    good, bad = row_widths(sample, delimiter, quoted, Marks(quote))
    escaped_good, escaped_bad = row_widths(sample, delimiter, quoted, Marks(quote, BACKSLASH))
    fewer = escaped_bad < bad and escaped_bad * DAMAGED_SHARE <= escaped_good
    return BACKSLASH if escaped_good >= 2 and fewer and escaped_good > good else ""
