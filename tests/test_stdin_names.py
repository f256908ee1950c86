"""Standard input beside files with the names its spool takes (`stdin.jsonl`, `stdin.txt`):
its records never carry the spool's random folder, and two runs write the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

PIPED = {"jsonl": '{"text": "Piped in as JSON."}\n', "txt": "Piped in as plain text.\n"}


@pytest.mark.parametrize("piped", sorted(PIPED))
@pytest.mark.parametrize("name", ["stdin.jsonl", "stdin.txt", "sub/stdin.jsonl"])
@pytest.mark.parametrize("as_folder", [True, False])
def test_stdin_beside_a_file_of_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piped: str, name: str, as_folder: bool
) -> None:
    disk = tmp_path / "in" / name
    disk.parent.mkdir(parents=True)
    disk.write_text(
        '{"text": "Read from disk."}\n' if name.endswith("jsonl") else "Read from disk.\n", "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    given = "in" if as_folder else str(disk.relative_to(tmp_path))
    outputs = []
    for run in ("a", "b"):
        result = CliRunner().invoke(
            app, ["run", "-", given, "-o", f"out-{run}", "-q", "-t", "none", "--no-report"],
            input=PIPED[piped],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / f"out-{run}" / "corpus.jsonl").read_text("utf-8"))
    assert outputs[0] == outputs[1]
    assert "pipeline-stdin-" not in outputs[0] and "/tmp/" not in outputs[0]
    assert outputs[0].count("\n") == 2
