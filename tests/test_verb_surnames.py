"""A Spanish word opening a sentence that the analyser reads both as a surname and as a
finite verb is carried as a name only where a verb follows it (h47 V24: "Cuesta demasiado"
came out "Cuesta too much", the verb kept as a name). The words are those the installed
analyser gives both readings (`proper_and_verb`), each in verb frames and subject frames
written for this test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.engines.translate.names import opens_as_verb
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs, translations

# Third-person verbs that are Spanish surnames or place names too (the analyser decides which
# of them it reads both ways).
CANDIDATES = ["Cuesta", "Sierra", "Rueda", "Mata", "Pinta", "Toca", "Cuenta", "Salva"]
VERB_FRAMES = ["{w} demasiado.", "{w} muy despacio cada día.", "{w} la puerta por la noche."]
SUBJECT_FRAMES = ["{w} trabaja aquí.", "{w} no vino ayer."]


def test_a_finite_verb_without_a_verb_after_it_is_the_sentences_verb() -> None:
    verb = "^Cuesta/cuesta<n><f><sg>/Cuesta<np><cog>/costar<vblex><pri><p3><sg>$"
    assert opens_as_verb(verb + " ^demasiado/demasiado<adv>$")
    assert not opens_as_verb(verb + " ^trabaja/trabajar<vblex><pri><p3><sg>$")
    assert not opens_as_verb("^Luz/luz<n><f><sg>$ ^trabaja/trabajar<vblex><pri><p3><sg>$")


@pytest.fixture(scope="module")
def offline() -> Iterator[Translate]:
    stage = Translate(cache=None, fallback="none")
    yield stage
    stage.close()


def proper_and_verb(stage: Translate) -> list[str]:
    engine = stage.chain.engines[0]
    found = engine.analyse(CANDIDATES, "es", ("es", "en"))
    assert found is not None
    return [
        w for w, a in zip(CANDIDATES, found, strict=True)
        if "<np>" in a and "<vblex><pri><p3>" in a
    ]  # fmt: skip


@needs_pairs("spa-eng")
def test_a_verb_that_is_a_surname_is_translated_as_a_verb(offline: Translate) -> None:
    verbs = [f.format(w=w) for w in CANDIDATES for f in VERB_FRAMES]
    subjects = [f.format(w=w) for w in CANDIDATES for f in SUBJECT_FRAMES]
    answers = dict(zip(verbs + subjects, translations(offline, verbs + subjects, lang="es"),
                       strict=True))  # fmt: skip
    words = set(proper_and_verb(offline))  # the chain is built by the first batch
    assert len(words) >= 2, words
    kept = [answers[t] for t in verbs if t.split()[0] in words
            and answers[t].startswith(t.split()[0])]  # fmt: skip
    lost = [answers[t] for t in subjects if t.split()[0] in words
            and not answers[t].startswith(t.split()[0])]  # fmt: skip
    assert (kept, lost) == ([], [])
