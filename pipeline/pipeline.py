"""A `Pipeline` is a reader, a list of stages and a writer; the CLI only builds one.

    from pipeline import Pipeline, Detect, Translate, Extract
    pipe = Pipeline([Detect(), Translate(), Extract()])
    records = pipe.process(["Peter Bogdanovich a réalisé Mask."])

Stages are generators, so records stream from the reader through every stage to the writer
in batches: memory holds a few batches, whatever the corpus size. `run` works shard by shard
and commits each shard when it is complete, so an interrupted run can be resumed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import shutil
import time
import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline.accounting import Accounting
from pipeline.entities import known_names
from pipeline.errors import Warn
from pipeline.executors import Executor
from pipeline.executors.local import LocalExecutor
from pipeline.io.discover import InputFile, discover
from pipeline.io.lock import run_lock
from pipeline.io.parquet import write_corpus_parquet
from pipeline.io.readers import DEFAULT_SHARD_BYTES, Reader, Shard, plan_shards
from pipeline.io.writers import (
    ENTITIES,
    EVERY_OUTPUT,
    PARQUET,
    RUN,
    ShardWriter,
    atomic_open,
    commit,
    merge,
    read_marker,
    records_of,
    write_json,
)
from pipeline.link import Linker
from pipeline.progress import Progress, Report, Reporter
from pipeline.record import Record, dumps
from pipeline.stages.base import Stage
from pipeline.stages.detect import DEFAULT_ENGINE, Detect
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate

PARTS = ".parts"
PLAN = "plan.json"
logger = logging.getLogger(__name__)


class ResumeError(RuntimeError):
    """`--resume` was asked for a run whose inputs or settings have changed."""


class OutputOverlapsInput(ValueError):
    """The output folder would overwrite an input."""


def default_stages(
    translator: str = "apertium",
    target_lang: str = "en",
    lang_engine: str = DEFAULT_ENGINE,
    languages: Collection[str] | None = None,
    lang_threshold: float = 0.5,
    fallback: str | None = "auto",
    cache: str | Path | None = "default",
    kb: str | Path | None = None,
) -> list[Stage]:
    """detect → entities in the text → translate (names protected) → entities in the translation."""
    return [
        Detect(engine=lang_engine, languages=languages, threshold=lang_threshold),
        Extract(fields=["text"], kb=kb),
        Translate(translator=translator, target_lang=target_lang, fallback=fallback, cache=cache),
        Extract(fields=["translation"]),
    ]


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=default_stages)
    reader: Reader = field(default_factory=Reader)
    executor: Executor = field(default_factory=LocalExecutor)
    link: bool = True  # link mentions to canonical entities across the corpus (see pipeline.link)
    parquet: bool = False  # also write corpus.parquet and entities.parquet (pipeline.io.parquet)
    progress: bool = False  # report progress on stderr (the CLI turns it on)

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        """Chain the stages over a record stream (lazily)."""
        stream: Iterable[Record] = records
        for stage in self.stages:
            stream = stage(stream)
        return iter(stream)

    def process(self, texts: Iterable[str], doc_id: str = "texts") -> list[Record]:
        """Run the stages on plain texts (one record each, all in one document `doc_id`)."""
        records = (
            Record(id=f"{doc_id}:{i}", doc_id=doc_id, source="<memory>", seq=i, text=text)
            for i, text in enumerate(texts)
        )
        return list(self(records))

    def run(
        self,
        inputs: Sequence[str | Path],
        out_dir: str | Path,
        settings: dict[str, Any] | None = None,
        resume: bool = False,
        shard_bytes: int = DEFAULT_SHARD_BYTES,
    ) -> dict[str, Any]:
        """Read `inputs`, run every stage, write `out_dir/{corpus,errors,dropped,warnings}.jsonl`
        and `run.json`; return the run report. Outputs appear only when the run completes.

        With `resume=True`, shards an interrupted run committed are kept, not redone.
        """
        started = time.perf_counter()
        out = Path(out_dir)
        refuse_overwriting_inputs(inputs, out)
        with run_lock(out):
            return self._run_locked(inputs, out, settings, resume, shard_bytes, started)

    def _run_locked(
        self,
        inputs: Sequence[str | Path],
        out: Path,
        settings: dict[str, Any] | None,
        resume: bool,
        shard_bytes: int,
        started: float,
    ) -> dict[str, Any]:
        parts_dir = out / PARTS
        remove_unfinished_outputs(out)
        found = discover(inputs, self.reader.follow_links, exclude=out)
        for folder in found.skipped_outputs:
            logger.warning("skipped %s: it holds the outputs of a run", folder)
        shards = plan_shards(found.files, shard_bytes)
        plan = {
            "pipeline": version("pipeline"),
            "settings": {"inputs": [str(p) for p in inputs], **(settings or {})},
            "stages": [type(stage).__name__ for stage in self.stages],
            "files": [file_identity(f) for f in found.files],
            "shards": [[part.to_dict() for part in shard.parts] for shard in shards],
        }
        plan_id = hashlib.sha256(dumps(plan).encode()).hexdigest()[:16]
        shards = [replace(shard, plan=plan_id) for shard in shards]
        done = self._prepare(parts_dir, plan, plan_id, resume)
        todo = [shard for shard in shards if shard.name not in done]
        progress = Progress(sum(shard.size for shard in todo), len(todo), enabled=self.progress)

        def on_done(shard: Shard) -> None:
            read = read_marker(parts_dir / shard.name)["counts"]["read"]
            progress.advance(shard.size, read, shard.name)

        try:
            self.executor.run(self, todo, parts_dir, on_done, progress.report)
        finally:
            progress.close()
            self.close()
        folders = [parts_dir / shard.name for shard in shards]
        markers = [read_marker(folder) for folder in folders]
        foreign = [
            f.name for f, m in zip(folders, markers, strict=True) if m.get("plan") != plan_id
        ]
        if foreign:
            raise RuntimeError(f"shards {foreign} in {parts_dir} belong to another run")
        accounting = sum((Accounting.from_state(m["counts"]) for m in markers), Accounting())
        accounting.check()
        linker = Linker(known_names(self.kb)) if self.link else None
        if linker is not None:
            for record in records_of(folders):
                linker.observe(record)
            linker.resolve()
        skipped = [output_skipped(folder) for folder in found.skipped_outputs]
        renamed = merge(folders, out, transform=linker.apply if linker else None, warnings=skipped)
        accounting.warnings.update(w["code"] for w in skipped)
        if renamed:
            accounting.warnings["W002"] += renamed
        entity_index = linker.index() if linker else []
        with atomic_open(out / ENTITIES) as f:
            f.writelines(dumps(row) + "\n" for row in entity_index)
        if self.parquet:
            write_corpus_parquet(out)
        else:  # a previous run's Parquet would not match this run's corpus
            for name in PARQUET:
                (out / name).unlink(missing_ok=True)
        seconds: dict[str, float] = {}
        for marker in markers:
            for name, value in marker["seconds"].items():
                seconds[name] = round(seconds.get(name, 0.0) + value, 3)
        report = {
            "counts": accounting.to_dict(),
            "shards": {"total": len(shards), "resumed": len(shards) - len(todo)},
            "entities": {"canonical": len(entity_index), "linked": self.link},
            "seconds": {"total": round(time.perf_counter() - started, 3), **seconds},
            "stages": described(markers) or {s.name: s.describe() for s in self.stages},
            "executor": self.executor.describe(),
            "settings": plan["settings"],
            "versions": versions(),
        }
        write_json(out / RUN, report)
        shutil.rmtree(parts_dir)
        return report

    @property
    def kb(self) -> str | None:
        """The knowledge base the stages were given (linking uses the same one)."""
        return next((kb for stage in self.stages if (kb := getattr(stage, "kb", None))), None)

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()

    def run_shard(self, shard: Shard, parts_dir: Path, report: Report | None = None) -> None:
        """Process one shard into a private `parts_dir/NAME.tmp-*` folder, then commit it as
        `parts_dir/NAME/`. Two attempts at one shard (a retried task, a straggler) never share
        a folder, and the second commit is dropped: shards are deterministic."""
        tmp = parts_dir / f"{shard.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        accounting = Accounting()
        before = {stage.name: stage.seconds for stage in self.stages}
        with ShardWriter(tmp) as writer:

            def warn(entry: dict[str, Any]) -> None:
                accounting.count_warning(entry)
                writer.warn(entry)

            reporter = Reporter(shard.name, report)
            for record in self(map(accounting.count_read, self.reader.read_shard(shard, warn))):
                accounting.count_out(record)
                writer.write(record)
                reporter.count()
        accounting.check()
        seconds = {
            stage.name: round(stage.seconds - before[stage.name], 3) for stage in self.stages
        }
        marker = {
            "plan": shard.plan,
            "counts": accounting.state(),
            "seconds": seconds,
            "stages": {stage.name: stage.describe() for stage in self.stages},
        }
        commit(tmp, parts_dir / shard.name, marker)

    @staticmethod
    def _prepare(parts_dir: Path, plan: dict[str, Any], plan_id: str, resume: bool) -> set[str]:
        """Set up the parts folder; return the names of shards already committed for this plan."""
        plan_file = parts_dir / PLAN
        if resume and plan_file.exists():
            if json.loads(plan_file.read_text(encoding="utf-8")) != json.loads(json.dumps(plan)):
                raise ResumeError(
                    f"cannot resume: the inputs or settings differ from the interrupted run in "
                    f"{parts_dir.parent}; run again without --resume"
                )
            done = set()
            for folder in parts_dir.iterdir():
                if not folder.is_dir():
                    continue
                if ".tmp-" not in folder.name and committed_for(folder, plan_id):
                    done.add(folder.name)
                else:
                    shutil.rmtree(folder, ignore_errors=True)
            return done
        shutil.rmtree(parts_dir, ignore_errors=True)
        parts_dir.mkdir(parents=True)
        write_json(plan_file, plan)
        return set()


def refuse_overwriting_inputs(inputs: Sequence[str | Path], out: Path) -> None:
    """An output folder that is an input folder, or that would overwrite an input file, is
    refused before anything is written: the run would destroy its own input."""
    target = out.resolve()
    written = {target / name for name in EVERY_OUTPUT}
    for given in map(Path, inputs):
        real = given.resolve()
        if real == target or real in written:
            raise OutputOverlapsInput(
                f"--out-dir {out} would overwrite the input {given}: choose another --out-dir"
            )


def remove_unfinished_outputs(out: Path) -> None:
    """Temporary files a killed run left beside its outputs (they are never read)."""
    for name in EVERY_OUTPUT:
        for tmp in out.glob(f".{name}.*.tmp"):
            tmp.unlink(missing_ok=True)


def file_identity(file: InputFile) -> dict[str, Any]:
    """What `--resume` compares: the file's place, size and content digest (an edit that keeps
    the size is still an edit)."""
    identity: dict[str, Any] = {"source": file.source, "path": str(file.path)}
    if file.refused is None:
        try:
            with file.path.open("rb") as f:
                identity["blake2b"] = hashlib.file_digest(f, "blake2b").hexdigest()[:32]
            identity["size"] = file.path.stat().st_size
        except OSError as error:
            identity["error"] = error.strerror or str(error)
    return identity


def output_skipped(folder: Path) -> dict[str, Any]:
    return {
        "source": str(folder),
        "line": None,
        "byte": None,
        "code": Warn.OUTPUT_SKIPPED.value,
        "message": f"{folder} holds the outputs of a run: not read as input",
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


def committed_for(folder: Path, plan_id: str) -> bool:
    try:
        return read_marker(folder).get("plan") == plan_id
    except (OSError, ValueError):
        return False


def versions() -> dict[str, str]:
    return {
        "pipeline": version("pipeline"),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "langdetect": version("langdetect"),
        "deep-translator": version("deep-translator"),
    }
