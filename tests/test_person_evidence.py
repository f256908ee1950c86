"""Main characters are people by evidence in their document (#31 item 6): a name that speaks
(the subject of a speech verb opening or closing direct speech, or in an inverted incise),
takes a title, or is called out is a person at its other mentions; not a full organisation
name that "says" things, nor a name opening with "The". Names are generated; the sentences
are written here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.evidence import relabel_people
from pipeline.record import Entity, Record
from pipeline.rules import Rules, using

NAME = st.builds(
    lambda a, b: (a + b).capitalize(),
    st.sampled_from(["ba", "co", "dre", "fi", "lou", "mar", "ni", "ro", "sté", "vé"]),
    st.sampled_from(["lin", "raud", "ssac", "ton", "mière", "quet", "lande", "brun"]),
)
FRENCH_SIGNS = [  # {n}: the name; each a different kind of evidence
    "Assis près du feu, {n} dit enfin : « Je reste. »",
    "« Allons-y », {n} répondit sans attendre.",
    "— Tu es en retard, s'écria {n}.",
    "Il salua M. {n} en entrant.",
    "— Grand {n} ! que faites-vous là ?",
    "— Viens ici, mon {n}, viens.",
]
ENGLISH_SIGNS = [
    'After a while {n} said: "We stay."',
    '"Let us go," {n} replied at once.',
    "He greeted Mr. {n} at the door.",
]
PLAIN = "Le lendemain, {n} traversa la place du marché."


def document(name: str, signs: list[str], plain: int, label: str, lang: str) -> list[Record]:
    """One document: the name in each sign sentence and in `plain` neutral ones, every mention
    labelled `label` by a model."""
    records = []
    for i, template in enumerate(signs + [PLAIN] * plain):
        text = template.format(n=name)
        start = text.index(name)
        entity = Entity(name, label, start, start + len(name), "text", mention="m0")
        records.append(Record(f"r{i}", "d", "<memory>", i, text, lang=lang, entities=[entity]))
    return records


def labels(records: list[Record]) -> set[str]:
    return {e.label for r in records for e in r.entities}


@given(
    NAME,
    st.lists(st.sampled_from(FRENCH_SIGNS), min_size=2, max_size=3, unique=True),
    st.integers(0, 6),
    st.sampled_from(["MISC", "ORG", "LOC"]),
)
def test_a_name_that_speaks_takes_a_title_or_is_called_out_is_a_person(
    name: str, signs: list[str], plain: int, label: str
) -> None:
    records = document(name, signs, plain, label, "fr")
    with using(Rules.default()):
        relabel_people(records)
    assert labels(records) == {"PERSON"}


@given(NAME, st.sampled_from(FRENCH_SIGNS + ENGLISH_SIGNS))
def test_each_kind_of_sign_counts(name: str, sign: str) -> None:
    lang = "en" if sign in ENGLISH_SIGNS else "fr"
    records = document(name, [sign, sign], 0, "MISC", lang)
    relabel_people(records)
    assert labels(records) == {"PERSON"}, records[0].text


REPORTED = [  # organisations speak in the news: reported speech, or a full name
    "{n} said that sales would rise next year.",
    "Shares fell after {n} said on Monday it would cut jobs.",
]
QUOTED = ['"We will grow," said {n} in a statement.', 'After the vote {n} said: "We lost."']


@given(NAME, NAME)
def test_organisations_that_say_things_stay_organisations(first: str, second: str) -> None:
    one_word = document(first, REPORTED, 2, "ORG", "en")
    relabel_people(one_word)
    assert labels(one_word) == {"ORG"}  # reported speech is no sign
    full = document(f"{first} {second} Holdings", QUOTED, 0, "ORG", "en")
    relabel_people(full)
    assert labels(full) == {"ORG"}  # the model's reading of a full organisation name stands
    the = document(f"The {first}", QUOTED, 0, "MISC", "en")
    relabel_people(the)
    assert labels(the) == {"MISC"}


def test_an_exclamation_is_at_the_start_of_the_text_only_where_the_text_starts() -> None:
    far = "x" * 60 + "abc " + "Dubreuil !"
    records = document("Dubreuil", [far.replace("Dubreuil", "{n}")] * 2, 0, "LOC", "fr")
    relabel_people(records)
    assert labels(records) == {"LOC"}  # "xxx…abc Dubreuil !": two words before it
