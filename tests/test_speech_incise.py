"""Characters who speak are people by the grammar of dialogue, whatever the verb of the incise
(hostile47 G21: "objecta", "trancha", "glissa", "snapped", "drawled" are in no list, and
invented names were LOC, ORG, MISC in the index). Generated chapters: invented names, speech
verbs outside `models/cues.json`'s lists, the incise after a closed quotation («…», trancha
X; "…?" snapped X; "…," X drawled) or a dialogue dash line (— Tu viens ? objecta X); the
model's reading stood in for by a place's, a company's or a work's label (no model runs).
Lines that are no incise ("« Le Monde », selon Libération.", "Elle aime Paris.") give no
sign."""

from __future__ import annotations

import random

from pipeline.evidence import person_signs, relabel_people
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using

SYLLABLES = ["mor", "ven", "el", "brune", "kal", "vane", "om", "brelle", "bas", "tarde", "du"]
VERBS = {
    "fr": ["objecta", "trancha", "glissa", "bougonna", "grommela", "rétorqua", "souffla",
           "maugréa", "persifla", "coupa"],
    "en": ["snapped", "drawled", "retorted", "sighed", "hissed", "grumbled", "murmured",
           "quipped", "barked", "mumbled"],
}  # fmt: skip
LINES = {  # {v}: the verb, {a}: the speaker, {b}: the one addressed
    "fr": ["« Pas ce soir, {b} », {v} {a}.", "— Tu viens, {b} ? {v} {a}.",
           "« Il est tard », {v} {a}.", "« Il est tard, {b}. » {a} {v}."],
    "en": ["\"Are you coming, {b}?\" {v} {a}.", "\"It's late,\" {a} {v}.",
           "\"Not tonight, {b},\" {v} {a}.", "\"It's late.\" {a} {v}."],
}  # fmt: skip
NOT_INCISES = ["« Le Monde », selon {a}.", "Elle aime {a}.", "\"Hello\" is what {a} wrote in it.",
               "Le train pour {a} part à midi.", "He said: \"{a} is far.\""]  # fmt: skip


def name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, 2)).capitalize()


def chapters(count: int = 40) -> list[tuple[Record, list[str]]]:
    """(a chapter of six lines, its speakers), each name read as a place, company or work."""
    rng = random.Random("g21")
    out = []
    for n in range(count):
        lang = ("fr", "en")[n % 2]
        a, b = name(rng), name(rng)
        while b == a:
            b = name(rng)
        lines = [
            rng.choice(LINES[lang]).format(v=rng.choice(VERBS[lang]), a=x, b=y)
            for x, y in [(a, b), (b, a)] * 3
        ]
        text = "\n".join(lines)
        record = Record(f"c{n}:0", f"c{n}", f"c{n}.txt", 0, text, lang=lang)
        for who in (a, b):
            at = text.find(who)
            while at >= 0:
                record.entities.append(
                    Entity(who, rng.choice(["LOC", "ORG", "MISC"]), at, at + len(who))
                )
                at = text.find(who, at + 1)
        out.append((record, [a, b]))
    return out


def wrong(rules: Rules) -> tuple[int, int]:
    """(speakers' mentions not PERSON once the document's evidence is read, mentions)."""
    cases = chapters()
    with using(rules):
        for record, _ in cases:
            relabel_people([record])
    mentions = [e for record, _ in cases for e in record.entities]
    return sum(e.label != "PERSON" for e in mentions), len(mentions)


def test_speakers_of_incises_are_people_whatever_the_verb() -> None:
    """hostile47 G21: 40 generated chapters, 371 mentions; on main 371 stayed a place, a
    company or a work, none after."""
    bad, total = wrong(Rules.default())
    assert bad == 0, (bad, total)


def test_lines_that_are_no_incise_give_no_sign() -> None:
    text = "\n".join(line.format(a="Vennor") for line in NOT_INCISES)
    signs = [
        at
        for at in (i for i in range(len(text)) if text.startswith("Vennor", i))
        if person_signs(text, at, at + 6, "fr")
    ]
    assert not signs, [text[max(0, at - 30) : at + 10] for at in signs]
