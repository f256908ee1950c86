"""Identity of documents and records: one document per input file, and every id the run
writes anywhere (`duplicate_of`, `sample_records`, the dropped lines' reasons) is the id the
record it names has in the corpus."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Link, Pipeline
from pipeline.io.compression import OPENERS
from pipeline.io.discover import InputFile, discover, unique_documents
from pipeline.io.readers import Reader, readable_suffixes
from pipeline.stages.dedup import text_digest
from tests.test_passes import CapitalisedNames

# Every name a reader takes: each readable suffix, bare and under each compression.
NAMES = sorted(
    f"notes{suffix}{packed}" for suffix in sorted(readable_suffixes()) for packed in ("", *OPENERS)
)


def documents(sources: list[str]) -> list[str]:
    files = [InputFile(source, Path(source)) for source in sources]
    return [f.doc_id for f in unique_documents(files)]


@pytest.mark.parametrize("size", [2, 3])
def test_every_pair_and_triple_of_files_sharing_a_stem_are_distinct_documents(size: int) -> None:
    cases = 0
    for names in itertools.combinations(NAMES, size):
        layouts = (("",) * size, ("a/", "b/", "a/b/")[:size]) if size == 2 else (("",) * size,)
        for folders in layouts:
            sources = [folder + name for folder, name in zip(folders, names, strict=True)]
            ids = documents(sources)
            assert len(set(ids)) == size, (sources, ids)
            for source, doc in zip(sources, ids, strict=True):
                assert source.startswith(doc)  # readable: the source, or its stem
            cases += 1
    assert cases > 1000


def test_a_file_alone_with_its_stem_keeps_the_stem_and_folders_keep_theirs() -> None:
    assert documents(["notes.txt.gz"]) == ["notes"]
    assert documents(["a/notes.txt", "b/notes.txt"]) == ["a/notes", "b/notes"]
    assert documents(["x.md", "x.md.txt", "y.txt"]) == ["x", "x.md.txt", "y"]


@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
def test_generated_sets_of_names_never_share_a_document(names: list[str]) -> None:
    nested = [f"{'d/' * (i % 3)}{name}" for i, name in enumerate(names)]
    for sources in (names, nested):
        if len(set(sources)) == len(sources):
            assert len(set(documents(sources))) == len(sources)


def test_three_files_of_one_stem_read_as_three_documents_without_duplicate_ids(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.txt").write_text("Alpha one.\n\nAlpha two.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Beta one.\n\nBeta two.\n", encoding="utf-8")
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"Gamma one.\n\nGamma two.\n"))
    warnings: list[dict[str, object]] = []
    records = list(Reader()([tmp_path], warnings.append))
    docs = {r.doc_id for r in records}
    assert docs == {"notes.txt", "notes.md", "notes.txt.gz"}
    assert len({r.id for r in records}) == len(records) == 6
    assert not [w for w in warnings if w.get("code") == "W002"]
    assert len(discover([tmp_path]).files) == 3


ID_WORDS = st.sampled_from(["a", "b", "a~2", "c", "b~2"])
TEXT_WORDS = st.sampled_from(["Odile Marchand", "Varda Bello", "nobody here", "Lyon Rive"])


def normal(text: str) -> int:
    return text_digest(text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(ID_WORDS, TEXT_WORDS, st.booleans()), min_size=1, max_size=14),
    mode=st.sampled_from(["mark", "drop"]),
    shard_bytes=st.sampled_from([60, 200, 100_000]),
)
def test_every_id_the_run_writes_names_the_corpus_record_it_means(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, bool]],
    mode: str,
    shard_bytes: int,
) -> None:
    """Ids repeat, texts repeat; `duplicate_of`, a dropped duplicate's reason and an entity's
    `sample_records` each name a corpus record with the text they mean."""
    tmp = tmp_path_factory.mktemp("ids")
    src = tmp / "in.jsonl"
    lines = [
        json.dumps({"id": rid, "text": f"{words}{' again' if more else ''}."})
        for rid, words, more in rows
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp / "out"
    stages = [CapitalisedNames(), Link(), Dedup(mode)]  # type: ignore[arg-type]
    Pipeline(stages=stages).run([src], out, shard_bytes=shard_bytes)
    corpus = [json.loads(line) for line in (out / "corpus.jsonl").open(encoding="utf-8")]
    by_id = {r["id"]: r for r in corpus}
    assert len(by_id) == len(corpus)  # unique
    dropped = [json.loads(line) for line in (out / "dropped.jsonl").open(encoding="utf-8")]
    assert len(corpus) + len(dropped) == len(rows)
    for position, record in enumerate(corpus):
        first = record["meta"].get("duplicate_of")
        if first is not None:
            assert first in by_id, first
            assert normal(by_id[first]["text"]) == normal(record["text"])
            assert "duplicate_of" not in by_id[first]["meta"]
            assert corpus.index(by_id[first]) < position
    for entry in dropped:
        first = entry["reason"].removeprefix("duplicate of ")
        assert first in by_id, entry
        assert normal(by_id[first]["text"]) == normal(entry["text"])
    for row in (json.loads(line) for line in (out / "entities.jsonl").open(encoding="utf-8")):
        for sample in row["sample_records"]:
            named = {e["entity_id"] for e in by_id[sample]["entities"]}
            assert row["entity_id"] in named, (row, by_id[sample])


STEMS = ["sub", "notes:0", "a", "recs", "b"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    files=st.lists(
        st.tuples(st.sampled_from(STEMS), st.sampled_from([".txt", ".md", ".txt.gz"])),
        min_size=1,
        max_size=3,
        unique_by=lambda f: f[0] + f[1],
    ),
    objects=st.lists(
        st.tuples(
            st.sampled_from([*STEMS, "sub:0", "a:0", "other"]),
            st.none() | st.sampled_from([*STEMS, "other"]),
        ),
        min_size=1,
        max_size=6,
    ),
    container=st.sampled_from(["recs.jsonl", "recs.csv", "deep/recs.jsonl"]),
)
def test_a_document_is_never_two_files(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[tuple[str, str]],
    objects: list[tuple[str, str | None]],
    container: str,
) -> None:
    """Text files (each its own document) beside a JSONL or CSV file whose records name
    their document by id or `doc_id`, drawn from the text files' own doc_ids: no doc_id is
    written by records of two files (a JSONL record `sub` was the document of `sub.txt`)."""
    root = tmp_path_factory.mktemp("docs")
    for stem_name, suffix in files:
        data = f"A paragraph of {stem_name}{suffix}.\n".encode()
        path = root / (stem_name + suffix)
        path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    target = root / container
    target.parent.mkdir(parents=True, exist_ok=True)
    if container.endswith(".csv"):
        rows = ["id,doc_id,text"] + [f"{i},{d or ''},Row {n}." for n, (i, d) in enumerate(objects)]
        target.write_text("\n".join(rows) + "\n", encoding="utf-8")
    else:
        lines = [
            json.dumps({"id": i, "text": f"Record {n}.", **({"doc_id": d} if d else {})})
            for n, (i, d) in enumerate(objects)
        ]
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources: dict[str, set[str]] = {}
    for record in Reader()([root]):
        sources.setdefault(record.doc_id, set()).add(record.source)
    assert all(len(s) == 1 for s in sources.values()), sources
