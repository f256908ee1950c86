"""Front matter of any length (hostile42 H21): a block that reads as a mapping is metadata
however many lines or keys it holds (a site's 200 tags, 300 keys, long scalars), in YAML,
TOML and JSON: its title is the page's title record, its author on every body record, its
lines dropped as `markup`, none of them a record. Past the page bound (`--max-page-bytes`)
a YAML or TOML block is metadata still, read up to the bound (W016 at the first line not
read), its other lines dropped up to its closing fence. Text generated here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.io.readers import Reader

TITLE, AUTHOR = "Films of the winter harbour", "Ada Lantern"
BODY = ["The article body starts here, by the quiet shore.", "A second paragraph of it."]


def yaml_list(n: int) -> list[str]:
    return ["tags:"] + [f"  - tag{i}" for i in range(n)]


def yaml_keys(n: int) -> list[str]:
    return [f"key{i}: value {i}" for i in range(n)]


def yaml_literal(n: int) -> list[str]:
    return ["summary: |"] + [f"  line {i} of a long summary" for i in range(n)]


def yaml_nested(n: int) -> list[str]:
    return ["params:"] + [f"  p{i}:\n    a: {i}\n    b: [x, y]" for i in range(n // 3)]


def yaml_block(inner: Callable[[int], list[str]], n: int, title_first: bool) -> list[str]:
    head = [f"title: {TITLE}", f"author: {AUTHOR}"]
    lines = head + inner(n) if title_first else inner(n) + head
    return ["---", *lines, "---"]


def toml_block(n: int, title_first: bool) -> list[str]:
    head = [f'title = "{TITLE}"', f'author = "{AUTHOR}"']
    keys = [f'key{i} = "value {i}"' for i in range(n)]
    tags = ["tags = [", *(f'  "tag{i}",' for i in range(n)), "]"]
    return ["+++", *(head + keys + tags if title_first else keys + tags + head), "+++"]


def json_block(n: int, title_first: bool) -> list[str]:
    head = [f'  "title": "{TITLE}",', f'  "author": "{AUTHOR}",']
    keys = [f'  "key{i}": "value {i}",' for i in range(n)]
    lines = head + keys if title_first else keys + head
    return ["{", *lines, '  "last": 1', "}"]


SHAPES: dict[str, Callable[[int, bool], list[str]]] = {
    "yaml list": lambda n, t: yaml_block(yaml_list, n, t),
    "yaml keys": lambda n, t: yaml_block(yaml_keys, n, t),
    "yaml literal": lambda n, t: yaml_block(yaml_literal, n, t),
    "yaml nested": lambda n, t: yaml_block(yaml_nested, n, t),
    "toml": toml_block,
    "json": json_block,
}
SIZES = [197, 260, 1_500]  # lines: around the old bound (200) and far past it


def read(tmp_path: Path, front: list[str], **kw: Any) -> tuple[list[Any], list[dict[str, Any]]]:
    path = tmp_path / "page.md"
    path.write_text("\n".join([*front, "", BODY[0], "", BODY[1], ""]))
    warnings: list[dict[str, Any]] = []
    return list(Reader(**kw)([path], warnings.append)), warnings


def check(records: list[Any], front: list[str], title: bool = True) -> None:
    active = [r for r in records if r.active]
    assert [r.text for r in active] == ([TITLE] if title else []) + BODY, active[:4]
    for record in active[-2:]:
        assert (record.meta or {}).get("author") == AUTHOR
    dropped = {r.location.line for r in records if r.dropped}
    title_line = active[0].location.line if title else None
    front_lines = {i + 1 for i, line in enumerate(front) if line.strip()}
    assert front_lines - {title_line} <= dropped
    assert not [r for r in records if r.error]


@pytest.mark.parametrize("title_first", [True, False])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_long_front_matter_is_metadata(
    tmp_path: Path, shape: str, size: int, title_first: bool
) -> None:
    front = "\n".join(SHAPES[shape](size, title_first)).split("\n")
    records, warnings = read(tmp_path, front)
    check(records, front)
    assert not warnings


@pytest.mark.parametrize("shape", sorted(set(SHAPES) - {"json"}))
def test_past_the_page_bound_it_is_read_up_to_the_bound(tmp_path: Path, shape: str) -> None:
    front = "\n".join(SHAPES[shape](1_500, True)).split("\n")
    bound = 8_000  # characters: the block is 16-40 kB
    records, warnings = read(tmp_path, front, max_page_bytes=bound)
    check(records, front)
    (warning,) = warnings
    assert warning["code"] == "W016" and "--max-page-bytes" in warning["message"]
    assert 2 < warning["line"] < len(front)
    assert sum(len(line) + 1 for line in front[: warning["line"] - 1]) <= bound + 8


@pytest.mark.parametrize("body", ["never closed", "prose"])
def test_past_the_bound_a_block_that_is_no_mapping_is_markdown(tmp_path: Path, body: str) -> None:
    words = "harbour lantern ferry quiet morning winter shore island keeper"
    lines = ["---", *(f"{words} {i}.\n" for i in range(2_000))]
    lines += [] if body == "never closed" else ["---"]
    records, warnings = read(tmp_path, lines, max_page_bytes=20_000)
    texts = [r.text for r in records if r.active]
    assert f"{words} 1999." in " ".join(texts)
    assert BODY[0] in texts and not warnings
