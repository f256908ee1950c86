"""Translate records that are not in the target language; keep the original untouched.

- A record already in the target language, or of undetermined language, gets `translation:
  null`. A language no engine has a pair for is left untranslated with `meta.untranslated`
  saying why: a fact about the engines, not an error that should stop a run.
- Names found in the original (`entities` with `field: "text"`: run extraction on the text
  first) are carried through the engine untouched (`engines.translate.name_guard`, `protect`) and
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
- Engines get the text with control characters neutralised (`pipeline.text.neutralise`) and
  without invisible format characters (`engines.translate.invisible`: those at its edges put
  back, those inside noted in `meta.format_removed`); every answer is checked
  (`answer_problem`: empty, far too long) before it is used or cached.
- Texts longer than the engine accepts are cut at sentence boundaries and joined back.
- Answers are cached (SQLite) by engine, version, endpoint, languages and text, across runs.
- When the engine fails on a text, it is retried alone; after `max_failures` failures in a row
  the engine is marked down for the run. Texts it did not translate go to the `fallback`
  engine (recorded in `translation.engine`), or stay untranslated with the reason.

The stage is three parts and the order they run in: the engine chain
(`engines.translate.chain`: engines in order, marking down, chunking, fallback), the name
guard (`engines.translate.name_guard`: what to protect, masking, what must come back) and
the mention ids (`pipeline.mentions`: a carried name shares its original's id). What an
engine can do it declares (`engines.translate.base.Translator`: `max_chars`,
`analyses_names`, ...); the stage never asks an engine's name.
"""

from __future__ import annotations

import dataclasses
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import mentions
from pipeline.credit_names import document_crawl
from pipeline.engines.registry import (
    EngineUnreachable,
    canonical_name,
    make_translator,
    translator_names,
    why_unreachable,
)
from pipeline.engines.translate import invisible
from pipeline.engines.translate.base import Translator
from pipeline.engines.translate.cache import CachedTranslator, TranslationCache, default_cache_path
from pipeline.engines.translate.chain import EngineChain, Outcome
from pipeline.engines.translate.name_guard import ELIDED_ARTICLE, NameGuard, analysed
from pipeline.engines.translate.openers import Openers, joined
from pipeline.engines.translate.protect import (
    Masked,
    Restored,
    prefix_for,
    quoted_question_case,
    token,
    unmask,
)
from pipeline.errors import Code
from pipeline.record import UNDETERMINED, Entity, Record, Translation
from pipeline.resources import load_json
from pipeline.rules import Rules, active, using
from pipeline.stages.base import LIVE, NOT_A_SETTING, Stage, by_document
from pipeline.stages.foresight import Foresight, ReadAhead, foreseeable
from pipeline.stages.rendered import guessed_places, rendered_names, tied_by_rendering
from pipeline.stages.settings import (
    AUTO_FALLBACK,
    DEFAULT_CACHE,
    NO_TRANSLATION,
    OFFLINE,
    TARGET_LANG,
    check_at_least,
    check_kb,
    check_translator,
)
from pipeline.stages.shouted import put_back, stand_ins

PROTECTING: tuple[str, ...] = ("text", "lang", "entities")  # entities: the names to protect


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
    # The entity rules it applies (`turn_words`: a mention the engine reads as a verb, an
    # interjection or an adverb opening a sentence is dropped), as the Extract stages'.
    rules: Rules = field(default_factory=Rules.default)
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
    engines: list[Translator] = field(default_factory=list, init=False, metadata=LIVE)
    # The engines in order, marked down after `max_failures` (`engines/translate/chain`), and
    # what to protect, learnt as the run goes (`engines/translate/name_guard`): made afresh in
    # each process, never pickled.
    chain: EngineChain = field(init=False, metadata=LIVE)
    guard: NameGuard = field(init=False, metadata=LIVE)
    # Tokens opening a sentence held apart from it (`engines/translate/openers`), and what the
    # engine said of the words after them.
    openers: Openers = field(init=False, metadata=LIVE)
    _warming: threading.Thread | None = field(default=None, init=False, metadata=LIVE)
    # Records read ahead whose requests are sent while the stages before load (`foresee`).
    _ahead: ReadAhead | None = field(default=None, init=False, metadata=LIVE)
    _foresight: Foresight | None = field(default=None, init=False, metadata=LIVE)

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
        self._fresh_parts()

    def _fresh_parts(self) -> None:
        """The engine chain and the name guard as they start: nothing marked down, no name
        learnt (each process learns its own)."""
        self.chain = EngineChain(self.engines, self.max_failures)
        ner = load_json("ner.json")["models"]
        ner = frozenset(ner) | set(self.options.get("ner_models", {}))
        self.guard = NameGuard(self.target_lang, self.protect_entities, self.kb, ner)
        self.openers = Openers()

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._fresh_parts()

    def check(self) -> None:
        given = self.engine is not None  # used as it is: its name need not be registered
        check_translator(None if given else self.translator, self.target_lang, self.fallback)
        check_kb(self.kb)
        check_at_least("Translate max_failures", self.max_failures, 1)

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
        self.chain = EngineChain(self.engines, self.max_failures)
        first = self.chain.first()
        self.guard.asks = first is not None and first.analyses_names
        self._warming = self.chain.warming(self.expect, self.target_lang)
        if self._ahead is not None:
            self._foresight = Foresight(
                self._ahead, self._foreseen_requests, self._translate_texts,
                lambda outcome: outcome.text is not None and outcome.fell_back is None,
                self._warming,
            )  # fmt: skip

    def foresee(self, ahead: ReadAhead) -> None:
        """Send the requests of `ahead`'s records that most likely hold no name while the
        stages before this one load their models (`stages/foresight`): their outcomes are
        taken by the batches whose requests are the same texts. Called before the run."""
        self._ahead = ahead

    def _foreseen_requests(self, records: Sequence[Record]) -> dict[str, list[str]]:
        """The request each foreseeable record (`foresight.foreseeable`) sends if no stage
        before finds a name in it, by language."""
        out: dict[str, list[str]] = defaultdict(list)
        for given in records:
            lang = given.lang or UNDETERMINED
            if (
                lang in (self.target_lang, UNDETERMINED)
                or not foreseeable(given.text)
                or not self.chain.supports(lang, self.target_lang)
            ):
                continue
            record = Record(given.id, given.doc_id, given.source, given.seq, given.text, lang)
            engine = self.chain.usable(lang, self.target_lang)
            self.guard.asks_in[lang] = engine is not None and engine.analyses_names
            guessed = self.guard.guessed_names(record, lang)
            if guessed:
                continue
            masked, _ = self.guard.mask(record, lang, prefix_for([record.text]), guessed)
            out[lang].append(request(masked.text).text)
        return out

    def setting_files(self) -> list[Path]:
        return [Path(self.kb)] if self.kb is not None else []

    def config(self) -> dict[str, Any]:
        return {
            **super().config(),
            "fallback": self.fallback_name,
            "options": sorted(self.options),  # names only: an option can be a key
            "rules": self.rules.config(),
        }

    def describe(self) -> dict[str, Any]:
        return {
            **self.config(),
            "versions": {e.name: e.version for e in self.engines},
            "languages": {
                e.name: languages
                for e in self.engines
                if (languages := e.languages_into(self.target_lang)) is not None
            },
            "cache": str(self.cache_path) if self.cache_path else None,
            "engines_down": sorted(self.chain.down),
            "cache_problems": sorted({e.problem for e in self.engines if e.problem}),
            "apertium_modes": {
                e.name: modes
                for e in self.engines
                if (modes := e.modes_record(self.target_lang)) is not None
            },
            "names_unprotected": sorted(self.guard.unprotected),
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
        with using(self.rules):
            self._process(batch)

    def _process(self, batch: Sequence[Record]) -> None:
        if self._foresight is not None:  # the engines are ours alone from here on
            self._foresight.stop()
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        by_language: dict[str, list[Record]] = defaultdict(list)
        for record in batch:
            record.translation = None
            record.entities = [e for e in record.entities if e.field == "text"]
            for key in ("untranslated", "fell_back", "format_removed"):
                record.meta.pop(key, None)
            lang = record.lang or UNDETERMINED
            if lang in (self.target_lang, UNDETERMINED):
                continue
            if not self.engines:
                record.meta["untranslated"] = "translation disabled"
            elif not self.chain.supports(lang, self.target_lang):
                record.meta["untranslated"] = self.chain.why_not(lang, self.target_lang)
            else:
                by_language[lang].append(record)
        # a document's run of adjacent records (`base.by_document`): what its records say of
        # a name is evidence for the others, never more than a run (any `--shard-size`)
        runs = by_document(batch)
        documents = {id(r): i for i, run in enumerate(runs) for r in run}
        crawled = crawl_runs(runs) if active().on("credit_crawl") else {}
        for lang, records in sorted(by_language.items()):
            self._translate_records(records, lang, documents, crawled)

    def _translate_records(
        self,
        records: list[Record],
        lang: str,
        documents: dict[int, int] | None = None,
        crawled: Crawled | None = None,
    ) -> None:
        """The records of one language translated; those written in capitals read
        case-folded, through a stand-in each (`stages/shouted`). `crawled`: the names of a
        centred credit each record holds (`credit_names.document_crawl`), carried whole."""
        for record in records:  # a name carried over shares its mention id with the original
            mentions.number(record, "text")
        engine = self.chain.usable(lang, self.target_lang)
        crawled = crawled or {}
        folded = (
            stand_ins(records, lang, engine, self.target_lang, crawled, self.kb)
            if self.protect_entities
            else {}
        )
        if not folded:
            self._translate_cased(records, lang, documents, crawled)
            return
        if documents is not None:
            documents = documents | {
                id(folded[id(r)]): documents[id(r)]
                for r in records if id(r) in folded and id(r) in documents
            }  # fmt: skip
        crawled = crawled | {
            id(folded[id(r)]): crawled[id(r)]
            for r in records
            if id(r) in folded and id(r) in crawled
        }
        self._translate_cased([folded.get(id(r), r) for r in records], lang, documents, crawled)
        for record in records:
            if id(record) in folded:
                put_back(record, folded[id(record)])

    def _translate_cased(
        self,
        records: list[Record],
        lang: str,
        documents: dict[int, int] | None = None,
        crawled: Crawled | None = None,
    ) -> None:
        guard = self.guard
        engine = self.chain.usable(lang, self.target_lang)
        # names are judged by the engine that translates them: with `-t libre`, Catalan goes
        # to Apertium, and Apertium's analyser judges its names
        guard.asks_in[lang] = engine is not None and engine.analyses_names
        guessed = {
            id(r): with_crawled(r, guard.guessed_names(r, lang), (crawled or {}).get(id(r), []))
            for r in records
        }
        guard.warn_unprotected(guessed, lang)
        if self.protect_entities and guard.asking(lang):
            guard.ask_engine(engine, records, lang, guessed, documents)
            if active().on("turn_words"):
                guard.drop_turn_words(records, lang, documents)
        prefix = prefix_for(record.text for record in records)  # a token no text holds
        masked = [guard.mask(r, lang, prefix, guessed[id(r)]) for r in records]
        results = self._translate_masked(masked, lang)
        # A name the engine translates as a name alone, read as words in its sentence
        # ("filme Paris comme" → "films Bets like"): that text again, the name frozen and put
        # back as the engine renders it alone.
        again = [
            i
            for i, (record, result) in enumerate(zip(records, results, strict=True))
            if result.text is not None
            and guard.misread(record, lang, guessed[id(record)], result.text)
        ]
        if again:
            for i in again:
                masked[i] = guard.mask(records[i], lang, prefix, guessed[id(records[i])], True)
            redone = self._translate_masked([masked[i] for i in again], lang)
            for i, result in zip(again, redone, strict=True):
                if result.text is not None:
                    results[i] = result
        keep = guard.keep(masked, results, lang)
        for record, (names, spans), outcome in zip(records, masked, results, strict=True):
            self._take_outcome(record, names, spans, outcome, keep, lang, guessed[id(record)])

    def _take_outcome(
        self,
        record: Record,
        names: Masked,
        spans: set[tuple[int, int]],
        outcome: Outcome,
        keep: frozenset[str],
        lang: str,
        guessed: list[Entity],
    ) -> None:
        """One record's translation put in place: the names back, the format characters at its
        edges back, the mentions carried, kept and rendered; or why it stays untranslated."""
        guard = self.guard
        if outcome.text is None:
            record.meta["untranslated"] = outcome.reason
            return
        kept = keep if analysed(outcome) else frozenset()
        restored = unmask(outcome.text, names, kept)
        restored = dataclasses.replace(
            restored, text=quoted_question_case(record.text, restored.text, kept)
        )  # '« Qui a vu X ? » hier' is no '"Who saw X?" Last'
        if restored.problem is not None:  # checked by the chain already: never used
            record.meta["untranslated"] = f"{outcome.engine}: {restored.problem}"
            return
        sent = request(names.text)  # the format characters at its edges go back there
        if sent.lead or sent.trail:
            shift = len(sent.lead)
            restored = dataclasses.replace(
                restored,
                text=sent.lead + restored.text + sent.trail,
                positions=[(i, s + shift, e + shift) for i, s, e in restored.positions],
            )
        if sent.inside:
            record.meta["format_removed"] = invisible.reason(sent.inside)
        if outcome.fell_back:
            record.meta["fell_back"] = outcome.fell_back
        record.translation = Translation(
            text=restored.text, lang=self.target_lang, engine=outcome.engine
        )
        record.entities.extend(carried_over(record, names, restored, spans))
        record.entities.extend(kept_verbatim(record))
        record.entities.extend(rendered_names(record, guard.renderings(record, lang)))
        guesses = guard.rendered_guesses(record, lang, guessed)
        if guesses:
            guessed_places(
                record, guesses, {g.text: guard.rendering(g.text, lang) for g in guesses}
            )

    def _translate_masked(
        self, masked: Sequence[tuple[Masked, set[tuple[int, int]]]], lang: str
    ) -> list[Outcome]:
        """Each masked text translated; a run of tokens opening a sentence (not names) held
        apart from it, the rest sent alone (`engines/translate/openers`)."""
        held = [
            {token(i, m.prefix) for i, span in enumerate(m.spans) if span not in names}
            for m, names in masked
        ]
        texts = [request(m.text).text for m, _ in masked]
        engine = self.chain.usable(lang, self.target_lang)
        pieces = self.openers.pieces(texts, held, engine, lang, self.target_lang)
        sent = [p.text for text in pieces for p in text if p.sent]
        return joined(pieces, self._sent_texts(sent, lang))

    def _sent_texts(self, texts: list[str], lang: str) -> list[Outcome]:
        foreseen = self._foresight.take(texts, lang) if self._foresight is not None else {}
        if not foreseen:
            return self._translate_texts(texts, lang)
        rest = [i for i in range(len(texts)) if i not in foreseen]
        sent = self._translate_texts([texts[i] for i in rest], lang) if rest else []
        outcomes = foreseen | dict(zip(rest, sent, strict=True))
        return [outcomes[i] for i in range(len(texts))]

    def _translate_texts(self, texts: list[str], lang: str) -> list[Outcome]:
        return self.chain.translate(texts, lang, self.target_lang)

    def close(self) -> None:
        if self._foresight is not None:
            self._foresight.stop()
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        self.chain.close()


Crawled = dict[int, list[tuple[int, int]]]  # a record (by `id`) → its credit crawl's names


def crawl_runs(runs: list[list[Record]]) -> Crawled:
    """Each record's names of a centred credit (`credit_names.document_crawl`: a label
    alone, then its names on the lines below, in capitals as often as not), on its run of
    adjacent records."""
    out: Crawled = {}
    for run in runs:
        for record, names in zip(run, document_crawl((r.text, r.lang) for r in run), strict=True):
            if names:
                out[id(record)] = [(s, e) for s, e, _ in names]
    return out


def with_crawled(
    record: Record, guessed: list[Entity], names: list[tuple[int, int]]
) -> list[Entity]:
    """The guessed names and a credit crawl's names, each whole (none of them over one) but
    where NER's mention is the name already ("IÑAKI LE X" read "Iñaki", "X": one name)."""
    if not names:
        return guessed
    mentioned = {(e.start, e.end) for e in record.entities if e.field == "text"}
    names = [n for n in names if n not in mentioned]
    out = [g for g in guessed if not any(g.start < e and s < g.end for s, e in names)]
    out += [Entity(record.text[s:e], "PERSON", s, e) for s, e in names]
    return sorted(out, key=lambda g: (g.start, g.end))


def request(masked: str) -> invisible.Stripped:
    """What the engine gets for a masked text: NFC (decomposed accents reach Apertium as two
    characters, "tourne\u0301" → "turnś") without invisible format characters, which glue to
    a word and make it unknown (`engines.translate.invisible`)."""
    return invisible.stripped(unicodedata.normalize("NFC", masked))


def carried_over(
    record: Record, masked: Masked, restored: Restored, names: set[tuple[int, int]]
) -> list[Entity]:
    """The protected names, where they landed in the translation, tied to their source mention
    (the mention whose span holds the protected part)."""
    holding = mentions.Holders([e for e in record.entities if e.field == "text"])
    out = []
    taken: set[tuple[int, int]] = set()  # a mention carried whole once, whatever its pieces
    for index, start, end in restored.positions:
        lo, hi = masked.spans[index]
        if (lo, hi) not in names:
            continue  # a link, a number, a code: not a name
        source = holding(lo, hi)
        if source is None and with_article(masked.names[index]):
            source = holding(lo + 2, hi)  # "L'Oréal" carried, NER's mention "Oréal"
        if source is None:
            continue
        whole = mentions.written_whole(restored.text, source, lo - source.start, start)
        if whole is not None:  # "N. M. X": the guard froze "X", the engine kept all as written
            if whole not in taken:
                taken.add(whole)
                out.append(mentions.carried(source, source.text, *whole))
            continue
        out.append(mentions.carried(source, masked.names[index], start, end))
    return out


def with_article(name: str) -> bool:
    """Whether a carried name opens on the elided article the guard took in before NER's
    mention (`name_guard.with_elided_article`)."""
    return ELIDED_ARTICLE.match(name) is not None


def kept_verbatim(record: Record) -> list[Entity]:
    """Names left to the engine that it kept as written ("Agnès Varda"), tied to their
    source mention: the n-th occurrence in the text is the n-th in the translation."""
    return tied_by_rendering(record, lambda name: name)
