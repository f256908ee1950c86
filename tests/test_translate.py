"""Translation: the real Apertium engine, name protection, and unsupported pairs."""

from __future__ import annotations

from pathlib import Path

from pipeline.engines.translate.apertium import (
    ApertiumTranslator,
    escape,
    installed_modes,
    unescape,
)
from pipeline.engines.translate.protect import mask, token, unmask
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate


def test_modes_are_discovered_and_french_goes_through_spanish(
    apertium: ApertiumTranslator,
) -> None:
    assert [m.name for m in apertium.route("fr", "en")] == ["fr-es", "spa-eng"]
    assert [m.name for m in apertium.route("es", "en")] == ["spa-eng"]  # direct
    assert apertium.route("de", "en") == []
    assert not apertium.supports("de", "en")
    assert apertium.describe("fr", "en") == "apertium:fr-es|spa-eng"


def test_one_answer_per_text_in_order_even_with_reserved_characters(
    apertium: ApertiumTranslator,
) -> None:
    texts = [
        "Le chat dort.",
        "Prix : 5 € [promo] ^ $ / @ <b>gras</b> {x} ~ # * | + \\ fin",
        "Première ligne.\nDeuxième ligne.",
        "",
        "Bonjour",
    ] * 40
    out = apertium.translate(texts, "fr", "en")
    assert len(out) == len(texts)
    assert out[0].lower().startswith("the cat")
    assert (
        "[promo" in out[1]
        and "]" in out[1]
        and "<b>" in out[1]
        and "{x}" in out[1]
        and "~" in out[1]
        and "\\" in out[1]
    )
    assert out[2].count("\n") == 1
    assert out[3] == ""
    assert out == apertium.translate(texts, "fr", "en")  # deterministic, and the process is reused


def test_spanish_translates_directly(apertium: ApertiumTranslator) -> None:
    assert apertium.translate(["El perro come."], "es", "en")[0].lower().startswith("the dog")


def test_escape_round_trip() -> None:
    text = "a\\b [c] ^d$ e/f @g <h> {i} ~j #k *l |m +n\nnext"
    assert unescape(escape(text)) == text


def test_modes_dir_without_pairs_supports_nothing(tmp_path: Path) -> None:
    assert installed_modes(tmp_path) == {}
    assert not ApertiumTranslator(modes_dir=tmp_path).supports("fr", "en")


def test_placeholders_survive_and_case_is_repaired() -> None:
    masked = mask("Peter Bogdanovich demanda à Cher de venir.", [(0, 17), (28, 32)])
    assert masked.text == f"{token(0)} demanda à {token(1)} de venir."
    engine_output = f"{token(0)} Asked to {token(1)} to come."
    restored = unmask(engine_output, masked)
    assert restored.text == "Peter Bogdanovich asked to Cher to come."
    assert restored.lost == []
    assert restored.positions == [(0, 0, 17), (1, 27, 31)]
    assert unmask("nothing left", masked).lost == ["Peter Bogdanovich", "Cher"]
    assert [token(i) for i in (0, 25, 26)] == ["XNAMEAX", "XNAMEZX", "XNAMEBAX"]


def test_stage_protects_names_and_leaves_unsupported_languages_untranslated(
    apertium: ApertiumTranslator,
) -> None:
    french = Record(
        id="f", doc_id="d", source="s", seq=0, text="Les essais de Cher sont coupés.", lang="fr"
    )
    french.entities = [Entity("Cher", "PERSON", 14, 18)]
    german = Record(id="g", doc_id="d", source="s", seq=1, text="Der Hund schläft.", lang="de")
    english = Record(id="e", doc_id="d", source="s", seq=2, text="The dog sleeps.", lang="en")
    out = list(Translate(engine=apertium, cache=None)([french, german, english]))
    assert out[0].translation is not None and "Cher" in out[0].translation.text
    assert out[0].translation.engine.startswith("apertium:")
    (carried,) = [e for e in out[0].entities if e.field == "translation"]
    assert out[0].translation.text[carried.start : carried.end] == "Cher"
    assert out[1].translation is None and out[1].meta["untranslated"].startswith(
        "apertium: no installable Apertium pair translates de→en"
    )
    assert out[2].translation is None and "untranslated" not in out[2].meta
    (raw,) = apertium.process(apertium.route("fr", "en")).translate(
        ["Les essais de Cher sont coupés."]
    )
    assert "Cher" not in raw  # the engine's own mistake ("Expensive"), which protection prevents


def test_expected_languages_start_their_engine_in_setup_and_change_no_output() -> None:
    """`Translate(expect=["fr"])` starts the engine's processes during set-up (in a thread the
    first batch waits for); a language not expected is translated all the same, and the
    records come out as from a stage that starts its engine on first use."""

    def records() -> list[Record]:
        french = Record(id="f", doc_id="d", source="s", seq=0,
                        text="Les essais de Cher sont coupés à Paris.", lang="fr")  # fmt: skip
        french.entities = [Entity("Cher", "PERSON", 14, 18), Entity("Paris", "LOC", 34, 39)]
        spanish = Record(id="e", doc_id="d", source="s", seq=1, text="El perro duerme.", lang="es")
        return [french, spanish]

    lazy = Translate(cache=None)
    expected = [r.to_dict() for r in lazy(records())]
    lazy.close()
    eager = Translate(cache=None, expect=["fr"])
    eager.setup()
    assert eager._warming is not None
    eager._warming.join()
    (engine,) = eager.engines
    assert ("fr-es", "spa-eng") in engine._processes  # started before any record came
    assert all(p.programs() for p in engine._processes.values())
    eager._ready = True
    assert [r.to_dict() for r in eager(records())] == expected
    assert eager._warming is None
    eager.close()
