"""A word opening a sentence or a dialogue turn that its document shows to be a common word is
no name (rule `opening_words`, #31 items 2 and 6): the document writes it in lower case
elsewhere ("« Viens ici », dit X" and "Allez, viens !"), or an article and a lower-case word
follow it ("Quoth the crew: …"), and never capitalised inside a sentence. A name (capitalised
inside a sentence somewhere, or a speaker's tag) stays whatever else the document writes.
Generated: invented words (no sample's), every opening shape, with and without each piece of
evidence; the model's mention given, so no model is loaded (the rule reads the text alone)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.record import Entity, Record
from pipeline.rules import Rules, using
from pipeline.stages.extract_fields import TextRole
from tests.test_mention_generated import word

# Where a word opens a sentence or a turn, by language: {w} the word, {n} a name after it;
# no lower-case word but a function word after it (a lower-case word is a subject's verb
# perhaps: `test_a_word_opening_its_own_sentence_as_a_subject_stays`)
OPENINGS = {
    "fr": ["— {w} donc, {n} !", "« {w}, {n} », dit {n}.", "Il se tut. {w} moi, {n}.",
           "— {w} ! cria {n}.", "{w} encore, dit {n}."],
    "en": ['"{w} here," said {n}.', "He stopped. {w} now, {n}.", '"{w}!" cried {n}.',
           "{w} again, said {n}."],
}  # fmt: skip
# The same word written in lower case inside a sentence of another record of the document
LOWER = {"fr": "Puis il dit : « Allons, {l} ! »", "en": 'Then he said: "Come on, {l}!"'}
# The word capitalised inside a sentence: a name's evidence
INSIDE = {"fr": "Il regarda {w} longuement.", "en": "He looked at {w} for a while."}
ARTICLE = {"fr": "{w} une fois la mer, dit {n}.", "en": "{w} the crew: all is well."}


def mentions_of(texts: list[str], lang: str, w: str) -> list[list[str]]:
    """The mentions left of `w`, given as one at each capitalised occurrence, per record."""
    records = [Record(f"d:{i}", "d", "<g>", i, t, lang=lang) for i, t in enumerate(texts)]
    for r in records:
        at = r.text.find(w)
        while at >= 0:
            r.entities.append(Entity(w, "PERSON", at, at + len(w), "text"))
            at = r.text.find(w, at + 1)
    with using(Rules.default()):
        TextRole().relabel([records])
    return [[e.text for e in r.entities] for r in records]


def case(seed: int) -> tuple[str, str, str, str]:
    rng = random.Random(seed)
    lang = rng.choice(sorted(OPENINGS))
    w, n = word(rng), word(rng)
    while n == w:
        n = word(rng)
    return lang, w, n, rng.choice(OPENINGS[lang]).format(w=w, n=n)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_a_word_the_document_writes_in_lower_case_opening_a_turn_is_no_name(seed: int) -> None:
    lang, w, _, opening = case(seed)
    left = mentions_of([opening, LOWER[lang].format(l=w.lower())], lang, w)
    assert w not in left[0], (opening, left)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_a_word_capitalised_inside_a_sentence_stays_a_name(seed: int) -> None:
    lang, w, _, opening = case(seed)
    texts = [opening, LOWER[lang].format(l=w.lower()), INSIDE[lang].format(w=w)]
    left = mentions_of(texts, lang, w)
    assert w in left[0] and w in left[2], (texts, left)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_an_opening_word_without_evidence_stays(seed: int) -> None:
    lang, w, _, opening = case(seed)
    assert w in mentions_of([opening], lang, w)[0], opening


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_a_word_before_an_article_and_a_common_word_is_no_name(seed: int) -> None:
    lang, w, n, _ = case(seed)
    text = ARTICLE[lang].format(w=w, n=n)
    assert w not in mentions_of([text], lang, w)[0], text
    epithet = f"{w} the Great ruled." if lang == "en" else f"{w} le Grand régna."
    assert w in mentions_of([epithet], lang, w)[0], epithet  # an epithet: a name's


def test_a_speaker_tag_stays_whatever_the_document_writes() -> None:
    rng = random.Random("h48-opening-speaker")
    for _ in range(10):
        w = word(rng)
        texts = [f"{w.upper()} : Je pars demain.", f"Puis il dit : « Allons, {w.lower()} ! »"]
        assert [w.upper()] == mentions_of(texts, "fr", w.upper())[0], texts


SUBJECT = {"fr": "{w} semblait préoccupée.", "en": "{w} shrugged and left."}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 100_000))
def test_a_word_opening_its_own_sentence_as_a_subject_stays(seed: int) -> None:
    """The document's lower-case word is another word there ("rose", "will")."""
    lang, w, _, _ = case(seed)
    texts = [SUBJECT[lang].format(w=w), LOWER[lang].format(l=w.lower())]
    assert w in mentions_of(texts, lang, w)[0], texts
