"""A line written in capitals, read as the names it holds (hostile46 F3): the models learnt
names in title case, and read "RÉALISATION : JEAN-BAPTISTE DARSÉRAC" as a work, or cut it
to its last word. They are given the line in title case instead, letter for letter (every
capital after a letter lowered when its lower case is one character), so the offsets they
return are the original text's and the mention keeps what the text writes."""

from __future__ import annotations

import re

from pipeline.io.segment.credits import CAST_MAX_WORDS, cast_actor, name_joiners
from pipeline.rules import active

# a line with two capitals or more and no lower-case letter: a crawl's credit, a heading
LINE = re.compile(r"[^\n\r]++")
WORD = re.compile(r"(?<=\s)[^\W\d_]++(?=\s)")  # a word inside the line: "DU", "ET"
MIN_CAPITALS = 4  # "LE", "UN", "TV": shorter lines are abbreviations, left as written


def title_cased(text: str) -> str:
    """`text` with each of its lines in capitals title-cased, same length."""
    if not any(c.isupper() for c in text):
        return text
    return LINE.sub(lambda m: line_title(m.group()), text)


def line_title(line: str) -> str:
    """A line in capitals (no lower-case letter, `MIN_CAPITALS` capitals or more; or a
    cast line's actor so, `cast_actor_title`) in title case: a capital after a letter
    lowered ("JEAN-BAPTISTE D'ARC" → "Jean-Baptiste D'Arc"), a particle or a conjunction
    inside in lower case ("X DU Y ET Z" → "X du Y et Z"), a label before a colon in
    sentence case."""
    if sum(c.isupper() for c in line) < MIN_CAPITALS:
        return line
    if any(c.islower() for c in line):
        titled = cast_actor_title(line)
        return runs_titled(titled) if titled == line and active().on("capital_runs") else titled
    out = []
    previous = ""
    for c in line:
        lower = c.lower()
        out.append(lower if previous.isalpha() and c.isupper() and len(lower) == 1 else c)
        previous = c
    titled = "".join(out)
    joiners = name_joiners()
    titled = WORD.sub(lambda m: lowered(m[0]) if m[0].lower() in joiners else m[0], titled)
    label, colon, names = titled.partition(":")
    if not colon:
        return titled
    # a credit's label in sentence case, as a press kit writes it ("Direction de la
    # photographie : X Y"): its words are no names
    first = next((i for i, c in enumerate(label) if c.isalpha()), len(label))
    return label[: first + 1] + lowered(label[first + 1 :]) + colon + names


def lowered(text: str) -> str:
    """`text` in lower case where a letter's lower case is one character ("İ" stays)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


TOKEN = re.compile(r"\S+")


def cast_actor_title(line: str) -> str:
    """A cast line whose actor is in capitals ("MATHILDE DU BOIS (Hélène)"): the actor in title
    case, the part as written."""
    words = list(TOKEN.finditer(line))
    if len(words) > CAST_MAX_WORDS:
        return line
    found = cast_actor([w[0] for w in words])
    if found is None:
        return line
    end = words[found[0] - 1].end()
    if any(c.islower() for c in line[:end]):
        return line
    return line_title(line[:end]) + line[end:]


EDGES = ',;:!?()[]«»"“”'


RUN_WORD = re.compile(
    r"(?:[^\W\d_]{1,2}['’])?+[^\W\d_]{3,}+(?:[-'’][^\W\d_]++)*+"
)  # "GOUGANREN", "MARIE-ANGE", "D'ARC"
INITIAL = re.compile(r"[^\W\d_]\.(?:-[^\W\d_]\.)?")  # "E.", "J.-P."
NAME_ARTICLES = frozenset(("le", "la", "les"))  # "ORLA LE SALROSOZ"
LONG_WORD = 5  # a run holds a word this long: "IBM IBM", "NV DSM" are tickers and acronyms


def name_run(words: list[str]) -> bool:
    """Words in capitals that may be a name: each a word of three letters or more (no digit,
    no dot inside: "VOWG.F" is a ticker), an initial, a particle or an article, one of them
    `LONG_WORD` letters long."""
    joiners = name_joiners() | NAME_ARTICLES
    return all(
        RUN_WORD.fullmatch(w) or INITIAL.fullmatch(w) or w.lower() in joiners for w in words
    ) and any(sum(c.isalpha() for c in w) >= LONG_WORD for w in words)


def runs_titled(line: str) -> str:
    """A line in mixed case with each run of words in capitals inside it title-cased (rule
    `capital_runs`, hostile47 G15: "au compositeur MARIE-ANGE DE VAUENNIÈRE, qui…", a press
    kit's house style, read "MARIE" and "VAUENNIÈRE" apart): two words or more, one blank
    apart, no sign between them, `MIN_CAPITALS` capitals or more, name-shaped (`name_run`);
    one word in capitals ("ONU", "PARIS") and acronyms ("IBM IBM") stay as written."""
    out = list(line)
    run: list[tuple[int, int]] = []

    def close() -> None:
        if len(run) >= 2:
            start, end = run[0][0], run[-1][1]
            piece = line[start:end]
            if sum(c.isupper() for c in piece) >= MIN_CAPITALS and name_run(piece.split()):
                out[start:end] = line_title(piece)
        run.clear()

    for token in TOKEN.finditer(line):
        core = token[0].strip(EDGES)
        if not core or not core.isupper():
            close()
            continue
        start = token.start() + token[0].index(core)
        if run and (start - run[-1][1] != 1 or line[run[-1][1]] not in " \u00a0"):
            close()
        run.append((start, start + len(core)))
        if token[0].rstrip(EDGES) != token[0]:  # "GOUGANREN," ends its run
            close()
    close()
    return "".join(out)
