"""Credit and cast lines of every translated language (hostile45 E16): "Con X, Y y Z", "Amb X
i Y", "Com X, Y e Z", "Música de X Y" are in the language their credit words are in, not the
one their names look like; a credit label opening a capitalised run is no part of the name the
translation carries. Exhaustive over languages × line shapes × invented names (syllables), in
a document whose one sentence is in that language."""

from __future__ import annotations

import random

from pipeline.engines.translate.name_guard import NameGuard
from pipeline.record import Record
from pipeline.stages.detect import Detect

SYLLABLES = ["ma", "ri", "lon", "ber", "ta", "vil", "sou", "ne", "gau", "dre", "lié", "mor"]
# invented names that look like another language's than the line's: French endings in the
# Iberian lines, Spanish ones in the French lines (the names are what misled language ID)
ENDINGS = {
    "fr": (["ette", "ine", "ien", "aud", "elle"], ["eau", "ier", "oux", "ville", "ière"]),
    "es": (["ita", "ez", "ando", "uela"], ["ández", "ero", "illo", "ueña"]),
}
# per language: a sentence, the opening of a cast line and the conjunction before its last
# name, credit labels with the word linking them to a name (the languages' own film credits)
LANGS = {
    "es": ("La película se rodó durante el invierno en un pueblo de la costa.", "Con", "y",
           ["Música de", "Fotografía de", "Montaje de"]),
    "ca": ("La pel·lícula es va rodar durant l'hivern en un poble de la costa.", "Amb", "i",
           ["Música de", "Fotografia de", "Muntatge de"]),
    "pt": ("O filme foi rodado durante o inverno numa aldeia da costa.", "Com", "e",
           ["Música de", "Fotografia de", "Montagem de"]),
    "fr": ("Le film a été tourné pendant l'hiver dans un village de la côte.", "Avec", "et",
           ["Musique de", "Image de", "Montage de"]),
}  # fmt: skip


def name(rng: random.Random, lang: str = "es") -> str:
    firsts, lasts = ENDINGS["es" if lang == "fr" else "fr"]

    def word(endings: list[str]) -> str:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
        return (stem + rng.choice(endings)).capitalize()

    return f"{word(firsts)} {word(lasts)}"


def lines(lang: str, rng: random.Random) -> list[str]:
    _, opening, conjunction, labels = LANGS[lang]
    out = []
    for count in (2, 3):
        names = [name(rng, lang) for _ in range(count)]
        out.append(f"{opening} {', '.join(names[:-1])} {conjunction} {names[-1]}")
    out += [f"{label} {name(rng, lang)}" for label in labels]
    return out


def record(i: int, text: str, doc: str) -> Record:
    return Record(id=f"{doc}:{i}", doc_id=doc, source=f"{doc}.txt", seq=i, text=text)


def test_credit_lines_are_in_their_credit_words_language() -> None:
    rng = random.Random(16)
    wrong, total = [], 0
    stage = Detect()
    for k, lang in enumerate(sorted(LANGS) * 5):
        credits = lines(lang, rng)
        doc = [record(i, t, f"d{k}") for i, t in enumerate([*credits, LANGS[lang][0]])]
        out = list(stage(doc))
        total += len(credits)
        wrong += [(r.text, r.lang, lang) for r in out[:-1] if r.lang != lang]
    assert not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"


def test_prose_opening_with_a_credit_word_is_judged_by_its_words() -> None:
    out = list(Detect()([record(0, "Con el tiempo llegó la lluvia", "p")]))
    assert out[0].meta.get("lang_reason") != "credit_words"


def test_a_credit_label_is_no_part_of_a_guessed_name() -> None:
    """The guessed names of a language without NER, with an engine that reads names (no
    sentence-initial common word cut): the label and its link stay out."""
    rng = random.Random(6)
    guard = NameGuard("en", True, None, frozenset({"en", "fr"}))
    guard.asks = True
    wrong, total = [], 0
    for lang in ("es", "ca", "pt"):
        for label in LANGS[lang][3]:
            full = name(rng)
            text = f"{label} {full}"
            got = [e.text for e in guard.guessed_names(record(0, text, "g"), lang)]
            total += 1
            if got != [full]:
                wrong.append((text, got))
    assert not wrong, f"{len(wrong)} of {total}: {wrong[:4]}"
