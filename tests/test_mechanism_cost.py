"""Each translation mechanism's own text work (`inversion`, `quotes`, `quote_comma`,
`questions`, `subjects`, `subject_pivot`, `possessive`, `partitive`, `agreement`, `articles`:
the rewrites around the engine, with a stand-in analyser and
chains) costs about linear time in a long text: on long runs of every character class and on
long texts that match on every few words (each match must cost what it reads, not the text
before it: `lookback.py`).

Two sizes 16x apart; the bound is 64x the time (between linear 16x and quadratic 256x) with a
1 ms floor under the small size's time, as in `test_cost_bounds.py`. Not a timing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from pipeline.engines.translate.agreement import Agreement
from pipeline.engines.translate.apertium import UNKNOWN_WORD, tidy
from pipeline.engines.translate.articles import Articles
from pipeline.engines.translate.inversion import Inversion
from pipeline.engines.translate.partitive import Partitive
from pipeline.engines.translate.possessive import with_possessors
from pipeline.engines.translate.questions import Questions
from pipeline.engines.translate.subjects import PIVOT_MARK, Marked, Subjects
from pipeline.engines.translate.unknown_words import UnknownWords, fill_in
from tests.cost_classes import hostile_texts
from tests.timing import best_of

SMALL, BIG = 1000, 16000
RATIO, FLOOR = 64, 0.001

# Short units that make each mechanism match every few words (written for this test).
UNITS = {
    "des": "des ",
    "des-after-blanks": "mange      des pommes, ",
    "des-after-words": "porte des sacs et des ",
    "question": "you walk? ",
    "question-clauses": 'he is ready: "it walks? ',
    "subject": "il parle et elle a dit qu'ils ont ",
    "subject-there": "il va  y avoir, il est bien de ",
    "token": "XSUBJAX Walks. ",
    "subject-pivot": "elle aime Tom et ils chantent qu'il ne la regarde ",
    "pivot": "\ue001Ama París y \ue001no la mira, \ue001 ",
    "possessive": "leur ",  # the answer: each "leur" written "his"
    "content": "le joli visage. ",
    "inverted": "Est-ce que tu viens ? Suis-je prêt ? qu'est-ce que ",
    "quoted": "« Il a dit » et « ",
    "quoted-comma": '"il a dit", et ',
    "article": "a \x01mot, an \x01chose a ",
}
ANALYSES = {
    "mange": "manger<vblex><pri><p3><sg>", "porte": "porter<vblex><pri><p3><sg>",
    "et": "et<cnjcoo>", "parle": "parler<vblex><pri><p3><sg>", "a": "avoir<vbhaver><pri><p3><sg>",
    "ont": "avoir<vbhaver><pri><p3><pl>", "va": "aller<vblex><pri><p3><sg>",
    "est": "être<vbser><pri><p3><sg>", "aime": "aimer<vblex><pri><p3><sg>/aimer<vblex><imp><p2><sg>",
    "regarde": "regarder<vblex><pri><p3><sg>/regarder<vblex><imp><p2><sg>",
    "chantent": "chanter<vblex><pri><p3><pl>/chanter<vblex><prs><p3><pl>", "walk": "walk<vblex><pres>",
    "walks": "walk<vblex><pri><p3><sg>", "visage": "visage<n><m><sg>",
    "joli": "joli<adj><m><sg>", "Suis": "être<vbser><pri><p1><sg>",
    "je": "prpers<prn><subj><p1><mf><sg>",
}  # fmt: skip


def analyse(words: Sequence[str]) -> list[str]:
    return [f"^{w}/{ANALYSES[w]}$" if w in ANALYSES else f"^{w}/*{w}$" for w in words]


class Lookup:
    """A chain that answers a word with the same word in one route's spelling."""

    def __init__(self, mark: str) -> None:
        self.mark = mark

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [t + self.mark for t in texts]


def texts(size: int) -> dict[str, str]:
    out = dict(hostile_texts(size))
    out |= {f"unit/{k}": (u * (size // len(u) + 1))[:size] for k, u in UNITS.items()}
    return out


def agreement(text: str) -> object:
    lookups = [Lookup("x"), Lookup("x")]
    return Agreement(Lookup(""), lookups, analyse).apply([text], [text])


class PostGenerator:
    """Answers "~a WORD" with "an WORD": every article put before a word changes."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        return ["an " + t.split(" ", 1)[1] for t in texts]


def articles(text: str) -> object:
    """Words put in place after articles (`fill_in`), and a word the routes agree on."""
    fill_in([text], UNKNOWN_WORD, UnknownWords([Lookup("")]), Articles(PostGenerator()))
    lookups = [Lookup("x"), Lookup("x")]
    return Agreement(Lookup(""), lookups, analyse, Articles(PostGenerator())).apply([text], [text])


def subjects(text: str) -> object:
    marked = Subjects(analyse).mark([text])[0]
    return Subjects(analyse).restore(Marked(text, max(marked.tokens, 1)), text)


def subject_pivot(text: str) -> object:
    """Marks for the pivot, then the Spanish pronouns written where the marks are (the
    marked text stands in for the first step's answer), and on a text of marks."""
    marked = Subjects(analyse).mark([text])[0]
    Subjects.in_pivot(marked, marked.text)
    marks = Marked("", 0, ("ella",) * text.count(PIVOT_MARK))
    return Subjects.in_pivot(marks, text)


MECHANISMS: dict[str, Callable[[str], object]] = {
    "inversion": lambda t: Inversion(analyse).rewrite([t]),
    "quotes": lambda t: tidy(t, "en", quotes=True),
    "quote_comma": lambda t: tidy(t, "en", quotes=True, quote_comma=True),
    "partitive": lambda t: Partitive(analyse).rewrite([t]),
    "questions": lambda t: Questions(analyse).rewrite([t]),
    "subjects": subjects,
    "subject_pivot": subject_pivot,
    "possessive": lambda t: with_possessors(t, t.replace("leur", "his")),
    "agreement": agreement,
    "articles": articles,
}
SMALL_TEXTS, BIG_TEXTS = texts(SMALL), texts(BIG)


def bind(work: Callable[[str], object], text: str) -> Callable[[], object]:
    return lambda: work(text)


@pytest.mark.parametrize("name", MECHANISMS)
def test_a_mechanism_is_linear_on_long_texts(name: str) -> None:
    work = MECHANISMS[name]
    slow = []
    for key, small in SMALL_TEXTS.items():
        on_small, on_big = bind(work, small), bind(work, BIG_TEXTS[key])
        if best_of(on_big) > RATIO * max(best_of(on_small), FLOOR):
            bound = RATIO * max(best_of(on_small, 3), FLOOR)
            if (took := best_of(on_big, 3)) > bound:
                slow.append(f"{key}: {took:.3f}s > {bound:.3f}s")
    assert not slow, "; ".join(slow[:5])


def test_the_units_make_each_mechanism_match() -> None:
    """The units are not idle: each mechanism changes the text it is given."""
    unit = SMALL_TEXTS
    assert (
        Partitive(analyse).rewrite([unit["unit/des-after-blanks"]])[0]
        != unit["unit/des-after-blanks"]
    )
    assert Questions(analyse).rewrite([unit["unit/question"]])[0] != unit["unit/question"]
    assert Subjects(analyse).mark([unit["unit/subject"]])[0].tokens > 10
    assert len(Subjects(analyse).mark([unit["unit/subject-pivot"]])[0].pivots) > 10
    assert "ella no la mira" in str(subject_pivot(unit["unit/pivot"]))
    inverted = unit["unit/inverted"]
    assert "Je suis" in Inversion(analyse).rewrite([inverted])[0]
    assert "Tu viens" in Inversion(analyse).rewrite([inverted])[0]
    possessive = unit["unit/possessive"]
    assert "their" in MECHANISMS["possessive"](possessive)  # type: ignore[operator]
    assert ',"' in tidy(unit["unit/quoted-comma"], "en", quote_comma=True)
    article = unit["unit/article"]
    out = fill_in([article], UNKNOWN_WORD, UnknownWords([]), Articles(PostGenerator()))
    assert out[0].count("an ") > article.count("an ")
