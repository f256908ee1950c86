"""The items of a list of names are of one kind (#31 item 5, rule `coordinated`): in a list
of three names or more joined by commas and coordinators, a mention the model labels apart
from most of the list takes the list's label, unless a role noun before it types it; two names
that disagree, or names not joined as a list, are left alone. Names are generated; the
sentences are written here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.evidence import relabel_coordinated
from pipeline.record import Entity, Record

NAME = st.builds(
    lambda a, b: (a + b).capitalize(),
    st.sampled_from(["ba", "co", "dre", "fi", "lou", "mar", "ni", "ro", "sté", "vé", "zu"]),
    st.sampled_from(["lin", "raud", "ssac", "ton", "mière", "quet", "lande", "brun", "wick"]),
)
LABELS = st.sampled_from(["PERSON", "ORG", "LOC", "MISC"])
# every way a list joins its items, in both languages the pipeline reads
JOINS = {
    "en": [", ", " and ", ", and ", " & ", " or ", ", or "],
    "fr": [", ", " et ", " ou ", " & "],
}
NOT_A_LIST = [" met ", ". ", " with ", " (", " de ", " — ", " versus "]


def sentence(names: list[str], joins: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "Hier ", []
    for i, name in enumerate(names):
        if i:
            text += joins[i - 1]
        spans.append((len(text), len(text) + len(name)))
        text += name
    return text + " arrivèrent.", spans


def record(text: str, spans: list[tuple[int, int]], labels: list[str], lang: str) -> Record:
    entities = [
        Entity(text[a:b], label, a, b, "text", mention=f"m{i}")
        for i, ((a, b), label) in enumerate(zip(spans, labels, strict=True))
    ]
    return Record("r", "d", "<memory>", 0, text, lang=lang, entities=entities)


@st.composite
def lists(draw: st.DrawFn, joined: bool = True) -> tuple[Record, list[str]]:
    lang = draw(st.sampled_from(sorted(JOINS)))
    names = draw(st.lists(NAME, min_size=2, max_size=6, unique=True))
    pool = JOINS[lang] if joined else NOT_A_LIST
    joins = [draw(st.sampled_from(pool)) for _ in names[1:]]
    labels = draw(st.lists(LABELS, min_size=len(names), max_size=len(names)))
    text, spans = sentence(names, joins)
    return record(text, spans, labels, lang), labels


def majority(labels: list[str]) -> str | None:
    top = max(set(labels), key=labels.count)
    return top if labels.count(top) * 2 > len(labels) else None


@given(lists())
def test_a_list_takes_the_label_most_of_it_carries(case: tuple[Record, list[str]]) -> None:
    rec, labels = case
    relabel_coordinated([rec])
    got = [e.label for e in rec.entities]
    top = majority(labels)
    if len(labels) >= 3 and top is not None:
        assert got == [top] * len(labels), (rec.text, labels, got)
    else:  # two names, or no majority: nothing says which reading is wrong
        assert got == labels, (rec.text, labels, got)


@given(lists(joined=False))
def test_names_not_joined_as_a_list_keep_their_labels(case: tuple[Record, list[str]]) -> None:
    rec, labels = case
    relabel_coordinated([rec])
    assert [e.label for e in rec.entities] == labels, rec.text


@given(st.lists(NAME, min_size=3, max_size=3, unique=True))
def test_a_role_noun_outranks_the_list(names: list[str]) -> None:
    """ "the band X" stays an organisation in a list of people."""
    text = f"On stage were {names[0]}, {names[1]} and the band {names[2]}."
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    rec = record(text, spans, ["PERSON", "PERSON", "ORG"], "en")
    relabel_coordinated([rec])
    assert [e.label for e in rec.entities] == ["PERSON", "PERSON", "ORG"]
