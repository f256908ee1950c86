"""Italics in a page's markup are a work's title by the typographic convention (hostile45 E6,
#31 item 2): Markdown `*X Y*`, `_X Y_`, an inline `<em>`; HTML `<em>`, `<i>`, `<cite>`. The
reader strips the marks from the text; the emphasised strings reach `meta.emphasis`, and a
mention of one read as a person is a title in the whole document, as the same line of a
`.txt` with literal `*X Y*` already was. Exhaustive over the shapes below × invented names of
one to three words; the model's reading is stood in for by a PERSON entity at each
occurrence, so no model runs. Bold is no title evidence."""

from __future__ import annotations

import random
from pathlib import Path

from pipeline.entities import occurrences
from pipeline.evidence import relabel_work_titles
from pipeline.io.readers import Reader
from pipeline.record import Entity, Record

SYLLABLES = ["jo", "ta", "lan", "dier", "sa", "lo", "mé", "cas", "taing", "pe", "rine", "har"]
SHAPES = {
    "md": ["*{t}*", "_{t}_", "<em>{t}</em>", "<cite>{t}</cite>"],
    "html": ["<em>{t}</em>", "<i>{t}</i>", "<cite>{t}</cite>"],
}
BOLD = {"md": "**{t}**", "html": "<b>{t}</b>"}


def title(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() for _ in range(words)
    )


def page(fmt: str, marked: str, bare: str) -> str:
    first = f"Avec {marked}, la réalisatrice signe son œuvre la plus personnelle."
    second = f"{bare} a été tourné en douze jours dans un village du nord."
    if fmt == "md":
        return f"# Critique\n\n{first}\n\n{second}\n"
    body = f"<h1>Critique</h1><p>{first}</p><p>{second}</p>"
    return f"<html><body><article>{body}</article></body></html>"


def labels_after(tmp: Path, name: str, content: str, text: str) -> list[str]:
    path = tmp / name
    path.write_text(content, encoding="utf-8")
    records: list[Record] = [r for r in Reader()([path]) if r.dropped is None]
    for record in records:
        record.lang = "fr"
        spans = occurrences(record.text, text)
        record.entities = [Entity(text, "PERSON", start, end) for start, end in spans]
    relabel_work_titles(records)
    return [e.label for r in records for e in r.entities]


def test_italics_in_markup_make_a_title(tmp_path: Path) -> None:
    rng = random.Random(6)
    wrong, total = [], 0
    for fmt, shapes in SHAPES.items():
        for k, shape in enumerate(shapes):
            for words in (1, 2, 3):
                t = title(rng, words)
                name = f"p{k}{words}.{fmt}"
                labels = labels_after(tmp_path, name, page(fmt, shape.format(t=t), t), t)
                total += 1
                if not labels or set(labels) != {"MISC"}:
                    wrong.append((fmt, shape, t, labels))
    assert not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"


def test_bold_is_no_title_evidence(tmp_path: Path) -> None:
    rng = random.Random(7)
    for fmt, shape in BOLD.items():
        t = title(rng, 2)
        labels = labels_after(tmp_path, f"b.{fmt}", page(fmt, shape.format(t=t), t), t)
        assert labels and set(labels) == {"PERSON"}, (fmt, labels)
