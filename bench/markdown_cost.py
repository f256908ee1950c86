"""What reading one Markdown file costs as it grows, through the reader (`readers.markdown`:
top-level blocks, groups, the re-parse of a group where markdown-it stopped): for each
structure, the seconds at 1x and 10x its size and their ratio (linear: about 10; the target
is under 15).

    .venv/bin/python bench/markdown_cost.py [--scale 0.1]

Measured (--scale 0.5, 2 shared cores; ratio at 10x the size, main's in parentheses):
paragraphs 8.4 (8.6), over-deep lists every 10th block 10.0 (9.5: main stopped at the first
and failed the rest of the file), one list nested 19 deep 10.4 (8.6), link references after
use 9.8 (9.6), inline HTML and C1 references 11.1 (12.0), comments and <pre> blocks 9.1
(8.9). Seconds at 1.25 MB of paragraphs: 2.19 (2.03; the first pass for link references
decodes the file twice).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.io.readers import Reader

WORDS = ["river", "lantern", "quiet", "harbour", "autumn", "window", "garden", "letter"]


def words(i: int, n: int = 8) -> str:
    return " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(n)) + f" {i}"


def paragraphs(n: int) -> str:
    return "\n\n".join(words(i) for i in range(n)) + "\n"


def over_deep(n: int) -> str:
    """Every 10th block a list 11 deep (markdown-it stops there: its group is parsed again)."""
    return "\n\n".join(("1. " * 11 if i % 10 == 0 else "") + words(i) for i in range(n)) + "\n"


def deep_list(n: int) -> str:
    """One top-level list, items nested up to 19 deep and back (one block: one parse)."""
    return "\n".join("  " * (i % 19) + f"- {words(i, 4)}" for i in range(n)) + "\n"


def references(n: int) -> str:
    body = "".join(f"{words(i, 4)} [see {i}][r{i}].\n\n" for i in range(n))
    return body + "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(n))


def inline_html(n: int) -> str:
    return "\n\n".join(f"un<b>{words(i, 2)}</b>able H<sub>2</sub>O &#146;" for i in range(n)) + "\n"


def raw_blocks(n: int) -> str:
    return "\n\n".join(f"<!--\n{words(i)}\n-->\n\n<pre>\n{words(i)}\n\n{words(i)}\n</pre>"
                       for i in range(n)) + "\n"  # fmt: skip


STRUCTURES: list[tuple[str, Callable[[int], str], int]] = [
    ("paragraphs", paragraphs, 4_000),
    ("over-deep lists every 10th block", over_deep, 4_000),
    ("one list nested 19 deep", deep_list, 4_000),
    ("link references after use", references, 2_000),
    ("inline HTML and C1 references", inline_html, 3_000),
    ("comments and <pre> blocks", raw_blocks, 1_000),
]


def seconds(page: str) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.md"
        path.write_text(page, encoding="utf-8")
        start = time.perf_counter()
        for _ in Reader()([path]):
            pass
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = parser.parse_args()
    print(
        f"{'structure':34} {'1x size':>10} {'1x s':>7} {'10x size':>10} {'10x s':>7} {'ratio':>6}"
    )
    for name, build, n in STRUCTURES:
        n = max(1, int(n * args.scale))
        small, large = build(n), build(10 * n)
        t1, t10 = seconds(small), seconds(large)
        print(
            f"{name:34} {len(small):>10,} {t1:>7.2f} {len(large):>10,} {t10:>7.2f} "
            f"{t10 / max(t1, 1e-3):>6.1f}"
        )


if __name__ == "__main__":
    main()
