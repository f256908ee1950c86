"""W002 (a duplicate id renamed) locates the record it renames as every other warning does:
its file, line and byte offset (issue #29, F17), whether the record is in the corpus (renamed
at the merge, or after the first pass of a run with a corpus-wide step), in errors or in
dropped lines; and so does a line a corpus-wide step drops in a later pass. On main the
warning's byte was always null, and so was a line `--dedup drop` dropped."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import Dedup, Pipeline

IDS = st.sampled_from(["a", "b", "7", "true"])
TEXTS = st.sampled_from(["A calm film.", "A loud film.", "A calm film.", "", None])


def obj(pair: tuple[str, str | None]) -> str:
    given, text = pair
    return json.dumps({"id": given, "text": text} if text is not None else {"id": given})


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    lines=st.lists(st.tuples(IDS, TEXTS).map(obj), min_size=2, max_size=8),
    steps=st.sampled_from(["none", "dedup", "dedup drop"]),
    suffix=st.sampled_from([".jsonl", ".json"]),
)
def test_every_duplicate_id_warning_has_its_line_and_byte(
    tmp_path_factory, lines: list[str], steps: str, suffix: str
) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("dup")
    content = "\n".join(lines) + "\n" if suffix == ".jsonl" else "[" + ",\n".join(lines) + "]\n"
    (tmp / f"in{suffix}").write_text(content, encoding="utf-8")
    starts, at = {}, 0  # each object's line → the byte where it starts
    for number, line in enumerate(content.split("\n"), 1):
        starts[number] = at + (1 if suffix == ".json" and number == 1 else 0)
        at += len(line.encode("utf-8")) + 1
    stages = {"none": [], "dedup": [Dedup()], "dedup drop": [Dedup("drop")]}[steps]
    Pipeline(stages=stages).run([tmp / f"in{suffix}"], tmp / "out")
    with (tmp / "out" / "warnings.jsonl").open(encoding="utf-8") as f:
        renamed = [w for w in map(json.loads, f) if w["code"] == "W002"]
    written = [json.loads(line)["id"] for name in ("corpus", "errors", "dropped")
               for line in (tmp / "out" / f"{name}.jsonl").open(encoding="utf-8")]  # fmt: skip
    assert len(renamed) == len(written) - len({w.split("~")[0] for w in written})
    for warning in renamed:
        assert warning["line"] is not None and warning["byte"] is not None, warning
        assert warning["byte"] == starts[warning["line"]], (warning, content)
    for name in ("errors", "dropped"):  # and what they rename: every entry located alike
        for entry in map(json.loads, (tmp / "out" / f"{name}.jsonl").open(encoding="utf-8")):
            assert entry["byte"] == starts[entry["line"]], entry
