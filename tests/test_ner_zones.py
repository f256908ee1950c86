"""NER read outside a memory zone first, then inside zones (`Extract._zone`): the same entities
as reading every text inside a zone with spaCy's tokenizer cache empty, for any limits (the
warm phase ending before, inside or after a batch; runs of one text or many), and what a
model keeps for good is bounded by the limits, whatever the texts.

The texts are generated from made-up words and the token kinds spaCy's tokenizer treats
specially (contractions, abbreviations, emoticons, URLs, figures with units, attached
punctuation and quotes, non-ASCII letters, odd whitespace), with repeats so that the cache
answers: a cached word must split as an uncached one does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Record
from pipeline.stages import extract
from pipeline.stages.extract import Extract

SPECIAL = (
    "don't", "I'm", "can't", "y'all", "o'clock", "U.S.", "Dr.", "etc.", "e.g.", "Mt.",
    ":)", ":-(", "<3", "https://example.org/a?b=1", "someone@example.com", "10km", "$5",
    "3.5%", "1990s", "well-known", "(he", "said)", "\"quoted\"", "'tis", "“curly”", "…",
    "--", "A&B", "#tag", "@handle", "naïve", "Straße", "l’été", "São", "x-ray",
)  # fmt: skip
SEPARATORS = (" ", " ", " ", "  ", "\n", "\t", ", ", ". ")


@st.composite
def words(draw: st.DrawFn) -> str:
    """A made-up word, capitalised or not, with punctuation attached or not."""
    word = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=2, max_size=9))
    if draw(st.booleans()):
        word = word.capitalize()
    return word + draw(st.sampled_from(("", "", "", ",", ".", "'s", ")", "!", ":")))


@st.composite
def texts(draw: st.DrawFn) -> list[str]:
    """Texts over a small shared vocabulary (so words repeat) and the special tokens."""
    vocabulary = draw(st.lists(words(), min_size=3, max_size=25))
    token = st.one_of(st.sampled_from(vocabulary), st.sampled_from(SPECIAL))
    out = []
    for _ in range(draw(st.integers(1, 12))):
        tokens = draw(st.lists(token, min_size=1, max_size=30))
        seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(tokens), max_size=len(tokens)))  # fmt: skip
        out.append("".join(t + s for t, s in zip(tokens, seps, strict=True)).strip() or "x")
    return out


def records(texts: Sequence[str]) -> list[Record]:
    """One document each: what reads the document (`pipeline.entities`) reads one record."""
    return [Record(f"r{i}", f"d{i}", "given", i, text, lang="en") for i, text in enumerate(texts)]


def entities(stage: Extract, texts: Sequence[str], batch: int) -> list[Any]:
    """Every record's entities, the texts handed to the stage `batch` at a time."""
    out = []
    for start in range(0, len(texts), batch):
        for record in stage(records(texts[start : start + batch])):
            out.append([(e.text, e.label, e.start, e.end) for e in record.entities])
    stage.close()
    return out


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The English model with its tokenizer cache empty, seen as never used."""
    nlp = extract.load_model(Extract().models["en"])
    extract.first_strings.cache_clear()
    nlp.tokenizer._flush_cache()
    yield nlp
    nlp.tokenizer._flush_cache()
    extract.first_strings.cache_clear()


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    batch=texts(),
    warm_strings=st.sampled_from([0, 3, 40, 10_000]),
    run_chars=st.sampled_from([1, 60, 100_000]),
    per_call=st.sampled_from([1, 3, 100]),
)
def test_entities_are_the_same_warm_or_in_zones(
    fresh: Any,
    monkeypatch: pytest.MonkeyPatch,
    batch: list[str],
    warm_strings: int,
    run_chars: int,
    per_call: int,
) -> None:
    fresh.tokenizer._flush_cache()
    monkeypatch.setattr(extract, "WARM_STRINGS", 0)  # the reference: every text in a zone
    reference = entities(Extract(fields=["text"], reuse=0), batch * 2, per_call)
    fresh.tokenizer._flush_cache()
    extract.first_strings.cache_clear()
    monkeypatch.setattr(extract, "WARM_STRINGS", warm_strings)
    monkeypatch.setattr(extract, "WARM_RUN_CHARS", run_chars)
    # each text twice: the second reading is answered from the cache the first one filled
    assert entities(Extract(fields=["text"], reuse=0), batch * 2, per_call) == reference


def test_the_first_texts_are_read_outside_a_zone_and_later_ones_inside(
    fresh: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the warm phase the tokenizer caches nothing (every word split again)."""
    zoned: list[bool] = []
    pipe = type(fresh).pipe

    def watched(self: Any, texts: Any, **options: Any) -> Any:
        texts = list(texts)
        if self is fresh:  # (not the second model `agreement` asks about a few names)
            zoned.extend([self.vocab.in_memory_zone] * len(texts))
        return pipe(self, texts, **options)

    monkeypatch.setattr(type(fresh), "pipe", watched)
    monkeypatch.setattr(extract, "WARM_STRINGS", 30)
    monkeypatch.setattr(extract, "WARM_RUN_CHARS", 200)
    made_up = [f"Quor{n:x}vel met Brinda{n:x}sk in Tolvar{n:x}ine." for n in range(60)]
    entities(Extract(fields=["text"], reuse=0), made_up, 20)
    assert zoned[0] is False and zoned[-1] is True
    assert zoned == sorted(zoned)  # warm, then zones: never back


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    seed=st.integers(0, 10**6),
    warm_strings=st.sampled_from([0, 20, 200]),
    run_chars=st.sampled_from([1, 300, 3_000]),
)
def test_what_a_model_keeps_for_good_is_bounded(
    fresh: Any, monkeypatch: pytest.MonkeyPatch, seed: int, warm_strings: int, run_chars: int
) -> None:
    """Texts of words never seen before: the model keeps at most `WARM_STRINGS` new strings
    and those of one run past it (a run holds one text at least)."""
    extract.first_strings.cache_clear()
    monkeypatch.setattr(extract, "WARM_STRINGS", warm_strings)
    monkeypatch.setattr(extract, "WARM_RUN_CHARS", run_chars)
    made_up = [
        " ".join(f"W{seed:x}q{n:x}x{k:x}" for k in range(8)) + "." for n in range(120)
    ]  # 8 new words a text, 120 texts: 960 strings if every one were kept
    before = len(fresh.vocab.strings)
    entities(Extract(fields=["text"], reuse=0), made_up, 40)
    words_per_run = 8 * max(1, run_chars // len(made_up[0]))
    kept = len(fresh.vocab.strings) - before
    # a word brings up to 6 strings (itself, lower case, norm, shape, prefix, suffix)
    assert kept <= warm_strings + 6 * words_per_run, (kept, words_per_run)
