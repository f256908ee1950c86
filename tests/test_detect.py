"""Language detection: per record, document prior for short texts, `und` for junk, determinism."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.engines.langid import CombinedDetector, LangdetectDetector
from pipeline.engines.langid.base import Distribution
from pipeline.engines.langid.lexicon_engine import zipf
from pipeline.engines.registry import detector_names, make_detector
from pipeline.record import Record
from pipeline.stages.detect import Detect
from pipeline.words import (
    CHARS_PER_WORD,
    COUNT_WORDS,
    LETTERS_ONLY,
    PUNCTUATION,
    UNSPACED,
    count_words,
)

ENGLISH_PAGE = [
    "The relationship between mother and son is what anchors the whole film.",
    "Cher gives a great performance as a tough and loving single mother.",
    "Un film bouleversant, Cher y est formidable et le jeune acteur aussi.",  # a French review
    "Really Surprised!",
    "Mask",
    "7.2| 2h6m| PG-13| en",
]


def records(texts: list[str], doc_id: str = "d") -> list[Record]:
    return [
        Record(id=f"{doc_id}:{i}", doc_id=doc_id, source="s", seq=i, text=t)
        for i, t in enumerate(texts)
    ]


@pytest.fixture(scope="module")
def combined() -> CombinedDetector:
    return CombinedDetector()


def test_every_engine_is_registered_and_answers_in_iso_639_1() -> None:
    assert {"combined", "langdetect", "fasttext", "py3langid", "lexicon", "lingua"} <= set(
        detector_names()
    )
    for name in ("langdetect", "fasttext", "py3langid", "lexicon"):
        (answer,) = make_detector(name).detect(
            ["Le chat dort sur le canapé du salon depuis ce matin."]
        )
        assert answer[0] == "fr", name


def test_detectors_are_deterministic_and_thread_safe(combined: CombinedDetector) -> None:
    texts = [
        "Cher",
        "ok",
        "Mask",
        "Universal",
        "Bonjour",
        "Hola amigo",
        "Ciao bella",
        "Dag allemaal",
    ] * 20
    expected = combined.detect(texts)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(combined.detect, [texts] * 8))
    assert all(r == expected for r in results)
    assert LangdetectDetector().detect(texts) == LangdetectDetector().detect(texts)


def test_open_set_by_default_and_closed_when_asked(combined: CombinedDetector) -> None:
    polish, german = (
        "Dzień dobry, bardzo podobał mi się ten film.",
        "Der Film hat mir sehr gut gefallen.",
    )
    assert [lang for lang, _ in combined.detect([polish, german])] == ["pl", "de"]
    closed = make_detector("combined", languages=["en", "fr"])
    assert all(lang in {"en", "fr"} for lang, _ in closed.detect([polish, german]))


def test_count_words_ignores_codes_and_numbers() -> None:
    assert count_words("7.2| 2h6m| PG-13| en") == 0  # mostly figures and codes: no words
    assert count_words("Ongeldige DNS TTL") == 1  # abbreviations are not words, nor noise
    assert count_words("AD") == 0
    assert count_words("I didn't like it.") == 4
    assert count_words("🎬🎬 !!") == 0


MARKED_SCRIPTS = {
    "hi": "भारत एक विशाल देश है और यहाँ कई भाषाएँ बोली जाती हैं।",
    "bn": "বাংলা ভাষা পৃথিবীর অন্যতম প্রধান ভাষা।",
    "ta": "தமிழ் உலகின் மிகப் பழமையான மொழிகளில் ஒன்று.",
    "th": "ประเทศไทยมีประชากรประมาณเจ็ดสิบล้านคน",
}


def test_words_with_combining_marks_are_words(combined: CombinedDetector) -> None:
    """Devanagari, Bengali, Tamil and Thai vowel signs are marks, not letters, for
    `str.isalpha`: those texts used to have no words and came out `und`."""
    texts = list(MARKED_SCRIPTS.values())
    assert all(count_words(t) >= 1 for t in texts)
    stream = [
        Record(id=lang, doc_id=lang, source="x", seq=0, text=t)
        for lang, t in MARKED_SCRIPTS.items()
    ]
    out = list(Detect(detector=combined)(stream))
    assert [r.lang for r in out] == list(MARKED_SCRIPTS)
    assert all(r.meta["lang_source"] == "text" for r in out)


UNSPACED_SCRIPTS = {
    "ja": "映画祭は毎年秋に開かれ、多くの監督が集まります。",
    "zh": "电影节每年秋天举行，来自世界各地的导演聚集在这里。",
    "th": "เทศกาลภาพยนตร์จัดขึ้นทุกฤดูใบไม้ร่วง",
}


def test_scripts_without_spaces_are_judged_by_their_characters(combined: CombinedDetector) -> None:
    """A Chinese, Japanese or Thai sentence is one token: it used to count as no word, `und`."""
    assert all(count_words(t) >= 5 for t in UNSPACED_SCRIPTS.values())
    stream = [
        Record(id=lang, doc_id=lang, source="x", seq=0, text=t)
        for lang, t in UNSPACED_SCRIPTS.items()
    ]
    out = list(Detect(detector=combined)(stream))
    assert [r.lang for r in out] == list(UNSPACED_SCRIPTS)
    assert all(r.meta["lang_source"] == "text" for r in out)


def test_records_are_detected_one_by_one_with_the_document_as_prior(
    combined: CombinedDetector,
) -> None:
    out = list(Detect(detector=combined)(records(ENGLISH_PAGE)))
    assert [r.lang for r in out] == ["en", "en", "fr", "en", "en", "en"]
    # "Really Surprised!" and "Mask" are capitalised words alone (a title, a name): they
    # take the page's language, as a cast list does; the facts line has no words
    assert [r.meta["lang_source"] for r in out] == ["text"] * 3 + ["document"] * 3
    assert [r.meta["lang_reason"] for r in out[3:]] == ["names", "names", "no_words"]
    assert out[5].meta["lang_reason"] == "no_words"
    assert out[5].lang_score is not None and out[5].lang_score < 1.0  # the page is partly French


def test_junk_alone_is_undetermined_not_confidently_wrong(combined: CombinedDetector) -> None:
    stage = Detect(detector=combined)
    texts = ["AD", "7.2| 2h6m| PG-13| en", "🎬 !!", "asdf"]
    out = list(stage([r for i, t in enumerate(texts) for r in records([t], f"doc{i}")]))
    assert [(r.lang, r.lang_score) for r in out] == [("und", 0.0)] * 4
    assert [r.meta["lang_reason"] for r in out] == [
        "no_words",
        "no_words",
        "no_letters",
        "low_confidence",
    ]


def test_a_single_unambiguous_word_gets_its_language(combined: CombinedDetector) -> None:
    texts = ["Zeichensatzbeschreibungsdatei", "Speicherallokationsfehler", "Bonjour", "Gracias"]
    out = list(
        Detect(detector=combined)([r for i, t in enumerate(texts) for r in records([t], f"w{i}")])
    )
    assert [r.lang for r in out] == ["de", "de", "fr", "es"]
    assert all(r.meta["lang_source"] == "text" for r in out)


def test_codes_are_iso_639_1_whatever_the_engine_says() -> None:
    from pipeline.engines.langid.base import iso639_1

    assert [iso639_1(c) for c in ("__label__no", "sh", "fil", "iw", "zh-cn", "pt_BR")] == [
        "nb", "hr", "tl", "he", "zh", "pt",
    ]  # fmt: skip
    norwegian = "Jeg har ikke sett denne filmen ennå, men jeg gleder meg veldig til å se den."
    answers = {name: make_detector(name).detect([norwegian])[0][0] for name in
               ("combined", "fasttext", "py3langid", "lexicon")}  # fmt: skip
    assert answers["combined"] == "nb" and "no" not in answers.values(), answers


def test_low_confidence_falls_back_to_the_document() -> None:
    class Unsure:
        name, version = "unsure", "0"

        def distributions(self, texts: list[str]) -> list[Distribution]:
            return [
                {"en": 0.9} if len(t) > 40 else {"en": 0.3, "de": 0.35, "nl": 0.35} for t in texts
            ]

    out = list(
        Detect(detector=Unsure())(records([ENGLISH_PAGE[0], "Wat een mooie dag vandaag zeg"]))
    )
    assert (out[1].lang, out[1].meta["lang_source"], out[1].meta["lang_reason"]) == (
        "en",
        "document",
        "low_confidence",
    )


def test_a_detector_that_raises_fails_only_its_record() -> None:
    class Picky:
        name, version = "picky", "0"

        def distributions(self, texts: list[str]) -> list[Distribution]:
            if any("boom" in t for t in texts):
                raise ValueError("cannot read boom")
            return [{"en": 0.99} for _ in texts]

    out = list(
        Detect(detector=Picky())(
            records(["a fine english text here", "boom goes the text", "more fine words here"])
        )
    )
    assert [r.error is None for r in out] == [True, False, True]
    assert (
        out[1].error is not None and out[1].error.code == "E101" and "boom" in out[1].error.message
    )


def test_the_lexicon_answers_zipf_like_wordfreq() -> None:
    """The name checks ask the detector's lexicon tables instead of wordfreq's dictionaries
    (one copy in memory, 37 MB less per language); the answers are wordfreq's, for words of
    letters, from Zipf 3 up (where the `small` list stops)."""
    import wordfreq

    for lang in ("en", "fr", "de"):
        ranked = [
            w for bucket in wordfreq.get_frequency_list(lang, wordlist="large") for w in bucket
        ]
        words = [w for w in ranked[:60000:97] if all(c.isalpha() or c in "-'’" for c in w)]
        assert len(words) > 500
        for word in words:
            theirs = wordfreq.zipf_frequency(word, lang)
            if theirs > 3.0 and "'" not in word and "’" not in word:
                assert zipf(word.title(), lang) == pytest.approx(theirs, abs=0.011), word
    assert zipf("Zzyzxqv", "en") == 0.0
    assert zipf("R2-D2", "en") == 0.0
    assert zipf("bonjour", "xx") == 0.0


@given(st.text(max_size=200))
def test_count_words_fast_path_is_the_letters_only_rule(text: str) -> None:
    """`str.isalpha` is only a shortcut: the count is the `LETTERS_ONLY` rule's, always."""
    words = others = 0
    for token in text.split()[:COUNT_WORDS]:
        word = token.strip(PUNCTUATION)
        if not word:
            continue
        if unspaced := len(UNSPACED.findall(word)):
            words += max(1, unspaced // CHARS_PER_WORD)
            continue
        if not LETTERS_ONLY.fullmatch(word):
            others += 1
        elif not (2 <= len(word) <= 4 and word.isupper()):
            words += 1
    assert count_words(text) == (words if words >= others else 0)
