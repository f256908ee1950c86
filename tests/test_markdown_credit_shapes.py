"""Markdown credit blocks of the shapes press kits write (hostile47 G26): in a blockquote
(`> Director : X Y` a line), with a backslash hard break on every line, the last one too
(`Original Score : *X Y*\\`: CommonMark keeps a paragraph's last backslash as text). Each
credit line is a record, its text without the break's backslash. 60 generated pages."""

from __future__ import annotations

import random
from pathlib import Path

from tests.test_credit_records import ROLES, person, read_markdown

STYLES = ["> {r} : {p}", "> **{r}** : {p}", "{r} : *{p}*\\", "> {r} — {p}", "{r} : {p}\\"]


def faults(tmp_path: Path) -> list[tuple[list[str], list[str]]]:
    rng = random.Random("g26")
    failing = []
    for i in range(60):
        style = STYLES[i % len(STYLES)]
        lang = rng.choice(["fr", "en"])
        lines = [
            style.format(r=rng.choice(ROLES[lang]), p=person(rng)) for _ in range(rng.randint(3, 5))
        ]
        body = "# Le Phare\n\nThe film follows a keeper.\n\n## Credits\n\n" + "\n".join(lines)
        kept = read_markdown(tmp_path / f"p{i}.md", body + "\n\nThe film opens in May.\n")
        want = [line.removeprefix("> ").replace("*", "").rstrip("\\") for line in lines]
        if not all(w in kept for w in want):
            failing.append((lines, kept))
    return failing


def test_markdown_credits_in_blockquotes_and_backslash_lines_are_records(tmp_path: Path) -> None:
    """hostile47 G26: 60 generated pages; on main 60 failed (every blockquote joined into one
    record, a last line's backslash kept), none after."""
    failing = faults(tmp_path)
    assert not failing, (len(failing), failing[:2])
