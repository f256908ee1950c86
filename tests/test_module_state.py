"""No module-level mutable state (#32): a module's names are constants, functions and classes.
A table is read-only (`MappingProxyType`, a tuple, a `frozenset`), a cache is `functools.cache`
on a function or state of the object that owns it. State held at module level is shared by
every caller of a process (a library user's two pipelines, a test and the next), survives a
run, and differs between a worker process and the main one.

An AST scan of `pipeline/`: a module-level or class-level name (any class, nested ones too)
bound to a mutable container (a dict, list or set display or comprehension, a call of a mutable
container type, `threading.local()`), a name declared `global` in a function, a module-level
name changed inside a function at any depth (an item or attribute assigned or deleted:
`X['k'] = 1`, `X.count += 1`; a mutating method called: `X['k'].append(1)`), and a monkeypatch
(an attribute of an imported module or name, or of a class, assigned, deleted or `setattr`
anywhere). The few that are state by design are named below, each with why."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

MUTABLE_DISPLAYS = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
MUTABLE_TYPES = frozenset({
    "dict", "list", "set", "bytearray", "defaultdict", "OrderedDict", "Counter", "deque",
    "WeakValueDictionary", "WeakKeyDictionary", "WeakSet", "ChainMap",
    "local",  # threading.local(): a namespace per thread, shared by every caller on it
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
CODEC = (
    "per thread, for one decode call: a codecs error handler is registered by name for the "
    "process and is called with the error alone, so where it replaced a sequence reaches the "
    "caller through a per-thread note, set before and read after the call on the same thread"
)
EXCEPTIONS = {
    "pipeline/executors/local.py:_worker_work": WORKER,
    "pipeline/executors/local.py:_worker_reports": WORKER + "; the queue a worker reports on",
    "pipeline/executors/local.py:_worker_owners": WORKER + "; the pids that took each shard",
    "pipeline/executors/dask.py:_tasks": (
        "per dask worker process: the task unpickled once per run (its token), not per shard; "
        "dask has no pool initializer to hand it over"
    ),
    "pipeline/app/lines.py:PRINTED": (
        "a line command's one flag that its last line is out, read by `pipeline.entry` as the "
        "process ends (the command line owns its process; never set by `import pipeline`)"
    ),
    "pipeline/io/readers/registry.py:FORMATS": "the readers' registry, by suffix (`@register`)",
    "pipeline/io/encoding.py:_MARKED": CODEC,
    "pipeline/io/utf8_variants.py:_first_bad": CODEC,
    "pipeline/engines/translate/http.py:requests patched": (
        "deep-translator calls `requests.get`/`requests.post` inside its `translate()`, each "
        "making its own `requests.Session`, and takes no session, timeout or hook: no argument "
        "of ours reaches the request, so the timeout and the response capture wrap "
        "`Session.request`, once; the wrapper acts only inside `http.policy(...)` on the "
        "thread that opened it and hands every other call to requests' own method unchanged"
    ),
    "pipeline/engines/translate/http.py:_local": (
        "the `http.policy` block open on each thread, read by the wrapper above (per thread, "
        "set and restored by the block)"
    ),
    "pipeline/compiled_patterns.py:re patched": (
        "`re.compile` replaced inside `reusing_compiled_patterns()` (the extract stage's model "
        "load: the patterns are compiled by spaCy, not by us); restored on exit, and what it "
        "returns is the pattern `re.compile` would build (same code, read back from the cache)"
    ),
    "pipeline/app/options.py:TyperArgument patched": (
        "typer renders an argument's usage with no per-argument class or hook; patched when the "
        "command line is loaded (the shell, which owns its process), never by `import pipeline`"
    ),
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
    for node in ast.walk(tree):  # every class, one in a function or a class included
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                for name, value in bound(inner):
                    if mutable(value):
                        yield f"{node.name}.{name}"


def module_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for statement in tree.body:
        names.update(name for name, _ in bound(statement))
    return names


def outside_names(tree: ast.Module) -> set[str]:
    """Module-level names of what other code also holds: imported modules and names, classes."""
    names: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in statement.names)
        elif isinstance(statement, ast.ClassDef):
            names.add(statement.name)
    return names


def root(node: ast.expr) -> ast.expr:
    """The name an item or attribute chain starts from: `X` for `X['k'].y`."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node


def patched(tree: ast.Module) -> Iterator[str]:
    """An attribute of an imported module or name, or of a class, assigned or `setattr` anywhere
    (a monkeypatch: it changes that object for the whole process)."""
    outside = outside_names(tree)
    shadowed: dict[int, set[str]] = {}  # node → the names a function around it binds itself
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            own = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
            own |= {
                n.id
                for n in ast.walk(function)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            }
            for node in ast.walk(function):
                shadowed.setdefault(id(node), set()).update(own)
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = [t for t in node.targets if isinstance(t, ast.Attribute)]
        elif isinstance(node, ast.AugAssign | ast.AnnAssign) and isinstance(
            node.target, ast.Attribute
        ):
            targets = [node.target]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"setattr", "delattr"}
            and node.args
        ):
            targets = [node.args[0]]
        for target in targets:
            start = root(target)
            if isinstance(start, ast.Name) and start.id in outside - shadowed.get(id(node), set()):
                yield f"{start.id} patched"


def mutated(tree: ast.Module) -> Iterator[str]:
    """Names declared `global` in a function, and module-level names whose container or
    attribute a function changes (an item or attribute assigned or deleted, at any depth:
    `X['k'] = 1`, `X.count += 1`; a mutating method called: `X['k'].append(1)`)."""
    names = module_names(tree)
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for function in functions:
        local = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                yield from node.names
            changed: list[ast.expr] = []
            if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                changed = [t.value for t in targets if isinstance(t, ast.Subscript | ast.Attribute)]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
            ):
                changed = [node.func.value]
            for target in map(root, changed):
                if isinstance(target, ast.Name) and target.id in names and target.id not in local:
                    yield target.id


def found() -> set[str]:
    out: set[str] = set()
    for name, tree in modules():
        out.update(f"{name}:{state}" for state in containers(tree))
        out.update(f"{name}:{state}" for state in mutated(tree))
        out.update(f"{name}:{state}" for state in patched(tree))
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
    "class X:\n    cache = {}", "def f():\n    class X:\n        cache = {}\n    return X",
    "class C:\n    class X:\n        cache = []", "import threading\n_local = threading.local()",
    "from threading import local\n_local = local()",
    "import requests\ndef f():\n    requests.Session.request = g",
    "from typer.core import TyperArgument\nTyperArgument._usage_display_name = f",
    "import re\nre.compile = f", "import json\nsetattr(json, 'dumps', f)",
    "import a.b\na.b.c = 1", "from m import K\ndef f():\n    K.x += 1",
    "class C:\n    pass\nC.x = 1", "import m\ndel m.x",
    "X = g()\ndef f():\n    X.count += 1", "X = g()\ndef f():\n    X.y = 1",
    "X = g()\ndef f():\n    X['k'].append(1)", "X = g()\ndef f():\n    X.a.b['k'] = 1",
    "X = g()\ndef f():\n    del X.y",
]  # fmt: skip
KEPT = [
    "X = MappingProxyType({'a': 1})", "X = frozenset({1})", "X = (1, 2)", "X = 'ab'",
    "__all__ = ['a']", "X = re.compile('a')", "@cache\ndef f():\n    return {}",
    "X = g()\ndef f(X):\n    X.append(1)", "def f():\n    X = {}\n    X['a'] = 1",
    "class C:\n    def f(self):\n        self.x = []", "X = g()\ndef f():\n    return X['k']",
    "@dataclass\nclass C:\n    x: list[int] = field(default_factory=list)",
    "import m\ndef f(m):\n    m.x = 1", "import hashlib\ndef f():\n    hashlib.sha256().update(b'')",
    "X = g()\ndef f(X):\n    X.count += 1", "import m\ndef f():\n    return m.x",
    "class C:\n    def f(self):\n        self.n += 1", "def f():\n    o = g()\n    o.x = 1",
    "import threading\ndef f():\n    return threading.local()", "X = g()\ndef f():\n    X['k'].get(1)",
]  # fmt: skip


def scanned(source: str) -> set[str]:
    tree = ast.parse(source)
    return set(containers(tree)) | set(mutated(tree)) | set(patched(tree))


def test_the_scan_finds_each_kind_of_state_and_nothing_else() -> None:
    missed = [source for source in FLAGGED if not scanned(source)]
    wrong = [source for source in KEPT if scanned(source)]
    assert (missed, wrong) == ([], [])
