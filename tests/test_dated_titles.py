"""A filmography's lines give works' titles (h49 E13): "1998 – X (court métrage)", "2007<TAB>X (doc.)",
"1998. X Y (doc.)" under a bio, two or more in a document: the model's PERSON on the title (or
on its first word, "Marée" of "Marée haute") is a work's, MISC; a co-director inside the
brackets stays a person; one dated line alone (a chronology's) is no evidence. The titles and
names are made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evidence import dated_titles, relabel_work_titles
from pipeline.record import Entity, Record

TITLES = ["Octavia", "Brume", "Marée haute", "Les Brisants", "Saltwater", "Nuit blanche"]
SEPARATORS = [" – ", " — ", ". ", "\t", " : ", " - ", "  "]
TAILS = [" (court métrage)", " (doc.)", " (réal.)", " (coréal. avec Théodore Kerlard)"]

LINES = st.tuples(
    st.integers(1950, 2029), st.sampled_from(SEPARATORS), st.sampled_from(TITLES),
    st.sampled_from(TAILS), st.booleans(),
)  # fmt: skip


def record(n: int, line: tuple[int, str, str, str, bool]) -> Record:
    """One filmography line, the model's PERSON on its title (or on the title's first word)."""
    year, sep, title, tail, first_word = line
    text = f"{year}{sep}{title}{tail}"
    start = len(f"{year}{sep}")
    drawn = title.split()[0] if first_word else title
    entities = [Entity(drawn, "PERSON", start, start + len(drawn))]
    if "avec" in tail:
        at = text.index("Théodore")
        entities.append(Entity("Théodore Kerlard", "PERSON", at, at + len("Théodore Kerlard")))
    return Record(f"d:{n}", "d", "d.txt", n, text, lang="fr", entities=entities)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, min_size=2, max_size=6))
def test_a_filmographys_titles_are_no_people(lines: list[tuple[int, str, str, str, bool]]) -> None:
    bio = Record("d:0", "d", "d.txt", 0, "Née à Quimper, Anouk Fennault a étudié à Paris.",
                 lang="fr", entities=[Entity("Anouk Fennault", "PERSON", 15, 29)])  # fmt: skip
    records = [bio, *(record(n + 1, line) for n, line in enumerate(lines))]
    relabel_work_titles(records)
    assert bio.entities[0].label == "PERSON"
    for r in records[1:]:
        title, *codirector = r.entities
        assert title.label == "MISC", r.text
        assert all(e.label == "PERSON" for e in codirector), r.text


def test_one_dated_line_alone_is_no_filmography() -> None:
    line = Record("d:0", "d", "d.txt", 0, "1971 – Anouk Fennault (Quimper)", lang="fr",
                  entities=[Entity("Anouk Fennault", "PERSON", 7, 21)])  # fmt: skip
    assert dated_titles([line]) == {}
    relabel_work_titles([line])
    assert line.entities[0].label == "PERSON"


def test_a_sentence_opening_with_a_year_gives_no_title() -> None:
    lines = [Record(f"d:{n}", "d", "d.txt", n, t, lang="fr") for n, t in enumerate(
        ["2004 : elle tourne son premier film, puis (dit-on) un second.", "1998 – Octavia (doc.)"])]  # fmt: skip
    assert dated_titles(lines) == {}


def test_a_chronologys_lines_give_no_title() -> None:
    texts = ["2004 : Anouk Fennault rejoint Arte.", "2010 – Anouk Fennault (Quimper)",
             "2012 – Anouk Fennault tourne à Brest", "2013 – Anouk Fennault (meilleure actrice)",
        "2015 – Nils Varnour (meilleur acteur)"]  # fmt: skip
    lines = [Record(f"d:{n}", "d", "d.txt", n, t, lang="fr") for n, t in enumerate(texts)]
    assert dated_titles(lines) == {}
