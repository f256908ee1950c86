"""`--follow-links` over any structure of links (a link to itself, to an ancestor, two links
leading to each other, to a sibling, dangling): discovery ends, and each real file is read
once under a name that does not change from run to run."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io.discover import discover

FOLDERS = ["", "a", "a/b", "c", "c/d"]  # the real tree: "" is the input root


@contextmanager
def at_most(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"discovery did not end in {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


LINKS = st.lists(
    st.tuples(
        st.sampled_from(FOLDERS),  # where the link is
        # where it leads: a folder, a file of the real tree ("FOLDER/f.txt"), or nowhere
        st.sampled_from([*FOLDERS, *(f"{f}/f.txt".lstrip("/") for f in FOLDERS), "missing"]),
    ),
    min_size=1,
    max_size=6,
)


def build(base: Path, links: list[tuple[str, str]]) -> Path:
    root = base / "in"
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "f.txt").write_text(f"in {folder or 'root'}\n", encoding="utf-8")
    for i, (where, to) in enumerate(links):
        target = os.path.relpath(root / to, root / where)
        # a link to a file is named to sort before the file it leads to ("0.txt" < "f.txt")
        name = f"{i}.txt" if to.endswith(".txt") else f"l{i}"
        (root / where / name).symlink_to(target, target_is_directory=to in FOLDERS)
    return root


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(links=LINKS)
def test_any_link_structure_is_walked_once(
    tmp_path_factory: pytest.TempPathFactory, links: list[tuple[str, str]]
) -> None:
    root = build(tmp_path_factory.mktemp("links"), links)
    with at_most(20):
        found = discover([root], follow_links=True).files
        again = discover([root], follow_links=True).files
    assert [(f.source, f.doc_id) for f in found] == [(f.source, f.doc_id) for f in again]
    real = [f.path.resolve() for f in found if f.path.exists()]
    assert len(real) == len(set(real))  # each real file once
    assert {p for p in real if p.name == "f.txt"} == {
        (root / folder / "f.txt").resolve() for folder in FOLDERS
    }
    names = {f.source for f in found}
    for folder in FOLDERS:  # a file of the real tree keeps its own path as its name
        assert f"{folder}/f.txt".lstrip("/") in names
    dangling = {f"{w}/l{i}".lstrip("/") for i, (w, to) in enumerate(links) if to == "missing"}
    if dangling:  # kept, to be reported when read (links to one missing path: once)
        assert dangling & names


@pytest.mark.parametrize(
    "links",
    [
        [("a", "a")],  # a link to itself
        [("a/b", "")],  # to the root
        [("a", "c"), ("c", "a")],  # two folders leading to each other
        [("a/b", "a"), ("c/d", "c")],  # two links back up the tree
        [("a", "c/d")],  # to a sibling's child
    ],
)
def test_named_link_structures_end(tmp_path: Path, links: list[tuple[str, str]]) -> None:
    root = build(tmp_path, links)
    with at_most(20):
        found = discover([root], follow_links=True).files
    assert sorted(f.source for f in found if f.source.endswith("f.txt")) == sorted(
        f"{folder}/f.txt".lstrip("/") for folder in FOLDERS
    )


BROKEN_NAMES = ["brokendir", "broken.txt", "broken.jsonl", "data.csv.gz", "noext.", "x.xlsx"]
BROKEN_TARGETS = ["nowhere", "nowhere.txt", "../gone/dir", "/nonexistent/absolute/path"]


@pytest.mark.parametrize("follow", [False, True])
@pytest.mark.parametrize("target", BROKEN_TARGETS)
@pytest.mark.parametrize("name", BROKEN_NAMES)
def test_a_broken_link_is_e001_naming_it_whatever_its_name(
    tmp_path: Path, name: str, target: str, follow: bool
) -> None:
    """A link that resolves nowhere is one E001 that says it is a broken link and where it
    points, whatever its name or suffix (a suffix-less one was E006 'unsupported file type
    (none)'); given as a folder's entry, in a sub-folder, or named directly."""
    from pipeline.io.readers import Reader

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "ok.txt").write_text("A readable file.\n", encoding="utf-8")
    for link in (root / name, root / "sub" / name):
        link.symlink_to(target)
    for inputs in ([root], [root / name]):
        records = list(Reader(follow_links=follow)(inputs))
        broken = [r for r in records if r.error is not None]
        assert len(broken) == (2 if inputs == [root] else 1), [r.error for r in broken]
        for record in broken:
            assert record.error is not None and record.error.code == "E001", record.error
            assert "broken link" in record.error.message and target in record.error.message


# Links that lead to links: chains, a link to itself, two or three links in a ring, a chain
# into a ring, beside links to folders, files and nowhere. A ring resolves nowhere: the
# file system answers ELOOP, and pathlib's `resolve` raises RuntimeError on Python 3.11.
CHAINED = st.lists(
    st.tuples(
        st.sampled_from(FOLDERS),
        st.one_of(
            st.sampled_from([*FOLDERS, "f.txt", "missing"]),
            st.integers(0, 5).map(lambda j: f"@{j}"),  # the link numbered j (itself too)
        ),
    ),
    min_size=1,
    max_size=6,
)


def build_chained(base: Path, links: list[tuple[str, str]]) -> tuple[Path, dict[str, Path]]:
    root = base / "in"
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "f.txt").write_text(f"A line in {folder or 'the root'}.\n", "utf-8")
    made = {f"@{i}": root / where / f"k{i}.txt" for i, (where, _) in enumerate(links)}
    for i, (where, to) in enumerate(links):
        target = made.get(to, root / to)
        made[f"@{i}"].symlink_to(os.path.relpath(target, root / where))
    return root, made


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(links=CHAINED, follow=st.booleans())
def test_links_to_links_and_rings_are_each_one_error(
    tmp_path_factory: pytest.TempPathFactory, links: list[tuple[str, str]], follow: bool
) -> None:
    from pipeline.io.readers import Reader

    root, made = build_chained(tmp_path_factory.mktemp("chained"), links)
    with at_most(20):
        records = list(Reader(follow_links=follow)([root]))
    nowhere = {p.relative_to(root).as_posix() for p in made.values() if not p.exists()}
    errors = {r.source: r.error for r in records if r.error is not None}
    for source in nowhere:
        error = errors.get(source)
        assert error is not None and error.code == "E001" and "broken link" in error.message
    texts = [r.text for r in records if r.error is None]
    for folder in FOLDERS:  # every real file read, whatever the links beside it
        assert f"A line in {folder or 'the root'}." in texts
    with at_most(20):  # a ring named as an input is one error too
        for source in sorted(nowhere):
            named = list(Reader(follow_links=follow)([root / source]))
            assert [r.error.code for r in named if r.error is not None] == ["E001"]


def test_a_run_over_a_folder_with_a_ring_of_links_reads_the_rest(tmp_path: Path) -> None:
    """The whole run went down with a traceback on one ring of links (a backup tool's loop)."""
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text("A readable paragraph, one sentence.\n", encoding="utf-8")
    (root / "a.txt").symlink_to("b.txt")
    (root / "b.txt").symlink_to("a.txt")
    out = tmp_path / "out"
    base = ["run", "--out-dir", str(out), "-w", "1", "--translator", "none", "--no-report"]
    result = CliRunner().invoke(app, [*base, str(root)])
    assert result.exit_code == 0, result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted((e["source"], e["code"]) for e in errors) == [
        ("a.txt", "E001"),
        ("b.txt", "E001"),
    ]
    assert json.loads((out / "run.json").read_text())["counts"]["written"] == 1
    named = CliRunner().invoke(app, [*base, str(root / "a.txt")])
    assert named.exit_code == 2 and "leads nowhere" in named.output
