"""A knowledge-base entity the corpus names only by its aliases: its canonical name is written
nowhere, so no mention votes on its label. Linking must still decide every mention (the
entity's kind is the knowledge base's), never die in `resolve` (found by a generator of
corpora with a knowledge base: about 1 % died with "min() arg is an empty sequence")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import KnownEntity
from pipeline.record import Entity, Record
from tests.linker import Linker

SURNAMES = ("Vasseur", "Delorme", "Ashcombe")
KINDS = ("PERSON", "ORG", "LOC", "MISC")
ROLES = {"PERSON": "The actor", "ORG": "The studio", "LOC": "The town of", "MISC": "The film"}


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[Record], dict[str, KnownEntity]]:
    """Documents naming a KB alias ("Vasseur Films") and its short form ("Vasseur") read as
    any kind, in any order, with the KB's canonical name ("Les Films Vasseur") never written."""
    surname = draw(st.sampled_from(SURNAMES))
    alias = f"{surname} {draw(st.sampled_from(('Films', 'Pictures', 'Group')))}"
    kind = draw(st.sampled_from(KINDS))
    kb = {alias: KnownEntity("X1", f"Les Films {surname}", kind, (alias,))}
    records = []
    for doc in range(draw(st.integers(1, 3))):
        text, entities = "", []
        for n in range(draw(st.integers(1, 4))):
            if draw(st.booleans()):
                name, label = alias, draw(st.sampled_from(KINDS))
                lead = ""
            else:
                label = draw(st.sampled_from(KINDS))
                name, lead = surname, ROLES[label] + " "
            start = len(text) + len(lead)
            text += f"{lead}{name} spoke. "
            entities.append(Entity(name, label, start, start + len(name), mention=f"m{n}"))
        records.append(Record(f"d{doc}:0", f"d{doc}", "<memory>", 0, text.strip(), lang="en",
                              entities=entities))  # fmt: skip
    return records, kb


@settings(max_examples=150, deadline=None)
@given(corpora())
def test_every_mention_is_decided(corpus: tuple[list[Record], dict[str, KnownEntity]]) -> None:
    records, kb = corpus
    linker = Linker(known=kb)
    for record in records:
        linker.observe(record)
    linker.resolve()
    for record in records:
        for entity in linker.apply(record).entities:
            assert entity.canonical and entity.entity_id
            known = kb.get(entity.text)
            if known is not None:  # the alias itself: the KB's entity, with the KB's kind
                assert (entity.canonical, entity.label) == (known.canonical, known.label)


def test_the_short_form_read_as_another_kind_keeps_its_own() -> None:
    """ "The actor Vasseur" beside "Vasseur Films" (an ORG the KB names "Les Films Vasseur"):
    the person is not the studio."""
    text = "Vasseur Films released it. The actor Vasseur spoke."
    entities = [Entity("Vasseur Films", "ORG", 0, 13, mention="m0"),
                Entity("Vasseur", "PERSON", 37, 44, mention="m1")]  # fmt: skip
    record = Record("a:0", "a", "<memory>", 0, text, lang="en", entities=entities)
    kb = {"Vasseur Films": KnownEntity("X1", "Les Films Vasseur", "ORG", ("Vasseur Films",))}
    linker = Linker(known=kb)
    linker.observe(record)
    linker.resolve()
    studio, person = linker.apply(record).entities
    assert studio.canonical == "Les Films Vasseur"
    assert person.canonical != "Les Films Vasseur"
