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


def make_detector(name: str, **options: Any) -> Any:
    _load_builtin_engines()
    return detectors.get(name)(**options)


def make_translator(name: str, **options: Any) -> Any:
    _load_builtin_engines()
    return translators.get(name)(**options)


def detector_names() -> list[str]:
    _load_builtin_engines()
    return sorted(detectors.get_all())


def translator_names() -> list[str]:
    _load_builtin_engines()
    return sorted(translators.get_all())
