"""A text written wholly in capitals ("EST-CE QUE TU PARLES MA LANGUE ?", a headline, a credit
line): the engine reads each word as a name or an acronym, carries most as written, translates
a few and drops others ("Speeches MA LANGUE?"). Such a text is translated read case-folded, and
the translation put back in capitals, as the text writes (hostile finding V11):

- a credit line (a credit label of the language, a colon, the names: "RÉALISATION : X Y") is
  read as `capitals.line_title` gives it to NER: the label in sentence case, the names in
  title case ("Réalisation : X Y");
- any other text word by word: a word stays capitalised, a name, when the analyser reads its
  title-cased form as a proper noun (`Pierre` `<np><ant>`, `Paris` `<np><loc>`, a compound
  whole: `États-Unis`) but not right after a determiner when it reads it as a common word too
  ("L'AIR" is "l'air"), or knows neither form and NER's mention holds it beside a name or
  alone ("SHIA X"); every other word is lowered (a word the route does not know is then
  looked up as a common word: `unknown_words`), and each sentence's first word capitalised
  ("Est-ce que tu parles ma langue ?", "Pierre Durand est arrivé à Paris").

NER's mentions of the line (read title-cased, where every word looks like a name) are cut to
the runs of names they hold (`name_runs`): "MAISON EST GRANDE" holds none. The case put back
is each character's own upper case where that is one character, so every offset holds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence

from pipeline.capitals import line_title
from pipeline.credit_names import ARTICLES as NAME_ARTICLES
from pipeline.credit_names import credit_spans, label_end
from pipeline.engines.translate.names import PROPER, UNIT
from pipeline.entities import credit_labels, function_words, label_words, particles

MIN_CAPITALS = 6  # "UN PEU", "TV5 MONDE": shorter texts are left as written
MIN_WORDS = 2
LETTERS = re.compile(r"[^\W\d_]+")
# a hyphenated compound, read whole as a name where its parts are not ("ÉTATS-UNIS")
# (started at a word's start only, possessive: linear on a long word)
COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:[-‐][^\W\d_]++)+")
SENTENCE_END = re.compile(r"[.!?…]+[\s\"»”“]*")
ELISION = "'’"
# A title-cased word's reading: a proper noun only, a proper noun and a common word, a word
# known in neither case, a common word; a lower-case word's: a determiner.
NAME, BOTH, UNKNOWN, COMMON, DETERMINER = "name", "both", "unknown", "common", "determiner"
# A reading of a closed class: a word read so and as a proper noun ("Cela": a pronoun and a
# first name) is a name only where NER's mention holds it (read as `UNKNOWN`): "N'OUBLIEZ PAS
# CELA" was "DO NOT FORGET CELA". (A finite verb's reading too lost "EN CHINE": "chine" is a
# verb.)
GRAMMAR = re.compile(r"<(?:prn|det|predet|pr|rel|cnj\w*)>")


def in_capitals(text: str) -> bool:
    """Whether `text` holds at least `MIN_CAPITALS` capitals, `MIN_WORDS` words of two
    letters or more, and no lower-case letter."""
    capitals = 0
    for char in text:
        if char.islower():
            return False
        capitals += char.isupper()
    words = sum(1 for w in LETTERS.finditer(text) if len(w[0]) >= 2)
    return capitals >= MIN_CAPITALS and words >= MIN_WORDS


def credit_line(text: str, lang: str) -> bool:
    """Whether `text` is a credit line of `lang` (or English), as the credit readers read it in
    title case: a label before a colon ("RÉALISATION : …") or another credit separator
    ("DÉCORS — X Y", "MONTAGE ........ X Y", "SON · X Y": the one credit reader's
    `credit_names.credit_spans` and `label_end`), before its link word or the name itself
    ("SCÉNARIO PAR X Y", "PRODUCTION X Y": `entities.label_words`, a short line holding no
    function word after the label), or a label closing a name in brackets or after a comma
    ("X Y (MUSIQUE)", "X Y, MONTAGE"). Read word by word, such a line lost its names, and
    words moved across the separator (hostile49 T10: "DÉCORS — ROSE X" → "PINK — DECORATIONS
    X")."""
    label, colon, rest = text.partition(":")
    said = tuple(label.lower().split())
    if colon and rest.strip() and said in credit_labels(lang):
        return True
    if "\n" in text.strip() or len(text) > CREDIT_CHARS:
        return False
    if credit_spans(text, lang):
        return True
    opening = label_end(text, lang)
    if opening is not None and text[opening[0] :].strip():
        return True  # "SON · X Y", "MONTAGE / X Y": a separator that also cuts lists
    words = [w.span() for w in WORDS.finditer(text)]
    n = label_words(text, words, lang)
    if n and len(words) - n <= CREDIT_NAME_WORDS:
        rest_words = {lowered(text[s:e]) for s, e in words[n:]}
        return not rest_words & function_words()
    names, closer = closing_label(text.strip())
    named = 0 < len(names.split()) <= CREDIT_NAME_WORDS
    return named and tuple(lowered(closer).split()) in credit_labels(lang)


def closing_label(text: str) -> tuple[str, str]:
    """(what comes before, the label) of a text closing on a label in brackets or after a
    comma ("X Y (MUSIQUE)", "X Y, MONTAGE"), else ("", "")."""
    if text.endswith(")") and "(" in text:
        at = text.rfind("(")
        return text[:at].rstrip(" \t"), text[at + 1 : -1]
    before, comma, after = text.rpartition(",")
    return (before, after) if comma and "(" not in after else ("", "")


CREDIT_CHARS = 120  # a credit line is short
CREDIT_NAME_WORDS = 5  # the words of a name after its label ("JEAN DE LA X" is four)
WORDS = re.compile(r"\S+")


def lowered_form(text: str, word: re.Match[str]) -> str:
    """How a word is looked up in lower case: with its elision mark ("L'" → "l'")."""
    mark = text[word.end() : word.end() + 1]
    return lowered(word[0]) + ("'" if mark and mark in ELISION else "")


def asked(texts: Iterable[str]) -> list[str]:
    """What the analyser is asked about: each word title-cased and in lower case ("PARIS" →
    "Paris", "paris"; "L'" → "l'"), each compound title-cased ("États-Unis")."""
    texts = list(texts)
    forms: set[str] = set()
    for text in texts:
        for w in LETTERS.finditer(text):
            forms.update((titled(w[0]), lowered(w[0]), lowered_form(text, w)))
        forms.update(titled(c[0]) for c in COMPOUND.finditer(text))
    return sorted(forms)


def titled(word: str) -> str:
    """A word in title case, each part of a compound too: "ÉTATS-UNIS" → "États-Unis"."""
    return re.sub(r"[^\W\d_]+", lambda m: m[0][:1] + lowered(m[0][1:]), word)


def lowered(text: str) -> str:
    """`text` in lower case where a letter's lower case is one character ("İ" stays)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def capitals(text: str) -> str:
    """`text` in capitals where a letter's upper case is one character ("ß" stays)."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


def readings(words: Sequence[str], analyses: Sequence[str]) -> dict[str, str]:
    """Each title-cased word of `words` (`asked`) → `NAME`, `BOTH`, `UNKNOWN` (a proper noun
    that also reads as a closed class: `GRAMMAR`) or `COMMON`, each
    lower-case one the analyser reads as a determiner → `DETERMINER`."""
    found = dict(zip(words, analyses, strict=True))
    out = {}
    for word, analysis in found.items():
        options = [r for _, f in UNIT.findall(analysis) for r in f.split("/")]
        if not word[:1].isupper():
            if any("<det>" in r for r in options):
                out[word] = DETERMINER
            continue
        lower = [r for _, f in UNIT.findall(found.get(lowered(word), "")) for r in f.split("/")]
        proper = [bool(PROPER.search(r)) for r in options]
        if any(proper):
            common = [r for r, p in zip(options, proper, strict=True) if not p]
            out[word] = (
                NAME if all(proper) else UNKNOWN if any(map(GRAMMAR.search, common)) else BOTH
            )
        elif all(r.startswith("*") for r in [*options, *lower]):
            out[word] = UNKNOWN
        else:
            out[word] = COMMON
    return out


def word_kinds(text: str, read: Mapping[str, str]) -> list[tuple[re.Match[str], str]]:
    """Each word of `text` and what it is there: `NAME` (a compound's part read as one name
    too; a word read both ways but after a determiner: `COMMON`), `UNKNOWN` or `COMMON`."""
    compounds = {
        w.start() for c in COMPOUND.finditer(text) if read.get(titled(c[0])) == NAME
        for w in LETTERS.finditer(text, c.start(), c.end())
    }  # fmt: skip
    out = []
    before = ""
    for word in LETTERS.finditer(text):
        kind = NAME if word.start() in compounds else read.get(titled(word[0]), NAME)
        if kind == BOTH:
            kind = COMMON if read.get(before) == DETERMINER else NAME
        out.append((word, kind))
        before = lowered_form(text, word)
    return out


def name_runs(
    kinds: Sequence[tuple[re.Match[str], str]], mentions: Sequence[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """For each of NER's mentions, the runs of names it holds: words read as names, words the
    analyser knows in neither form beside one or making up the whole mention ("SHIA X"),
    particles or articles between two ("JEAN DE LA X", "IÑAKI LE X"). "MAISON EST GRANDE",
    read as a place, holds none; "X Y SOUFFRE" holds "X Y". Each mention's words found by
    bisection."""
    starts = [w.start() for w, _ in kinds]
    out = []
    for start, end in mentions:
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        inside = [(w, k) for w, k in kinds[lo:hi] if len(w[0]) > 1 and w.end() <= end]
        runs: list[tuple[int, int]] = []
        run: list[tuple[re.Match[str], str]] = []
        for word, kind in [*inside, (None, COMMON)]:
            particle = word is not None and lowered(word[0]) in particles() | NAME_ARTICLES
            if word is not None and (kind != COMMON or (run and particle)):
                run.append((word, kind))
                continue
            while run and run[-1][1] == COMMON:  # a particle ends no name
                run.pop()
            if run and (any(k == NAME for _, k in run) or len(run) == len(inside)):
                runs.append((run[0][0].start(), run[-1][0].end()))
            run = []
        out.append(runs)
    return out


def case_folded(
    text: str,
    lang: str,
    kinds: Sequence[tuple[re.Match[str], str]],
    names: Sequence[tuple[int, int]] = (),
    whole: Sequence[tuple[int, int]] = (),
) -> str:
    """`text` (in capitals) as a sentence of the language writes it (see the module doc):
    `kinds` its words' (`word_kinds`), `names` the runs of names NER's mentions hold
    (`name_runs`), capitalised but for their particles; `whole` names the document shows
    whole (a credit crawl's), every word capitalised but a particle or an article."""
    if credit_line(text, lang):
        return line_title(text)
    held = {w.start() for s, e in names for w in LETTERS.finditer(text, s, e)}
    inner = particles() | NAME_ARTICLES
    kept = {
        w.start()
        for s, e in whole
        for w in LETTERS.finditer(text, s, e)
        if lowered(w[0]) not in inner
    }
    out = []
    cursor = 0
    opening = True  # the text's first word, and each after a sentence's end
    for word, kind in kinds:
        between = text[cursor : word.start()]
        opening = opening or SENTENCE_END.search(between) is not None
        out.append(between)
        name = word.start() in kept or (
            len(word[0]) > 1 and (kind == NAME or (word.start() in held and kind != COMMON))
        )
        out.append(titled(word[0]) if name or opening else lowered(word[0]))
        opening = False
        cursor = word.end()
    out.append(text[cursor:])
    return "".join(out)
