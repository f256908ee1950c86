"""Nothing a folder holds is skipped without a trace: a hidden file or folder met walking an
input folder is a W009 warning naming it (as a folder of outputs is W003), one named as an input
is read, and a file met both through a link and by its own name is named by its own name."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.io.discover import discover
from pipeline.io.readers import Reader

DEPTHS = ["", "sub", "sub/deeper"]
HIDDEN = [".notes.txt", ".draft.md", ".cache", ".x.jsonl", "..twodots.txt"]


@pytest.mark.parametrize(("depth", "name"), list(itertools.product(DEPTHS, HIDDEN)))
def test_a_hidden_entry_at_any_depth_is_named_not_read(
    tmp_path: Path, depth: str, name: str
) -> None:
    root = tmp_path / "in"
    (root / depth).mkdir(parents=True, exist_ok=True)
    (root / "seen.txt").write_text("A visible paragraph of text.\n", encoding="utf-8")
    hidden = root / depth / name
    if "." in name[1:]:
        hidden.write_text("A hidden paragraph of text.\n", encoding="utf-8")
    else:  # a hidden folder, with a file of a readable type inside
        hidden.mkdir()
        (hidden / "inside.txt").write_text("Inside a hidden folder.\n", encoding="utf-8")
    found = discover([root])
    assert [f.source for f in found.files] == ["seen.txt"]
    assert found.skipped_hidden == [hidden]  # the folder once, not what it holds
    named = discover([hidden]) if hidden.is_file() else discover([hidden / "inside.txt"])
    assert len(named.files) == 1 and not named.skipped_hidden  # named: read


def test_the_run_reports_each_hidden_entry_as_w009(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "config").write_text("x\n", encoding="utf-8")
    (root / ".notes.txt").write_text("Hidden.\n", encoding="utf-8")
    (root / "a.txt").write_text("A visible paragraph of text.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["run", str(root), "--out-dir", str(out), "-w", "1", "--translator", "none", "--no-report"],
    )
    assert result.exit_code == 0, result.output
    warnings = [json.loads(line) for line in (out / "warnings.jsonl").read_text().splitlines()]
    hidden = sorted(w["source"] for w in warnings if w["code"] == "W009")
    assert hidden == [str(root / ".git"), str(root / ".notes.txt")]
    run = json.loads((out / "run.json").read_text())
    assert run["counts"]["read"] == 1


def test_only_hidden_files_says_so(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / ".notes.txt").write_text("Hidden.\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["run", str(root), "--out-dir", str(tmp_path / "out"), "-w", "1", "--translator", "none"],
    )
    assert "hidden" in result.output and ".notes.txt" in result.output, result.output


@pytest.mark.parametrize("link_first", [True, False])
@pytest.mark.parametrize("where", ["", "sub"])
def test_a_file_is_named_by_its_own_path_not_a_link_to_it(
    tmp_path: Path, link_first: bool, where: str
) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    real = root / "sub" / "notes.txt"
    real.write_text("A paragraph of notes about a film.\n", encoding="utf-8")
    link = root / where / ("0link.txt" if link_first else "zlink.txt")
    link.symlink_to(real)
    for follow in (False, True):
        records = list(Reader(follow_links=follow)([root]))
        assert [(r.source, r.doc_id) for r in records] == [("sub/notes.txt", "sub/notes")]
    both = discover([link, real]).files  # both named as inputs: the file by its own name
    assert [f.source for f in both] == ["notes.txt"]


def test_a_hidden_file_also_named_as_an_input_is_read_without_a_warning(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "seen.txt").write_text("A visible paragraph.\n", encoding="utf-8")
    hidden = root / ".notes.txt"
    hidden.write_text("A hidden paragraph.\n", encoding="utf-8")
    for inputs in ([root, hidden], [hidden, root]):
        found = discover(inputs)
        assert sorted(f.path.name for f in found.files) == [".notes.txt", "seen.txt"]
        assert found.skipped_hidden == []


def test_a_name_that_is_not_utf8_and_its_escape_are_two_files(tmp_path: Path) -> None:
    """A name's undecodable bytes are shown escaped (`caf\\xe9.txt`); a file may be literally
    named so: the two are two sources and two documents, with no duplicate-id warning."""
    root = tmp_path / "in"
    root.mkdir()
    raw = os.fsencode(root) + b"/caf\xe9.txt"
    with open(raw, "w", encoding="utf-8") as f:
        f.write("A text about one city.\n")
    (root / "caf\\xe9.txt").write_text("A text about another city.\n", encoding="utf-8")
    for inputs in ([root], [raw.decode("utf-8", "surrogateescape"), root / "caf\\xe9.txt"]):
        files = discover(inputs).files
        assert len({f.source for f in files}) == 2, [f.source for f in files]
        assert len({f.doc_id for f in files}) == 2
    warnings: list[dict[str, object]] = []
    records = list(Reader()([root], warnings.append))
    assert len({r.id for r in records}) == 2 and not warnings
