"""Names equal in NFC are one name (issue #29, H9): two files whose names differ only by
Unicode normalisation (`café.txt` composed, as Linux tools write it, and decomposed, as macOS
does; `Å` as U+00C5, as A + ring, as the Angstrom sign U+212B) look the same and are the same
text to every tool that normalises (the pipeline normalises every text to NFC). Generated
folders of such names (in the file name, the folder, beside stems and suffixes that clash
otherwise): every source, doc_id and record id the run writes is distinct in NFC, and a
file whose name clashes with no other keeps its stem. Compatibility forms (`ﬁ` and `fi`,
fullwidth letters) are other text, not a clash. On main `café.txt` twice gave two records
`café:0`, equal in NFC, with no W002."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import Pipeline
from pipeline.io.discover import discover, stem

E_NFC, E_NFD = "caf\u00e9", "cafe\u0301"
A_FORMS = ["\u00c5", "A\u030a", "\u212b"]  # NFC, NFD, Angstrom sign (its NFC is U+00C5)
NAMES = [
    f"{E_NFC}.txt", f"{E_NFD}.txt", f"{E_NFD}.md", f"{E_NFC}.txt.gz",
    *(f"{a}.txt" for a in A_FORMS), "\ufb01le.txt", "file.txt",
    f"{E_NFC}/x.txt", f"{E_NFD}/x.txt", f"{E_NFD}/x.md",
]  # fmt: skip


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def make(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"A paragraph of {name}.\n", encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(names=st.sets(st.sampled_from(NAMES), min_size=1, max_size=6))
def test_sources_and_documents_are_distinct_in_nfc(names: set[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make(root, sorted(names))
        files = discover([root]).files
        assert len(files) == len(names)
        assert len({nfc(f.source) for f in files}) == len(files), [f.source for f in files]
        assert len({nfc(f.doc_id) for f in files}) == len(files), [f.doc_id for f in files]
        for f in files:
            relative = f.path.relative_to(root).as_posix()
            others = [stem(nfc(n)) for n in names if n != relative]
            if stem(nfc(relative)) not in others:  # no clash: the stem, as written
                assert f.doc_id == stem(relative), (f.doc_id, relative)


def test_one_name_in_two_forms_is_two_documents_in_a_run(tmp_path: Path) -> None:
    root = tmp_path / "n"
    make(root, [f"{E_NFD}.txt", f"{E_NFC}.txt"])
    records = [
        {"id": f"{E_NFC}", "text": "One."},
        {"id": f"{E_NFD}", "text": "Two."},
        {"id": f"{E_NFD}", "doc_id": E_NFC, "text": "Three."},
    ]
    (root / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    Pipeline(stages=[]).run([root], tmp_path / "out")
    rows = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").open(encoding="utf-8")]
    assert len(rows) == 5
    ids = [nfc(r["id"]) for r in rows]
    assert len(set(ids)) == len(ids), ids
    text_files = [r for r in rows if r["source"] != "r.jsonl"]
    assert len({nfc(r["source"]) for r in text_files}) == 2
    assert len({nfc(r["doc_id"]) for r in text_files}) == 2
    warnings = (tmp_path / "out" / "warnings.jsonl").read_text("utf-8")
    assert '"W002"' in warnings  # the id given in two forms is renamed once


@pytest.mark.parametrize("pair", [("\ufb01le.txt", "file.txt"), ("\uff58.txt", "x.txt")])
def test_compatibility_forms_are_other_names(tmp_path: Path, pair: tuple[str, str]) -> None:
    make(tmp_path, list(pair))
    assert sorted(f.doc_id for f in discover([tmp_path]).files) == sorted(stem(n) for n in pair)


def test_given_ids_equal_in_nfc_are_renamed(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    from tests.test_unique_ids import renamed

    assert renamed([E_NFC, E_NFD, E_NFC]) == [E_NFC, f"{E_NFD}~2", f"{E_NFC}~3"]
