"""A speaker's name opening a line of a play, a screenplay or a subtitle ("NOËL : …",
"AIMÉ. — …", "Noël (souriant) : …", "[Noël] …", "NOËL, à Aurore : …") is a person's and is
carried verbatim, whatever its case (hostile finding V5): when NER finds it (whatever label it
gives a name in capitals), and when NER misses it but the document names it elsewhere. The
word after it keeps its case (V8). First names here are French common words, which the engine
translates when they are not carried."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.record import Entity, Record
from pipeline.speakers import speaker_tags
from pipeline.stages.translate import Translate
from tests.conftest import needs_fr_es, translations

pytestmark = needs_fr_es

NAMES = ["Noël", "Aimé", "Victoire", "Blanche", "Fleur", "Espérance", "Modeste", "Désiré",
         "Prudence", "Félicité", "Ange", "Céleste"]  # fmt: skip
LAYOUTS = ["{} : Ferme la porte !", "{}. — Tu mens.", "{} (à voix basse) : Où est la lettre ?",
           "[{}] Il fait froid ce soir.", "{}, à Rose : Je viens demain.",
           "{} : Tu mens."]  # fmt: skip
LABELS = ["PERSON", "MISC", "ORG", "LOC"]


def name_of(name: str, caps: bool) -> str:
    return name.upper() if caps else name


@settings(
    max_examples=24, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(NAMES),
    layout=st.sampled_from(LAYOUTS),
    caps=st.booleans(),
    label=st.sampled_from(LABELS),
)
def test_a_speaker_ner_finds_is_carried(
    translate_stage: Translate, name: str, layout: str, caps: bool, label: str
) -> None:
    if layout.startswith("{} :") and label in ("ORG", "LOC"):
        label = "MISC"  # "ONU : …", "Allemagne : …": a headline's subject
    if not caps and layout.startswith("{} :"):
        caps = True  # "Noël : …", "Invités : …" in title case: a headline's shape too
    written = name_of(name, caps)
    text = layout.format(written)
    start = text.index(written)
    entity = Entity(written, label, start, start + len(written))
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[entity])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert out.translation.text.startswith(text[:start] + written), out.translation.text


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(NAMES), layout=st.sampled_from(LAYOUTS))
def test_a_speaker_the_document_names_is_carried(
    translate_stage: Translate, name: str, layout: str
) -> None:
    """NER found nothing: the document writes the name inside a sentence elsewhere."""
    tag = layout.format(name.upper())
    texts = [tag, f"Bonsoir, {name}.", f"Il parle souvent avec {name} le soir."]
    answer = translations(translate_stage, texts, doc="d")[0]
    assert answer.startswith(tag[: tag.index(name.upper()) + len(name)]), answer


def test_the_word_after_a_carried_speaker_keeps_its_case(translate_stage: Translate) -> None:
    record = Record(id="0", doc_id="0", source="t", seq=0, text="BLANCHE : Tu mens.",
                    lang="fr", entities=[Entity("BLANCHE", "PERSON", 0, 7)])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert out.translation.text.startswith("BLANCHE: You"), out.translation.text


def test_headings_and_prose_are_no_speakers() -> None:
    assert speaker_tags("Il dit : non.\nLa maison est grande.\nvoir : ici") == []
    text = "NOËL : Oui.\nAIMÉ. — Non.\n[Rose] Si.\nNoël (seul) : Bon."
    assert [text[s:e] for s, e in speaker_tags(text)] == ["NOËL", "AIMÉ", "Rose", "Noël"]


def test_a_common_word_heading_without_evidence_is_translated(translate_stage: Translate) -> None:
    (answer,) = translations(translate_stage, ["ATTENTION : ne touchez pas."])
    assert "ATTENTION" not in answer, answer


def test_a_title_case_label_before_a_colon_is_the_engine_s(translate_stage: Translate) -> None:
    """NER's false person "Invités" before a bare colon (README: not before a colon)."""
    text = "Invités : Jean Dupont et Rose Carré."
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[Entity("Invités", "PERSON", 0, 7)])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert not out.translation.text.startswith("Invités"), out.translation.text


def test_a_headline_place_is_the_engine_s(translate_stage: Translate) -> None:
    text = "Allemagne : le chômage baisse."
    record = Record(id="0", doc_id="0", source="t", seq=0, text=text, lang="fr",
                    entities=[Entity("Allemagne", "LOC", 0, 9)])  # fmt: skip
    (out,) = translate_stage([record])
    assert out.translation is not None
    assert out.translation.text.startswith("Germany"), out.translation.text
