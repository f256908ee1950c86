"""Words the main route (fr→es→en) does not know, looked up through the other installed routes
(fr→ca→en, fr→eo→en): chosen by evidence, independent of the batch, absent without the pairs.

The tests with the extra pairs need a modes directory holding them (`apertium-fra-cat`,
`apertium-eng-cat`, `apertium-eo-fr`, `apertium-eo-en`): the default one if they are installed,
else `PIPELINE_TEST_MODES_DIR`; without one they skip.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.agreement import Agreement
from pipeline.engines.translate.apertium import (
    DEFAULT_MODES_DIR,
    UNKNOWN,
    UNKNOWN_WORD,
    ApertiumProcess,
    ApertiumTranslator,
    installed_modes,
    null_flush_command,
)
from pipeline.engines.translate.unknown_words import (
    LOOKUP_PIVOTS,
    UnknownWords,
    choose,
    clean,
    fill_in,
)
from tests.conftest import SHARED

# Sentences written for this test (not from the sample corpus), rich in words the Spanish
# route's dictionaries lack.
OWN = [
    "Le réalisateur a survécu à la randonnée avec ses aliments.",
    "Randonnée difficile : les proies ont survécu.",
    "La comédienne parle du diabète et de la dynastie.",
    "Précédemment, les atomes et les cristaux étaient debout.",
    "Les aliments incluent des cristaux d'hydrogène.",
    "Elle a survécu.",
]
LEFT_MARKS = re.compile(r"(?<!\\)[*#@](?=\w)|<[a-z0-9_]+>|" + UNKNOWN)


def modes_with_lookups() -> Path | None:
    """A modes directory holding the main route and at least one lookup route."""
    candidates = [os.environ.get("PIPELINE_TEST_MODES_DIR"), str(DEFAULT_MODES_DIR)]
    for candidate in filter(None, candidates):
        modes = installed_modes(Path(candidate))
        if ("fr", "es") in modes and any(
            ("fr", p) in modes and (p, "en") in modes for p in LOOKUP_PIVOTS
        ):
            return Path(candidate)
    return None


needs_pairs = pytest.mark.skipif(
    modes_with_lookups() is None,
    reason="no modes directory with apertium-fra-cat/eng-cat or eo-fr/eo-en "
    "(set PIPELINE_TEST_MODES_DIR)",
)


@pytest.fixture(scope="module")
def engine() -> ApertiumTranslator:
    found = modes_with_lookups()
    assert found is not None
    translator = ApertiumTranslator(modes_dir=found)
    yield translator
    translator.close()


def dev_sentences(count: int) -> list[str]:
    path = SHARED / "data" / "real" / "mt_fr_en_newstest2014_dev.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["fr"] for line, _ in zip(f, range(count), strict=False)]


# -- the choice, by evidence, without Apertium --------------------------------------------------


class Fixed:
    """A lookup chain that answers from a table (a word it lacks comes back marked)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.asked: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.asked.append(list(texts))
        return [self.table.get(t, f"*{t}") for t in texts]


def test_a_marked_answer_is_no_translation() -> None:
    for mark in "*#@":
        assert clean(f"the {mark}word", "mot") is None
    assert clean("  ", "mot") is None
    assert clean("survived", "survécu") == "survived"
    assert clean(r"a \* b", r"a\*b") == r"a \* b"  # an escaped star is text, not a mark


def test_routes_that_agree_win_over_the_preferred_one() -> None:
    assert choose(["corner", "press", "press"]) == "press"
    assert choose(["corner", "press"]) == "corner"  # a tie: the first route
    assert choose([None, "press"]) == "press"  # the first does not know it
    assert choose([None, None]) is None


def test_fill_in_puts_each_known_word_back_in_place() -> None:
    ca = Fixed({"ferme": "farm", "chantier": "site", "bateau": "boat"})
    eo = Fixed({"ferme": "farm", "chantier": "yard"})
    words = UnknownWords([ca, eo])
    answers = [
        f"The {UNKNOWN}ferme is near the {UNKNOWN}chantier.",
        f"{UNKNOWN}Bateau on the river, {UNKNOWN}Bateau again.",
        f"Mister {UNKNOWN}Ferme sells a {UNKNOWN}chaloupe.",
    ]
    assert fill_in(answers, UNKNOWN_WORD, words) == [
        "The farm is near the site.",  # chantier: the routes disagree, the first one wins
        "Boat on the river, Bateau again.",  # capitalised at a sentence start only
        "Mister Ferme sells a chaloupe.",  # a capital inside a sentence: a name
    ]
    assert [sorted(a) for a in ca.asked] == [["bateau", "chaloupe", "chantier", "ferme"]]
    fill_in(answers, UNKNOWN_WORD, words)
    assert len(ca.asked) == 1  # each word is asked once per engine


def test_without_lookup_routes_the_words_stay_as_written() -> None:
    answers = [f"The {UNKNOWN}ferme and {UNKNOWN}Chantier."]
    assert fill_in(answers, UNKNOWN_WORD, UnknownWords([])) == ["The ferme and Chantier."]


WORD = st.text(st.characters(categories=("Ll", "Lu", "Nd")), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(" .,;:!?«»abc", max_size=6), WORD), max_size=8),
       st.dictionaries(WORD, st.text(min_size=1, max_size=10)))  # fmt: skip
def test_no_unknown_mark_is_ever_left(parts: list[tuple[str, str]], table: dict[str, str]) -> None:
    answer = "".join(gap + UNKNOWN + word for gap, word in parts)
    (out,) = fill_in([answer], UNKNOWN_WORD, UnknownWords([Fixed(table)]))
    assert UNKNOWN not in out


# -- nothing changes without the extra pairs ----------------------------------------------------


def test_nothing_changes_without_the_extra_pairs(tmp_path: Path) -> None:
    """A modes directory holding only today's pairs: no lookup route, no lookup process, the
    version (a cache key) as before, and the unknown words pass as written."""
    for path in DEFAULT_MODES_DIR.glob("*.mode"):
        parts = path.stem.split("-")
        if not {"ca", "cat", "eo", "epo"} & set(parts):
            (tmp_path / path.name).symlink_to(path)
    engine = ApertiumTranslator(modes_dir=tmp_path)
    route = engine.route("fr", "en")
    assert not engine.lookups(route)
    assert "lookups" not in engine.version
    out = engine.translate(OWN, "fr", "en")
    assert not any(name[0] == "lookup" for name in engine._processes)
    engine.close()
    assert "survécu" in out[0]  # unknown to fr-es: passes as written, as today
    assert not any(LEFT_MARKS.search(text) for text in out)


# -- with the extra pairs ----------------------------------------------------------------------


@needs_pairs
def test_a_word_unknown_to_spanish_and_known_elsewhere_comes_out_translated(
    engine: ApertiumTranslator,
) -> None:
    """Every lower-case word of the sentences that fr-es marks unknown and some lookup route
    knows (asked of the route itself) is gone from the output."""
    route = engine.route("fr", "en")
    assert engine.lookups(route) and "lookups=" in engine.version
    texts = OWN + dev_sentences(200)
    first = ApertiumProcess(null_flush_command(route[0], marks=True))
    unknown = [
        set(re.findall(r"(?<!\\)\*([^\W\d_A-Z][\w'’-]*)", a)) for a in first.translate(texts)
    ]
    first.close()
    words = sorted({w for found in unknown for w in found if w[:1].islower()})
    known = engine.lookups(route).translate(words)
    assert len(known) >= len(words) // 2  # measured: 83 % of them on FLORES
    out = engine.translate(texts, "fr", "en")
    checked = 0
    for text, found in zip(out, unknown, strict=True):
        for word in found & set(known):
            if known[word].lower() != word.lower():
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (word, text)
                checked += 1
    assert checked >= 10


@needs_pairs
def test_the_answer_for_a_text_does_not_depend_on_its_batch(engine: ApertiumTranslator) -> None:
    texts = OWN + dev_sentences(150)
    in_order = engine.translate(texts, "fr", "en")
    assert engine.translate(texts[::-1], "fr", "en")[::-1] == in_order
    shuffled = list(range(len(texts)))
    random.Random(7).shuffle(shuffled)
    again = engine.translate([texts[i] for i in shuffled], "fr", "en")
    assert [again[shuffled.index(i)] for i in range(len(texts))] == in_order
    for i in range(len(OWN)):  # alone, in a fresh engine (fresh processes, empty word table)
        fresh = ApertiumTranslator(modes_dir=engine.modes_dir)
        assert fresh.translate([texts[i]], "fr", "en") == [in_order[i]]
        fresh.close()


@needs_pairs
def test_word_lookups_are_independent_of_each_other(engine: ApertiumTranslator) -> None:
    """The lookup chains carry their tagger's state between sentences, not between one-word
    requests: every word gets the same answer in any order."""
    route = engine.route("fr", "en")
    words = sorted({w.lower() for t in OWN + dev_sentences(300) for w in re.findall(r"\w+", t)})
    for chain in engine.lookups(route).chains:
        forward = chain.translate(words)
        backward = chain.translate(words[::-1])[::-1]
        assert forward == backward


@needs_pairs
def test_no_tag_or_mark_reaches_the_output(engine: ApertiumTranslator) -> None:
    texts = OWN + dev_sentences(300)
    for text in engine.translate(texts, "fr", "en"):
        assert not LEFT_MARKS.search(text), text
    # the text's own stars, hashes and at signs are the text's: kept as written
    (out,) = engine.translate(["La variable vaut 3 *4 #5 @6 *aliments."], "fr", "en")
    assert "*4 #5 @6 *" in out and UNKNOWN not in out


ANSWER = st.sampled_from(["farm", "Farm", "yard", "site", "*ferme", "#ferme", ""])


class Table:
    """A route answering from a fixed table (anything else: not known), counting requests."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.asked: list[str] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.asked += texts
        return [self.table.get(t, f"*{t}") for t in texts]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdef"), ANSWER), min_size=1, max_size=4))
def test_asking_a_route_only_about_undecided_words_changes_no_answer(
    tables: list[dict[str, str]],
) -> None:
    """Every table of answers from 1-4 routes: the words looked up with each route asked only
    about what the routes before it left undecided get the answer `choose` gives over every
    route's answer, and a route after the first is asked about fewer words when it can."""
    words = list("abcdef")
    routes = [Table(t) for t in tables]
    got = UnknownWords(routes).translate(words)
    every = {
        w: a for w in words if (a := choose([clean(r.table.get(w, f"*{w}"), w) for r in routes]))
    }
    assert got == every
    assert routes[0].asked == words
    if len(routes) == 2:  # the second route is asked exactly about what the first does not know
        assert routes[1].asked == [w for w in words if clean(tables[0].get(w, f"*{w}"), w) is None]


# -- a replacement brings in no character the source word does not have (hostile47 V22) --------

LETTERS = st.text("abcdefghijklmnopqrstuvwxyzéèàçù", min_size=2, max_size=8)
# every kind of character that is no letter: quotation marks, brackets, digits, symbols,
# sentence punctuation, a hyphen or an apostrophe at a word's edge
FOREIGN = st.sampled_from("\"«»“”„‘’'()[]{}<>0123456789%$€&+=/|~^.,;:!?…-–—·•")


@settings(max_examples=200, deadline=None)
@given(LETTERS, LETTERS, FOREIGN, st.integers(0, 3))
def test_no_lookup_brings_in_a_character_the_word_lacks(
    word: str, translation: str, mark: str, where: int
) -> None:
    """A route's answer for a word holding a character that is no letter and that the word
    does not have (the Catalan route's '"likes me"' for "liké") is no translation: the word
    stays as written, or the main route's answer stays. Before the fix 200 of 200 generated
    answers put their mark into the output (fill_in) and 200 of 200 replaced the main
    route's answer (agreement); after it none."""
    marked = [mark + translation, translation + mark, f"{mark}{translation}{mark}",
              f"{translation} {mark} {translation}"][where]  # fmt: skip
    lookup = UnknownWords([Fixed({word: marked})])
    (out,) = fill_in([f"It was {UNKNOWN}{word} here."], UNKNOWN_WORD, lookup)
    assert out.count(mark) == f"It was {word} here.".count(mark), out
    main = Fixed({word: "dear"})
    others = [Fixed({word: marked}), Fixed({word: marked})]
    agreement = Agreement(main, others, lambda ws: [f"^{w}/{w}<n><m><sg>$" for w in ws])
    (got,) = agreement.apply([f"Le {word}."], ["The dear."])
    assert got == "The dear.", got


@given(LETTERS, st.sampled_from(["-", "'", "’"]), LETTERS)
def test_a_hyphen_or_apostrophe_inside_a_word_is_the_words_own(
    first: str, joint: str, second: str
) -> None:
    assert clean(f"{first}{joint}{second}", "mot") == f"{first}{joint}{second}"
    assert clean(f"{joint}{first}", "mot") is None  # at an edge, it is brought in
