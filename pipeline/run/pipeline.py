"""A `Pipeline` is a reader, a list of stages and an executor; the CLI only builds one.

    from pipeline import Pipeline, Detect, Extract, Translate, Link
    pipe = Pipeline([Detect(), Extract(fields=["text"]), Translate(),
                     Extract(fields=["translation"]), Link()])
    records = pipe.process(["Agnès Varda a tourné Cléo de 5 à 7 à Paris."])

Stages are generators, so records stream from the reader through every stage to the writer
in batches: memory holds a few batches, whatever the corpus size. `run` goes plan → execute
→ finalize: it cuts the input into shards and runs the stages on each shard as passes
(`pipeline.run.passes`: a corpus-wide step such as linking observes in one pass, is resolved
once, and is applied in the next), every pass on the executor, each shard committed when it
is complete so an interrupted run can be resumed; then it joins the shards into the outputs.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pipeline.errors import Warn
from pipeline.executors import Executor
from pipeline.executors.local import LocalExecutor
from pipeline.io.discover import resolved, shown
from pipeline.io.lock import run_lock
from pipeline.io.parquet import write_corpus_parquet
from pipeline.io.readers import Reader
from pipeline.io.writers import (
    ENTITIES,
    EVERY_OUTPUT,
    RUN,
    RUN_LOG,
    atomic_open,
    merge,
    put_in_place,
    read_marker,
    write_json,
)
from pipeline.packages import versions
from pipeline.record import Record, dumps
from pipeline.rules import Rules
from pipeline.run.accounting import Accounting
from pipeline.run.contract import check_contract
from pipeline.run.ids import FinalIds, resolve_ids
from pipeline.run.parts import applied, observed
from pipeline.run.passes import Partials, Pass, plan_passes
from pipeline.run.plan import Plan, ResumeError, make_plan
from pipeline.run.progress import Progress
from pipeline.run.shard_task import ShardTask
from pipeline.run.summary import RunResult, collected_warnings, to_stderr, told, write_log
from pipeline.safe_text import safe_path
from pipeline.shards import DEFAULT_SHARD_BYTES, Shard
from pipeline.stages.base import Stage, chain, default_of
from pipeline.stages.corpus_step import CorpusStep
from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract, analyser_beside, default_models
from pipeline.stages.link import Link
from pipeline.stages.near_dedup import NearDedup
from pipeline.stages.translate import Translate

__all__ = ["OutputOverlapsInput", "Pipeline", "ResumeError", "default_stages"]
logger = logging.getLogger(__name__)


@dataclass
class Telling:
    """What run.log says besides the outputs: the inputs as given, the warnings logged."""

    inputs: Sequence[str]
    warnings: list[str]


class OutputOverlapsInput(ValueError):
    """The output folder would overwrite an input."""


def default_stages(
    translator: str = default_of(Translate, "translator"),
    target_lang: str = default_of(Translate, "target_lang"),
    lang_engine: str = default_of(Detect, "engine"),
    languages: Collection[str] | None = None,
    lang_threshold: float = default_of(Detect, "threshold"),
    fallback: str | None = default_of(Translate, "fallback"),
    cache: str | Path | None = default_of(Translate, "cache"),
    kb: str | Path | None = None,
    ner_models: dict[str, str] | None = None,
    dedup: DedupChoice | None = None,
    rules: Rules | None = None,
    near_threshold: float = default_of(NearDedup, "threshold"),
) -> list[Stage]:
    """detect → entities in the text → translate (names protected) → entities in the
    translation → link mentions to canonical entities across the corpus (→ duplicates, with
    `dedup`: "mark" / "drop" exact ones, "near" / "near-drop" near ones at `near_threshold`).
    `ner_models` replaces the spaCy model of a language (`models/ner.json`), e.g. {"en": the
    small one}. Each default is the stage's own (`default_of`)."""
    models = {**default_models(), **ner_models} if ner_models else {}
    rules = rules or Rules.default()
    known = str(kb) if kb else None
    return [
        Detect(engine=lang_engine, languages=languages, threshold=lang_threshold),
        Extract(
            fields=["text"],
            kb=known,
            models=models,
            rules=rules,
            analyser=analyser_beside(translator),
        ),
        Translate(
            translator=translator,
            target_lang=target_lang,
            fallback=fallback,
            cache=cache,
            kb=known,
            rules=rules,
        ),
        Extract(fields=["translation"], models=models, rules=rules),
        Link(kb=known, rules=rules),
        *dedup_stages(dedup, near_threshold),
    ]


DedupChoice = Literal["mark", "drop", "near", "near-drop"]
DEDUP_CHOICES: tuple[str, ...] = get_args(DedupChoice)


def dedup_stages(
    dedup: DedupChoice | None, near_threshold: float = default_of(NearDedup, "threshold")
) -> list[Stage]:
    """The duplicate step `--dedup` asks for: exact (mark, drop) or near (near, near-drop)."""
    if dedup is None:
        return []
    if dedup not in DEDUP_CHOICES:
        raise ValueError(f"dedup {dedup!r}: use one of {', '.join(DEDUP_CHOICES)}")
    if dedup.startswith("near"):
        return [NearDedup("drop" if dedup == "near-drop" else "mark", threshold=near_threshold)]
    return [Dedup("drop" if dedup == "drop" else "mark")]


@dataclass
class Pipeline:
    """A reader, stages and an executor. The stages are checked when it is built
    (`pipeline.run.contract`): each must find what it reads in the input or from a stage before."""

    stages: list[Stage] = field(default_factory=default_stages)
    reader: Reader = field(default_factory=Reader)
    executor: Executor = field(default_factory=LocalExecutor)
    parquet: bool = False  # also write corpus.parquet and entities.parquet (pipeline.io.parquet)
    report: bool = False  # also write report.html (pipeline.app.report; the CLI turns it on)
    progress: bool = False  # report progress on stderr (the CLI turns it on)
    given: tuple[str, ...] = ()  # record fields the input already carries, e.g. ("lang",)
    options: dict[str, Any] = field(default_factory=dict)  # the CLI's, for run.json
    strict: bool = False  # a failed record fails the run (`RunResult.problem`: the CLI exits 1)
    # run.log's first line: the command that made the run (the CLI's; else the Python one).
    command: Sequence[str] = field(default_factory=lambda: ["python", *sys.argv])
    # Where the run's warnings are shown as they happen (they are in run.log too).
    show: Callable[[str], None] = to_stderr

    def __post_init__(self) -> None:
        """The stages are checked once, here: each finds what it reads, and each setting can
        work (`Stage.check`: engines, keys, servers, files), before any shard runs."""
        check_contract(self.stages, self.given)
        for stage in self.stages:
            stage.check()

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        """Chain the stages over a record stream (lazily; a corpus-wide step holds the
        records it is given until the stream ends, then runs its passes over them)."""
        return chain(self.stages, records)

    def process(
        self, texts: Iterable[Record | str | dict[str, Any]], doc_id: str = "texts"
    ) -> list[Record]:
        """Run the stages on what a stage takes: plain texts (one record each, all in one
        document `doc_id`), records as they are, dicts with a string `text` (their `id`,
        `doc_id`, `lang`... kept; missing ones as for a text). Anything else is the one-line
        `TypeError` a stage raises, before any stage runs (a dict was once its own text)."""
        records = [given_record(item, i, doc_id) for i, item in enumerate(texts)]
        return list(self(iter(records)))

    @property
    def passes(self) -> list[Pass]:
        """The passes `run` makes over the shards (`pipeline.run.passes.plan_passes`)."""
        return plan_passes(self.stages)

    def run(
        self,
        inputs: Sequence[str | Path],
        out_dir: str | Path,
        settings: dict[str, Any] | None = None,
        resume: bool = False,
        shard_bytes: int = DEFAULT_SHARD_BYTES,
        limit: int | None = None,
    ) -> RunResult:
        """Read `inputs`, run every stage, write `out_dir/{corpus,errors,dropped,warnings,
        entities}.jsonl`, `run.json` and `run.log`; return the run report with what the run
        tells (`RunResult`). Outputs appear only when the run completes. `settings` are
        recorded in run.json as given (the CLI records the inputs as typed); the stages and
        the reader record their own.

        With `resume=True`, shards an interrupted run committed are kept, not redone. With
        `limit`, only the first `limit` records of the input are read (a trial).
        """
        started = time.perf_counter()
        out = Path(out_dir)
        refuse_overwriting_inputs(inputs, out)
        settings = settings or {}
        given = settings.get("inputs") or [str(p) for p in inputs]
        with run_lock(out), collected_warnings(self.show) as warned:
            plan = self.plan(inputs, out, settings, resume, shard_bytes, limit)
            pass_seconds = self.execute(plan)
            return self.finalize(plan, started, pass_seconds, Telling(given, warned.lines))

    def plan(
        self,
        inputs: Sequence[str | Path],
        out: Path,
        settings: dict[str, Any],
        resume: bool = False,
        shard_bytes: int = DEFAULT_SHARD_BYTES,
        limit: int | None = None,
    ) -> Plan:
        """Find the inputs and cut them into shards; keep what a resumed run committed."""
        remove_unfinished_outputs(out)
        plan = make_plan(
            inputs, out, self.reader, self.stages, settings, shard_bytes, resume, limit
        )
        for folder in plan.found.skipped_outputs:
            logger.warning("skipped %s: it holds the outputs of a run", safe_path(folder))
        return plan

    def execute(self, plan: Plan) -> list[float]:
        """Run every pass on the executor over the shards it has not committed yet, each
        corpus-wide step resolved between the pass that observes it and the one that applies
        it; return each pass's seconds."""
        seconds = []
        try:
            for step in self.passes:
                started = time.perf_counter()
                todo = plan.todo if step.number == 1 else plan.uncommitted(step)
                self._run_pass(plan, step, todo)
                if step.number == 1:
                    self._resolve_ids(plan, step)
                for corpus_step in step.observing:
                    self._resolve(plan, step, corpus_step)
                seconds.append(round(time.perf_counter() - started, 3))
        finally:
            self.close()
        return seconds

    def _run_pass(self, plan: Plan, step: Pass, todo: list[Shard]) -> None:
        progress = Progress(
            sum(shard.size for shard in todo),
            len(todo),
            enabled=self.progress and step.number == 1,
        )
        work = ShardTask.of(self.reader, step, plan.parts.resolve(), self.stages)

        def on_done(shard: Shard) -> None:
            read = read_marker(plan.parts.shard(step.number, shard.name))["counts"]["read"]
            progress.advance(shard.size, read, shard.name)

        try:
            if todo:
                self.executor.run(work, todo, on_done, progress.report)
        finally:
            progress.close()
            work.close()

    def _resolve(self, plan: Plan, step: Pass, corpus_step: CorpusStep) -> None:
        """Resolve `corpus_step` from its partials, once: a resumed run keeps the file."""
        target = plan.parts.resolved(corpus_step.name)
        if target.exists():
            return
        resolved = corpus_step.resolve(Partials(plan.folders(step), observed(corpus_step.name)))
        if step.number == 1:
            resolved = corpus_step.final_ids(resolved, self._final_ids(plan).of)
        with atomic_open(target) as f:
            json.dump(resolved, f, ensure_ascii=False)

    def _resolve_ids(self, plan: Plan, step: Pass) -> None:
        """Decide, once, the id each corpus record keeps (`pipeline.run.ids`); a resumed run
        keeps the file."""
        target = plan.parts.ids
        if not target.exists():
            with atomic_open(target) as f:
                # (dumps: the C encoder; `dump` streams through the Python one, 5x slower)
                f.write(json.dumps(resolve_ids(plan.folders(step)), ensure_ascii=False))

    def _final_ids(self, plan: Plan) -> FinalIds:
        path = plan.parts.ids
        return FinalIds(json.loads(path.read_text(encoding="utf-8")) if path.exists() else {})

    def finalize(
        self, plan: Plan, started: float, pass_seconds: Sequence[float], telling: Telling
    ) -> RunResult:
        """Join the committed shards into the outputs, write the corpus-wide steps' own
        outputs (the entity index), run.json and run.log; return run.json's content with what
        the run tells."""
        markers = [plan.markers(step) for step in self.passes]
        accounting = self._accounting(markers)
        staged = plan.parts.staging()  # every output is written there, then put in place
        self._merge(plan, staged, accounting)
        entity_index = self._write_own_outputs(plan, staged)
        if self.parquet:
            write_corpus_parquet(staged)
        report = {
            "counts": accounting.to_dict(),
            "shards": {"total": len(plan.shards), "resumed": len(plan.shards) - len(plan.todo)},
            "entities": {
                "canonical": len(entity_index or []),
                "linked": entity_index is not None,
            },
            **self._described(plan, markers, started, pass_seconds),
        }
        write_json(staged / RUN, report)
        if self.report:
            from pipeline.app.report import build_report

            build_report(staged)
        result = self.tell(staged, plan.out, report, telling)
        put_in_place(staged, plan.out, plan.parts.aside)
        shutil.rmtree(plan.parts.root)
        return result

    def tell(self, staged: Path, out: Path, report: dict[str, Any], telling: Telling) -> RunResult:
        """What the run tells, decided before its outputs are put in place, and run.log
        written with it (a failure to write it leaves the earlier outputs whole)."""
        result = told(staged, out, report, telling.inputs, self.report, self.strict)
        write_log(staged / RUN_LOG, self.command, [*telling.warnings, *result.logged()])
        return result

    def _accounting(self, markers: Sequence[Sequence[dict[str, Any]]]) -> Accounting:
        """The run's counts, from every pass's shard markers, checked to add up."""
        accounting = Accounting.across_passes([
            sum((Accounting.from_state(m["counts"]) for m in of_pass), Accounting.of(self.stages))
            for of_pass in markers
        ])  # fmt: skip
        accounting.check()
        return accounting

    def _merge(self, plan: Plan, staged: Path, accounting: Accounting) -> None:
        """Join the shards of every pass into `staged`, with the warnings known before them
        (inputs skipped, ids renamed after pass 1), and count those warnings."""
        skipped = [
            *(output_skipped(folder) for folder in plan.found.skipped_outputs),
            *(hidden_skipped(path) for path in plan.found.skipped_hidden),
        ]
        final = self._final_ids(plan)
        early = [*skipped, *final.warnings]  # renamed after pass 1
        shards = zip(*(plan.folders(step) for step in self.passes), strict=True)
        no_record = merge(list(shards), staged, early, final.in_file, final.documents_in)
        accounting.warnings.update(w["code"] for w in early)
        if no_record:  # files cut across shards that gave nothing, warned once each
            accounting.warnings[Warn.NO_RECORD.value] += no_record

    def _write_own_outputs(self, plan: Plan, staged: Path) -> list[dict[str, Any]] | None:
        """Each corpus-wide step's own outputs (`CorpusStep.finish`), from its applier's
        partials, written into `staged`; the entity index written empty when no step made
        one. Return the entity index, or None when no step made one."""
        own: dict[str, list[dict[str, Any]]] = {}
        for step in self.passes[1:]:
            for corpus_step in step.applying:
                partials = Partials(plan.folders(step), applied(corpus_step.name))
                own.update(corpus_step.finish(partials))
        for name, rows in {ENTITIES: [], **own}.items():
            with atomic_open(staged / name) as f:
                f.writelines(dumps(row) + "\n" for row in rows)
        return own.get(ENTITIES)

    def _described(
        self,
        plan: Plan,
        markers: Sequence[Sequence[dict[str, Any]]],
        started: float,
        pass_seconds: Sequence[float],
    ) -> dict[str, Any]:
        """run.json's account of how the run went: seconds (total, per stage, per pass), the
        stages as the workers described them, the executor, settings, options, versions."""
        every = [marker for of_pass in markers for marker in of_pass]
        seconds: dict[str, float] = {}
        for marker in every:
            for name, value in marker["seconds"].items():
                seconds[name] = round(seconds.get(name, 0.0) + value, 3)
        return {
            "seconds": {"total": round(time.perf_counter() - started, 3), **seconds},
            "passes": [described_pass(step, pass_seconds) for step in self.passes],
            "stages": described(every) or {s.name: s.describe() for s in self.stages},
            "executor": self.executor.describe(),
            "settings": {**plan.identity["settings"], "reader": plan.identity["reader"]},
            "options": self.options,
            "versions": versions(),
        }

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()


def refuse_overwriting_inputs(inputs: Sequence[str | Path], out: Path) -> None:
    """An output folder that is an input folder or holds one, or that would overwrite an input
    file, is refused before anything is written: the run would write into its own input, and
    the next run of that folder would skip it as a run's outputs. (An output folder inside an
    input folder is fine: reading skips it.)"""
    target = resolved(out)
    written = {target / name for name in EVERY_OUTPUT}
    for given in map(Path, inputs):
        real = resolved(given)
        if real == target or real in written or target in real.parents:
            raise OutputOverlapsInput(
                f"--out-dir {out} would write into the input {given}: choose another --out-dir"
            )


def remove_unfinished_outputs(out: Path) -> None:
    """Temporary files a killed run left beside its outputs (they are never read)."""
    for name in EVERY_OUTPUT:
        for tmp in out.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def output_skipped(folder: Path) -> dict[str, Any]:
    return Warn.OUTPUT_SKIPPED.entry(str(folder), folder=folder)


def hidden_skipped(path: Path) -> dict[str, Any]:
    """A hidden file or folder met walking an input folder: skipped, but never silently."""
    return Warn.HIDDEN_SKIPPED.entry(shown(path), path=shown(path))


def described_pass(step: Pass, seconds: Sequence[float]) -> dict[str, Any]:
    """A pass in run.json: its stages, the steps it observes for, and its wall time."""
    return {
        "pass": step.number,
        "stages": [stage.name for stage in step.stages],
        "observing": [stage.name for stage in step.observing],
        "seconds": seconds[step.number - 1] if step.number <= len(seconds) else None,
    }


def described(markers: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The stages as the processes that ran them describe them (engine versions are known
    where the engines ran, not in the main process of a run with workers); lists such as
    the engines found down are joined over every shard."""
    out: dict[str, dict[str, Any]] = {}
    for marker in markers:
        for name, description in marker.get("stages", {}).items():
            into = out.setdefault(name, {})
            for key, value in description.items():
                if isinstance(value, list) and isinstance(into.get(key), list):
                    into[key] = sorted(set(into[key]) | set(value))
                elif into.get(key) in (None, {}, []):
                    into[key] = value
    return out


def given_record(item: Record | str | dict[str, Any], number: int, doc_id: str) -> Record:
    """Item `number` handed to `Pipeline.process` as a record (`Record.of`): a text or a dict
    without ids is record `doc_id:number` of document `doc_id`."""
    if isinstance(item, str):
        return Record(
            id=f"{doc_id}:{number}", doc_id=doc_id, source="<memory>", seq=number, text=item
        )
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        item = dict(item)
        if item.get("doc_id") is None:
            item["doc_id"] = doc_id
        if item.get("id") is None:
            item["id"] = f"{item['doc_id']}:{number}"
    return Record.of(item, number, "Pipeline.process")
