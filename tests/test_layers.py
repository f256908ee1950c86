"""Imports point down the layers, never back up: a module may import its own layer and the
ones below, so each layer can be read, tested and replaced without the ones above it.

    base     the data model and its helpers: record, errors, text, resources, rules, ...
    io       files in, records out, the outputs written (`pipeline.io`, `shards`)
    engines  language ID and translation engines, their registry, and the language helpers
             the engines and stages share (entities, evidence, quotations, ...)
    stages   the steps run on records (`pipeline.stages`), corpus-wide ones included
    run      the run machinery (`pipeline.run`) and the executors
    shell    the application around it: command line (`cli`, `app`): options, set-up check, report

Every import counts, at module level or inside a function (a lazy import still ties the
modules together). On main before #32: passes → stages/base (stages imported the run
machinery for `CorpusStep`) and registry → engines pointed back up.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

LAYERS = ("base", "io", "engines", "stages", "run", "shell")

# Module name (or its package, `pkg.*`) → layer; the longest match decides.
PLACED = {
    "pipeline.version": "base",
    "pipeline.lazy": "base",
    "pipeline.errors": "base",
    "pipeline.record": "base",
    "pipeline.text": "base",
    "pipeline.words": "base",
    "pipeline.safe_text": "base",
    "pipeline.resources": "base",
    "pipeline.redact": "base",
    "pipeline.packages": "base",
    "pipeline.compiled_patterns": "base",
    "pipeline.hints": "base",
    "pipeline.rules": "base",
    "pipeline.reuse": "base",
    "pipeline.minhash": "base",
    "pipeline.near_clusters": "base",
    "pipeline.frame_words": "base",
    "pipeline.io.*": "io",
    "pipeline.shards": "io",
    "pipeline.engines.*": "engines",
    "pipeline.entities": "engines",
    "pipeline.evidence": "engines",
    "pipeline.speakers": "engines",
    "pipeline.screenplay": "engines",
    "pipeline.capitals": "engines",
    "pipeline.cast_lines": "engines",
    "pipeline.credit_names": "engines",
    "pipeline.read_marks": "engines",
    "pipeline.opening_words": "engines",
    "pipeline.agreement": "engines",
    "pipeline.quotations": "engines",
    "pipeline.mentions": "engines",
    "pipeline.stages.*": "stages",
    "pipeline.run.*": "run",
    "pipeline.run.summary": "run",
    "pipeline.executors.*": "run",
    "pipeline.app.*": "shell",
    "pipeline.cli": "shell",
    "pipeline.entry": "shell",
    "pipeline.__main__": "shell",
    "pipeline.run.problems": "run",
}
FACADE = "pipeline"  # the package root names the public classes of every layer (lazily)

# Arrows still pointing up, each with whose it is. A new one fails the test; one fixed must
# leave this list (`test_every_known_arrow_is_still_there`).
KNOWN = {
    # Found, not in #32's list: the record's JSON encoding reads JSON values with io's
    # helper (io/jsonvalues → io/seven_bit); they belong below the record.
    ("pipeline.record", "pipeline.io.jsonvalues"): "found",
    # `Pipeline(report=True)` writes report.html with the run's other outputs: the run's one
    # call into the shell, made lazily (a library user who asks for no report never loads it).
    ("pipeline.run.pipeline", "pipeline.app.report"): "found",
    # Found, not in #32's list: the fix commands (`hints`, used from io up) name a language
    # pair's packages with Apertium's code conversion (`apertium.to_iso`).
    ("pipeline.hints", "pipeline.engines.translate.apertium"): "found",
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str | None:
    """The layer of `module`, by its name or its package's; None for the facade."""
    if module == FACADE:
        return None
    while module:
        for key in (module, f"{module}.*"):
            if key in PLACED and (key == module or key.endswith(".*")):
                return PLACED[key]
        module = module.rpartition(".")[0]
    raise AssertionError(f"no layer for {module!r}: add it to PLACED")


def is_module(name: str, root: Path) -> bool:
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


IMPORTERS = frozenset({"import_module", "__import__"})  # called with a literal module name


def where(tree: ast.Module) -> dict[str, str]:
    """A module's lazy `WHERE` table (name → module, as `lazy_names` reads it), if it has one."""
    for statement in tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "WHERE" for t in statement.targets)
        ):
            continue
        value = statement.value
        if isinstance(value, ast.Call) and value.args:  # MappingProxyType({...})
            value = value.args[0]
        if isinstance(value, ast.Dict):
            return {
                k.value: v.value
                for k, v in zip(value.keys, value.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                if isinstance(k.value, str) and isinstance(v.value, str)
            }
    return {}


def facade(root: Path) -> dict[str, str]:
    """The package root's `WHERE`: `from pipeline import Name` imports the module it names."""
    path = root / FACADE / "__init__.py"
    return where(ast.parse(path.read_text(encoding="utf-8"))) if path.exists() else {}


def imported(path: Path, module: str, root: Path) -> Iterator[str]:
    """The package modules `path` imports, anywhere in it (module level or in a function;
    `from pipeline.x import y` counts `pipeline.x.y` when y is a module, `from pipeline import
    Name` the module the root's `WHERE` names; `import_module("pipeline.x")` and
    `__import__("pipeline.x")` with a literal; a `WHERE` table's values, imports of its
    module made when a name is first used)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = list(where(tree).values())
    names_by_facade = facade(root)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, *([base] if base else [])])
            names.append(base)
            for alias in node.names:
                if is_module(f"{base}.{alias.name}", root):
                    names.append(f"{base}.{alias.name}")
                elif base == FACADE and alias.name in names_by_facade:
                    names.append(names_by_facade[alias.name])
        elif isinstance(node, ast.Call) and node.args:
            func, first = node.func, node.args[0]
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if called in IMPORTERS and literal:
                names.append(first.value)
    yield from (name for name in names if name.split(".")[0] == "pipeline")


def upward(root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(importer, imported) → their layers, for every import of `root`/pipeline that points
    to a higher layer."""
    found = {}
    for path in sorted((root / "pipeline").rglob("*.py")):
        module = module_name(path, root)
        if (own := layer(module)) is None:
            continue
        for name in imported(path, module, root):
            target = layer(name)
            if target is not None and LAYERS.index(target) > LAYERS.index(own):
                found[(module, name)] = (own, target)
    return found


def test_no_import_points_back_up() -> None:
    unknown = {arrow: layers for arrow, layers in upward(ROOT).items() if arrow not in KNOWN}
    assert unknown == {}


def test_every_known_arrow_is_still_there() -> None:
    """A known arrow fixed leaves the list, so the list says what is left to do."""
    assert set(KNOWN) - set(upward(ROOT)) == set()


# Each snippet, as a module of the stages layer: its arrow to a higher layer is found (FLAGGED)
# or there is none (KEPT).
FLAGGED = [
    "import pipeline.run",
    "from pipeline.app import report",
    "from pipeline.app.report import x",
    "from pipeline import Pipeline",
    "import importlib\nimportlib.import_module('pipeline.cli')",
    "from importlib import import_module\ndef f():\n    return import_module('pipeline.cli')",
    "__import__('pipeline.cli')",
    "WHERE = {'Reporter': 'pipeline.app.report'}",
    "WHERE = MappingProxyType({'Reporter': 'pipeline.app.report'})",
    "def f():\n    from ..run import Pipeline",
]
KEPT = [
    "import pipeline.record",
    "from pipeline import Record",
    "from pipeline import __version__",
    "import importlib\nimportlib.import_module(name)",
    "importlib.import_module('json')",
    "NOT_WHERE = {'Reporter': 'pipeline.app.report'}",
    "x = 'pipeline.app.report'",
    "from . import dedup",
]


def snippet_arrows(source: str, tmp: Path) -> set[tuple[str, str]]:
    (tmp / "pipeline" / "stages").mkdir(parents=True, exist_ok=True)
    (tmp / "pipeline" / "app").mkdir(exist_ok=True)
    facade_source = (
        "WHERE = MappingProxyType({'Pipeline': 'pipeline.run', 'Record': 'pipeline.record'})"
    )
    (tmp / "pipeline" / "__init__.py").write_text(facade_source, encoding="utf-8")
    for empty in (
        "stages/__init__",
        "stages/dedup",
        "app/__init__",
        "app/report",
        "run",
        "cli",
        "record",
    ):
        (tmp / "pipeline" / f"{empty}.py").write_text("", encoding="utf-8")
    (tmp / "pipeline" / "stages" / "probe.py").write_text(source, encoding="utf-8")
    return {arrow for arrow in upward(tmp) if arrow[0] == "pipeline.stages.probe"}


def test_the_scan_finds_each_kind_of_import_and_nothing_else(tmp_path: Path) -> None:
    missed = [source for source in FLAGGED if not snippet_arrows(source, tmp_path)]
    wrong = [source for source in KEPT if snippet_arrows(source, tmp_path)]
    assert (missed, wrong) == ([], [])
