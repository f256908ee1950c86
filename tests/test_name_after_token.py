"""The word after a frozen token inside a multi-word name keeps the engine's capital (brief h49
class 5): "Téléchargez la v2.0 les Etats-Unis l'ont adoptée." came out "… the v2.0 united
States …": the source's word after the token is lower case ("les"), so the engine's capital
there was read as the token's artefact ("XNAMEAX Asked") and lowered, though it was the name's
and the engine had dropped the article. Where the source goes on with a determiner (the
route's analyser says) and a capitalised word, the follower keeps its capital unless it reads
only as a function word ("77% Of the French" is the token's artefact).

Generated: every frozen class (version, file name, URL, e-mail, hashtag, handle, quantity,
date, inline code, dotted version, Roman ordinal, clock time, quoted title) × multi-word places
after an article × sentence frames: 210 of 273 lowered a word of the place before, 0 after.
The test holds a sample of 84 (70 failed on main, 0 now); the place's capitalised words are those of its translation in a
plain sentence."""

from __future__ import annotations

import itertools
import random
import re

from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

FROZEN = ["la v2.0", "le fichier rapport.pdf", "https://exemple.org/page", "contact@exemple.fr",
          "#JO2024", "@marie", "12 km", "le 14/07/2023", "le code `ls -l`", "la version 3.1.4",
          "le XIVe siècle", "14h30", 'le mot "Bonjour"']  # fmt: skip
PLACES = ["les Etats-Unis", "le Royaume-Uni", "la Nouvelle-Zélande", "les Pays-Bas",
          "la Corée du Sud", "l'Afrique du Sud"]  # fmt: skip
FRAMES = ["Téléchargez {f} {p} l'ont adoptée.", "Après {f} {p} ont changé d'avis.",
          "Depuis {f} {p} exportent plus."]  # fmt: skip
WORD = re.compile(r"[\w-]+")


def translated(stage: Translate, texts: list[str], key: str) -> list[str]:
    records = [Record(id=f"{key}{i}", doc_id=f"{key}{i}", source="t", seq=0, text=t, lang="fr")
               for i, t in enumerate(texts)]  # fmt: skip
    return [r.translation.text if r.translation else "" for r in stage(records)]


@needs_fr_es
def test_a_name_after_a_frozen_token_keeps_its_capitals() -> None:
    every = list(itertools.product(FROZEN, PLACES, FRAMES))
    cases = random.Random(49).sample(every, 84)
    stage = Translate(cache=None)
    alone = translated(stage, [f"Il parle de {p} ici." for p in PLACES], "p")
    capitals = {p: [w for w in WORD.findall(a)[1:] if w[0].isupper()]
                for p, a in zip(PLACES, alone, strict=True)}  # fmt: skip
    out = translated(stage, [frame.format(f=f, p=p) for f, p, frame in cases], "c")
    stage.close()
    bad = [
        (frame.format(f=f, p=p), o) for (f, p, frame), o in zip(cases, out, strict=True)
        if not all(re.search(rf"\b{re.escape(w)}\b", o) for w in capitals[p])
    ]  # fmt: skip
    assert not bad, f"{len(bad)} of {len(cases)}: {bad[:3]}"


@needs_fr_es
def test_a_function_word_after_a_token_is_still_lowered() -> None:
    stage = Translate(cache=None)
    out = translated(stage, ["77% des Français en veulent une."], "f")
    stage.close()
    assert out[0].startswith("77% of ")
