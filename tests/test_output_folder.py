"""The output folder: a run acts only on what it made there, and leaves nothing of an earlier run
that describes other data."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from pipeline import Pipeline
from pipeline.io.lock import OutputInUse
from pipeline.io.readers import Reader
from pipeline.record import Record
from pipeline.run.parts import Parts
from pipeline.run.plan import ResumeError, make_plan
from pipeline.stages.base import Stage


def inputs(tmp_path: Path, text: str = "A sentence about the weather today.") -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "a.txt").write_text(text + "\n")
    return src


def test_a_planted_lock_link_is_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".lock").symlink_to(victim)
    with pytest.raises(OutputInUse, match="not a lock file"):
        Pipeline(stages=[]).run([inputs(tmp_path)], out)
    assert victim.read_text() == "precious\n"


@pytest.mark.parametrize("kind", ["file", "link", "dangling link"])
def test_a_parts_path_that_is_not_a_folder_of_ours_is_refused_in_one_line(
    tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n")
    parts = Parts.of(out).root
    if kind == "file":
        parts.write_text("not a folder\n")
    elif kind == "link":
        parts.symlink_to(elsewhere)
    else:
        parts.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputInUse, match=r"\.parts is (a symbolic link|not a folder)") as e:
        Pipeline(stages=[]).run([inputs(tmp_path)], out)
    assert "\n" not in str(e.value)
    assert (elsewhere / "keep.txt").read_text() == "keep\n"


def test_a_report_of_an_earlier_run_never_survives_a_new_run(tmp_path: Path) -> None:
    out = tmp_path / "out"
    Pipeline(stages=[], report=True).run([inputs(tmp_path, "First corpus sentence here.")], out)
    assert "First corpus" in (out / "report.html").read_text()
    Pipeline(stages=[]).run([inputs(tmp_path, "Second corpus sentence here.")], out)
    assert not (out / "report.html").exists()
    Pipeline(stages=[], report=True).run([inputs(tmp_path, "Third corpus sentence here.")], out)
    page = (out / "report.html").read_text()
    assert "Third corpus" in page and "First corpus" not in page


class UsesFile(Stage):
    """A stage whose output depends on a file a setting names (like a knowledge base)."""

    name = "uses_file"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def setting_files(self) -> list[Path]:
        return [self.path]

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        yield from records


def test_resume_compares_the_content_of_files_settings_name(tmp_path: Path) -> None:
    kb = tmp_path / "kb.jsonl"
    kb.write_text(json.dumps({"id": "kb:x", "canonical": "X", "label": "ORG"}) + "\n")
    src, out = inputs(tmp_path), tmp_path / "out"
    stages = [UsesFile(kb)]
    make_plan([src], out, Reader(), stages, {}, 1 << 20, resume=False)
    make_plan([src], out, Reader(), stages, {}, 1 << 20, resume=True)  # unchanged: resumes
    kb.write_text(json.dumps({"id": "kb:y", "canonical": "Y", "label": "ORG"}) + "\n")
    with pytest.raises(ResumeError, match=r"setting file \S*kb\.jsonl"):
        make_plan([src], out, Reader(), stages, {}, 1 << 20, resume=True)


def test_resume_says_which_input_changed(tmp_path: Path) -> None:
    src, out = inputs(tmp_path), tmp_path / "out"
    make_plan([src], out, Reader(), [], {}, 1 << 20, resume=False)
    (src / "a.txt").write_text("Edited, same place.\n")
    with pytest.raises(ResumeError, match=r"input a\.txt"):
        make_plan([src], out, Reader(), [], {}, 1 << 20, resume=True)
