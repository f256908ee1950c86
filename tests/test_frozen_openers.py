"""A frozen token opening a sentence (a handle, a hashtag, a clock time, a number, a version,
inline code, a link, an emoji) is no word of it: the sentence translates as it does alone, the
token put back (h46 finding U12: "@marie je peux vérifier…" → "@marie can verify…", the
subject and the question lost; `engines/translate/openers`).

Generated: sentences written for this test opening with a subject pronoun or a question, each
after a token of every class (the sentence's first letter lowered, as a reply writes it), the
token followed by a blank, or by a comma, a colon, a semicolon or a dash (h47 leftover:
"@marie, je peux vérifier ?" lost its subject); the translation must be the bare sentence's
(its first letter's case aside). Before the fix 183 of 320 such cases built from the dev sets
failed; these fail on main too. With a separator, before the h48 fix 65 of 96 generated cases lost
the bare sentence's reading (its subject, its question), after it none. A token the words after
it make their subject ("@marie est malade") stays in its sentence; the cut, the emoji runs and
the subject reading are checked on their own, without the engine.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.openers import cuts, symbol_openers, token_is_subject
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

# Sentences written for this test (not from any corpus).
OWN = [
    "Je peux vérifier votre température ?",
    "Tu pourrais me prêter ton vélo ?",
    "Il est facile de perdre ses clés.",
    "Ils sont tous restés dans la cuisine.",
    "Je fais souvent des courses le samedi.",
    "Vous avez fini le rapport ?",
    "On lui a offert un livre pour son anniversaire.",
    "Comment vont tes parents ?",
]
LOWER = "abcdefghijklmnopqrstuvwxyz"
word = st.text(LOWER, min_size=3, max_size=7)
TOKENS = st.one_of(
    st.builds(lambda a, b: f"@{a}{b.capitalize()}", word, word),  # handle
    st.builds(lambda a, n: f"#{a.capitalize()}{n}", word, st.integers(2000, 2030)),  # hashtag
    st.builds(lambda h, m: f"{h}h{m:02d}", st.integers(0, 23), st.integers(0, 59)),  # clock
    st.builds(lambda a, b: f"{a},{b}", st.integers(1, 99), st.integers(1, 9)),  # number
    st.builds(lambda a, b: f"v{a}.{b}", st.integers(1, 9), st.integers(0, 9)),  # version
    st.builds(lambda a: f"`{a}`", word),  # inline code
    st.builds(lambda a, b: f"https://{a}.fr/{b}", word, word),  # link
    st.sampled_from(["😀", "👍", "🙏🏽", "❤️"]),  # emoji
)
SEPARATED = st.sampled_from(["", ",", " :", ";", " —", " –"])


@pytest.fixture(scope="module")
def bare(translate_stage: Translate) -> dict[str, str]:
    return dict(zip(OWN, translations(translate_stage, OWN), strict=True))


@needs_fr_es
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(TOKENS, SEPARATED, st.sampled_from(OWN)), min_size=4, max_size=4))
def test_sentence_after_an_opening_token_translates_as_alone(
    translate_stage: Translate, bare: dict[str, str], cases: list[tuple[str, str, str]]
) -> None:
    texts = [f"{token}{sep} {sentence[0].lower()}{sentence[1:]}" for token, sep, sentence in cases]
    for (token, sep, sentence), out in zip(
        cases, translations(translate_stage, texts), strict=True
    ):
        want = bare[sentence]
        assert out.startswith(f"{token}{sep} "), out
        rest = out[len(token) + len(sep) + 1 :]
        assert rest[:1].lower() == want[:1].lower() and rest[1:] == want[1:], (out, want)
        if sep and want[:1] != "I":
            assert rest[:1].islower(), out  # the source's case, as after a blank


@needs_fr_es
def test_a_token_that_is_the_subject_stays_in_its_sentence(translate_stage: Translate) -> None:
    (out,) = translations(translate_stage, ["@marie est malade."])
    assert not out.lower().startswith("@marie it "), out  # "It is ailing": the subject lost


@needs_fr_es
def test_the_word_after_the_token_keeps_the_source_case(translate_stage: Translate) -> None:
    texts = ["@marie je suis fatigué.", "@marie tom et Mary sont là.", "😀 les chats dorment."]
    out = translations(translate_stage, texts)
    assert out[0].startswith("@marie I "), out  # "I" is written so, whatever the source
    assert out[1].startswith("@marie Tom and"), out  # a name the target writes capitalised
    assert out[2].startswith("😀 the "), out


def test_cuts_find_runs_opening_a_sentence() -> None:
    held = {"XNAMEAX", "XNAMEBX"}
    assert cuts("XNAMEAX je viens.", held) == [(0, 8)]
    assert cuts("XNAMEAX XNAMEBX je viens.", held) == [(0, 16)]
    assert cuts("Merci ! XNAMEAX je viens.", held) == [(8, 16)]
    assert cuts("Le lien XNAMEAX est cassé.", held) == []  # inside its sentence
    assert cuts("XNAMEAX, je viens.", held) == [(0, 9)]  # a separator sets it apart
    assert cuts("XNAMEAX : je viens.", held) == [(0, 10)]
    assert cuts("XNAMEAX, XNAMEBX — je viens.", held) == [(0, 19)]
    assert cuts("Il dit XNAMEAX, je viens.", held) == []  # inside its sentence
    assert cuts("XNAMEAX 12 ans.", held) == []  # no word after it


def test_emoji_opening_a_sentence_are_frozen() -> None:
    text = "😀 merci. Il rit 😀 encore. 👍 🙏🏽 oui"
    spans = symbol_openers(text, set())
    assert [text[s:e] for s, e in spans] == ["😀", "👍", "🙏🏽"]
    assert symbol_openers("@x 😀 oui", {(0, 2)}) == [(3, 4)]
    assert symbol_openers("😀, je peux", set()) == [(0, 1)]  # a separator after it
    assert symbol_openers("@x, 😀 — oui", {(0, 2)}) == [(4, 5)]


def test_subject_reading() -> None:
    unknown = "^XNAMEAX/*XNAMEAX$"
    verb = "^est/être<vbser><pri><p3><sg>$"
    assert token_is_subject(f"{unknown} {verb}")
    assert not token_is_subject(
        f"{unknown} ^je/je<prn><tn><p1><mf><sg>$ ^suis/être<vbser><pri><p1><sg>$"
    )
    on = "^on/on<prn><pro><ref><p3><mf><sp>$ ^a/avoir<vbhaver><pri><p3><sg>$"
    assert not token_is_subject(f"{unknown} {on}")
    vous = "^vous/vous<prn><pro><p2><mf><pl>$ ^a/avoir<vbhaver><pri><p3><sg>$"
    assert token_is_subject(f"{unknown} {vous}")
    assert not token_is_subject(f"{unknown} ^où/où<adv><itg>$ {verb}")
