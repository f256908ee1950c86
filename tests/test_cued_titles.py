"""Quoted titles in sentence case (issue 30 item 1, brief h49 class 2): French writes a work's
title with one capital ("J'ai revu « À bout de souffle » hier" came out "To extreme of blow").
After a verb of seeing, loving, reading or making a work (`work_verbs`, by the analyser's
lemma), a quotation that reads as a title and holds no word read only as a finite verb is
carried as written (`engines/translate/cued_titles`), and so is every other quotation of it in
its document; quoted speech is still translated.

Generated: invented titles × verb forms × quotation marks, speech after the same verbs and
after verbs of saying, and documents quoting a title twice. Before: 72 of 72 titles and 12 of
12 later mentions translated; after: 0; speech translated 48 of 48 before and after. On the
dev MT sets: 0 of 332 (news) and 0 of 49 (Tatoeba) quotations newly frozen."""

from __future__ import annotations

import itertools

from pipeline.engines.translate import cued_titles
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

TITLES = [
    "Le silence des collines", "Une maison près du fleuve", "La nuit des oiseaux",
    "Les voleurs de pluie", "Un hiver sans neige", "Mon oncle du nord",
]  # fmt: skip
FRAMES = ["J'ai revu {} hier soir.", "Elle adore {} depuis longtemps.", "Il a réalisé {} en 1990.",
          "Nous avons regardé {} avec les enfants."]  # fmt: skip
MARKS = [("« ", " »"), ('"', '"'), ("“", "”")]
SPEECH = ["Je reviendrai demain", "Viens ici tout de suite", "Nous partons ce soir",
          "Tu mens encore"]  # fmt: skip
SAYING = ["Il a dit {} en riant.", "Elle a crié {} à son frère.", "J'ai revu {} sur le mur.",
          "Elle adore {} depuis longtemps."]  # fmt: skip
LATER = "Plus tard, {} a gagné un prix."


def records(texts: list[str], key: str, one_document: bool = False) -> list[Record]:
    return [
        Record(id=f"{key}{i}", doc_id=key if one_document else f"{key}{i}", source="t",
               seq=i, text=t, lang="fr")
        for i, t in enumerate(texts)
    ]  # fmt: skip


@needs_fr_es
def test_titles_after_a_work_verb_are_carried_and_speech_is_translated() -> None:
    titled = [
        (frame.format(f"{o}{title}{c}"), title)
        for title, frame, (o, c) in itertools.product(TITLES, FRAMES, MARKS)
    ]
    spoken = [
        (frame.format(f"{o}{line}{c}"), line)
        for line, frame, (o, c) in itertools.product(SPEECH, SAYING, MARKS)
    ]
    documents = [
        [frame.format(f"« {title} »"), LATER.format(f"« {title} »")]
        for title, frame in zip(TITLES * 2, FRAMES * 3, strict=False)
    ]
    stage = Translate(cache=None)
    out = [r.translation.text if r.translation else "" for r in
           stage(records([t for t, _ in titled + spoken], "x"))]  # fmt: skip
    later = []
    for n, document in enumerate(documents):
        done = list(stage(records(document, f"d{n}", one_document=True)))
        later.append((document[1], done[1].translation.text if done[1].translation else ""))
    stage.close()
    lost = [(t, o) for (t, title), o in zip(titled, out, strict=False) if title not in o]
    frozen = [(t, o) for (t, line), o in zip(spoken, out[len(titled) :], strict=True) if line in o]
    inconsistent = [
        (t, o) for (t, o), title in zip(later, TITLES * 2, strict=False) if title not in o
    ]
    assert not lost, f"{len(lost)} of {len(titled)} titles translated: {lost[:3]}"
    assert not frozen, f"{len(frozen)} of {len(spoken)} quoted lines frozen: {frozen[:3]}"
    assert not inconsistent, f"{len(inconsistent)} of {len(later)}: {inconsistent[:3]}"


def test_a_clause_is_a_word_read_only_as_a_finite_verb() -> None:
    noun_or_verb = "^La/le<det><def><f><sg>$ ^règle/règle<n><f><sg>/régler<vblex><pri><p3><sg>$"
    verb_only = "^Je/je<prn><tn><p1>$ ^reviendrai/revenir<vblex><fti><p1><sg>$"
    assert not cued_titles.clause(noun_or_verb)
    assert cued_titles.clause(verb_only)
    assert cued_titles.lemmas("^revu/revoir<vblex><pp><m><sg>$") == {"revoir"}


def test_a_quotation_opening_its_sentence_is_no_candidate() -> None:
    assert [
        c[2] for c in cued_titles.candidates("« Le grand bleu » est sorti. J'ai vu « Le bleu ».")
    ] == ["vu"]
