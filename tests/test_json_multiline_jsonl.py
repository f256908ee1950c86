"""A `.jsonl` file of objects over several lines (jq's default output, `json.dumps(indent=2)`
per object or of an array) and RFC 7464 JSON text sequences (RS before each text): each
object one record, as the `.json` reader reads the same bytes (hostile42 H3). Before: one
E003 per line, no record; the `.json` reader added an E003 per RS."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.discover import discover
from pipeline.io.readers import Reader
from pipeline.io.readers.base import ReadSettings
from pipeline.shards import split_points, splitter_of

WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
OBJECT = st.fixed_dictionaries(
    {"text": WORDS.filter(lambda t: t.strip() and unicodedata.is_normalized("NFC", t))},
    optional={"meta": st.dictionaries(st.sampled_from("abc"), st.one_of(st.integers(), WORDS,
              st.lists(st.dictionaries(st.sampled_from("xy"), st.integers()), max_size=2)))},
)  # fmt: skip


def shaped(objects: list[dict], shape: str, indent: int | str, crlf: bool) -> str:
    """The objects written as a pretty printer, an RS sequence or a mix writes them."""

    def pretty(o: dict) -> str:
        return json.dumps(o, indent=indent, ensure_ascii=False)

    if shape == "pretty":
        text = "\n".join(pretty(o) for o in objects) + "\n"
    elif shape == "array":
        text = json.dumps(objects, indent=indent, ensure_ascii=False) + "\n"
    elif shape == "rs":
        text = "".join("\x1e" + json.dumps(o, ensure_ascii=False) + "\n" for o in objects)
    elif shape == "rs-pretty":
        text = "".join("\x1e" + pretty(o) + "\n" for o in objects)
    else:  # mixed: compact lines and pretty objects
        text = "".join(
            (pretty(o) if i % 2 else json.dumps(o, ensure_ascii=False)) + "\n"
            for i, o in enumerate(objects)
        )
    return text.replace("\n", "\r\n") if crlf else text


SHAPES = st.sampled_from(["pretty", "array", "rs", "rs-pretty", "mixed"])


def read(path: Path) -> list:
    return list(Reader()([path]))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(OBJECT, min_size=1, max_size=5), SHAPES, st.sampled_from([2, 4, "\t"]),
    st.booleans(), st.sampled_from([".jsonl", ".json"]),
)  # fmt: skip
def test_every_object_is_one_record(tmp_path_factory, objects, shape, indent, crlf, suffix):
    path = tmp_path_factory.mktemp("ml") / f"x{suffix}"
    path.write_bytes(shaped(objects, shape, indent, crlf).encode())
    records = read(path)
    assert [r.error for r in records] == [None] * len(objects)
    assert [r.text for r in records] == [o["text"] for o in objects]


@settings(max_examples=20, deadline=None)
@given(st.lists(OBJECT, min_size=3, max_size=12), SHAPES, st.integers(40, 400))
def test_cut_between_objects_only(tmp_path_factory, objects, shape, every):
    """Shards of a `.jsonl` file are cut where no object over several lines is open: the
    parts read alone give what the whole file gives."""
    path = tmp_path_factory.mktemp("cut") / "x.jsonl"
    path.write_bytes(shaped(objects, shape, 2, False).encode())
    file = discover([path]).files[0]
    splitter = splitter_of(file, ReadSettings())
    assert splitter is not None
    reader = Reader()
    parts = split_points(file, every, splitter)
    texts = [r.text for part in parts for r in reader.read_part(part) if r.error is None]
    assert texts == [o["text"] for o in objects]


def test_damaged_object_fails_alone(tmp_path):
    """A pretty object that lost its closing brace fails alone; the next is read."""
    first = json.dumps({"id": "a", "text": "one"}, indent=2)[:-1]  # no closing `}`
    rest = json.dumps({"id": "b", "text": "two"}, indent=2)
    path = tmp_path / "x.jsonl"
    path.write_text(f"{first}\n{rest}\n{{\n" + '{"id": "c", "text": "three"}\n')
    records = read(path)
    assert [r.error.code if r.error else r.text for r in records] == [
        "E003", "two", "E003", "three"]  # fmt: skip


def test_rs_cuts_a_text_short(tmp_path):
    """RFC 7464: an RS before a text closed means the one open was cut; it fails alone."""
    path = tmp_path / "x.json"
    path.write_text('\x1e{"id": "a", "text": "one",\n\x1e{"id": "b", "text": "two"}\n')
    records = read(path)
    assert [r.error.code if r.error else r.text for r in records] == ["E003", "two"]
