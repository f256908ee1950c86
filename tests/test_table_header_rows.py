"""A table's header row names its columns: markup, never a record whose words become
entities (#31 item 2, hostile47 G5: a Markdown credit table's `| X | Y |` above its `|---|`
rule, an HTML table's `<th>` row, were records, their cells entities at the top of the
index). It is dropped with reason `header`, as its repetition inside a long table was; a
header row holding a name (a credit table written with no header) stays content. Every
table is generated: cells are invented syllables or generic words."""

from __future__ import annotations

import json
import random
from pathlib import Path

from pipeline.io.readers import Reader
from tests.test_credit_records import person, word

COLUMNS = ["Fonction", "Personne", "Crew member", "Character", "Année", "Date de sortie",
           "Pays d'origine", "Job title"]  # fmt: skip
RULES = ["|---|---|", "|:--|:--|", "| --- | --- |", "|:-:|---:|"]


def header(rng: random.Random) -> list[str]:
    return [rng.choice([*COLUMNS, word(rng)]) for _ in range(2)]


def read(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    kept, dropped = [], []
    for r in Reader()([path]):  # type: ignore[arg-type]
        if r.dropped is None:
            kept.append(r.text)
        else:
            dropped.append((r.text, r.dropped))
    return kept, dropped


def page(rng: random.Random, head: list[str], html: bool) -> tuple[str, list[str]]:
    rows = [[word(rng), person(rng)] for _ in range(rng.randint(2, 4))]
    if html:
        cells = "".join(f"<th>{c}</th>" for c in head)
        body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
        text = (
            f"<html><body><h1>{word(rng)}</h1><p>Le film suit une famille de pêcheurs que la "
            f"tempête sépare.</p><table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody>"
            "</table><p>Le film dure 94 minutes et sort le 3 mai.</p></body></html>"
        )
    else:
        table = [f"| {head[0]} | {head[1]} |", rng.choice(RULES)]
        table += [f"| {a} | {b} |" for a, b in rows]
        text = (
            f"# {word(rng)}\n\nLe film suit une famille de pêcheurs que la tempête sépare.\n\n"
            + "\n".join(table)
            + "\n\nLe film dure 94 minutes.\n"
        )
    return text, [f"{a} | {b}" for a, b in rows]


def header_faults(tmp_path: Path, count: int) -> list[tuple[str, list[str]]]:
    rng = random.Random("g5")
    faults = []
    for i in range(count):
        html = i % 4 == 3
        head = header(rng)
        text, rows = page(rng, head, html)
        path = tmp_path / f"t{i}.{'html' if html else 'md'}"
        path.write_text(text, encoding="utf-8")
        kept, dropped = read(path)
        row = " | ".join(head)
        if row in kept or (row, "header") not in dropped or not all(r in kept for r in rows):
            faults.append((text, kept))
    return faults


def test_a_tables_header_row_is_no_record(tmp_path: Path) -> None:
    """hostile47 G5: 40 generated pages (Markdown tables under four rule shapes, HTML
    `<thead>`); on main 40 failed (the header row a record), none after."""
    faults = header_faults(tmp_path, 40)
    assert not faults, (len(faults), json.dumps(faults[:2], ensure_ascii=False)[:800])


def test_a_header_row_holding_a_name_stays_content(tmp_path: Path) -> None:
    """A credit table written with no header ("| Réalisation | X Y |" above the rule) keeps
    its first credit."""
    rng = random.Random("g5-named")
    for i in range(8):
        first = f"{word(rng)} | {person(rng)}"
        cells = first.split(" | ")
        path = tmp_path / f"n{i}.md"
        path.write_text(
            f"# {word(rng)}\n\n| {cells[0]} | {cells[1]} |\n|---|---|\n| {word(rng)} | "
            f"{person(rng)} |\n",
            encoding="utf-8",
        )
        kept, _ = read(path)
        assert first in kept, (first, kept)
