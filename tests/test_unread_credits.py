"""A credit line of a text no model read (Spanish, Portuguese: no NER), "Música: X Y",
"Producción : X O'Y", "Montagem<TAB>X de Y", gives its name as a person in the translation
(h49 E14): the English model, reading a machine translation ("Music: X Y"), was silent on it or
read "X de Y" as an organisation, and the name was lost. Where a model read the original (a
French credit line), its silence still stands. The names are made up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.credit_names import credit_entities
from pipeline.record import Entity

# the original's label, its language, and the engine's translation of it
LABELS = [("Música", "es", "Music"), ("Producción", "es", "Production"),
          ("Sonido", "es", "Sound"), ("Fotografía", "es", "Photography"),
          ("Música", "pt", "Music"), ("Produção", "pt", "Production"),
          ("Montagem", "pt", "Setting"), ("Som", "pt", "Sound")]  # fmt: skip
SEPARATORS = [": ", " : ", "\t", " — "]
FIRST = ["Héloïse", "Ilona", "Joachim", "Orla", "Gaspard", "Nils", "Anselme", "Fanny"]
LAST = ["Quérendon", "Mackerlour", "O'Marbezzi", "de Varnot", "Pellström", "van Gorvault"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(LABELS), st.sampled_from(SEPARATORS), st.sampled_from(FIRST),
    st.sampled_from(LAST), st.sampled_from([None, "ORG", "MISC"]),
)  # fmt: skip
def test_a_credited_name_of_an_unread_text_is_a_person_in_its_translation(
    label: tuple[str, str, str], sep: str, first: str, last: str, drawn: str | None
) -> None:
    original, lang, translated = label
    name = f"{first} {last}"
    if drawn is not None and " " not in last:
        drawn = None  # the model's other reading stands without a particle inside (below)
    source, text = f"{original}{sep}{name}", f"{translated}{sep}{name}"
    at = len(text) - len(name)
    found = [Entity(name, drawn, at, len(text), "translation")] if drawn else []
    out = credit_entities(text, (0, "translation"), ("en", lang), found, ([], source), True)
    assert [(e.text, e.label) for e in out] == [(name, "PERSON")], (source, drawn)


def test_a_read_originals_credit_keeps_the_models_silence() -> None:
    source, text = "Musique : Héloïse Quérendon", "Music : Héloïse Quérendon"
    out = credit_entities(text, (0, "translation"), ("en", "fr"), [], ([], source), False)
    assert out == []


def test_an_unread_credits_company_read_so_stays_one() -> None:
    source, text = "Producción : Arte Nordlicht", "Production : Arte Nordlicht"
    found = [Entity("Arte Nordlicht", "ORG", 13, 27, "translation")]
    out = credit_entities(text, (0, "translation"), ("en", "es"), found, ([], source), True)
    assert [(e.text, e.label) for e in out] == [("Arte Nordlicht", "ORG")]
