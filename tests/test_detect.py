"""Language detection: deterministic, document prior for short texts, `und` for no letters."""

from __future__ import annotations

from pipeline.engines.langid import LangdetectDetector
from pipeline.record import Record
from pipeline.stages.detect import Detect, count_words

TEXTS = [
    "Le film fut cependant au centre d'une polémique lors du festival.",
    "The relationship between mother and son is what anchors the film.",
    "Der Film wurde in Kalifornien gedreht und war ein großer Erfolg.",
    "Really Surprised!",
    "7.2| 2h6m| PG-13| en",
    "AD",
]


def records(texts: list[str], doc_id: str = "d") -> list[Record]:
    return [
        Record(id=f"{doc_id}:{i}", doc_id=doc_id, source="s", seq=i, text=t)
        for i, t in enumerate(texts)
    ]


def test_detector_is_deterministic_across_instances() -> None:
    texts = ["Cher", "ok", "Mask", "Universal", "Bonjour", "Hola amigo", "Ciao bella"] * 5
    assert LangdetectDetector().detect(texts) == LangdetectDetector().detect(texts)


def test_count_words_ignores_codes_and_numbers() -> None:
    assert count_words("7.2| 2h6m| PG-13| en") == 1
    assert count_words("I didn't like it.") == 4
    assert count_words("🎬🎬 !!") == 0


def test_long_texts_are_detected_and_short_ones_inherit_the_document_language() -> None:
    out = list(Detect()(records(TEXTS)))
    assert [r.lang for r in out[:3]] == ["fr", "en", "de"]
    assert all(r.meta["lang_source"] == "text" for r in out[:3])
    for short in out[3:]:
        assert short.meta["lang_source"] == "document"
        assert short.meta["lang_reason"] == "too_short"
        assert short.lang in {"fr", "en", "de"}
        assert short.lang_score is not None and short.lang_score < 0.5  # a three-way split document


def test_short_text_alone_is_undetermined_not_confidently_wrong() -> None:
    ad, facts, emoji = Detect()(
        [*records(["AD"], "a"), *records(["7.2| 2h6m| PG-13| en"], "b"), *records(["🎬 !!"], "c")]
    )
    assert (ad.lang, ad.lang_score, ad.meta["lang_reason"]) == ("und", 0.0, "too_short")
    assert (facts.lang, facts.meta["lang_reason"]) == ("und", "too_short")
    assert (emoji.lang, emoji.meta["lang_reason"]) == ("und", "no_letters")


def test_a_detector_that_raises_fails_only_its_record() -> None:
    class Picky:
        name, version = "picky", "0"

        def detect(self, texts: list[str]) -> list[tuple[str, float]]:
            if any("boom" in t for t in texts):
                raise ValueError("cannot read boom")
            return [("en", 0.99) for _ in texts]

    out = list(
        Detect(detector=Picky())(
            records(["a fine english text here", "boom goes the text", "more fine words here"])
        )
    )
    assert [r.error is None for r in out] == [True, False, True]
    assert (
        out[1].error is not None and out[1].error.code == "E101" and "boom" in out[1].error.message
    )
