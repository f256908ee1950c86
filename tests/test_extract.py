"""Entity extraction with the real spaCy models: routing by language, one label set, offsets."""

from __future__ import annotations

from pipeline.record import Record, Translation
from pipeline.stages.extract import Extract

LABELS = {"PERSON", "ORG", "LOC", "MISC"}


def record(text: str, lang: str, translation: str | None = None) -> Record:
    r = Record(id="r", doc_id="d", source="s", seq=0, text=text, lang=lang)
    if translation is not None:
        r.translation = Translation(translation, "en", "test")
    return r


def test_each_text_goes_to_its_language_model_and_labels_are_normalised() -> None:
    french = record(
        "Peter Bogdanovich fit publier une lettre dans The Hollywood Reporter à Paris.",
        "fr",
        "Peter Bogdanovich had a letter published in The Hollywood Reporter in Paris.",
    )
    (out,) = Extract()([french])
    by_field = {
        f: {(e.text, e.label) for e in out.entities if e.field == f}
        for f in ("text", "translation")
    }
    assert ("Peter Bogdanovich", "PERSON") in by_field["text"]  # PER → PERSON
    assert ("Peter Bogdanovich", "PERSON") in by_field["translation"]
    assert ("Paris", "LOC") in by_field["translation"]  # GPE → LOC
    assert {e.label for e in out.entities} <= LABELS
    for e in out.entities:
        source = out.text if e.field == "text" else out.translation.text  # type: ignore[union-attr]
        assert source[e.start : e.end] == e.text


def test_common_words_are_not_entities_when_routed_to_the_right_model() -> None:
    texts = [
        ("Le billet était trop cher pour moi.", "fr"),
        ("The film has a universal message.", "en"),
    ]
    out = list(Extract()([record(t, lang) for t, lang in texts]))
    assert [r.entities for r in out] == [[], []]


def test_numbers_and_dates_are_not_named_entities() -> None:
    (out,) = Extract()([record("In 1985 the film earned 40 million dollars in three weeks.", "en")])
    assert out.entities == []


def test_languages_without_a_model_are_skipped_with_a_reason() -> None:
    (out,) = Extract()([record("Der Hund heißt Bello.", "de", "The dog is called Bello.")])
    assert out.meta["entities_skipped"] == "no spaCy model for 'de'"
    assert {e.field for e in out.entities} <= {"translation"}


def test_running_twice_does_not_duplicate_entities() -> None:
    stage = Extract(fields=["text"])
    r = record("Cher and Eric Stoltz star in Mask.", "en")
    once = [e.to_dict() for e in next(iter(stage([r]))).entities]
    twice = [e.to_dict() for e in next(iter(stage([r]))).entities]
    assert once == twice and once
