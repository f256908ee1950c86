"""The parts folder's layout is known in one module (`pipeline.run.parts`): a pass, the plan,
`--resume`, the merge and the command line ask it for every path, so none can put a file
where another does not look. (On main before #32, nine modules and benches spelled it.)"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io import writers
from pipeline.io.discover import OUTPUT_MARKERS
from pipeline.run.parts import (
    PARTS,
    Parts,
    applied,
    is_attempt,
    next_pass,
    observed,
    pass_number,
)
from tests.conftest import ROOT

# What spells a place under the parts folder: its name, a pass's folder, the files between
# passes, an attempt's folder, the staged and the replaced outputs.
LAYOUT = re.compile(
    r"(^|[\s/`'\"(])\.parts\b|\bpass-(\d|N\b|\{|$)|plan\.json|ids\.resolved"
    r"|\.(resolved|observed|applied)\.json|\.tmp-|previous-outputs|^outputs$"
)
KNOWN = {
    # io sits below the run: discovery recognises an interrupted run's output folder by the
    # parts folder's name alone (`test_discovery_skips_the_folder_the_run_keeps_its_parts_in`).
    "pipeline/io/discover.py": {".parts"},
}


def strings(tree: ast.AST) -> Iterator[str]:
    """Every string constant of a module: docstrings, and each piece of an f-string."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def spellings(root: Path) -> dict[str, set[str]]:
    """Module (relative to `root`) → the strings in it that spell the parts layout."""
    found: dict[str, set[str]] = {}
    for path in sorted([*(root / "pipeline").rglob("*.py"), *(root / "bench").glob("*.py")]):
        name = path.relative_to(root).as_posix()
        if name == "pipeline/run/parts.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hits = {s for s in strings(tree) if LAYOUT.search(s)}
        if hits - KNOWN.get(name, set()):
            found[name] = hits
    return found


def test_no_module_but_parts_spells_the_layout() -> None:
    assert spellings(ROOT) == {}


def test_discovery_skips_the_folder_the_run_keeps_its_parts_in() -> None:
    assert (PARTS,) in OUTPUT_MARKERS and Parts.of("out").root.name == PARTS


names = st.from_regex(r"[a-z][a-z_]{0,11}", fullmatch=True)
shards = st.integers(0, 99_999).map(lambda n: f"shard-{n:05d}")


@settings(max_examples=60, deadline=None)
@given(number=st.integers(1, 30), shard=shards, step=names)
def test_every_place_is_found_back_from_its_path(number: int, shard: str, step: str) -> None:
    """What the plan reads back from a folder (which pass, an attempt or a commit, where
    the next pass goes) is what the run wrote it as, for any pass, shard and step."""
    parts = Parts.of(Path("/out"))
    committed = parts.shard(number, shard)
    attempt = parts.attempt(number, shard)
    assert committed.parent == attempt.parent == parts.pass_folder(number)
    assert is_attempt(attempt.name) and not is_attempt(committed.name)
    assert next_pass(committed) == parts.shard(number + 1, shard)
    assert pass_number(parts.pass_folder(number)) == (number if number > 1 else None)
    assert parts.root in committed.parents


@settings(max_examples=60, deadline=None)
@given(step=names, shard=shards, number=st.integers(2, 30))
def test_no_two_places_share_a_name(step: str, shard: str, number: int) -> None:
    """The files beside the shards and between passes never take one another's name, nor a
    name the shard writer gives its own files."""
    parts = Parts.of(Path("/out"))
    places = [
        parts.plan,
        parts.ids,
        parts.resolved(step),
        parts.staged,
        parts.aside,
        parts.pass_folder(number),
        parts.shard(1, shard),
    ]
    assert len(set(places)) == len(places)
    own = {writers.MARKER, writers.IDS, *writers.OUTPUTS}
    assert len({observed(step), applied(step), *own}) == len(own) + 2
