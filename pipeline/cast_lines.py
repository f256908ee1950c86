"""Cast and credit lines, read by their shape, not by the model (hostile46 F2, F5, F6).

A cast line's actor and part ("X Y as Louise", "X Y (le juge)", "X Y, dans le rôle de
Louise") are two names, never one, and the actor a person whatever the model reads: the
line's shape is the segmenter's (`io.segment.credits.cast_actor`), so the mention's cut and
the record's cut agree. A credit line's names after its label ("Director : A B, C D and E
F") are one name each, in whatever language the line was read, and people when the label
names a person's role (a role noun of `models/cues.json`: "Director", "Director of
Photography")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pipeline.entities import COORDINATORS, person_words
from pipeline.io.segment.credits import (
    CREDIT_ROLE_WORDS,
    ENTRY_SEPARATOR,
    cast_actor,
    entry,
    job_words,
    name_shaped,
)
from pipeline.resources import load_json

CAST_LINE_CHARS = 200  # a cast line is short: a longer line is prose, and never read here
WORD = re.compile(r"\S+")


def short_lines(text: str) -> Iterator[tuple[int, int]]:
    """The bounds of each line of `text` at most `CAST_LINE_CHARS` long, in order: the one walk
    the readers of cast and credit lines share, each line read once (linear in the text)."""
    begin = 0
    while begin <= len(text):
        stop = text.find("\n", begin)
        stop = len(text) if stop < 0 else stop
        if stop - begin <= CAST_LINE_CHARS:
            yield begin, stop
        begin = stop + 1


def short_line(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The bounds of the line holding [start, end), when it is at most `CAST_LINE_CHARS` long
    (its bounds are looked for that far only: linear in the text)."""
    low = max(0, start - CAST_LINE_CHARS)
    begin = max(text.rfind("\n", low, start), text.rfind("\r", low, start)) + 1
    if begin == 0 and low > 0:
        return None
    stop = len(text)
    for mark in "\n\r":
        at = text.find(mark, end, end + CAST_LINE_CHARS)
        if at >= 0:
            stop = min(stop, at)
    return (begin, stop) if stop - begin <= CAST_LINE_CHARS else None


def cast_parts(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Where the line starts, the actor's name ends and the part starts, when the span at
    [start, end) lies on a cast line (`short_line`)."""
    bounds = short_line(text, start, end)
    if bounds is None:
        return None
    begin, stop = bounds
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


EDGES = '()[],;:.!?«»"“”'


def capitalised_words(text: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The runs of capitalised words among `words` (their brackets and signs left out):
    the names of a part ("Prudence jeune" → "Prudence", "(Modeste)" → "Modeste")."""
    runs: list[tuple[int, int]] = []
    for word in words:
        core = word[0].strip(EDGES)
        if not core[:1].isupper():
            if not (runs and core.lower() in ("de", "du", "des", "d'", "la", "le")):
                runs.append((-1, -1))
            continue
        start = word.start() + word[0].index(core)
        if runs and runs[-1][0] >= 0 and text[runs[-1][1] : start].strip() == "":
            runs[-1] = (runs[-1][0], start + len(core))
        else:
            runs.append((start, start + len(core)))
        if word[0].rstrip(EDGES) != word[0] and word[0][-1] in ",;:.)]":
            runs.append((-1, -1))  # "Aimé," ends its run
    return [r for r in runs if r[0] >= 0]


def no_job(words: list[str]) -> bool:
    """A side of a cast line that is no credit's label or role noun ("Image", "Directeur
    photo", "Le juge"; a surname that is a role noun too, "X Chevalier", is a name)."""
    side = [w.strip(EDGES).lower() for w in words]
    jobs = job_words()
    return bool(side) and " ".join(side) not in jobs and side[0] not in jobs


def part_names(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The names of the cast line text[begin:stop]: its actor and the capitalised words of
    its part ("X Y as Louise", "X Y (Louise)", "X Y / Louise jeune", "X Y, dans le rôle de
    Louise"), and the sides of an entry whose sides are both name-shaped ("X Y ........
    Louise", "Louise ........ X Y"), a credit's label or a role noun excepted ("Image
    ........ X Y": the name only)."""
    words = list(WORD.finditer(text, begin, stop))
    found = cast_actor([w[0] for w in words])
    if found is not None:
        actor = [
            (words[0].start(), words[found[0] - 1].end() - words[found[0] - 1][0].endswith(","))
        ]
        part = words[found[1] :]
        return actor + (capitalised_words(text, part) if no_job([w[0] for w in part]) else [])
    line = text[begin:stop]
    if not entry(line):
        return []
    cut = ENTRY_SEPARATOR.search(line.lstrip("-–—•·*▪◦ \t"))
    if cut is None or cut.group().isspace():
        return []
    lead = len(line) - len(line.lstrip("-–—•·*▪◦ \t"))
    sides = [
        [w for w in words if w.end() <= begin + lead + cut.start()],
        [w for w in words if w.start() >= begin + lead + cut.end()],
    ]
    texts = [[w[0].strip(" .…") for w in side] for side in sides]
    if not all(t and name_shaped(t) for t in texts):
        return []  # "Introduction ........ 5", "X Y ........ le juge"
    return [run for side, t in zip(sides, texts, strict=True) if no_job(t)
            for run in capitalised_words(text, side)]  # fmt: skip


def cast_names(text: str) -> list[tuple[int, int]]:
    """The names of every cast line of `text` (`part_names`), its lines read once."""
    return [name for begin, stop in short_lines(text) for name in part_names(text, begin, stop)]


def cast_name_at(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies in a name of its cast line (`part_names`)."""
    bounds = short_line(text, start, end)
    return bounds is not None and any(s <= start and end <= e for s, e in part_names(text, *bounds))


def cast_actor_span(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is a cast line's actor, whole: its first word to its name's end."""
    parts = cast_parts(text, start, end)
    if parts is None:
        return False
    first = WORD.search(text, parts[0])
    return first is not None and first.start() == start and parts[1] == end


def source_actor(source: str, name: str) -> bool:
    """Whether `name` is the actor of the cast line `source`, the original of a translation
    read: the name is carried into the translation as written, the link word is translated
    ("X Y como el capitán" → "X Y like the captain"), so the original's shape says who acts
    (hostile47 G25: es/pt actors read as organisations in the translation)."""
    if len(source) > CAST_LINE_CHARS or "\n" in source.strip():
        return False
    words = source.split()
    found = cast_actor(words)
    return found is not None and " ".join(words[: found[0]]).rstrip(",") == name


# a credit's label and its colon at a line's start: "Director : ", "Musique originale: "
# or a tab or a gap of two blanks or more ("RÉALISATION   X Y", "Image\tX Y"), or what else
# the segmenter's credit grammar sets a label and a name apart by (`ENTRY_SEPARATOR`,
# hostile47 G1): a table's cell border ("Image | X Y"), leader dots, a dash, middle dot or
# slash between blanks
LABEL = re.compile(
    r"(?<![ \t])[ \t]*+([^\W\d_][^:\t\n]{0,60}?)"
    r"(?:[ \t\u00a0\u202f]*+:[ \t\u00a0\u202f]|\t|[ \u00a0]{2,}+"
    r"|[ \u00a0]*+(?:[|¦]|\.{2,}+|…++|(?<=\s)[·•—–\-/](?=\s))[ \u00a0]*+)"
)  # from a line's start only (`match`), possessive: linear on a run of blanks
# from a run's start only, possessive: linear on a run of blanks
JOINED = re.compile(rf"(?<!\s)\s++(?:{'|'.join(map(re.escape, sorted(COORDINATORS)))})\s++")


def credit_label(text: str, start: int, end: int) -> str | None:
    """The label of the credit line holding [start, end) after its colon ("Director" of
    "Director : A B, C D and E F"): one to `CREDIT_ROLE_WORDS` words, capitalised, and
    nothing but names after it (capitalised words, commas, particles, coordinators)."""
    bounds = short_line(text, start, end)
    if bounds is None:
        return None
    label = LABEL.match(text, bounds[0], bounds[1])
    if label is None or label.end() > start or not label[1][:1].isupper():
        return None
    names = [w.rstrip(",") for w in text[label.end() : bounds[1]].split()]
    if not (names and all(names) and name_shaped(names)):
        return None  # "Le président : la France…" is a quotation, no credit
    return label[1] if len(label[1].split()) <= CREDIT_ROLE_WORDS else None


def credit_list_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span over names a credit line lists after its label, cut at each coordinator
    ("Director : A B and C D" → "A B", "C D"), when every piece is a name of two words or
    more ("Simon and Garfunkel", "Pierre et Marie Curie" stay whole)."""
    cuts = list(JOINED.finditer(text, start, end))
    if not cuts or credit_label(text, start, end) is None:
        return [(start, end)]
    pieces, at = [], start
    for cut in cuts:
        pieces.append((at, cut.start()))
        at = cut.end()
    pieces.append((at, end))
    for a, b in pieces:
        words = text[a:b].split()
        if len(words) < 2 or not name_shaped(words):
            return [(start, end)]
    return pieces


def credited_person(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether [start, end) is a name a credit line gives after a person's role ("Director",
    "Director of Photography", "Compositeur": `person_label`)."""
    label = credit_label(text, start, end)
    return label is not None and person_label(label, lang)


def person_label(label: str, lang: str | None) -> bool:
    """Whether a credit's label names a person's role: a role noun of `lang`, English or
    French, or a label only a person is credited under ("Montage", "Screenplay", "Guion":
    `person_roles`, every language)."""
    nouns = person_words(lang) | person_words("en") | person_words("fr")
    words = label.lower().split()
    return " ".join(words) in person_roles() or any(word in nouns for word in words)


@cache
def person_roles() -> frozenset[str]:
    """`person_roles` of `models/cues.json`, every language: labels only a person is under."""
    table = load_json("cues.json").get("person_roles", {})
    return frozenset(label for labels in table.values() for label in labels)


# What parts the names a credit line lists: a comma, a semicolon, a slash, a middle dot or a
# coordinator, in lower case or, two letters or more, in capitals ("A B ET C D"; "Y" and "E"
# in capitals are initials). Started where a run of blanks starts, possessive: linear on one.
CUTTING = sorted(COORDINATORS | {c.upper() for c in COORDINATORS if len(c) > 1})
LIST_CUT = re.compile(
    rf"(?<![ \u00a0])(?:[ \u00a0]*+[,;/·][ \u00a0]*+"
    rf"|[ \u00a0]++(?:{'|'.join(map(re.escape, CUTTING))})[ \u00a0]++)"
)


def line_credit_names(
    text: str, begin: int, stop: int, labels: tuple[tuple[str, ...], ...]
) -> list[tuple[int, int, str]]:
    """The names a line of several credits lists ("Image : X Y · Son : Z W", "MUSIQUE : X Y
    ET Z W"), each with its credit's label: a piece that opens on a label starts a credit of
    its own; a piece that is no name makes the line no credit list (`credit_names.line_names`,
    the one reader of credit lines, reads a line so when its label opens no list of names)."""
    out: list[tuple[int, int, str]] = []
    at, named = begin, ""
    for cut in [*LIST_CUT.finditer(text, begin, stop), None]:
        end = cut.start() if cut is not None else stop
        label = LABEL.match(text[at:end])  # the piece alone: blanks before it are the cut's
        if label is not None and tuple(label[1].lower().split()) in labels:
            at, named = at + label.end(), label[1]
        piece = text[at:end].rstrip(" \u00a0.")
        if not named or not (piece and name_shaped(piece.split())):
            return []
        out.append((at, at + len(piece), named))
        at = cut.end() if cut is not None else stop
    return out
