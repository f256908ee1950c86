"""Every default of a stage's settings is written once in `pipeline/` (issue #32): the stage's
field holds it (or names the one constant that does), and every other place that needs it
(the command line's options, `default_stages`, another stage of the same setting) reads it
from there (`default_of`). A default written twice drifts: the CLI's `--lang-threshold` and
`Detect`'s own could disagree and nothing would say so.

An AST scan, no import of what it reads: each place a literal is given as a default (a
parameter's, a field's, a keyword's, a constant's) under a setting's name (`threshold`,
`lang_threshold`, `DEFAULT_ENGINE`), in a module that imports the stage's module or is
imported by it, is a place that default is written."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.stages.dedup import Dedup
from pipeline.stages.detect import Detect
from pipeline.stages.extract import Extract
from pipeline.stages.link import Link
from pipeline.stages.near_dedup import NearDedup
from pipeline.stages.quotes import Quotations
from pipeline.stages.translate import Translate

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
STAGES = (Detect, Quotations, Extract, Translate, Link, Dedup, NearDedup)
# The names the command line gives a stage's settings (`--lang-threshold`: Detect's threshold).
PREFIX = {"Detect": "lang_", "Quotations": "lang_", "NearDedup": "near_"}
Place = tuple[str, int, int]  # module, line, column


@cache
def tree(module: str) -> ast.Module:
    path = PACKAGE.parent / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = path.with_suffix("") / "__init__.py"
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def modules() -> tuple[str, ...]:
    root = PACKAGE.parent
    return tuple(
        ".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        for p in sorted(PACKAGE.rglob("*.py"))
    )


@cache
def imports(module: str) -> frozenset[str]:
    """The `pipeline` modules `module` imports, by name."""
    found = set()
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("pipeline"))
    return frozenset(found & set(modules()))


def literal(node: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Constant)
        and node.value is not None
        and isinstance(node.value, str | int | float | bool)
    )


def defaults_written(module: str) -> Iterator[tuple[str, ast.AST]]:
    """(name, literal) for each default given in `module`: parameters, fields and class or
    module attributes, keywords of a call (`field(default=...)` under its field's name)."""
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.arguments):
            yield from written_args(node)
        elif isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            for target in targets:
                if isinstance(target, ast.Name) and node.value is not None:
                    yield target.id, node.value
                    yield from field_default(target.id, node.value)
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg and keyword.arg != "default":
                    yield keyword.arg, keyword.value


def field_default(name: str, value: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "default":
                yield name, keyword.value


def normal(name: str) -> str:
    return name.lower().removeprefix("default_")


def related(module: str, home: str) -> bool:
    return module == home or home in imports(module) or module in imports(home)


def places(stage: type, name: str, value: Any) -> set[Place]:
    """Where `stage`'s default `value` of setting `name` is written as a literal."""
    names = {name, PREFIX.get(stage.__name__, "") + name}
    found = set()
    for module in modules():
        if not related(module, stage.__module__):
            continue
        for written, node in defaults_written(module):
            if (
                normal(written) in names
                and literal(node)
                and type(node.value) is type(value)  # type: ignore[attr-defined]
                and node.value == value  # type: ignore[attr-defined]
            ):
                found.add((module, node.lineno, node.col_offset))
    return found


def own_place(stage: type, name: str) -> Place | None:
    """Where the stage's own default is written: its field's literal, or the constant it
    names (in its module, or imported into it)."""
    for kind in stage.__mro__:
        if not kind.__module__.startswith("pipeline"):
            continue
        home = kind.__module__
        for node in ast.walk(tree(home)):
            if isinstance(node, ast.ClassDef) and node.name == kind.__name__:
                default = declared_default(node, name)
                if default is not None:
                    return resolved(home, default)
    return None


def declared_default(cls: ast.ClassDef, name: str) -> ast.AST | None:
    for node in cls.body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and node.value is not None
        ):
            return next((d for _, d in field_default(name, node.value)), node.value)
        if isinstance(node, ast.FunctionDef) and node.name == "__init__":
            for arg, default in written_args(node.args):
                if arg == name:
                    return default
    return None


def written_args(args: ast.arguments) -> Iterator[tuple[str, ast.AST]]:
    """(parameter, default) for each parameter that has one."""
    positional = [*args.posonlyargs, *args.args]
    with_default = positional[len(positional) - len(args.defaults) :]
    yield from ((a.arg, d) for a, d in zip(with_default, args.defaults, strict=True))
    pairs = zip(args.kwonlyargs, args.kw_defaults, strict=True)
    yield from ((a.arg, d) for a, d in pairs if d is not None)


def resolved(module: str, node: ast.AST) -> Place | None:
    if literal(node):
        return (module, node.lineno, node.col_offset)
    if not isinstance(node, ast.Name):
        return None
    for top in tree(module).body:
        if isinstance(top, ast.Assign | ast.AnnAssign):
            targets = [top.target] if isinstance(top, ast.AnnAssign) else top.targets
            if any(isinstance(t, ast.Name) and t.id == node.id for t in targets):
                return resolved(module, top.value) if top.value else None
        if (
            isinstance(top, ast.ImportFrom)
            and top.module
            and any((a.asname or a.name) == node.id for a in top.names)
        ):
            return resolved(top.module, ast.Name(id=node.id))
    return None


def settings() -> Iterator[tuple[type, str, Any]]:
    """Every stage setting whose default is a literal (not None: absence is no value)."""
    for stage in STAGES:
        for parameter in inspect.signature(stage).parameters.values():
            value = parameter.default
            if value is not inspect.Parameter.empty and literal(ast.Constant(value)):
                yield stage, parameter.name, value


@pytest.mark.parametrize(
    ("stage", "name", "value"), list(settings()), ids=lambda v: getattr(v, "__name__", str(v))
)
def test_a_stage_default_is_written_in_one_place(stage: type, name: str, value: Any) -> None:
    written = places(stage, name, value) | {own_place(stage, name)} - {None}
    assert len(written) == 1, f"{stage.__name__}.{name} = {value!r} written at {sorted(written)}"  # type: ignore[type-var]
