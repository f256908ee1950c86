"""`pipeline doctor`: is everything the pipeline needs here, and if not, how to fix it."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path
from types import MappingProxyType

from pipeline import hints
from pipeline.engines.translate.apertium import DEFAULT_MODES_DIR, installed_modes, to_iso
from pipeline.engines.translate.cache import default_cache_path
from pipeline.engines.translate.online import SERVICES
from pipeline.packages import debian_packages, python_packages
from pipeline.resources import load_json

EXTRAS = (  # (extra, the module it brings, what it is for)
    ("parquet", "pyarrow", "Parquet input and --format parquet"),
    ("dask", "distributed", "--executor dask"),
    ("lingua", "lingua", "--lang-engine lingua"),
)


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok, fail, info
    detail: str
    fix: str | None = None


MARKS = MappingProxyType({"ok": "ok  ", "fail": "FAIL", "info": "info"})


def checked(modes_dir: Path | None, show: Callable[[str], None]) -> int:
    """Run every check, showing each (and the command that fixes it) as it ends; how many
    failed."""
    problems = 0
    for check in run_checks(modes_dir):
        show(f"[{MARKS[check.status]}] {check.name}: {check.detail}")
        if check.fix:
            show(f"       fix: {check.fix}")
        problems += check.status == "fail"
    return problems


def run_checks(modes_dir: Path | None = None) -> Iterator[Check]:
    yield from check_packages()
    yield from check_extras()
    yield from check_models()
    yield from check_apertium(
        modes_dir or Path(os.environ.get("APERTIUM_MODES_DIR") or DEFAULT_MODES_DIR)
    )
    yield check_languages(modes_dir)
    yield check_cache()
    yield from check_online_keys()


def check_packages() -> Iterator[Check]:
    for name in python_packages():
        try:
            yield Check(f"package {name}", "ok", version(name))
        except PackageNotFoundError:
            yield Check(f"package {name}", "fail", "not installed", hints.install_package())


def check_extras() -> Iterator[Check]:
    """The optional features (pyproject's extras) and the command that adds each one here."""
    for extra, module, what in EXTRAS:
        if importlib.util.find_spec(module) is None:
            yield Check(f"optional {extra}", "info", f"{what}: not installed",
                        hints.install_package(extra))  # fmt: skip
        else:
            yield Check(f"optional {extra}", "ok", what)


def check_models() -> Iterator[Check]:
    for lang, name in sorted(load_json("ner.json")["models"].items()):
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            yield Check(
                f"spaCy model {name} ({lang})", "fail", "not installed", hints.install_models()
            )
            continue
        bad = [
            str(f)
            for f in dist.files or []
            if f.hash and not matches(dist.locate_file(f), f.hash.mode, f.hash.value)
        ]
        if bad:
            detail = f"{len(bad)} file(s) differ from the hashes recorded at install, e.g. {bad[0]}"
            yield Check(
                f"spaCy model {name} ({lang})", "fail", detail, hints.install_models(force=True)
            )
        else:
            yield Check(
                f"spaCy model {name} ({lang})",
                "ok",
                f"{dist.version}, {len(dist.files or [])} files match their hashes",
            )


def matches(path: object, mode: str, expected: str) -> bool:
    try:
        digest = hashlib.new(mode, Path(str(path)).read_bytes()).digest()
    except OSError:
        return False
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == expected


def check_apertium(modes_dir: Path) -> Iterator[Check]:
    tools = [
        t
        for t in ("lt-proc", "apertium-pretransfer", "apertium-transfer")
        if shutil.which(t) is None
    ]
    if tools:
        yield Check(
            "Apertium engine",
            "fail",
            f"missing {', '.join(tools)}",
            hints.install_apertium(["apertium"]),
        )
    else:
        yield Check("Apertium engine", "ok", shutil.which("lt-proc") or "")
    found = set(installed_modes(modes_dir))
    pairs = [(package, pair) for package in debian_packages() if (pair := pair_of(package))]
    # a pair package installs one direction or both (apertium-eo-fr: only fr→eo)
    names = [f"{a}-{b}" for _, pair in pairs for a, b in (pair, pair[::-1]) if (a, b) in found]
    missing = [
        (p, f"{a}-{b}") for p, (a, b) in pairs if (a, b) not in found and (b, a) not in found
    ]
    if missing:
        yield Check(
            f"Apertium pairs in {modes_dir}",
            "fail",
            f"missing mode(s) {', '.join(mode for _, mode in missing)}",
            hints.install_apertium(sorted({p for p, _ in missing})),
        )
    else:
        yield Check(f"Apertium pairs in {modes_dir}", "ok", ", ".join(names))


def check_languages(modes_dir: Path | None = None) -> Check:
    """Which source languages translate into English offline here, and which of those
    measured to be worth it (models/languages.json) `make languages` would add."""
    from pipeline.engines.translate.apertium import ApertiumTranslator, measured_languages

    engine = ApertiumTranslator(modes_dir)
    here = engine.languages_into("en")
    wanted = sorted((measured_languages() or frozenset()) - set(here))
    if wanted:
        return Check(
            "offline languages into English",
            "info",
            f"{', '.join(here) or 'none'}; not installed: {', '.join(wanted)}",
            hints.install_languages(
                sorted({p for lang in wanted for p in hints.packages_for(lang, "en") or []})
            ),
        )
    return Check("offline languages into English", "ok", ", ".join(here) or "none")


def pair_of(package: str) -> tuple[str, str] | None:
    """The two languages of an Apertium pair package (`apertium-eng-spa` → en, es)."""
    parts = package.split("-")
    if len(parts) == 3 and parts[0] == "apertium":
        return to_iso(parts[1]), to_iso(parts[2])
    return None


def check_cache() -> Check:
    path = default_cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(path).close()
    except (OSError, sqlite3.Error) as e:
        return Check(
            "translation cache",
            "fail",
            f"{path}: {e}",
            "choose a writable file: pipeline run ... --cache PATH (or --no-cache)",
        )
    return Check("translation cache", "ok", str(path))


def check_online_keys() -> Iterator[Check]:
    for name, service in sorted(SERVICES.items()):
        missing = [
            service.env[arg] for arg in service.required if not os.environ.get(service.env[arg])
        ]
        if missing:
            yield Check(
                f"online translator {name}",
                "info",
                f"not configured ({', '.join(missing)} unset)",
                f"export {missing[0]}=...",
            )
        else:
            yield Check(
                f"online translator {name}",
                "ok",
                "configured" if service.required else "needs no key",
            )


__all__ = ["Check", "run_checks"]
