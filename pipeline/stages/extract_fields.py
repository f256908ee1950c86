"""What `Extract` does for each field it reads, decided once when the stage is built: the
text (its language's model, the document's evidence, "no model" noted) or the translation
(the target language's model, the names carried over from the text kept). The stage runs
the same steps for any fields; each field's part of a step is here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline import mentions
from pipeline.entities import (
    Taken,
    apply_cues,
    clitic_verb,
    complete_document,
    cue_before,
    cut_at_person,
    exclaimed_opening,
    has_capital,
    known_names,
    not_a_name,
    occurrences,
    split_joined,
)
from pipeline.evidence import (
    article_titles,
    business_signs,
    capitals_titles,
    drop_leading_prepositions,
    drop_possessives,
    in_capitals_title,
    join_company_heads,
    relabel_companies,
    relabel_coordinated,
    relabel_cued,
    relabel_people,
    relabel_seated,
    relabel_titled,
    relabel_work_titles,
    speaking_names,
    split_titles,
)
from pipeline.opening_words import opening_words
from pipeline.record import UNDETERMINED, Entity, EntityField, Record
from pipeline.rules import active
from pipeline.screenplay import screenplay
from pipeline.speakers import drop_letter_tags, drop_tags


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
        if rules.on("person_phrase"):
            for records in documents:
                cut_at_person(records)
        if rules.on("speaking_names"):
            for records in documents:
                speaking_names(records)
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
            if rules.on("possessive"):
                drop_possessives(records)
            if rules.on("opening_words"):
                opening_words(records)
            if rules.on("speaker_tags"):
                drop_tags(records)
            if rules.on("letter_tags"):
                drop_letter_tags(records)
            if rules.on("screenplay"):
                screenplay(records)
            if rules.on("caps_title"):
                capitals_titles(records)
            if rules.on("split_title"):
                split_titles(records)
            if rules.on("article_title"):
                article_titles(records)
            if rules.on("company_heads"):
                join_company_heads(records)
            if rules.on("work_title"):
                relabel_work_titles(records)
            if rules.on("person_evidence"):
                relabel_people(records)
            if rules.on("titled_person"):
                relabel_titled(records)
            if rules.on("cue_in_document"):
                relabel_cued(records)
            if rules.on("business_evidence"):
                relabel_companies(records)
            if rules.on("seat_apposition"):
                relabel_seated(records)
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

    def relabel(self, documents: list[list[Record]]) -> None:
        rules = active()
        for records in documents:  # a tag or cue's extension found only in the translation,
            if rules.on("speaker_tags"):  # lifted to the original
                drop_tags(records)
            if rules.on("business_evidence") and rules.on("business_any_reading"):
                relabel_companies(records)  # names lifted from the translation's reading
            if rules.on("letter_tags"):
                drop_letter_tags(records)
            if rules.on("screenplay"):
                screenplay(records)


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
    business = active().on("business_evidence")
    cued = {  # a role noun in the original sentence outranks the target model's reading, and
        # so do the business nouns that speak of it (`business_signs`)
        e.mention
        for e in record.entities
        if e.field == "text"
        and (
            cue_before(record.text, e.start, record.lang) is not None
            or (active().on("caps_title") and in_capitals_title(record, e))
            or (
                business
                and e.label == "ORG"  # as `relabel_companies` left it
                and " " not in e.text
                and business_signs(record.text, e.start, e.end, record.lang)
            )
        )
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
    title = active().on("caps_title") and any(
        in_capitals_title(record, e) for e in record.entities if e.field == "text"
    )
    kept = []
    for e in found:  # a "name" the translation made ("Eugénie Extended", "Belgian" for belge)
        written = any(
            written_as_name(record, s, end) for s, end in occurrences(record.text, e.text)
        )
        if title or not written:
            covered.add(id(e))  # (a title line in capitals is one name: none of its pieces)
        elif id(e) not in covered:
            kept.append(e)
    record.entities = [e for e in record.entities if id(e) not in covered]
    if active().on("person_phrase"):
        kept = [e for e in kept if not cut_to_translated_person(record, e)]
    if active().on("lifted_names"):
        lift_to_original(record, kept)


def cut_to_translated_person(record: Record, name: Entity) -> bool:
    """Whether a one-word name the target model finds alone in the translation opens a
    mention of the original that is not a person's, lower-case words after it ("Aurore
    descendit au port" MISC, "Aurore" alone in "Aurore went down to the port"): the source
    model ran over the verb phrase; that mention is cut to the name, with the target model's
    label, and the translation's reading tied to it."""
    if " " in name.text:
        return False
    for e in record.entities:
        if e.field != "text" or e.label == "PERSON" or not e.text.startswith(name.text + " "):
            continue
        rest = e.text[len(name.text) + 1 :]
        if rest[:1].islower() and not has_capital(rest):
            e.text, e.end, e.label = name.text, e.start + len(name.text), name.label
            mentions.tie(name, e)
            return True
    return False


def lift_to_original(record: Record, found: Sequence[Entity]) -> None:
    """A name NER finds only in the translation, that the original writes as it is, is a
    mention of the original too (the source model missed it: "— Nora ? Tu viens ?"), tied by
    order: the n-th such name of the translation to the n-th free occurrence in the original
    that no mention of it covers. Same mention id in both fields, so the name is counted once
    and named as the original writes it."""
    if "entities_skipped" in record.meta:
        return  # no model read the original: its names are the translation's alone
    taken = Taken((e.start, e.end) for e in record.entities if e.field == "text")
    by_text: dict[str, list[Entity]] = {}
    for e in sorted(found, key=lambda e: (e.start, e.end)):
        by_text.setdefault(e.text, []).append(e)
    for text, names in sorted(by_text.items()):
        spots = [
            (start, end)
            for start, end in occurrences(record.text, text)
            if written_as_name(record, start, end) and not taken.overlaps(start, end)
        ]
        for name, (start, end) in zip(names, spots, strict=False):
            if taken.overlaps(start, end):  # two spots of one name overlap ("Ana Ana")
                continue
            record.entities.append(mentions.lifted(record, name, start, end))
            taken.add(start, end)


def written_as_name(record: Record, start: int, end: int) -> bool:
    """Whether the original's words at `start:end` may be a name: not what the original's own
    rules say is none there (an interjection opening an address, "— Bonsoir, X", that the
    engine left as it was and the target model reads as a place; rule not_names)."""
    rules = active()
    if rules.on("clitic_imperatives") and clitic_verb(record.text, start, end, record.lang):
        return False  # "— Taisez-vous !": the English model read "Taisez" left as it was
    if rules.on("exclaimed_words") and exclaimed_opening(record.text, start, end):
        return False  # "— Bah !", "— Silence !": the English model read the word left as it was
    return not (rules.on("not_names") and not_a_name(record.text, start, end, record.lang))


ROLES: tuple[FieldRole, ...] = (TextRole(), TranslationRole())  # in the order the steps run


def roles_for(fields: Sequence[str]) -> tuple[FieldRole, ...]:
    """The roles of `fields`, text first whatever their order (as the steps run)."""
    return tuple(role for role in ROLES if role.field in fields)
