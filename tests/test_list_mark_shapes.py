"""A list item's mark read by its shape, not from a list of marks (hostile49 E19).

"✓ X", "◆ X", "= X", "+ X", "> X", "➤ X", "○ X", "→ X", "★ X", "i. X", "ii) X", "b) X":
a line opening on one symbol or punctuation character (Unicode's S and P classes, not an
opening quote or bracket), or a lower-case letter or roman number closed by "." or ")",
then a blank and a name. The model is given the mark as blanks (rule `list_marks`,
`read_marks.blanked`), and a span the model drew over the mark and the name is the name
(rule `trim`). Generated: marks × invented names (initials, particles, hyphens) in a list
of three after a sentence; an initial ("J. X") and a dialogue turn ("- Oui, X.") stay."""

from __future__ import annotations

import itertools

from pipeline.read_marks import blanked
from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job

MARKS = ["✓", "◆", "=", "+", ">", "➤", "○", "▸", "→", "★", "✗", "☐", "§", "~", "⇒",
         "i.", "ii)", "iv.", "b)", "c.", "(b)", "(iii)"]  # fmt: skip
NAMES = ["Gaëlle de Morvard", "J.-L. Gorveuil", "Corentin d'Waldignan", "Octave Lagrot",
         "Loïc Daumström-Varnendon", "Anouk Quéraud"]  # fmt: skip
SENTENCE = "The film follows three sisters in a harbour town through an endless winter."


def faults(rules: Rules) -> tuple[int, list[tuple[str, object]]]:
    """Each mark before each name: blanked for the model, and out of a span drawn over it."""
    out: list[tuple[str, object]] = []
    cases = 0
    stage = Extract(fields=["text"])
    for mark, name in itertools.product(MARKS, NAMES):
        line = f"{mark} {name}"
        text = f"{SENTENCE}\n\n{line}\nOrla Vastane\n"
        at = text.index(line)
        cases += 1
        with using(rules):
            read = blanked(text) if rules.on("list_marks") else text
            record = Record("r", "d", "<gen>", 0, text, lang="en")
            got = stage._entities([(at, at + len(line), "PER")], Job(text, record, "text"))
        if (
            read[at : at + len(mark)].strip()
            or read[at + len(mark) + 1 :] != text[at + len(mark) + 1 :]
        ):
            out.append((line, read[at : at + len(line)]))
        elif [(e.text, e.label) for e in got] != [(name, "PERSON")]:
            out.append((line, [(e.text, e.label) for e in got]))
    return cases, out


def test_a_list_items_mark_is_read_by_its_shape() -> None:
    """hostile49 E19: 132 items; on main 96 faults (the mark inside the mention, or not
    blanked for the model), none after."""
    cases, found = faults(Rules.default())
    assert cases == 132
    assert not found, (len(found), found[:4])


def test_initials_and_dialogue_are_no_list_marks() -> None:
    """An initial ("J. Gorveuil", "A. Quéraud") opens a name; a dialogue turn ("- Oui,
    Octave.") has sentence punctuation: neither is blanked."""
    for text in ("J. Gorveuil\nA. Quéraud", "- Oui, Octave.\n- Non.", "« Octave Lagrot »"):
        assert blanked(text) == text, text
