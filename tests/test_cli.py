"""The command line as a user meets it: subprocesses, stdin pipes, exit codes, and the README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_run_writes_the_six_outputs(tmp_path: Path) -> None:
    result = cli("run", str(RAW), "--out-dir", str(tmp_path), "--translator", "none")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "corpus.jsonl",
        "dropped.jsonl",
        "entities.jsonl",
        "errors.jsonl",
        "run.json",
        "warnings.jsonl",
    ]
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["settings"]["translator"] == "none"
    assert report["counts"]["translated"] == {}
    assert "read 25" in result.stderr


def test_detect_reads_stdin_and_prints_lang_tab_score() -> None:
    result = cli(
        "detect",
        stdin="Le film fut au centre d'une polémique à Cannes.\nThe film was well received by critics.\nAD\n",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["fr", "en", "und"]
    assert all(re.fullmatch(r"[a-z]{2,3}\t[01]\.\d{4}", line) for line in lines)


def test_translate_and_entities_commands() -> None:
    result = cli("translate", "Peter Bogdanovich demanda à Cher de boycotter toute promotion.")
    assert result.returncode == 0, result.stderr
    assert "Peter Bogdanovich" in result.stdout and "Cher" in result.stdout
    result = cli(
        "entities",
        "Cher chante avec Eric Stoltz dans le film de Peter Bogdanovich.",
        "-t",
        "apertium",
    )
    record = json.loads(result.stdout)
    assert record["lang"] == "fr" and record["translation"]["lang"] == "en"
    assert {"text", "translation"} == {e["field"] for e in record["entities"]}


@pytest.mark.parametrize("command", ["run", "detect", "translate", "entities"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = cli(command, "--help")
    assert result.returncode == 0 and "Example" in result.stdout


def test_bad_options_fail_with_a_clear_message(tmp_path: Path) -> None:
    result = cli("run", str(tmp_path / "missing"), "--out-dir", str(tmp_path))
    assert result.returncode != 0 and "no such input" in result.stderr
    result = cli("run", str(RAW), "--out-dir", str(tmp_path), "--translator", "babelfish")
    assert result.returncode != 0 and "unknown translator" in result.stderr


def test_readme_library_example_runs_as_written() -> None:
    readme = (ROOT / "README.md").read_text()
    (example,) = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    result = subprocess.run(
        [sys.executable, "-c", example], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "fr Peter Bogdanovich" in result.stdout and "en None" in result.stdout
    assert "('Cher', 'PERSON', 'translation')" in result.stdout
