"""Language detectors: `detect(texts) -> [(lang, score)]`, `distributions(texts)`.

Importing this package registers every built-in engine by name (see `pipeline.engines.registry`).
"""

from pipeline.engines.langid.base import DistributionDetector, LanguageDetector
from pipeline.engines.langid.combined import CombinedDetector
from pipeline.engines.langid.fasttext_engine import FastTextDetector
from pipeline.engines.langid.langdetect_engine import LangdetectDetector
from pipeline.engines.langid.lexicon_engine import LexiconDetector
from pipeline.engines.langid.lingua_engine import LinguaDetector
from pipeline.engines.langid.py3langid_engine import Py3langidDetector

__all__ = [
    "CombinedDetector",
    "DistributionDetector",
    "FastTextDetector",
    "LangdetectDetector",
    "LanguageDetector",
    "LexiconDetector",
    "LinguaDetector",
    "Py3langidDetector",
]
