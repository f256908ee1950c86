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

import difflib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
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
    else word by word, each with its neighbours (`shingle_flags`: what ours lacks inside
    that middle is not placed, only what it lacks around it)."""
    head = 0
    limit = min(len(theirs), len(ours))
    while head < limit and theirs[head] == ours[head]:
        head += 1
    tail = 0
    while tail < limit - head and theirs[-1 - tail] == ours[-1 - tail]:
        tail += 1
    mine, other = ours[head : len(ours) - tail], theirs[head : len(theirs) - tail]
    yield "equal", 0, head, 0, head
    if not mine or not other or len(mine) * len(other) <= DIFF_BUDGET:
        matcher = difflib.SequenceMatcher(None, other, mine, autojunk=False)
        for op, their_start, their_end, start, end in matcher.get_opcodes():
            yield op, head + start, head + end, head + their_start, head + their_end
    else:
        flags = shingle_flags(other, mine)
        start = 0
        while start < len(mine):
            end = start + 1
            while end < len(mine) and flags[end] == flags[start]:
                end += 1
            yield ("replace" if flags[start] else "equal"), head + start, head + end, 0, 0
            start = end
    yield "equal", len(ours) - tail, len(ours), len(theirs) - tail, len(theirs)


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
    (`compared`); linear in the texts' length beyond `DIFF_BUDGET`."""
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


def shingle_flags(theirs: list[str], ours: list[str]) -> list[bool]:
    """For each token of `ours`, whether it differs, in one pass each: a word `theirs` never
    writes, or one that neither of its word pairs (with the word before, with the word after)
    is one of `theirs`' (so a changed "the" lights up as a new word does, and a word between
    two changes does not); a blank when it stands between two words that differ."""
    words_theirs = [t for t in theirs if not t.isspace()]
    vocabulary = set(words_theirs)
    pairs = set(pairwise(words_theirs))
    at = [i for i, t in enumerate(ours) if not t.isspace()]
    words = [ours[i] for i in at]
    flags = [False] * len(ours)
    for k, i in enumerate(at):
        left = k > 0 and (words[k - 1], words[k]) in pairs
        right = k + 1 < len(words) and (words[k], words[k + 1]) in pairs
        alone = len(words) == 1
        flags[i] = words[k] not in vocabulary or not (left or right or alone)
    for k in range(1, len(at)):
        if flags[at[k - 1]] and flags[at[k]]:
            flags[at[k - 1] + 1 : at[k]] = [True] * (at[k] - at[k - 1] - 1)
    return flags
