"""A file's ids do not depend on the other inputs of the run (issue #29, F16).

For generated sets of inputs (folders and files whose names share, or not, a relative path, a
stem, a format or compression suffix): a file's `source` and `doc_id` in a run of inputs A are
the same in a run of A + B whenever B holds no file that clashes with it: no file with the
same path relative to its input or the same stem; for a file already qualified in A, no file
whose path is its qualified path either (`discover`'s module doc). In every run, sources and
documents are unique. On main, an unqualified `c/a/x.txt` (source `a/x.txt`) became
`a/x.txt~2` once `a/x.txt` and `b/x.txt` were added."""

from __future__ import annotations

import tempfile
from contextlib import chdir
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.discover import InputFile, discover, stem

FOLDERS = ["a", "b", "a/sub", "c"]
NAMES = ["x.txt", "x.md", "x.jsonl", "x.txt.gz", "x.jsonl.txt", "sub/x.txt", "a/x.txt", "y.md"]


def layout(root: Path, files: list[str]) -> None:
    for relative in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")


def names_of(file: InputFile, given_as: Path) -> tuple[set[str], str]:
    """A file's own names (its path relative to its input, and its stem) and its path
    qualified by its input."""
    folder = given_as.is_dir()
    relative = file.path.relative_to(given_as).as_posix() if folder else file.path.name
    qualified = f"{given_as.as_posix()}/{relative}" if folder else given_as.as_posix()
    return {relative, stem(relative)}, qualified.lstrip("/")


def clash(one: tuple[set[str], str], other: tuple[set[str], str], qualified: bool) -> bool:
    """Whether two files clash: they share a relative path or a stem; for a file whose source
    is qualified, also when its qualified path is the other's relative path or stem (or the
    reverse)."""
    if one[0] & other[0]:
        return True
    return qualified and (one[1] in other[0] or other[1] in one[0])


def inputs_of(root: Path, picks: list[tuple[bool, str, str]]) -> list[Path]:
    out = []
    for as_folder, folder, name in picks:
        path = Path(folder) if as_folder else Path(folder) / name
        if path.exists() and path not in out:
            out.append(path)
    return out


def identities(inputs: list[Path]) -> dict[Path, tuple[str, str]]:
    files = discover(inputs).files
    assert len({f.source for f in files}) == len(files)
    assert len({f.doc_id for f in files}) == len(files)
    return {f.path: (f.source, f.doc_id) for f in files}


def given_for(root: Path, inputs: list[Path], path: Path) -> Path:
    """The input a file is found under first (as `discover` takes it)."""
    for one in inputs:
        if one == path or (one.is_dir() and one in path.parents):
            return one
    raise AssertionError(path)


PICK = st.tuples(st.booleans(), st.sampled_from(FOLDERS), st.sampled_from(NAMES))


@settings(max_examples=500, deadline=None)
@given(
    files=st.lists(st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES)), min_size=1,
                   max_size=8),
    a=st.lists(PICK, min_size=1, max_size=3),
    b=st.lists(PICK, min_size=1, max_size=3),
)  # fmt: skip
def test_a_files_ids_do_not_change_when_inputs_that_do_not_clash_are_added(
    files: list[tuple[str, str]], a: list[tuple[bool, str, str]], b: list[tuple[bool, str, str]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp, chdir(tmp):  # inputs given as relative paths
        root = Path()
        layout(root, [f"{folder}/{name}" for folder, name in files])
        first = inputs_of(root, a)
        both = first + [p for p in inputs_of(root, b) if p not in first]
        if not first:
            return
        alone, together = identities(first), identities(both)
        names = {f.path: names_of(f, given_for(root, both, f.path)) for f in discover(both).files}
        for path, ids in alone.items():
            qualified = ids[0] not in names[path][0]
            clashing = [
                other for other in together
                if other not in alone and clash(names[other], names[path], qualified)
            ]  # fmt: skip
            if not clashing:
                assert together[path] == ids, (path, clashing)
