"""A `Pipeline` is a reader, a list of stages and a writer; the CLI only builds one.

    from pipeline import Pipeline, Detect, Translate, Extract
    pipe = Pipeline([Detect(), Translate(), Extract()])
    records = pipe.process(["Peter Bogdanovich a réalisé Mask."])

Stages are generators, so records stream from the reader through every stage to the writer
in batches: memory holds a few batches, whatever the corpus size.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline.accounting import Accounting
from pipeline.io.readers import Reader
from pipeline.io.writers import RUN, CorpusWriter, write_json
from pipeline.record import Record
from pipeline.stages.base import Stage
from pipeline.stages.detect import DEFAULT_ENGINE, Detect
from pipeline.stages.extract import Extract
from pipeline.stages.translate import Translate


def default_stages(
    translator: str = "apertium",
    target_lang: str = "en",
    lang_engine: str = DEFAULT_ENGINE,
    languages: Collection[str] | None = None,
    lang_threshold: float = 0.5,
) -> list[Stage]:
    """detect → entities in the text → translate (names protected) → entities in the translation."""
    return [
        Detect(engine=lang_engine, languages=languages, threshold=lang_threshold),
        Extract(fields=["text"]),
        Translate(translator=translator, target_lang=target_lang),
        Extract(fields=["translation"]),
    ]


@dataclass
class Pipeline:
    stages: list[Stage] = field(default_factory=default_stages)
    reader: Reader = field(default_factory=Reader)

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
    ) -> dict[str, Any]:
        """Read `inputs`, run every stage, write `out_dir/{corpus,errors,dropped}.jsonl` and
        `run.json`; return the run report. Outputs appear only when the run completes."""
        started = time.perf_counter()
        accounting = Accounting()
        writer = CorpusWriter(out_dir)
        try:
            with writer.open():
                for record in self(map(accounting.count_read, self.reader(inputs))):
                    accounting.count_out(record)
                    writer.write(record)
                accounting.check()
        finally:
            for stage in self.stages:
                stage.close()
        report = {
            "counts": accounting.to_dict(),
            "seconds": {
                "total": round(time.perf_counter() - started, 3),
                **{stage.name: round(stage.seconds, 3) for stage in self.stages},
            },
            "stages": {stage.name: stage.describe() for stage in self.stages},
            "settings": {"inputs": [str(p) for p in inputs], **(settings or {})},
            "versions": versions(),
        }
        write_json(Path(out_dir) / RUN, report)
        return report


def versions() -> dict[str, str]:
    return {
        "pipeline": version("pipeline"),
        "python": platform.python_version(),
        "spacy": version("spacy"),
        "langdetect": version("langdetect"),
        "deep-translator": version("deep-translator"),
    }
