"""Which blocks of a page the main-content extraction holds: both lists aligned in order, in
time linear in their size.

difflib's SequenceMatcher (autojunk off, so a repeated "Reply" is not junk) took over a
minute on a flat 3 MB page of 28,000 comments and ~10 min on 8 MB (measured; quadratic in
the blocks). Here, as in patience diff: the blocks whose text occurs once in each list are
paired and the longest run of pairs in the same order kept (O(n log n)); between two such
anchors the rest are paired by text in order, with difflib only when both sides are small
(a bounded cost per block); then a block left between two anchors is held when it holds, or
is held by, an extracted block near there, by whole words, each test reading a bounded
stretch of text (one long extracted paragraph is read once, in order, not once per block).
Where the extraction glued two texts ("3x.The": a paragraph and the loose text after it) a
long block is also looked for without spaces; where it moved a block (a table nested in a
cell comes after the outer one) a block of `RUN_WORDS` words or more is held when the
extraction holds each run of its words anywhere (hashed runs: one pass over each side);
where the two split a text differently (the page cuts at a line break inside a quotation the
extraction reads with the loose text before it), a block sharing a run of `RUN_WORDS` words
with an extracted block near it is held.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher

ALIGN_WINDOW = 16  # extracted blocks looked at for one page block between two anchors
SMALL_GAP = 64  # page + extracted blocks between two anchors aligned with difflib
SLACK = 4096  # characters read past a long block's cursor to find the next page block in it
# a text this long (letters, no spaces) is found in another even where the extraction glued
# it to the next one ("number 3x.The": trafilatura joins a paragraph to the loose text after
# it without a space); a shorter one (a menu's "Home") only as whole words
GLUED_MIN = 32
# a page block of at least this many words is held wherever the extraction holds its words in
# a run, even out of order (trafilatura writes a table nested in a cell after the outer one)
RUN_WORDS = 6


def squeezed(text: str) -> str:
    """A block's text for exact matching: no spaces (extractors add or drop them around
    inline markup), lower case."""
    return "".join(text.split()).lower()


def plain(text: str) -> str:
    """A block's words, lower case, without the `|` between table cells (a row of empty
    cells keeps them: its only text)."""
    words = text.lower().split()
    return " ".join(w for w in words if w != "|") or " ".join(words)


def unique_anchors(page: list[str], extracted: list[str]) -> list[tuple[int, int]]:
    """Pairs (page block, extracted block) of texts found once in each list, the longest
    chain of them in the same order in both (patience sorting)."""
    in_page, in_extracted = Counter(page), Counter(extracted)
    where = {t: j for j, t in enumerate(extracted) if in_extracted[t] == 1}
    pairs = [(i, where[t]) for i, t in enumerate(page) if in_page[t] == 1 and t in where]
    tails: list[int] = []  # tails[k]: the smallest extracted index ending a chain of k+1
    tail_at: list[int] = []  # which pair that is
    back: list[int] = []  # each pair's predecessor in its chain
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        back.append(tail_at[k - 1] if k else -1)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k], tail_at[k] = j, n
    chain: list[tuple[int, int]] = []
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def pair_gap(
    page: list[str], extracted: list[str], a: range, b: range, anchor: list[int | None]
) -> None:
    """Pair equal texts between two anchors, in order: difflib when the stretch is small,
    else greedily (each extracted block to the first equal page block after the last pair)."""
    if not len(a) or not len(b):
        return
    if len(a) + len(b) <= SMALL_GAP:
        matcher = SequenceMatcher(None, page[a.start : a.stop], extracted[b.start : b.stop],
                                  autojunk=False)  # fmt: skip
        for i, j, size in matcher.get_matching_blocks():
            for k in range(size):
                anchor[a.start + i + k] = b.start + j + k
        return
    positions: dict[str, list[int]] = {}
    for j in reversed(b):
        positions.setdefault(extracted[j], []).append(j)  # smallest last
    last = b.start - 1
    for i in a:
        stack = positions.get(page[i])
        while stack and stack[-1] <= last:
            stack.pop()
        if stack:
            last = anchor[i] = stack.pop()


def content_mask(page: list[str], extracted: list[str]) -> list[bool]:
    """For each page block, whether the extraction holds it. Both lists are in reading order:
    they are aligned on identical blocks first (ignoring spaces and case), so a menu's "Home"
    is not taken for a heading of the same name further on; a block left between two
    anchors is held when it holds, or is held by, an extracted block between the same
    anchors, by whole words. Cell separators are no words: a row's cells may come out of
    the extraction as the words of an item."""
    page, extracted = [plain(t) for t in page], [plain(t) for t in extracted]
    keys_a = [squeezed(t) for t in page]
    keys_b = [squeezed(t) for t in extracted]
    anchor: list[int | None] = [None] * len(page)  # page block → extracted block
    previous = (-1, -1)
    for i, j in [*unique_anchors(keys_a, keys_b), (len(page), len(extracted))]:
        pair_gap(keys_a, keys_b, range(previous[0] + 1, i), range(previous[1] + 1, j), anchor)
        if i < len(page):
            anchor[i] = j
        previous = (i, j)
    following = [len(extracted)] * (len(page) + 1)  # the next anchored extracted block
    for i in range(len(page) - 1, -1, -1):
        a = anchor[i]
        following[i] = a if a is not None else following[i + 1]
    keys = [f" {' '.join(t.split()).lower()} " for t in extracted]
    cursor = [0] * len(keys)  # how far each extracted block was matched, in order
    glued_cursor = [0] * len(keys)  # the same in `keys_b`
    held: list[bool] = []
    used = [False] * len(keys)  # extracted blocks a page block was found in order with
    near: list[tuple[int, range]] = []  # page blocks not found, with the extracted near them
    low = 0  # extracted blocks before this one are behind us
    for i, text in enumerate(page):
        a = anchor[i]
        if a is not None:
            held.append(True)
            used[a] = True
            low = a
            continue
        key = f" {' '.join(text.split()).lower()} "
        window = range(low, min(following[i + 1] + 1, low + ALIGN_WINDOW, len(keys)))
        found = next((k for k in window if within(key, keys, cursor, k)), None)
        if found is None:
            found = next((k for k in window if glued_within(keys_a[i], keys_b, glued_cursor, k)),
                         None)  # fmt: skip
        if found is not None:
            used[found] = True
        elif len(text.split()) >= RUN_WORDS:
            near.append((i, window))
        held.append(found is not None)
    hold_overlaps(page, extracted, near, held)
    if not all(held):
        hold_runs(page, [t for k, t in enumerate(extracted) if not used[k]], held)
    return held


def runs_of(text: str) -> set[int]:
    """The hashed runs of `RUN_WORDS` words of a text."""
    words = text.split()
    return {hash(tuple(words[s : s + RUN_WORDS])) for s in range(len(words) - RUN_WORDS + 1)}


def hold_overlaps(
    page: list[str], extracted: list[str], near: list[tuple[int, range]], held: list[bool]
) -> None:
    """Hold each page block (of those in `near`, with the extracted blocks near it) that
    shares a run of `RUN_WORDS` words with an extracted block near it: part of its text is
    content (`<p>S1 <q>S2<br>S3</q></p>` is two blocks of the page, "S1 S2" and "S3"; the
    extraction may keep "S2 S3" and leave S1 out), and a block of the page is one record.
    Each extracted block's runs are hashed once, when first near a block."""
    runs: dict[int, set[int]] = {}
    for i, window in near:
        mine = runs_of(page[i])
        for k in window:
            if k not in runs:
                runs[k] = runs_of(extracted[k])
            if not mine.isdisjoint(runs[k]):
                held[i] = True
                break


def hold_runs(page: list[str], extracted: list[str], held: list[bool]) -> None:
    """Hold each page block of `RUN_WORDS` words or more whose every run of `RUN_WORDS`
    words the `extracted` blocks no page block was found with in order hold somewhere (a
    table of contents repeats the headings, found in order: its entries stay furniture).
    One set of hashed runs: linear, not a search per block."""
    if not any(not h and len(page[i].split()) >= RUN_WORDS for i, h in enumerate(held)):
        return
    runs: set[int] = set()
    for text in extracted:
        runs |= runs_of(text)
    for i, text in enumerate(page):
        if held[i] or len(text.split()) < RUN_WORDS:
            continue
        held[i] = runs_of(text) <= runs


def glued_within(key: str, keys: list[str], cursor: list[int], k: int) -> bool:
    """`within` without spaces, for texts of at least `GLUED_MIN` characters."""
    if min(len(key), len(keys[k])) < GLUED_MIN:
        return False
    return within(key, keys, cursor, k)


def within(key: str, keys: list[str], cursor: list[int], k: int) -> bool:
    """Whether page text `key` holds extracted block k, or is in it: found after the
    block's cursor (blocks come in order), reading at most `SLACK` characters past the
    key's length, so a long block is read once, not once per page block."""
    other = keys[k]
    if len(other) <= len(key):
        return other in key
    start = cursor[k]
    found = other.find(key, start, start + len(key) + SLACK)
    if found < 0 and start:  # not past the cursor: before it (a repeated line)?
        found = other.find(key, max(0, start - SLACK), start + len(key))
    if found < 0:
        return False
    cursor[k] = max(cursor[k], found + len(key) - 1)
    return True
