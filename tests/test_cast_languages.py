"""Cast lines in every language the project translates, from one table (hostile47 G25): each
language's own link words between an actor and the part ("X Y com a la mare", "X Y kao
kapetan", "X Y ama gisa"), and the shapes every cast list writes (brackets, comma, dash,
slash). Each line is a record of its own, the segmenter's actor is the name whole, and the
actor is one PERSON mention whatever the model drew. Names are invented syllables, parts
generic words of the language."""

from __future__ import annotations

import random

from pipeline.io.segment.credits import cast_actor
from pipeline.record import Record, Translation
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job
from tests.test_cast_shapes import mentions
from tests.test_credit_records import blocks, split_lines

LATIN = ["ba", "lo", "mi", "ran", "te", "vo", "su", "gar", "del", "fon", "ri", "mer", "tis"]
CYRILLIC = ["ба", "ло", "ми", "ран", "те", "во", "су", "гар", "дел", "фон", "ри", "мер"]
SHARED = ["{a} ({c})", "{a}, {c}", "{a} — {c}", "{a} / {c}"]
# language → (cast heading, shapes with the language's own link words, parts, syllables);
# "{v}": a part opening on a vowel, after an elided particle
TABLE: dict[str, tuple[str, list[str], list[str], list[str]]] = {
    "en": ("Cast", ["{a} as {c}", "{a} in the role of {c}"],
           ["the captain", "the mother", "Lucy", "Tom"], LATIN),
    "fr": ("Distribution", ["{a} dans le rôle de {c}", "{a} dans le rôle du capitaine",
                            "{a} dans le rôle d'{v}", "{a}, dans le rôle de {c}"],
           ["la mère", "Louise", "l'inspecteur", "Marc"], LATIN),
    "es": ("Reparto", ["{a} como {c}", "{a} en el papel de {c}", "{a} en el papel del capitán"],
           ["el capitán", "la madre", "Lucía", "Tomás"], LATIN),
    "ca": ("Repartiment", ["{a} com a {c}", "{a} en el paper de {c}", "{a} en el paper d'{v}"],
           ["el capità", "la mare", "Llúcia", "Tomàs"], LATIN),
    "pt": ("Elenco", ["{a} como {c}", "{a} no papel de {c}", "{a} no papel da mãe"],
           ["o capitão", "a mãe", "Lúcia", "Tomás"], LATIN),
    "eo": ("Rolantaro", ["{a} kiel {c}", "{a} en la rolo de {c}"],
           ["la kapitano", "la patrino", "Lucio", "Tomaso"], LATIN),
    "eu": ("Aktoreak", ["{a} {c} gisa", "{a} {c} bezala"],
           ["kapitaina", "ama", "Luzia", "Tomas"], LATIN),
    "hr": ("Uloge", ["{a} kao {c}", "{a} u ulozi {c}"],
           ["kapetan", "majka", "Lucija", "Tomislav"], LATIN),
    "sr": ("Улоге", ["{a} као {c}", "{a} у улози {c}"],
           ["капетан", "мајка", "Луција", "Томислав"], CYRILLIC),
    "de": ("Besetzung", ["{a} als {c}", "{a} in der Rolle von {c}"],
           ["der Kapitän", "die Mutter", "Lucia", "Tom"], LATIN),
    "it": ("Cast", ["{a} nel ruolo di {c}", "{a} nei panni di {c}"],
           ["il capitano", "la madre", "Lucia", "Tommaso"], LATIN),
    "nl": ("Rolverdeling", ["{a} als {c}", "{a} in de rol van {c}"],
           ["de kapitein", "de moeder", "Lucia", "Tom"], LATIN),
}  # fmt: skip
VOWEL_PARTS = ["Antoine", "Émile", "Agnès", "Oriol"]
PROSE = "Le film sort le 3 mai."


def person(rng: random.Random, syllables: list[str]) -> str:
    """A first name (hyphenated at times), a particle at times, a surname."""

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()

    first = word() + (f"-{word()}" if rng.random() < 0.3 else "")
    particle = rng.choice(["", "", "de ", "van ", "d'"]) if syllables is LATIN else ""
    return f"{first} {particle}{word()}".replace("d' ", "d'")


def cast_lines(lang: str, shape: str, rng: random.Random) -> tuple[str, str]:
    """One cast line of `shape` in `lang`, and its actor."""
    _, _, parts, syllables = TABLE[lang]
    actor = person(rng, syllables)
    return shape.format(a=actor, c=rng.choice(parts), v=rng.choice(VOWEL_PARTS)), actor


def shapes(lang: str) -> list[str]:
    return [*TABLE[lang][1], *SHARED]


def test_cast_lines_of_every_language_are_one_record_a_line() -> None:
    """hostile47 G25: 12 languages × their shapes, 4 blocks each (half forced to the wrap's
    shape), 308 blocks; on main 40 failed (Catalan "com a", Esperanto "kiel", Basque
    "gisa", Croatian and Serbian "kao", "u ulozi", French "dans le rôle du"...), none after."""
    failing = []
    for lang in TABLE:
        for n, shape in enumerate(shapes(lang)):

            def make(rng: random.Random, lang: str = lang, shape: str = shape) -> str:
                return cast_lines(lang, shape, rng)[0]

            failing += split_lines(blocks(make, 4, f"g25-{lang}-{n}"), TABLE[lang][0], PROSE)
    assert not failing, (len(failing), [lines for lines, _ in failing[:3]])


def actor_faults(rules: Rules) -> list[tuple[str, str, object]]:
    """Each language's cast lines, read by a model that drew the whole line as one person, or
    the actor alone as a place, a company or a work: the segmenter's actor is the name whole,
    and the actor is one PERSON mention."""
    faults: list[tuple[str, str, object]] = []
    for lang in TABLE:
        rng = random.Random(f"g25-actor-{lang}")
        for n, shape in enumerate(shapes(lang)):
            line, actor = cast_lines(lang, shape, rng)
            found = cast_actor(line.split())
            if found is None or " ".join(line.split()[: found[0]]).rstrip(",") != actor:
                faults.append((lang, line, found))
                continue
            text = f"{PROSE}\n{line}\n{PROSE}"
            at = text.index(line)
            span = (
                (at, at + len(line), "PER")
                if n % 2
                else (at, at + len(actor), rng.choice(["LOC", "ORG", "MISC"]))
            )
            got = mentions(text, [span], rules, lang)
            if (actor, "PERSON") not in got:
                faults.append((lang, line, got))
    return faults


def test_a_cast_lines_actor_is_one_person_in_every_language() -> None:
    """hostile47 G25: 77 generated cast lines (12 languages); on main 15 faults (the link
    not read: the actor not cut from the part, or left a place), none after."""
    faults = actor_faults(Rules.default())
    assert not faults, (len(faults), faults[:4])


# the link word an engine translates: the cast line's shape is gone from the translation
RENDERED = {"como": "like", "com a": "as a", "kao": "like", "kiel": "like", "als": "than"}


def translated_faults(rules: Rules) -> list[tuple[str, list[tuple[str, str]]]]:
    """Cast lines whose link word the translation renders as no link ("X Y como el capitán"
    → "X Y like the captain"), the actor read in the translation as a company or a place:
    the original's shape makes it a person."""
    faults = []
    rng = random.Random("g25-translated")
    for link, rendered in RENDERED.items():
        for reading in ("ORG", "LOC", "MISC"):
            actor = person(rng, LATIN)
            original = f"{actor} {link} el capitán"
            text = f"{actor} {rendered} the captain"
            record = Record("r", "d", "<gen>", 0, original, lang="es")
            record.translation = Translation(text, "en", "test")
            extract = Extract(fields=["translation"])
            with using(rules):
                job = Job(text, record, "translation")
                got = [
                    (e.text, e.label) for e in extract._entities([(0, len(actor), reading)], job)
                ]
            if (actor, "PERSON") not in got:
                faults.append((original, got))
    return faults


def test_a_cast_lines_actor_is_a_person_in_its_translation() -> None:
    """hostile47 G25 (es/pt "como" actors ORG, the translation's reading): 15 generated
    lines; on main 12 faults (those rendered "as a" read as a cast line), none after."""
    faults = translated_faults(Rules.default())
    assert not faults, (len(faults), faults[:3])
