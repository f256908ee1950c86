"""Engines chosen by name: a new engine is one file that registers itself here.

Uses `catalogue` (spaCy's registry library), so third-party packages can add engines through the
`pipeline_detectors` / `pipeline_translators` entry points without touching this code.
"""

from __future__ import annotations

from typing import Any

import catalogue

detectors = catalogue.create("pipeline", "detectors", entry_points=True)
translators = catalogue.create("pipeline", "translators", entry_points=True)


def _load_builtin_engines() -> None:
    # Imported for their registration side effect.
    import pipeline.engines.langid
    import pipeline.engines.translate  # noqa: F401


class UnknownEngine(ValueError):
    """An engine name no registered engine has, with the names there are."""


class EngineUnreachable(RuntimeError):
    """An online engine whose service cannot be reached at all (its host name does not
    resolve): said once when the stage is set up, not as a failure per text."""


def registered(registry: Any, kind: str, name: str) -> Any:
    """The engine registered as `name`, case-insensitively ("deepL" is "deepl")."""
    names = {n.casefold(): n for n in registry.get_all()}
    if name.casefold() not in names:
        choices = ", ".join(sorted(names.values()))
        raise UnknownEngine(f"{kind} {name!r} is unknown; choose from {choices}")
    return registry.get(names[name.casefold()])


def make_detector(name: str, **options: Any) -> Any:
    _load_builtin_engines()
    return registered(detectors, "language engine", name)(**options)


def make_translator(name: str, **options: Any) -> Any:
    _load_builtin_engines()
    return registered(translators, "translator", name)(**options)


def why_unreachable(engine: Any) -> str | None:
    """Why an online engine cannot be reached at all (its host name does not resolve), or
    None: an offline engine has nothing to resolve."""
    unresolved: str | None = engine.unresolved()  # declared by every translator (`base`)
    return unresolved


def canonical_name(name: str, names: list[str]) -> str:
    """`name` as registered, when it is one of `names` in another case; else as given."""
    return next((n for n in names if n.casefold() == name.casefold()), name)


def detector_names() -> list[str]:
    _load_builtin_engines()
    return sorted(detectors.get_all())


def translator_names() -> list[str]:
    _load_builtin_engines()
    return sorted(translators.get_all())
