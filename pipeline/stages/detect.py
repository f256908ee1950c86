"""Detect each record's language; the document's language is a prior for short records.

Per record, not per document: an English page can carry a French review. But a few words are
weak evidence and junk is confidently misread (`AD` → Tagalog), so:

- a text without letters is `und` (`meta.lang_reason: "no_letters"`);
- a text without words (letters only: `2h6m`, `PG-13` are not words, nor are abbreviations
  such as `AD`; a line mostly made of figures and codes has none) is not judged alone: it takes
  its document's language (`meta.lang_source: "document"`) or `und` (`lang_reason:
  "no_words"`). A single word is judged: "Zeichensatzbeschreibungsdatei" is German;
- a text of fewer than `short_words` words is judged with its document's language mix as a
  prior (`P(lang | text) × (share_in_document(lang) + PRIOR_FLOOR)`);
- an answer scoring under `threshold` (0.5: the combined engine's probabilities are calibrated
  on real short text, mean confidence 0.986 for accuracy 0.978) falls back to the document's
  language, else `und` (`lang_reason: "low_confidence"`): junk ("asdf", "ok") and truly
  ambiguous words get `und`, not a confident guess.

The document's language is the one most of its confidently detected words are in, and its
score is that share, so a mixed document passes on a weak prior.
"""

from __future__ import annotations

import string
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from typing import Any

import regex

from pipeline.engines.langid.base import Distribution, LanguageDetector, best
from pipeline.errors import Code
from pipeline.record import UNDETERMINED, Record
from pipeline.registry import make_detector
from pipeline.stages.base import Stage

DEFAULT_ENGINE = "combined"
# Where a record's language came from (`meta.lang_source`).
FROM_TEXT, FROM_DOCUMENT, FROM_NOWHERE = "text", "document", "none"
PUNCTUATION = string.punctuation + "“”«»‘’„…–—¿¡"
PRIOR_FLOOR = 0.1  # a language absent from the document keeps a tenth of a present one's odds
DETECT_CHARS = 1000  # language ID reads at most this much of a text: long texts are easy, and slow
COUNT_WORDS = 100  # words counted per text: enough for every threshold and document weight


def count_words(text: str) -> int:
    """Words made of letters only ("2h6m", "PG-13", "7.2" are not words for language ID, nor
    are abbreviations: "AD", "HD", "TV"), or minus the tokens that are not words when those are
    the majority: a line of figures and codes ("7.2| 2h6m| PG-13| en") has no language.
    Letters include the combining marks of Indic and Thai scripts (`str.isalpha` does not).
    Scripts written without spaces (Chinese, Japanese, Thai...) count a word per two of
    their characters: a sentence is one token there, and was counted as no word at all."""
    words = others = 0
    for token in text[: COUNT_WORDS * 12].split()[:COUNT_WORDS]:
        word = token.strip(PUNCTUATION)
        if not word:
            continue
        if not word.isascii() and (unspaced := len(UNSPACED.findall(word))):
            # Chinese, Japanese, Thai... write no spaces: a word is a few characters
            words += max(1, unspaced // CHARS_PER_WORD)
            continue
        if not (word.isalpha() or LETTERS_ONLY.fullmatch(word)):  # isalpha: the fast common case
            others += 1
        elif not (2 <= len(word) <= 4 and word.isupper()):  # an abbreviation is neither
            words += 1
    return words if words >= others else 0


# Started only where a run of apostrophes and hyphens starts: linear on a long run of them.
LETTERS_ONLY = regex.compile(r"(?<!['’-])['’-]*+\p{L}[\p{L}\p{M}'’-]*")
# Scripts written without spaces between words: their letters are counted, not their tokens.
UNSPACED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]"
)
CHARS_PER_WORD = 2  # a Chinese or Japanese word is one to three characters, most often two


def head(text: str) -> str:
    """The first `DETECT_CHARS` characters, cut at a space."""
    if len(text) <= DETECT_CHARS:
        return text
    cut = text.rfind(" ", 0, DETECT_CHARS)
    return text[: cut if cut > 0 else DETECT_CHARS]


class Detect(Stage):
    """Sets `lang` (ISO 639-1, or `und`) and `lang_score` on every record."""

    name = "detect"
    reads = ("text", "doc_id")
    writes = ("lang", "lang_score", "meta.lang_source", "meta.lang_reason")
    counters = ("by_language",)
    error_code = Code.DETECT_FAILED

    def __init__(
        self,
        engine: str = DEFAULT_ENGINE,
        languages: Collection[str] | None = None,
        threshold: float = 0.5,
        min_words: int = 1,
        short_words: int = 6,
        detector: LanguageDetector | None = None,
        batch_size: int = 256,
    ) -> None:
        super().__init__(batch_size)
        self.engine = detector.name if detector else engine
        self.languages = sorted(languages) if languages else None
        self.threshold = threshold
        self.min_words = min_words
        self.short_words = short_words
        self.detector = detector
        self._last_document: tuple[str, Distribution] | None = None  # a document spanning batches

    def setup(self) -> None:
        if self.detector is None:
            options = {"languages": self.languages} if self.languages else {}
            self.detector = make_detector(self.engine, **options)

    def start_stream(self) -> None:
        self._last_document = None

    def config(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "languages": self.languages or "open set",
            "threshold": self.threshold,
            "min_words": self.min_words,
            "short_words": self.short_words,
            "batch_size": self.batch_size,  # a document's language mix is read per batch
        }

    def describe(self) -> dict[str, Any]:
        return {**self.config(), "version": self.detector.version if self.detector else None}

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        yield "by_language", record.lang or UNDETERMINED

    def process(self, batch: Sequence[Record]) -> None:
        assert self.detector is not None
        words = [count_words(r.text) for r in batch]
        judged = [i for i, n in enumerate(words) if n >= self.min_words]
        dists = dict(
            zip(judged, self.detector.distributions([batch[i].text for i in judged]), strict=True)
        )
        alone = {i: best(dist) for i, dist in dists.items()}
        documents = self._document_mix(batch, words, alone)
        for i, record in enumerate(batch):
            mix = documents.get(record.doc_id)
            fallback = best(mix) if mix else None
            if words[i] == 0 or i not in dists:
                letters = any(c.isalpha() for c in record.text)
                reason = "too_short" if words[i] else "no_words" if letters else "no_letters"
                self._assign(record, fallback if letters else None, FROM_DOCUMENT, reason)
                continue
            dist = dists[i]
            if mix and words[i] < self.short_words:
                dist = {lang: p * (mix.get(lang, 0.0) + PRIOR_FLOOR) for lang, p in dist.items()}
                total = sum(dist.values())
                dist = {lang: p / total for lang, p in dist.items()} if total else {}
            lang, score = best(dist)
            if lang != UNDETERMINED and score >= self.threshold:
                self._assign(record, (lang, score), FROM_TEXT)
            else:
                self._assign(record, fallback, FROM_DOCUMENT, "low_confidence")

    @staticmethod
    def _assign(
        record: Record, answer: tuple[str, float] | None, source: str, reason: str | None = None
    ) -> None:
        if answer is None:
            record.lang, record.lang_score = UNDETERMINED, 0.0
            record.meta["lang_source"] = FROM_NOWHERE
        else:
            record.lang, record.lang_score = answer
            record.meta["lang_source"] = source
        if reason:
            record.meta["lang_reason"] = reason

    def _document_mix(
        self, batch: Sequence[Record], words: list[int], alone: dict[int, tuple[str, float]]
    ) -> dict[str, Distribution]:
        """Per document, the share of its confidently detected words in each language."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for i, (lang, score) in alone.items():
            if score >= self.threshold and words[i] >= self.short_words:
                votes[batch[i].doc_id][lang] += words[i]
        mixes = {
            doc: {lang: n / sum(c.values()) for lang, n in c.items()} for doc, c in votes.items()
        }
        if self._last_document and self._last_document[0] not in mixes:
            mixes[self._last_document[0]] = self._last_document[1]
        last = batch[-1].doc_id
        if last in mixes:
            self._last_document = (last, mixes[last])
        return mixes
