"""Standard input as an input file: spooled to a temporary file (streamed, any size), named
`stdin.FORMAT` for the format its content shows (`kind_of`: JSON Lines, a JSON document,
HTML, Markdown, else text) or the one `--stdin-format` names.

The spool's folder is random, so a run's identity (`run/plan.py`, what `--resume` compares) names
a spooled file by `-` and its content digest, never by its path: the same bytes piped again
resume the interrupted run; other bytes are refused, saying so.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from lxml.html import defs as html_defs

from pipeline.io.compression import compression, format_suffix, open_bytes, packed
from pipeline.io.compression import head as content_head
from pipeline.io.encoding import BOMS, before_mark, wide_without_bom
from pipeline.io.seven_bit import read_iso2022

SNIFF_BYTES = 1 << 16
STDIN = "-"  # how a spooled file is placed in a run's identity


def spool(source: BinaryIO, kind: str | None = None, name: str = "stdin") -> Path:
    """Copy `source` to a new temporary file `NAME.FORMAT`, for its format (`kind`, a suffix
    without its dot, else decided from its head: `kind_of`; JSON Lines that is one line is a
    JSON document: `one_long_line`); return its path. Compressed
    content (gzip, bzip2, xz, zstd by their magic: `compression.packed`) is spooled as it
    came, `NAME.FORMAT.gz`, its format decided on its decompressed head, and read as any
    compressed file is (its units verified): it was refused as a binary file."""
    folder = Path(tempfile.mkdtemp(prefix=spool_prefix()))
    head = source.read(SNIFF_BYTES)
    suffix = packed(head)
    if suffix is not None:
        name = name.removesuffix(suffix)
        raw = folder / f"{name}{suffix}"  # (read as compressed by its suffix, for its head)
        with raw.open("wb") as f:
            f.write(head)
            shutil.copyfileobj(source, f)
        content = content_head(raw, SNIFF_BYTES)  # (the break of a damaged one is the reader's)
        inner = kind or kind_of(content, complete=len(content) < SNIFF_BYTES)
        if kind is None and inner == "jsonl" and one_long_line(raw, content):
            inner = "json"
        path = folder / f"{name}.{inner}{suffix}"
        raw.rename(path)
        return path
    given = kind
    kind = kind or kind_of(head, complete=len(head) < SNIFF_BYTES)
    path = folder / f"{name}.{kind}"
    with path.open("wb") as f:
        f.write(head)
        shutil.copyfileobj(source, f)
    if given is None and kind == "jsonl" and one_long_line(path, head):
        return respooled(path, f"{name}.json")
    return path


def respooled(path: Path, name: str) -> Path:
    """The spool file renamed `name` (its format decided after it was written)."""
    renamed = path.with_name(name)
    path.rename(renamed)
    return renamed


def one_long_line(path: Path, head: bytes) -> bool:
    """Whether content `kind_of` read as JSON Lines is one line and blanks: one JSON value,
    a document (a compact `{"data": [...]}` wrapper, however long its line), to be read as
    the `.json` reader reads it (a record alone reads the same either way). Read a chunk at
    a time, up to the first thing after that line (for JSON Lines, in the first chunk)."""
    encoding = head_encoding(head)
    if encoding is None:
        return False
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    phase = 0  # 0: blanks before the line, 1: in it, 2: after it
    with open_bytes(path) as f:
        while chunk := f.read(CHUNK):
            piece, at = decoder.decode(chunk), 0
            if phase == 0:
                at = len(piece) - len(piece.lstrip(BLANKS))
                phase = 1 if at < len(piece) else 0
            if phase == 1:
                end = LINE_END.search(piece, at)
                if end is None:
                    continue
                phase, at = 2, end.end()
            if piece[at:].strip(BLANKS):
                return False
    return True


LINE_END = re.compile(r"[\r\n]")
CHUNK = 1 << 20


def kind_of(head: bytes, complete: bool = False) -> str:
    """The format standard input's content shows, decoded as the file's reader will decode it
    (a byte-order mark of any UTF, UTF-16/32 without one); what `jq`, `curl` and `pandoc`
    pipe in is read as what it is, not as text pages of its syntax:

    - `jsonl` when the first line that is not blank (nor padding) is a JSON object (a line
      longer than the head, not `complete`, opening with `{"`), or when most of the head's
      lines are (an export with a comment or header line first: that line fails, E003);
    - `json` when the content opens a JSON document that is not one object a line: an array
      (`[` then a value), `jq .`'s pretty objects (`{` then a key or `}` on the next line);
    - `vtt` when it opens with `WEBVTT`, `srt` with a number then a SubRip timing line;
    - `xhtml` when it opens with an XML declaration followed (after comments and processing
      instructions) by an HTML doctype or `<html`: every XHTML 1.x page, an EPUB chapter;
    - `html` when it opens with a doctype, `<html`, `<head`, `<body`, a comment, or the
      start tag of any HTML element (`HTML_ELEMENTS`, a custom element's `x-y`) and shows no
      Markdown (a README opening with `<p align=center>` is Markdown);
    - `md` when it opens with front matter its parser reads as a mapping (YAML `---`, TOML
      `+++`, `io/front_matter`, as the Markdown reader reads it), or its lines show two kinds
      of Markdown (an ATX heading, a fence, a link `](`, strong `**`);
    - `txt` otherwise (a text page beginning `{Draft}` stays text: it opens no JSON).
    `--stdin-format` names the format when the content does not say."""
    text = head_text(head)
    body = text.lstrip(BLANKS)
    lines = [line for line in text.splitlines(keepends=True) if json_line(line)]
    if not lines:
        return "txt"
    if json_object_line(lines[0], complete):
        return "jsonl"
    if OPENS_JSON.match(body) and json_document(body, complete):
        return "json"
    whole = [line for line in lines if line.endswith(("\n", "\r")) or complete]
    if len(whole) >= 3 and sum(json_object_line(line, True) for line in whole) * 2 > len(whole):
        return "jsonl"
    if subtitles := subtitles_of(body):
        return subtitles
    if xhtml_prolog(body):
        return "xhtml"
    if OPENS_HTML.match(body):
        return "html"
    if front_matter_first(text):
        return "md"
    markdown = len(markdown_signs(lines)) >= 2
    if not markdown and html_element_first(body):
        return "html"
    return "md" if markdown else "txt"


# every element HTML names (lxml's list and what HTML5 added since), as its tag opens
HTML_ELEMENTS = frozenset(html_defs.tags) | {
    "template", "main", "picture", "slot", "dialog", "search", "data", "bdi", "xmp",
    "plaintext", "noembed", "noframes", "frame", "nobr", "rb", "rtc", "image", "menuitem",
}  # fmt: skip
START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*+(-[^\t\n\f\r />]*+)?+)[\t\n\f\r />]")
DOCUMENT_ROOT = re.compile(r"<!doctype[\t\n\f\r ]++html|<html[\t\n\f\r />]", re.IGNORECASE)


def html_element_first(body: str) -> bool:
    """Whether the content opens with an HTML element's start tag (a custom element's name
    holds a `-`)."""
    match = START_TAG.match(body)
    return match is not None and (bool(match.group(2)) or match.group(1).lower() in HTML_ELEMENTS)


def xhtml_prolog(body: str) -> bool:
    """Whether the content opens with an XML declaration, then (after blanks, comments and
    processing instructions: `<?xml-stylesheet?>`) an HTML doctype or root. Each skipped
    part is found by `str.find`: linear."""
    if not body.startswith("<?xml"):
        return False
    at = 0
    while True:
        at = BLANK_RUN.match(body, at).end()  # type: ignore[union-attr]  # (matches empty)
        if body.startswith("<?", at):
            end = body.find("?>", at + 2)
            at = end + 2 if end >= 0 else -1
        elif body.startswith("<!--", at):
            end = body.find("-->", at + 4)
            at = end + 3 if end >= 0 else -1
        else:
            return DOCUMENT_ROOT.match(body, at) is not None
        if at < 0:
            return False


def front_matter_first(text: str) -> bool:
    """Whether the content opens with front matter (YAML or TOML; a JSON block opens as
    JSON) closed within the head, read as the Markdown reader reads it."""
    from pipeline.io.front_matter import front_matter

    opening = text.lstrip("\ufeff")[:4].rstrip("\r\n")
    if opening not in ("---", "+++"):
        return False
    lines = enumerate(text.splitlines(), 1)
    found, _ = front_matter(((n, line) for n, line in lines), bound=len(text))
    return bool(list(found.blocks))


BLANKS = "\ufeff\x00\x1a \t\r\n\x0b\x0c\x1e"  # (as `readers.jsonl.BETWEEN_LINES`, RS too)
BLANK_RUN = re.compile(f"[{re.escape(BLANKS)}]*+")
WEBVTT = re.compile(r"WEBVTT(?:[ \t\r\n]|$)")


def subtitles_of(body: str) -> str | None:
    """`vtt` or `srt` when the content opens as WebVTT or SubRip subtitles do, else None."""
    from pipeline.io.readers.subtitles import NUMBER, TIMING

    if WEBVTT.match(body):
        return "vtt"
    first = body.splitlines()[:2]
    if len(first) == 2 and NUMBER.match(first[0]) and TIMING.match(first[1]):
        return "srt"
    return None


OPENS_OBJECT = re.compile(r'\{\s*+"')
# an array opening on a value, or an object opening on a key or closing: JSON's own shapes
OPENS_JSON = re.compile(r'\[\s*+[\[{"\]\-0-9tfn]|\{\s*+["}]')
# what opens an HTML document whatever follows; any other element's tag opens HTML when the
# head shows no Markdown (`html_element_first`)
OPENS_HTML = re.compile(r"<(?:!doctype\s++html|html|head|body|meta|title|!--)[\s>/]", re.I)
ATX_HEADING = re.compile(r"#{1,6}[ \t]")


def json_line(line: str) -> str:
    from pipeline.io.readers.jsonl import json_line as body  # (the readers import this)

    return body(line)


def json_object_line(line: str, complete: bool) -> bool:
    """Whether the line is one JSON object (cut by the head's end: opens like one)."""
    body = json_line(line)
    if not (line.endswith(("\n", "\r")) or complete):
        return OPENS_OBJECT.match(body) is not None
    try:
        return isinstance(json.loads(body), dict)
    except RecursionError:  # nested past the parser's depth: an object if it looks like one
        return OPENS_OBJECT.match(body) is not None
    except ValueError:
        return False


def json_document(body: str, complete: bool) -> bool:
    """Whether the head reads as JSON to its end (or to where the head cuts a value): every
    value in it parses (`[1] Introduction` opens like an array, and is text)."""
    from pipeline.io.json_stream import Scanner

    scanner = Scanner(bound=len(body) + 1)
    values = [v for n, line in enumerate(body.split("\n"), 1) for v in scanner.feed(n, 0, line)]
    if complete:
        values += scanner.end()
    return all(value.problem is None and parses(value.text) for value in values)


def parses(text: str) -> bool:
    try:
        json.loads(text)
    except RecursionError:
        return True  # JSON nested past the parser's depth: the reader says so (E003)
    except ValueError:
        return False
    return True


def markdown_signs(lines: list[str]) -> set[str]:
    """The kinds of Markdown the lines show (each found by a plain test: linear)."""
    signs: set[str] = set()
    for line in lines:
        stripped = line.lstrip(" ")
        if ATX_HEADING.match(stripped):
            signs.add("heading")
        if stripped.startswith(("```", "~~~")):
            signs.add("fence")
        if "](" in line:
            signs.add("link")
        if "**" in line:
            signs.add("strong")
    return signs


def head_text(head: bytes) -> str:
    """The head of the stream as text, in the encoding its bytes show (BOM, UTF-16/32's NULs),
    else UTF-8 (invalid bytes replaced: only the first characters matter)."""
    encoding = head_encoding(head)
    if encoding is None:
        return read_iso2022(head)  # ISO-2022 lines, read as the file will be (`seven_bit`)
    return head.decode(encoding, errors="replace")


def head_encoding(head: bytes) -> str | None:
    """The codec the head's bytes show (a BOM, UTF-16/32's NULs), else UTF-8; None for the
    7-bit escape encodings (read a line at a time: `seven_bit`)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), *BOMS):
        if head.startswith(bom):
            return encoding
    wide = wide_without_bom(before_mark(head[:SNIFF_WIDE]))  # (a part after a BOM: `switches`)
    if wide is None and (b"\x1b" in head or b"\x0e" in head):
        return None
    return wide or "utf-8"


SNIFF_WIDE = 8192  # as `encoding.file_layout` sniffs it


def spool_pipe(path: Path, readable: frozenset[str]) -> Path:
    """A pipe named as an input (`<(zcat x.jsonl.gz)`, a named FIFO) spooled as standard input
    is: it can be read once only, and readers read a file twice (its encoding, then its
    records). Its format is its name's suffix when the pipeline reads that one, else its
    content's (`/dev/fd/63` has none). It was refused, E008, though the user named it."""
    suffix = format_suffix(path)  # (`x.jsonl.gz`: its content's, spooled compressed)
    kind = suffix[1:] if suffix in readable else None
    name = path.name
    if kind:
        name = Path(path.stem).stem if compression(path) else path.stem
    with path.open("rb") as source:
        return spool(source, kind, name)


def is_pipe(path: Path) -> bool:
    """Whether `path` is a pipe (a FIFO, a process substitution's `/dev/fd/N`)."""
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False


def spool_prefix() -> str:
    """How this process's spool folders' names start (in the temporary folder): `is_spooled`
    and `remove_spools` know its spools by their folder, so nothing keeps a list of them, and
    another process's (a second run's, a crashed one's) are never taken for this one's."""
    return f"pipeline-stdin-{os.getpid()}-"


def is_spooled(path: Path) -> bool:
    """Whether `path` is a spool file of this process's (`spool`)."""
    folder = path.absolute().parent
    return folder.name.startswith(spool_prefix()) and folder.parent == Path(tempfile.gettempdir())


def remove_spools() -> None:
    """Remove this process's spool files, with their folders."""
    for folder in Path(tempfile.gettempdir()).glob(f"{spool_prefix()}*"):
        shutil.rmtree(folder, ignore_errors=True)
