"""What reading a Markdown file's front matter costs (`pipeline.io.front_matter`), for hostile
blocks of 190 lines: the seconds for the block, and for the same number of characters of
ordinary paragraphs read as Markdown, and their ratio. Its parser is given at most the page
bound (`--max-page-bytes`, 8 MB by default; past it a block that reads as a mapping is cut
there, its other lines streamed as `markup`, hostile42 H21), so a file's front matter costs
at most that, whatever the file's size.

    .venv/bin/python bench/front_matter.py

Measured (2 shared cores): every shape under 0.1 s, at most about the cost of reading 64 kB of
paragraphs. JSON, 20 members on each of 190 lines ending in `}`: read again from its start
at every such line, as first written, 4.4 s; now the nesting is followed line by line and the
parser asked once. YAML through libyaml (pure-Python PyYAML took 6 s on 2,000 nested `[`:
without libyaml a block nested past 64 levels is no front matter). At 2,000 / 20,000 lines
(0.5 / 5 MB, under the 8 MB bound) per character: JSON members 1.0 / 1.0 us, YAML long
scalars 84 / 86 ns, TOML arrays 0.5 / 0.6 us: linear.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pipeline.io.front_matter import front_matter

FILL = "lantern " * 30


def json_members(n: int) -> list[str]:
    return ["{", '"a": {}'] + [', "b": {}' * 20 for _ in range(n)] + ["}"]


def json_nested(n: int) -> list[str]:
    return ["{", '"a": {"x": {}'] + [f', "b{i}": {{"c": "{FILL}"}}' for i in range(n)] + ["}}"]


def yaml_scalars(n: int) -> list[str]:
    return ["---"] + [f"k{i}: {FILL}" for i in range(n)] + ["title: a title", "---"]


def yaml_flow(n: int) -> list[str]:
    return ["---"] + [f"k{i}: " + "[a, {b: c}], " * 20 for i in range(n)] + ["---"]


def toml_arrays(n: int) -> list[str]:
    return ["+++"] + [f"k{i} = [" + '"lantern", ' * 25 + "]" for i in range(n)] + ["+++"]


def unclosed(n: int) -> list[str]:
    return ["---"] + [f"line {i} {FILL}" for i in range(n)]


SHAPES: list[tuple[str, Callable[[int], list[str]]]] = [
    ("JSON, members on lines ending }", json_members),
    ("JSON, one nested value growing", json_nested),
    ("YAML, long scalars", yaml_scalars),
    ("YAML, flow collections", yaml_flow),
    ("TOML, arrays", toml_arrays),
    ("YAML, never closed", unclosed),
]


def seconds(lines: list[str]) -> float:
    numbered = list(enumerate(lines, start=1))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        _, rest = front_matter(numbered)
        sum(1 for _ in rest)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    from pipeline.io.markdown import markdown_page

    markdown_page([(1, FILL)])  # markdown-it's one-time set-up
    print(f"{'shape':34} {'chars':>7} {'block s':>8} {'paragraphs s':>12} {'ratio':>6}")
    for name, build in SHAPES:
        lines = build(190)
        size = sum(map(len, lines))
        prose = [FILL if i % 2 == 0 else "" for i in range(2 * (size // len(FILL)))]
        block = seconds(lines)
        start = time.perf_counter()
        markdown_page(list(enumerate(prose, start=1)))
        paragraphs = time.perf_counter() - start
        print(f"{name:34} {size:>7,} {block:>8.4f} {paragraphs:>12.4f} {block / paragraphs:>6.2f}")


if __name__ == "__main__":
    main()
