"""What went wrong in a run, grouped by reason: failed records (errors.jsonl), dropped lines
(dropped.jsonl) and warnings (warnings.jsonl), each group with its count and its first entry
as an example.

A reader of "failed 20" wants the few reasons behind the number, not twenty lines: the
end-of-run summary and the top of the report show these groups. A failure's reason is its
code plus the class of its message: the message with what varies from record to record
(quoted names, numbers, URLs) replaced by `…`/`N`, so `invalid JSON: Expecting ',' delimiter:
line 1 column 9 (char 8)` and the same at column 31 are one reason, while `field 'text' is
missing` and `field 'text' is empty` are two. A dropped line's reason is its first word, as
`accounting` counts it (`duplicate of r3` is `duplicate`). Groups come in a fixed order (most
entries first, then code, then reason) and each example is the first entry of its group in
file order, so the same run always shows the same summary.

Memory is bounded by the number of reasons, never the number of entries: past `max_groups`
distinct reasons of one kind, further new ones share one group per code ("other reasons").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import Warn
from pipeline.io.writers import DROPPED, ERRORS, WARNINGS
from pipeline.safe_text import safe, safe_path

MAX_GROUPS = 200  # distinct reasons kept per file; more share "other reasons" per code
EXAMPLE_CHARS = 200  # of an entry's input text, shown beside its reason
REASON_CHARS = 160  # a message class longer than this is cut (with …)
OTHER = "other reasons"

URL = re.compile(r"(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)  # from a run's start
QUOTED = re.compile(r"""(?<!\w)'[^'\n]{0,300}'(?!\w)|(?<!\w)"[^"\n]{0,300}"(?!\w)""")
QUOTED_LIST = re.compile(r"'…'(?:, '…')+")
NUMBER = re.compile(r"(?<![\w.-])\d(?:[\d,._]*\d)?")
SPACES = re.compile(r"\s+")


def message_class(message: str) -> str:
    """`message` with what varies between records of one reason made generic: URLs, quoted
    values (a list of them is one), numbers. What is left names the reason."""
    text = URL.sub("<url>", message)
    text = QUOTED.sub("'…'", text)
    text = QUOTED_LIST.sub("'…'", text)
    text = NUMBER.sub("N", text)
    text = SPACES.sub(" ", text).strip()
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def where(entry: dict[str, Any]) -> str:
    """`source:line` of an entry (only the source when the whole file is meant)."""
    line = entry.get("line")
    return f"{entry.get('source')}" + (f":{line}" if line is not None else "")


@dataclass
class Group:
    """One reason: `code` (E0xx, W0xx, or a dropped line's reason), the reason in words, how
    many entries have it, and the first of them (`example`); `entries` keeps up to `keep` of
    them for a page to list."""

    code: str
    reason: str
    count: int = 0
    example: dict[str, Any] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


def shown(entry: dict[str, Any]) -> dict[str, Any]:
    """What a person needs of an entry: its id, where it came from, what it said, its input."""
    text = str(entry.get("text", ""))
    return {
        "id": entry.get("id"),
        "where": where(entry),
        "message": entry.get("message") or entry.get("reason"),
        "text": text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…",
    }


def grouped(
    entries: Iterable[dict[str, Any]],
    kind: str,
    keep: int = 0,
    max_groups: int = MAX_GROUPS,
) -> list[Group]:
    """`entries` of one file grouped by reason (`kind`: "error", "warning" or "dropped"), in
    a fixed order: most entries first, then code, then reason."""
    groups: dict[tuple[str, str], Group] = {}
    for entry in entries:
        code, reason = key_of(entry, kind)
        group = groups.get((code, reason))
        if group is None:
            if len(groups) >= max_groups:
                reason = OTHER
                group = groups.get((code, reason))
            if group is None:
                group = groups[code, reason] = Group(code, reason, example=shown(entry))
        group.count += 1
        if len(group.entries) < keep:
            group.entries.append(shown(entry))
    return sorted(groups.values(), key=lambda g: (-g.count, g.code, g.reason))


def key_of(entry: dict[str, Any], kind: str) -> tuple[str, str]:
    """The reason an entry is grouped by: (code, message class), or a dropped line's reason."""
    if kind == "dropped":
        reason = str(entry.get("reason") or "")
        return reason.split(" ", 1)[0], ""
    stage = entry.get("stage")
    message = message_class(str(entry.get("message", "")))
    return str(entry.get("code")), (f"{stage}: {message}" if stage else message)


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The entries of an output file (none if the file is not there)."""
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def failures(out_dir: Path, keep: int = 0) -> list[Group]:
    return grouped(read_jsonl(out_dir / ERRORS), "error", keep)


def dropped(out_dir: Path, keep: int = 0) -> list[Group]:
    return grouped(read_jsonl(out_dir / DROPPED), "dropped", keep)


def warnings(out_dir: Path, keep: int = 0) -> list[Group]:
    return grouped(read_jsonl(out_dir / WARNINGS), "warning", keep)


def summary_lines(folder: Path, counts: dict[str, Any], most: int = 10) -> list[str]:
    """The end-of-run summary's lines under `read N, written N, dropped N, failed N`: the
    failures by reason (count, code, reason, the first one's place and id), then the dropped
    lines by reason, on the terminal (made `safe`) and in run.log."""
    lines = []
    if counts.get("failed"):
        groups = failures(folder)
        lines.append(f"  failed {counts['failed']}, by reason:")
        for g in groups[:most]:
            example = g.example
            at = f"{example['where']}" + (f" id {example['id']}" if example.get("id") else "")
            lines.append(f"    {g.count:>6}  {g.code} {safe(g.reason)} (first: {safe(at)})")
        if len(groups) > most:
            rest = sum(g.count for g in groups[most:])
            lines.append(f"    {rest:>6}  for {len(groups) - most} more reasons: see {ERRORS}")
    reasons: dict[str, int] = counts.get("dropped_by_reason", {})
    if reasons:
        ranked = sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        detail = "; ".join(f"{safe(reason)} ({n})" for reason, n in ranked)
        lines.append(f"  dropped {sum(reasons.values())}: {detail}")
    if counts.get("warnings", {}).get(Warn.NO_RECORD.value):
        lines.append(empty_files(folder))
    return lines


def empty_files(folder: Path, most: int = 3) -> str:
    """The summary's line for the input files that gave no record (W015): how many, the first."""
    sources = [
        e["source"] for e in read_jsonl(folder / WARNINGS) if e.get("code") == Warn.NO_RECORD.value
    ]
    shown = ", ".join(safe(s) for s in sources[:most]) + (" …" if len(sources) > most else "")
    return f"  no record from {len(sources)} file(s): {shown} ({Warn.NO_RECORD.value}, {WARNINGS})"


def first_error(path: Path) -> str | None:
    """The first error's location and message, to say why nothing was read."""
    try:
        with path.open(encoding="utf-8") as f:
            row = json.loads(f.readline() or "null")
    except (OSError, ValueError):
        return None
    return f"{safe(where(row))}: {safe(row['message'])}" if row else None


def unread_files(folder: Path, out_dir: Path, most: int = 20) -> Iterator[str]:
    """One line per input file the run could not read (unsupported, binary, unreadable, link
    leaving the tree, FIFO): named on the terminal, not only in errors.jsonl."""
    shown = 0
    with (folder / ERRORS).open(encoding="utf-8") as f:
        for raw in f:
            entry = json.loads(raw)
            if entry.get("stage") != "read" or entry.get("line") is not None:
                continue
            if shown == most:
                yield f"  ... more files not read: see {safe_path(out_dir / ERRORS)}"
                return
            shown += 1
            yield f"not read: {safe(entry['source'])}: {safe(entry['message'])} ({entry['code']})"
