"""A cast line's actor and part ("X Y as Louise", "X Y (le juge)", "X Y, dans le rôle de
Louise"): two names, never one, and the actor a person whatever the model reads (hostile46
F2, F6). The line's shape is the segmenter's (`io.segment.credits.cast_actor`), so the
mention's cut and the record's cut agree."""

from __future__ import annotations

import re

from pipeline.io.segment.credits import cast_actor

CAST_LINE_CHARS = 200  # a cast line is short: a longer line is prose, and never read here
WORD = re.compile(r"\S+")


def cast_parts(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Where the line starts, the actor's name ends and the part starts, when the
    span at [start, end) lies on a cast line: that line at most `CAST_LINE_CHARS` long (the
    line's bounds are looked for that far only: linear in the text)."""
    low = max(0, start - CAST_LINE_CHARS)
    begin = max(text.rfind("\n", low, start), text.rfind("\r", low, start)) + 1
    if begin == 0 and low > 0:
        return None
    stop = len(text)
    for mark in "\n\r":
        at = text.find(mark, end, end + CAST_LINE_CHARS)
        if at >= 0:
            stop = min(stop, at)
    if stop - begin > CAST_LINE_CHARS:
        return None
    words = list(WORD.finditer(text, begin, stop))
    found = cast_actor([w[0] for w in words])
    if found is None:
        return None
    name, part = found
    return begin, words[name - 1].end() - words[name - 1][0].endswith(","), words[part].start()


def cast_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span over a cast line's actor and its link or part, cut: the actor, and the part when
    the span reaches it ("X Y as Louise" → "X Y", "Louise"; "X Y as le" → "X Y")."""
    parts = cast_parts(text, start, end)
    if parts is None:
        return [(start, end)]
    _, actor_end, part_start = parts
    if not start < actor_end < end:
        return [(start, end)]
    pieces = [(start, actor_end)]
    if part_start < end:
        pieces.append((part_start, end))
    return pieces


def cast_actor_span(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is a cast line's actor, whole: its first word to its name's end."""
    parts = cast_parts(text, start, end)
    if parts is None:
        return False
    first = WORD.search(text, parts[0])
    return first is not None and first.start() == start and parts[1] == end
