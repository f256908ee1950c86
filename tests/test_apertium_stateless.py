"""Every Apertium request is independent of the ones before it (issue 30, item 3: routes are
stateless): `apertium-tagger` writes an ambiguity class its model lacks over its open class,
so a text read after such a word was tagged differently (Catalan "com" an adverb or a
preposition, Portuguese "a" an article or a preposition). Generated: each installed mode
on a route into English from a language below, its texts in any order and cut into any batches, against each text
alone on a freshly started chain."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.apertium import (
    DEFAULT_MODES_DIR,
    ApertiumProcess,
    ApertiumTranslator,
    Mode,
    null_flush_command,
    tagger_groups,
)
from tests.conftest import needs_pairs

# Written for this test: in each language, words whose ambiguity class the tagger lacks
# ("volen", "deu", "nós", a misspelt word) and words read differently once it changed.
TEXTS = {
    "ca": [
        "Els nens volen una poma vermella.",
        "Tornaré en deu minuts.",
        "El meu germà sap com cuinar arròs.",
        "És molt dificil trobar feina.",
    ],
    "pt": [
        "Nós estamos em casa.",
        "O Zeca e a Kiki estavam dançando muito.",
        "A avó sabe fazer pão.",
    ],
    "es": ["Apenas llegó, se fue.", "Nosotros comemos pan con el abuelo."],
    "fr": ["Nous mangeons du pain avec le grand-père.", "Il revient dans dix minutes."],
}


def modes() -> list[Mode]:
    """Every installed mode on a route into English from a language above (each of its
    texts is started alone once: ~0.5 s a chain, so not the modes of other targets)."""
    translator = ApertiumTranslator(DEFAULT_MODES_DIR)
    found = {m.name: m for lang in TEXTS for m in translator.route(lang, "en")}
    return [found[name] for name in sorted(found)]


@cache
def alone(mode: Mode) -> tuple[str, ...]:
    """Each text on a chain of its own, started for it."""
    out = []
    for text in TEXTS[mode.source]:
        process = ApertiumProcess(null_flush_command(mode))
        out += process.translate([text])
        process.close()
    return tuple(out)


_processes: dict[str, ApertiumProcess] = {}


def test_a_tagger_is_a_group_of_its_own() -> None:
    stages = [["lt-proc", "a"], ["/usr/bin/apertium-tagger", "-g", "p"], ["x"], ["y"]]
    assert tagger_groups(stages) == [[stages[0]], [stages[1]], stages[2:]]
    assert tagger_groups([["x"]]) == [[["x"]]]


@needs_pairs("cat-eng")
@settings(max_examples=12, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_order_and_batches_give_each_text_its_own_answer(data: st.DataObject) -> None:
    mode = data.draw(st.sampled_from(modes()))
    texts = TEXTS[mode.source]
    order = data.draw(st.permutations(range(len(texts))))
    cuts = data.draw(st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)))
    process = _processes.setdefault(mode.name, ApertiumProcess(null_flush_command(mode)))
    batch: list[int] = []
    answers: dict[int, str] = {}
    for i, cut in zip(order, cuts, strict=True):
        batch.append(i)
        if cut or i == order[-1]:
            answers.update(zip(batch, process.translate([texts[j] for j in batch]), strict=True))
            batch = []
    assert [answers[i] for i in range(len(texts))] == list(alone(mode))
