"""The duplicate clusters of a run, for the report: largest first, each member's id and its
text with the words that differ from the cluster's first record highlighted.

A cluster is read back from the outputs, as a person would: `meta.near_duplicate_of` /
`meta.duplicate_of` in corpus.jsonl (mark), or the reason `near duplicate of ID` / `duplicate
of ID` in dropped.jsonl (drop). Two reads of the outputs: the members of each first record,
then the texts of the clusters shown only (at most `MAX_CLUSTERS` × `MAX_MEMBERS`), so the
report's memory follows what it shows plus one id pair per duplicate.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import regex

MAX_CLUSTERS = 100
MAX_MEMBERS = 20
TOKENS = regex.compile(r"\s+|\w+|[^\w\s]")
REASONS = (("near duplicate of ", "near"), ("duplicate of ", "exact"))
FIELDS = (("near_duplicate_of", "near"), ("duplicate_of", "exact"))


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
                "first": first,
                "kind": kind,
                "size": len(ids) + 1,
                "text": base,
                "members": [
                    {"id": m, "parts": list(differing(base, texts.get(m, "")))}
                    for m in ids[:MAX_MEMBERS]
                ],
                "more": max(0, len(ids) - MAX_MEMBERS),
            }
        )
    return clusters


def differing(base: str, text: str) -> Iterator[tuple[bool, str]]:
    """`text` as (differs from `base`, piece) pieces: words compared case-folded, so a copy
    in capitals lights up nothing but what it changed. Linear in the texts' length: the
    common head and tail are set aside first (a header, a footer or a few words changed leave
    a short middle), and a middle too long for an exact diff is compared by word 3-grams, the
    unit the near-duplicate step judges by."""
    theirs, ours = TOKENS.findall(base), TOKENS.findall(text)
    a, b = [t.casefold() for t in theirs], [t.casefold() for t in ours]
    head = common_length(a, b)
    tail = common_length(a[head:][::-1], b[head:][::-1])
    a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
    flags = [False] * head + middle_flags(a_mid, b_mid) + [False] * tail
    for changed, start, end in runs(flags, ours):
        piece = "".join(ours[start:end])
        core = piece.strip()
        if not changed or not core:
            yield False, piece
            continue
        lead = piece[: len(piece) - len(piece.lstrip())]
        yield from ((False, lead), (True, core), (False, piece[len(lead) + len(core) :]))


EXACT_DIFF_CELLS = 250_000  # tokens × tokens of the middles: difflib's worst case, ~0.1 s
SHINGLE = 3


def common_length(a: list[str], b: list[str]) -> int:
    """How many tokens `a` and `b` share from their start."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def middle_flags(a: list[str], b: list[str]) -> list[bool]:
    """For each token of `b`: whether it differs from `a` (a whitespace token never does by
    itself; `runs` lights up the blanks between two changed words)."""
    if len(a) * len(b) <= EXACT_DIFF_CELLS:
        flags = [False] * len(b)
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        for op, _, _, start, end in matcher.get_opcodes():
            if op != "equal":
                flags[start:end] = [True] * (end - start)
        return [f and not b[i].isspace() for i, f in enumerate(flags)]
    return shingle_flags(a, b)


def shingle_flags(a: list[str], b: list[str]) -> list[bool]:
    """A word of `b` differs when no word 3-gram holding it is one of `a`'s: one pass each."""
    words_a = [t for t in a if not t.isspace()]
    seen = {tuple(words_a[i : i + SHINGLE]) for i in range(max(1, len(words_a) - SHINGLE + 1))}
    at = [i for i, t in enumerate(b) if not t.isspace()]
    words_b = [b[i] for i in at]
    grams = max(1, len(words_b) - SHINGLE + 1)
    known = [tuple(words_b[i : i + SHINGLE]) in seen for i in range(grams)]
    flags = [False] * len(b)
    for k, i in enumerate(at):
        flags[i] = not any(known[max(0, k - SHINGLE + 1) : min(grams, k + 1)])
    return flags


def runs(flags: list[bool], tokens: list[str]) -> Iterator[tuple[bool, int, int]]:
    """(changed, start, end) runs of tokens; blanks between two changed tokens join them."""
    start = 0
    while start < len(tokens):
        changed = flags[start]
        end = start + 1
        while end < len(tokens):
            if flags[end] == changed or (changed and between_changes(flags, tokens, end)):
                end += 1
            else:
                break
        yield changed, start, end
        start = end


def between_changes(flags: list[bool], tokens: list[str], i: int) -> bool:
    """Whether token `i` is a blank with a changed token right after it."""
    return tokens[i].isspace() and i + 1 < len(tokens) and flags[i + 1]
