"""A `.json` document that wraps its records in an array under a key (API and Kaggle exports:
`{"data": [...]}`, `{"meta": {...}, "items": [...]}`, `{"data": {"rows": [...]}}`) gives
them as records: `--records-path` names the array, else the document's one array of objects
at its top two levels is read with a W018 naming its path; several are one E005 listing
them (hostile42 H18). Before: one E005 whose text was the whole file, every record lost."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader
from pipeline.io.readers import jsonl as jsonl_module


def nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)  # (the reader reads keys and texts in NFC)


KEYS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
               max_size=8).filter(lambda k: k not in ("text", "id") and "." not in k and nfc(k))  # fmt: skip
TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                max_size=20).filter(lambda t: t.strip() and nfc(t))  # fmt: skip
RECORD = st.builds(lambda t, n: {"id": n, "text": t}, TEXTS, st.integers(0, 10**6))
OTHER = st.one_of(st.integers(), TEXTS, st.lists(st.integers(), max_size=3), st.none(),
                  st.dictionaries(KEYS, st.integers(), max_size=2))  # fmt: skip


@st.composite
def wrapped(draw):
    """(document, path of its records, records): the records at one or two levels down,
    beside other fields (none of them an array of objects) before and after."""
    records = draw(st.lists(RECORD, min_size=1, max_size=6))
    keys = draw(st.lists(KEYS, min_size=1, max_size=2, unique=True))
    inner: object = records
    for key in reversed(keys[1:]):
        inner = {key: inner, **draw(st.dictionaries(KEYS.filter(lambda k, key=key: k != key), OTHER,
                                                    max_size=2))}  # fmt: skip
    before = draw(st.dictionaries(KEYS.filter(lambda k: k != keys[0]), OTHER, max_size=2))
    after = draw(st.dictionaries(KEYS.filter(lambda k: k != keys[0] and k not in before),
                                 OTHER, max_size=2))  # fmt: skip
    document = {**before, keys[0]: inner, **after}
    return document, ".".join(keys), records


def write(tmp_path_factory, document, indent) -> object:
    path = tmp_path_factory.mktemp("w") / "x.json"
    path.write_text(json.dumps(document, indent=indent, ensure_ascii=False), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None)
@given(wrapped(), st.sampled_from([None, 2]), st.booleans())
def test_records_of_the_one_array(tmp_path_factory, shape, indent, named):
    document, path, records = shape
    file = write(tmp_path_factory, document, indent)
    warnings: list = []
    read = list(Reader(records_path=path if named else None)([file], warnings.append))
    assert [(r.error, r.text) for r in read] == [(None, x["text"]) for x in records]
    said = [w for w in warnings if w["code"] == "W018"]
    assert len(said) == (0 if named else 1)
    assert all(repr(path) in w["message"] for w in said)


@settings(max_examples=30, deadline=None)
@given(wrapped(), wrapped(), st.sampled_from([None, 2]))
def test_several_arrays_one_error_naming_them(tmp_path_factory, one, two, indent):
    """Two arrays of objects: which holds the records is not guessed; one E005 lists both
    and the option, and the option reads the one named."""
    (doc1, path1, records1), (doc2, path2, _) = one, two
    first = path1.split(".")[0]
    key2 = "other-" + path2.split(".")[0]
    document = {**doc1, key2: doc2[path2.split(".")[0]]}
    path2 = ".".join([key2, *path2.split(".")[1:]])
    file = write(tmp_path_factory, document, indent)
    read = list(Reader()([file]))
    assert len(read) == 1 and read[0].error is not None and read[0].error.code == "E005"
    assert repr(path1) in read[0].error.message and repr(path2) in read[0].error.message
    assert "--records-path" in read[0].error.message and first in read[0].text
    named = list(Reader(records_path=path1)([file]))
    assert [r.text for r in named] == [x["text"] for x in records1]


@pytest.mark.parametrize(
    "document",
    [
        {"text": "A record with a list of objects.", "entities": [{"name": "x"}]},
        {"id": 1, "text": "A single record.", "meta": {"rows": [{"a": 1}]}},
    ],
)
def test_a_record_stays_a_record(tmp_path, document):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(document))
    read = list(Reader()([path]))
    assert [(r.error, r.text) for r in read] == [(None, document["text"])]


def test_map_of_records_is_one_error_naming_it(tmp_path):
    """A map id -> record is not read (its values are records only by guessing: a record
    of nested objects has the same shape); the E005 says what it is."""
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"r1": {"text": "one"}, "r2": {"text": "two"}}))
    (record,) = Reader()([path])
    assert record.error is not None and record.error.code == "E005"
    assert "map id -> record" in record.error.message


def test_path_named_not_there(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"items": [{"text": "one"}]}))
    (record,) = Reader(records_path="data")([path])
    assert record.error is not None and "no array at 'data'" in record.error.message
    assert "'items'" in record.error.message


def test_streamed_past_the_bound(tmp_path, monkeypatch):
    """The wrapper is never held: a document many times the bound of one value gives each
    record (before: the whole document one E009)."""
    monkeypatch.setattr(jsonl_module, "OBJECT_FIELDS_BYTES", 0)
    records = [{"id": i, "text": f"Record number {i} of the export."} for i in range(200)]
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"meta": {"total": 200}, "data": {"rows": records}}, indent=1))
    assert path.stat().st_size > 10 * 12 * 100
    read = list(Reader(max_chars=100)([path]))
    assert [(r.error, r.text) for r in read] == [(None, x["text"]) for x in records]


@settings(max_examples=30, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=6), st.data())
def test_cut_short_keeps_the_records_before(tmp_path_factory, records, data):
    """A wrapper the file cuts short (a partial download) gives every record closed before
    the cut; the one cut fails alone (before: the whole document one E003)."""
    lines = json.dumps({"meta": {"n": 1}, "data": records}, indent=2, ensure_ascii=False)
    lines = lines.split("\n")
    cut = data.draw(st.integers(6, len(lines) - 1))
    path = tmp_path_factory.mktemp("cut") / "x.json"
    path.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    closed = sum(line in ("    }", "    },") for line in lines[:cut])
    read = list(Reader()([path]))
    assert [r.text for r in read if r.error is None] == [x["text"] for x in records[:closed]]
    assert len(read) - closed <= 1


# values an API dump holds among its records: a deleted item, a stray scalar, a nested list
NON_OBJECTS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        TEXTS, st.lists(st.one_of(st.integers(), RECORD), max_size=2))  # fmt: skip


@st.composite
def mixed_array(draw, mostly: bool):
    """A records array holding values that are not objects at any position: more objects
    than others when `mostly` (what is read without a path), any mix otherwise."""
    records = draw(st.lists(RECORD, min_size=1 if mostly else 0, max_size=5))
    limit = len(records) - 1 if mostly else 4
    others = draw(st.lists(NON_OBJECTS, min_size=0 if mostly else 1, max_size=max(limit, 0)))
    items: list[object] = list(records)
    for other in others:
        items.insert(draw(st.integers(0, len(items))), other)
    return items


def value(record) -> object:
    """A record's text, or the value a failed one holds (its raw JSON, as indented)."""
    return json.loads(record.text) if record.error is not None else record.text


def as_top_level(tmp_path_factory, items) -> list[tuple[str | None, object, int]]:
    """(code, value, byte) of each element, as the same array is read at the top level."""
    path = tmp_path_factory.mktemp("top") / "x.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return [(r.error and r.error.code, value(r), r.location.byte) for r in Reader()([path])]


@settings(max_examples=60, deadline=None)
@given(st.data(), st.sampled_from([None, 2]), st.booleans())
def test_a_records_array_holding_other_values(tmp_path_factory, data, indent, named):
    """`{"data": [{…}, null, {…}]}`: each object a record, each other value one E004 where
    it is, as in a top-level array; without a path when objects are the most of it, with
    `--records-path` whatever it holds (hostile43 H2; before: one E005, every record lost)."""
    document, path, _ = data.draw(wrapped())
    items = data.draw(mixed_array(mostly=not named))
    key, *rest = path.split(".")
    inner = document
    for k in rest:
        inner = inner[key]
        key = k
    inner[key] = items
    file = write(tmp_path_factory, document, indent)
    read = list(Reader(records_path=path if named else None)([file]))
    expected = as_top_level(tmp_path_factory, items)
    assert [(r.error and r.error.code, value(r)) for r in read] == [e[:2] for e in expected]
    assert all(r.error is None or r.error.code == "E004" for r in read)
    if indent is None:  # the same bytes as the array alone, after the wrapper's opening
        raw = file.read_text(encoding="utf-8")
        shift = len(raw[: raw.index(json.dumps(items, ensure_ascii=False))].encode())
        assert [r.location.byte for r in read] == [e[2] + shift for e in expected]
