"""Every "fix:" names a command that exists where the user is: a checkout set up by make (in
its folder or elsewhere), a checkout installed by hand, an installed package; root or not.
An exhaustive table of places × hints."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from pipeline import hints
from pipeline.packages import debian_packages

ROOT = Path(__file__).resolve().parent.parent
MAKE_TARGETS = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(), re.M))
PLACES = ["make-here", "make-elsewhere", "checkout-by-hand", "installed"]


@pytest.fixture(params=[(p, root) for p in PLACES for root in (True, False)],
                ids=lambda v: f"{v[0]}-{'root' if v[1] else 'user'}")  # fmt: skip
def place(request, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    where, is_root = request.param
    hints.checkout.cache_clear()
    monkeypatch.setattr(hints.os, "geteuid", lambda: 0 if is_root else 1000)
    if where == "installed":
        monkeypatch.setattr(hints, "checkout", lambda: None)
    else:
        monkeypatch.setattr(hints, "checkout", lambda: ROOT)
        monkeypatch.setattr(hints, "made_venv", lambda root: where != "checkout-by-hand")
    monkeypatch.chdir(ROOT if where == "make-here" else tmp_path)
    return where, is_root


def every_hint() -> dict[str, str]:
    return {
        "package": hints.install_package(),
        "extra": hints.install_package("parquet"),
        "models": hints.install_models(),
        "models again": hints.install_models(force=True),
        "apertium": hints.install_apertium(["apertium", "apertium-fr-es"]),
        "languages": hints.install_languages(["apertium-eo-en"]),
    }


def test_every_hint_names_a_command_that_exists_there(place) -> None:  # type: ignore[no-untyped-def]
    where, is_root = place
    for name, command in every_hint().items():
        if command.startswith("make"):
            assert where.startswith("make"), (name, command)
            target = command.split()[-1] if "=" not in command else command.split()[-2]
            assert target in MAKE_TARGETS, command
            assert ("-C" in command) == (where == "make-elsewhere"), command
        else:
            assert "models/" not in command, (name, command)
            program = command.split()[0]
            assert program in ("sudo", "apt-get", "pipeline") or Path(program).exists(), command
            if "apt-get" in command:
                assert command.startswith("sudo ") != is_root, command
            elif "-m pip" in command:
                python = command.split(" -m pip")[0]
                assert Path(python).resolve() == Path(sys.executable).resolve(), command
            else:
                assert command.split()[1] == "download-models", command
        if where == "installed" and name == "extra":
            assert command.endswith("install 'corpusmill[parquet]'"), command
        if where == "checkout-by-hand" and name in ("package", "extra"):
            assert " -e " in command, command  # stays editable


@pytest.mark.parametrize("lang", ["de", "it", "ja", "zh", "ru", "gl", "bs"])
def test_a_language_no_installable_pair_serves_names_the_online_engines(lang: str) -> None:
    said = hints.missing_pair(lang, "en")
    assert "make languages" not in said and "--translator google" in said


def install_pair(source: str, target: str) -> str | None:
    """The command that installs the offline route source → target here, if one exists."""
    packages = hints.packages_for(source, target)
    if packages is None:
        return None
    default = set(packages) <= set(debian_packages())
    return hints.install_apertium(packages) if default else hints.install_languages(packages)


@pytest.mark.parametrize("lang", ["fr", "es", "ca", "eo", "pt"])
def test_a_language_a_pair_serves_names_its_install(lang: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hints, "make", lambda target: None)  # as installed
    said = hints.missing_pair(lang, "en")
    assert "not installed here" in said and "pipeline doctor" in said, said
    fix = install_pair(lang, "en")
    assert fix is not None and "apt-get install" in fix and "apertium-" in fix, fix
