"""No module-level mutable state (#32): a module's names are constants, functions and classes.
A table is read-only (`MappingProxyType`, a tuple, a `frozenset`), a cache is `functools.cache`
on a function or state of the object that owns it. State held at module level is shared by
every caller of a process (a library user's two pipelines, a test and the next), survives a
run, and differs between a worker process and the main one.

An AST scan of `pipeline/`: a module-level (or class-level) name bound to a mutable container
(a dict, list or set display or comprehension, or a call of a mutable container type), a name
declared `global` in a function, and a module-level name mutated inside a function (an item
assigned or deleted, a mutating method called). The few that are state by design are named
below, each with why."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

MUTABLE_DISPLAYS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
MUTABLE_TYPES = frozenset({
    "dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque",
    "WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "ChainMap",
})  # fmt: skip
MUTATORS = frozenset({
    "append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear",
    "remove", "discard", "appendleft", "extendleft", "popleft", "sort", "reverse",
    "difference_update", "intersection_update", "symmetric_difference_update",
})  # fmt: skip

# State by design, each named with why (module:name). A registry maps a name to what a
# plug-in registered under it at import (as spaCy's and catalogue's registries do): filled
# once per process by decorators, read ever after; it is the extension point.
WORKER = (
    "per worker process, set by the pool's initializer: a worker is started with the task once "
    "and each shard call names only the shard (pickling the task per call would cost what it "
    "holds: models, the knowledge base)"
)
EXCEPTIONS = {
    "pipeline/executors/local.py:_worker_work": WORKER,
    "pipeline/executors/local.py:_worker_reports": WORKER + "; the queue a worker reports on",
    "pipeline/executors/local.py:_worker_owners": WORKER + "; the pids that took each shard",
    "pipeline/executors/dask.py:_tasks": (
        "per dask worker process: the task unpickled once per run (its token), not per shard; "
        "dask has no pool initializer to hand it over"
    ),
    "pipeline/io/readers/registry.py:FORMATS": "the readers' registry, by suffix (`@register`)",
    "pipeline/stages/base.py:Stage.kinds": (
        "the stages' registry (each `Stage` subclass, at its definition): the contract names "
        "the stage that writes what a stage misses"
    ),
}


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        yield name, ast.parse(path.read_text(encoding="utf-8"), name)


def mutable(value: ast.expr | None) -> bool:
    """Whether an expression builds a mutable container."""
    if isinstance(value, MUTABLE_DISPLAYS):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in MUTABLE_TYPES
    return False


def bound(statement: ast.stmt) -> Iterator[tuple[str, ast.expr | None]]:
    """The names an assignment binds at its level, with the value bound."""
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, statement.value
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        yield statement.target.id, statement.value


def containers(tree: ast.Module) -> Iterator[str]:
    """Module-level and class-level names bound to a mutable container."""
    for statement in tree.body:
        for name, value in bound(statement):
            if mutable(value) and not (name.startswith("__") and name.endswith("__")):
                yield name
        if isinstance(statement, ast.ClassDef):
            for inner in statement.body:
                for name, value in bound(inner):
                    if mutable(value):
                        yield f"{statement.name}.{name}"


def module_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for statement in tree.body:
        names.update(name for name, _ in bound(statement))
    return names


def mutated(tree: ast.Module) -> Iterator[str]:
    """Names declared `global` in a function, and module-level names whose container a
    function mutates (an item assigned or deleted, a mutating method called)."""
    names = module_names(tree)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for function in functions:
        local = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                yield from node.names
            target: ast.expr | None = None
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                for t in targets:
                    if isinstance(t, ast.Subscript):
                        target = t.value
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
            ):
                target = node.func.value
            if isinstance(target, ast.Name) and target.id in names and target.id not in local:
                yield target.id


def found() -> set[str]:
    out: set[str] = set()
    for name, tree in modules():
        out.update(f"{name}:{state}" for state in containers(tree))
        out.update(f"{name}:{state}" for state in mutated(tree))
    return out


def test_no_module_level_mutable_state() -> None:
    assert sorted(found() - EXCEPTIONS.keys()) == []


def test_every_exception_is_still_there() -> None:
    """An exception whose state is gone is taken out of the list."""
    assert sorted(EXCEPTIONS.keys() - found()) == []


FLAGGED = [
    "X = {}", "X: dict[str, int] = {'a': 1}", "X = [1, 2]", "X = {1, 2}", "X = {k: 1 for k in 'ab'}",
    "X = [k for k in 'ab']", "X = {k for k in 'ab'}", "X = set()", "X = dict(a=1)",
    "X = collections.defaultdict(list)", "X = OrderedDict()", "X = deque()", "X = Counter()",
    "class C:\n    X = []", "class C:\n    X: ClassVar[list[int]] = []",
    "X = None\ndef f():\n    global X\n    X = 1",
    "X = g()\ndef f():\n    X['k'] = 1", "X = g()\ndef f():\n    X.setdefault('k', 1)",
    "X = g()\ndef f():\n    del X['k']", "X = g()\ndef f():\n    X[0] += 1",
    "X = g()\ndef f():\n    X.append(1)", "X = g()\nasync def f():\n    X.clear()",
]  # fmt: skip
KEPT = [
    "X = MappingProxyType({'a': 1})", "X = frozenset({1})", "X = (1, 2)", "X = 'ab'",
    "__all__ = ['a']", "X = re.compile('a')", "@cache\ndef f():\n    return {}",
    "X = g()\ndef f(X):\n    X.append(1)", "def f():\n    X = {}\n    X['a'] = 1",
    "class C:\n    def f(self):\n        self.x = []", "X = g()\ndef f():\n    return X['k']",
]  # fmt: skip


def scanned(source: str) -> set[str]:
    tree = ast.parse(source)
    return set(containers(tree)) | set(mutated(tree))


def test_the_scan_finds_each_kind_of_state_and_nothing_else() -> None:
    missed = [source for source in FLAGGED if not scanned(source)]
    wrong = [source for source in KEPT if scanned(source)]
    assert (missed, wrong) == ([], [])
