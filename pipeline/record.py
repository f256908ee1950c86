"""The one data model every stage reads and enriches.

A `Record` is a unit of text (a title, a review, a paragraph) plus what the stages learned about
it. Records serialise to one JSON object per line; `schema/record.schema.json` publishes the
shape. A record that a stage could not process carries a `RecordError` and is routed to
`errors.jsonl` instead of the corpus, so every input record is accounted for.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.io.jsonvalues import scalar_text
from pipeline.redact import redact

UNDETERMINED = "und"
# The `meta` keys the pipeline itself writes. An input field of one of these names is kept
# under INPUT_PREFIX + name (W007), so it is never overwritten, deleted or taken for ours.
PIPELINE_META = frozenset({
    "line", "kind", "section", "author", "year", "fields", "title", "lang_source",
    "lang_reason", "quotes", "untranslated", "fell_back", "format_removed", "entities_skipped",
    "duplicate_of", "near_duplicate_of",
})  # fmt: skip
INPUT_PREFIX = "input."
# `errors.jsonl` and `dropped.jsonl` keep a record's text whole up to this many characters: the
# reader's default `--max-chars` (io/readers.RECORD_MAX_CHARS), so any line a default run could
# have kept as a record is reported whole. Only a longer text (a record refused as too long,
# E009) is cut here, and its entry says so: `"truncated": true` and `text_chars`, the full length.
ENTRY_TEXT_LIMIT = 200_000

EntityField = Literal["text", "translation"]


@dataclass(slots=True)
class Entity:
    """A named-entity mention: `start`/`end` are character offsets into `field` of the record."""

    text: str
    label: str
    start: int
    end: int
    field: EntityField = "text"
    mention: str | None = None  # shared by a name in the text and the same name in the translation
    canonical: str | None = None  # the full name this mention refers to (set by linking)
    entity_id: str | None = None  # stable id of that entity across the corpus (set by linking)
    wikidata: str | None = None  # its Wikidata id, when the knowledge base gives one

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "mention": self.mention,
            "canonical": self.canonical,
            "entity_id": self.entity_id,
            "wikidata": self.wikidata,
        }


@dataclass(slots=True)
class Translation:
    """The record's text in the target language and the engine that produced it."""

    text: str
    lang: str
    engine: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "lang": self.lang, "engine": self.engine}


@dataclass(slots=True)
class Location:
    """Where a record (or a failure) came from in the input, so a person can find it."""

    source: str
    line: int | None = None
    byte: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "byte": self.byte}


@dataclass(slots=True)
class RecordError:
    """Why a record could not be processed: stable `code` (searchable), `stage`, message."""

    stage: str
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "code": self.code, "message": self.message}


GIVEN = "<given>"  # the source of a record made from a string or dict handed to a stage
RECORD_FIELDS = frozenset(
    {
        "id",
        "doc_id",
        "source",
        "seq",
        "text",
        "lang",
        "lang_score",
        "translation",
        "entities",
        "meta",
    }
)


@dataclass(slots=True)
class Record:
    id: str
    doc_id: str
    source: str
    seq: int
    text: str
    lang: str | None = None
    lang_score: float | None = None
    translation: Translation | None = None
    entities: list[Entity] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Not part of the corpus output: where the record came from, why it was dropped as
    # non-content (navigation, ads, headings), or why a stage failed on it.
    location: Location | None = field(default=None, compare=False)
    dropped: str | None = field(default=None, compare=False)
    error: RecordError | None = field(default=None, compare=False)
    # the length of the input `text` is the start of, when a reader kept only its start (a
    # damaged CSV row beside a 64 MB cell): `errors.jsonl` and `dropped.jsonl` say it was cut
    text_chars: int | None = field(default=None, compare=False)

    @property
    def active(self) -> bool:
        """True for content records no stage has failed on: the ones stages should process."""
        return self.error is None and self.dropped is None

    def fail(self, stage: str, code: str, message: str) -> None:
        """Mark the record as failed; later stages skip it and the writer routes it to errors.
        The message is redacted: an engine's error can quote a URL with its key."""
        self.error = RecordError(stage=stage, code=code, message=redact(message))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "source": self.source,
            "seq": self.seq,
            "text": self.text,
            "lang": self.lang,
            "lang_score": self.lang_score,
            "translation": self.translation.to_dict() if self.translation else None,
            "entities": [e.to_dict() for e in self.entities],
            "meta": self.meta,
        }

    def to_json(self) -> str:
        return dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """Rebuild a record from its corpus JSON (inverse of `to_dict`)."""
        translation = data.get("translation")
        return cls(
            id=data["id"],
            doc_id=data["doc_id"],
            source=data["source"],
            seq=data["seq"],
            text=data["text"],
            lang=data.get("lang"),
            lang_score=data.get("lang_score"),
            translation=Translation(**translation) if translation else None,
            entities=[Entity(**e) for e in data.get("entities", [])],
            meta=dict(data.get("meta", {})),
        )

    @classmethod
    def of(cls, item: Record | str | dict[str, Any], number: int, taker: str = "a stage") -> Record:
        """What a user hands a stage, as a record: a record as it is; a string as a one-record
        document (`id` its position); a dict with a string `text`, its fields where a record
        has them (`id`, `doc_id`, `lang`, ...) and the others in `meta`. Anything else is a
        one-line `TypeError` saying what the stage takes."""
        if isinstance(item, Record):
            return item
        if isinstance(item, str):
            name = str(number)
            return cls(id=name, doc_id=name, source=GIVEN, seq=number, text=item)
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            known = {k: v for k, v in item.items() if k in RECORD_FIELDS and k != "meta"}
            meta = {k: v for k, v in item.items() if k not in RECORD_FIELDS}
            if isinstance(item.get("meta"), dict):
                meta.update(item["meta"])
            # an id as its JSON text (`true`, `1.0`), as the readers take one; None is no id
            name = scalar_text(known.get("id")) or str(number)
            doc = scalar_text(known.get("doc_id")) or name
            fields = {"source": GIVEN, "seq": number, **known, "id": name, "doc_id": doc}
            return cls.from_dict({**fields, "meta": meta})
        what = "a dict without a string 'text'" if isinstance(item, dict) else type(item).__name__
        raise TypeError(
            f"{taker} takes records, strings or dicts with a 'text' field; item {number} is {what}"
        )

    def error_entry(self) -> dict[str, Any]:
        """The `errors.jsonl` line for a failed record: where, which stage, why, and the input."""
        assert self.error is not None
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            **(self.location or Location(self.source)).to_dict(),
            **self.error.to_dict(),
            **entry_text(self.text, chars=self.text_chars),
        }

    def dropped_entry(self) -> dict[str, Any]:
        """The `dropped.jsonl` line for a non-content line: where, why, and the line itself."""
        assert self.dropped is not None
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            **(self.location or Location(self.source)).to_dict(),
            "reason": self.dropped,
            **entry_text(self.text, chars=self.text_chars),
        }


def content_record(
    doc_id: str, seq: int, text: str, meta: dict[str, Any], location: Location
) -> Record:
    """A document's `seq`-th record of content, as a reader makes it: its id `DOC:SEQ`."""
    return Record(
        id=f"{doc_id}:{seq}",
        doc_id=doc_id,
        source=location.source,
        seq=seq,
        text=text,
        meta=meta,
        location=location,
    )


def dropped_record(
    doc_id: str, text: str, kind: str, location: Location, reason: str | None = None, nth: int = 1
) -> Record:
    """A line of a document that is no content, as a reader sets it aside: its id `DOC:LLINE`
    (`.N` for the line's `nth` block set aside, from the second), `meta.kind` its kind and
    the reason it was dropped (`reason`, else its kind)."""
    line = location.line
    return Record(
        id=f"{doc_id}:L{line}" + (f".{nth}" if nth > 1 else ""),
        doc_id=doc_id,
        source=location.source,
        seq=-1,
        text=text,
        meta={"kind": kind},
        location=location,
        dropped=reason or kind,
    )


def entry_text(
    text: str, limit: int = ENTRY_TEXT_LIMIT, chars: int | None = None
) -> dict[str, Any]:
    """The text of an error or dropped entry: whole up to `limit` characters; a longer one is
    cut there and says so (`truncated`, and `text_chars` with its full length). `chars` is
    that length when `text` is already only the start of the input (a reader's bound)."""
    full = max(len(text), chars or 0)
    if full <= limit and full == len(text):
        return {"text": text}
    return {"text": text[:limit], "truncated": True, "text_chars": full}


def dumps(obj: Any) -> str:
    """The one JSON encoding used for every output line: compact, UTF-8, stable."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
