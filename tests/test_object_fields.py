"""Objects read whole, by class (issue #29): a short text beside a large field of any JSON
type, at any position, is read with its id and the field kept; a text field given as null,
blank or missing falls back alike (--text-field a,b); a document renamed `SOURCE:DOC`
never takes a name the file writes itself; standard input is JSONL exactly when its first
line, decoded, is an object."""

from __future__ import annotations

import codecs
import itertools
import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader
from pipeline.io.stdin import kind_of

LIMIT = 1000  # a line over 12 x 1,000 + 1 MB was refused before
BIG = 2 << 20


def big_value(kind: str) -> object:
    return {
        "string": "y" * BIG,
        "ints": list(range(BIG // 7)),
        "floats": [0.5] * (BIG // 4),
        "object": {f"k{i}": i for i in range(BIG // 12)},
        "nested": [[i, [str(i)]] for i in range(BIG // 14)],
        "escaped": "\u00e9\u4e2d" * (BIG // 12),  # 12 bytes per pair with ensure_ascii
    }[kind]


@pytest.mark.parametrize(
    ("kind", "place"),
    list(itertools.product(["string", "ints", "floats", "object", "nested", "escaped"],
                           ["before", "after", "between"])),
)  # fmt: skip
def test_a_short_text_beside_a_large_field_is_read(tmp_path: Path, kind: str, place: str) -> None:
    value = big_value(kind)
    order = {"before": ["big", "id", "text"], "after": ["id", "text", "big"],
             "between": ["id", "big", "text"]}[place]  # fmt: skip
    fields = {"id": "rec-7", "text": "A short text.", "big": value}
    path = tmp_path / "wide.jsonl"
    line = json.dumps({k: fields[k] for k in order})
    path.write_text(line + "\n" + json.dumps({"id": "next", "text": "Next."}) + "\n", "utf-8")
    first, second = Reader(max_chars=LIMIT)([path])
    assert (first.id, first.text, first.error) == ("rec-7", "A short text.", None)
    assert first.meta["big"] == value
    assert (second.id, second.text) == ("next", "Next.")


MISSING = {"null": None, "empty": "", "blank": "  \t"}


@pytest.mark.parametrize(("first", "then"), list(itertools.product(sorted(MISSING), ["ok", None])))
def test_null_and_blank_text_fields_fall_back_alike(
    tmp_path: Path, first: str, then: str | None
) -> None:
    obj: dict[str, object] = {"id": "a", "review": MISSING[first]}
    if then:
        obj["text"] = "Fallback words."
    path = tmp_path / "tf.jsonl"
    absent = {"id": "a", "text": "Fallback words."} if then else {"id": "a"}
    path.write_text(json.dumps(obj) + "\n" + json.dumps(absent) + "\n", "utf-8")
    one, two = Reader(text_field=["review", "text"])([path])
    assert (one.error is None) == (two.error is None) == bool(then)
    if then:
        assert one.text == two.text == "Fallback words."


NAMES = ["notes", "recs.jsonl:notes", "recs.jsonl:recs.jsonl:notes", "other", "recs"]


@pytest.mark.parametrize("order", list(itertools.permutations(NAMES, 3)))
def test_a_renamed_document_never_takes_another_document_s_name(
    tmp_path: Path, order: tuple[str, ...]
) -> None:
    (tmp_path / "notes.txt").write_text("A text file of its own.\n", "utf-8")
    lines = [json.dumps({"id": f"r{i}", "doc_id": d, "text": f"Text {i}."})
             for i, d in enumerate(order)]  # fmt: skip
    (tmp_path / "recs.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    records = [r for r in Reader()([tmp_path]) if r.source == "recs.jsonl"]
    docs = [r.doc_id for r in records]
    assert len(set(docs)) == len(set(order))  # one document per name written, no merge
    assert "notes" not in docs  # the text file's document


TEXTS = ["{Draft} notes.\n\nMore.\n", "{ not json }\n", '"a string"\n', "plain\n",
         '{"unclosed": \n', "\n\n{Draft}\n"]  # fmt: skip
OBJECTS = ['{"id":"a","text":"x"}\n', '  {"text": "y"}\r\n', '\n\n{"text":"z"}\n',
           '\x00\x00{"text":"w"}\n', '{}\n']  # fmt: skip
DOCUMENTS = ["[1, 2]\n", '[\n  {"text": "v"}\n]\n', '{\n  "text": "u"\n}\n']  # (a JSON document)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"]


@pytest.mark.parametrize(
    ("text", "encoding"), list(itertools.product(TEXTS + OBJECTS + DOCUMENTS, ENCODINGS))
)
def test_stdin_is_jsonl_when_its_first_line_is_an_object(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    # (a NUL after UTF-16's BOM reads as UTF-32's; 6 bytes tell no byte order: the file
    # reader decides alike, `encoding.file_layout`)
    wide = encoding.startswith(("utf-16", "utf-32"))
    if wide and ("\x00" in text or (len(data) < 8 and encoding not in ("utf-16", "utf-32"))):
        pytest.skip("undecidable bytes")
    expected = "jsonl" if text in OBJECTS else "json" if text in DOCUMENTS else "txt"
    assert kind_of(data, complete=True) == expected
    assert kind_of(codecs.BOM_UTF8 + text.encode() if encoding == "utf-8-sig" else data,
                   complete=True) == expected  # fmt: skip


def test_stdin_an_object_longer_than_the_head() -> None:
    line = json.dumps({"text": "x" * 100_000}) + "\n"
    assert kind_of(line.encode()[:65536]) == "jsonl"
    assert kind_of(("{" + "x" * 100_000).encode()[:65536]) == "txt"


SEPARATORS = ["", " ", "\ufeff", "\x00", "\t", "\x1a"]


@pytest.mark.parametrize(
    ("count", "separator", "ids"), list(itertools.product([2, 3, 5], SEPARATORS, [True, False]))
)
def test_values_joined_on_one_line_are_each_read(
    tmp_path: Path, count: int, separator: str, ids: bool
) -> None:
    """Files joined end to end when the first lacks its final newline: each value a record,
    at its own byte offset. (Four NULs inside lines of a file this small make it binary,
    `padding.is_binary`: NUL joins are tried up to three values.)"""
    if separator == "\x00" and count > 3:
        pytest.skip("a binary file")
    objs = [{"text": f"Joined text {k}."} | ({"id": f"j{k}"} if ids else {}) for k in range(count)]
    line = separator.join(json.dumps(o, ensure_ascii=False) for o in objs)
    path = tmp_path / "joined.jsonl"
    data = (json.dumps({"id": "first", "text": "First."}) + "\n" + line + "\n").encode()
    path.write_bytes(data)
    records = list(Reader()([path]))
    assert [r.text for r in records] == ["First."] + [o["text"] for o in objs]
    assert all(r.error is None for r in records)
    for record in records:
        assert data[record.location.byte :].startswith(b"{")


# numbers a double holds as written (kept as numbers) and ones it cannot (kept as literals)
HELD = ["0.1", "2.50", "1e2", "-0.0", "1.5e300", "0.30000001192092896", "12345678901234.5",
        "-1.25E-3", "5e-324"]  # fmt: skip
NOT_HELD = ["1e-400", "-1e-400", "123456789012345678901234567890.5",
            "0.1000000000000000055511151231257827", "1.00000000000000001", "9007199254740993.0",
            "2.5e-330"]  # fmt: skip


@pytest.mark.parametrize("literal", HELD + NOT_HELD)
def test_a_number_a_double_cannot_hold_is_kept_as_written(tmp_path: Path, literal: str) -> None:
    path = tmp_path / "num.jsonl"
    path.write_text(f'{{"id": "a", "text": "Some words.", "n": {literal}}}\n', "utf-8")
    warnings: list[dict] = []
    (record,) = Reader()([path], warnings.append)
    if literal in HELD:
        assert record.meta["n"] == float(literal) and not warnings
    else:
        assert record.meta["n"] == literal
        assert [w["code"] for w in warnings] == ["W006"]


@pytest.mark.parametrize("named_first", [True, False])
def test_a_hidden_file_named_as_an_input_is_not_warned_as_skipped(
    tmp_path: Path, named_first: bool
) -> None:
    from pipeline.io.discover import discover

    folder = tmp_path / "hd"
    folder.mkdir()
    (folder / "v.txt").write_text("Visible words.\n", "utf-8")
    (folder / ".h.txt").write_text("Hidden words.\n", "utf-8")
    (folder / ".other.txt").write_text("Other hidden words.\n", "utf-8")
    inputs = [folder / ".h.txt", folder] if named_first else [folder, folder / ".h.txt"]
    found = discover(inputs, False)
    assert sorted(f.path.name for f in found.files) == [".h.txt", "v.txt"]
    assert [p.name for p in found.skipped_hidden] == [".other.txt"]


@pytest.mark.parametrize("where", ["after a comma", "after a colon", "before a brace", "twice"])
@pytest.mark.parametrize("lines", [1, 3])
def test_a_bare_cr_inside_a_jsonl_line_is_whitespace(
    tmp_path: Path, where: str, lines: int
) -> None:
    """JSON Lines end at LF; a bare CR between tokens is JSON's whitespace (RFC 8259)."""
    line = {
        "after a comma": '{"id":"a",\r"text":"CR words."}',
        "after a colon": '{"id":"a","text":\r"CR words."}',
        "before a brace": '{"id":"a","text":"CR words."\r}',
        "twice": '{"id":\r"a",\r"text":"CR words."}',
    }[where]
    rest = [json.dumps({"id": f"n{i}", "text": f"Next {i}."}) for i in range(lines)]
    path = tmp_path / "cr.jsonl"
    path.write_bytes(("\n".join([line, *rest]) + "\n").encode())
    records = list(Reader()([path]))
    assert [(r.id, r.error) for r in records] == [("a", None)] + [
        (f"n{i}", None) for i in range(lines)
    ]
    assert [r.location.line for r in records] == list(range(1, lines + 2))


def test_a_file_of_cr_line_ends_is_still_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "cr.jsonl"
    path.write_bytes(
        b"".join(json.dumps({"id": f"c{i}", "text": "t"}).encode() + b"\r" for i in range(5))
    )
    assert [r.id for r in Reader()([path])] == [f"c{i}" for i in range(5)]
