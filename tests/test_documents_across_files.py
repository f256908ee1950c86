"""A `doc_id` names one input file's document, however two files come to give it (issue #29,
H7). Generated folders of JSONL, CSV and text files (`x.txt`, `x.md`, `x.txt.gz`, in
subfolders too) whose records give their document as a `doc_id` field or by their id, drawn
from one small pool (the text files' stems among them, and already-qualified look-alikes
`k.jsonl:shared`), some records failing or dropped: in every output no `doc_id` is written by
records of two files, and each is what the rule says (README, "Inputs"): a file's own
document (its stem or source, from the names alone) is its own; a document a record gives
that another file's names decide is `SOURCE:DOC` (read time); one given by records of
several files is kept by the first file in corpus order and is `SOURCE:DOC` in every later
one, whatever the shard size. On main three files giving `doc_id` "shared" all wrote it."""

from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline
from pipeline.executors.local import LocalExecutor
from pipeline.io.readers import Reader

DOCS = ["shared", "notes", "k", "k.jsonl:shared", "sub/k", "caf\u00e9", "cafe\u0301"]
IDS = ["a", "b", "shared", "notes"]
CONTAINERS = ["k.jsonl", "l.jsonl", "sub/k.jsonl", "c.csv", "sub/c.csv"]
TEXTS = ["notes.txt", "notes.md", "notes.txt.gz", "shared.txt", "sub/k.txt"]
# a record: (its id or none, its doc_id or none, what becomes of it)
RECORD = st.tuples(
    st.none() | st.sampled_from(IDS),
    st.none() | st.sampled_from(DOCS),
    st.sampled_from(["good", "good", "good", "missing", "invisible"]),
)


def write_container(path: Path, records: list[tuple[str | None, str | None, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = {"good": "Record {n} of the file.", "missing": "", "invisible": "\u200b"}
    if path.suffix == ".csv":
        rows = ["id,doc_id,text"]
        for n, (rid, doc, kind) in enumerate(records):
            rows.append(f"{rid or ''},{doc or ''},{texts[kind].format(n=n)}")
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return
    lines = []
    for n, (rid, doc, kind) in enumerate(records):
        obj = {**({"id": rid} if rid else {}), **({"doc_id": doc} if doc else {})}
        obj["text"] = texts[kind].format(n=n)
        lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_text(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = f"A paragraph of {path.name}.\n".encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def written(out: Path) -> dict[tuple[str, int], str]:
    """Each record's doc_id in the outputs, by its source and line."""
    found: dict[tuple[str, int], str] = {}
    for name in ("corpus", "errors", "dropped"):
        with (out / f"{name}.jsonl").open(encoding="utf-8") as f:
            for row in map(json.loads, f):
                line = row["meta"]["line"] if name == "corpus" else row["line"]
                found[row["source"], line] = row["doc_id"]
    return found


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def expected(root: Path) -> dict[tuple[str, int], str]:
    """The rule, applied to what the reader gives each record (its read-time document): a
    document (a name in NFC) given by several files is kept by the first file in corpus
    order and is `SOURCE:DOC` in each later one (`SOURCE:` again while that is another
    document), DOC as the file first writes it."""
    records = list(Reader()([root]))
    first: dict[str, str] = {}  # a document → the file that keeps it
    written_as: dict[tuple[str, str], str] = {}  # (file, document) → its first form
    for r in records:
        first.setdefault(nfc(r.doc_id), r.source)
        written_as.setdefault((r.source, nfc(r.doc_id)), r.doc_id)
    taken = set(first)
    renamed: dict[tuple[str, str], str] = {}
    for (source, doc), form in written_as.items():
        if first[doc] != source:
            new = f"{source}:{form}"
            while nfc(new) in taken:
                new = f"{source}:{new}"
            taken.add(nfc(new))
            renamed[source, doc] = new
    return {
        (r.source, r.location.line): renamed.get((r.source, nfc(r.doc_id)), r.doc_id)  # type: ignore[union-attr]
        for r in records
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    containers=st.dictionaries(
        st.sampled_from(CONTAINERS), st.lists(RECORD, min_size=1, max_size=4), min_size=1
    ),
    texts=st.sets(st.sampled_from(TEXTS), max_size=3),
    shard_bytes=st.sampled_from([40, 100_000]),
    two_passes=st.booleans(),
)
def test_no_document_is_written_by_two_files(
    tmp_path_factory: pytest.TempPathFactory,
    containers: dict[str, list[tuple[str | None, str | None, str]]],
    texts: set[str],
    shard_bytes: int,
    two_passes: bool,
) -> None:
    tmp = tmp_path_factory.mktemp("docs")
    root = tmp / "in"
    for name, records in containers.items():
        write_container(root / name, records)
    for name in texts:
        write_text(root / name)
    stages: list[Any] = [Dedup("mark")] if two_passes else []
    Pipeline(stages=stages).run([root], tmp / "out", shard_bytes=shard_bytes)
    got = written(tmp / "out")
    owners: dict[str, set[str]] = {}
    for (source, _), doc in got.items():
        owners.setdefault(nfc(doc), set()).add(source)
    assert all(len(sources) == 1 for sources in owners.values()), owners
    assert got == expected(root)


def test_three_files_giving_one_doc_id_are_three_documents(tmp_path: Path) -> None:
    """The reproducer: `shared` in k.jsonl, l.jsonl and c.csv; k's is kept (c.csv sorts
    first: it keeps it), the others are qualified by their source."""
    text = "A quiet film about a harbour and the people living near it."
    root = tmp_path / "dc"
    root.mkdir()
    for name in ("k", "l"):
        obj = {"id": f"{name}1", "doc_id": "shared", "text": text}
        (root / f"{name}.jsonl").write_text(json.dumps(obj) + "\n", encoding="utf-8")
    (root / "c.csv").write_text(f"id,doc_id,text\nb,shared,{text}\n", encoding="utf-8")
    Pipeline(stages=[]).run([root], tmp_path / "out")
    assert sorted(written(tmp_path / "out").values()) == [
        "k.jsonl:shared", "l.jsonl:shared", "shared",
    ]  # fmt: skip


@pytest.mark.parametrize("two_passes", [False, True])
def test_the_same_outputs_for_any_shard_size_and_workers(tmp_path: Path, two_passes: bool) -> None:
    """Documents given by several files, ids repeated across them, failures among them: the
    outputs are byte-identical in one process with whole files and in two workers with
    shards of a few lines."""
    root = tmp_path / "in"
    records = [("a", "shared", "good"), ("a", None, "missing"), ("b", "notes", "good")] * 6
    for name in ("k.jsonl", "l.jsonl", "sub/k.jsonl", "c.csv"):
        write_container(root / name, records)
    write_text(root / "notes.txt")
    runs = []
    for workers, shard_bytes in ((1, 1 << 20), (2, 60)):
        out = tmp_path / f"out-{workers}"
        stages: list[Any] = [Dedup("mark")] if two_passes else []
        executor = LocalExecutor(workers)
        Pipeline(stages=stages, executor=executor).run([root], out, shard_bytes=shard_bytes)
        runs.append({n: (out / n).read_bytes() for n in OUTPUT_NAMES})
    assert runs[0] == runs[1]
    assert b"l.jsonl:shared" in runs[0]["corpus.jsonl"]


OUTPUT_NAMES = ("corpus.jsonl", "errors.jsonl", "dropped.jsonl", "warnings.jsonl")


def test_linking_finds_each_document_as_it_observed_it(tmp_path: Path) -> None:
    """Two files giving one doc_id, linked (two passes): each record's entities are the
    same as when the second file names its document otherwise; only doc_id differs. (Had
    the second pass renamed the document, linking, which observed it under its first name,
    would have lost its decisions for it.)"""
    from pipeline import Link
    from tests.test_passes import CapitalisedNames

    texts = {
        "k": ["Odile Marchand met Varda Bello in Lyon.", "then Marchand and Bello left Lyon."],
        "l": ["Paul Marchand met Varda Bello in Nice.", "then Marchand and Bello left Nice."],
    }  # "Marchand" is Odile in one document, Paul in the other: a per-document decision
    runs = []
    for second in ("shared", "solo"):
        root = tmp_path / second / "in"
        root.mkdir(parents=True)
        for name, doc in (("k", "shared"), ("l", second)):
            lines = [
                json.dumps({"id": f"{name}{n}", "doc_id": doc, "text": t})
                for n, t in enumerate(texts[name])
            ]
            (root / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = tmp_path / second / "out"
        Pipeline(stages=[CapitalisedNames(), Link()]).run([root], out)
        rows = [json.loads(line) for line in (out / "corpus.jsonl").open(encoding="utf-8")]
        runs.append([(r["id"], r["entities"]) for r in rows])
        assert {r["doc_id"] for r in rows} == {
            "shared",
            f"l.jsonl:{second}" if second == "shared" else "solo",
        }
    assert runs[0] == runs[1]
    canonical = {e["text"]: e["canonical"] for rid, es in runs[0] if rid == "l1" for e in es}
    assert canonical["Marchand"] == "Paul Marchand", canonical
