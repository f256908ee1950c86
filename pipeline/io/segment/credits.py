"""Credits and cast lines ("Réalisation : X Y", "Directed by X Y"): content, never a heading
nor a byline, and each a line of its own where lines are joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.io.segment.blocks import Block
from pipeline.io.segment.wrapping import ROLE_LINKS

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


def is_credit(line: str) -> bool:
    """A role and a name, in a short line: text on both sides of a colon ("Musique : X Y"),
    a label and a value apart by a tab or a wide gap ("Image\tX Y"), or a capitalised role of
    one to four words ending on a lower-case one, then a name of two capitalised words or
    more after a word that links a role to a name ("Directed by X Y", "Musique originale de
    X Y", "Avec X Y"). A line of a paragraph that ends on
    a name after five words or more ("… with the crew in Jane Morrow") is no credit, nor one
    that starts in lower case. A heading names a part of the document, not a person in a
    role."""
    if len(line.split()) > CREDIT_MAX_WORDS:
        return False
    head, colon, rest = line.partition(":")
    if colon and head.strip() and rest.strip()[:1].isupper():
        return True
    if FIELD_GAP.search(line.strip()):
        return True
    words = line.split()
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


def credits_block(group: list[Block], share: bool = False) -> bool:
    """A block of two credit lines or more: "Written by X" there is a credit, no byline.
    `share` (a wrapped block, whose lines may end on a name after a lower-case word): half
    its lines at least, each starting with a capital as a credit does ("Music by X Y")."""
    if not share:
        return sum(1 for block in group if is_credit(block.text)) >= 2
    count = sum(1 for b in group if b.text[:1].isupper() and is_credit(b.text))
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
