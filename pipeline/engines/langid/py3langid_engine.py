"""py3langid (langid.py's model: byte n-grams, naive Bayes, 97 languages)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cached_property
from importlib.metadata import version
from typing import Any

import numpy as np

from pipeline.engines.langid.base import Distribution, DistributionDetector, iso639_1
from pipeline.registry import detectors

TOP_K = 10


@detectors.register("py3langid")
class Py3langidDetector(DistributionDetector):
    name = "py3langid"

    def __init__(self, languages: Collection[str] | None = None) -> None:
        super().__init__(languages)
        self.version = version("py3langid")

    @cached_property
    def _model(self) -> Any:
        """Loaded on first use (0.4 s): the combined detector asks it only about hard texts."""
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    @cached_property
    def _labels(self) -> list[str]:
        return [iso639_1(label) for label in self._model.nb_classes]

    def distributions(self, texts: Sequence[str]) -> list[Distribution]:
        out = []
        for text in texts:
            scores = self._model._decide(text)  # calibrated probabilities, one per label
            top = np.argpartition(-scores, TOP_K)[:TOP_K]
            dist: Distribution = {}
            for i in top.tolist():
                if scores[i] > 0:  # two labels may share a code now (no, nb): add them up
                    dist[self._labels[i]] = dist.get(self._labels[i], 0.0) + float(scores[i])
            out.append(dist)
        return out
