"""py3langid (langid.py's model: byte n-grams, naive Bayes, 97 languages)."""

from __future__ import annotations

import lzma
from array import array
from collections.abc import Collection, Sequence
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.engines.langid.base import Distribution, DistributionDetector, iso639_1
from pipeline.engines.registry import detectors
from pipeline.resources import cache_arrays, cache_dir

TOP_K = 10
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier(cached: Path) -> Any:
    """py3langid's model, from an uncompressed copy kept in the cache when there is one.

    The shipped model is LZMA-compressed: 0.45 s of decompression in every process that asks
    (each worker, each `pipeline detect`), against 0.05 s to read a 68 MB copy. The copy is
    checked like the original (same arrays) and rebuilt whenever it cannot be read."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        with np.load(cached, allow_pickle=False) as data:
            arrays = {name: data[name] for name in ARRAYS}
    except (OSError, KeyError, ValueError):
        with lzma.open(MODEL_DIR / MODEL_FILE) as packed, np.load(packed) as data:
            arrays = {name: data[name] for name in ARRAYS}
        cache_arrays(cached, arrays)
    return LanguageIdentifier(
        arrays["ptc"],
        arrays["pc"],
        arrays["classes"].tolist(),
        as_array(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=as_array(arrays["nextmove_row"]),
    )


def as_array(values: np.ndarray) -> array[int]:
    """The state machine's tables as stdlib arrays, the form py3langid walks fastest."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).tobytes())
    return out


@detectors.register("py3langid")
class Py3langidDetector(DistributionDetector):
    name = "py3langid"

    def __init__(self, languages: Collection[str] | None = None) -> None:
        super().__init__(languages)
        self.version = version("py3langid")

    @cached_property
    def _model(self) -> Any:
        """Loaded on first use: the combined detector asks it only about hard texts."""
        return load_identifier(cache_dir() / f"py3langid-{self.version}.npz")

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
