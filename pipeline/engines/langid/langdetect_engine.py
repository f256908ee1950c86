"""langdetect, made deterministic and thread-safe.

langdetect samples n-grams at random and shares one global factory; dolma's fix is used here:
a private factory per detector with a fixed seed, so the same text always gets the same answer
and detectors in different threads do not share state.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from importlib.metadata import version

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from pipeline.engines.langid.base import Distribution, DistributionDetector, iso639_1
from pipeline.engines.registry import detectors


@detectors.register("langdetect")
class LangdetectDetector(DistributionDetector):
    name = "langdetect"

    def __init__(self, languages: Collection[str] | None = None, seed: int = 0) -> None:
        super().__init__(languages)
        self.version = version("langdetect")
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.seed = seed

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        return [self._one(text) for text in texts]

    def _one(self, text: str) -> Distribution:
        detector = self._factory.create()
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:  # no letters, no features
            return {}
        dist: Distribution = {}
        for guess in found:
            lang = iso639_1(guess.lang)
            dist[lang] = dist.get(lang, 0.0) + float(guess.prob)
        return dist
