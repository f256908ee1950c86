"""A wh-question asked with "est-ce que" keeps its question word and its subject.

The class: every French question word (the elided "qu'" of "qu'est-ce que/qui" included) ×
"est-ce que" / "est-ce qu'" × each subject clitic × verbs of three groups, through the route's
own analyser. "est-ce" glued to an elided "qu'" is no inversion: it must never become
"qu'ce est" (which `fr-es`/`spa-eng` turn into "That this is that…"). Sentences are written
for this test, not taken from a corpus.
"""

from __future__ import annotations

import itertools
import re

from pipeline.engines.translate.apertium import ApertiumTranslator

WORDS = ("Qu'", "Qu’", "qu'", "Où ", "Quand ", "Comment ", "Pourquoi ", "Combien ", "À quoi ")
SUBJECTS = {"tu": "parles", "il": "finit", "elle": "prend", "nous": "mangeons",
            "vous": "dites", "ils": "font", "elles": "vont"}  # fmt: skip
# "ce" moved after an elided word: the inversion undone where there was none.
BROKEN = re.compile(r"[’']\s*ce\s+est\b", re.IGNORECASE)


def questions() -> list[str]:
    out = []
    for word, (subject, verb) in itertools.product(WORDS, SUBJECTS.items()):
        particle = "est-ce qu'" if subject[0] in "aeiou" else "est-ce que "
        out.append(f"{word}{particle}{subject} {verb} ?")
    out += [f"{w}est-ce qui {v} ?" for w in WORDS[:3] for v in ("se passe", "arrive")]
    return out


def test_est_ce_after_qu_is_never_inverted(apertium: ApertiumTranslator) -> None:
    texts = questions()
    rewritten = apertium.uninverted(texts, "fr", "en")
    broken = [r for r in rewritten if BROKEN.search(r)]
    assert not broken, broken
    for text, out in zip(texts, rewritten, strict=True):
        if text[:3].lower() in ("qu'", "qu’"):
            assert out == text  # left to the engine, which reads "qu'est-ce que" as "what"
        else:
            assert "est-ce" not in out  # the particle goes; the question word stays
            assert out.split()[0] == text.split()[0]


def test_what_is_translated_as_a_question_word(apertium: ApertiumTranslator) -> None:
    out = apertium.translate(["Qu'est-ce que tu fais ?"], "fr", "en")[0]
    assert out.split()[0] == "What", out


def test_another_verb_after_qu_is_still_put_in_order(apertium: ApertiumTranslator) -> None:
    """Only "est-ce" is the question word's; "qu'auraient-ils dit" keeps its subject."""
    out = apertium.uninverted(["Qu'auraient-ils dit ?", "qu'a-t-elle fait ?"], "fr", "en")
    assert out == ["Qu'ils auraient dit ?", "qu'elle a fait ?"]
