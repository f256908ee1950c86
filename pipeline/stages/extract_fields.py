"""What `Extract` does for each field it reads, decided once when the stage is built: the
text (its language's model, the document's evidence, "no model" noted) or the translation
(the target language's model, the names carried over from the text kept). The stage runs
the same steps for any fields; each field's part of a step is here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline import mentions
from pipeline.entities import (
    apply_cues,
    complete_document,
    cue_before,
    known_names,
    occurrences,
    split_joined,
)
from pipeline.evidence import (
    drop_leading_prepositions,
    relabel_coordinated,
    relabel_cued,
    relabel_people,
    relabel_work_titles,
)
from pipeline.record import UNDETERMINED, EntityField, Record
from pipeline.rules import active


class FieldRole:
    """One field's part of each step of `Extract`; the defaults: no part."""

    field: EntityField
    reads: tuple[str, ...] = ()
    counters: tuple[str, ...] = ()  # besides "entities"

    def source(self, record: Record, models: dict[str, str]) -> tuple[str, str] | None:
        """(language, text) for the model to read in this field, or None."""
        return None

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        return iter(())

    def complete(self, documents: list[list[Record]], propagate: bool, kb: str | None) -> None:
        """Mentions a document's evidence adds or splits, before lower-case names are judged."""

    def settle(self, record: Record) -> None:
        """What this field's entities keep of what the model found, after lower-case words."""

    def cue(self, record: Record) -> None:
        """Relabel this field's mentions that a role noun right before them types."""

    def relabel(self, documents: list[list[Record]]) -> None:
        """The document's evidence for labels, last."""


class TextRole(FieldRole):
    """The original text: read in its language; a language without a model is noted."""

    field: EntityField = "text"
    reads = ("text", "lang")
    counters = ("no_entities",)

    def source(self, record: Record, models: dict[str, str]) -> tuple[str, str] | None:
        record.meta.pop("entities_skipped", None)
        if record.lang in models:
            return record.lang, record.text
        if record.lang and record.lang != UNDETERMINED:
            record.meta["entities_skipped"] = f"no spaCy model for {record.lang!r}"
        return None

    def tally(self, record: Record) -> Iterator[tuple[str, str]]:
        if "entities_skipped" in record.meta:
            yield "no_entities", str(record.meta["entities_skipped"])

    def complete(self, documents: list[list[Record]], propagate: bool, kb: str | None) -> None:
        rules = active()
        if rules.on("split_joined"):
            for records in documents:
                split_joined(records)
        propagate = propagate and rules.on("propagate")
        if propagate or kb:
            known = known_names(kb)
            for records in documents:
                complete_document(records, known, propagate=propagate)

    def cue(self, record: Record) -> None:
        apply_cues(record, "text", record.lang)

    def relabel(self, documents: list[list[Record]]) -> None:
        rules = active()
        for records in documents:
            if rules.on("work_title"):
                relabel_work_titles(records)
            if rules.on("person_evidence"):
                relabel_people(records)
            if rules.on("cue_in_document"):
                relabel_cued(records)
            if rules.on("coordinated"):
                relabel_coordinated(records)
            if rules.on("leading_preposition"):
                drop_leading_prepositions(records)


class TranslationRole(FieldRole):
    """The translation: read in the target language; the names carried over win there."""

    field: EntityField = "translation"
    reads = ("translation",)

    def source(self, record: Record, models: dict[str, str]) -> tuple[str, str] | None:
        translation = record.translation
        if translation and translation.lang in models:
            return translation.lang, translation.text
        return None

    def settle(self, record: Record) -> None:
        keep_carried_over_names(record)

    def cue(self, record: Record) -> None:
        if record.translation:
            apply_cues(record, "translation", record.translation.lang)


def keep_carried_over_names(record: Record) -> None:
    """In the translation, names carried over from the original win over NER's overlapping
    spans; NER's label there is the target-language model's reading of the name, kept as the
    carried mention's label (evidence for linking: the French model may read a one-word stage
    name as a place where the English one reads a person). A name NER finds only in the
    translation is kept when the original writes it too (a name the source model missed);
    otherwise the translation made it, and it names nothing of the original."""
    shared = mentions.of_text(record)
    translated = [e for e in record.entities if e.field == "translation"]
    carried = [e for e in translated if mentions.is_carried(e, shared)]
    found = [e for e in translated if not mentions.is_carried(e, shared)]
    covered: set[int] = set()
    cued = {  # a role noun in the original sentence outranks the target model's reading
        e.mention
        for e in record.entities
        if e.field == "text" and cue_before(record.text, e.start, record.lang) is not None
    }
    unread = "entities_skipped" in record.meta  # no model read the original: names guessed
    sources = {e.mention: e for e in record.entities if e.field == "text"}
    for name in carried:
        overlapping = [e for e in found if e.start < name.end and name.start < e.end]
        if overlapping and active().on("translation_label") and name.mention not in cued:
            name.label = max(overlapping, key=lambda e: (e.end - e.start, -e.start)).label
        covered.update(id(e) for e in overlapping)
        if unread:  # a guess (`rendered.guessed_places`) stays a name only as the model reads one
            source = sources[name.mention]
            if overlapping:
                source.label = max(overlapping, key=lambda e: (e.end - e.start, -e.start)).label
                name.label = source.label
            else:
                covered.update((id(name), id(source)))
    for e in found:  # a "name" the translation made ("Eugénie Extended", "Belgian" for belge)
        if not any(occurrences(record.text, e.text)):
            covered.add(id(e))
    record.entities = [e for e in record.entities if id(e) not in covered]


ROLES: tuple[FieldRole, ...] = (TextRole(), TranslationRole())  # in the order the steps run


def roles_for(fields: Sequence[str]) -> tuple[FieldRole, ...]:
    """The roles of `fields`, text first whatever their order (as the steps run)."""
    return tuple(role for role in ROLES if role.field in fields)
