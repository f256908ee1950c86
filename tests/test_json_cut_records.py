"""A JSON record cut short (a partial write, a bad merge) fails alone, in every layout a JSON
file takes, whatever the cut (hostile43 H1): cut inside a list or after a key (`"tags": [1,`,
`"id": `), the next record's `{` is a legal value of the open one, and the parser read on:
one record lost per cut in JSON Lines and concatenated objects, every later record of an
array. The record opening a line at the open one's column ends it (`json_stream`).

Generated: every layout x a cut after each `[`, `,`, `:`, `]` and `}` of the record (the
class, every one of them) and at any position (hypothesis), and a value left open deeper
than the JSON parser reads (`jsonvalues.MAX_DEPTH`). A record whose nested objects open lines
at its own column, read whole, stays whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.readers import Reader

N = 5
CUT = 2  # the record cut short


def records() -> list[dict[str, object]]:
    return [
        {
            "id": f"r{i}",
            "text": f"Record {i}: words, [brackets] and {{braces}}.",
            "tags": [{"k": j, "v": [j, "x"]} for j in range(i % 3 + 1)],
            "meta": {"n": i, "list": [1, 2]},
        }
        for i in range(N)
    ]


def indented(text: str, by: int) -> str:
    return "\n".join(" " * by + line for line in text.split("\n"))


def compact(rec: dict[str, object]) -> str:
    return json.dumps(rec)


def pretty(rec: dict[str, object]) -> str:
    return json.dumps(rec, indent=2)


# layout: (suffix, one record's text, the file from the records' texts)
Layout = tuple[str, Callable[[dict[str, object]], str], Callable[[list[str]], str]]
LAYOUTS: dict[str, Layout] = {
    "lines.json": (".json", compact, lambda objs: "\n".join(objs) + "\n"),
    "jq.json": (".json", pretty, lambda objs: "\n".join(objs) + "\n"),
    "jq.jsonl": (".jsonl", pretty, lambda objs: "\n".join(objs) + "\n"),
    "array_lines.json": (".json", compact, lambda objs: "[\n" + ",\n".join(objs) + "\n]\n"),
    "array_margin.json": (".json", pretty, lambda objs: "[\n" + ",\n".join(objs) + "\n]\n"),
    "array_margin.jsonl": (".jsonl", pretty, lambda objs: "[\n" + ",\n".join(objs) + "\n]\n"),
    "array_indented.json": (  # json.dumps(records, indent=2)
        ".json",
        lambda r: indented(pretty(r), 2),
        lambda objs: "[\n" + ",\n".join(objs) + "\n]\n",
    ),
    "array_indented.jsonl": (
        ".jsonl",
        lambda r: indented(pretty(r), 2),
        lambda objs: "[\n" + ",\n".join(objs) + "\n]\n",
    ),
    "wrapped.json": (  # json.dumps({"data": records}, indent=2)
        ".json",
        lambda r: indented(pretty(r), 4),
        lambda objs: '{\n  "data": [\n' + ",\n".join(objs) + "\n  ]\n}\n",
    ),
}


def read_cut(folder: Path, layout: str, cut: Callable[[str], str]) -> list[str]:
    """What is wrong reading the layout's file with record CUT's text cut by `cut`: good
    records lost, moved or invented, the cut one read, a failure not located."""
    suffix, one, whole = LAYOUTS[layout]
    recs = records()
    objs = [one(r) for r in recs]
    objs[CUT] = cut(objs[CUT])
    text = whole(objs)
    path = folder / f"cut{suffix}"
    path.write_text(text, encoding="utf-8")
    out = list(Reader()([path]))
    wrong = []
    good = [r for r in out if r.error is None and r.dropped is None]
    expected = [r for i, r in enumerate(recs) if i != CUT]
    if [(r.id, r.text) for r in good] != [(r["id"], r["text"]) for r in expected]:
        wrong.append(f"good records {[r.id for r in good]}")
    starts = {f"r{i}": text.encode().find(o.lstrip().encode()) for i, o in enumerate(objs)}
    for record in good:  # each where its object starts
        if record.location.byte != starts.get(str(record.id)):
            wrong.append(f"{record.id} at byte {record.location.byte}")
    failures = [r for r in out if r.error is not None]
    if not failures or any(r.location.byte is None for r in failures):
        wrong.append("the cut record does not fail, located")
    return wrong


def class_cuts(obj: str) -> list[int]:
    """Where a cut leaves a list or a key open: at each token's end outside strings (after
    `[`, `,`, `:`, a nested `]` or `}`, a string, a number or literal: the parser then takes
    the next record's `{` or `,` as the open one's), then again after the blank and before
    the next token, where pretty printers put line ends and indents."""
    cuts, in_string, escaped = [], False, False
    for i, c in enumerate(obj[:-1]):
        if in_string:
            in_string = escaped or c != '"'
            escaped = not escaped and c == "\\"
            if in_string:
                continue
        elif c == '"':
            in_string = True
            continue
        elif c.isspace() or (c.isalnum() and obj[i + 1].isalnum()):
            continue  # (inside a blank run or a number)
        cuts.append(i + 1)
        blanks = len(obj[i + 1 :]) - len(obj[i + 1 :].lstrip())
        cuts += [i + 2] if blanks else []  # (after the line end or blank)
        cuts += [i + 1 + blanks] if blanks > 1 else []  # (before the next token)
    return sorted(set(cuts))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_record_cut_inside_a_list_or_after_a_key_fails_alone(tmp_path: Path, layout: str) -> None:
    """Every cut of the class in every layout: 0 lost (before: 271 of 1,222 cases lost records:
    the next, or in an array every later one)."""
    _, one, _ = LAYOUTS[layout]
    obj = one(records()[CUT])
    wrong = {}
    for at in class_cuts(obj):
        if problems := read_cut(tmp_path, layout, lambda o, at=at: o[:at]):
            wrong[repr(obj[:at][-20:])] = problems
    assert not wrong, f"{len(wrong)} cuts: {list(wrong.items())[:3]}"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(layout=st.sampled_from(sorted(LAYOUTS)), where=st.floats(0, 1, exclude_max=True))
def test_a_record_cut_anywhere_fails_alone(tmp_path_factory, layout: str, where: float) -> None:
    _, one, _ = LAYOUTS[layout]
    obj = one(records()[CUT])
    start = len(obj) - len(obj.lstrip()) + 1  # (its `{` kept: the record fails)
    at = start + int(where * (len(obj) - start))  # (its `}` lost)
    folder = tmp_path_factory.mktemp("cut")
    assert read_cut(folder, layout, lambda o: o[:at]) == []


@pytest.mark.parametrize("depth", [3, 600, 1500])
@pytest.mark.parametrize("layout", ["lines.json", "jq.json", "array_lines.json", "wrapped.json"])
def test_a_value_left_open_deeper_than_the_parser_reads(
    tmp_path: Path, layout: str, depth: int
) -> None:
    """`"x": [[[[…` to the line's end (past `MAX_DEPTH` the parser cannot even say where it
    stops): the record fails alone (before: 15 of 27 cases lost the next record or more)."""

    def deep(obj: str) -> str:
        head = obj[: obj.index('"tags"')]
        return head + '"x": ' + "[" * depth

    assert read_cut(tmp_path, layout, deep) == []


def test_a_record_whose_nested_objects_open_lines_at_its_margin_is_read_whole(
    tmp_path: Path,
) -> None:
    """Hand-written layout: nested objects at the record's own column. The record reads
    whole, so the lines that might have started records are not cuts."""
    text = '{"id": "a", "text": "Nested at the margin.", "tags": [\n{"k": 1},\n{"k": 2}\n]}\n'
    text += '{"id": "b", "text": "Next."}\n'
    path = tmp_path / "margin.json"
    path.write_text(text, encoding="utf-8")
    out = list(Reader()([path]))
    assert [(r.id, r.error, r.text) for r in out] == [
        ("a", None, "Nested at the margin."),
        ("b", None, "Next."),
    ]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    layout=st.sampled_from(sorted(LAYOUTS)),
    cuts=st.dictionaries(st.integers(0, N - 1), st.floats(0, 1, exclude_max=True), min_size=2),
)
def test_several_records_cut_each_fail_alone(
    tmp_path_factory, layout: str, cuts: dict[int, float]
) -> None:
    """Records cut one after another, or the next cut inside a string (a line end there
    ended what the first cut left open, whole: 71 of 360 such files lost records on main,
    16 with the first fix alone)."""
    suffix, one, whole = LAYOUTS[layout]
    recs = records()
    objs = [one(r) for r in recs]
    for k, where in cuts.items():
        start = len(objs[k]) - len(objs[k].lstrip()) + 1
        objs[k] = objs[k][: start + int(where * (len(objs[k]) - start))]
    path = tmp_path_factory.mktemp("cuts") / f"cut{suffix}"
    path.write_text(whole(objs), encoding="utf-8")
    out = list(Reader()([path]))
    good = [(r.id, r.text) for r in out if r.error is None and r.dropped is None]
    assert good == [(r["id"], r["text"]) for i, r in enumerate(recs) if i not in cuts]
    assert all(r.location.byte is not None for r in out)
