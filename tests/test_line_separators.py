"""What str.splitlines treats as a line end but the formats do not (U+2028, U+2029, NEL, VT, FF,
FS, GS, RS): text inside a record in every reader and container, never a row or record
boundary, never lost. Delimited, JSONL, text lines and Markdown keep the character as written
(CommonMark reads none of them as a line end or as markup; Markdown collapsed them to a space
while the same paragraph in a `.txt` kept them: hostile41 F17); HTML collapses it as the
whitespace a page shows (one space between the words).

Measured on this branch before the test was written: no reader split a row or a record on any
of them (the line readers split on CR, LF and CRLF only: `pipeline.io.encoding`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.io.readers import Reader

SEPARATORS = {
    "LS": "\u2028", "PS": "\u2029", "NEL": "\x85", "VT": "\x0b", "FF": "\x0c",
    "FS": "\x1c", "GS": "\x1d", "RS": "\x1e",
}  # fmt: skip
KEPT = "kept"
SPACE = "space"


def containers(text: str) -> dict[str, tuple[str, str, str]]:
    """name -> (file name, content, what the record's text holds: `KEPT` or `SPACE`)."""
    row = json.dumps({"id": "j1", "text": text}, ensure_ascii=False)
    escaped = json.dumps({"id": "j1", "text": text})  # \\u2028 written as an escape
    return {
        "text line": ("a.txt", f"First line.\n{text}\nLast line.\n", KEPT),
        "csv unquoted cell": ("b.csv", f"id,text\nr1,{text}\nr2,plain\n", KEPT),
        "csv quoted cell": ("c.csv", f'id,text\nr1,"{text}, quoted"\nr2,plain\n', KEPT),
        "csv header": ("d.csv", f"id,text,no{text}te\nr1,{text},x\nr2,plain,y\n", KEPT),
        "tsv cell": ("e.tsv", f"id\ttext\nr1\t{text}\nr2\tplain\n", KEPT),
        "jsonl string": ("f.jsonl", f'{row}\n{{"id": "j2", "text": "plain"}}\n', KEPT),
        "jsonl escaped": ("g.jsonl", f'{escaped}\n{{"id": "j2", "text": "plain"}}\n', KEPT),
        "markdown paragraph": ("h.md", f"# Title\n\n{text}\n\nLast paragraph here.\n", KEPT),
        "markdown wrapped": ("h2.md", f"# Title\n\nFirst words\n{text}\n\nLast one.\n", KEPT),
        "markdown item": ("h3.md", f"# Title\n\n- {text}\n- another item\n", KEPT),
        "markdown cell": ("h4.md", f"| a |\n|---|\n| {text} |\n", KEPT),
        "html paragraph": (
            "i.html",
            f"<html><body><p>{text}</p><p>A second paragraph of the page.</p></body></html>",
            SPACE,
        ),
    }


CASES = [(s, c) for s in SEPARATORS for c in containers("x")]


@pytest.mark.parametrize(("separator", "container"), CASES)
def test_a_line_separator_is_text_in_every_container(
    tmp_path: Path, separator: str, container: str
) -> None:
    sep = SEPARATORS[separator]
    text = f"alpha{sep}beta gamma words"
    name, content, rule = containers(text)[container]
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    records = list(Reader()([path]))
    assert [r.error for r in records if r.error] == []
    holding = [r for r in records if "alpha" in r.text or "beta" in r.text]
    assert len(holding) == 1, [r.text for r in records]  # never split in two records
    expected = text if rule == KEPT else "alpha beta gamma words"
    assert expected in holding[0].text
    if name.endswith((".csv", ".tsv", ".jsonl")):  # no row invented: the file's rows only
        assert len(records) == 2, [r.text for r in records]


def test_the_table_covers_every_separator_and_container() -> None:
    assert {s for s, _ in CASES} == set(SEPARATORS)
    assert len(CASES) == len(SEPARATORS) * len(containers("x"))
    assert all(("a" + s + "b").splitlines() == ["a", "b"] for s in SEPARATORS.values())
