"""One-letter words French → English through the Spanish pivot (hostile finding T16): a letter
the first step does not know ("e", "u", a variable's name) passed on unmarked, and the pivot's
step read it as its own word ("e" → "and", "u" → "or"). Every letter the first step's analyser
does not know comes out as written, inside a sentence."""

from __future__ import annotations

import re
import string

from pipeline.engines.translate.apertium import ApertiumTranslator
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_pairs

LETTERS = string.ascii_letters + "àâçéèêëîïôùûüÿ"
FRAMES = ["La variable {} vaut 3.", "Le point {}, puis le point suivant."]


@needs_pairs("fr-es", "spa-eng")
def test_letters_the_first_step_does_not_know_come_out_as_written() -> None:
    engine = ApertiumTranslator()
    analyses = engine.analyse(list(LETTERS), "fr", ("fr", "en")) or []
    unknown = [c for c, a in zip(LETTERS, analyses, strict=True) if "/*" in a]
    assert len(unknown) > 10  # most letters alone are no French word
    texts = [f.format(c) for c in unknown for f in FRAMES]
    stage = Translate(translator="apertium", cache=None)
    try:
        records = [Record(id=str(i), doc_id=str(i), source="s", seq=0, text=t, lang="fr")
                   for i, t in enumerate(texts)]  # fmt: skip
        answers = [r.translation.text if r.translation else "" for r in stage(records)]
    finally:
        stage.close()
    bad = [
        (t, a)
        for t, a, c in zip(texts, answers, [c for c in unknown for _ in FRAMES], strict=True)
        if not re.search(rf"(?<![\w'’]){re.escape(c)}(?![\w'’])", a)
    ]
    assert not bad, f"{len(bad)} of {len(texts)}: {bad[:4]}"
