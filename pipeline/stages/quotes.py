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
from dataclasses import dataclass, field
from typing import TypeVar

from pipeline.engines.langid.base import LanguageDetector
from pipeline.engines.registry import make_detector
from pipeline.errors import Code
from pipeline.quotations import note_foreign, quoted_passages
from pipeline.record import Record
from pipeline.stages.base import LIVE, NOT_A_SETTING, Stage
from pipeline.stages.detect import DEFAULT_ENGINE, LANG_THRESHOLD, check_detector
from pipeline.stages.settings import check_share

# A text every expert of the default detector is asked about (short: no expert is sure of it),
# so that all of them load their models; its answer is thrown away (answers depend on the text
# alone, so asking it changes no other answer).
WARM_TEXT = "quotation marks"
T = TypeVar("T")


@dataclass(eq=False)
class Quotations(Stage):
    """Sets `meta.quotes` on records that hold a quotation in another language than theirs."""

    name = "quotations"
    reads = ("text", "lang")
    writes = ("meta.quotes",)
    error_code = Code.DETECT_FAILED

    engine: str = DEFAULT_ENGINE
    threshold: float = LANG_THRESHOLD
    # An engine given instead of its name: used as it is.
    detector: LanguageDetector | None = field(default=None, metadata=NOT_A_SETTING)
    _detector: LanguageDetector | None = field(default=None, init=False, metadata=LIVE)
    _loading: Future[LanguageDetector] | None = field(default=None, init=False, metadata=LIVE)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.engine = self.detector.name if self.detector else self.engine

    def check(self) -> None:
        check_detector(self.engine)
        check_share("--lang-threshold", self.threshold)

    def setup(self) -> None:
        if self.detector is None:
            self._loading = in_background(self._load, f"stage-{self.name}-load")

    def _load(self) -> LanguageDetector:
        detector: LanguageDetector = make_detector(self.engine)
        detector.distributions([WARM_TEXT])
        return detector

    def _loaded(self) -> LanguageDetector:
        if self._detector is None:
            self._detector = self.detector
        if self._detector is None:
            assert self._loading is not None
            self._detector = self._loading.result()  # a failed load raises here, on first use
        return self._detector

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
