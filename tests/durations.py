"""Each test file's measured seconds, so that `make test` sends the heaviest files to its
workers first (longest first: the last file to finish is a short one, not a 60-second one
started when the other worker had nothing left). Only the order depends on this table; a
file it does not list runs after the listed ones of more than a second.

Refresh after tests change much: `make test-durations` (runs the suite once with a JUnit XML
report and writes `tests/durations.json` from it)."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).with_name("durations.json")
UNLISTED = 1.0  # seconds: most files take less


def seconds_by_file() -> dict[str, float]:
    """The table, or nothing when it is missing or unreadable (the order is then pytest's)."""
    try:
        table = json.loads(TABLE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in table.items()} if isinstance(table, dict) else {}


def from_junit(report: Path) -> dict[str, float]:
    """Seconds per test file in a JUnit XML report (`pytest --junitxml`)."""
    per: Counter[str] = Counter()
    for case in ET.parse(report).iter("testcase"):
        per[case.get("classname", "").rsplit(".", 1)[-1] + ".py"] += float(case.get("time", 0))
    return {name: round(s, 1) for name, s in sorted(per.items()) if s >= 0.5}


if __name__ == "__main__":
    TABLE.write_text(json.dumps(from_junit(Path(sys.argv[1])), indent=0) + "\n", encoding="utf-8")
