"""Detect each record's language, using the document as a prior for texts too short to judge.

Language ID is unreliable on a handful of words ("Really Surprised!", "Mask") and confidently
wrong on junk (`AD` → Tagalog). So a text with fewer than `min_words` words, or a score under
`threshold`, takes its document's language when the document has one (`meta.lang_source:
"document"`), else `und`; a text without letters is always `und`. `meta.lang_reason` says why.
"""

from __future__ import annotations

import string
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from pipeline.engines.langid.base import LanguageDetector
from pipeline.record import UNDETERMINED, Record
from pipeline.registry import make_detector
from pipeline.stages.base import Stage

PUNCTUATION = string.punctuation + "“”«»‘’„…–—¿¡"


def count_words(text: str) -> int:
    """Words made of letters only ("2h6m", "PG-13", "7.2" are not words for language ID)."""
    count = 0
    for token in text.split():
        word = token.strip(PUNCTUATION)
        if word and all(c.isalpha() or c in "'’-" for c in word) and any(c.isalpha() for c in word):
            count += 1
    return count


class Detect(Stage):
    """Sets `lang` (ISO 639-1 or `und`) and `lang_score` on every record."""

    name = "detect"
    reads = ("text", "doc_id")
    writes = ("lang", "lang_score", "meta.lang_source", "meta.lang_reason")
    error_code = "E101"

    def __init__(
        self,
        engine: str = "langdetect",
        min_words: int = 3,
        threshold: float = 0.5,
        detector: LanguageDetector | None = None,
        batch_size: int = 256,
    ) -> None:
        super().__init__(batch_size)
        self.engine = engine
        self.min_words = min_words
        self.threshold = threshold
        self.detector = detector
        self._last_document: tuple[str, str, float] | None = None  # a document spanning batches

    def setup(self) -> None:
        if self.detector is None:
            self.detector = make_detector(self.engine)

    def describe(self) -> dict[str, Any]:
        assert self.detector is not None
        return {
            "engine": self.detector.name,
            "version": self.detector.version,
            "min_words": self.min_words,
            "threshold": self.threshold,
        }

    def process(self, batch: Sequence[Record]) -> None:
        assert self.detector is not None
        words = [count_words(r.text) for r in batch]
        guesses = self.detector.detect([r.text for r in batch])
        confident = [
            n >= self.min_words and score >= self.threshold and lang != UNDETERMINED
            for n, (lang, score) in zip(words, guesses, strict=True)
        ]
        documents = self._document_languages(batch, words, guesses, confident)
        for record, n, (lang, score), sure in zip(batch, words, guesses, confident, strict=True):
            if sure:
                record.lang, record.lang_score = lang, score
                record.meta["lang_source"] = "text"
            else:
                reason = (
                    "no_letters"
                    if n == 0
                    else "too_short"
                    if n < self.min_words
                    else "low_confidence"
                )
                record.meta["lang_reason"] = reason
                inherited = documents.get(record.doc_id) if n else None
                if inherited:
                    record.lang, record.lang_score = inherited
                    record.meta["lang_source"] = "document"
                else:
                    record.lang, record.lang_score = UNDETERMINED, 0.0
                    record.meta["lang_source"] = "none"

    def _document_languages(
        self,
        batch: Sequence[Record],
        words: list[int],
        guesses: list[tuple[str, float]],
        confident: list[bool],
    ) -> dict[str, tuple[str, float]]:
        """Each document's language: the one most of its confidently detected words are in.

        The score is the share of those words that agree, so a mixed document inherits weakly.
        """
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for record, n, (lang, _), sure in zip(batch, words, guesses, confident, strict=True):
            if sure:
                votes[record.doc_id][lang] += n
        languages = {}
        for doc_id, counter in votes.items():
            (lang, top), total = counter.most_common(1)[0], sum(counter.values())
            languages[doc_id] = (lang, round(top / total, 4))
        if self._last_document and self._last_document[0] not in languages:
            doc_id, lang, score = self._last_document
            languages[doc_id] = (lang, score)
        last = batch[-1].doc_id
        if last in languages:
            self._last_document = (last, *languages[last])
        return languages
