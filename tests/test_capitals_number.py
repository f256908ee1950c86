"""A sentence in capitals translates as the same sentence in mixed case, upper-cased (brief h49
class 4): "LES AMÉRICAINS SONT ARRIVÉS." came out "THE AMERICAN ARE ARRIVED.". The capitals
text is read case-folded ("les américains", `stages/shouted`), and the content words the lookup
routes agree on against the pivot (`translate/agreement`) took the lookup routes' answer for
the word alone, "American", for the pivot's "Americans": two forms of one noun are no dispute
of meaning now (the target's analyser reads one lemma and part of speech), and the pivot's
form, which agrees with the sentence, stays.

Generated: nationality and other plural nouns × sentence frames, each in capitals, against
its mixed-case sentence's translation upper-cased: 13 of 36 differed before, 0 after. Over 250
dev sentences upper-cased (news and Tatoeba): 20 differed before, 14 after (the rest: words
the capitals reading keeps as names, the analyser knowing them in neither case). A word read
both as a proper noun and as a closed class ("Cela": a first name and a pronoun) is a name only
where NER's mention holds it (`shouted.GRAMMAR`): "N'OUBLIEZ PAS CELA" was "DO NOT FORGET
CELA"."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

NOUNS = ["Américains", "Canadiens", "Italiens", "Allemands", "Espagnols", "Japonais"]
FRAMES = ["Les {} ont oublié cela.", "Ces {} aiment le sport.",
          "Nous avons rencontré des {} à la gare.", "Les jeunes {} voyagent beaucoup.",
          "Les {} et leurs enfants dorment.", "Deux {} ont gagné la course."]  # fmt: skip
WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.upper()))


@needs_fr_es
def test_a_capitals_sentence_translates_as_its_mixed_case_one() -> None:
    texts = [frame.format(noun) for noun, frame in itertools.product(NOUNS, FRAMES)]
    stage = Translate(cache=None)

    def translated(given: list[str], key: str) -> list[str]:
        records = [Record(id=f"{key}{i}", doc_id=f"{key}{i}", source="t", seq=0, text=t,
                          lang="fr") for i, t in enumerate(given)]  # fmt: skip
        return [r.translation.text if r.translation else "" for r in stage(records)]

    mixed = translated(texts, "m")
    shouted = translated([t.upper() for t in texts], "c")
    stage.close()
    bad = [(t, m, s) for t, m, s in zip(texts, mixed, shouted, strict=True) if words(m) != words(s)]
    assert not bad, f"{len(bad)} of {len(texts)}: {bad[:3]}"
