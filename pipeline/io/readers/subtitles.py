"""Subtitles (`.srt` SubRip, `.vtt` WebVTT): each cue's text is a record.

A cue is an optional identifier (SubRip's number), a timing line (`start --> end`, then
WebVTT's settings) and its text lines, up to a blank line. The record's text is the cue's lines
as the cue shows them (joined by line breaks), without inline markup: `<i>`, `<b>`, `<u>`,
`<c.class>`, `<lang>`, `<ruby>`, karaoke timestamps, `<font ...>`, `{\\an8}` (WebVTT also
unescapes `&amp;` and the like). `<v Name>` names the speaker: `meta.speakers`. The start and
end go to `meta` (`HH:MM:SS.mmm`), with the identifier (`meta.cue`) and the timing line.

WebVTT's header, `NOTE`, `STYLE` and `REGION` blocks are no text: dropped, each with its
reason. Damage never swallows or invents a cue: a cue whose blank line is missing begins at its
timing line (the number just before it is its own); a timing line that does not parse fails
its cue (E014, with the line and the cue's lines); lines with no timing line before them fail
(E014) where they start. Bytes, BOMs, line ends and legacy encodings are the encoding module's.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType

from pipeline.errors import Code
from pipeline.io.compression import format_suffix
from pipeline.io.discover import InputFile
from pipeline.io.readers.base import FormatReader, Lines, WarningSink, failed, too_long_line
from pipeline.io.readers.registry import register
from pipeline.record import Location, Record, content_record, dropped_record

# a time: hours optional (WebVTT), one or more digits; a comma (SubRip) or a dot (WebVTT, and
# SubRip writers that follow it) before the milliseconds
TIME = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)[,.](\d{3})"
# the settings run to the text's end (any character: nothing after them to backtrack into),
# blanks stripped after the match: a lazy group before `\s*$` tried `\s*$` at each of its
# characters, O(k^2) in a run of blanks among them
TIMING = re.compile(rf"^\s*{TIME}\s*-->\s*{TIME}(?:[ \t]+(?P<settings>(?s:.*)))?\s*$")
# a line that means to be a timing line, whether or not it parses: an arrow, or a time with
# milliseconds and an arrow-like dash, or a time alone (its arrow and end lost)
TIMING_LIKE = re.compile(r"-->|^\s*[\d:,.]*\d\s*[-=]+>|^\s*(?:\d+:)?\d+:\d+[,.]\d+\s*(?:-+\s*)?$")
# a line that starts with a clock time to the fraction of a second: inside a SubRip cue, the
# next cue's timing line, damaged or not, whose blank line is missing (text is not written so)
CLOCK_START = re.compile(r"^\s*+(?:\d++:)++\d++[,.]\d")
NUMBER = re.compile(r"^\s*\d+\s*$")
# inline markup: a tag (`<i>`, `</c>`, `<c.yellow.bg>`, `<v.loud Ana>`, `<font color="x">`),
# a karaoke timestamp (`<00:01.500>`), an ASS/SSA override (`{\an8}`, `{\i1}`)
TAG = re.compile(r"</?[A-Za-z][\w.-]*(?:\s[^<>\n]*)?>|<\d+(?::\d+)+[.,]\d+>|\{\\[^{}\n]*\}")
# `<v Name>`: one blank, then everything to the `>` (stripped after): no two quantifiers over
# the same blanks, so a `<v` and a long run of blanks with no `>` costs the run, once
SPEAKER = re.compile(r"<v(?:\.[\w-]+)*\s([^<>\n]*)>")
VTT_BLOCKS = MappingProxyType({"NOTE": "note", "STYLE": "style", "REGION": "region"})
BLOCK_CHARS = 4  # x --max-chars: a block holding more (no blank line in sight) is cut there


Line = tuple[int, int, str | None]  # number, byte, text (None: a line too long to read)


@dataclass
class Block:
    """Lines between blank lines."""

    lines: list[Line] = field(default_factory=list)
    chars: int = 0


def milliseconds(groups: tuple[str | None, ...]) -> int:
    """A parsed time, in milliseconds."""
    hours, minutes, secs, millis = (int(g or 0) for g in groups)
    return ((hours * 60 + minutes) * 60 + secs) * 1000 + millis


def shown_time(ms: int) -> str:
    """Milliseconds as `HH:MM:SS.mmm`."""
    secs, millis = divmod(ms, 1000)
    minutes, secs = divmod(secs, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def cleaned(line: str, vtt: bool) -> tuple[str, list[str]]:
    """A cue line without its markup, and the speakers it names."""
    speakers = [name for m in SPEAKER.finditer(line) if (name := m.group(1).strip())]
    text = TAG.sub("", line)
    if vtt:
        text = html.unescape(text)
    return text.strip(), speakers


@register(".srt", ".vtt")
class SubtitleReader(FormatReader):
    """One record per cue; headers and comments dropped; damaged cues failed where they are."""

    record_ends = "paragraph"  # (a cue ends at a blank line)

    def read_lines(self, file: InputFile, lines: Lines, warn: WarningSink) -> Iterator[Record]:
        self.vtt = format_suffix(file.path) == ".vtt"
        self.seq = 0
        self.first = True
        block = Block()
        limit = BLOCK_CHARS * self.settings.max_chars
        for number, byte, text in lines:
            if text is not None and not text.strip():
                if block.lines:
                    yield from self.block(file, block)
                    block = Block()
                continue
            block.lines.append((number, byte, text))
            block.chars += len(text or "")
            if block.chars > limit:  # no blank line for too long: never held whole
                yield from self.block(file, block)
                block = Block()
        if block.lines:
            yield from self.block(file, block)

    def block(self, file: InputFile, block: Block) -> Iterator[Record]:
        """The records of one block: cues (several when blank lines are missing between them),
        a WebVTT header or comment block, lines with no timing line."""
        lines = block.lines
        first = self.first
        self.first = False
        head = (lines[0][2] or "").lstrip("\ufeff").split(maxsplit=1)
        kind = None
        if self.vtt and head:
            kind = "header" if first and head[0].startswith("WEBVTT") else VTT_BLOCKS.get(head[0])
        if kind is not None:  # up to a cue whose blank line is missing, if one is (the
            # opener's own line is the block's, arrow or not: a cue commented out as a NOTE)
            arrows = (i for i, (_, _, t) in enumerate(lines) if i and t and TIMING_LIKE.search(t))
            end = next(arrows, len(lines))
            end -= 1 < end < len(lines) and bool(NUMBER.match(lines[end - 1][2] or ""))
            yield self.dropped(file, lines[:end], kind)
            lines = lines[end:]
            if not lines:
                return
        starts = self.timing_lines(lines)
        # a cue starts at its timing line, or at the number just before it
        cuts = [i - 1 if i > 0 and NUMBER.match(lines[i - 1][2] or "") else i for i in starts]
        if not cuts or cuts[0] > 0:
            end = cuts[0] if cuts else len(lines)
            if end == 1 and starts[:1] == [1]:
                cuts[0] = 0  # one line before: an identifier (WebVTT's may be any words)
            else:
                yield self.orphan(file, lines[:end])
        for k, (cut, start) in enumerate(zip(cuts, starts, strict=True)):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(lines)
            yield self.cue(file, lines[cut:end], start - cut)

    def timing_lines(self, lines: list[Line]) -> list[int]:
        """Where the block's cues start: a line that means to be a timing line. In a SubRip cue
        whose timing line parsed, its text may hold an arrow ("A --> B", "10:30 --> 11:00"):
        there a line starts the next cue only if it begins with a clock time to the fraction
        of a second. (WebVTT's cue text may not hold an arrow: there an arrow starts a cue.)"""
        starts: list[int] = []
        in_cue = False
        for i, (_, _, text) in enumerate(lines):
            if text is None:
                continue
            parses = TIMING.match(text) is not None
            if in_cue and not self.vtt:
                starts_cue = parses or CLOCK_START.match(text) is not None
            else:
                starts_cue = TIMING_LIKE.search(text) is not None
            if starts_cue:
                starts.append(i)
                in_cue = parses
        return starts

    def cue(self, file: InputFile, lines: list[Line], at: int) -> Record:
        """One cue: its identifier (if any), its timing line at `at`, its text lines."""
        number, byte, timing = lines[at]
        raw = "\n".join(t or "" for _, _, t in lines[at:])
        if any(t is None for _, _, t in lines):
            too_long = next((n, b) for n, b, t in lines if t is None)
            return too_long_line(file, self.settings.max_chars, *too_long, self.line_bytes)
        assert timing is not None
        parsed = TIMING.match(timing)
        if parsed is None:
            problem = f"line {number}: {timing.strip()!r} is no timing line (start --> end)"
            return failed(file, Code.INVALID_CUE, number, raw, byte, problem=problem)
        start, end = milliseconds(parsed.groups()[:4]), milliseconds(parsed.groups()[4:8])
        if end < start:
            problem = (
                f"line {number}: it ends ({shown_time(end)}) before it starts ({shown_time(start)})"
            )
            return failed(file, Code.INVALID_CUE, number, raw, byte, problem=problem)
        texts: list[str] = []
        speakers: list[str] = []
        for _, _, line in lines[at + 1 :]:
            text, named = cleaned(line or "", self.vtt)
            speakers += [s for s in named if s not in speakers]
            if text:
                texts.append(text)
        meta: dict[str, object] = {"kind": "cue", "line": number}
        meta |= {"start": shown_time(start), "end": shown_time(end)}
        if at:
            meta["cue"] = (lines[0][2] or "").strip()
        if speakers:
            meta["speakers"] = speakers
        if settings := (parsed.group("settings") or "").rstrip():
            meta["settings"] = settings
        text = unicodedata.normalize("NFC", "\n".join(texts))
        if not text:
            return self.dropped(file, lines, "blank")
        record = content_record(
            file.doc_id, self.seq, text, meta, Location(file.source, number, byte)
        )
        self.seq += 1
        return record

    def orphan(self, file: InputFile, lines: list[Line]) -> Record:
        """Lines with no timing line before them (a cue whose timing line is lost)."""
        number, byte, _ = lines[0]
        raw = "\n".join(t or "" for _, _, t in lines)
        problem = f"line {number}: text with no timing line (start --> end) before it"
        return failed(file, Code.INVALID_CUE, number, raw, byte, problem=problem)

    def dropped(self, file: InputFile, lines: list[Line], why: str) -> Record:
        number, byte, _ = lines[0]
        text = "\n".join(t or "" for _, _, t in lines)
        return dropped_record(file.doc_id, text, why, Location(file.source, number, byte))
