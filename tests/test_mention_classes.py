"""A mention is one name (#31 item 2), by class, on the real spaCy models: generated cast lists
and table rows, prepositions before names, strings without a letter, work titles. The names
are made here from invented syllables: none comes from the sample corpus."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.evidence import leading_particle
from pipeline.record import Record
from pipeline.stages.extract import Extract

SYLLABLES = ["ka", "lo", "ren", "mi", "tal", "vor", "bel", "sa", "dun", "ri", "mar", "el", "no",
             "gra", "tis", "van", "or", "ly", "quen", "zo"]  # fmt: skip
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STAGE = Extract(fields=["text"])

word = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(
    lambda s: "".join(s).capitalize()
)
person = st.tuples(word, word).map(" ".join)


def extract(texts: list[str], lang: str) -> list[Record]:
    records = [Record(f"d:{i}", "d", "<test>", i, t, lang=lang) for i, t in enumerate(texts)]
    return list(STAGE(records))


def entities(records: list[Record]) -> list[tuple[Record, str, str]]:
    return [(r, e.text, e.label) for r in records for e in r.entities if e.field == "text"]


@SLOW
@given(st.lists(person, min_size=2, max_size=6, unique=True), st.sampled_from(["en", "fr"]))
def test_a_cast_list_one_name_a_line_gives_one_mention_a_line(names: list[str], lang: str) -> None:
    head = "Cast:" if lang == "en" else "Distribution :"
    records = extract([head + "\n" + "\n".join(names)], lang)
    for _, text, _ in entities(records):
        assert "\n" not in text, text
        assert text in names or any(text in n for n in names), text


@SLOW
@given(
    st.lists(st.tuples(st.sampled_from(["Director", "Music", "Producer", "Réalisation",
                                        "Musique", "Production"]), person), min_size=1, max_size=4),
    st.sampled_from([" | ", "|", "\t", " \t "]),
    st.sampled_from(["en", "fr"]),
)  # fmt: skip
def test_a_table_row_is_one_mention_a_cell(
    rows: list[tuple[str, str]], separator: str, lang: str
) -> None:
    lines = [f"{separator}{role}{separator}{name}{separator}" for role, name in rows]
    records = extract(["\n".join(lines)], lang)
    for _, text, _ in entities(records):
        assert not re.search(r"[|\t\n]", text), text
        assert any(text in cell for row in rows for cell in row), text  # within one cell


TEMPLATES = {
    "fr": ["Les films d'{n} sont restaurés.", "On revoit l'œuvre de {n} à Lyon.",
           "La maison de {n} est ouverte.", "Le dernier film du {n} Club plaît."],
    "en": ["The films of {n} are restored.", "A retrospective of {n} opens today.",
           "The house of {n} is open."],
}  # fmt: skip


@SLOW
@given(person, st.sampled_from(["en", "fr"]), st.data())
def test_a_preposition_before_a_name_is_not_part_of_it(name: str, lang: str, data) -> None:  # type: ignore[no-untyped-def]
    template = data.draw(st.sampled_from(TEMPLATES[lang]))
    intro = f"{name} est né en 1950." if lang == "fr" else f"{name} was born in 1950."
    records = extract([intro, template.format(n=name)], lang)
    for _, text, _ in entities(records):
        assert leading_particle(text) is None, text


@SLOW
@given(word)
def test_a_particle_the_name_carries_everywhere_stays(surname: str) -> None:
    texts = [f"M. d'{surname} entra.", f"Alors d'{surname} sourit à la reine.",
             f"On attendait d'{surname} depuis une heure."]  # fmt: skip
    for _, text, label in entities(extract(texts, "fr")):
        if surname in text and label == "PERSON":  # a person's particle
            assert text.endswith(f"d'{surname}") or text == "M.", text


LETTERLESS = st.text(
    st.characters(categories=["Nd", "Po", "Ps", "Pe", "Pd", "Sm", "Sc", "So", "Sk", "Zs"]),
    min_size=1,
    max_size=8,
).filter(lambda s: s.strip())
EMOJI = st.lists(st.sampled_from(["👍", "🍿", "🎬", "⭐", "❤️", "🔥", "😂", "+15,2", "№7", "§§", "—"]),
                 min_size=1, max_size=4).map("".join)  # fmt: skip


@SLOW
@given(st.one_of(LETTERLESS, EMOJI), person, st.sampled_from(["en", "fr"]))
def test_a_mention_has_a_letter(junk: str, name: str, lang: str) -> None:
    texts = [f"{junk} {name} {junk}", f"Score {junk} pour {name}.", junk, f"{junk}\n{name}"]
    for _, text, _ in entities(extract(texts, lang)):
        assert any(c.isalpha() for c in text), text


@SLOW
@given(word, person, st.sampled_from(["en", "fr"]), st.sampled_from(['"{t}"', "« {t} »", "*{t}*",
                                                                      "“{t}”", "film {t}"]))  # fmt: skip
def test_a_title_the_document_quotes_is_not_a_person(
    title: str, name: str, lang: str, form: str
) -> None:
    shown = form.format(t=title)
    if lang == "fr":
        texts = [
            f"Le film {shown} sort demain.",
            f"{title} a plu à {name}.",
            f"{name} a aimé {title}.",
        ]
    else:
        texts = [
            f"The movie {shown} opens today.",
            f"{title} pleased {name}.",
            f"{name} loved {title}.",
        ]
    for _, text, label in entities(extract(texts, lang)):
        if text == title:
            assert label != "PERSON", (texts, text)


LOWER = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéè", min_size=2, max_size=8)


@given(LOWER, st.sampled_from(["-", "'", "’", "‐"]), LOWER)
def test_a_lower_case_particle_joined_to_a_capitalised_name_is_a_name(
    particle: str, join: str, name: str
) -> None:
    """ "al-Maliki", "d'Artagnan", "el-Baradei": the particle does not make the mention a
    lower-case word (rule `lower_case` dropped them); "e-mail", "aujourd'hui" stay lower case."""
    from pipeline.entities import lower_case

    assert not lower_case(f"{particle}{join}{name.capitalize()}")
    assert lower_case(f"{particle}{join}{name}")
