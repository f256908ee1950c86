"""A carried mention covers what the text's mention covers (hostile49 E20).

"MONTAGE ....... N. M. GILLELIN": the text's mention is "N. M. GILLELIN", the name guard
froze "GILLELIN" (the initials are no word it protects), the engine kept the initials as
written; the translation's mention with the same id covered only "GILLELIN" (or "J.-M."
became a mention of its own). Where the translation writes the whole mention around the
frozen piece, the carried mention is the whole of it. Generated: labels × initials (one or
two, hyphenated) × surnames in capitals or not × blanks the engine collapsed; and a piece
whose mention the engine did not keep as written stays the piece."""

from __future__ import annotations

import itertools

from pipeline.engines.translate.protect import Masked, Restored
from pipeline.record import Entity, Record
from pipeline.stages.translate import carried_over

LABELS = [
    ("MONTAGE ....... ", "SETTING ....... "),
    ("MIXAGE   ", "MIXAGE "),
    ("Image : ", "Image: "),
]
INITIALS = ["N. M. ", "J.-M. ", "B. ", "A.-L. C. "]
SURNAMES = ["GILLELIN", "RAVNELIN", "Quérendon"]


def carry(label: str, rendered: str, name: str, kept: bool) -> list[tuple[str, int, int]]:
    text = label + name
    surname = name.split()[-1]
    lo = text.index(surname)
    record = Record("r", "d", "<gen>", 0, text, lang="fr")
    record.entities.append(Entity(name, "PERSON", len(label), len(text), mention="m0"))
    translation = rendered + (name if kept else "the " + surname)
    start = translation.index(surname)
    masked = Masked("", [surname], [False], [(lo, lo + len(surname))])
    restored = Restored(translation, [(0, start, start + len(surname))], [])
    got = carried_over(record, masked, restored, {(lo, lo + len(surname))})
    return [(e.text, e.start, e.end) for e in got]


def test_a_carried_mention_covers_the_texts_mention() -> None:
    """hostile49 E20: 36 names; on main 36 carried as the surname alone, none after."""
    wrong, cases = [], 0
    for (label, rendered), initials, surname in itertools.product(LABELS, INITIALS, SURNAMES):
        name = initials + surname
        cases += 1
        got = carry(label, rendered, name, kept=True)
        at = len(rendered)
        if got != [(name, at, at + len(name))]:
            wrong.append((name, got))
        if carry(label, rendered, name, kept=False) != [(surname, at + 4, at + 4 + len(surname))]:
            wrong.append((name, "the piece alone where the rest was not kept"))
    assert cases == 36
    assert not wrong, (len(wrong), wrong[:4])


def test_a_capitals_records_carried_mention_covers_the_texts_mention() -> None:
    """The same through a record in capitals: its stand-in's mention was the name run alone
    ("Gillelin"), carried so; put back, it covers "N. M. GILLELIN" where the translation
    writes it whole."""
    from pipeline.record import Translation
    from pipeline.stages.shouted import put_back

    wrong = []
    for initials, surname in itertools.product(INITIALS, SURNAMES[:2]):
        name = initials + surname
        text = "MONTAGE ....... " + name
        record = Record("r", "d", "<gen>", 0, text, lang="fr")
        record.entities.append(Entity(name, "PERSON", 16, len(text), mention="m0"))
        cased = "setting ....... " + initials.lower() + surname.capitalize()
        stand_in = Record("r", "d", "<gen>", 0, text.lower(), lang="fr")
        stand_in.translation = Translation(cased, "en", "test")
        at = cased.index(surname.capitalize())
        stand_in.entities.append(
            Entity(
                surname.capitalize(), "PERSON", at, at + len(surname), "translation", mention="m0"
            )
        )
        put_back(record, stand_in)
        got = [(e.text, e.start) for e in record.entities if e.field == "translation"]
        if got != [(name, 16)]:
            wrong.append((name, got))
    assert not wrong, wrong[:4]
