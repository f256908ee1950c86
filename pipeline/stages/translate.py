"""Translate records that are not in the target language; keep the original untouched.

A record already in the target language, or of undetermined language, gets `translation: null`.
Names found in the original (`entities` with `field: "text"`, so run extraction on the text
first) are carried through the engine untouched; see `pipeline.engines.translate.protect`.
A language the engine has no pair for is left untranslated with `meta.untranslated` saying why:
that is a fact about the engine, not an error that should stop a run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pipeline.engines.translate.base import Translator
from pipeline.engines.translate.protect import Masked, mask, unmask
from pipeline.record import UNDETERMINED, Record, Translation
from pipeline.registry import make_translator
from pipeline.stages.base import Stage

NO_TRANSLATION = "none"


class Translate(Stage):
    """Sets `translation` (`{"text", "lang", "engine"}`) on records not in `target_lang`."""

    name = "translate"
    reads = ("text", "lang")
    writes = ("translation", "meta.untranslated")
    error_code = "E201"

    def __init__(
        self,
        translator: str = "apertium",
        target_lang: str = "en",
        engine: Translator | None = None,
        protect_entities: bool = True,
        batch_size: int = 64,
        **options: Any,
    ) -> None:
        super().__init__(batch_size)
        self.translator = translator
        self.target_lang = target_lang
        self.engine = engine
        self.protect_entities = protect_entities
        self.options = options

    def setup(self) -> None:
        if self.engine is None and self.translator != NO_TRANSLATION:
            self.engine = make_translator(self.translator, **self.options)

    def describe(self) -> dict[str, Any]:
        engine = self.engine
        return {
            "engine": engine.name if engine else NO_TRANSLATION,
            "version": engine.version if engine else None,
            "target_lang": self.target_lang,
            "protect_entities": self.protect_entities,
        }

    def process(self, batch: Sequence[Record]) -> None:
        by_language: dict[str, list[Record]] = defaultdict(list)
        for record in batch:
            record.translation = None
            lang = record.lang or UNDETERMINED
            if lang in (self.target_lang, UNDETERMINED):
                continue
            if self.engine is None:
                record.meta["untranslated"] = "translation disabled"
            elif not self.engine.supports(lang, self.target_lang):
                record.meta["untranslated"] = (
                    f"{self.engine.name} has no {lang}→{self.target_lang} pair"
                )
            else:
                by_language[lang].append(record)
        for lang, records in sorted(by_language.items()):
            assert self.engine is not None
            masked = [self._mask(r) for r in records]
            texts = self.engine.translate([m.text for m in masked], lang, self.target_lang)
            label = self.engine.describe(lang, self.target_lang)
            for record, text, names in zip(records, texts, masked, strict=True):
                text, lost = unmask(text, names)
                if lost:
                    record.meta["names_lost_in_translation"] = lost
                record.translation = Translation(text=text, lang=self.target_lang, engine=label)

    def _mask(self, record: Record) -> Masked:
        if not self.protect_entities:
            return mask(record.text, [])
        spans = [(e.start, e.end) for e in record.entities if e.field == "text"]
        return mask(record.text, spans)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()
