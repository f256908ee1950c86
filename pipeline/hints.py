"""The command that fixes a missing piece, written for where the user is.

A user runs the pipeline from a checkout set up by `make` (its `.venv`, its Makefile) or from an
installed package (a wheel, `pip install corpusmill`) with no Makefile and no `models/` folder
beside them; as root or not. A hint that names a command which does not exist there sends them
nowhere, so every "fix:" is built here, from where this process runs.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from functools import cache
from pathlib import Path

from pipeline.version import DISTRIBUTION

ONLINE = "google, deepl, microsoft, mymemory or libre"  # the online engines (deep-translator)


@cache
def checkout() -> Path | None:
    """The project folder when this package runs from a checkout (its Makefile beside it)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "Makefile").is_file() and (root / "pyproject.toml").is_file():
        return root
    return None


def made_venv(root: Path) -> bool:
    """Whether this interpreter is the checkout's own `.venv`, the one `make` builds."""
    try:
        return Path(sys.prefix).resolve() == (root / ".venv").resolve()
    except OSError:
        return False


def shown(path: Path) -> str:
    """A path as short as it can be from the current folder."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        return shlex.quote(str(path))
    return shlex.quote(str(relative) or ".")


def make(target: str) -> str | None:
    """`make TARGET` (with `-C` when the checkout is not the current folder), or None outside a
    checkout set up by make."""
    root = checkout()
    if root is None or not made_venv(root):
        return None
    here = Path.cwd().resolve() == root.resolve()
    return f"make {target}" if here else f"make -C {shown(root)} {target}"


def pip() -> str:
    """This interpreter's pip: the one that installs where the pipeline runs."""
    return f"{shown(Path(sys.executable))} -m pip"


def install_package(extra: str | None = None) -> str:
    """Install (or repair) the pipeline's Python packages, with an optional extra."""
    if command := make(f"setup EXTRAS={extra}" if extra else "setup"):
        return command
    root = checkout()
    suffix = f"[{extra}]" if extra else ""
    if root is not None:  # a checkout installed by hand: keep it editable
        return f"{pip()} install -e {shlex.quote(f'{shown(root)}{suffix}')}"
    return f"{pip()} install {shlex.quote(DISTRIBUTION + suffix)}"


def command() -> str:
    """How to call this pipeline from here: `pipeline` when that is the one on the PATH, else
    the script beside this interpreter (a checkout's `.venv/bin/pipeline` not activated)."""
    script = Path(sys.executable).parent / "pipeline"
    found = shutil.which("pipeline")
    if found and script.exists() and Path(found).resolve() == script.resolve():
        return "pipeline"
    return shown(script) if script.exists() else f"{shown(Path(sys.executable))} -m pipeline"


def install_models(force: bool = False) -> str:
    """Install the pinned spaCy models (again, over damaged files, with `force`)."""
    if not force and (made := make("setup")):
        return made
    return f"{command()} download-models" + (" --force" if force else "")


def apt_install(packages: list[str]) -> str:
    sudo = "" if os.geteuid() == 0 else "sudo "
    return f"{sudo}apt-get install --no-install-recommends -y {' '.join(sorted(packages))}"


def install_apertium(packages: list[str]) -> str:
    """Install Apertium and pairs: `make setup` in a checkout (its script installs them)."""
    return make("setup") or apt_install(packages)


def install_languages(packages: list[str]) -> str:
    """Install extra language pairs: `make languages` in a checkout, else the packages."""
    return make("languages") or apt_install(packages)


def online_instead(source: str, target: str) -> str:
    return f"no installable Apertium pair translates {source}→{target}; the online engines do: --translator {ONLINE}"  # noqa: E501


def packages_for(source: str, target: str) -> list[str] | None:
    """The Debian packages of the route `models/languages.json` turns on for source → target
    (the pairs `make` installs and those `make languages` adds), or None when no measured
    route serves it."""
    from pipeline.engines.translate.apertium import to_iso
    from pipeline.packages import debian_packages, language_packages
    from pipeline.resources import load_json

    try:
        row = load_json("languages.json")["languages"].get(source)
    except FileNotFoundError:
        return None
    if target != "en" or not row or not row.get("on"):
        return None
    pairs: dict[frozenset[str], str] = {}
    for package in [*debian_packages(), *language_packages()]:
        parts = package.split("-")
        if len(parts) == 3 and parts[0] == "apertium":
            pairs[frozenset({to_iso(parts[1]), to_iso(parts[2])})] = package
    needed = []
    for mode in str(row["route"]).split("|"):
        a, _, b = mode.partition("-")
        found = pairs.get(frozenset({to_iso(a), to_iso(b)}))
        if found is None:
            return None
        needed.append(found)
    return needed


def missing_pair(source: str, target: str) -> str:
    """Why there is no offline route source → target here, in words that do not depend on
    where the pipeline runs (they go into `meta.untranslated`): `pipeline doctor` prints the
    command for here."""
    if packages_for(source, target) is None:
        return online_instead(source, target)
    return (f"the Apertium pair for {source}→{target} is not installed here "
            "(`pipeline doctor` gives the command that installs it)")  # fmt: skip
