"""Online engines through deep-translator's real client code, against a loopback server."""

from __future__ import annotations

import pytest

from pipeline.engines.translate.base import TranslationError
from pipeline.engines.translate.online import OnlineTranslator, service_code
from pipeline.record import Entity, Record
from pipeline.registry import make_translator, translator_names
from pipeline.stages.translate import Translate
from tests.libre_server import libre_server


def test_every_named_service_is_registered() -> None:
    assert {"apertium", "google", "deepl", "microsoft", "mymemory", "libre"} <= set(
        translator_names()
    )


def test_language_codes_map_to_each_service_dialect() -> None:
    assert service_code("zh", ["en", "zh-CN", "zh-TW"]) == "zh-CN"
    assert service_code("he", ["iw", "en"]) == "iw"
    assert service_code("fr", ["fr-FR", "en-GB"]) == "fr-FR"
    assert service_code("xx", ["en"]) is None


def test_keys_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    with pytest.raises(ValueError, match="DEEPL_API_KEY"):
        OnlineTranslator("deepl")
    monkeypatch.setenv("DEEPL_API_KEY", "secret")
    assert OnlineTranslator("deepl").supports("fr", "en")


def test_libre_over_loopback_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    with libre_server() as server:
        monkeypatch.setenv("LIBRE_URL", server.url.rstrip("/"))  # a missing slash is tolerated
        engine = make_translator("libre")
        record = Record(
            id="r", doc_id="d", source="s", seq=0, text="Cher chante avec Universal.", lang="fr"
        )
        record.entities = [Entity("Cher", "PERSON", 0, 4), Entity("Universal", "ORG", 17, 26)]
        (out,) = Translate(engine=engine)([record])
    assert out.translation is not None
    assert out.translation.text == "<fr→en> Cher chante avec Universal."
    assert out.translation.engine == "libre"
    (request,) = server.requests
    assert request["q"] == "XNAMEAX chante avec XNAMEBX."  # names never leave the machine as text
    assert (request["source"], request["target"], request["format"]) == ("fr", "en", "text")


def test_unreachable_service_is_a_translation_error_for_that_record() -> None:
    with libre_server() as server:
        url = server.url
    engine = OnlineTranslator("libre", custom_url=url)  # the server is gone: connection refused
    with pytest.raises(TranslationError):
        engine.translate(["Bonjour"], "fr", "en")
    record = Record(id="r", doc_id="d", source="s", seq=0, text="Bonjour à tous", lang="fr")
    (out,) = Translate(engine=engine)([record])
    assert out.error is not None and out.error.code == "E201" and out.error.stage == "translate"
