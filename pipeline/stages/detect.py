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
score is that share, so a mixed document passes on a weak prior. A document here is a run of
records adjacent in the input with one `doc_id` and one source, read in windows of
`PRIOR_WINDOW` records counted from the run's start (a window without a confident record takes
the window's before it): the prior then depends on the input alone, never on where shards or
batches begin. Records of one `doc_id` that are not adjacent are separate runs.

A record's language is its own main language: text in quotation marks (« », “ ”, " ", „ “,
‹ ›, 「 」) does not decide it when the words outside the quotations are enough
(`FRAME_WORDS`): an English review quoting a French line is English. Each quotation of a few
words (`QUOTE_WORDS`) confidently in another language than its record's is noted in
`meta.quotes` as `[start, end, lang]` (offsets into the text), so that translation keeps it as
written.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
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
PRIOR_WINDOW = 1024  # records of a document run whose language mix is its prior
FRAME_WORDS = 3  # words outside quotations that decide a record's language
QUOTE_WORDS = 3  # a quotation this long is judged on its own
# A quotation: the opening mark, then anything but its marks (linear: no backtracking).
QUOTATION = regex.compile(
    r'«(?P<q>[^«»]+)»|“(?P<q>[^“”]+)”|„(?P<q>[^„“”]+)[“”]|"(?P<q>[^"]+)"|‹(?P<q>[^‹›]+)›'
    r"|「(?P<q>[^「」]+)」"
)


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


def own_text(text: str) -> str:
    """The text outside its quotations, when that is enough to tell its language by
    (`FRAME_WORDS`), else the whole text."""
    if not QUOTATION.search(text):
        return text
    frame = QUOTATION.sub(" ", text)
    return frame if count_words(frame) >= FRAME_WORDS else text


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
        # The document run being read: (source, doc_id), records seen, its last window's mix.
        self._document: tuple[tuple[str, str], int, Distribution | None] | None = None

    def setup(self) -> None:
        if self.detector is None:
            options = {"languages": self.languages} if self.languages else {}
            self.detector = make_detector(self.engine, **options)

    def start_stream(self) -> None:
        self._document = None

    def batched(self, records: Iterable[Record]) -> Iterator[list[Record]]:
        """Batches of whole prior windows (see the module doc): about `batch_size` records,
        ending where a document run or one of its `PRIOR_WINDOW`-record windows ends."""
        batch: list[Record] = []
        key: tuple[str, str] | None = None
        seen = 0
        for record in records:
            if not record.active:  # `process` sees the active records only
                batch.append(record)
                continue
            now = (record.source, record.doc_id)
            seen = seen + 1 if now == key else 1
            at_window_start = now != key or seen % PRIOR_WINDOW == 1
            if batch and at_window_start and len(batch) >= self.batch_size:
                yield batch
                batch = []
            key = now
            batch.append(record)
        if batch:
            yield batch

    def config(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "languages": self.languages or "open set",
            "threshold": self.threshold,
            "min_words": self.min_words,
            "short_words": self.short_words,
            "batch_size": self.batch_size,
        }

    def describe(self) -> dict[str, Any]:
        return {**self.config(), "version": self.detector.version if self.detector else None}

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        yield "by_language", record.lang or UNDETERMINED

    def process(self, batch: Sequence[Record]) -> None:
        assert self.detector is not None
        framed = [own_text(r.text) for r in batch]
        words = [count_words(text) for text in framed]
        judged = [i for i, n in enumerate(words) if n >= self.min_words]
        quotes = [
            (i, m.span("q")) for i in judged if framed[i] != batch[i].text
            for m in QUOTATION.finditer(batch[i].text) if count_words(m["q"]) >= QUOTE_WORDS
        ]  # fmt: skip
        asked = [framed[i] for i in judged] + [batch[i].text[a:b] for i, (a, b) in quotes]
        answers = self.detector.distributions(asked) if asked else []
        dists = dict(zip(judged, answers, strict=False))
        alone = {i: best(dist) for i, dist in dists.items()}
        priors = self._priors(batch, words, alone)
        for i, record in enumerate(batch):
            mix = priors[i]
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
        for (i, (start, end)), dist in zip(quotes, answers[len(judged) :], strict=True):
            lang, score = best(dist)
            record = batch[i]
            if lang not in (UNDETERMINED, record.lang) and score >= self.threshold:
                record.meta.setdefault("quotes", []).append([start, end, lang])

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

    def _priors(
        self, batch: Sequence[Record], words: list[int], alone: dict[int, tuple[str, float]]
    ) -> list[Distribution | None]:
        """Each record's document prior: the share of the confidently detected words of its
        prior window in each language (the run's window before it, when it has none). A batch
        holds whole windows (`batches`), so this depends on the input alone."""
        priors: list[Distribution | None] = []
        window: list[int] = []

        def close() -> None:
            assert self._document is not None
            key, seen, before = self._document
            mix = self._window_mix(window, words, alone) or before
            priors.extend([mix] * len(window))
            self._document = (key, seen, mix)
            window.clear()

        for i, record in enumerate(batch):
            key = (record.source, record.doc_id)
            if self._document is not None and self._document[0] != key and window:
                close()
            if self._document is None or self._document[0] != key:
                self._document = (key, 0, None)
            elif self._document[1] % PRIOR_WINDOW == 0 and window:
                close()
            window.append(i)
            self._document = (key, self._document[1] + 1, self._document[2])
        if window:
            close()
        return priors

    def _window_mix(
        self, members: list[int], words: list[int], alone: dict[int, tuple[str, float]]
    ) -> Distribution | None:
        votes: Counter[str] = Counter()
        for i in members:
            if i in alone:
                lang, score = alone[i]
                if score >= self.threshold and words[i] >= self.short_words:
                    votes[lang] += words[i]
        total = sum(votes.values())
        return {lang: n / total for lang, n in votes.items()} if total else None
