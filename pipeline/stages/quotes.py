"""Note the quotations of records whose language is already known (`pipeline translate -s fr`,
an input that carries `lang`): the part of `Detect` that keeps a quoted foreign passage as
written, for when language ID of the records themselves is not wanted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.engines.langid.base import LanguageDetector
from pipeline.errors import Code
from pipeline.quotations import note_foreign_quotations
from pipeline.record import Record
from pipeline.registry import make_detector
from pipeline.stages.base import Stage
from pipeline.stages.detect import DEFAULT_ENGINE


class Quotations(Stage):
    """Sets `meta.quotes` on records that hold a quotation in another language than theirs."""

    name = "quotations"
    reads = ("text", "lang")
    writes = ("meta.quotes",)
    error_code = Code.DETECT_FAILED

    def __init__(
        self,
        engine: str = DEFAULT_ENGINE,
        threshold: float = 0.5,
        detector: LanguageDetector | None = None,
        batch_size: int = 256,
    ) -> None:
        super().__init__(batch_size)
        self.engine = detector.name if detector else engine
        self.threshold = threshold
        self.detector = detector

    def setup(self) -> None:
        if self.detector is None:
            self.detector = make_detector(self.engine)

    def config(self) -> dict[str, Any]:
        return {"engine": self.engine, "threshold": self.threshold, "batch_size": self.batch_size}

    def process(self, batch: Sequence[Record]) -> None:
        assert self.detector is not None
        note_foreign_quotations(batch, self.detector, self.threshold)
