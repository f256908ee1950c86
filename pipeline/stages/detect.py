"""Detect each record's language; the document's language is a prior for short records.

Per record, not per document: an English page can carry a French review. But a few words are
weak evidence and junk is confidently misread (`AD` → Tagalog), so:

- a text without letters is `und` (`meta.lang_reason: "no_letters"`);
- a text without words (letters only: `2h6m`, `PG-13` are not words, nor are abbreviations
  such as `AD`; a line mostly made of figures and codes has none) is not judged alone: it takes
  its document's language (`meta.lang_source: "document"`) or `und` (`lang_reason:
  "no_words"`). A single word is judged: "Zeichensatzbeschreibungsdatei" is German;
- a text of fewer than `short_words` words, each capitalised or a name's particle (a cast
  list's line, a name alone: `names_only`), takes its document's language (`lang_reason:
  "names"`): a name is in no language;
- another text of fewer than `short_words` words is judged with its document's language mix as a
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

A record's language is its own main language: text in quotation marks (`pipeline.quotations`)
does not decide it when the words outside the quotations can (`readings`): an English review
quoting a French line is English, and so is "He said: « … »" (a short frame decides when it holds
a word that is not a name and language ID is confident of it). Each quotation of a few words
confidently in another language than its record's is noted in `meta.quotes` as
`[start, end, lang]` (offsets into the text), so that translation keeps it as written.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

from pipeline.engines.langid.base import Distribution, LanguageDetector, best
from pipeline.engines.langid.remembered import RememberedDetector
from pipeline.engines.registry import detector_names, make_detector
from pipeline.engines.translate.guard import frozen_spans
from pipeline.entities import particles
from pipeline.errors import Code
from pipeline.io.segment.credits import CAST_MAX_WORDS, cast_character
from pipeline.quotations import (
    note_foreign_quotations,
    outside_quotations,
    outside_titles,
    says_something,
)
from pipeline.record import PIPELINE_META, UNDETERMINED, Record
from pipeline.resources import load_json
from pipeline.reuse import DEFAULT_TEXTS
from pipeline.stages.base import LIVE, NOT_A_SETTING, SettingError, Stage
from pipeline.stages.settings import check_at_least, check_languages, check_share
from pipeline.words import PUNCTUATION, count_words, visible

DEFAULT_ENGINE = "combined"
# Below this score a record's language is its document's, else und (see the module doc).
LANG_THRESHOLD = 0.5
# Where a record's language came from (`meta.lang_source`).
FROM_TEXT, FROM_DOCUMENT, FROM_ROW, FROM_NOWHERE = "text", "document", "row", "none"
TOKEN = re.compile(r"\S+")
PRIOR_FLOOR = 0.1  # a language absent from the document keeps a tenth of a present one's odds
PRIOR_WINDOW = 1024  # records of a document run whose language mix is its prior
FRAME_WORDS = 3  # words outside quotations that decide a record's language alone
# A record this short (a title line, a headline, a caption) is told by the words around the
# titles and names it carries (`readings`); a longer one has words enough of its own, and
# language ID reads it once.
TITLED_WORDS = 16
TITLED_CHARS = 40 * TITLED_WORDS  # longer: more words than that, whatever they are


def readings(text: str) -> tuple[str, ...]:
    """The texts a record's language is told by, the first that can tell it deciding: in a
    record of at most `TITLED_WORDS` words that carries a title or names
    (`quotations.outside_titles`: "Les Misérables (2012) trailer", "Review: « Les Quatre
    Cents Coups »", "Marcel Carné and Jacques Prévert"), the words around them first, the
    whole text after; the words outside
    its quotations when there are enough (`FRAME_WORDS`); a shorter frame ("he said",
    "dit-il") first and the whole text after, when the frame holds a word that is not a name;
    else the whole text. The titles' rule changes none of the 5,000 real short sentences'
    languages (`langid_tatoeba_dev`) and one of the 3,150 Debian strings (right now)."""
    around = outside_titles(text) if len(text) <= TITLED_CHARS else None
    if around is not None and count_words(text) <= TITLED_WORDS and count_words(around):
        return (around, text)
    frame = outside_quotations(text)
    if frame is None:
        return (text,)
    words = count_words(frame)
    if words >= FRAME_WORDS:
        return (frame,)
    if words and says_something(frame):
        return (frame, text)
    return (text,)


def evidence(text: str) -> tuple[str, ...]:
    """The texts a record's language is told by (`readings`), the first that can tell it
    deciding: in a text of at most `TITLED_CHARS` characters, those of the text without the
    tokens a translation carries as written first (`unfrozen`), then the whole text's (a code
    line, "import ServerTlsPolicy", is told by its whole). Measured on the real short texts
    (`langid_tatoeba_dev`, Debian's strings): no language's accuracy changes."""
    if len(text) > TITLED_CHARS or TOKEN_SIGN.search(text) is None:
        return readings(text)  # words enough of its own; or no token to take out
    bare = unfrozen(text)
    if bare == text:
        return readings(text)
    first = readings(bare)
    return first + tuple(t for t in readings(text) if t not in first)


# A character no prose word or sentence punctuation is made of (a digit, "_", "/", "@", "#",
# "`", "\\", "%"...), a full stop or colon inside a word, a dot opening one, a bracket after
# one, CamelCase: where a frozen token may be (`guard.frozen_spans`, ~70 µs a short text, is
# asked only there: 110 of the 5,000 real short sentences). A Roman ordinal ("XXe") alone is
# left in: no word of another language.
TOKEN_SIGN = re.compile(
    r"[^\w\s.,;:!?'’\"«»“”()\[\]…–—-]|[\d_]|\w[.:]\w|(?<!\w)\.\w|\w\(|[a-z][A-Z]"
)


# What stands for a frozen token: no word (`words.count_words` counts it among the tokens
# that are not words: a line mostly of codes still has none) and no letter for language ID.
STAND_IN = "0"


def unfrozen(text: str) -> str:
    """`text` with each span a translation carries as written (`guard.frozen_spans`: links,
    addresses, handles, hashtags, file names and paths, codes and versions, numbers) replaced
    by `STAND_IN`: their words are no evidence of the text's language, since they are never
    translated (hostile47 V21: "Voir the_quick_brown_fox_jumps.py ici." was English, and left
    as it was)."""
    spans = frozen_spans(text)
    if not spans:
        return text
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], STAND_IN]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def names_only(text: str, most: int) -> bool:
    """Whether `text` is fewer than `most` words, each capitalised or a name's particle ("Tom
    Hanks", "Jan van Dijk", "DOSSIER DE PRESSE"): a line of a cast list, a name alone, a title
    in capitals. A name is in no language: it looks Italian or Dutch to language ID however
    the document around it is written. Measured on the real NER and linking sets' sentences
    as lines, each set on its own: right on 4, 2, 5, 12, 3, 0 more lines, wrong on none. The
    cost: a short German line of nouns alone ("Die Katze") in a document of another language
    takes that language."""
    # a list item's mark ("b) ", "i. ", "✓ ") is no word; a row of cells ("X Y<TAB>Z W",
    # "Label X Y / Label Z W") is names when each of its cells is (h49 E2)
    text = ITEM_MARK.sub("", text, count=1)
    if name_cell(text, most):
        return True
    cells = [c for c in CELL_GAP.split(text) if c.strip()] if len(text) <= TITLED_CHARS else []
    if len(cells) > 1 and all(name_cell(cell, most) for cell in cells):
        return True
    # a cast line's character in lower case or not a name ("X Y as the captain", "X Y (le
    # juge)", hostile46 F1): its language is the document's, as its actor's is; a job after
    # a name ("X Y – réalisation") is a word of its language
    split = text.split(maxsplit=CAST_MAX_WORDS)
    return len(split) <= CAST_MAX_WORDS and cast_character(split)


# A list item's mark opening a line: a bullet or sign, a number, a letter or a Roman numeral
# closed by ")" "." "/" (h49 E2, E19: "b) X Y", "i. X Y", "✓ X Y"), blanks after it.
ITEM_MARK = re.compile(
    r"^[ \t]*+(?:[-–—•*▪◦‣·✓✔◆◇▸▹►➤➢○●■□=+>]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)/])[ \t]++"
)
# What parts a row's cells: a tab, a run of blanks, or a separator between blanks ("/", "|",
# "—", "–", "·", leader dots). Each of its matches ends where its run ends (possessive), and a
# separator's blanks are tried only where their run starts: linear on any run.
CELL_GAP = re.compile(r"\t[ \t]*+|(?<![ \u00a0])[ \u00a0]++(?:[/|—–·]|\.{3,}+|…)[ \u00a0]++| {2,}+")


def name_cell(text: str, most: int) -> bool:
    """Whether `text` is fewer than `most` words, the first capitalised, each a name's
    (`all_name_words`); a separator between a role and a name, or an actor and a part ("·",
    "—", "/", "......") is no word."""
    tokens = (m.group().strip(PUNCTUATION) for m in TOKEN.finditer(text))
    words = list(islice((w for w in tokens if any(c.isalpha() for c in w)), most))
    return 0 < len(words) < most and words[0][0].isupper() and all_name_words(words)


def row_words(record: Record) -> str:
    """The words of a record's other fields (a CSV row's or a JSON object's, kept in `meta`
    under their names: not those the pipeline writes), names and values, when they hold a
    word that is not a name: what tells the language of a record that is a name alone and
    its own document (h49 E21: a credits table read by its name column, each row read
    Dutch, Swedish or Finnish from its name's letters). Empty when they hold none, or fewer
    than `FRAME_WORDS` words (an id, a number)."""
    parts = [
        f"{key} {value}"
        for key, value in record.meta.items()
        if key not in PIPELINE_META and isinstance(value, str)
    ]
    words = " ".join(parts)
    if (
        len(words) > TITLED_CHARS
        or count_words(words) < FRAME_WORDS
        or names_only(words, ROW_WORDS)
    ):
        return ""
    return words


NAME_ARTICLES = frozenset(("la", "le", "les"))  # after a particle: "X de la Y"
ELIDED = ("d'", "d’")


def all_name_words(words: list[str]) -> bool:
    """Whether every word is a name's: capitalised, a particle ("van", "de"), an article after
    one ("de la"), or an elided particle glued to a capitalised word ("d'Uriérière"). A
    particle is no evidence of a language (hostile47 G2: "X d'Y", "X de la Y" read French in
    a Portuguese or English document)."""
    inner = particles()
    return all(
        w[:1].isupper()
        or w in inner
        or (w in NAME_ARTICLES and i > 0 and words[i - 1] in inner)
        or (w[:2].lower() in ELIDED and w[2:3].isupper())
        for i, w in enumerate(words)
    )


CREDIT_LINE_WORDS = 16  # a credit or cast line: an opening and a few names
ROW_WORDS = 2 * CREDIT_LINE_WORDS  # a row's other fields read as names alone up to this
# the word linking a credit label to its name ("Música de X", "Dirigida por X", "Regia di X")
LABEL_LINKS = frozenset(("de", "d'", "d’", "du", "par", "by", "di", "da", "von", "por", "per"))


@cache
def credit_openings() -> tuple[dict[tuple[str, ...], frozenset[str]], dict[str, frozenset[str]]]:
    """`models/cues.json`'s credit words ("credits": "con", "amb", "avec") and labels
    ("roles": "música", "regia"), each with the languages that write it, and its one-word
    credit words (the conjunctions between names: "y", "i", "e", "et") with theirs."""
    cues = load_json("cues.json")
    openings: dict[tuple[str, ...], set[str]] = defaultdict(set)
    joiners: dict[str, set[str]] = defaultdict(set)
    for table in ("credits", "roles"):
        for lang, phrases in cues.get(table, {}).items():
            for phrase in phrases:
                openings[tuple(phrase.split())].add(lang)
                if table == "credits" and " " not in phrase:
                    joiners[phrase].add(lang)
    return (
        {k: frozenset(v) for k, v in openings.items()},
        {k: frozenset(v) for k, v in joiners.items()},
    )


def credit_language(text: str, mix: Distribution | None) -> str | None:
    """The language of a credit or cast line told by its own credit words, not its names
    (hostile45 E16: "Con X, Y y Z", "Amb X i Y" read as French, the names being French): a
    line opening with credit words or a label (and the word linking it to the name), the
    rest names and the credit conjunctions between them ("y", "i", "e"). The languages that
    write every one of those words; of several, the document's likeliest (`mix`); None when
    the line is no such line or they do not decide."""
    tokens = [m.group().strip(PUNCTUATION) for m in TOKEN.finditer(text)]
    words = [w for w in tokens if any(c.isalpha() for c in w)]
    if not 1 < len(words) <= CREDIT_LINE_WORDS:
        return None
    openings, joiners = credit_openings()
    lowered = [w.lower() for w in words]
    size = next((n for n in range(min(4, len(words) - 1), 0, -1)
                 if tuple(lowered[:n]) in openings), 0)  # fmt: skip
    if not size or not words[0][:1].isupper():
        return job_language(text, mix)
    langs = set(openings[tuple(lowered[:size])])
    if lowered[size] in LABEL_LINKS and size + 1 < len(words):
        size += 1  # "Música de X Y"
    rest = words[size:]
    if not rest[0][:1].isupper():
        return None  # "Con el tiempo…": prose
    for word in rest:
        if all_name_words([word]) or word in NAME_ARTICLES:
            continue
        if word not in joiners:
            return None
        langs &= joiners[word]
    return of_document(langs, mix)


def of_document(langs: set[str] | frozenset[str], mix: Distribution | None) -> str | None:
    """The one language of `langs`; of several, the document's likeliest (`mix`)."""
    if len(langs) == 1:
        return next(iter(langs))
    likeliest = max(langs, key=lambda lang: (mix or {}).get(lang, 0.0), default=None)
    return likeliest if likeliest and (mix or {}).get(likeliest, 0.0) > 0 else None


def job_language(text: str, mix: Distribution | None) -> str | None:
    """The language of a line that names a person, then a job after a comma ("X d'Y,
    screenplay", "H. L. X, fotografia"): the languages that write the job as a credit's
    label (`credit_openings`), the document's likeliest of several; None for any other line.
    The name's particle is no evidence (hostile47 G2)."""
    name, comma, job = text.rpartition(",")
    names = [w.strip(PUNCTUATION) for w in name.split()]
    if not comma or not names or not names[0][:1].isupper() or not all_name_words(names):
        return None
    langs = credit_openings()[0].get(tuple(job.lower().split()))
    return of_document(langs, mix) if langs else None


def check_detector(name: str) -> None:
    """An unknown language detector fails when the pipeline is built."""
    if name not in detector_names():
        known = ", ".join(detector_names())
        raise SettingError(f"--lang-engine {name!r} is unknown; choose from {known}")


@dataclass(eq=False)
class Detect(Stage):
    """Sets `lang` (ISO 639-1, or `und`) and `lang_score` on every record."""

    name = "detect"
    reads = ("text", "doc_id")
    writes = ("lang", "lang_score", "meta.lang_source", "meta.lang_reason")
    counters = ("by_language",)
    error_code = Code.DETECT_FAILED

    engine: str = DEFAULT_ENGINE
    languages: Collection[str] | None = None
    threshold: float = LANG_THRESHOLD
    min_words: int = 1
    short_words: int = 6
    # An engine given instead of its name (tests, a caller's own): set up as it is.
    detector: LanguageDetector | None = field(default=None, metadata=NOT_A_SETTING)
    # How many distinct texts' answers to remember (`pipeline.reuse`; 0: none): the output is
    # the same whatever it is.
    reuse: int = field(default=DEFAULT_TEXTS, metadata=NOT_A_SETTING)
    _detector: LanguageDetector | None = field(default=None, init=False, metadata=LIVE)
    _asking: RememberedDetector | None = field(default=None, init=False, metadata=LIVE)
    # The document run being read: (source, doc_id), records seen, its last window's mix.
    _document: tuple[tuple[str, str], int, Distribution | None] | None = field(
        default=None, init=False, metadata=LIVE
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        self.engine = self.detector.name if self.detector else self.engine
        # As given (their check names the wrong ones in the user's order); sorted where used.
        self.languages = list(self.languages) if self.languages else None

    def check(self) -> None:
        check_detector(self.engine)
        check_languages(self.languages)
        check_share("--lang-threshold", self.threshold)
        check_at_least("Detect min_words", self.min_words, 0)
        check_at_least("Detect short_words", self.short_words, 0)

    def setup(self) -> None:
        self._detector = self.detector
        if self._detector is None:
            options = {"languages": sorted(self.languages)} if self.languages else {}
            self._detector = make_detector(self.engine, **options)
        self._asking = RememberedDetector(self._detector, self.reuse)

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
        return {**super().config(), "languages": sorted(self.languages or ()) or "open set"}

    def describe(self) -> dict[str, Any]:
        version = self._detector.version if self._detector else None
        return {**self.config(), "version": version}

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        yield "by_language", record.lang or UNDETERMINED

    def process(self, batch: Sequence[Record]) -> None:
        texts = [evidence(visible(r.text)) for r in batch]  # invisible marks out
        counts = [[count_words(t) for t in ts] for ts in texts]
        # each record's readings with words enough, asked in turn: the first of each now, the
        # next only for a record none before could tell (`readings`)
        left = [[k for k, n in enumerate(ns) if n >= self.min_words] for ns in counts]
        dists: dict[int, list[tuple[int, Distribution]]] = {}
        self._ask_next(texts, counts, left, dists, [i for i, ks in enumerate(left) if ks])
        words = [dists[i][0][0] if i in dists else counts[i][0] for i in range(len(batch))]
        alone = {i: best(judged[0][1]) for i, judged in dists.items()}
        priors = self._priors(batch, words, alone)
        judging: list[int] = []
        rows: dict[int, str] = {}
        for i, record in enumerate(batch):
            mix = priors[i]
            fallback = best(mix) if mix else None
            if i not in dists:
                letters = any(c.isalpha() for c in record.text)
                reason = "too_short" if words[i] else "no_words" if letters else "no_letters"
                self._assign(record, fallback if letters else None, FROM_DOCUMENT, reason)
                continue
            credit = credit_language(record.text, mix) if words[i] <= CREDIT_LINE_WORDS else None
            if credit is not None and (not self.languages or credit in self.languages):
                self._assign(record, (credit, (mix or {}).get(credit, 1.0)), FROM_TEXT,
                             "credit_words")  # fmt: skip
                continue
            if mix and names_only(record.text, self.short_words):
                self._assign(record, fallback, FROM_DOCUMENT, "names")
                continue
            if not mix and names_only(record.text, self.short_words):
                row = row_words(record)
                if row:
                    rows[i] = row
                    continue
            judging.append(i)
        judging += self._by_rows(batch, rows)
        answers: dict[int, tuple[str, float] | None] = {}
        while judging:
            more = []
            for i in judging:
                answer = self._judge(dists[i][-1][1], dists[i][-1][0], priors[i])
                if answer[1] >= self.threshold:
                    answers[i] = answer
                elif left[i]:
                    more.append(i)
                else:
                    answers[i] = None
            self._ask_next(texts, counts, left, dists, more)
            judging = more
        for i, found in sorted(answers.items()):
            if found is not None and found[0] != UNDETERMINED:
                self._assign(batch[i], found, FROM_TEXT)
            else:
                mix = priors[i]
                self._assign(batch[i], best(mix) if mix else None, FROM_DOCUMENT,
                             "low_confidence")  # fmt: skip
        assert self._asking is not None
        note_foreign_quotations(batch, self._asking, self.threshold)

    def _by_rows(self, batch: Sequence[Record], rows: dict[int, str]) -> list[int]:
        """Records of names alone with no document around them, each told by the other
        fields of its row (`row_words`) when language ID is sure of those; the others, to
        be judged by their own text, returned."""
        if not rows:
            return []
        assert self._asking is not None
        told = self._asking.distributions(list(rows.values()))
        left = []
        for i, dist in zip(rows, told, strict=True):
            lang, score = best(dist)
            if lang == UNDETERMINED or score < self.threshold:
                left.append(i)
            else:
                self._assign(batch[i], (lang, score), FROM_ROW, "names")
        return sorted(left)

    def _ask_next(
        self,
        texts: list[tuple[str, ...]],
        counts: list[list[int]],
        left: list[list[int]],
        dists: dict[int, list[tuple[int, Distribution]]],
        which: list[int],
    ) -> None:
        """The next reading of each record of `which` asked, in one request: its words and
        distribution appended to `dists`."""
        assert self._asking is not None
        if not which:
            return
        asked = [(i, left[i].pop(0)) for i in which]
        answers = self._asking.distributions([texts[i][k] for i, k in asked])
        for (i, k), dist in zip(asked, answers, strict=True):
            dists.setdefault(i, []).append((counts[i][k], dist))

    def _judge(self, dist: Distribution, words: int, mix: Distribution | None) -> tuple[str, float]:
        """The best language of a reading, with the document's mix as a prior when short."""
        if mix and words < self.short_words:
            dist = {lang: p * (mix.get(lang, 0.0) + PRIOR_FLOOR) for lang, p in dist.items()}
            total = sum(dist.values())
            dist = {lang: p / total for lang, p in dist.items()} if total else {}
        return best(dist)

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
        texts = [record.text for record in batch]

        def close() -> None:
            assert self._document is not None
            key, seen, before = self._document
            mix = self._window_mix(window, words, alone, texts) or before
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
        self,
        members: list[int],
        words: list[int],
        alone: dict[int, tuple[str, float]],
        texts: list[str],
    ) -> Distribution | None:
        """The window's language mix: the confidently detected words of its records of
        `short_words` words or more; in a window without one (a press kit of credit lines and
        a short sentence or two), those of its shorter records that are not names alone: a
        line of names then takes the language its document's few sentences are in, not one
        of its own (hostile45 E26: `Mixage  X Y` was German, a cast line `und`, and neither
        was read for names). A record alone in its window (one text of its own document)
        gets no prior it did not have."""
        votes: Counter[str] = Counter()
        short: Counter[str] = Counter()
        for i in members:
            if i in alone:
                lang, score = alone[i]
                if score < self.threshold:
                    continue
                if words[i] >= self.short_words:
                    votes[lang] += words[i]
                elif len(members) > 1 and not names_only(texts[i], self.short_words):
                    short[lang] += words[i]
        votes = votes or short
        total = sum(votes.values())
        return {lang: n / total for lang, n in votes.items()} if total else None
