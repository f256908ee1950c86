"""The duplicate clusters of a run, for the report: largest first, each member's id and its
text with the words that differ from the cluster's first record highlighted.

A cluster is read back from the outputs, as a person would: `meta.near_duplicate_of` /
`meta.duplicate_of` in corpus.jsonl (mark), or the reason `near duplicate of ID` / `duplicate
of ID` in dropped.jsonl (drop). Two reads of the outputs: the members of each first record,
then the texts of the clusters shown only (at most `MAX_CLUSTERS` × `MAX_MEMBERS`), so the
report's memory follows what it shows plus one id pair per duplicate.

What is shown cannot rearrange the page: ids are `safe_text.safe` (every control, format or
bidi character an escape), the explicit bidi controls of a text (embeddings, overrides,
isolates: by their Unicode bidi class) are escapes, and a highlighted difference shows
every invisible character it holds as an escape, so a copy that differs by a zero-width
space or an override shows what differs; the template isolates each id and piece (`<bdi>`).
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import regex

from pipeline.minhash import folded
from pipeline.safe_text import escaped, safe

MAX_CLUSTERS = 100
MAX_MEMBERS = 20
# Token pairs difflib may compare in the part of a member that differs from its first record
# (its common start and end taken off first, linearly): beyond, each token is highlighted by
# whether the first record's differing part holds it at all (linear), as difflib with its
# junk heuristic off is quadratic in a long record's length.
DIFF_BUDGET = 1_000_000
# Past it, the texts are matched at runs of `ANCHOR` tokens (words and blanks) each writes
# once, the parts between at runs half as wide, down to `MIN_ANCHOR`, each part diffed
# exactly when the product of its lengths is within `GAP_BUDGET`.
ANCHOR, MIN_ANCHOR, GAP_BUDGET = 16, 2, 40_000
TOKENS = regex.compile(r"\s+|\w+|[^\w\s]")
WORD = regex.compile(r"\w")  # a run between spaces that is a word (a gap counts them)
AROUND = 64  # tokens looked at around a gap for the words it cuts into
REASONS = (("near duplicate of ", "near"), ("duplicate of ", "exact"))
FIELDS = (("near_duplicate_of", "near"), ("duplicate_of", "exact"))
# The explicit bidi formatting classes: an embedding, override or isolate changes the
# direction of what follows it, up to its end or the paragraph's.
BIDI_CONTROLS = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def without_bidi_controls(text: str) -> str:
    """`text` with each explicit bidi control shown as an escape; other characters kept."""
    if text.isascii():
        return text
    return "".join(escaped(c) if unicodedata.bidirectional(c) in BIDI_CONTROLS else c for c in text)


def as_shown(differs: bool | None, piece: str) -> tuple[bool | None, str]:
    """A piece as the report shows it: a difference with every invisible character an
    escape (`safe_text.safe`, keeping line ends), a gap's label as it is, the rest without
    bidi controls."""
    if differs is None:
        return differs, piece
    return differs, safe(piece, layout=True) if differs else without_bidi_controls(piece)


def first_of(row: dict[str, Any], dropped: bool) -> tuple[str, str] | None:
    """(first record's id, "near" or "exact") if the row is a duplicate."""
    if dropped:
        reason = str(row.get("reason") or "")
        for prefix, kind in REASONS:
            if reason.startswith(prefix):
                return reason[len(prefix) :], kind
        return None
    meta = row.get("meta") or {}
    for field, kind in FIELDS:
        if field in meta:
            return str(meta[field]), kind
    return None


Rows = Callable[[], Iterable[dict[str, Any]]]


def duplicate_clusters(corpus: Rows, dropped: Rows) -> list[dict[str, Any]]:
    """The clusters shown; `corpus` and `dropped` give the rows of each file (read twice)."""
    members: dict[tuple[str, str], list[str]] = {}
    for rows, is_dropped in ((corpus(), False), (dropped(), True)):
        for row in rows:
            found = first_of(row, is_dropped)
            if found:
                members.setdefault(found, []).append(str(row.get("id")))
    if not members:
        return []
    ranked = sorted(members.items(), key=lambda kv: (-len(kv[1]), kv[0][1], kv[0][0]))
    shown = ranked[:MAX_CLUSTERS]
    wanted = {first for (first, _), _ in shown} | {m for _, ms in shown for m in ms[:MAX_MEMBERS]}
    texts: dict[str, str] = {}
    for rows in (corpus(), dropped()):
        for row in rows:
            key = str(row.get("id"))
            if key in wanted and key not in texts:
                texts[key] = str(row.get("text", ""))
    clusters = []
    for (first, kind), ids in shown:
        base = texts.get(first, "")
        clusters.append(
            {
                "first": safe(first),
                "kind": kind,
                "size": len(ids) + 1,
                "text": without_bidi_controls(base),
                "members": [
                    {
                        "id": safe(m),
                        "parts": [as_shown(*part) for part in differing(base, texts.get(m, ""))],
                    }
                    for m in ids[:MAX_MEMBERS]
                ],
                "more": max(0, len(ids) - MAX_MEMBERS),
            }
        )
    return clusters


def compared(tokens: list[str]) -> list[str]:
    """Tokens as duplicates compare them (`minhash.folded`: NFKC, case folded, no accents),
    so a copy in capitals, in NFD or in full-width forms lights up nothing but what it
    changed; a format character is kept, to be shown where it is the difference."""
    return [folded(t) for t in tokens]


def opcodes(theirs: list[str], ours: list[str]) -> Iterator[tuple[str, int, int, int, int]]:
    """(op, start, end, their start, their end): ours[start:end] against theirs[their
    start:their end], "equal" where they match; "delete" where ours lacks theirs' tokens.
    The common start and end are matched first; the middle by difflib within `DIFF_BUDGET`,
    else by anchors (`anchored`), so every difference has its place however long the texts."""
    head = 0
    limit = min(len(theirs), len(ours))
    while head < limit and theirs[head] == ours[head]:
        head += 1
    tail = 0
    while tail < limit - head and theirs[-1 - tail] == ours[-1 - tail]:
        tail += 1
    yield "equal", 0, head, 0, head
    yield from anchored(theirs, ours, head, len(theirs) - tail, head, len(ours) - tail, ANCHOR)
    yield "equal", len(ours) - tail, len(ours), len(theirs) - tail, len(theirs)


def anchored(
    theirs: list[str],
    ours: list[str],
    their_start: int,
    their_end: int,
    start: int,
    end: int,
    width: int,
    budget: int = DIFF_BUDGET,
) -> Iterator[tuple[str, int, int, int, int]]:
    """The opcodes of ours[start:end] against theirs[their_start:their_end]: by difflib when
    the two are short (their product within `budget`); else matched at the runs of `width`
    tokens each writes once (a patience diff: the longest chain of such anchors in the same
    order, O(n log n)), each extended while the tokens agree, and the parts between diffed
    the same way with narrower anchors (within `GAP_BUDGET`); a part with no anchor even
    `MIN_ANCHOR` wide is a replacement whole: its words highlighted, the first record's
    counted in a gap. Linear in the tokens for near copies."""
    other, mine = theirs[their_start:their_end], ours[start:end]
    if not other or not mine or len(other) * len(mine) <= budget:
        if other or mine:
            matcher = difflib.SequenceMatcher(None, other, mine, autojunk=False)
            for op, one, two, three, four in matcher.get_opcodes():
                yield op, start + three, start + four, their_start + one, their_start + two
        return
    chain = anchors(other, mine, width) if width >= MIN_ANCHOR else []
    if not chain:  # the first record's words a gap, ours highlighted
        yield "delete", start, start, their_start, their_end
        yield "insert", start, end, their_end, their_end
        return
    at_theirs, at_ours = 0, 0
    for one, two in chain:
        if one < at_theirs or two < at_ours:
            continue  # inside the run the anchor before was extended over
        back = 0  # the run extended backwards over what the gap before leaves equal
        while (one - back > at_theirs and two - back > at_ours
               and other[one - back - 1] == mine[two - back - 1]):  # fmt: skip
            back += 1
        one, two = one - back, two - back
        yield from anchored(theirs, ours, their_start + at_theirs, their_start + one,
                            start + at_ours, start + two, width // 2, GAP_BUDGET)  # fmt: skip
        length = 0
        while (
            one + length < len(other)
            and two + length < len(mine)
            and other[one + length] == mine[two + length]
        ):
            length += 1
        yield (
            "equal",
            start + two,
            start + two + length,
            their_start + one,
            their_start + one + length,
        )
        at_theirs, at_ours = one + length, two + length
    yield from anchored(theirs, ours, their_start + at_theirs, their_end, start + at_ours, end,
                        width // 2, GAP_BUDGET)  # fmt: skip


def anchors(theirs: list[str], ours: list[str], width: int) -> list[tuple[int, int]]:
    """The longest chain of (their place, our place) of runs of `width` tokens that each
    writes once, in the same order in both (patience sorting: O(n log n))."""

    def once(tokens: list[str]) -> dict[tuple[str, ...], int]:
        seen: dict[tuple[str, ...], int] = {}
        for i in range(len(tokens) - width + 1):
            run = tuple(tokens[i : i + width])
            seen[run] = -1 if run in seen else i
        return {run: i for run, i in seen.items() if i >= 0}

    mine = once(ours)
    pairs = sorted((i, mine[run]) for run, i in once(theirs).items() if run in mine)
    tops: list[int] = []  # the smallest last our place of a chain of each length
    ends: list[int] = []  # which pair ends it
    before = [-1] * len(pairs)
    for k, (_, two) in enumerate(pairs):
        length = bisect.bisect_left(tops, two)
        before[k] = ends[length - 1] if length else -1
        if length == len(tops):
            tops.append(two)
            ends.append(k)
        else:
            tops[length], ends[length] = two, k
    chain = []
    k = ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = before[k]
    return chain[::-1]


def gap_label(words: int) -> str:
    """What a gap shows: how many words of the first record the duplicate lacks there."""
    return f"[…{words} word{'' if words == 1 else 's'}]"


def shown_words(tokens: list[str], start: int, end: int) -> int:
    """How many words (runs between spaces that hold a word character) `tokens[start:end]`
    take out where they stand: the words of the run around them less those of the run
    without them ("(since 1.16.5)," is one word, counting the tokens said 5: hostile49 N4;
    a part of a word kept on either side is not counted). Looked at most `AROUND` tokens
    beyond the gap on each side, so linear in a text's gaps."""
    low, high = start, end
    while low > 0 and start - low < AROUND and not tokens[low - 1].isspace():
        low -= 1
    while high < len(tokens) and high - end < AROUND and not tokens[high].isspace():
        high += 1
    return max(words_in(tokens[low:high]) - words_in(tokens[low:start] + tokens[end:high]), 1)


def words_in(tokens: list[str]) -> int:
    return sum(1 for run in "".join(tokens).split() if WORD.search(run))


def differing(base: str, text: str) -> Iterator[tuple[bool | None, str]]:
    """`text` as (differs from `base`, piece) pieces, and (None, `gap_label`) where `text`
    lacks words of `base` (a copy cut short, a sentence taken out: shown at their place, so
    a shorter copy never looks exact): words compared as duplicates compare them
    (`compared`); past `DIFF_BUDGET`, matched at anchors (`anchored`): near copies in
    O(n log n), and never an equal-looking piece where the texts differ."""
    theirs, ours = TOKENS.findall(base), TOKENS.findall(text)
    for op, start, end, their_start, their_end in opcodes(compared(theirs), compared(ours)):
        gone = theirs[their_start:their_end] if start == end else []
        if op in ("delete", "replace") and any(WORD.match(t) for t in gone):
            yield None, gap_label(shown_words(theirs, their_start, their_end))
        if start == end:
            continue
        piece = "".join(ours[start:end])
        core = piece.strip()
        if op == "equal" or not core:
            yield False, piece
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        yield from ((False, lead), (True, core), (False, piece[len(lead) + len(core) :]))
