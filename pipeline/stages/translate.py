"""Translate records that are not in the target language; keep the original untouched.

- A record already in the target language, or of undetermined language, gets `translation:
  null`. A language no engine has a pair for is left untranslated with `meta.untranslated`
  saying why: a fact about the engines, not an error that should stop a run.
- Names found in the original (`entities` with `field: "text"`: run extraction on the text
  first) are carried through the engine untouched (`pipeline.engines.translate.protect`) and
  become entities of the translation with the same `mention` id: every name, unless the engine
  demonstrably translates the whole name as a name (its own dictionaries say so:
  `pipeline.engines.translate.names`; "Algérie" → "Algeria" is the engine's, "Rose" stays
  "Rose", "Le Monde" is no "The World"). The article, preposition or title NER takes into a
  mention stays outside the protected part, so the engine translates it ("l'Algérie", "M.
  Brown" → "Mr. Brown"); a phrase NER took for a name ("Aimes-tu ta mère") and a common word
  capitalised because it opens a sentence ("Choisissez") are not protected. Online engines
  protect every name. Measured on the dev MT sets (`make eval`): chrF 47.85 / 41.93 / 54.81 →
  48.06 / 41.97 / 54.88 (news, Tatoeba, UDHR), names the reference keeps verbatim and the
  output keeps too: 975 → 1020 of 1035 in the news set.
- What no translation may touch (links, addresses, handles, hashtags, numbers with units,
  times, codes, file names: `engines.translate.guard`) is frozen the same way, for every
  engine, and so are `--kb` aliases wherever they stand and quoted titles written as names. A
  name the engine translates as a name alone but not in its sentence is frozen on a second
  try and put back as the engine renders it. Languages without NER get names from their
  capitalised runs, judged by the route's analyser (without one: word frequency).
- The tokens are chosen per batch so that no text holds them; an answer in which a token is
  lost, doubled or invented is not used: the text is sent again alone, then to the fallback
  engine, else it stays untranslated with the reason. No placeholder reaches an output.
- Engines get the text with control characters neutralised (`pipeline.text.neutralise`);
  every answer is checked (`answer_problem`: empty, far too long) before it is used or cached.
- Texts longer than the engine accepts are cut at sentence boundaries and joined back.
- Answers are cached (SQLite) by engine, version, endpoint, languages and text, across runs.
- When the engine fails on a text, it is retried alone; after `max_failures` failures in a row
  the engine is marked down for the run. Texts it did not translate go to the `fallback`
  engine (recorded in `translation.engine`), or stay untranslated with the reason.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.engines.translate.base import (
    TOKEN_PROBLEM,
    TranslationError,
    Translator,
    answer_problem,
)
from pipeline.engines.translate.cache import CachedTranslator, TranslationCache, default_cache_path
from pipeline.engines.translate.guard import frozen_spans, merged, title_spans
from pipeline.engines.translate.lookback import word_before
from pipeline.engines.translate.names import AS_NAME, COMMON, OTHER
from pipeline.engines.translate.protect import (
    Masked,
    Restored,
    followers,
    mask,
    prefix_for,
    unmask,
)
from pipeline.entities import (
    at_sentence_start,
    common_word,
    cue_key,
    honorifics,
    known_names,
    number_mentions,
    occurrences,
)
from pipeline.errors import Code
from pipeline.record import UNDETERMINED, Entity, Record, Translation
from pipeline.redact import redact
from pipeline.registry import (
    EngineUnreachable,
    canonical_name,
    make_translator,
    translator_names,
    why_unreachable,
)
from pipeline.resources import load_json
from pipeline.stages.base import LIVE, NOT_A_SETTING, Stage
from pipeline.stages.rendered import rendered_names, tied_by_rendering
from pipeline.stages.settings import (
    AUTO_FALLBACK,
    DEFAULT_CACHE,
    NO_TRANSLATION,
    OFFLINE,
    TARGET_LANG,
    check_kb,
    check_translator,
)
from pipeline.text import neutralise, pieces, strip_edges

PROTECTING: tuple[str, ...] = ("text", "lang", "entities")  # entities: the names to protect
CHUNK_MAX_CHARS = 20_000  # the longest text sent to an engine that states no limit
logger = logging.getLogger(__name__)
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


@dataclass(eq=False, kw_only=True)
class Translate(Stage):
    """Sets `translation` (`{"text", "lang", "engine"}`) on records not in `target_lang`."""

    name = "translate"
    reads = PROTECTING
    writes = (
        "translation",
        "entities",
        "meta.untranslated",
        "meta.fell_back",
    )
    counters = ("translated", "fell_back", "untranslated")
    error_code = Code.TRANSLATE_FAILED
    waits = True  # on Apertium's processes or a server: NER goes on meanwhile

    translator: str = field(default=OFFLINE, kw_only=False, metadata={"key": "engine"})
    # auto: the offline engine behind an online one, none behind the offline one
    fallback: str | None = AUTO_FALLBACK
    target_lang: str = TARGET_LANG
    protect_entities: bool = True
    kb: str | None = None
    max_failures: int = 3
    batch_size: int = 64
    # An engine given instead of its name (tests, a caller's own): used as it is.
    engine: Translator | None = field(default=None, metadata=NOT_A_SETTING)
    cache: str | Path | None = field(default=DEFAULT_CACHE, metadata=NOT_A_SETTING)
    # Source languages the input is known to hold (`pipeline translate -s`): their engine
    # processes start during `setup`, while the stages before this one load their models,
    # instead of on the first batch. Any other language is translated too; the output is the
    # same either way.
    expect: Sequence[str] = field(default=(), metadata=NOT_A_SETTING)
    # The translator's own options (`make_translator`); run.json records their names only.
    options: dict[str, Any] = field(default_factory=dict, metadata=NOT_A_SETTING)
    fallback_name: str | None = field(init=False, metadata=NOT_A_SETTING)
    cache_path: str | Path | None = field(init=False, metadata=NOT_A_SETTING)
    _ner: frozenset[str] = field(init=False, metadata=NOT_A_SETTING)
    engines: list[Any] = field(default_factory=list, init=False, metadata=LIVE)
    _failures: dict[str, int] = field(
        default_factory=lambda: defaultdict(int), init=False, metadata=LIVE
    )
    # (lang, name): where its head starts, how the engine reads it and renders it
    # (names.readings)
    _names: dict[tuple[str, str], tuple[int, str, str | None]] = field(
        default_factory=dict, init=False, metadata=LIVE
    )
    # (lang, word): the words before names that the engine was asked about, and those it
    # reads as determiners (names.determiners)
    _asked_determiners: set[tuple[str, str]] = field(default_factory=set, init=False, metadata=LIVE)
    _determiners: set[tuple[str, str]] = field(default_factory=set, init=False, metadata=LIVE)
    _unprotected: set[str] = field(
        default_factory=set, init=False, metadata=LIVE
    )  # languages with neither NER nor analyser
    _down: set[str] = field(default_factory=set, init=False, metadata=LIVE)
    _warming: threading.Thread | None = field(default=None, init=False, metadata=LIVE)

    def __post_init__(self) -> None:
        super().__post_init__()
        known = [*translator_names(), NO_TRANSLATION]
        self.translator = canonical_name(self.translator, known)
        self.fallback = canonical_name(self.fallback, known) if self.fallback else self.fallback
        if self.engine is not None:
            self.translator = self.engine.name
        online = self.translator not in (OFFLINE, NO_TRANSLATION)
        self.fallback_name = (
            (OFFLINE if online else None) if self.fallback == AUTO_FALLBACK else self.fallback
        )
        self.cache_path = default_cache_path() if self.cache == DEFAULT_CACHE else self.cache
        # The names to protect are the entities of the text: found by a stage before this one.
        self.reads = PROTECTING if self.protect_entities else ("text", "lang")
        self.kb = str(self.kb) if self.kb else None
        self.expect = tuple(self.expect)
        ner = load_json("ner.json")["models"]
        self._ner = frozenset(ner) | set(self.options.get("ner_models", {}))

    def check(self) -> None:
        given = self.engine is not None  # used as it is: its name need not be registered
        check_translator(None if given else self.translator, self.target_lang, self.fallback)
        check_kb(self.kb)

    def setup(self) -> None:
        self.engines = [self.engine] if self.engine else []
        names = [] if self.engines or self.translator == NO_TRANSLATION else [self.translator]
        if self.fallback_name and self.fallback_name not in (NO_TRANSLATION, self.translator):
            names.append(self.fallback_name)
        for name in names:  # options are for the chosen translator, not for the fallback
            engine = make_translator(name, **(self.options if name == self.translator else {}))
            unreachable = why_unreachable(engine)
            if unreachable:  # as the command line says before a run
                raise EngineUnreachable(
                    f"translator {name}: {unreachable}; without a network, use "
                    f"translator={OFFLINE!r} (offline)"
                )
            self.engines.append(engine)
        if self.cache_path is not None:
            cache = TranslationCache(self.cache_path)
            self.engines = [CachedTranslator(e, cache) for e in self.engines]
        warm = [
            (e, lang) for lang in self.expect if lang != self.target_lang
            for e in self.engines if hasattr(e, "warm") and e.supports(lang, self.target_lang)
        ]  # fmt: skip
        if warm:
            self._warming = threading.Thread(
                target=warm_engines, args=(warm, self.target_lang), daemon=True,
                name=f"stage-{self.name}-warm",
            )  # fmt: skip
            self._warming.start()

    def setting_files(self) -> list[Path]:
        return [Path(self.kb)] if self.kb is not None else []

    def config(self) -> dict[str, Any]:
        return {
            **super().config(),
            "fallback": self.fallback_name,
            "options": sorted(self.options),  # names only: an option can be a key
        }

    def describe(self) -> dict[str, Any]:
        return {
            **self.config(),
            "versions": {e.name: e.version for e in self.engines},
            "languages": {
                e.name: e.languages_into(self.target_lang)
                for e in self.engines
                if hasattr(e, "languages_into")
            },
            "cache": str(self.cache_path) if self.cache_path else None,
            "engines_down": sorted(self._down),
            "cache_problems": sorted(
                {e.problem for e in self.engines if getattr(e, "problem", None)}
            ),
            "apertium_modes": {
                e.name: e.modes_record(self.target_lang)
                for e in self.engines
                if e.name == OFFLINE and hasattr(e, "modes_record")
            },
            "names_unprotected": sorted(self._unprotected),
        }

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        translation = record.translation
        if translation is not None:
            yield "translated", f"{record.lang}→{translation.lang} {translation.engine}"
            if "fell_back" in record.meta:
                yield "fell_back", f"{translation.engine} after {record.meta['fell_back']}"
        elif "untranslated" in record.meta:
            yield "untranslated", str(record.meta["untranslated"])

    def process(self, batch: Sequence[Record]) -> None:
        if self._warming is not None:  # the engines are ours alone from here on
            self._warming.join()
            self._warming = None
        by_language: dict[str, list[Record]] = defaultdict(list)
        for record in batch:
            record.translation = None
            record.entities = [e for e in record.entities if e.field == "text"]
            for key in ("untranslated", "fell_back"):
                record.meta.pop(key, None)
            lang = record.lang or UNDETERMINED
            if lang in (self.target_lang, UNDETERMINED):
                continue
            if not self.engines:
                record.meta["untranslated"] = "translation disabled"
            elif not any(e.supports(lang, self.target_lang) for e in self.engines):
                record.meta["untranslated"] = self._no_pair(lang)
            else:
                by_language[lang].append(record)
        for lang, records in sorted(by_language.items()):
            self._translate_records(records, lang)

    def _no_pair(self, lang: str) -> str:
        """Why no engine translates `lang`: the engine's own words when it has them."""
        reasons = [
            e.why_not(lang, self.target_lang)
            if hasattr(e, "why_not")
            else f"{e.name} has no {lang}→{self.target_lang} pair"
            for e in self.engines
        ]
        return "; ".join(reasons)

    def _translate_records(self, records: list[Record], lang: str) -> None:
        for record in records:  # a name carried over shares its mention id with the original
            number_mentions(record, "text", "m")
        guessed = {id(r): self._guessed_names(r, lang) for r in records}
        if any(guessed.values()) and not self._asks_engine(lang) and lang not in self._unprotected:
            self._unprotected.add(lang)  # run.json: names_unprotected
            logger.warning(
                "%s has no NER model and the engine no analyser: its names are protected by "
                "capitalisation alone (every capitalised word but a sentence's first)",
                lang,
            )
        if self.protect_entities and self._asks_engine(lang):
            self._ask_engine_about_names(records, lang, guessed)
        prefix = prefix_for(record.text for record in records)  # a token no text holds
        masked = [self._mask(r, lang, prefix, guessed[id(r)]) for r in records]
        results = self._translate_masked([m for m, _ in masked], lang)
        # A name the engine translates as a name alone, read as words in its sentence
        # ("filme Paris comme" → "films Bets like"): that text again, the name frozen and put
        # back as the engine renders it alone.
        again = [
            i
            for i, (record, (text, _, _)) in enumerate(zip(records, results, strict=True))
            if text is not None and self._misread(record, lang, guessed[id(record)], text)
        ]
        if again:
            for i in again:
                masked[i] = self._mask(records[i], lang, prefix, guessed[id(records[i])], True)
            redone = self._translate_masked([masked[i][0] for i in again], lang)
            for i, result in zip(again, redone, strict=True):
                if result[0] is not None:
                    results[i] = result
        keep = self._capitalised_words(masked, results, lang)
        for record, (names, spans), (text, label, fell_back) in zip(
            records, masked, results, strict=True
        ):
            if text is None:
                record.meta["untranslated"] = label
                continue
            restored = unmask(text, names, keep if label.startswith(OFFLINE) else ())
            if restored.problem is not None:  # checked by `_attempt` already: never used
                record.meta["untranslated"] = f"{label}: {restored.problem}"
                continue
            if fell_back:
                record.meta["fell_back"] = fell_back
            record.translation = Translation(
                text=restored.text, lang=self.target_lang, engine=label
            )
            record.entities.extend(carried_over(record, names, restored, spans))
            record.entities.extend(kept_verbatim(record))
            record.entities.extend(rendered_names(record, self._renderings(record, lang)))

    def _translate_masked(
        self, masked: list[Masked], lang: str
    ) -> list[tuple[str | None, str, str | None]]:
        # NFC: decomposed accents reach Apertium as two characters ("tourne\u0301" → "turnś")
        return self._translate_texts([unicodedata.normalize("NFC", m.text) for m in masked], lang)

    def _misread(self, record: Record, lang: str, guessed: list[Entity], answer: str) -> bool:
        """Whether a name left to the engine is missing from its answer as the engine renders
        the name alone, counted: "la Suisse ... la Suisse" must come back with two
        "Switzerland" (the second was read as "Swiss", and the mention had nowhere to go)."""
        wanted: Counter[str] = Counter()
        for entity in self._mentions(record, guessed):
            _, read, rendering = self._names.get((lang, entity.text), (0, OTHER, None))
            if read == AS_NAME and rendering and not self._frozen(entity, record, lang):
                wanted[rendering] += 1
        return any(
            sum(1 for _ in occurrences(answer, rendering)) < n for rendering, n in wanted.items()
        )

    def _renderings(self, record: Record, lang: str) -> dict[str, str]:
        """How the engine renders each name of the record it translates as a name, alone
        (`names.readings`): what the translation holds in its place (`rendered_names`)."""
        out = {}
        for entity in record.entities:
            _, read, rendering = self._names.get((lang, entity.text), (0, OTHER, None))
            if entity.field == "text" and read == AS_NAME and rendering:
                out[entity.text] = rendering
        return out

    def _frozen(self, entity: Entity, record: Record, lang: str) -> bool:
        return self._protected_span(entity, record.text, lang) is not None

    def _capitalised_words(
        self,
        masked: list[tuple[Masked, set[tuple[int, int]]]],
        results: list[tuple[str | None, str, str | None]],
        lang: str,
    ) -> frozenset[str]:
        """Of the capitalised words right after a token whose source word was lower case, the
        ones the target language writes with a capital: its analyser does not know them in
        lower case ("January", "French"); the others were capitalised as if the token opened
        a sentence ("Asked") and are lowered (`protect.unmask`)."""
        words = sorted(
            {
                w
                for (m, _), (text, label, _) in zip(masked, results, strict=True)
                if text is not None and label.startswith(OFFLINE)
                for w in followers(text, m)
            }
        )
        engine = next((e for e in self.engines if e.name == OFFLINE), None)
        if not words or engine is None or not hasattr(engine, "analyse"):
            return frozenset()
        try:
            found = engine.analyse([w.lower() for w in words], self.target_lang,
                                   (lang, self.target_lang))  # fmt: skip
        except TranslationError:
            return frozenset()
        if found is None:
            return frozenset()
        return frozenset(w for w, a in zip(words, found, strict=True) if "/*" in a)

    def _guessed_names(self, record: Record, lang: str) -> list[Entity]:
        """For a language without NER: its capitalised words that are not the first of a
        sentence, and runs of two or more anywhere (the engine's analysis judges them next,
        like NER's names: `names.readings`); none for a language with NER."""
        if lang in self._ner or not self.protect_entities:
            return []
        text = record.text
        asks = self._asks_engine(lang)
        out = []
        for start, end in capitalised_runs(text):
            if opens_sentence(text, start) and not asks:  # no analyser: word frequency decides
                first = text[start:end].split(" ")[0]
                elided = re.split(r"['’]", first)
                if (
                    common_word(first.lower(), lang)
                    or (  # "L'inquinamento", "C'è"
                        len(elided) > 1 and elided[-1][:1].islower()
                    )
                ):
                    start += len(first) + 1  # "Eu", "O Tom": a frequent word opening a sentence
                    if start >= end:
                        continue
            out.append(Entity(text[start:end], "MISC", start, end))
        return out

    def _mentions(self, record: Record, guessed: list[Entity]) -> list[Entity]:
        return [e for e in record.entities if e.field == "text"] + guessed

    def _translate_texts(
        self, texts: list[str], lang: str
    ) -> list[tuple[str | None, str, str | None]]:
        """Per text: (translation, engine label, why the engine before failed, if one did),
        or (None, why, None) when no engine managed."""
        results: list[tuple[str | None, str, str | None]] = [(None, "", None)] * len(texts)
        why_not: dict[int, str] = {}  # why the last engine tried did not translate text i
        todo = list(range(len(texts)))
        for engine in self.engines:
            if not todo:
                break
            if not engine.supports(lang, self.target_lang):
                continue
            if engine.name in self._down:
                why_not.update(dict.fromkeys(todo, self._down_reason(engine.name)))
                continue
            failed = []
            for i, (text, label) in zip(
                todo, self._attempt(engine, [texts[i] for i in todo], lang), strict=True
            ):
                if text is None:
                    prefix = "" if label.startswith(engine.name) else f"{engine.name}: "
                    why_not[i] = prefix + label
                    failed.append(i)
                else:
                    results[i] = (text, label, why_not.get(i))
            todo = failed
        for i in todo:
            results[i] = (None, why_not.get(i, "no engine translated it"), None)
        return results

    def _down_reason(self, name: str) -> str:
        return f"{name} is down after {self.max_failures} failures in a row"

    def _attempt(self, engine: Any, texts: list[str], lang: str) -> list[tuple[str | None, str]]:
        """Translate with one engine: the whole batch, then alone each text whose batch answer
        is missing or fails `answer_problem` (empty, far too long, a protected name token lost,
        doubled or invented). A failure of the engine counts towards marking it down; a bad
        token in one answer does not (the engine is up; that text goes on to the fallback, or
        stays untranslated with the reason)."""
        label = engine.describe(lang, self.target_lang)
        answers: list[str] | None = None
        if len(texts) > 1:
            with contextlib.suppress(TranslationError):  # else find the culprit below
                answers = self._in_pieces(engine, texts, lang)
        out: list[tuple[str | None, str]] = []
        for i, text in enumerate(texts):
            answer = answers[i] if answers is not None else None
            if answer is None or answer_problem(text, answer) is not None:
                if engine.name in self._down:
                    out.append((None, self._down_reason(engine.name)))
                    continue
                try:
                    (answer,) = self._in_pieces(engine, [text], lang)
                except TranslationError as error:
                    self._failed(engine.name)
                    out.append((None, redact(str(error))))
                    continue
            problem = answer_problem(text, answer)
            if problem is None:
                self._failures[engine.name] = 0
                out.append((answer, label))
            else:
                if problem != TOKEN_PROBLEM:
                    self._failed(engine.name)
                out.append((None, f"{engine.name}: {problem}"))
        return out

    def _failed(self, name: str) -> None:
        self._failures[name] += 1
        if self._failures[name] >= self.max_failures:
            self._down.add(name)

    def _in_pieces(self, engine: Any, texts: list[str], lang: str) -> list[str]:
        """Send texts cut to the engine's length limit, then join the answers back."""
        limit = getattr(engine, "max_chars", None) or CHUNK_MAX_CHARS
        layout: list[list[tuple[str, int | None, str]]] = []  # per text: (lead, core index, trail)
        cores: list[str] = []
        for text in texts:
            parts = []
            for _, piece in pieces(text, limit):
                lead, core, trail = strip_edges(piece)
                parts.append((lead, len(cores) if core else None, trail))
                if core:
                    cores.append(core)
            layout.append(parts)
        answers = engine.translate(cores, lang, self.target_lang) if cores else []
        return [
            "".join(
                lead + (answers[i] if i is not None else "") + trail for lead, i, trail in parts
            )
            for parts in layout
        ]

    def _mask(
        self,
        record: Record,
        lang: str,
        prefix: str,
        guessed: Sequence[Entity] = (),
        renderings: bool = False,
    ) -> tuple[Masked, set[tuple[int, int]]]:
        """The text with every span to carry through replaced by a token, and the spans that
        are names (tied to their mention in the translation): names (NER's, the knowledge
        base's, quoted titles, those guessed for a language without NER) and what no
        translation may touch (`guard.frozen_spans`: links, numbers, codes...; quotations in
        another language, `foreign_quotations`). With
        `renderings`, a name the engine translates as a name is frozen too, and put back as
        the engine renders it alone."""
        text = neutralise(record.text)
        names: list[tuple[int, int]] = []
        restore: dict[tuple[int, int], str] = {}
        if self.protect_entities:
            for entity in self._mentions(record, list(guessed)):
                span = self._protected_span(entity, record.text, lang)
                if span is None and renderings:
                    offset, read, rendering = self._names.get((lang, entity.text),
                                                              (0, OTHER, None))  # fmt: skip
                    if read == AS_NAME and rendering:
                        span = (entity.start + offset, entity.end)
                        restore[span] = rendering
                if span is not None:
                    names.append(span)
            names += known_spans(text, self.kb)
            names += title_spans(text)
        frozen = frozen_spans(text) + foreign_quotations(record)
        restore = {  # a link or a code inside a name is carried as written
            (lo, hi): r for (lo, hi), r in restore.items()
            if not any(lo < e and s < hi for s, e in frozen)
        }  # fmt: skip
        spans = merged([*names, *frozen])
        return mask(text, spans, prefix, restore), set(names)

    def _asks_engine(self, lang: str) -> bool:
        """Whether protection is decided by asking the engine (the offline one reads names
        with its own dictionaries); online engines protect every name (asking would cost
        requests per name, and was not measured)."""
        return bool(self.engines) and self.engines[0].name == OFFLINE

    def _protected_span(self, entity: Entity, text: str, lang: str) -> tuple[int, int] | None:
        """The part of a mention to carry through untouched, or None (see the module doc):
        the name without an article, preposition or title NER took in ("l'Algérie" →
        "Algérie": the engine translates the article), unless it is a phrase NER took for a
        name, a capitalised common word opening a sentence, or a place, organisation or other
        name the engine translates as a name of its own."""
        if entity.text in known_names(self.kb):
            return entity.start, entity.end  # the user's knowledge base says it is a name
        asks = self._asks_engine(lang)
        _, read, _ = self._names.get((lang, entity.text), (0, OTHER, None))
        if not asks:
            read = OTHER
        start = self._head_start(entity, text, lang)
        head = text[start : entity.end]
        if not written_as_name(head):
            return None  # "Aimes-tu ta mère", "Attrape le ballon": a phrase, not a name
        if not asks:
            return start, entity.end
        opening = opens_sentence(text, start) or opens_sentence(text, entity.start)
        if read == COMMON and opening and " " not in head.strip():
            return None  # "Choisissez", "Revenez": a verb opening a sentence
        if (
            common_noun_name(entity, head, read)
            and (lang, word_before_name(text, start)) in self._determiners
        ):
            return None  # "l'État", "la Terre": a common noun used as a name, the engine's
        if entity.label != "PERSON" and read == AS_NAME:
            return None  # "Algérie" → "Algeria", "Canada" → "Canada": the engine's own
        return start, entity.end  # "Rose" stays "Rose"; "Le Monde" is no "The World"

    def _head_start(self, entity: Entity, text: str, lang: str) -> int:
        """Where the name of a mention starts: after the article, preposition or title NER
        took in, as the engine's analyser (`names.head_offset`) or the particles say."""
        offset = self._names.get((lang, entity.text), (0, OTHER, None))[0]
        if not self._asks_engine(lang):
            offset = 0
        if entity.text[:1].isupper() and not at_sentence_start(text, entity.start):
            offset = 0  # capitalised inside a sentence: "Les Films du Losange" is all name
        return entity.start + max(offset, leading_particles(entity.text, lang))

    def _ask_engine_about_determiners(
        self, engine: Any, records: list[Record], lang: str, guessed: dict[int, list[Entity]]
    ) -> None:
        """Ask the engine, once per word, whether the word before a name read as a common
        word is a determiner (`names.determiners`): "l'État" is the engine's to translate."""
        words = set()
        for record in records:
            for entity in self._mentions(record, guessed[id(record)]):
                read = self._names.get((lang, entity.text), (0, OTHER, None))[1]
                start = self._head_start(entity, record.text, lang)
                if common_noun_name(entity, record.text[start : entity.end], read):
                    words.add(word_before_name(record.text, start))
        todo = sorted(w for w in words - {""} if (lang, w) not in self._asked_determiners)
        if not todo or not hasattr(engine, "determiners"):
            return
        try:
            found = engine.determiners(todo, lang, self.target_lang)
        except TranslationError:
            return  # not asked: the name is carried, the safe side
        self._asked_determiners.update((lang, w) for w in todo)
        self._determiners.update((lang, w) for w in found)

    def _ask_engine_about_names(
        self, records: list[Record], lang: str, guessed: dict[int, list[Entity]]
    ) -> None:
        """Ask the engine, once per name, how it reads the name (`engines.translate.names`),
        and about the words before the names it reads as common words."""
        names = {e.text for r in records for e in self._mentions(r, guessed[id(r)])}
        todo = sorted(n for n in names if (lang, n) not in self._names)
        usable = (e for e in self.engines if e.name not in self._down)
        engine = next((e for e in usable if e.supports(lang, self.target_lang)), None)
        if engine is None or not hasattr(engine, "name_readings"):
            return
        if todo:
            try:
                found = engine.name_readings(todo, lang, self.target_lang)
            except TranslationError:
                return  # names not asked about are protected: the safe side
            for name in todo:
                self._names[lang, name] = found.get(name, (0, OTHER, None))
        # every batch: a name read before may stand after another word here
        self._ask_engine_about_determiners(engine, records, lang, guessed)

    def close(self) -> None:
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        for engine in self.engines:
            engine.close()


def warm_engines(engines: Sequence[tuple[Any, str]], target: str) -> None:
    """Start each engine's processes for its language (`ApertiumTranslator.warm`); a failure
    here is met again, and reported, on first use."""
    for engine, lang in engines:
        with contextlib.suppress(Exception):
            engine.warm(lang, target)


# Lower-case words a name may hold between capitalised ones ("Les Films du Losange", "Bank of
# America", "Ludwig van Beethoven"); any other lower-case word makes a phrase, not a name.
# Lower-case words a guessed name may hold between capitalised words ("Banco de España"):
# never a word that joins two names ("y", "e") or opens a phrase ("en Madrid").
JOINING = frozenset({"de", "del", "da", "das", "do", "dos", "di", "della", "degli", "van", "von"})
PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "d",
        "l",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "do",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "y",
        "e",
        "et",
        "of",
        "the",
        "and",
        "for",
        "on",
        "upon",
        "in",
        "à",
        "au",
        "aux",
        "en",
        "sur",
        "sous",
        "lès",
    ]
)


def leading_particles(surface: str, lang: str) -> int:
    """Characters of `surface` before its name: lower-case particles and elided articles NER
    took in ("de Norvège", "l'Espagne") and a title ("M. Brown", "madame Bovary": the engine
    translates a title, "Mr."), for any engine; an analyser can say more (`names`)."""
    titles = honorifics(lang)
    offset = 0
    for match in re.finditer(r"\S+\s*", surface):
        word = match.group().strip()
        elided = re.match(r"(\w['’])(?=\w)", word)
        if elided and elided[1][0].lower() == elided[1][0] and elided[1][:1] in "dlj":
            return offset + len(elided[1]) if offset + len(elided[1]) < len(surface) else offset
        if word in titles or cue_key(word) in titles or (word[:1].islower() and word in PARTICLES):
            if match.end() >= len(surface):
                return offset
            offset = match.end()
            continue
        return offset
    return offset


def common_noun_name(entity: Entity, head: str, read: str) -> bool:
    """A one-word name, not a person's, that the engine reads only as a common word: the
    engine's to translate when a determiner stands before it ("l'État", `_protected_span`)."""
    return read == COMMON and entity.label != "PERSON" and " " not in head.strip()


def word_before_name(text: str, start: int) -> str:
    """The word just before a name, with its elision mark ("l'" of "l'État")."""
    if start and text[start - 1] in "'’":
        return word_before(text, start - 1) + text[start - 1]
    return word_before(text, start)


def written_as_name(surface: str) -> bool:
    """Whether every word of `surface` is capitalised (or a digit, or a particle): the words
    after an elision (d'Artagnan) and each part of a hyphenated word count alone, so
    "Saint-Rémy-de-Provence" is a name and "Aimes-tu" is not."""
    for word in re.split(r"[\s]+", surface.strip()):
        for part in re.split(r"[-‐]", word):
            core = re.split(r"['’]", part)[-1].strip('.,;:!?()[]"«»“”')
            if not core or not core[0].isalpha() or core[0].isupper():
                continue
            if core.lower() not in PARTICLES:
                return False
    return True


def opens_sentence(text: str, start: int) -> bool:
    """Whether `start` opens a sentence, after an opening "¿" or "¡" too (Spanish)."""
    while start > 0 and text[start - 1] in "¿¡":
        start -= 1
    return at_sentence_start(text, start)


def capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words, lower-case particles allowed between two of them ("Blanca
    Portillo", "Banco de España"), separated by single spaces: a name's shape, for languages
    without NER. One pass over the words."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    pending = -1  # end of the last capitalised word when particles follow it
    for match in WORD.finditer(text):
        word = match[0]
        joined = end >= 0 and text[end : match.start()] == " "
        if word[0].isupper():
            if start >= 0 and joined:
                end = match.end()
            else:
                if start >= 0:
                    runs.append((start, pending if pending >= 0 else end))
                start, end = match.span()
            pending = -1
        elif start >= 0 and joined and word in JOINING:
            pending = end if pending < 0 else pending
            end = match.end()
        else:
            if start >= 0:
                runs.append((start, pending if pending >= 0 else end))
            start = end = pending = -1
    if start >= 0:
        runs.append((start, pending if pending >= 0 else end))
    return runs


def foreign_quotations(record: Record) -> list[tuple[int, int]]:
    """Quotations language ID found in another language than the record's (`meta.quotes`,
    see `pipeline.stages.detect`): kept as written, not translated as the record's language."""
    quotes = record.meta.get("quotes")
    if not isinstance(quotes, list):
        return []
    return [
        (q[0], q[1]) for q in quotes
        if isinstance(q, list) and len(q) == 3 and all(isinstance(i, int) for i in q[:2])
        and 0 <= q[0] < q[1] <= len(record.text)
    ]  # fmt: skip


def known_spans(text: str, kb: str | None) -> list[tuple[int, int]]:
    """Every occurrence of a knowledge-base alias in `text`, inside a longer NER span or
    outside any ("Rose mardi soir" tagged MISC still holds the name Rose)."""
    pattern = kb_pattern(kb) if kb else None
    return [m.span() for m in pattern.finditer(text)] if pattern else []


@functools.cache
def kb_pattern(kb: str) -> re.Pattern[str] | None:
    aliases = sorted(known_names(kb), key=lambda a: (-len(a), a))
    if not aliases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)")


def carried_over(
    record: Record, masked: Masked, restored: Restored, names: set[tuple[int, int]]
) -> list[Entity]:
    """The protected names, where they landed in the translation, tied to their source mention
    (the mention whose span holds the protected part)."""
    sources = [e for e in record.entities if e.field == "text"]
    out = []
    for index, start, end in restored.positions:
        lo, hi = masked.spans[index]
        if (lo, hi) not in names:
            continue  # a link, a number, a code: not a name
        source = next((e for e in sources if e.start <= lo and hi <= e.end), None)
        if source is not None:
            out.append(
                Entity(
                    masked.names[index],
                    source.label,
                    start,
                    end,
                    "translation",
                    mention=source.mention,
                )
            )
    return out


def kept_verbatim(record: Record) -> list[Entity]:
    """Names left to the engine that it kept as written ("Agnès Varda"), tied to their
    source mention: the n-th occurrence in the text is the n-th in the translation."""
    return tied_by_rendering(record, lambda name: name)
