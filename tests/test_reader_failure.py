"""A reader's own bug fails the rest of its file (E013, after the last line read), never the
run: every format, failing before its first record and after each of its records, with every
kind of exception a bug raises. The other files of the run are read whole."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import Pipeline
from pipeline.io.readers import Reader
from pipeline.io.readers.registry import format_of
from pipeline.record import Record

PAGES = {
    "a.txt": "First paragraph here.\n\nSecond paragraph here.\n\nThird paragraph here.\n",
    "a.md": "# Title\n\nFirst paragraph here.\n\n- an item here\n",
    "a.jsonl": "".join(
        json.dumps({"id": f"j{i}", "text": f"Text number {i}."}) + "\n" for i in range(3)
    ),
    "a.csv": "id,text\nc0,First row text.\nc1,Second row text.\nc2,Third row text.\n",
    "a.tsv": "id\ttext\nt0\tFirst row text.\nt1\tSecond row text.\n",
    "a.html": "<html><body><p>First paragraph here.</p><p>Second paragraph here.</p></body></html>",
}
BUGS = [TypeError, ValueError, KeyError, IndexError, AttributeError, AssertionError, RecursionError]
WITNESS = {  # a file of another format, read by a reader that works
    ".txt": "A witness paragraph.\n\nAnother one.\n",
    ".jsonl": '{"id": "w1", "text": "A witness paragraph."}\n{"id": "w2", "text": "Another one."}\n',
}


def witness(folder: Path, name: str) -> str:
    suffix = ".txt" if name.endswith(".jsonl") else ".jsonl"
    (folder / f"witness{suffix}").write_text(WITNESS[suffix], encoding="utf-8")
    return f"witness{suffix}"


def broken(after: int, bug: type[Exception]) -> Any:
    """A format reader's `read` that yields `after` records, then raises `bug`."""

    def read(self: Any, part: Any, warn: Any) -> Iterator[Record]:
        for n, record in enumerate(original[type(self)](self, part, warn)):
            if n == after:
                raise bug("boom")
            yield record
        if after >= 0:
            raise bug("boom at the end")

    return read


original: dict[type, Any] = {}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("bug", BUGS, ids=lambda b: b.__name__)
def test_a_readers_bug_fails_the_rest_of_its_file_and_every_other_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, bug: type[Exception]
) -> None:
    path = tmp_path / name
    path.write_text(PAGES[name], encoding="utf-8")
    other = witness(tmp_path, name)
    kind = format_of(path)
    assert kind is not None
    whole = [r for r in Reader()([path]) if r.error is None]
    original[kind] = kind.read
    for after in range(len(whole) + 1):
        monkeypatch.setattr(kind, "read", broken(after, bug))
        records = list(Reader()([tmp_path]))
        mine = [r for r in records if r.source.endswith(name)]
        assert [r.text for r in mine if r.error is None] == [r.text for r in whole[:after]]
        errors = [r for r in mine if r.error is not None]
        assert len(errors) == 1 and errors[0].error.code == "E013"  # type: ignore[union-attr]
        message = errors[0].error.message  # type: ignore[union-attr]
        assert bug.__name__ in message and ("from the start" in message) == (after == 0)
        if after:
            assert errors[0].location is not None and errors[0].location.line is not None
        assert [r.text for r in records if r.source.endswith(other)] == [
            "A witness paragraph.",
            "Another one.",
        ]


def test_a_run_goes_on_past_a_readers_bug_and_counts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text(PAGES["a.html"], encoding="utf-8")
    witness(src, "a.html")
    kind = format_of(src / "a.html")
    assert kind is not None
    original[kind] = kind.read
    monkeypatch.setattr(kind, "read", broken(1, TypeError))
    Pipeline(stages=[]).run([src], tmp_path / "out")
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").open()]
    assert [e["code"] for e in errors] == ["E013"]
    assert run["counts"]["read"] == run["counts"]["written"] + run["counts"]["failed"] == 4
