"""Every Python example of the README and docs/ runs as written (a newcomer copies them)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)
EXAMPLES = [
    (f"{page.name}:{page.read_text(encoding='utf-8')[: m.start()].count(chr(10)) + 1}", m[1])
    for page in PAGES
    for m in BLOCK.finditer(page.read_text(encoding="utf-8"))
]


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(("where", "code"), EXAMPLES, ids=[w for w, _ in EXAMPLES])
def test_an_example_runs(where: str, code: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{where}:\n{result.stderr[-2000:]}"
    assert result.stdout.strip(), where  # each example prints what it shows
