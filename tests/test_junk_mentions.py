"""No junk in mentions (#31 items 2 and 6, hostile45 E28, E29): a user name opening a review is
no part of a name, nor what the model glued after it when that reads as a sentence; a past
participle opening a sentence before a function word, and a function word in capitals alone,
are no names. The model's spans are given (`Extract._entities`), so these run in-process."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.rules import Rules, using
from pipeline.stages.extract import Extract, Job

LOWER = st.text("bcdfgklmnprstvz", min_size=2, max_size=5)
VOWELS = st.text("aeiou", min_size=1, max_size=1)


@st.composite
def made_up(draw: st.DrawFn) -> str:
    """A made-up capitalised word: "Bemarto" (no sample's name)."""
    syllables = draw(st.lists(st.tuples(LOWER, VOWELS), min_size=2, max_size=3))
    return "".join(c[:1] + v for c, v in syllables).capitalize()


@st.composite
def user_name(draw: st.DrawFn) -> str:
    """A user name of each shape: "_" inside, a dot inside a word, digits among letters, a
    lower-case start with a capital inside, one capital glued after a first name."""
    a, b = draw(made_up()), draw(made_up())
    shape = draw(st.integers(0, 5))
    digits = str(draw(st.integers(1, 9999)))
    return [
        f"{a.lower()}_{b[0]}",
        f"xX_{a.lower()}_Xx",
        f"{a}.{b[0]}",
        f"{a.lower()}.{b[0].lower()}",
        f"{a.lower()}{digits}",
        f"{a}{b[0]}" if shape == 5 else f"{a.lower()}{b}",
    ][shape]


def read(text: str, spans: list[tuple[int, int, str]], lang: str = "fr") -> list[str]:
    """The mentions Extract keeps of the model's `spans` of `text` (rules on by default)."""
    record = Record("r", "d", "<gen>", 0, text, lang=lang)
    extract = Extract(fields=["text"])
    with using(Rules.default()):
        return [e.text for e in extract._entities(spans, Job(text, record, "text"))]


@settings(max_examples=60, deadline=None)
@given(handle=user_name(), first=made_up(), last=made_up())
def test_a_user_name_opening_a_review_is_no_part_of_a_name(
    handle: str, first: str, last: str
) -> None:
    name = f"{first} {last}"
    text = f"{handle} {name} est au sommet de son art, 4/5."
    assert read(text, [(0, len(handle) + 1 + len(name), "LOC")]) == [name]
    assert read(text, [(0, len(handle), "ORG")]) == []


@settings(max_examples=40, deadline=None)
@given(handle=user_name(), first=made_up(), last=made_up())
def test_a_user_name_glued_to_a_sentence_is_no_mention(handle: str, first: str, last: str) -> None:
    text = f"{handle} Trop long. {first} {last} fait ce qu'il peut."
    assert read(text, [(0, len(handle) + len(" Trop long"), "MISC")]) == []
    text = f"{handle} Trop {first.lower()} ! Allez-y."
    assert read(text, [(0, len(handle) + len(" Trop"), "ORG")]) == []
    at = len(handle) + 1  # the model's span opens after the user name, or inside it
    assert read(text, [(at, at + len("Trop"), "MISC")]) == []
    piece = len(handle) - 1
    text = f"{handle} {first} {last} bluffante !"
    assert read(text, [(0, piece, "PERSON")]) == []
    assert read(text, [(piece, len(text) - len(" bluffante !"), "PERSON")]) == [f"{first} {last}"]


def test_the_same_shapes_inside_a_sentence_and_names_like_them_are_left() -> None:
    for text, span in [
        ("McDonald Jane a parlé.", "McDonald Jane"),
        ("DiCaprio est là.", "DiCaprio"),
        ("J.K. Rowling écrit.", "J.K. Rowling"),
        ("Le film de xX_ab_Xx Jane Roe.", "xX_ab_Xx Jane Roe"),
    ]:
        start = text.index(span)
        assert read(text, [(start, start + len(span), "PERSON")]) == [span]


PARTICIPLES = {
    "fr": ["Réalisé", "Filmé", "Présenté", "Adapté", "Inspiré", "Sélectionné", "Monté"],
    "en": ["Filmed", "Released", "Directed", "Produced", "Presented", "Adapted", "Inspired"],
}
PREPOSITIONS = {"fr": ["par", "en", "à", "dans", "avec"], "en": ["by", "in", "at", "with"]}


def test_a_participle_opening_a_sentence_is_no_name() -> None:
    """Every participle × preposition × position (text start, after a sentence)."""
    failed = []
    for lang, words in PARTICIPLES.items():
        for word in words:
            for prep in PREPOSITIONS[lang]:
                for before in ("", "Un film. "):
                    text = f"{before}{word} {prep} Bemarto Lusini, le film sort."
                    at = len(before)
                    spans = [(at, at + len(word), "PERSON"), (at, at + len(word), "LOC")]
                    record = Record("r", "d", "<gen>", 0, text, lang=lang)
                    record.entities = []
                    with using(Rules.default()):
                        from pipeline.entities import drop_common_words
                        from pipeline.record import Entity

                        record.entities = [
                            Entity(text[a:b], label, a, b, "text") for a, b, label in spans
                        ]
                        drop_common_words(record)
                    if record.entities:
                        failed.append(text)
    assert failed == []


def test_names_before_a_preposition_and_capital_words_stay() -> None:
    from pipeline.entities import drop_common_words
    from pipeline.record import Entity

    for lang, text, word in [
        ("fr", "René en 1970 était là.", "René"),
        ("fr", "Paris en hiver.", "Paris"),
        ("en", "Jared in the film.", "Jared"),
        ("fr", "LA TRAVERSÉE", "TRAVERSÉE"),
        ("en", "Fred was there.", "Fred"),
    ]:
        record = Record("r", "d", "<gen>", 0, text, lang=lang)
        start = text.index(word)
        record.entities = [Entity(word, "PERSON", start, start + len(word), "text")]
        with using(Rules.default()):
            drop_common_words(record)
        assert [e.text for e in record.entities] == [word], text


@given(word=st.sampled_from(["LA", "LE", "LES", "DU", "THE", "OF", "AND", "ET", "AU"]))
@settings(max_examples=20, deadline=None)
def test_a_function_word_in_capitals_alone_is_no_name(word: str) -> None:
    from pipeline.entities import drop_common_words
    from pipeline.record import Entity

    text = f"{word} BEMARTO\n\nUn film."
    record = Record("r", "d", "<gen>", 0, text, lang="fr")
    record.entities = [Entity(word, "LOC", 0, len(word), "text")]
    with using(Rules.default()):
        drop_common_words(record)
    assert record.entities == []
