"""langdetect, made deterministic and thread-safe.

langdetect samples n-grams at random and shares one global factory; dolma's fix is used here:
a private factory per detector with a fixed seed, so the same text always gets the same answer
and detectors in different threads do not share state.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.engines.langid.base import iso639_1
from pipeline.record import UNDETERMINED
from pipeline.registry import detectors


@detectors.register("langdetect")
class LangdetectDetector:
    name = "langdetect"

    def __init__(self, seed: int = 0) -> None:
        self.version = version("langdetect")
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.seed = seed

    def detect(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        return [self._detect_one(text) for text in texts]

    def _detect_one(self, text: str) -> tuple[str, float]:
        detector = self._factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):  # no letters, no features
            return UNDETERMINED, 0.0
        return iso639_1(best.lang), round(float(best.prob), 4)
