"""Note the quotations of records whose language is already known (`pipeline translate -s fr`,
an input that carries `lang`): the part of `Detect` that keeps a quoted foreign passage as
written, for when language ID of the records themselves is not wanted.

The language-ID models (fastText, py3langid's 68 MB of tables, the word lexicon: ~1.3 s on an
idle machine, 2-4 s on a busy one) are loaded in a helper thread from `setup` on, while the
stages before this one load theirs (`pipeline translate` puts NER's spaCy load, 3-4 s, first),
and are waited for only by a batch that holds a passage to judge: a batch without one, or a
one-line `pipeline translate` without quotation marks, never waits for them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar

from pipeline.engines.langid.base import LanguageDetector
from pipeline.engines.registry import make_detector
from pipeline.errors import Code
from pipeline.quotations import note_foreign, quoted_passages
from pipeline.record import Record
from pipeline.stages.base import Stage
from pipeline.stages.detect import DEFAULT_ENGINE

# A text every expert of the default detector is asked about (short: no expert is sure of it),
# so that all of them load their models; its answer is thrown away (answers depend on the text
# alone, so asking it changes no other answer).
WARM_TEXT = "quotation marks"
T = TypeVar("T")


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
        self._loading: Future[LanguageDetector] | None = None

    def setup(self) -> None:
        if self.detector is None:
            self._loading = in_background(self._load, f"stage-{self.name}-load")

    def _load(self) -> LanguageDetector:
        detector: LanguageDetector = make_detector(self.engine)
        detector.distributions([WARM_TEXT])
        return detector

    def _loaded(self) -> LanguageDetector:
        if self.detector is None:
            assert self._loading is not None
            self.detector = self._loading.result()  # a failed load raises here, on first use
        return self.detector

    def config(self) -> dict[str, Any]:
        return {"engine": self.engine, "threshold": self.threshold, "batch_size": self.batch_size}

    def process(self, batch: Sequence[Record]) -> None:
        asked = quoted_passages(batch)
        if asked:
            note_foreign(asked, self._loaded(), self.threshold)

    def close(self) -> None:
        if self._loading is not None:
            self._loading.exception()  # wait: no load left running as the interpreter ends


def in_background(work: Callable[[], T], name: str) -> Future[T]:
    """`work()` started now in a daemon thread; its result (or exception) in the future."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # re-raised by `future.result()` in the caller
            future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future
