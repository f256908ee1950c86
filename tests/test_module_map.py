"""Every module under `pipeline/` is named in `docs/ARCHITECTURE.md`: the map is where a reader
finds which module does what, so a module it does not name is one nobody will find.

A module is named by its path from `pipeline/` (`run/plan.py`, `run/plan`, `io/writers.X`
anywhere in the text), or inside a table row whose first cell names a folder holding it, by
the end of its path (`text` or `readers/text` in the `io/` row names `io/readers/text.py`). A
package's `__init__.py` is named by its folder (`io/`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tests.conftest import ROOT

MAP = ROOT / "docs" / "ARCHITECTURE.md"
TOKEN = re.compile(r"[\w/]+")


def tokens(text: str) -> set[str]:
    """Every word or path written in backquotes in `text` (`a/b.py` → `a/b`, `py`)."""
    found: set[str] = set()
    quoted_spans = (q for line in text.splitlines() for q in re.findall(r"`([^`]+)`", line))
    for quoted in quoted_spans:
        found.update(token.removesuffix("/") or token for token in TOKEN.findall(quoted))
    return found


def rows(text: str) -> Iterator[tuple[set[str], set[str]]]:
    """Each table row: the folders its first cell names, every token in the row."""
    for line in text.splitlines():
        if line.startswith("|"):
            first = line.split("|")[1]
            folders = {q.rstrip("/") for q in re.findall(r"`([\w/]+/)`", first)}
            yield folders, tokens(line)


def unnamed(text: str, modules: list[str]) -> list[str]:
    """The modules (paths from `pipeline/`, without `.py`) that `text` does not name."""
    everywhere = tokens(text)
    table = list(rows(text))
    missing = []
    for module in modules:
        path = module.removesuffix("/__init__")
        if path in everywhere:
            continue
        if any(
            path.startswith(folder + "/")
            and any(path == f"{folder}/{t}" or path.endswith(f"/{t}") for t in named)
            for folders, named in table
            for folder in folders
        ):
            continue
        missing.append(module)
    return missing


def package_modules() -> list[str]:
    package = ROOT / "pipeline"
    return sorted(p.relative_to(package).with_suffix("").as_posix() for p in package.rglob("*.py"))


def test_every_module_is_named_in_the_architecture_map() -> None:
    modules = [m for m in package_modules() if m != "__init__"]
    assert unnamed(MAP.read_text(encoding="utf-8"), modules) == []


def test_the_map_check_reads_paths_and_folder_rows() -> None:
    text = (
        "prose names `run/plan.py` and `io/writers.EVERY_OUTPUT`.\n"
        "| `io/` | `readers/` (`text`, `markup`), `segment/kinds` |\n"
        "| `app/` | options |\n"
    )
    named = ["run/plan", "io/writers", "io/readers/text", "io/readers/markup", "io/segment/kinds"]
    named += ["io/__init__", "app/__init__"]
    unnamed_ = ["run/parts", "io/readers/json", "app/options", "stages/text", "plan"]
    assert unnamed(text, named + unnamed_) == unnamed_
