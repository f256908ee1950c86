"""py3langid (langid.py's model: byte n-grams, naive Bayes, 97 languages)."""

from __future__ import annotations

import contextlib
import lzma
from collections.abc import Collection, Sequence
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.engines.langid.base import Distribution, DistributionDetector, iso639_1
from pipeline.engines.registry import detectors
from pipeline.resources import cache_array_folder, cache_dir, mapped_arrays

TOP_K = 10
ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def load_identifier(cached: Path) -> Any:
    """py3langid's model, from an uncompressed copy kept in the cache when there is one.

    The shipped model is LZMA-compressed: 0.45 s of decompression in every process that asks
    (each worker, each `pipeline detect`). The copy is a folder of `.npy` files, one per
    array, mapped into memory rather than read: a process reads only the pages of the 68 MB
    its texts touch (a few rows of the feature table, the automaton's states their bytes
    walk), not all of them (reading the whole copy cost 0.09-0.16 CPU-s and 141 MB of peak
    memory per process). The copy is checked like the original (same arrays) and rebuilt
    whenever it cannot be read; a process that rebuilds it uses the arrays it decompressed."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        arrays = mapped_arrays(cached, ARRAYS)
    except (OSError, ValueError):
        with lzma.open(MODEL_DIR / MODEL_FILE) as packed, np.load(packed) as data:
            arrays = {name: data[name] for name in ARRAYS}
        cache_array_folder(cached, arrays)
        with contextlib.suppress(OSError):  # the copy's earlier form, read whole
            Path(f"{cached}.npz").unlink(missing_ok=True)
    return LanguageIdentifier(
        arrays["ptc"],
        np.array(arrays["pc"]),  # scores are added to it: an array of its own
        arrays["classes"].tolist(),
        as_table(arrays["nextmove"]),
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=as_table(arrays["nextmove_row"]),
    )


def as_table(values: np.ndarray) -> memoryview:
    """The state machine's tables as a memoryview of their machine integers: indexed as fast
    as a stdlib array (the form py3langid walks fastest), without copying a mapped file's
    pages into memory."""
    table: memoryview = np.ascontiguousarray(values).data
    return table


@detectors.register("py3langid")
class Py3langidDetector(DistributionDetector):
    name = "py3langid"

    def __init__(self, languages: Collection[str] | None = None) -> None:
        super().__init__(languages)
        self.version = version("py3langid")

    @cached_property
    def _model(self) -> Any:
        """Loaded on first use: the combined detector asks it only about hard texts."""
        return load_identifier(cache_dir() / f"py3langid-{self.version}")

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
