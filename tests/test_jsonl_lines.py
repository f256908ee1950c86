"""JSON Lines as concatenated exports write them, ids as JSON writes numbers, and limits
checked on the text as it is written out.

- Whatever files joined end to end put between lines (each UTF's byte-order mark, NUL
  padding, DOS's Ctrl-Z, blank and CR-only lines), in each encoding a JSONL file may come in:
  every object is one record, nothing fails, nothing is invented.
- Every JSON number literal an id or `doc_id` may be written with is kept as written.
- A text Unicode NFC lengthens (some characters decompose: U+0958 is two, U+FB2C three) is
  measured as written out: no active record of any format is over `--max-chars`.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

# what concatenation puts between two lines (decoded: every encoding's BOM is U+FEFF)
SEPARATORS = {
    "bom": "\ufeff", "nul": "\x00", "ctrl-z": "\x1a", "blank": "\n", "cr": "\r",
    "crlf blank": "\r\n", "spaces": "  \t ", "bom after blank": "\n\ufeff",
    "nul line": "\x00\n", "two boms": "\ufeff\ufeff",
}  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
WIDE_BOM = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}  # a file of these starts with one


def export(n: int, words: str) -> str:
    return json.dumps({"id": f"r{n}", "text": f"{words} number {n}."}, ensure_ascii=False)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    encoding=st.sampled_from(ENCODINGS),
    parts=st.lists(
        st.tuples(st.sampled_from(sorted(SEPARATORS)), st.sampled_from(sorted(SEPARATORS))),
        min_size=1,
        max_size=3,  # a UTF-8 file with 8 NULs in its first 8 kB is binary (`encoding`)
    ),
    words=st.sampled_from(["Plain words", "Mots accentués à Noël", "Słowa żółte"]),
)
def test_concatenated_exports_read_every_object_once(
    tmp_path: Path, encoding: str, parts: list[tuple[str, str]], words: str
) -> None:
    filler = [export(n, "Filler line of an earlier export") for n in range(100, 220)]
    data = (WIDE_BOM.get(encoding, "") + "\n".join(filler) + "\n").encode(encoding)  # 8 kB
    for n, (before, after) in enumerate(parts):  # each part a file of its own, joined
        body = SEPARATORS[before] + export(n, words) + SEPARATORS[after] + "\n"
        data += (WIDE_BOM.get(encoding, "") + body).encode(encoding)
    path = tmp_path / "joined.jsonl"
    path.write_bytes(data)
    records = list(Reader()([path]))
    records = records[len(filler) :]
    assert [(r.id, r.error) for r in records] == [(f"r{n}", None) for n in range(len(parts))]
    assert [r.text for r in records] == [f"{words} number {n}." for n in range(len(parts))]


def json_numbers() -> st.SearchStrategy[str]:
    """Every form RFC 8259 gives a number: sign, integer part, fraction, exponent."""
    digits = st.text("0123456789", min_size=1, max_size=30)
    integer = st.one_of(st.just("0"), st.builds(lambda a, b: a + b, st.sampled_from("123456789"),
                                                 st.text("0123456789", max_size=40)))  # fmt: skip
    fraction = st.one_of(st.just(""), digits.map(lambda d: "." + d))
    exponent = st.one_of(
        st.just(""),
        st.builds(lambda e, s, d: e + s + d, st.sampled_from("eE"), st.sampled_from(["", "+", "-"]),
                  st.text("0123456789", min_size=1, max_size=4)),
    )  # fmt: skip
    sign = st.sampled_from(["", "-"])
    return st.builds(lambda s, i, f, e: s + i + f + e, sign, integer, fraction, exponent)


LITERALS = ["-0", "0", "-0.0", "1e5", "1E+05", "1e-5", "1.0", "0.10", "-0e0", "1E400",
            "9" * 5000, "-" + "9" * 30, "123456789012345678901234567890"]  # fmt: skip


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(literal=st.one_of(st.sampled_from(LITERALS), json_numbers()), field=st.sampled_from(
    ["id", "doc_id"]))  # fmt: skip
def test_a_number_id_keeps_its_literal(tmp_path: Path, literal: str, field: str) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_text(f'{{"{field}": {literal}, "text": "A line of prose."}}\n', encoding="utf-8")
    (record,) = list(Reader()([path]))
    assert record.error is None
    assert (record.id if field == "id" else record.doc_id) == literal


LENGTHENED = [chr(c) for c in range(sys.maxunicode + 1)
              if not 0xD800 <= c <= 0xDFFF and len(unicodedata.normalize("NFC", chr(c))) > 1]  # fmt: skip
LIMIT = 40
FORMATS = {
    ".jsonl": lambda text: json.dumps({"id": "x", "text": text}) + "\n",
    ".txt": lambda text: text + "\n",
    ".md": lambda text: f"# Title\n\n{text}\n",
    ".html": lambda text: f"<html><body><h1>Title</h1><p>{text}</p></body></html>",
    ".csv": lambda text: f"id,text\nx,{text}\n",
}


def test_nfc_lengthening_characters_exist() -> None:
    assert len(LENGTHENED) > 10  # the generator below has something to draw from


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    suffix=st.sampled_from(sorted(FORMATS)),
    text=st.text(st.one_of(st.sampled_from(LENGTHENED), st.sampled_from("abc ")),
                 min_size=LIMIT // 3, max_size=LIMIT),
)  # fmt: skip
def test_no_record_is_over_the_limit_as_written_out(tmp_path: Path, suffix: str, text: str) -> None:
    text = "w" + text.replace(",", " ") + "z"
    path = tmp_path / f"page{suffix}"
    path.write_text(FORMATS[suffix](text), encoding="utf-8")
    for record in Reader(max_chars=LIMIT)([path]):
        assert unicodedata.normalize("NFC", record.text) == record.text or not record.active
        if record.active:
            assert len(record.text) <= LIMIT, (suffix, record.text)
