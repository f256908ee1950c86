"""Language detectors: `detect(texts) -> [(lang, score)]` with ISO 639-1 codes."""

from pipeline.engines.langid.base import LanguageDetector
from pipeline.engines.langid.langdetect_engine import LangdetectDetector

__all__ = ["LangdetectDetector", "LanguageDetector"]
