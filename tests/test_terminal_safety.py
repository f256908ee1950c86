"""No name or text from the input reaches the terminal or run.log as a control: C0 and C1
controls, DEL, escape sequences, bidi overrides and isolates and other format characters are
shown escaped (`pipeline.safe_text`), wherever the message is built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.run.problems import unread_files
from pipeline.run.summary import told
from pipeline.safe_text import safe, safe_path

ROOT = Path(__file__).parents[1]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
HOSTILE = [
    *map(chr, range(0x00, 0x20)), "\x7f", *map(chr, range(0x80, 0xA0)), *BIDI,
    "\u200b", "\u200d", "\u061c", "\ufeff", "\u2028", "\u2029", "\U000e0041", "\ue000",
    "\x1b[2J", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x9b31m",
]  # fmt: skip


def leaks(text: str, layout: bool) -> list[str]:
    """The characters of `text` a terminal could act on (line ends and tabs allowed in a
    message the program laid out)."""
    allowed = "\n\t" if layout else ""
    return [
        c
        for c in text
        if c not in allowed
        and (
            (c.isascii() and not c.isprintable())
            or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")
        )
    ]


HOSTILE_TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=3)), max_size=8).map(
    "".join
)


@given(HOSTILE_TEXT)
def test_safe_leaves_no_control_and_keeps_every_other_character(text: str) -> None:
    shown = safe(text)
    assert not leaks(shown, layout=False)
    assert "\n" not in shown and "\r" not in shown
    kept = [c for c in text if not leaks(c, layout=False)]
    assert all(c in shown for c in kept)  # printable text is shown as it is


@given(source=HOSTILE_TEXT, message=HOSTILE_TEXT)
def test_the_run_summary_escapes_names_and_messages_from_errors(
    tmp_path_factory: object, source: str, message: str
) -> None:
    folder = tmp_path_factory.mktemp("out")  # type: ignore[attr-defined]
    entry = {"source": source, "line": None, "stage": "read", "message": message, "code": "E001"}
    (folder / "errors.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    report = {
        "counts": {"read": 1, "written": 0, "dropped": 0, "failed": 1},
        "seconds": {"total": 0.1},
    }
    for line in told(folder, folder, report, [source], True, True).logged():
        assert not leaks(line, layout=False), line
    assert list(unread_files(folder, folder))


def test_safe_path_shows_bytes_that_are_not_utf8() -> None:
    assert safe_path(os.fsdecode(b"caf\xe9\r.txt")) == "caf\\xe9\\r.txt"


def test_the_command_line_never_prints_a_hostile_name_or_text_raw(tmp_path: Path) -> None:
    """One run over files named with every hostile character (each in a name that is not
    read, and some in a name that is), one of them holding hostile text: stderr, stdout and
    run.log hold none of them raw."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, hostile in enumerate(HOSTILE):
        if "/" in hostile or "\0" in hostile:
            continue
        (inputs / f"n{i}{hostile}x.bin").write_bytes(b"\0binary\0")
    body = "".join(h for h in HOSTILE if h != "\0")
    (inputs / "t\x1b[31m\u202e.txt").write_text(f"A line of text {body} here.\n", encoding="utf-8")
    (inputs / "u\r\nall files read OK.md").write_text("# Title\n\nSome words.\n", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out), "-t", "none",
         "--no-report", "-w", "1", "-v"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=600,
    )  # fmt: skip
    stderr, stdout = done.stderr.decode(), done.stdout.decode()
    assert "not read:" in stderr, stderr
    for text in (stderr, stdout, (out / "run.log").read_text(encoding="utf-8")):
        assert not leaks(text, layout=True), [c for c in leaks(text, layout=True)]
    lines = stderr.splitlines()
    assert not any(line.startswith("all files read OK") for line in lines)
    assert sum(line.startswith("not read:") for line in lines) >= 20
