"""The speaker of an incise in a compound tense is a person, whatever the verb (issue 31 item
6; h48 ent-crawl): "« … », a déclaré X lundi.", "\"…,\" X has said.", "«…», ha declarado X."
Generated from a table: invented names, an auxiliary of each language (`auxiliaries` of
`models/cues.json`) and participles in no list, the incise inverted after the quotation (the
name ending the clause, or one lower-case word after it: "lundi", "today") or the name first
and the verb after; the model's reading stood in for by a place's, a company's or a work's
label (no model runs). Lines that are no incise give no sign."""

from __future__ import annotations

import random

from pipeline.evidence import person_signs, relabel_people
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using

SYLLABLES = ["mor", "ven", "el", "brune", "kal", "vane", "om", "brelle", "bas", "tarde", "du"]
# participles in no list of `models/cues.json`
VERBS = {
    "fr": ["déclaré", "expliqué", "tranché", "martelé", "résumé", "nuancé", "concédé"],
    "en": ["stated", "explained", "insisted", "conceded", "summed up", "stressed"],
    "es": ["declarado", "explicado", "matizado", "insistido", "resumido"],
    "ca": ["declarat", "explicat", "matisat", "insistit", "resumit"],
    "pt": ["declarado", "explicado", "insistido", "resumido"],
}
AUX = {"fr": ["a", "avait"], "en": ["has", "had"], "es": ["ha", "había"],
       "ca": ["ha", "havia"], "pt": ["tem", "tinha"]}  # fmt: skip
AFTER = {"fr": ["", " lundi", " hier"], "en": ["", " today", " yesterday"],
         "es": ["", " hoy", " ayer"], "ca": ["", " avui", " ahir"], "pt": ["", " hoje", " ontem"]}  # fmt: skip
LINES = {  # {x}: the auxiliary, {v}: the participle, {a}: the speaker, {t}: a word after
    "fr": ["« Nous sommes prêts », {x} {v} {a}{t}.", "« Il est tard », {a} {x} {v}."],
    "en": ["\"We are ready,\" {x} {v} {a}{t}.", "\"It's late,\" {a} {x} {v}."],
    "es": ["«Estamos listos», {x} {v} {a}{t}.", "“Es tarde”, {x} {v} {a}{t}."],
    "ca": ["«Som a punt», {x} {v} {a}{t}.", "«És tard», {a} {x} {v}."],
    "pt": ["«Estamos prontos», {x} {v} {a}{t}.", "“É tarde”, {a} {x} {v}."],
}  # fmt: skip
NOT_INCISES = ["« Le Monde », a rejoint le groupe de {a} en mai.", "Elle a aimé {a}.",
               "\"Hello\" has been the word of {a} for years.", "Le train a quitté {a} à midi.",
               "« Le Monde » a cité {a} et la presse locale."]  # fmt: skip


def name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, 2)).capitalize()


def articles(count: int = 50) -> list[Record]:
    """Press paragraphs of four incises, the speaker read as a place, company or work."""
    rng = random.Random("h48-compound")
    langs = sorted(LINES)
    out = []
    for n in range(count):
        lang = langs[n % len(langs)]
        a = name(rng)
        lines = [
            rng.choice(LINES[lang]).format(
                x=rng.choice(AUX[lang]), v=rng.choice(VERBS[lang]), a=a, t=rng.choice(AFTER[lang])
            )
            for _ in range(4)
        ]
        text = "\n".join(lines)
        record = Record(f"c{n}:0", f"c{n}", f"c{n}.txt", 0, text, lang=lang)
        at = text.find(a)
        while at >= 0:
            record.entities.append(Entity(a, rng.choice(["LOC", "ORG", "MISC"]), at, at + len(a)))
            at = text.find(a, at + 1)
        out.append(record)
    return out


def wrong(rules: Rules) -> tuple[int, int]:
    """(speakers' mentions not PERSON once the document's evidence is read, mentions)."""
    records = articles()
    with using(rules):
        for record in records:
            relabel_people([record])
    mentions = [e for record in records for e in record.entities]
    return sum(e.label != "PERSON" for e in mentions), len(mentions)


def test_speakers_of_compound_incises_are_people() -> None:
    """50 generated paragraphs, 200 mentions: on main 200 stayed a place, a company or a
    work; none after."""
    bad, total = wrong(Rules.default())
    assert total == 200
    assert bad == 0, (bad, total)


def test_no_incise_no_sign() -> None:
    """A name after an auxiliary and a verb that closes no quotation, or followed by more
    than a clause's last word, is no speaker."""
    with using(Rules.default()):
        for line in NOT_INCISES:
            text = line.format(a="Morven")
            at = text.index("Morven")
            assert not person_signs(text, at, at + 6, "fr"), line


def test_a_span_over_more_than_a_name_is_no_speaker() -> None:
    """ "« … », a déclaré X lundi." with the model's span over "X lundi": no sign for it (the
    name alone has one)."""
    text = "« Nous sommes prêts », a déclaré Morven lundi."
    at = text.index("Morven")
    with using(Rules.default()):
        assert person_signs(text, at, at + 6, "fr")
        assert not person_signs(text, at, at + len("Morven lundi"), "fr")
