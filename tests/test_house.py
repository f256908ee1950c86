"""The house's measures (#32): a command line that only parses, and no function too long to
read as one decision. Counted as `ast` sees a function: from its `def` line to its last line,
nested functions included in the one around them."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

PACKAGE = ROOT / "pipeline"
LONGEST = 60  # lines a function may take
CLI_LINES = 400


def long_functions() -> list[tuple[int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > LONGEST:
                    found.append((lines, f"{path.relative_to(ROOT)}:{node.name}"))
    return sorted(found, reverse=True)


def test_no_function_over_sixty_lines() -> None:
    assert long_functions() == []


def test_the_command_line_only_parses() -> None:
    lines = (PACKAGE / "cli.py").read_text(encoding="utf-8").count("\n")
    assert lines <= CLI_LINES, f"cli.py is {lines} lines: move what is not parsing to app/"


def test_the_measure_sees_a_long_function(tmp_path: object) -> None:
    """The count is the one `long_functions` makes: a 61-line function is one."""
    body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST))
    tree = ast.parse(f"def f():\n{body}\n")
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    assert node.end_lineno - node.lineno + 1 == LONGEST + 1
