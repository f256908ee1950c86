"""A multilingual text-processing pipeline: segment → detect → translate → extract → write.

Every stage is usable alone (`Detect()(records)`) or chained in a `Pipeline`.
"""

from pipeline.passes import CorpusStep
from pipeline.pipeline import Pipeline, default_stages
from pipeline.record import Entity, Record, Translation
from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract
from pipeline.stages.link import Link
from pipeline.stages.near_dedup import NearDedup
from pipeline.stages.segment import Segmenter
from pipeline.stages.translate import Translate
from pipeline.version import __version__

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
