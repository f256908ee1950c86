"""A name opening a sentence in a language without NER (Portuguese, Spanish, Catalan,
Italian) is carried: a one-word first name that is also a word ("Graça trabalha aqui", with
Apertium), a two-word "First Last" whose first name is a frequent word (with an online engine,
which has no analyser): the hostile findings T17 and T6. Evidence only: the analyser reads
the bare word as its sentence's subject; a run whose second word is capitalised is a name
unless its first is one of the language's function words. Adverbs and pronouns opening a
sentence are still translated."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.name_guard import NameGuard
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs, translations

# First names each language also writes as a common word, and a predicate with a verb of the
# third person: (language, first names, predicates, words opening a sentence that are no name).
CASES = {
    "pt": (["Luz", "Flor", "Glória", "Vitória", "Celeste", "Branca", "Clara", "Rosário"],
           ["trabalha aqui desde março.", "mora em Lisboa.", "chegou ontem à noite."],
           ["Ontem", "Depois", "Aqui"]),
    "es": (["Luz", "Victoria", "Pilar", "Paz", "Consuelo", "Clemente", "Soledad", "Amparo"],
           ["trabaja aquí desde marzo.", "vive en Sevilla.", "llegó anoche."],
           ["Ayer", "Después", "Aquí"]),
    "ca": (["Mercè", "Neus", "Alba", "Llum", "Aurora", "Pau", "Rosa", "Blanca"],
           ["treballa aquí des de març.", "viu a Girona.", "va arribar ahir."],
           ["Ahir", "Avui", "Aquí"]),
}  # fmt: skip
SURNAMES = ["Ferreira", "Ortega", "Serrano", "Moreira", "Carvalho", "Puig", "Soler"]
PAIRS = {"pt": ("pt-es", "spa-eng"), "es": ("spa-eng",), "ca": ("cat-eng",)}


def translated(translate_stage: Translate, lang: str, texts: list[str]) -> list[str]:
    return translations(translate_stage, texts, lang)


@needs_pairs("pt-es", "spa-eng", "cat-eng")
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lang=st.sampled_from(sorted(CASES)), data=st.data())
def test_a_one_word_name_opening_a_sentence_is_carried(
    translate_stage: Translate, lang: str, data: st.DataObject
) -> None:
    names, predicates, _ = CASES[lang]
    name = data.draw(st.sampled_from(names))
    predicate = data.draw(st.sampled_from(predicates))
    (answer,) = translated(translate_stage, lang, [f"{name} {predicate}"])
    assert answer.startswith(name + " "), answer


@needs_pairs("pt-es", "spa-eng", "cat-eng")
def test_an_adverb_opening_a_sentence_is_still_translated(translate_stage: Translate) -> None:
    for lang, (_, predicates, openers) in sorted(CASES.items()):
        texts = [f"{w} {p[0].lower()}{p[1:]}" for w in openers for p in predicates[:1]]
        for opener, answer in zip(openers, translated(translate_stage, lang, texts), strict=True):
            assert not answer.startswith(opener + " "), (lang, answer)


@settings(max_examples=40, deadline=None)
@given(
    lang=st.sampled_from([*sorted(CASES), "it"]),
    first=st.sampled_from(sorted({n for names, _, _ in CASES.values() for n in names})),
    surname=st.sampled_from(SURNAMES),
)
def test_without_an_analyser_a_first_name_is_not_cut_off(
    lang: str, first: str, surname: str
) -> None:
    """With an online engine (no analyser), the engine gets "XNAMEAX ha escrito", not "Luz
    XNAMEAX ha escrito": the run's second capitalised word shows the first is a name's."""
    guard = NameGuard("en", True, None, frozenset({"en", "fr"}))
    guard.asks_in[lang] = False
    text = f"{first} {surname} escreveu um livro."
    record = Record(id="1", doc_id="1", source="t", seq=0, text=text, lang=lang)
    masked, _ = guard.mask(record, lang, "XNAME", guard.guessed_names(record, lang))
    assert masked.text.startswith("XNAMEAX "), masked.text


def test_without_an_analyser_a_function_word_opening_a_run_is_left_out() -> None:
    guard = NameGuard("en", True, None, frozenset({"en", "fr"}))
    for lang, text in [("es", "El Banco de España subió los tipos."), ("pt", "O Tom chegou."),
                       ("it", "Oggi Marco lavora.")]:  # fmt: skip
        guard.asks_in[lang] = False
        record = Record(id="1", doc_id="1", source="t", seq=0, text=text, lang=lang)
        masked, _ = guard.mask(record, lang, "XNAME", guard.guessed_names(record, lang))
        assert masked.text.split()[0] == text.split()[0], masked.text


# Adverbs and prepositions opening a sentence before a name (U7): in some reading an adverb or
# a preposition, never a proper noun ("Segons" is also a noun, "Segundo" also a first name).
OPENERS = {
    "es": ["Ayer", "Según", "Hoy"],
    "ca": ["Ahir", "Segons", "Avui"],
    "pt": ["Ontem", "Hoje"],
}


@needs_pairs("pt-es", "spa-eng", "cat-eng")
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lang=st.sampled_from(sorted(CASES)), data=st.data())
def test_an_adverb_before_a_name_opening_a_sentence_is_translated(
    translate_stage: Translate, lang: str, data: st.DataObject
) -> None:
    names, predicates, _ = CASES[lang]
    opener = data.draw(st.sampled_from(OPENERS[lang]))
    name = f"{data.draw(st.sampled_from(names))} {data.draw(st.sampled_from(SURNAMES))}"
    (answer,) = translated(
        translate_stage, lang, [f"{opener} {name} {data.draw(st.sampled_from(predicates))}"]
    )
    assert not answer.startswith(opener + " ") and name in answer, answer
