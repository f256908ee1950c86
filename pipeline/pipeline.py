"""A `Pipeline` is a reader, a list of stages and an executor; the CLI only builds one.

    from pipeline import Pipeline, Detect, Extract, Translate, Link
    pipe = Pipeline([Detect(), Extract(fields=["text"]), Translate(),
                     Extract(fields=["translation"]), Link()])
    records = pipe.process(["Agnès Varda a tourné Cléo de 5 à 7 à Paris."])

Stages are generators, so records stream from the reader through every stage to the writer
in batches: memory holds a few batches, whatever the corpus size. `run` goes plan → execute
→ finalize: it cuts the input into shards and runs the stages on each shard as passes
(`pipeline.passes`: a corpus-wide step such as linking observes in one pass, is resolved
once, and is applied in the next), every pass on the executor, each shard committed when it
is complete so an interrupted run can be resumed; then it joins the shards into the outputs.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from pipeline.accounting import Accounting
from pipeline.app.progress import Progress
from pipeline.contract import check_contract
from pipeline.errors import Warn
from pipeline.executors import Executor
from pipeline.executors.local import LocalExecutor
from pipeline.ids import IDS_RESOLVED, FinalIds, resolve_ids
from pipeline.io.discover import resolved, shown
from pipeline.io.lock import run_lock
from pipeline.io.parquet import write_corpus_parquet
from pipeline.io.readers import Reader
from pipeline.io.writers import (
    ENTITIES,
    EVERY_OUTPUT,
    RUN,
    atomic_open,
    merge,
    put_in_place,
    read_marker,
    staging,
    write_json,
)
from pipeline.packages import versions
from pipeline.passes import (
    CorpusStep,
    Partials,
    Pass,
    applied_file,
    observed_file,
    plan_passes,
    resolved_file,
)
from pipeline.plan import PARTS, Plan, ResumeError, make_plan
from pipeline.record import Record, dumps
from pipeline.rules import Rules
from pipeline.safe_text import safe_path
from pipeline.shard_task import ShardTask
from pipeline.shards import DEFAULT_SHARD_BYTES, Shard
from pipeline.stages.base import Stage, chain
from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import DEFAULT_ENGINE, Detect
from pipeline.stages.extract import Extract
from pipeline.stages.link import Link
from pipeline.stages.near_dedup import DEFAULT_THRESHOLD, NearDedup
from pipeline.stages.translate import AUTO_FALLBACK, Translate

__all__ = ["PARTS", "OutputOverlapsInput", "Pipeline", "ResumeError", "default_stages"]
logger = logging.getLogger(__name__)


class OutputOverlapsInput(ValueError):
    """The output folder would overwrite an input."""


def default_stages(
    translator: str = "apertium",
    target_lang: str = "en",
    lang_engine: str = DEFAULT_ENGINE,
    languages: Collection[str] | None = None,
    lang_threshold: float = 0.5,
    fallback: str | None = AUTO_FALLBACK,
    cache: str | Path | None = "default",
    kb: str | Path | None = None,
    ner_models: dict[str, str] | None = None,
    dedup: DedupChoice | None = None,
    rules: Rules | None = None,
    near_threshold: float = DEFAULT_THRESHOLD,
) -> list[Stage]:
    """detect → entities in the text → translate (names protected) → entities in the
    translation → link mentions to canonical entities across the corpus (→ duplicates, with
    `dedup`: "mark" / "drop" exact ones, "near" / "near-drop" near ones at `near_threshold`).
    `ner_models` replaces the spaCy model of a language (`models/ner.json`), e.g. {"en": the
    small one}."""
    models = {**Extract().models, **ner_models} if ner_models else None
    return [
        Detect(engine=lang_engine, languages=languages, threshold=lang_threshold),
        Extract(fields=["text"], kb=kb, models=models, rules=rules),
        Translate(
            translator=translator, target_lang=target_lang, fallback=fallback, cache=cache, kb=kb
        ),
        Extract(fields=["translation"], models=models, rules=rules),
        Link(kb=kb, rules=rules),
        *dedup_stages(dedup, near_threshold),
    ]


DedupChoice = Literal["mark", "drop", "near", "near-drop"]
DEDUP_CHOICES: tuple[str, ...] = get_args(DedupChoice)


def dedup_stages(dedup: DedupChoice | None, near_threshold: float) -> list[Stage]:
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
    (`pipeline.contract`): each must find what it reads in the input or from a stage before."""

    stages: list[Stage] = field(default_factory=default_stages)
    reader: Reader = field(default_factory=Reader)
    executor: Executor = field(default_factory=LocalExecutor)
    parquet: bool = False  # also write corpus.parquet and entities.parquet (pipeline.io.parquet)
    report: bool = False  # also write report.html (pipeline.app.report; the CLI turns it on)
    progress: bool = False  # report progress on stderr (the CLI turns it on)
    given: tuple[str, ...] = ()  # record fields the input already carries, e.g. ("lang",)
    options: dict[str, Any] = field(default_factory=dict)  # the CLI's, for run.json
    # Called with the folder of the run's outputs, all written, and run.json's content, just
    # before they are put in place: a file it writes there (the CLI's run.log) joins the set.
    epilogue: Callable[[Path, dict[str, Any]], None] | None = None

    def __post_init__(self) -> None:
        check_contract(self.stages, self.given)

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        """Chain the stages over a record stream (lazily; a corpus-wide step holds the
        records it is given until the stream ends, then runs its passes over them)."""
        return chain(self.stages, records)

    def process(self, texts: Iterable[str], doc_id: str = "texts") -> list[Record]:
        """Run the stages on plain texts (one record each, all in one document `doc_id`)."""
        records = (
            Record(id=f"{doc_id}:{i}", doc_id=doc_id, source="<memory>", seq=i, text=text)
            for i, text in enumerate(texts)
        )
        return list(self(records))

    @property
    def passes(self) -> list[Pass]:
        """The passes `run` makes over the shards (`pipeline.passes.plan_passes`)."""
        return plan_passes(self.stages)

    @property
    def link(self) -> Link | None:
        """The linking step, whose entity index `run` writes to entities.jsonl."""
        return next((s for s in self.stages if isinstance(s, Link)), None)

    def run(
        self,
        inputs: Sequence[str | Path],
        out_dir: str | Path,
        settings: dict[str, Any] | None = None,
        resume: bool = False,
        shard_bytes: int = DEFAULT_SHARD_BYTES,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """Read `inputs`, run every stage, write `out_dir/{corpus,errors,dropped,warnings,
        entities}.jsonl` and `run.json`; return the run report. Outputs appear only when the
        run completes. `settings` are recorded in run.json as given (the CLI records the
        inputs as typed); the stages and the reader record their own.

        With `resume=True`, shards an interrupted run committed are kept, not redone. With
        `limit`, only the first `limit` records of the input are read (a trial).
        """
        started = time.perf_counter()
        out = Path(out_dir)
        refuse_overwriting_inputs(inputs, out)
        with run_lock(out):
            plan = self.plan(inputs, out, settings or {}, resume, shard_bytes, limit)
            pass_seconds = self.execute(plan)
            return self.finalize(plan, started, pass_seconds)

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
        work = ShardTask.of(self.reader, step, plan.parts_dir.resolve(), self.stages)
        folder = step.folder(plan.parts_dir)

        def on_done(shard: Shard) -> None:
            read = read_marker(folder / shard.name)["counts"]["read"]
            progress.advance(shard.size, read, shard.name)

        try:
            if todo:
                self.executor.run(work, todo, on_done, progress.report)
        finally:
            progress.close()
            work.close()

    def _resolve(self, plan: Plan, step: Pass, corpus_step: CorpusStep) -> None:
        """Resolve `corpus_step` from its partials, once: a resumed run keeps the file."""
        target = resolved_file(plan.parts_dir, corpus_step)
        if target.exists():
            return
        resolved = corpus_step.resolve(Partials(plan.folders(step), observed_file(corpus_step)))
        if step.number == 1:
            resolved = corpus_step.final_ids(resolved, self._final_ids(plan).of)
        with atomic_open(target) as f:
            json.dump(resolved, f, ensure_ascii=False)

    def _resolve_ids(self, plan: Plan, step: Pass) -> None:
        """Decide, once, the id each corpus record keeps (`pipeline.ids`); a resumed run
        keeps the file."""
        target = plan.parts_dir / IDS_RESOLVED
        if not target.exists():
            with atomic_open(target) as f:
                # (dumps: the C encoder; `dump` streams through the Python one, 5x slower)
                f.write(json.dumps(resolve_ids(plan.folders(step)), ensure_ascii=False))

    def _final_ids(self, plan: Plan) -> FinalIds:
        path = plan.parts_dir / IDS_RESOLVED
        return FinalIds(json.loads(path.read_text(encoding="utf-8")) if path.exists() else {})

    def shard_task(self, parts_dir: Path) -> ShardTask:
        """What the executor runs on each shard in the first pass."""
        return ShardTask.of(self.reader, self.passes[0], parts_dir.resolve(), self.stages)

    def finalize(
        self, plan: Plan, started: float, pass_seconds: Sequence[float] = ()
    ) -> dict[str, Any]:
        """Join the committed shards into the outputs, write the entity index and run.json;
        return run.json's content."""
        passes = self.passes
        markers = [plan.markers(step) for step in passes]
        accounting = Accounting.across_passes([
            sum((Accounting.from_state(m["counts"]) for m in of_pass), Accounting.of(self.stages))
            for of_pass in markers
        ])  # fmt: skip
        accounting.check()
        skipped = [
            *(output_skipped(folder) for folder in plan.found.skipped_outputs),
            *(hidden_skipped(path) for path in plan.found.skipped_hidden),
        ]
        early = [*skipped, *self._final_ids(plan).warnings]  # renamed after pass 1
        shards = zip(*(plan.folders(step) for step in passes), strict=True)
        staged = staging(plan.parts_dir)  # every output is written there, then put in place
        final = self._final_ids(plan)
        no_record = merge(list(shards), staged, early, final.in_file, final.documents_in)
        accounting.warnings.update(w["code"] for w in early)
        if no_record:  # files cut across shards that gave nothing, warned once each
            accounting.warnings[Warn.NO_RECORD.value] += no_record
        for step in passes[1:]:
            for corpus_step in step.applying:
                corpus_step.finish(Partials(plan.folders(step), applied_file(corpus_step)))
        link = self.link
        entity_index = link.index() if link else []
        with atomic_open(staged / ENTITIES) as f:
            f.writelines(dumps(row) + "\n" for row in entity_index)
        if self.parquet:
            write_corpus_parquet(staged)
        every = [marker for of_pass in markers for marker in of_pass]
        seconds: dict[str, float] = {}
        for marker in every:
            for name, value in marker["seconds"].items():
                seconds[name] = round(seconds.get(name, 0.0) + value, 3)
        stages = described(every) or {s.name: s.describe() for s in self.stages}
        report = {
            "counts": accounting.to_dict(),
            "shards": {"total": len(plan.shards), "resumed": len(plan.shards) - len(plan.todo)},
            "entities": {"canonical": len(entity_index), "linked": link is not None},
            "seconds": {"total": round(time.perf_counter() - started, 3), **seconds},
            "passes": [described_pass(step, pass_seconds) for step in passes],
            "stages": stages,
            "executor": self.executor.describe(),
            "settings": {**plan.identity["settings"], "reader": plan.identity["reader"]},
            "options": self.options,
            "versions": versions(),
        }
        write_json(staged / RUN, report)
        if self.report:
            from pipeline.app.report import build_report

            build_report(staged)
        if self.epilogue is not None:
            self.epilogue(staged, report)
        put_in_place(staged, plan.out)
        shutil.rmtree(plan.parts_dir)
        return report

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
