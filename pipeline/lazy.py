"""Names a package exports, imported when first used (PEP 562): importing the package, or one
module of it, stays light (the command line takes over signals before spaCy and the engines
load; a run's small modules do not load every stage)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The module `__getattr__` of `package`: each name in `where` is imported from the module
    `where` gives when first asked for, then kept in the package's namespace."""

    def __getattr__(name: str) -> Any:
        if name in where:
            value = getattr(import_module(where[name]), name)
            vars(sys.modules[package])[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
