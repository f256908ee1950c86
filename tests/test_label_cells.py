"""A layout row's label cell is no name (issue 31 item 2, h49; rule `label_cells`).

Generated credits tables: two to four columns (a job and an invented name, role first or name
first, then a country, a year), laid out with gaps of two to eight blanks, tabs or cell borders
in a text file, or as a Markdown table; three to fifteen rows; the jobs of one of the languages
the project translates (at times one no list holds, "Bruitage"), the document's prose in
French or English, the rows read in the prose's language (a job of another language is then no
label of the row's: "Montage" PERSON in an English row, hostile47 in6). Every job cell is no
mention; every name cell keeps what the model read of it."""

from __future__ import annotations

import copy
import random
from pathlib import Path

from pipeline.io.readers import Reader
from pipeline.record import Record
from pipeline.rules import Rules
from pipeline.stages.extract import Extract
from tests.test_credit_names import name  # the same invented names

JOBS = {
    "fr": ["Montage", "Musique", "Image", "Son", "Casting", "Réalisation", "Décors", "Mixage"],
    "en": ["Editing", "Sound", "Casting", "Music", "Cinematography", "Editor", "Director"],
    "es": ["Montaje", "Música", "Fotografía", "Sonido", "Dirección", "Guion"],
    "pt": ["Montagem", "Música", "Fotografia", "Som", "Realização"],
    "ca": ["Muntatge", "Música", "Fotografia", "So", "Direcció", "Guió"],
}
UNLISTED = ["Bruitage", "Steadicam", "Foley", "Perchman"]  # jobs no list of the project holds
COUNTRIES = ["France", "Belgique", "Irlande", "Portugal", "Espagne"]
PROSE = {
    "fr": ("Équipe technique", "Le film sortira en salles le 3 avril prochain."),
    "en": ("Crew", "The film opens in cinemas on 3 April."),
}


def table(rng: random.Random, markdown: bool) -> tuple[list[str], set[str]]:
    """A table's lines and its job cells' words."""
    columns = rng.randint(2, 4)
    role_first = rng.random() < 0.5
    jobs = JOBS[rng.choice(list(JOBS))]
    rows = []
    for n in range(rng.randint(3, 15)):
        job = rng.choice(UNLISTED) if n == 2 and rng.random() < 0.3 else rng.choice(jobs)
        cells = [job, name(rng)] if role_first else [name(rng), job]
        cells += [rng.choice(COUNTRIES), str(rng.randint(1990, 2024))][: columns - 2]
        rows.append(cells)
    job_cells = {r[0 if role_first else 1] for r in rows}
    if markdown:
        head = ["Poste", "Nom"] if role_first else ["Nom", "Poste"]
        head += ["Pays", "Année"][: columns - 2]
        lines = [f"| {' | '.join(head)} |", "|---" * columns + "|"]
        return lines + [f"| {' | '.join(r)} |" for r in rows], job_cells
    border = rng.choice(["blanks", "tab", "pipe"])
    if border == "pipe":  # four cells a line apart by borders are joined: left (see README)
        return [" | ".join(r[:3]) for r in rows], job_cells
    if border == "tab":
        return ["\t".join(r) for r in rows], job_cells
    gap = rng.randint(2, 8)
    widths = [max(len(r[i]) for r in rows) + gap for i in range(columns)]
    return ["".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows], (
        job_cells
    )


def documents(folder: Path, count: int = 36) -> tuple[list[Record], set[str]]:
    """`count` generated press-kit pages (.txt and .md) read as a run reads them, each record in
    its prose's language; every job cell's words."""
    rng = random.Random("h49-label-cells")
    paths, jobs = [], set()
    for i in range(count):
        markdown = i % 3 == 0
        lang = rng.choice(["fr", "en"])
        head, tail = PROSE[lang]
        lines, job_cells = table(rng, markdown)
        jobs |= job_cells
        path = folder / f"{lang}{i:03}.{'md' if markdown else 'txt'}"
        heading = f"# {head}" if markdown else head
        path.write_text(f"{heading}\n\n" + "\n".join(lines) + f"\n\n{tail}\n", encoding="utf-8")
        paths.append(path)
    records = [r for r in Reader()(paths) if r.dropped is None and r.error is None]  # type: ignore[arg-type]
    for record in records:
        record.lang = Path(record.source).name[:2]
    return records, jobs


def mentions(records: list[Record], rules: Rules) -> set[tuple[str, str, int, int]]:
    out = Extract(fields=["text"], rules=rules)(copy.deepcopy(records))
    return {(r.id, e.text, e.start, e.end) for r in out for e in r.entities}


def test_a_job_cell_is_no_name(tmp_path: Path) -> None:
    """36 generated pages (328 job cells); with the rule off (main) 161 job cells were
    mentions, none with it; every mention it takes away is a job cell's."""
    records, jobs = documents(tmp_path)
    on = mentions(records, Rules.default())
    off = mentions(records, Rules.default().with_("label_cells", False))
    assert not [m for m in on if m[1] in jobs]
    assert [m for m in off if m[1] in jobs]
    assert not [m for m in off - on if m[1] not in jobs]
    assert on <= off


def test_a_name_beside_a_country_keeps_its_mention() -> None:
    """A row without a job ("X Y      Irlande") and a line of prose with two blanks after a
    full stop give no label cell."""
    texts = [
        "Ysolde Kerlanec        Irlande\nFergus Belvauot        Portugal",
        "Le film sort en avril.  Orla Morsalec le présente à Paris.",
    ]
    records = [Record(f"d:{i}", "d", "d.txt", i, t, lang="fr") for i, t in enumerate(texts)]
    on = mentions(records, Rules.default())
    assert on == mentions(records, Rules.default().with_("label_cells", False))
