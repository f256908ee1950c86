"""What went wrong, grouped by reason (#33 item 3): every error and warning template, filled
with every kind of value that varies between records, lands in one group per reason; words
that name different reasons stay apart; counts add up; the end-of-run summary shows them."""

from __future__ import annotations

import json
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import MESSAGES, Code, Warn
from pipeline.record import Record
from pipeline.run.accounting import Accounting
from pipeline.run.problems import OTHER, grouped, message_class, summary_lines
from pipeline.safe_text import unsafe
from tests.conftest import ROOT

TEMPLATES = sorted(MESSAGES.items(), key=lambda kv: kv[0].value)
WORD = st.text(string.ascii_letters + "éßøłñ", min_size=1, max_size=12)
NAME = st.text(string.ascii_letters + string.digits + "éßøł _-./", min_size=1, max_size=30)

# The values that differ between two records failing for the same reason, by class. A class is
# drawn per field, then values of it per record: they must all give one reason.
VARYING = {
    "number": st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    "decimal": st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.3f}"),
    "quoted": NAME.map(lambda s: f"'{s}'"),
    "double-quoted": NAME.map(lambda s: f'"{s}"'),
    "quoted list": st.lists(NAME, min_size=1, max_size=6).map(
        lambda names: ", ".join(f"'{n}'" for n in names)
    ),
    "url": st.tuples(
        WORD, st.text(string.ascii_letters + string.digits + "-._~/%", max_size=30), WORD
    ).map(lambda t: f"https://{t[0]}.example/{t[1]}?key={t[2]}"),
    "position": st.tuples(*[st.integers(1, 10**6)] * 3).map(
        lambda t: f"line {t[0]} column {t[1]} (char {t[2]})"
    ),
}


def fields_of(template: str) -> list[tuple[str, str | None, str]]:
    """(name, conversion, format spec) of each field of a message template; a field glued to
    the word before it (`not followed{hint}`) is a suffix the program chose from a few, not a
    value from the input (its spec is given as "suffix"); one inside quotes is a word ("word")."""
    fields, before = [], ""
    for literal, name, spec, conversion in string.Formatter().parse(template):
        before += literal
        if name is not None:
            glued = "suffix" if literal[-1:].isalnum() else None
            inside = "word" if before.count("'") % 2 else None  # '.[{extra}]': a word in quotes
            fields.append((name, conversion, glued or inside or spec))
            before += "x"
    return fields


def fill(template: str, values: dict[str, Any]) -> str:
    return template.format(**values)


@st.composite
def same_reason(draw: st.DrawFn, template: str, n: int) -> list[str]:
    """`n` messages of `template`, each field varying within one drawn class."""
    fields = fields_of(template)
    classes = {name: draw(st.sampled_from(sorted(VARYING))) for name, _, _ in fields}
    messages = []
    for _ in range(n):
        values: dict[str, Any] = {}
        for name, conversion, spec in fields:
            if spec == ",":
                values[name] = draw(st.integers(0, 10**9))
            elif spec == "suffix":
                values[name] = ""
            elif spec == "word":
                values[name] = draw(WORD)
            elif conversion == "r":
                values[name] = draw(NAME)  # repr quotes it: a quoted value
            else:
                values[name] = draw(VARYING[classes[name]])
        messages.append(fill(template, values))
    return messages


def entry(code: str, message: str, i: int, stage: str = "read") -> dict[str, Any]:
    return {"id": f"r{i}", "source": f"in/{i % 3}.jsonl", "line": i + 1, "stage": stage,
            "code": code, "message": message, "text": f"input {i}"}  # fmt: skip


@pytest.mark.parametrize("code, template", TEMPLATES, ids=[c.value for c, _ in TEMPLATES])
@settings(max_examples=25)
@given(data=st.data())
def test_every_template_with_every_kind_of_varying_value_is_one_reason(
    code: Code | Warn, template: str, data: st.DataObject
) -> None:
    messages = data.draw(same_reason(template, 4))
    groups = grouped([entry(code.value, m, i) for i, m in enumerate(messages)], "error")
    assert [g.count for g in groups] == [4], (messages, [g.reason for g in groups])
    assert groups[0].code == code.value and groups[0].example["id"] == "r0"
    assert groups[0].example["message"] == messages[0]


@settings(max_examples=30)
@given(st.data())
def test_different_words_are_different_reasons(data: st.DataObject) -> None:
    """A word in a message (an exception's kind, `missing` or `empty`) names its reason."""
    for code, template in TEMPLATES:
        free = [
            name for name, conversion, spec in fields_of(template) if not conversion and not spec
        ]
        if not free:
            continue
        a, b = data.draw(st.lists(WORD, min_size=2, max_size=2, unique=True), label=code.value)
        messages = [
            template.format(**{
                name: 7 if spec == "," else "" if spec == "suffix" else "x" if conversion else word
                for name, conversion, spec in fields_of(template)
            })
            for word in (a, b)
        ]  # fmt: skip
        groups = grouped([entry(code.value, m, i) for i, m in enumerate(messages)], "error")
        assert len(groups) == 2, (code, messages)


def test_one_message_under_two_codes_or_stages_is_two_reasons() -> None:
    rows = [entry("E201", "ValueError: x", 0, "translate"), entry("E301", "ValueError: x", 1,
            "extract"), entry("E901", "ValueError: x", 2, "mine"), entry("E901", "ValueError: x",
            3, "yours")]  # fmt: skip
    assert len(grouped(rows, "error")) == 4


CODES = [c.value for c in Code] + [w.value for w in Warn]


@settings(max_examples=80)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(CODES), st.sampled_from(["a", "b", "c", "d"]), st.integers(0, 99)
        ),
        max_size=120,
    ),
    st.integers(1, 6),
)
def test_counts_add_up_examples_come_first_order_is_fixed(
    rows: list[tuple[str, str, int]], max_groups: int
) -> None:
    entries = [entry(code, f"problem {word} at {n}", i) for i, (code, word, n) in enumerate(rows)]
    groups = grouped(entries, "error", keep=3, max_groups=max_groups)
    assert sum(g.count for g in groups) == len(entries)
    assert [(-g.count, g.code, g.reason) for g in groups] == sorted(
        (-g.count, g.code, g.reason) for g in groups
    )
    distinct = {(e["code"], message_class(e["message"])) for e in entries}
    assert len(groups) <= max_groups + len(CODES)
    if len(distinct) <= max_groups:
        assert OTHER not in {g.reason for g in groups} and len(groups) == len(distinct)
    for g in groups:
        assert g.example == g.entries[0] and len(g.entries) == min(3, g.count)
        if g.reason != OTHER:  # the example is the group's first entry in file order
            first = next(e for e in entries if (e["code"], f"read: {message_class(e['message'])}")
                         == (g.code, g.reason))  # fmt: skip
            assert g.example["id"] == first["id"]
    assert grouped(entries, "error", keep=3, max_groups=max_groups) == groups  # deterministic


DROP_REASONS = ["heading", "boilerplate", "byline", "furniture", "navigation", "advertising",
                "lost", "duplicate"]  # fmt: skip


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(DROP_REASONS), NAME), max_size=80))
def test_dropped_lines_are_grouped_as_the_run_counts_them(rows: list[tuple[str, str]]) -> None:
    """By the reason's first word, exactly as `accounting` counts `dropped_by_reason`
    (`duplicate of r3` and `duplicate of r9` are one reason)."""
    accounting = Accounting()
    entries = []
    for i, (reason, detail) in enumerate(rows):
        full = f"{reason} of {detail}" if reason == "duplicate" else reason
        record = Record(id=f"d{i}", doc_id="d", source="page.html", seq=i, text=detail,
                        dropped=full)  # fmt: skip
        accounting.count_out(record)
        entries.append(record.dropped_entry())
    groups = grouped(entries, "dropped")
    assert {g.code: g.count for g in groups} == accounting.to_dict()["dropped_by_reason"]


def test_summary_lines_name_each_reason_with_its_first_place_safely(tmp_path: Path) -> None:
    hostile = "bad\x1b[2J\rname\u202e.txt"
    rows = [entry("E003", f"invalid JSON: Expecting value: line 1 column {i} (char {i})", i)
            for i in range(7)]  # fmt: skip
    rows += [entry("E201", f"Kind{i}Error: \x1b[31mboom", 10 + i, "translate") for i in range(14)]
    rows.append({**entry("E002", "binary file (NUL bytes), not text", 99), "source": hostile,
                 "line": None})  # fmt: skip
    (tmp_path / "errors.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    counts = {"failed": len(rows), "dropped_by_reason": {"heading": 3, "duplicate": 5}}
    lines = summary_lines(tmp_path, counts, most=5)
    assert lines[0] == f"  failed {len(rows)}, by reason:"
    assert "E003 read: invalid JSON: Expecting value: line N column N (char N)" in lines[1]
    assert lines[1].split()[0] == "7" and "(first: in/0.jsonl:1 id r0)" in lines[1]
    shown = [int(line.split()[0]) for line in lines[1:-1]]
    assert sum(shown) == len(rows) and "for 11 more reasons: see errors.jsonl" in lines[-2]
    assert lines[-1] == "  dropped 8: duplicate (5); heading (3)"
    assert not any(unsafe(c) for line in lines for c in line)
    assert summary_lines(tmp_path, {"failed": 0, "dropped_by_reason": {}}) == []


def test_the_end_of_run_summary_gives_the_reasons_before_anything_else(tmp_path: Path) -> None:
    """A mixed folder, as a user would hand it: the terminal says why records failed."""
    data = tmp_path / "in"
    data.mkdir()
    rows = []
    for i in range(30):
        if i % 5 == 1:
            rows.append(f'{{"id": "broken{i}", "text": "no end')
        elif i % 5 == 2:
            rows.append(json.dumps({"id": f"n{i}", "body": "the text is under another key"}))
        elif i % 5 == 3:
            rows.append(json.dumps([i, "a list, not an object"]))
        else:
            rows.append(
                json.dumps({"id": f"ok{i}", "text": f"A calm sentence number {i} about a boat."})
            )
    (data / "mixed.jsonl").write_text("\n".join(rows) + "\n")
    (data / "blob.txt").write_bytes(b"\x00\x01\x02binary" * 4)
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(data), "-o", str(out), "--translator",
         "none", "--quiet"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    log = (out / "run.log").read_text().splitlines()
    start = next(i for i, line in enumerate(log) if line.startswith("read 31, written 12,"))
    assert log[start + 1] == "  failed 19, by reason:"
    reasons = log[start + 2 : start + 6]
    assert [line.split()[:2] for line in reasons] == [
        ["6", "E003"], ["6", "E004"], ["6", "E005"], ["1", "E002"]
    ]  # fmt: skip
    assert "(first: mixed.jsonl:2 id mixed:L2)" in reasons[0]
    assert "(first: blob.txt id blob)" in reasons[3]
