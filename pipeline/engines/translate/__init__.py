"""Translators: `translate(texts, source, target) -> [str]` between ISO 639-1 languages."""

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.engines.translate.online import OnlineTranslator

__all__ = ["ApertiumTranslator", "OnlineTranslator", "TranslationError", "Translator"]
