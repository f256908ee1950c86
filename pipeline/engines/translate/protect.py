"""Carry names through machine translation untouched.

Engines translate names (Apertium, French to English: "Rose" → "Rosa", "le Canard enchaîné"
→ "the Duck enchaîné"). Each protected span is replaced by a letters-only token the engine
passes through as an unknown word (`XNAMEAX`, `XNAMEBX`, ...), and the names are put back
afterwards.

A token must never be text: the prefix of a batch's tokens is chosen so that no text of the
batch holds it in any case (`XNAME`, else `XQNAME`, `XQQNAME`, ...), so a text that says
"XNAMEAX" keeps it. Restoring is strict: an answer in which a token is lost, doubled or
invented (an index no name has) is not used (`Restored.problem`).

Rule-based engines treat an unknown capitalised token at the start of a sentence as its start
and capitalise the next word ("XNAMEAX Asked to ...", after a quoted title's closing mark too:
'« XNAMEAX » Has received'); when the source had a lower-case word
there, the case is repaired, or NER reads "Agnès Varda Asked" as one name. A word the target
language writes with a capital ("Pierre janvier" → "Pierre January") is no such artefact: the
caller says which (`keep`: words whose lower-case form the target's analyser does not know).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from pipeline.engines.translate.guard import QUOTES

BASE_PREFIX = "XNAME"
# Any token of any prefix (for checks that do not know the batch's prefix).
TOKEN = re.compile(r"XQ*NAME[A-Z]+X", re.IGNORECASE)
# Started only where a run of blanks starts (a name's end, a segment's start): a search would
# otherwise retry the run from each of its positions, quadratic on a long one.
# A closing mark may stand between: a quoted title's ('« XNAMEAX » Has received'), each that
# closes a title (`guard.QUOTES`, „ … “ too), and what closes a token's brackets or emphasis
# ("(@x) And", "<@x> And", "**a.pdf** And").
CLOSERS = "".join(sorted(set(QUOTES.values()) | set(")]}>*")))
CLOSING = f"[ \t\u00a0\u202f]*+[{re.escape(CLOSERS)}]{{1,3}}+"
LOWER_NEXT = re.compile(rf"(?<![ \t\u00a0\u202f])(?:{CLOSING})?[ \t]++[^\W\d_]")
# What may set a token opening a sentence apart from it as a blank does: a comma, a colon, a
# semicolon, a dash ("@marie, je peux…", "#JO2024 : on y va", "14h30 — je pars"): the
# sentence after it is sent alone (`openers.cuts`), and the word after the separator keeps
# the source's case as after a blank ("@x, je peux" → "@x, can I"). Only there (`apart`):
# elsewhere the engine's word after a comma or a colon is often not the source's ("NSA: les
# Etats-Unis" → "NSA: United States").
SEPARATORS = ",:;\u2013\u2014"
SEPARATED = f"[ \t\u00a0\u202f]*+[{SEPARATORS}]"
LOWER_NEXT_APART = re.compile(
    rf"(?<![ \t\u00a0\u202f])(?:{CLOSING})?(?:{SEPARATED})?[ \t]++[^\W\d_]"
)


@cache
def token_pattern(prefix: str) -> re.Pattern[str]:
    return re.compile(rf"{prefix}([A-Z]+)X", re.IGNORECASE)


def prefix_for(texts: Iterable[str]) -> str:
    """The first prefix (`XNAME`, `XQNAME`, ...) that no text holds, in any case."""
    held = "\n".join(texts).upper()
    prefix = BASE_PREFIX
    while prefix in held:
        prefix = prefix[0] + "Q" + prefix[1:]
    return prefix


@dataclass(frozen=True)
class Masked:
    """A text with its names replaced by tokens, and what `unmask` needs to restore them."""

    text: str
    names: list[str]
    lower_after: list[bool]  # whether the source word after each name was lower case
    spans: list[tuple[int, int]]  # where each name was in the source
    prefix: str = BASE_PREFIX
    apart: frozenset[int] = frozenset()  # the tokens a separator may follow (`SEPARATORS`)
    # the tokens the source follows with a determiner and a capitalised word ("v2.0 les
    # Etats-Unis"): the engine's capital after one may be the name's (`name_guard.keep`)
    named_after: frozenset[int] = frozenset()


def token(index: int, prefix: str = BASE_PREFIX) -> str:
    """0 → XNAMEAX, 25 → XNAMEZX, 26 → XNAMEBAX: letters only, so tokenizers keep it whole."""
    letters = ""
    while True:
        letters = chr(ord("A") + index % 26) + letters
        index //= 26
        if not index:
            return f"{prefix}{letters}X"


def index_of(letters: str) -> int:
    value = 0
    for char in letters.upper():
        value = value * 26 + ord(char) - ord("A")
    return value


def mask(
    text: str,
    spans: Iterable[tuple[int, int]],
    prefix: str = BASE_PREFIX,
    restore: Mapping[tuple[int, int], str] | None = None,
    apart: Collection[tuple[int, int]] = (),
) -> Masked:
    """Replace non-overlapping `(start, end)` spans by tokens (the first of overlapping wins);
    each is put back as written, or as `restore` says (the engine's own rendering of a name).
    After a span of `apart`, a separator is read through as a blank (`SEPARATORS`)."""
    names: list[str] = []
    separated: set[int] = set()
    kept: list[tuple[int, int]] = []
    lower_after: list[bool] = []
    parts: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor or start >= end:
            continue
        parts += [text[cursor:start], token(len(names), prefix)]
        names.append((restore or {}).get((start, end), text[start:end]))
        kept.append((start, end))
        if (start, end) in apart:
            separated.add(len(names) - 1)
        follower = next_word(len(names) - 1 in separated).match(text, end)
        lower_after.append(bool(follower and follower[0][-1].islower()))
        cursor = end
    parts.append(text[cursor:])
    return Masked("".join(parts), names, lower_after, kept, prefix, frozenset(separated))


def next_word(apart: bool) -> re.Pattern[str]:
    """What leads to the word after a token: blanks, or a separator too (`apart`)."""
    return LOWER_NEXT_APART if apart else LOWER_NEXT


@dataclass(frozen=True)
class Restored:
    """The translation with names back, where each landed, and what went wrong, if anything."""

    text: str
    positions: list[tuple[int, int, int]]  # (name index, start, end) in `text`
    lost: list[str]
    problem: str | None = None  # a token lost, doubled or invented: the answer is not usable


def unmask(text: str, masked: Masked, keep: Collection[str] = ()) -> Restored:
    """Put the names back, repairing the case of the word after each, unless it is in `keep`
    (see module doc)."""
    out: list[str] = []
    positions: list[tuple[int, int, int]] = []
    length = cursor = 0
    found: Counter[int] = Counter()
    lower_next = apart = False
    for match in token_pattern(masked.prefix).finditer(text):
        index = index_of(match[1])
        found[index] += 1
        before = text[cursor : match.start()]
        if lower_next:
            before = lowered_start(before, keep, apart)
        apart = index in masked.apart
        if index >= len(masked.names):
            piece = before + match.group()  # invented: reported below, never restored
            lower_next = False
        else:
            name = masked.names[index]
            start = length + len(before)
            positions.append((index, start, start + len(name)))
            piece = before + name
            lower_next = masked.lower_after[index]
        out.append(piece)
        length += len(piece)
        cursor = match.end()
    rest = text[cursor:]
    out.append(lowered_start(rest, keep, apart) if lower_next else rest)
    lost = [n for i, n in enumerate(masked.names) if not found[i]]
    doubled = sorted(i for i, n in found.items() if n > 1 and i < len(masked.names))
    invented = sorted(i for i in found if i >= len(masked.names))
    problem = None
    if lost or doubled or invented:
        what = [f"{len(lost)} lost"] if lost else []
        what += [f"{len(doubled)} doubled"] if doubled else []
        what += [f"{len(invented)} invented"] if invented else []
        problem = "protected name tokens " + ", ".join(what)
    return Restored("".join(out), positions, lost, problem)


def lowered_start(segment: str, keep: Collection[str] = (), apart: bool = False) -> str:
    """The segment after a name, its first word in lower case when it follows right after
    spaces (an engine capitalised it as if the name began a sentence), or a separator after
    a token `apart`, and is not in `keep`."""
    match = next_word(apart).match(segment)
    if match is None or first_word(segment, apart) in keep:
        return segment
    at = match.end() - 1
    return segment[:at] + segment[at].lower() + segment[at + 1 :]


WORD = re.compile(rf"(?<![ \t\u00a0\u202f])(?:{CLOSING})?[ \t]+([^\W\d_][\w'’-]*)")
WORD_APART = re.compile(
    rf"(?<![ \t\u00a0\u202f])(?:{CLOSING})?(?:{SEPARATED})?[ \t]+([^\W\d_][\w'’-]*)"
)


def first_word(segment: str, apart: bool = False) -> str:
    match = (WORD_APART if apart else WORD).match(segment)
    return match[1] if match else ""


def followers(text: str, masked: Masked, named: bool = False) -> list[str]:
    """The capitalised words `unmask` would lower-case in `text` (each right after a token
    whose source word was lower case; with `named`, only after those of `named_after`): the
    caller asks the target language about them."""
    out = []
    for match in token_pattern(masked.prefix).finditer(text):
        index = index_of(match[1])
        if named and index not in masked.named_after:
            continue
        if index < len(masked.names) and masked.lower_after[index]:
            word = first_word(text[match.end() :], index in masked.apart)
            if word[:1].isupper():
                out.append(word)
    return out


# A question or exclamation mark closing a quotation, the closing marks and the blanks after
# it, and the next word's first letter ('« Qui a vu X ? » hier' → '"Who saw X?" Last'). Started
# only at a "?" or "!": a run of blanks is read once from each mark.
QUOTE_CLOSERS = "".join(sorted(set(QUOTES.values())))
QUESTION_CLOSED = re.compile(
    rf"[?!][ \u00a0\u202f]*+[{re.escape(QUOTE_CLOSERS)}]{{1,3}}+[ \t\u00a0\u202f]++([^\W\d_])"
)


def quoted_question_case(source: str, translation: str, keep: Collection[str] = ()) -> str:
    """`translation` with the word after each quotation closed by "?" or "!" in lower case
    where the source's was (the engine read the mark as a sentence's end and capitalised the
    next word: '"Who saw X?" Last night'), matched in order when the two hold as many; a word
    in `keep` (the target writes it with a capital) and "I" stay."""
    wanted = [m[1].islower() for m in QUESTION_CLOSED.finditer(source)]
    if not any(wanted):
        return translation
    found = list(QUESTION_CLOSED.finditer(translation))
    if len(found) != len(wanted):
        return translation
    chars = list(translation)
    for lower, match in zip(wanted, found, strict=True):
        word = first_word(" " + translation[match.start(1) :])
        if lower and match[1].isupper() and word != "I" and word not in keep:
            chars[match.start(1)] = match[1].lower()
    return "".join(chars)
