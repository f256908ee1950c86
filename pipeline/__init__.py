"""A multilingual text-processing pipeline: segment → detect → translate → extract → write.

Every stage is usable alone (`Detect()(records)`) or chained in a `Pipeline`. The names below
are imported when first used (PEP 562): `import pipeline` stays light, so the command line can
take over signals before the heavy modules (spaCy, the engines) load.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from pipeline.lazy import lazy_names
from pipeline.version import __version__

if TYPE_CHECKING:
    from pipeline.io.segment.segmenter import Segmenter
    from pipeline.record import Entity, Record, Translation
    from pipeline.run import Pipeline, default_stages
    from pipeline.stages.corpus_step import CorpusStep
    from pipeline.stages.dedup import Dedup
    from pipeline.stages.detect import Detect
    from pipeline.stages.extract import Extract
    from pipeline.stages.link import Link
    from pipeline.stages.near_dedup import NearDedup
    from pipeline.stages.translate import Translate

WHERE = MappingProxyType({
    "CorpusStep": "pipeline.stages.corpus_step",
    "Dedup": "pipeline.stages.dedup",
    "Detect": "pipeline.stages.detect",
    "Entity": "pipeline.record",
    "Extract": "pipeline.stages.extract",
    "Link": "pipeline.stages.link",
    "NearDedup": "pipeline.stages.near_dedup",
    "Pipeline": "pipeline.run",
    "Record": "pipeline.record",
    "Segmenter": "pipeline.io.segment.segmenter",
    "Translate": "pipeline.stages.translate",
    "Translation": "pipeline.record",
    "default_stages": "pipeline.run",
})  # fmt: skip
__all__ = [
    "CorpusStep",
    "Dedup",
    "Detect",
    "Entity",
    "Extract",
    "Link",
    "NearDedup",
    "Pipeline",
    "Record",
    "Segmenter",
    "Translate",
    "Translation",
    "__version__",
    "default_stages",
]


__getattr__ = lazy_names(__name__, WHERE)


def __dir__() -> list[str]:
    return sorted(__all__)
