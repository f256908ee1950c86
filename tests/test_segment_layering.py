"""Segmentation is a reader's job (`pipeline/io/segment/`): the readers import it, it imports
no reader and no stage, and the roles a page's reader gives are the ones it knows (#32: the
arrow `stages/segment → io/markup` pointed back up)."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.io import markup
from pipeline.io.segment.blocks import HIDDEN_ROLES

SEGMENT = Path(__file__).resolve().parent.parent / "pipeline" / "io" / "segment"
# what segmentation may import of the package: the record, the codes, the models, and the
# lowest io helpers (what shows nothing); never a reader, a page parser or a stage
ALLOWED = ("pipeline.errors", "pipeline.record", "pipeline.resources", "pipeline.io.invisible")


def imported(path: Path) -> set[str]:
    """The `pipeline` modules `path` imports, wherever the import stands."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.split(".")[0] == "pipeline"}


def test_segmentation_imports_nothing_above_it() -> None:
    above = {
        f"{path.name}: {name}"
        for path in sorted(SEGMENT.glob("*.py"))
        for name in imported(path)
        if not name.startswith("pipeline.io.segment") and name not in ALLOWED
    }
    assert above == set()


def test_no_stage_is_left_where_segmentation_was() -> None:
    stages = SEGMENT.parent.parent / "stages"
    assert not {p.stem for p in stages.glob("*.py")} & {
        "segment", "boilerplate", "layout", "pages", "wrapping"
    }  # fmt: skip


def test_the_roles_markup_hides_are_the_ones_the_segmenter_drops() -> None:
    """`io/markup` maps elements onto roles by its own tables; the segmenter knows the roles
    from `io/segment/blocks`: both name the same ones."""
    given = set(markup.HIDDEN.values()) | {"cdata", "svg-metadata"} | markup.HIDING
    assert given == HIDDEN_ROLES
