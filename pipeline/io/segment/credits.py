"""Credits and cast lines ("Réalisation : X Y", "Directed by X Y"): content, never a heading
nor a byline, and each a line of its own where lines are joined."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from pipeline.io.segment.blocks import Block
from pipeline.io.segment.wrapping import ROLE_LINKS, ends_sentence
from pipeline.resources import load_json

CREDIT_MAX_WORDS = 8  # a role and one or two names; a longer line is prose
# the word a role ends on before its name: "by", "par", "de", "von"...; "with", "avec" alone
# ("Avec X Y"), not after other words ("Entretien avec X Y" is a heading, "… harbour with X Y"
# a paragraph's line)
CREDIT_LINKS = ROLE_LINKS | frozenset(("per", "van", "of", "du", "del", "do"))
WITH = frozenset(("with", "avec", "mit", "con", "com", "amb", "met", "With", "Avec", "Mit",
                  "Con", "Com", "Amb", "Met"))  # fmt: skip
CREDIT_ROLE_WORDS = 4  # "Directed by", "Avec la participation de": a role's words at most
# a label and its value set apart by a tab or a wide gap ("Image\tX Y", "MUSIQUE    X Y")
FIELD_GAP = re.compile(r"\S(?:\t|[ \u00a0]{3})\s*+(?=\S)")  # possessive: linear on any run
# what else sets an entry's label and value apart on a line of their own ("Image ...... X Y",
# "Son · X Y", "Montage — X Y", "Musique / X Y", "X Y ....... Louise", "Mixage  X Y"): leader
# dots, a middle dot, bullet, dash or slash between blanks (a hyphen or slash inside a word is
# none), two blanks, a table's cell border in a text file ("Image | X Y", "Son|X Y": hostile47 G1),
# blanks around it or none
ENTRY_SEPARATOR = re.compile(r"\.{2,}+|…++|(?<=\s)[·•—–\-/](?=\s)|[|¦]|[ \u00a0]{2,}+")
GAPS = re.compile(r"[ \u00a0]{2,}")
CAST_MAX_WORDS = 12  # a name of five words, a link of four ("dans le rôle de"), a part of three
LEADS = "-–—•·*▪◦ \t"  # what marks a line as one of a list, before its label
# the words a name's or a list of names' inside may hold in lower case ("Jean de La Fontaine",
# "X Y et Z W"), with the particles of `models/cues.json`
NAME_JOINERS = frozenset(("et", "and", "&", "und", "y", "e", "i", "en"))


def is_credit(line: str) -> bool:
    """A role and a name, in a short line: text on both sides of a colon ("Musique : X Y"),
    a label and a value apart by a tab or a wide gap ("Image\tX Y"), by leader dots, a middle
    dot, a dash, a slash or two blanks (`entry`: "Image ...... X Y", "Son · X Y"), an actor
    and a part (`cast_line`: "X Y as Louise"), or a capitalised role of
    one to four words ending on a lower-case one, then a name of two capitalised words or
    more after a word that links a role to a name ("Directed by X Y", "Musique originale de
    X Y", "Avec X Y"). A line of a paragraph that ends on
    a name after five words or more ("… with the crew in Jane Morrow") is no credit, nor one
    that starts in lower case. A heading names a part of the document, not a person in a
    role."""
    if len(line.split()) > CREDIT_MAX_WORDS:
        words = line.split()  # "X Y, dans le rôle de la serveuse": a cast line's link is long
        return len(words) <= CAST_MAX_WORDS and cast_line(words)
    head, colon, rest = line.partition(":")
    if colon and head.strip() and rest.strip()[:1].isupper():
        return True
    if colon and named_role(head.split(), rest.split()):
        return True  # "M.-A. Quinganec : compositeur", a bio's head
    if FIELD_GAP.search(line.strip()):
        return True
    words = line.split()
    if entry(line) or cast_line(words):
        return True
    tail = 0
    while tail < len(words) and words[len(words) - 1 - tail][:1].isupper():
        tail += 1
    role = len(words) - tail
    return (
        tail >= 2
        and 1 <= role <= CREDIT_ROLE_WORDS
        and (words[role - 1] in CREDIT_LINKS or (role == 1 and words[0] in WITH))
        and words[0][:1].isupper()
    )


def entry(line: str) -> bool:
    """A label and its value apart by leader dots, a middle dot, a dash or a slash
    (`ENTRY_SEPARATOR`): both sides short and capitalised (a role of up to
    `CREDIT_ROLE_WORDS` words), one of them a name (`name_shaped`: "Image ...... X Y", "X Y
    ....... Le juge"), and no sentence ending the line. A paragraph's line holds lower-case
    words on one side at least ("Le film - tourné en mer"), and ends on a full stop."""
    line = line.lstrip(LEADS)  # "– Son ...... X Y": a dash leading each line of a list
    match = ENTRY_SEPARATOR.search(line)
    if match is None:
        return False
    label = line[: match.start()].split()
    value = line[match.end() :].strip(" .…").split()
    if not (1 <= len(label) <= CREDIT_ROLE_WORDS and value):
        return False
    if match.group().isspace() and (GAPS.search(line, match.end()) or not name_shaped(value)):
        return False  # blanks: one gap, then a name (justified prose pads every gap)
    if not label[0][:1].isupper():
        return False
    if not value[0][:1].isupper():
        # an actor, then the part in lower case ("X Y — le juge", "X Y / la serveuse")
        return (
            not match.group().isspace()
            and len(label) >= 2
            and name_shaped(label)
            and cast_part(value)
            and not sentence_end(line)
        )
    return (
        (name_shaped(label) or name_shaped(value))
        and not sentence_end(line)
        and not sentence_end(" ".join(label))  # "… the end.  Then X Y"
    )


def named_role(name: list[str], role: list[str]) -> bool:
    """A person named before a colon, the role in lower case after it ("M.-A. Quinganec :
    compositeur", "Ysolde Ferougoz: director of photography"): a name of two to
    `CAST_NAME_WORDS` words, no number in it, and a part's words after (hostile47 G20: a bio's
    head, dropped as a heading)."""
    return (
        2 <= len(name) <= CAST_NAME_WORDS
        and name_shaped(name)
        and not any(c.isdigit() for w in name for c in w)
        and bool(role)
        and role[0][:1].islower()
        and cast_part(role)
    )


def cast_line(words: list[str]) -> bool:
    """An actor and a part, as a cast list writes them (`cast_actor`)."""
    return cast_actor(words) is not None


def cast_actor(words: list[str]) -> tuple[int, int] | None:
    """The actor's words and where the part starts (word counts), when the line is an actor
    and a part as a cast list writes them: a name of two to five words (a particle inside:
    "X de Y"), then the part joined by a language's link words (`linked_part`: "X Y as
    Louise", "X Y, dans le rôle de la serveuse", "X Y com a la mare"), in brackets at the
    line's end ("X Y (le juge)", "X Y [Louise]"), after a comma ("X Y, le juge"), or after a
    dash or slash ("X Y — le juge", "X Y / Louise", "X Y / Jeanne adulte": a part of one word
    or no name, so "Directeur Photo — X Y" is none). A part has one to `CAST_PART_WORDS`
    words, in lower case as often as not ("as the captain"), and ends no sentence. A name's
    words are capitalised but its particles, so a line of prose ("Le film, tourné en mer") is
    none."""
    for start in range(2, min(len(words), CAST_NAME_WORDS + 1)):
        name = words[:start]
        if not name_shaped([w.rstrip(",") for w in name]) or any(
            w.endswith(",") for w in name[:-1]
        ):
            continue  # "X de" is no name, "X de Y" is
        rest = words[start:]
        if name[-1].endswith(","):
            if len(name[-1]) > 2 and cast_part(rest):
                return start, start  # "X Y, le juge"
        elif len(rest) <= CAST_PART_WORDS and bracketed(" ".join(rest)):
            return start, start  # "X Y (le juge)", "X Y [Louise]"
        elif (
            rest[0] in CAST_MARKS
            and cast_part(rest[1:])
            and (len(rest) == 2 or not name_shaped(rest[1:]))
        ):
            return start, start + 1  # "X Y — le juge", "X Y / Louise"; not "Image — X Y"
        part = linked_part(rest)
        if part is not None:
            return start, start + part
    return None


def linked_part(rest: list[str]) -> int | None:
    """Where the part starts among the words after an actor's name, when a link word of
    `cast_links` (`models/cues.json`, every language) joins them: before the part ("as
    Louise", "com a la mare", "dans le rôle d'Antoine": an elided particle's word is the
    part's), or after it ("ama gisa"). The longest link first: "com a", not "com"."""
    before, after = cast_links()
    lowered = [w.lower() for w in rest[: max(map(len, before)) + 1]]
    for link in sorted(before, key=len, reverse=True):
        size = len(link)
        if link[-1][-1:] in "'’":  # "d'": the part's first word holds it ("d'Antoine")
            last = lowered[size - 1] if len(lowered) >= size else ""
            if (
                tuple(lowered[: size - 1]) == link[:-1]
                and last.startswith(link[-1])
                and rest[size - 1][len(link[-1]) : len(link[-1]) + 1].isupper()
                and cast_part(rest[size - 1 :])
            ):
                return size - 1
        elif tuple(lowered[:size]) == link and cast_part(rest[size:]):
            return size
    for link in after:
        tail = tuple(w.lower() for w in rest[-len(link) :])
        if len(rest) > len(link) and tail == link and cast_part(rest[: -len(link)]):
            return 0  # "X Y ama gisa": the part, then its link
    return None


@cache
def cast_links() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """`cast_links` of `models/cues.json`, every language (the segmenter reads before any
    language is known), as words: those written before the part, those after it ("… gisa")."""
    links = [w for ws in load_json("cues.json").get("cast_links", {}).values() for w in ws]
    before = frozenset(tuple(w.split()) for w in links if not w.startswith("…"))
    after = frozenset(tuple(w[1:].split()) for w in links if w.startswith("…"))
    return before, after


def cast_character(words: list[str]) -> bool:
    """A cast line whose part is a character, not a job ("X Y (le juge)", not "X Y –
    réalisation", "X Y, compositeur": a credit label or a role noun of `models/cues.json`,
    words of a language)."""
    found = cast_actor(words)
    if found is None:
        return False
    part = " ".join(words[found[1] :]).strip("()[]").lower()
    return part not in job_words()


@cache
def job_words() -> frozenset[str]:
    """Credit labels and role nouns of `models/cues.json`, every language, in lower case."""
    cues = load_json("cues.json")
    labels = [
        w for table in ("roles", "person_roles") for ws in cues.get(table, {}).values() for w in ws
    ]
    nouns = [w for lang in cues.values() if isinstance(lang, dict) for w in lang.get("PERSON", ())]
    return frozenset(w.lower() for w in (*labels, *nouns))


CAST_NAME_WORDS = 5  # "Jean-Paul de La Fontaine", at most
CAST_PART_WORDS = 4  # "l'inspecteur Morel", "the old captain", "directeur de la photographie"
BRACKETS: Mapping[str, str] = MappingProxyType({"(": ")", "[": "]"})
CAST_MARKS = frozenset("—–-/")  # between blanks, between an actor and a part


def cast_part(words: list[str]) -> bool:
    """A part's words: one to `CAST_PART_WORDS`, the first a letter's, no sentence ended."""
    return (
        1 <= len(words) <= CAST_PART_WORDS
        and words[0][:1].isalpha()
        and not sentence_end(" ".join(words))
    )


def bracketed(text: str) -> bool:
    """Text in one pair of brackets, and nothing else: "(le juge)", "[Louise]"."""
    close = BRACKETS.get(text[:1])
    return (
        close is not None
        and text.endswith(close)
        and len(text) > 2
        and text[1:-1].strip()[:1].isalpha()
        and not any(c in text[1:-1] for c in "()[]")
    )


def name_shaped(words: list[str]) -> bool:
    """A name, or names joined: every word capitalised but a particle or a conjunction
    inside ("Jean de La Fontaine", "X Y et Z W"), or an elided particle ("X d'Arvenne")."""
    inner = name_joiners()
    return all(
        w[:1].isupper()
        or (0 < i < len(words) - 1 and w.lower() in inner)
        or (i > 0 and w[:2] in ELIDED and w[2:3].isupper())  # "X d'Arvenne"
        for i, w in enumerate(words)
    )


ELIDED = frozenset(("d'", "d’"))  # an elided particle glued to a name's word


@cache
def name_joiners() -> frozenset[str]:
    return NAME_JOINERS | frozenset(load_json("cues.json").get("particles", ()))


def sentence_end(text: str) -> bool:
    """Whether `text` ends a sentence: an initial ("J.") ends none."""
    last = text.rsplit(maxsplit=1)[-1] if text.strip() else ""
    return ends_sentence(text) and not (len(last) == 2 and last[0].isupper())


def credits_block(group: list[Block], share: bool = False) -> bool:
    """A block of two credit lines or more: "Written by X" there is a credit, no byline.
    `share` (a wrapped block, whose lines may end on a name after a lower-case word): half
    its lines at least, each starting with a capital as a credit does ("Music by X Y")."""
    if not share:
        return sum(1 for block in group if is_credit(block.text)) >= 2
    count = sum(1 for b in group if b.text.lstrip(LEADS)[:1].isupper() and is_credit(b.text))
    return count >= 2 and 2 * count >= len(group)


@dataclass
class RecentCredits:
    """`is_credit`, remembering the last lines' answers: the wrap decision asks each line
    twice (as the end of one break, then the start of the next)."""

    answers: dict[str, bool] = field(default_factory=dict)

    def __call__(self, line: str) -> bool:
        if line not in self.answers:
            if len(self.answers) > 2:
                self.answers.clear()
            self.answers[line] = is_credit(line)
        return self.answers[line]
