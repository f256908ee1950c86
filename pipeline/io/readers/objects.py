"""Records from objects: a JSONL line, a CSV/TSV row or a Parquet row, once it is a dict.

The text field becomes the record's text (NFC), the id field its id, `doc_id` its document;
every other field is kept in `meta` under its own name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from pipeline.errors import Code, Warn
from pipeline.io import jsonvalues
from pipeline.io.discover import InputFile
from pipeline.io.readers.base import (
    Fields,
    WarningSink,
    failed,
    field_path,
    ignore_warning,
    nfc,
)
from pipeline.record import INPUT_PREFIX, PIPELINE_META, Location, Record


def report_repairs(
    repairs: Sequence[jsonvalues.Repair],
    warn: WarningSink,
    source: str,
    line: int | None,
    byte: int | None,
) -> None:
    surrogates = 0
    for repair in repairs:
        if repair.written == "U+FFFD":
            surrogates += int(repair.found.split()[0])
        elif repair.found == jsonvalues.REPEATED_KEY:
            kept = f" (an earlier value kept as {repair.written!r})"
            warn(Warn.REPEATED_KEY.entry(source, line, byte, key=repair.path, kept=kept))
        else:
            warn(Warn.NOT_JSON_VALUE.entry(source, line, byte, path=repair.path,
                                           found=repair.found, written=repair.written))  # fmt: skip
    if surrogates:
        warn(Warn.INVALID_UNICODE.entry(source, line, byte, count=surrogates))


def names_of(obj: dict[str, Any], most: int = 10) -> str:
    """The fields or columns a record has, for a message: the first `most`, each shortened."""
    names = [repr(k if len(k) <= 40 else k[:39] + "…") for k in list(obj)[:most]]
    more = f" and {len(obj) - most} more" if len(obj) > most else ""
    return f"fields {', '.join(names)}{more}" if names else "no fields"


def from_object(
    file: InputFile,
    number: int,
    byte: int | None,
    obj: dict[str, Any],
    line: str,
    fields: Fields,
    warn: WarningSink = ignore_warning,
) -> Record:
    """The record of one object, or a failed record saying which field is missing (with the
    id and document the object gives, as the record would have had them).

    The text is NFC-normalised (offsets in the corpus are offsets into it). A field name may
    be a dotted path into nested objects (`Fields`, `field_path`). Every other field is kept
    in `meta` under its own name (a nested text or id taken out of its object), the id and
    `doc_id` too when they are not used as given (any JSON scalar is used as written, a
    string: `17`, `2.50`, `true`; null is no id); a field named like one the pipeline writes
    in `meta` (`PIPELINE_META`) is kept as `input.NAME`, with a warning. Keys are read in NFC
    (`nfc_keys`), as the names asked for are (`Fields`)."""
    obj = nfc_keys(obj, warn, file.source, number, byte)
    text_field = Fields.first(fields.text, obj)
    id_field = Fields.first(fields.id, obj)
    text_path = field_path(obj, text_field)
    text = text_path[-1][1] if text_path else None
    if not isinstance(text, str) or not text.strip():
        return no_text(file, number, byte, obj, line, fields, text_field, text_path)
    id_path = field_path(obj, id_field)
    given_id = jsonvalues.scalar_text(id_path[-1][1]) if id_path else None
    record_id = given_id or f"{file.doc_id}:{number}"
    doc_id = jsonvalues.scalar_text(obj.get("doc_id")) or record_id
    doc_id = own_document(file, doc_id)
    used = [[key for key, _ in text_path or ()]]
    if id_path and written_as(id_path[-1][1], record_id):
        used.append([key for key, _ in id_path])
    if written_as(obj.get("doc_id"), doc_id):
        used.append(["doc_id"])
    meta = meta_of(file, number, byte, obj, used, warn)
    return Record(
        id=record_id,
        doc_id=doc_id,
        source=file.source,
        seq=0,
        text=unicodedata.normalize("NFC", text),
        meta=meta,
        location=Location(file.source, number, byte),
    )


def no_text(
    file: InputFile,
    number: int,
    byte: int | None,
    obj: dict[str, Any],
    line: str,
    fields: Fields,
    text_field: str,
    text_path: list[tuple[str, Any]] | None,
) -> Record:
    """The failed record of an object whose text field is missing (no `text_path`: it names
    the keys it has) or is no non-empty string, with the id and document it gives."""
    if text_path is not None:
        text = text_path[-1][1] if text_path else None
        problem, field = f"not a non-empty string ({type(text).__name__})", repr(text_field)
    else:
        problem = f"missing; this record has {names_of(obj)} (--text-field NAME reads another)"
        field = Fields.shown(fields.text)
    record = failed(file, Code.MISSING_TEXT, number, line, byte, field=field, problem=problem)
    return named(record, file, obj, fields)


def meta_of(
    file: InputFile,
    number: int,
    byte: int | None,
    obj: dict[str, Any],
    used: list[list[str]],
    warn: WarningSink,
) -> dict[str, Any]:
    """Every field of `obj` but those `used` (the text, an id and document used as given),
    under its own name; one named like a field the pipeline writes as `input.NAME`, with a
    warning; and the line."""
    meta: dict[str, Any] = {}
    for key, value in without(obj, used).items():
        name = key
        if key in PIPELINE_META:
            name = INPUT_PREFIX + key
            while name in obj or name in meta:
                name = INPUT_PREFIX + name
            why = f"the pipeline writes meta[{key!r}]"
            warn(Warn.FIELD_RENAMED.entry(file.source, number, byte, original=key,
                                          renamed=name, why=why))  # fmt: skip
        meta[name] = value
    meta["line"] = number
    return meta


def named(record: Record, file: InputFile, obj: Any, fields: Fields) -> Record:
    """A failed record of `obj` with the id and document the object gives (as it would have
    had them read): a failure was named by its line alone (`FILE:L3`), the id the user
    searches for in no output. Without a given id it keeps the line's name."""
    if not isinstance(obj, dict):
        return record
    id_path = field_path(obj, Fields.first(fields.id, obj))
    given_id = jsonvalues.scalar_text(id_path[-1][1]) if id_path else None
    given_doc = jsonvalues.scalar_text(obj.get("doc_id"))
    if given_id is not None:
        record.id = given_id
    if given_doc is not None or given_id is not None:
        record.doc_id = own_document(file, given_doc or record.id)
    return record


def without(obj: dict[str, Any], paths: list[list[str]]) -> dict[str, Any]:
    """The object without the values at `paths` (keys from the top), the objects holding
    them copied, never changed; an object left empty by it goes too (it held only the text)."""
    if not any(len(path) > 1 for path in paths):
        return {key: value for key, value in obj.items() if [key] not in paths}
    out = dict(obj)
    for path in paths:
        if len(path) == 1:
            out.pop(path[0], None)
            continue
        inner = out.get(path[0])
        if isinstance(inner, dict):
            rest = without(inner, [path[1:]])
            if rest:
                out[path[0]] = rest
            else:
                del out[path[0]]
    return out


def nfc_keys(
    obj: dict[str, Any], warn: WarningSink, source: str, line: int | None, byte: int | None
) -> dict[str, Any]:
    """The object with its keys in NFC, as CSV headers are read (`table.header`): a key
    written decomposed (NFD: macOS tools, some exports) never matched `--text-field` typed
    composed, and every record of the file failed E005 naming two fields that look the same.
    Two keys that become one are both kept, the second renamed `KEY.1` (W007): JSON reads
    them as two keys, not one repeated (whose last value is the key's, `jsonvalues`)."""
    if all(key.isascii() for key in obj):
        return obj  # (the common case: nothing to normalise, no copy)
    pairs = [(nfc(key), value) for key, value in obj.items()]
    named = jsonvalues.unique_names(pairs)
    for key, _ in named:
        if isinstance(key, jsonvalues.Renamed):
            why = "two keys are the same name in NFC"
            warn(Warn.FIELD_RENAMED.entry(source, line, byte, original=key.original,
                                          renamed=str(key), why=why))  # fmt: skip
    return {str(key): value for key, value in named}


def own_document(file: InputFile, doc_id: str) -> str:
    """The name of a document this file's records give: as written, unless another input file
    is that document (`notes` beside `notes.txt`; compared in NFC), then `SOURCE:DOC`. A name
    written as `SOURCE:…` is qualified too, so that no renamed document takes the name of one
    the file writes itself (`notes` and `recs.jsonl:notes` in `recs.jsonl` were merged): the
    renaming is one-to-one, whatever order the records come in."""
    prefix, name = f"{file.source}:", nfc(doc_id)
    if name == nfc(file.doc_id) or (
        name not in file.documents and not name.startswith(nfc(prefix))
    ):
        return doc_id
    qualified = prefix + doc_id
    # a file named like the qualified name (`a.jsonl:b.txt`)
    while nfc(qualified) in file.documents:
        qualified = prefix + qualified
    return qualified


def written_as(value: Any, used: str) -> bool:
    """Whether `used` says all `value` said (it need not be kept in meta): a number or
    boolean as its literal, a string unchanged."""
    if isinstance(value, str):
        return value == used
    return value is not None and jsonvalues.scalar_text(value) == used
