"""What the pipeline depends on, each list read from the one place it is written.

- Python packages: `pyproject.toml`'s dependencies, as installed (`importlib.metadata`).
- Debian packages: `models/apt-packages.txt`, which `scripts/install-system-deps.sh` installs.

`pipeline doctor`, the Apertium engine's version and `run.json` read these; nothing copies them.
"""

from __future__ import annotations

import platform
import re
from importlib.metadata import PackageNotFoundError, requires, version

from pipeline.resources import models_dir
from pipeline.version import DISTRIBUTION, __version__

APT_PACKAGES = "apt-packages.txt"
APT_LANGUAGES = "apt-languages.txt"
REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9._-]+")


def python_packages() -> list[str]:
    """The packages pyproject.toml declares (extras left out), as installed."""
    try:
        declared = requires(DISTRIBUTION) or []
    except PackageNotFoundError:
        return []
    names = (REQUIREMENT_NAME.match(r) for r in declared if "extra ==" not in r)
    return [m[0] for m in names if m]


def debian_packages() -> list[str]:
    """The Debian packages of the offline default (Apertium and its language pairs)."""
    return package_list(APT_PACKAGES)


def language_packages() -> list[str]:
    """The Apertium pairs `make languages` adds (opt-in source languages)."""
    return package_list(APT_LANGUAGES)


def package_list(name: str) -> list[str]:
    path = models_dir() / name
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def installed_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def versions() -> dict[str, str | None]:
    """For run.json: the pipeline, Python, and every declared package as installed (engine and
    model versions are with their stages)."""
    return {
        "pipeline": __version__,
        "python": platform.python_version(),
        **{name: installed_version(name) for name in sorted(python_packages(), key=str.lower)},
    }
