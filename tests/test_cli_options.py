"""What a user types, by class: every option of `run` written wrong in a config file (one line
naming the file and the key), every option name misspelt (a suggestion), `-h` on every command,
and field lists tried in order across formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import Pipeline
from pipeline.cli import app
from pipeline.io.readers import Reader

RUNNER = CliRunner()


def run_params() -> list:  # type: ignore[type-arg]
    import typer.main

    command = typer.main.get_command(app)
    return [p for p in command.commands["run"].params if p.name != "config"]  # type: ignore[attr-defined]


def wrong_value(param) -> object | None:  # type: ignore[no-untyped-def]
    """A value of the wrong kind for this option, or None when any scalar would do."""
    many = param.multiple or param.nargs == -1
    if many:
        return {"a": 1}
    kind = param.type_descriptor.annotation
    if kind in (int, float, int | None, float | None):
        return "many"
    if kind is bool:
        return "perhaps"
    return [[1]]  # a list of lists: no option takes that


@pytest.mark.parametrize("param", run_params(), ids=lambda p: p.name)
def test_a_wrong_value_in_a_config_file_names_the_file_and_key(param, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    value = wrong_value(param)
    config = tmp_path / "bad.json"  # JSON: it writes every kind of value (TOML has no null)
    config.write_text(json.dumps({"options": {param.name: value}}), encoding="utf-8")
    result = RUNNER.invoke(app, ["run", str(tmp_path), "--config", str(config)])
    assert result.exit_code == 2, result.output
    (line,) = [s for s in result.output.splitlines() if s.strip()]
    assert line.startswith(f"error: --config {config}: {param.name} = "), line
    assert "Traceback" not in result.output


@pytest.mark.parametrize("param", run_params(), ids=lambda p: p.name)
def test_a_misspelt_key_gets_its_suggestion(param, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = param.name.replace("_", "-")
    typo = name[:3] + name[min(2, len(name) - 1)] + name[3:]  # a letter typed twice
    config = tmp_path / "typo.toml"
    config.write_text(f'"{typo}" = 1\n', encoding="utf-8")
    result = RUNNER.invoke(app, ["run", str(tmp_path), "--config", str(config)])
    assert result.exit_code == 2
    assert f"unknown option {typo!r}; did you mean " in result.output, result.output


def test_one_input_in_a_config_file_is_a_list_of_one(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A quiet film about a harbour.\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text(f'inputs = "{tmp_path / "in"}"\n', encoding="utf-8")
    result = RUNNER.invoke(
        app, ["run", "--config", str(config), "-o", str(tmp_path / "out"), "-q", "-t", "none"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize(
    "command", ["run", "detect", "translate", "entities", "report", "download-models", "doctor"]
)
def test_h_is_help_on_every_command(command: str) -> None:
    for args in (["-h"], [command, "-h"]):
        result = RUNNER.invoke(app, args)
        assert result.exit_code == 0 and "Usage:" in result.output, result.output


def test_shell_completion_is_offered() -> None:
    result = RUNNER.invoke(app, ["--help"])
    assert "--install-completion" in result.output and "--show-completion" in result.output


def test_field_lists_are_tried_in_order_across_formats(tmp_path: Path) -> None:
    """A CSV of reviews and a JSONL of texts in one run; a record with neither field fails
    with both names; run.json records the lists."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.csv").write_text("key,review\nk1,A calm and patient film.\n", encoding="utf-8")
    (src / "b.jsonl").write_text(
        '{"uid": "u1", "text": "Un film calme et patient."}\n'
        '{"uid": "u2", "review": "Preferred over text.", "text": "Not this one."}\n'
        '{"uid": "u3", "body": "Neither field."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    reader = Reader(text_field="review,text", id_field=["key", "uid"])
    Pipeline(stages=[], reader=reader).run([src], out)
    rows = [json.loads(line) for line in (out / "corpus.jsonl").open(encoding="utf-8")]
    assert [(r["id"], r["text"]) for r in rows] == [
        ("k1", "A calm and patient film."),
        ("u1", "Un film calme et patient."),
        ("u2", "Preferred over text."),
    ]
    assert rows[2]["meta"]["text"] == "Not this one."  # the other field is kept, not lost
    (error,) = [json.loads(line) for line in (out / "errors.jsonl").open(encoding="utf-8")]
    assert error["message"].startswith("field 'review' or 'text' is missing")
    reader_settings = json.loads((out / "run.json").read_text())["settings"]["reader"]
    assert reader_settings["text_field"] == ["review", "text"]
    assert reader_settings["id_field"] == ["key", "uid"]


@pytest.mark.parametrize(
    ("inputs", "out", "refused"),
    [
        (["in"], "in", True),  # the same folder
        (["in/notes"], "in", True),  # the output folder holds the input
        (["in/notes/deep"], "in", True),
        (["in/notes/a.txt"], "in", True),
        (["in/notes", "other"], "in/notes/..", True),  # written another way
        (["in"], "in/out", False),  # inside the input: reading skips it
        (["in/notes"], "out", False),
    ],
)
def test_an_out_dir_that_is_or_holds_an_input_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs: list[str], out: str, refused: bool
) -> None:
    (tmp_path / "in" / "notes" / "deep").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    for folder in ("in/notes", "in/notes/deep", "other"):
        (tmp_path / folder / "a.txt").write_text("A calm film about a harbour.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*"))
    result = RUNNER.invoke(app, ["run", *inputs, "-o", out, "-q", "-t", "none", "--no-report"])
    if refused:
        assert result.exit_code == 2, result.output
        (line,) = result.output.strip().splitlines()
        assert line.startswith(f"error: --out-dir {out} would write into the input "), line
        assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written
    else:
        assert result.exit_code == 0, result.output


def test_nothing_read_because_a_folder_holds_outputs_says_so(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("A calm film about a harbour.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert RUNNER.invoke(app, ["run", "in", "-o", "in/run1", "-q", "-t", "none"]).exit_code == 0
    (tmp_path / "in" / "a.txt").unlink()
    result = RUNNER.invoke(app, ["run", "in", "-o", "out", "-q", "-t", "none"])
    assert result.exit_code != 0
    assert "in/run1 hold(s) the outputs of an earlier run" in result.output, result.output


def test_delimiter_states_what_a_file_cannot_tell(tmp_path: Path) -> None:
    """`--delimiter ';'` where both readings have the header's width (the sniffed delimiter
    would be the format's own, `,`); a delimiter that is no one character is a usage error;
    run.json records it."""
    src = tmp_path / "a.csv"
    src.write_text("id;text;n,m\n1;one, two;3\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(src), "--out-dir", str(out), "-w", "1", "--translator", "none",
            "--no-report"]  # fmt: skip
    result = RUNNER.invoke(app, [*args, "--delimiter", "semicolon"])
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in (out / "corpus.jsonl").open(encoding="utf-8")]
    assert (row["id"], row["text"]) == ("1", "one, two")
    assert json.loads((out / "run.json").read_text())["settings"]["reader"]["delimiter"] == ";"
    result = RUNNER.invoke(app, [*args, "--delimiter", "ab"])
    assert result.exit_code == 2 and "no delimiter" in result.output
