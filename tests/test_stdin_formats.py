"""Standard input read as the format its content shows (issue #29, hostile41 F2): what `jq`,
`curl`, `pandas` and `pandoc` pipe in (JSON Lines, with a comment line first or not; a JSON
array pretty or on one line; jq's pretty objects; an HTML page; Markdown) in every UTF the
reader decodes, whole or longer than the head that decides, is spooled under its format, so
its records are the documents' own, never text records of their syntax; text that merely
opens with a bracket stays text; `--stdin-format` names the format the content does not say."""

from __future__ import annotations

import codecs
import io
import itertools
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.app.values import stdin_format_named
from pipeline.cli import app
from pipeline.io.readers import Reader, readable_suffixes
from pipeline.io.stdin import SNIFF_BYTES, is_pipe, kind_of, remove_spools, spool, spool_pipe
from pipeline.run.problems import first_error


def recs(n: int) -> list[dict[str, str]]:
    return [
        {"id": f"r{i}", "text": f"Sentence {i} of a review, [with] {{braces}}."} for i in range(n)
    ]


def content(kind: str, n: int) -> tuple[str, str]:
    """(text, the format it is) for `n` records' worth of a kind of content."""
    rs = recs(n)
    forms: dict[str, Callable[[], tuple[str, str]]] = {
        "jsonl": lambda: ("".join(json.dumps(r) + "\n" for r in rs), "jsonl"),
        "jsonl_comment": lambda: ("# export of today\n" + "".join(json.dumps(r) + "\n" for r in rs), "jsonl"),
        "jsonl_header": lambda: ("id\ttext\n" + "".join(json.dumps(r) + "\n" for r in rs), "jsonl"),
        "array_pretty": lambda: (json.dumps(rs, indent=2), "json"),
        "array_one_line": lambda: (json.dumps(rs) + "\n", "json"),
        "jq_pretty": lambda: ("".join(json.dumps(r, indent=2) + "\n" for r in rs), "json"),
        "jq_tab": lambda: ("".join(json.dumps(r, indent="\t") + "\n" for r in rs), "json"),
        "html": lambda: ("<!DOCTYPE html>\n<html><head><title>T</title></head><body>"
                 + "".join(f"<p>{r['text']}</p>\n" for r in rs) + "</body></html>\n", "html"),
        "html_bare": lambda: ("<div class='post'>\n" + "".join(f"<p>{r['text']}</p>\n" for r in rs)
                      + "</div>\n", "html"),
        "markdown": lambda: ("# A title\n\n" + "".join(f"Some **strong** words and a [link](http://a.b/{i}).\n\n"
                                             for i in range(n)), "md"),
        "text": lambda: ("".join(f"Paragraph {i} of plain prose.\n\n" for i in range(n)), "txt"),
        "text_brackets": lambda: ("[1] A footnote-like start, then prose.\n\n{Draft} more text.\n" * n, "txt"),
        "text_braces": lambda: ("{Draft} notes of a meeting.\n\nMore prose.\n" * n, "txt"),
    }  # fmt: skip
    return forms[kind]()  # (only the kind asked for is built)


KINDS = ["jsonl", "jsonl_comment", "jsonl_header", "array_pretty", "array_one_line", "jq_pretty",
         "jq_tab", "html", "html_bare", "markdown", "text", "text_brackets", "text_braces"]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32"]


@pytest.mark.parametrize(
    ("kind", "encoding", "size"), list(itertools.product(KINDS, ENCODINGS, ["small", "long"]))
)
def test_standard_input_is_read_as_what_it_is(kind: str, encoding: str, size: str) -> None:
    text, expected = content(kind, 3 if size == "small" else 1500)
    data = text.encode(encoding)
    head = data[:SNIFF_BYTES]
    assert kind_of(head, complete=len(data) <= SNIFF_BYTES) == expected


SPOOL_KINDS = ["jsonl_comment", "array_pretty", "array_one_line", "jq_pretty", "jq_tab", "html"]


@pytest.mark.parametrize("kind", SPOOL_KINDS)
def test_the_records_of_piped_json_and_pages_are_the_documents_own(kind: str) -> None:
    text, _ = content(kind, 3)
    try:
        records = [r for r in Reader()([spool(io.BytesIO(text.encode()))]) if r.active]
    finally:
        remove_spools()
    assert [r.text for r in records] == [r["text"] for r in recs(3)]
    if kind != "html":
        assert [r.id for r in records] == ["r0", "r1", "r2"]


@pytest.mark.parametrize("name", ["json", "JSON", ".json", "xlsx"])
def test_stdin_format_names_what_the_content_does_not_say(tmp_path: Path, name: str) -> None:
    """(The option is checked before anything runs; the spool takes the format it names.)"""
    text = json.dumps(recs(2), indent=2)
    if name == "xlsx":
        args = ["run", "-", "-o", str(tmp_path / "out"), "-t", "none", "--stdin-format", name]
        bad = CliRunner().invoke(app, args, input=text)
        assert bad.exit_code == 2 and "--stdin-format" in bad.output
        assert not (tmp_path / "out").exists()
        return
    try:
        path = spool(io.BytesIO(b"{Draft}\n" + text.encode()), stdin_format_named(name))
        assert path.name == "stdin.json"
    finally:
        remove_spools()


def test_a_utf16_bom_alone_is_text() -> None:
    assert kind_of(codecs.BOM_UTF16_LE, complete=True) == "txt"


@pytest.mark.parametrize(("name", "kind"), [("pipe.jsonl", "jsonl_comment"), ("63", "array_pretty"),
                                             ("63", "jsonl"), ("feed.json", "jq_pretty")])  # fmt: skip
def test_a_pipe_named_as_an_input_is_read(tmp_path: Path, name: str, kind: str) -> None:
    """(`<(zcat x.jsonl.gz)` is `/dev/fd/63`: named by the user, read, not refused E008.)"""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    text, _ = content(kind, 3)
    writer = threading.Thread(target=fifo.write_text, args=(text, "utf-8"))
    writer.start()
    try:
        assert is_pipe(fifo) and not is_pipe(tmp_path)
        path = spool_pipe(fifo, readable_suffixes())
        writer.join()
        records = [r for r in Reader()([path]) if r.active]
    finally:
        remove_spools()
    assert [r.text for r in records] == [r["text"] for r in recs(3)]


def test_an_error_of_a_whole_file_is_named_without_a_line(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    errors.write_text(json.dumps({"source": "63", "line": None, "message": "not read"}) + "\n")
    assert first_error(errors) == "63: not read"
