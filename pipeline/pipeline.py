"""A `Pipeline` is a reader, a list of stages and a writer; the CLI only builds one.

    from pipeline import Pipeline, Detect, Translate, Extract
    pipe = Pipeline([Detect(), Translate(), Extract()])
    records = pipe.process(["Peter Bogdanovich a réalisé Mask."])

Stages are generators, so records stream from the reader through every stage to the writer
in batches: memory holds a few batches, whatever the corpus size. `run` works shard by shard
and commits each shard when it is complete, so an interrupted run can be resumed.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import time
import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline.accounting import Accounting
from pipeline.executors.local import LocalExecutor
from pipeline.io.readers import DEFAULT_SHARD_BYTES, Reader, Shard, plan_shards
from pipeline.io.writers import (
    ENTITIES,
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
from pipeline.progress import Progress
from pipeline.record import Record, dumps
from pipeline.stages.base import Stage
from pipeline.stages.detect import DEFAULT_ENGINE, Detect
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate

PARTS = ".parts"
PLAN = "plan.json"


class ResumeError(RuntimeError):
    """`--resume` was asked for a run whose inputs or settings have changed."""


def default_stages(
    translator: str = "apertium",
    target_lang: str = "en",
    lang_engine: str = DEFAULT_ENGINE,
    languages: Collection[str] | None = None,
    lang_threshold: float = 0.5,
    fallback: str | None = "auto",
    cache: str | Path | None = "default",
) -> list[Stage]:
    """detect → entities in the text → translate (names protected) → entities in the translation."""
    return [
        Detect(engine=lang_engine, languages=languages, threshold=lang_threshold),
        Extract(fields=["text"]),
        Translate(translator=translator, target_lang=target_lang, fallback=fallback, cache=cache),
        Extract(fields=["translation"]),
    ]


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=default_stages)
    reader: Reader = field(default_factory=Reader)
    executor: Any = field(default_factory=LocalExecutor)
    link: bool = True  # link mentions to canonical entities across the corpus (see pipeline.link)
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
        parts_dir = out / PARTS
        shards = plan_shards(inputs, shard_bytes)
        plan = {
            "pipeline": version("pipeline"),
            "settings": {"inputs": [str(p) for p in inputs], **(settings or {})},
            "stages": [type(stage).__name__ for stage in self.stages],
            "shards": [[part.to_dict() for part in shard.parts] for shard in shards],
        }
        done = self._prepare(parts_dir, plan, resume)
        todo = [shard for shard in shards if shard.name not in done]
        progress = Progress(sum(shard.size for shard in todo), len(todo), enabled=self.progress)

        def on_done(shard: Shard) -> None:
            progress.advance(shard.size, read_marker(parts_dir / shard.name)["counts"]["read"])

        try:
            self.executor.run(self, todo, parts_dir, on_done)
        finally:
            self.close()
        folders = [parts_dir / shard.name for shard in shards]
        markers = [read_marker(folder) for folder in folders]
        accounting = sum((Accounting.from_state(m["counts"]) for m in markers), Accounting())
        accounting.check()
        linker = Linker() if self.link else None
        if linker is not None:
            for record in records_of(folders):
                linker.observe(record)
            linker.resolve()
        renamed = merge(folders, out, transform=linker.apply if linker else None)
        if renamed:
            accounting.warnings["W002"] += renamed
        entity_index = linker.index() if linker else []
        with atomic_open(out / ENTITIES) as f:
            f.writelines(dumps(row) + "\n" for row in entity_index)
        seconds: dict[str, float] = {}
        for marker in markers:
            for name, value in marker["seconds"].items():
                seconds[name] = round(seconds.get(name, 0.0) + value, 3)
        report = {
            "counts": accounting.to_dict(),
            "shards": {"total": len(shards), "resumed": len(shards) - len(todo)},
            "entities": {"canonical": len(entity_index), "linked": self.link},
            "seconds": {"total": round(time.perf_counter() - started, 3), **seconds},
            "stages": {stage.name: stage.describe() for stage in self.stages},
            "executor": self.executor.describe(),
            "settings": plan["settings"],
            "versions": versions(),
        }
        write_json(out / RUN, report)
        shutil.rmtree(parts_dir)
        return report

    def close(self) -> None:
        """Release the stages' engines (processes, connections)."""
        for stage in self.stages:
            stage.close()

    def run_shard(self, shard: Shard, parts_dir: Path) -> None:
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

            for record in self(map(accounting.count_read, self.reader.read_shard(shard, warn))):
                accounting.count_out(record)
                writer.write(record)
        accounting.check()
        seconds = {
            stage.name: round(stage.seconds - before[stage.name], 3) for stage in self.stages
        }
        commit(tmp, parts_dir / shard.name, {"counts": accounting.state(), "seconds": seconds})

    @staticmethod
    def _prepare(parts_dir: Path, plan: dict[str, Any], resume: bool) -> set[str]:
        """Set up the parts folder; return the names of shards already committed."""
        plan_file = parts_dir / PLAN
        if resume and plan_file.exists():
            if json.loads(plan_file.read_text(encoding="utf-8")) != json.loads(json.dumps(plan)):
                raise ResumeError(
                    f"cannot resume: the inputs or settings differ from the interrupted run in "
                    f"{parts_dir.parent}; run again without --resume"
                )
            for tmp in parts_dir.glob("*.tmp-*"):
                shutil.rmtree(tmp, ignore_errors=True)
            return {p.name for p in parts_dir.iterdir() if p.is_dir() and ".tmp-" not in p.name}
        shutil.rmtree(parts_dir, ignore_errors=True)
        parts_dir.mkdir(parents=True)
        write_json(plan_file, plan)
        return set()


def versions() -> dict[str, str]:
    return {
        "pipeline": version("pipeline"),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "langdetect": version("langdetect"),
        "deep-translator": version("deep-translator"),
    }
