"""A credit line's names whole, after its label (hostile47 G3, rule `credit_names`).

"Réalisation — X de la Y", "Image<TAB>X O'Y", "Cinematography : A B, C D and E F": after a
credit's label the rest of the line is the name or names, each whole, whatever span the model
drew (a particle read as a place's preposition, "O'" or initials read as no name, a first name
alone) or none. Under a person's label (`cast_lines.person_label`) each is a person; under
another credit label ("Musique", "Son", "Distribution") a name keeps what the model read of it,
or is a person when its shape says so (initials, a particle inside) and the model drew nothing.
The line's shape is read as `cast_lines.credit_label` reads it, line by line: linear."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pipeline.cast_lines import (
    CAST_LINE_CHARS,
    LABEL,
    line_credit_names,
    person_label,
    short_line,
    short_lines,
)
from pipeline.entities import COORDINATORS, credit_labels, head_label, particles
from pipeline.io.segment.credits import CREDIT_ROLE_WORDS, job_words
from pipeline.read_marks import slash_names
from pipeline.record import Entity, EntityField
from pipeline.resources import load_json
from pipeline.rules import active

# a list's mark or number before a credit's label: "• Image : X", "3. Montage — X", "- Son X"
LINE_LEAD = re.compile(r"[-–—•·*▪◦‣▸► \t\u00a0\u202f]*+(?:\d{1,3}[.)][ \t\u00a0]++)?")
# Catalan's "i" too; in capitals on a line in capitals ("A B ET C D")
_JOINS = "|".join(map(re.escape, sorted({w for c in COORDINATORS | {"i"} for w in (c, c.upper())})))
# where a credit's names part one from the next: a comma or semicolon, a coordinator, a slash
# between blanks (one glued between names is `read_marks.slash_names`'s, as in prose)
# (each match starts where its run of blanks starts: linear on a run of blanks)
NAME_CUTS = re.compile(
    rf"(?<![ \t])[ \t]*+[,;][ \t]*+(?:(?:{_JOINS})[ \t]++)?|(?<![ \t])[ \t]++(?:{_JOINS})[ \t]++"
    r"|(?<![ \t\u00a0])[ \t\u00a0]++/[ \t\u00a0]++"
)
NAME_WORDS = 6  # "Jean-Baptiste de la Salastoz", "B. J. Veriérot": a credited name at most
ARTICLES = frozenset(("la", "le", "les", "l'", "l’"))  # inside a name: "X de la Y"
ELIDED = ("d'", "d’")
BLANKS = " \t\u00a0\u202f"
ELIDED_MARKS = "'’"


def capitalised(word: str) -> bool:
    """A name's word: capitalised, or an elided particle glued to one ("d'Arvenne")."""
    return word[:1].isupper() or (word[:2].lower() in ELIDED and word[2:3].isupper())


def whole_name(words: list[str]) -> bool:
    """A credited name's words: capitalised (`capitalised`), but a particle or an article
    inside ("X de la Y", "X van Y"); no digit."""
    inner = particles() | ARTICLES
    return (
        1 <= len(words) <= NAME_WORDS
        and words[0][:1].isupper()
        and capitalised(words[-1])
        and not any(c.isdigit() for w in words for c in w)
        and all(capitalised(w) or (0 < i < len(words) - 1 and w.lower() in inner)
                for i, w in enumerate(words))
    )  # fmt: skip


def label_end(line: str, lang: str | None) -> tuple[int, bool] | None:
    """Where a credit line's names start after its label ("Image : ", "Son\t", "A film by ",
    "Un film d'"), and whether the label is a person's; None on a line that opens with no
    credit's label (`job_words`) or director's credit words (`film_by`)."""
    lower = line.lower()
    opener = next((w for w in film_by() if lower.startswith(w) and (
        w[-1] in ELIDED_MARKS or lower[len(w) : len(w) + 1] in BLANKS)), None)  # fmt: skip
    if opener is not None:
        return (len(opener), True) if opener[-1] in ELIDED_MARKS else (len(opener) + 1, True)
    label = LABEL.match(line)
    if label is None or not label[1][:1].isupper() or len(label[1].split()) > CREDIT_ROLE_WORDS:
        return None
    role = label[1].strip(" .…")
    if len(named_words(role)) >= 2:
        return None  # "Producer X Y / Editor Z W": a credit and its name before the mark
    person = person_label(role, lang)
    return (label.end(), person) if person or role.lower() in job_words() else None


def named_words(label: str) -> list[str]:
    """The capitalised words of a label, after its first, that no credit label or role noun
    holds (`label_words`): a name's ("Producer X Y"), where "Director of Photography" has none."""
    known = label_words()
    return [w for w in label.split()[1:] if w[:1].isupper() and w.lower() not in known]


@cache
def label_words() -> frozenset[str]:
    """Every word of every credit label and role noun (`job_words`), in lower case."""
    return frozenset(w for label in job_words() for w in label.split())


@cache
def film_by() -> tuple[str, ...]:
    """`film_by` of `models/cues.json`: a director's credit words, a blank or an elision
    after them, longest first."""
    words = load_json("cues.json").get("film_by", [])
    return tuple(sorted(words, key=len, reverse=True))


def credited_names(
    text: str, begin: int, stop: int, lang: str | None
) -> list[tuple[int, int, bool]]:
    """The names the credit line text[begin:stop] gives after its label ("Réalisation — X de
    la Y", "Image<TAB>X O'Y", "Cinematography : A B, C D and E F"), and whether the label is
    a person's (`person_label`): the rest of the line, cut at its commas and coordinators,
    when every piece is name-shaped (`whole_name`), whatever span the model drew over it, or
    none (hostile47 G3). A label is a credit's (`job_words`) or a person's."""
    lead = LINE_LEAD.match(text, begin, stop)
    at = lead.end() if lead is not None else begin
    found = label_end(text[at:stop], lang)
    if found is None:
        return []
    person = found[1]  # "Image<TAB><NBSP>X Y": the blanks after the label skipped
    return [(s, e, person) for s, e in whole_names(text, at + found[0], stop)]


def credit_line_names(text: str, lang: str | None) -> list[tuple[int, int, bool]]:
    """The names of every credit line of `text` (`line_names`), its lines read once: linear
    in the text. The one reader of credit lines: the mentions (`credit_entities`) and the
    name guard (`credit_spans`, `credit_name_at`) read them so."""
    return [
        name for begin, stop in short_lines(text) for name in line_names(text, begin, stop, lang)
    ]


def line_names(text: str, begin: int, stop: int, lang: str | None) -> list[tuple[int, int, bool]]:
    """A credit line's names: after its label (`credited_names`), or, on a line of several
    credits, after each one's ("Image : X Y · Son : Z W", `cast_lines.line_credit_names`:
    each piece between its cuts opens on a label of `lang` or English, or goes on with the
    credit before it)."""
    found = credited_names(text, begin, stop, lang)
    if found:
        return found
    return [
        (s, e, person_label(label, lang))
        for s, e, label in line_credit_names(text, begin, stop, credit_labels(lang))
    ]


def credit_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """The names the credit lines of `text` list (`credit_line_names`), for the name guard:
    NER reads a line in capitals, or a name written so, as no name or a work; the translation
    carries them (hostile47 V6)."""
    return [(s, e) for s, e, _ in credit_line_names(text, lang)]


def credit_name_at(text: str, start: int, end: int, lang: str | None) -> bool:
    """Whether [start, end) is a name its credit line lists (`line_names`), its line read."""
    bounds = short_line(text, start, end)
    if bounds is None:
        return False
    return any((s, e) == (start, end) for s, e, _ in line_names(text, *bounds, lang))


INITIAL = re.compile(r"[^\W\d_](?:\.|\.?-[^\W\d_]\.)\Z")  # "J.", "J.-P.": a given name's initial


def initialled(words: list[str]) -> bool:
    """A name with a given name's initial ("M. C. X", "J.-P. X"): only a person's."""
    return len(words) >= 2 and any(INITIAL.match(w) for w in words[:-1])


def particled(words: list[str]) -> bool:
    """A name with a particle inside ("X de la Y", "X van Y", "X d'Y"): a person's, mostly."""
    inner = particles()
    return any(w.lower() in inner or w[:2].lower() in ELIDED for w in words[1:])


def credited_label(
    name: str, person: bool, drawn: list[Entity], lang: str | None, unread: bool = False
) -> str | None:
    """The label of a credited name: a company's head inside it ("Films du X") says ORG; a
    person's label or an initial (`initialled`) PERSON; under another label, what the model
    drew over it (a person when any piece is), else a person when a particle inside says
    so (`particled`), else none: the model's silence stands. In the translation of a text
    no model read (`unread`, rule `unread_credits`: es, pt, ca), the model's reading of a
    machine translation is weaker than the original's credit line: a name of two words or
    more the model was silent on is a person, and one it read otherwise a person when a
    particle inside says so (h49 E14: "Música: X Y", "Producción : X O'Y" gave no entity,
    "Música : X de Y" ORG)."""
    head = head_label(name, lang) or head_label(name, "en") or head_label(name, "fr")
    if head is not None:
        return head
    words = name.split()
    if person or initialled(words):
        return "PERSON"
    labels = [e.label for e in drawn]
    unread = unread and active().on("unread_credits")
    if labels:
        if "PERSON" in labels or (unread and particled(words)):
            return "PERSON"
        return labels[0]
    return "PERSON" if particled(words) or (unread and len(words) >= 2) else None


def translated_names(text: str, source: str, lang: str | None) -> list[tuple[int, int, bool]]:
    """The names of the credit lines of `source` (a translation's original, in `lang`) where
    `text`, the translation, writes them as they are, which the name guard does: the label
    the engine translated ("Montagem" → "Setting", "Guió" → "Hyphen") is read in the
    original's language; each name found once, in order."""
    out: list[tuple[int, int, bool]] = []
    at = 0
    for start, end, person in credit_line_names(source, lang):
        found = text.find(source[start:end], at)
        if found >= 0:
            out.append((found, found + end - start, person))
            at = found + end - start
    return out


def credit_entities(
    text: str,
    at: tuple[int, EntityField],
    langs: tuple[str | None, str | None],
    found: list[Entity],
    held: tuple[list[Entity], str | None],
    unread: bool = False,
) -> list[Entity]:
    """`found`, the mentions a text's model drew (at an offset in a field, `at`), with each
    name of a credit line whole in place of what was drawn over it (`credit_line_names`; in a
    translation, `held` gives the original's text, and its names count too,
    `translated_names`, read in its language, the second of `langs`); a name a mention
    carried from the original already holds (the first of `held`) is left as carried;
    `unread`: the translation of a text no model read (`credited_label`)."""
    lang, source_lang = langs
    carried, source = held
    names = credit_line_names(text, lang)
    if source is not None:
        theirs = translated_names(text, source, source_lang)
        names = theirs + [n for n in names if not any(n[0] < e and s < n[1] for s, e, _ in theirs)]
    return placed(text, names, at, lang, found, carried, unread)


def placed(
    text: str,
    names: list[tuple[int, int, bool]],
    at: tuple[int, EntityField],
    lang: str | None,
    found: list[Entity],
    carried: list[Entity],
    unread: bool = False,
) -> list[Entity]:
    """`found` with each credited name of `names` (start, end, under a person's label) whole
    in place of what was drawn over it, labelled by `credited_label`; a name a carried
    mention already holds is left as carried."""
    if not names:
        return found
    offset, field = at
    out = list(found)
    for start, end, person in names:
        lo, hi = offset + start, offset + end
        if any(e.start < hi and lo < e.end for e in carried):
            continue
        drawn = [e for e in out if e.start < hi and lo < e.end]
        label = credited_label(text[start:end], person, drawn, lang, unread)
        if label is None:
            continue
        out = [e for e in out if not (e.start < hi and lo < e.end)]
        out.append(Entity(text[start:end], label, lo, hi, field))
    return out


def credited_runs(text: str, lang: str | None, guessed: list[Entity]) -> list[Entity]:
    """The runs the name guard guessed in a language without NER, with each name of a credit
    line whole in place of the runs inside it ("Jordi du Braarrard", not "Jordi" and
    "Braarrard" with "du" translated between): carried through as written."""
    names = credit_line_names(text, lang)
    if not names:
        return guessed
    out = [g for g in guessed if not any(g.start < e and s < g.end for s, e, _ in names)]
    out += [Entity(text[s:e], "MISC", s, e) for s, e, _ in names]
    return sorted(out, key=lambda g: (g.start, g.end))


# a label alone on its line, then a preposition its name follows: "Directed by", "Música de"
BY_WORDS = frozenset(("by", "par", "por", "per", "de", "di", "da", "von", "door"))


def label_alone(line: str, lang: str | None) -> bool | None:
    """Whether a line is a credit's label and nothing else (rule `credit_crawl`): "Dirección",
    "MUSIQUE ORIGINALE", "Directed by", "Image :", a director's credit words ("A film by"),
    and whether the label is a person's (None: no label). The label's words are a credit's
    (`job_words`), `models/cues.json`'s, never a name."""
    lead = LINE_LEAD.match(line)
    role = line[lead.end() if lead else 0 :].strip(BLANKS + ":.…").strip()
    lower = " ".join(role.lower().split())
    if not role[:1].isupper() or len(lower.split()) > CREDIT_ROLE_WORDS + 1:
        return None
    if lower in film_by():
        return True
    jobs = job_words()
    if lower in jobs:
        return person_label(lower, lang)
    head, _, by = lower.rpartition(" ")
    if by in BY_WORDS and head in jobs:  # "Directed by", "Musique de": an author's credit
        return True
    return None


@dataclass(frozen=True)
class Crawl:
    """Where a centred credit stands at a line's end: the line is its label alone (`below`)
    or a line of names under it; whether the label is a person's (`person`)."""

    person: bool
    below: bool


def crawl_names(
    text: str, lang: str | None, before: Crawl | None
) -> tuple[list[tuple[int, int, bool]], Crawl | None]:
    """The names of each line of `text` below a credit's label alone on its line
    (`label_alone`; `before`: where the previous record of the document left the credit),
    and where `text` leaves it: "Dirección" / "Ombeline de Verganet", "MUSIQUE ORIGINALE" /
    "A B et C D" / "E F" in a centred end-credit crawl (rule `credit_crawl`). The line right
    below the label is read as a credit line's rest (`whole_names`); each line after a line of
    names goes on with the credit when it holds only full names (two words or more: a heading
    in capitals, "REMERCIEMENTS", ends it). Whether the label is a person's goes with each
    name. Each line read once: linear."""
    out: list[tuple[int, int, bool]] = []
    state = before
    begin = 0
    while begin <= len(text):
        stop = text.find("\n", begin)
        stop = len(text) if stop < 0 else stop
        short = stop - begin <= CAST_LINE_CHARS
        found: list[tuple[int, int]] = []
        if state is not None and short:
            lead = LINE_LEAD.match(text, begin, stop)
            found = whole_names(text, lead.end() if lead else begin, stop)
            if not state.below and not all(len(text[s:e].split()) >= 2 for s, e in found):
                found = []
            out += [(s, e, state.person) for s, e in found]
        label = label_alone(text[begin:stop], lang) if short else None
        if label is not None:
            state = Crawl(label, True)
        elif found and state is not None:
            state = Crawl(state.person, False)
        else:
            state = None
        begin = stop + 1
    return out, state


def document_crawl(texts: Iterable[tuple[str, str | None]]) -> list[list[tuple[int, int, bool]]]:
    """`crawl_names` of each of a document's run of records (text, language), in order, the
    credit carried from one record to the next: what `Extract` places and the name guard
    carries, one reading."""
    state: Crawl | None = None
    out = []
    for text, lang in texts:
        names, state = crawl_names(text, lang, state)
        out.append(names)
    return out


def whole_names(text: str, rest: int, stop: int) -> list[tuple[int, int]]:
    """text[rest:stop], a credit's names: cut at its commas and coordinators, every piece
    name-shaped (`whole_name`) and no credit's label; else none."""
    while rest < stop and text[rest] in BLANKS:
        rest += 1
    end = len(text[:stop].rstrip(BLANKS + ".;,"))
    pieces, start = [], rest
    for cut in NAME_CUTS.finditer(text, rest, end):
        pieces.append((start, cut.start()))
        start = cut.end()
    pieces.append((start, end))
    # "X Y/Z W": two names, cut as prose cuts them (hostile49 E1)
    pieces = [p for s, e in pieces for p in slash_names(text, s, e)]
    jobs = job_words()
    if not all(
        s < e and whole_name(text[s:e].split()) and text[s:e].lower() not in jobs for s, e in pieces
    ) or any(
        "/" in text[before[1] : s]
        and (opens_on_label(text[s:e]) or closes_on_label(text[slice(*before)]))
        for before, (s, e) in itertools.pairwise(pieces)
    ):
        # "A B/Son C D": a second credit after the slash; "A B Montage / C D": the next
        # credit's label before it, the slash its separator: no list of names
        return []
    return pieces


def opens_on_label(piece: str) -> bool:
    """Whether a credit's piece opens on a credit's label ("Son C D", "Casting C D")."""
    words = piece.lower().split()
    jobs = job_words()
    return any(
        " ".join(words[:n]) in jobs for n in range(1, min(len(words), CREDIT_ROLE_WORDS) + 1)
    )


def closes_on_label(piece: str) -> bool:
    """Whether a credit's piece closes on a credit's label ("C D Montage", "C D Directeur de
    la photographie"): the next credit, its label before its own separator."""
    words = piece.lower().split()
    jobs = job_words()
    return any(
        " ".join(words[-n:]) in jobs for n in range(1, min(len(words) - 1, CREDIT_ROLE_WORDS) + 1)
    )
