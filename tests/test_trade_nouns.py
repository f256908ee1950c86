"""A company introduced by a trade noun no list holds ("the outfit X", "la boîte X") is an
organisation on its sentence's evidence: the noun is no person's, and the apposition after the
name gives it a seat ("based in Dublin since 2009", "installée à Nantes", "founded in 2009")
(rule `seat_apposition`, hostile47 G9); a name ending on the head "Distribution" is one too
(`heads` of `models/cues.json`). Generated: trade nouns outside `cues.json` × seat appositions
× wordings × invented names, English and French; real NER, real linking (the French records'
translations are not made here: the original's reading and its evidence)."""

from __future__ import annotations

import itertools
import random

import pytest

from pipeline.entities import cues
from pipeline.evidence import seat_cue
from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract
from tests.linker import Linker

NOUNS = {  # trade nouns no list of the package holds (checked below)
    "en": ["the outfit", "the banner", "the shingle", "the distribution arm", "the imprint",
           "the boutique", "the young venture"],
    "fr": ["la boîte", "la structure", "la maison", "l'enseigne", "l'officine", "la jeune pousse"],
}  # fmt: skip
SEATS = {
    "en": ["based in {c} since {y}", "headquartered in {c}", "founded in {y}",
           "based in {c}"],
    "fr": ["installée à {c} depuis {y}", "basée à {c}", "implantée à {c} depuis {y}",
           "fondée en {y}"],
}  # fmt: skip
WORDINGS = {
    "en": ["The film was picked up by {n} {x}, {s}.", "Rights went to {n} {x}, {s}, last week."],
    "fr": ["Le film est porté par {n} {x}, {s}.", "Les droits reviennent à {n} {x}, {s}."],
}
CITIES = ["Dublin", "Nantes", "Lyon", "Porto", "Gand"]
SYLLABLES = ["ker", "ou", "gel", "mor", "vec", "lan", "got", "dar", "rin", "zac", "bel", "nois"]


def name(rng: random.Random) -> str:
    return "".join(rng.sample(SYLLABLES, 3)).capitalize()


def cases(head: bool = False) -> list[tuple[str, str, str]]:
    """(language, name, sentence): every noun × seat × wording once, a fresh name each; with
    `head`, the name is "X Distribution"."""
    rng = random.Random("g9" + str(head))
    out = []
    for lang in ("en", "fr"):
        for noun, seat, wording in itertools.product(NOUNS[lang], SEATS[lang], WORDINGS[lang]):
            x = name(rng) + (" Distribution" if head else "")
            s = seat.format(c=rng.choice(CITIES), y=rng.randint(1990, 2020))
            out.append((lang, x, wording.format(n=noun, x=x, s=s)))
    return out[:: 3 if head else 1]


def labels(rules: Rules, head: bool = False) -> tuple[list[tuple[str, str]], int]:
    """The generated names' linked mentions that are not ORG (name, label), and how many
    names have a mention."""
    records = [
        Record(f"d{i}:0", f"d{i}", "<gen>", 0, text, lang=lang)
        for i, (lang, _, text) in enumerate(cases(head))
    ]
    with using(rules):
        read = list(Extract(fields=["text"], rules=rules)(records))
        linked = Linker().link_all(read)
    wrong, found = [], 0
    for (_, x, _), record in zip(cases(head), linked, strict=True):
        mentions = [e for e in record.entities if e.text == x]
        found += bool(mentions)
        wrong += [(x, e.label) for e in mentions if e.label != "ORG"]
    return wrong, found


def test_the_trade_nouns_are_outside_every_list() -> None:
    for lang, nouns in NOUNS.items():
        for noun in nouns:
            assert cues(lang).get(noun.split()[-1].split("'")[-1]) is None, noun


def test_a_company_with_a_seat_after_a_trade_noun_is_an_organisation() -> None:
    """hostile47 G9: 104 generated sentences; with rule `seat_apposition` off (main) 86 of
    the 94 names found are not ORG (PERSON, LOC, MISC); none with it."""
    wrong, found = labels(Rules.default())
    assert found >= len(cases()) * 3 // 4
    assert not wrong, (len(wrong), found, wrong[:6])
    off, _ = labels(Rules.default().with_("seat_apposition", False))
    assert off


def test_a_name_on_the_head_distribution_is_an_organisation() -> None:
    """ "X Distribution": the head word names a company whatever the model read (35 generated
    sentences: PERSON in 16 of the 34 found on main, none now)."""
    wrong, found = labels(Rules.default().with_("seat_apposition", False), head=True)
    assert found and not wrong, (len(wrong), found, wrong[:6])


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The film was made by the director Kerdaroul, based in Dublin since 2009."),
        ("en", "The part went to the young actress Kerdaroul, based in Dublin."),
        ("fr", "Le rôle revient à la comédienne Kerdaroul, installée à Nantes depuis 2009."),
        ("fr", "Le film est signé par Kerdaroul, installée à Nantes depuis 2009."),
        ("en", "The film was picked up by the outfit Kerdaroul, who lives in Dublin."),
        ("en", "Ask the   Kerdaroul, based in Dublin."),
    ],
)
def test_a_person_or_no_trade_noun_is_no_seat(lang: str, text: str) -> None:
    """A person's role noun before the name, no noun at all, or no seat after it: no cue."""
    start = text.index("Kerdaroul")
    assert not seat_cue(text, start, start + len("Kerdaroul"), lang)
