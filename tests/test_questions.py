"""English yes/no questions from French are put in question order (`engines/translate/
questions.py`), and the question particle "est-ce que" and "y a-t-il" reach the engine in
declarative order (`inversion.py`).

The class: every English subject pronoun × every auxiliary (be, modals, do, perfect have),
with and without "not", and lexical verbs in each tense and person the analyser reads, at the
start of the answer or of a clause (after ":", ";", a sentence, an opening quotation mark),
against what must stay (statements, a question opening with another word, a word that is not
only a verb, a clause before the question's). Sentences are written for this test.
"""

from __future__ import annotations

import itertools
import re

import pytest

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.inversion import Inversion
from pipeline.engines.translate.questions import AUXILIARIES, Questions

SUBJECTS = ["I", "you", "he", "she", "it", "we", "they", "there"]
LEXICAL = {  # verb form → (analysis readings, the question's opening for "you"/"he")
    "walk": ["walk<vblex><inf>", "walk<vblex><pres>"],
    "walks": ["walk<vblex><pri><p3><sg>"],
    "walked": ["walk<vblex><past>", "walk<vblex><pp>"],
    "seen": ["see<vblex><pp>"],
    "fish": ["fish<n><sg>", "fish<vblex><pres>"],
}


def fake(words: list[str]) -> list[str]:
    return [
        "^" + "/".join([w, *LEXICAL[w]]) + "$" if w in LEXICAL else f"^{w}/*{w}$" for w in words
    ]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def pronoun(subject: str) -> str:
    return subject if subject == "I" else subject.lower()


CONTRACTIONS = {"can": "can't", "will": "won't", "shall": "shan't", "am": None, "may": None,
                "might": None}  # fmt: skip


@pytest.mark.parametrize(
    ("subject", "auxiliary", "negated"),
    list(itertools.product(SUBJECTS, sorted(AUXILIARIES), (False, True))),
)
def test_an_auxiliary_goes_before_its_subject(subject: str, auxiliary: str, negated: bool) -> None:
    statement = f"{capital(subject)} {auxiliary}{' not' if negated else ''} ready?"
    got = Questions(fake).rewrite([statement])[0]
    if not negated:
        assert got == f"{capital(auxiliary)} {pronoun(subject)} ready?"
    elif CONTRACTIONS.get(auxiliary, "") is None:
        assert got == f"{capital(auxiliary)} {pronoun(subject)} not ready?"
    else:
        contracted = CONTRACTIONS.get(auxiliary) or auxiliary + "n't"
        assert got == f"{capital(contracted)} {pronoun(subject)} ready?"


@pytest.mark.parametrize("subject", SUBJECTS)
@pytest.mark.parametrize(
    ("verb", "want"),
    [("walk", "Do {s} walk"), ("walks", "Does {s} walk"), ("walked", "Did {s} walk"),
     ("have seen", "Have {s} seen"), ("fish", None)],
)  # fmt: skip
@pytest.mark.parametrize("before", ["", "He asked: ", "Fine. ", "Yes; ", 'He asked, "'])
def test_a_lexical_verb_takes_do_in_its_tense(
    subject: str, verb: str, want: str | None, before: str
) -> None:
    opens = capital(subject) if not before or before.endswith(". ") else pronoun(subject)
    text = f"{before}{opens} {verb} home?"
    got = Questions(fake).rewrite([text])[0]
    if want is None:  # "fish" is not only a verb: left alone
        assert got == text
        return
    question = want.format(s=pronoun(subject))
    if before and not before.endswith(". "):
        question = question[:1].lower() + question[1:]
    assert got == f"{before}{question} home?"


@pytest.mark.parametrize(
    "text",
    [
        "You walk home.",
        "The boys walk home?",
        "Where you walk?",
        "You said that you walk home?",
        "I know, but you walk home?",  # a comma ends no clause: the opening is "I know"
        "You go not home?",
    ],
)
def test_what_is_no_declarative_yes_no_question_stays(text: str) -> None:
    assert Questions(fake).rewrite([text]) == [text]


def test_the_question_particle_and_y_a_t_il_are_put_in_declarative_order() -> None:
    def analyse(words: list[str]) -> list[str]:
        known = {"a": "^a/avoir<vbhaver><pri><p3><sg>$", "il": "^il/il<prn><tn><p3><m><sg>$"}
        return [known.get(w, f"^{w}/*{w}$") for w in words]

    rewrite = Inversion(analyse).rewrite
    assert rewrite(["Est-ce que tu viens ?", "Où est-ce qu'il va ?"]) == [
        "Tu viens ?", "Où il va ?",
    ]  # fmt: skip
    assert rewrite(["Qu'est-ce que tu fais ?"]) == ["Qu'est-ce que tu fais ?"]
    assert rewrite(["Y a-t-il du pain ?", "N'y a-t-il pas de pain ?", "y en a-t-il ?"]) == [
        "Il y a du pain ?", "Il n'y a pas de pain ?", "il y en a ?",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("french", "opening"),
    [
        ("Est-ce que tu viens demain ?", r"Do you"),
        ("Es-tu prête ?", r"Are you"),
        ("Sommes-nous en retard ?", r"Are we"),
        ("Y a-t-il du pain ?", r"Is there"),
        ("Peux-tu nager ?", r"Can you"),
        ("Avez-vous fini le travail ?", r"Have you"),
        ("N'êtes-vous pas contents ?", r"Aren't you"),
    ],
)
def test_the_real_engine_asks_in_question_order(
    apertium: ApertiumTranslator, french: str, opening: str
) -> None:
    got = apertium.translate([french], "fr", "en")[0]
    assert re.match(opening, got), got
    off = ApertiumTranslator(modes_dir=apertium.modes_dir, questions=False)
    try:
        assert not re.match(opening, off.translate([french], "fr", "en")[0])
        assert off.version != apertium.version
        statement = "Tu viens demain."
        assert off.translate([statement], "fr", "en") == apertium.translate([statement], "fr", "en")
    finally:
        off.close()
