"""Online engines through deep-translator's real client code, against a loopback server that
misbehaves on demand: slow, 429, 500, garbage, reset, hanging. No traffic leaves 127.0.0.1."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
import requests
import urllib3

from pipeline.engines.registry import make_translator, translator_names
from pipeline.engines.translate.base import TranslationError
from pipeline.engines.translate.online import RETRIED, OnlineTranslator, failure_kind, service_code
from pipeline.record import Entity, Record
from pipeline.stages.translate import Translate
from tests.libre_server import LibreServer, libre_server


@pytest.fixture
def server() -> LibreServer:
    with libre_server() as s:
        yield s  # type: ignore[misc]


def libre(server: LibreServer, **options: float) -> OnlineTranslator:
    return OnlineTranslator("libre", custom_url=server.url, backoff=0.05, **options)  # type: ignore[arg-type]


def french(text: str = "Le chat dort sur le canapé.", i: int = 0) -> Record:
    return Record(id=f"r{i}", doc_id="d", source="s", seq=i, text=text, lang="fr")


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


def test_libre_end_to_end_names_never_leave_as_text(
    server: LibreServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIBRE_URL", server.url.rstrip("/"))  # a missing slash is tolerated
    record = french("Cher chante avec Universal.")
    record.entities = [Entity("Cher", "PERSON", 0, 4), Entity("Universal", "ORG", 17, 26)]
    (out,) = Translate(engine=make_translator("libre"), cache=None)([record])
    assert out.translation is not None
    assert (out.translation.text, out.translation.engine) == (
        "<fr→en> Cher chante avec Universal.",
        "libre",
    )
    (request,) = server.requests
    assert request["q"] == "XNAMEAX chante avec XNAMEBX."
    assert (request["source"], request["target"], request["format"]) == ("fr", "en", "text")


def test_429_is_retried_after_the_servers_retry_after(server: LibreServer) -> None:
    server.faults = [("status", 429, 0.4)]
    started = time.monotonic()
    assert libre(server).translate(["Bonjour"], "fr", "en") == ["<fr→en> Bonjour"]
    assert time.monotonic() - started >= 0.4
    assert len(server.requests) == 2


def test_5xx_and_garbage_are_retried_with_backoff(server: LibreServer) -> None:
    server.faults = [("status", 500, None), ("status", 503, None), ("garbage",)]
    assert libre(server).translate(["Bonjour"], "fr", "en") == ["<fr→en> Bonjour"]
    assert len(server.requests) == 4


def test_a_refused_request_is_not_retried(server: LibreServer) -> None:
    server.faults = [("status", 403, None)]
    with pytest.raises(TranslationError, match="403"):
        libre(server).translate(["Bonjour"], "fr", "en")
    assert len(server.requests) == 1


def test_retries_give_up(server: LibreServer) -> None:
    server.always = ("status", 500, None)
    with pytest.raises(TranslationError, match="after 3 attempts"):
        libre(server, retries=2).translate(["Bonjour"], "fr", "en")
    assert len(server.requests) == 3


def test_a_hanging_server_does_not_hang_the_run(server: LibreServer) -> None:
    """Every request hangs: each times out, the engine is marked down, Apertium takes over."""
    server.always = ("hang", 30)
    stage = Translate(
        engine=libre(server, timeout=0.3, retries=1),
        fallback="apertium",
        cache=None,
        max_failures=2,
    )
    records = [french(f"Le chat numéro {i} dort.", i) for i in range(6)]
    started = time.monotonic()
    out = list(stage(records))
    assert time.monotonic() - started < 10
    assert all(
        r.translation is not None and r.translation.engine.startswith("apertium") for r in out
    )
    assert stage.describe()["engines_down"] == ["libre"]
    assert len(server.requests) <= 2 * 4  # the batch, then two records alone, then down


def test_without_fallback_records_stay_untranslated_with_the_reason(server: LibreServer) -> None:
    server.always = ("status", 500, None)
    stage = Translate(engine=libre(server, retries=0), fallback="none", cache=None, max_failures=5)
    out = list(stage([french(i=0), french("Une autre phrase.", 1)]))
    assert all(r.translation is None and r.error is None for r in out)
    assert all("HTTP 500" in r.meta["untranslated"] for r in out)


def test_one_bad_item_does_not_fail_the_batch(server: LibreServer) -> None:
    server.faults = [("status", 400, None)] * 2  # the batch's first request, then the item alone
    records = [french(f"Phrase numéro {i}.", i) for i in range(3)]
    out = list(Translate(engine=libre(server, retries=0), fallback="none", cache=None)(records))
    assert [r.translation is not None for r in out] == [False, True, True]
    assert "HTTP 400" in out[0].meta["untranslated"]


def test_the_cache_answers_a_second_run(server: LibreServer, tmp_path: Path) -> None:
    texts = [french(f"Phrase numéro {i}.", i) for i in range(5)]
    first = [
        r.translation.text
        for r in Translate(engine=libre(server), cache=tmp_path / "c.sqlite")(texts)
        if r.translation
    ]
    assert len(server.requests) == 5
    again = [french(f"Phrase numéro {i}.", i) for i in range(5)]
    second = [
        r.translation.text
        for r in Translate(engine=libre(server), cache=tmp_path / "c.sqlite")(again)
        if r.translation
    ]
    assert second == first and len(first) == 5
    assert len(server.requests) == 5  # nothing new went over the wire


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (("status", 429, 0), "busy"),
        (("status", 500, None), "busy"),
        (("status", 503, None), "busy"),
        (("garbage",), "garbled"),
        (("reset",), "reset"),
        (("status", 400, None), "http"),
        (("status", 401, None), "http"),
        (("status", 403, None), "http"),
    ],
)
def test_what_is_retried_is_an_explicit_list(server: LibreServer, fault: tuple, kind: str) -> None:
    """Each failure produced for real on loopback, then judged by the list: what can pass on
    a second try is tried again, nothing else."""
    server.always = fault
    with pytest.raises(TranslationError):
        libre(server, retries=1).translate(["Bonjour"], "fr", "en")
    assert len(server.requests) == (2 if kind in RETRIED else 1)


def test_nothing_listening_is_not_retried() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    engine = OnlineTranslator("libre", custom_url=f"http://127.0.0.1:{port}/", backoff=5)
    started = time.monotonic()
    with pytest.raises(TranslationError) as caught:
        engine.translate(["Bonjour"], "fr", "en")
    assert "attempts" not in str(caught.value) and time.monotonic() - started < 2


def test_a_name_that_does_not_resolve_is_not_retried() -> None:
    """A real DNS failure would query this machine's resolver, which is not on loopback: the
    error is built here as requests builds it (the only failure of the list not produced)."""
    failure = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    dns = urllib3.exceptions.NameResolutionError("translate.example.invalid", None, failure)  # type: ignore[arg-type]
    error = requests.exceptions.ConnectionError(urllib3.exceptions.MaxRetryError(None, "/", dns))  # type: ignore[arg-type]
    assert failure_kind(error, None) == "dns" and "dns" not in RETRIED
    assert failure_kind(requests.exceptions.ReadTimeout("slow"), None) in RETRIED
