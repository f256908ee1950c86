"""Online translation services through deep-translator (Google, DeepL, Microsoft, MyMemory,
LibreTranslate). Keys come from environment variables only, never from options or files.

deep-translator binds a translator object to one language pair and translates one text per
request; this engine caches one object per pair and maps our ISO 639-1 codes to each service's
dialect (`zh` → `zh-CN`, `he` → `iw`, `fr` → `fr-FR`).

Every request has a timeout per socket operation and a total deadline (a server that drips one
byte every few seconds never trips the first). What can pass on a second try is retried
(tenacity), with exponential backoff and jitter, honouring `Retry-After`; the list is explicit
(`RETRIED`, see `failure_kind`): timeouts, connections reset or cut mid-answer, unreadable
answers, HTTP 408/425/429/5xx. Nothing else is: a name that does not resolve, a refused
connection, a bad key, an unsupported language, a request the service refuses.
Error messages are redacted (`pipeline.redact`): keys never reach a record, a log or run.json.
"""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.client import IncompleteRead, RemoteDisconnected
from importlib.metadata import version
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pipeline.engines.registry import translators
from pipeline.engines.translate.base import TranslationError, Translator
from pipeline.redact import redact

if TYPE_CHECKING:
    import tenacity

ALIASES = MappingProxyType({"he": "iw", "jv": "jw"})  # ISO 639-1 → Google's legacy codes


RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class Failed(Exception):
    """One attempt that failed, with what the retry policy needs to judge it."""

    def __init__(self, error: Exception, response: Any) -> None:
        super().__init__(str(error))
        self.error, self.response = error, response
        self.status: int | None = response.status_code if response is not None else None
        self.kind = failure_kind(error, self.status)

    @property
    def retried(self) -> bool:
        return self.kind in RETRIED


@dataclass(frozen=True)
class Service:
    """How to build one deep-translator class: its name, key variables and languages."""

    base_url: str  # the key of its address in deep-translator's BASE_URLS
    class_name: str
    languages_constant: str
    env: dict[str, str]  # constructor argument → environment variable
    required: tuple[str, ...] = ()
    max_chars: int = 4900  # deep-translator refuses 5,000 characters and more


SERVICES: Mapping[str, Service] = MappingProxyType({
    "google": Service("GOOGLE_TRANSLATE", "GoogleTranslator", "GOOGLE_LANGUAGES_TO_CODES", {}),
    "mymemory": Service(
        "MYMEMORY",
        "MyMemoryTranslator",
        "MY_MEMORY_LANGUAGES_TO_CODES",
        {"email": "MYMEMORY_EMAIL"},
    ),
    "deepl": Service(
        "DEEPL",
        "DeeplTranslator",
        "DEEPL_LANGUAGE_TO_CODE",
        {"api_key": "DEEPL_API_KEY"},
        ("api_key",),
    ),
    "microsoft": Service(
        "MICROSOFT_TRANSLATE",
        "MicrosoftTranslator",
        "GOOGLE_LANGUAGES_TO_CODES",
        {"api_key": "MICROSOFT_API_KEY", "region": "MICROSOFT_REGION"},
        ("api_key",),
    ),
    "libre": Service(
        "LIBRE",
        "LibreTranslator",
        "LIBRE_LANGUAGES_TO_CODES",
        {"api_key": "LIBRE_API_KEY", "custom_url": "LIBRE_URL"},
        ("custom_url",),
    ),
})  # fmt: skip


RETRIED = frozenset({"timeout", "reset", "garbled", "busy"})


def failure_kind(error: BaseException, status: int | None) -> str:
    """Name what went wrong: `busy` (HTTP 408/425/429/5xx), `http` (any other status),
    `dns` (the name does not resolve), `refused` (nothing listens there), `timeout`, `reset`
    (the connection dropped or the answer was cut), `garbled` (an answer that is not the
    service's JSON), `other`. Only the kinds in `RETRIED` can pass on a second try."""
    import requests
    import urllib3

    if isinstance(error, ValueError) and status in (None, 200):
        return "garbled"  # json.JSONDecodeError: a proxy's page, an answer cut short
    if status is not None and status != 200:
        return "busy" if status in RETRY_STATUS else "http"
    chain = list(causes(error))
    if any(isinstance(e, (urllib3.exceptions.NameResolutionError, socket.gaierror)) for e in chain):
        return "dns"
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return "refused"
    timeouts = (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)
    if any(isinstance(e, timeouts) for e in chain):
        return "timeout"
    resets = (
        ConnectionResetError, ConnectionAbortedError, BrokenPipeError, RemoteDisconnected,
        IncompleteRead, urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError,
    )  # fmt: skip
    if any(isinstance(e, resets) for e in chain):
        return "reset"
    if "ServerException" in type(error).__name__:  # deep-translator's word for a bad status
        return "busy"
    return "other"


def causes(error: BaseException) -> Iterator[BaseException]:
    """The error and what it wraps (requests → urllib3 → socket), however it was wrapped,
    each once."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        inner = [getattr(e, "reason", None), e.__cause__, e.__context__, *getattr(e, "args", ())]
        todo += [i for i in inner if isinstance(i, BaseException)]


def service_code(code: str, codes: Sequence[str]) -> str | None:
    """Map an ISO 639-1 code onto a service's code list (`fr` → `fr-FR`, `zh` → `zh-CN`)."""
    code = ALIASES.get(code, code)
    if code in codes:
        return code
    regional = sorted(c for c in codes if c.lower().startswith(code + "-"))
    return regional[0] if regional else None


class OnlineTranslator(Translator):
    """A deep-translator service chosen by name; see `SERVICES` for names and key variables."""

    def __init__(
        self,
        service: str,
        timeout: float = 10.0,
        deadline: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_delay: float = 30.0,
        **options: Any,
    ) -> None:
        import deep_translator
        from deep_translator import constants

        if service not in SERVICES:
            raise ValueError(f"unknown service {service!r}; choose from {sorted(SERVICES)}")
        spec = SERVICES[service]
        self.name = service
        self.max_chars = spec.max_chars
        self.timeout, self.deadline = timeout, deadline
        self.retries, self.backoff, self.max_delay = retries, backoff, max_delay
        self._jitter = random.Random()
        self.version = f"deep-translator {version('deep-translator')}"
        self._class: Callable[..., Any] = getattr(deep_translator, spec.class_name)
        self._codes = sorted(set(getattr(constants, spec.languages_constant).values()))
        self._options = {
            arg: os.environ[var] for arg, var in spec.env.items() if os.environ.get(var)
        }
        self._options.update({k: v for k, v in options.items() if v is not None})
        if service == "libre" and self._options.get("custom_url"):
            self._options.setdefault("api_key", "none")  # deep-translator needs one, even here
            url = str(self._options["custom_url"])
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(
                    f"LIBRE_URL {redact(url)!r} is not an http(s) URL: set it to your "
                    "LibreTranslate server, e.g. http://localhost:5000/"
                )
            self._options["custom_url"] = url if url.endswith("/") else url + "/"
        self._secrets = [
            str(value)
            for arg, value in self._options.items()
            if arg != "custom_url" and isinstance(value, str) and value != "none"
        ]
        self.endpoint = redact(str(self._options.get("custom_url", "")), self._secrets)
        self.host = urlsplit(
            str(self._options.get("custom_url") or constants.BASE_URLS[spec.base_url])
        ).hostname
        missing = [spec.env[arg] for arg in spec.required if not self._options.get(arg)]
        if missing:
            raise ValueError(
                f"{service} needs the environment variable(s) {', '.join(missing)}: set "
                f"{' and '.join(missing)} before the run"
            )
        self._clients: dict[tuple[str, str], Any] = {}

    def unresolved(self) -> str | None:
        """Why the service's host name does not resolve, or None when it does. A name that
        does not resolve is a configuration mistake (or no network): said at start, once,
        instead of a retried failure per text."""
        try:
            socket.getaddrinfo(self.host, None)
        except (socket.gaierror, UnicodeError) as error:
            return f"cannot resolve {self.host} ({error})"
        return None

    def supports(self, source: str, target: str) -> bool:
        return None not in (service_code(source, self._codes), service_code(target, self._codes))

    def writes(self, target: str) -> bool:
        return service_code(target, self._codes) is not None

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        client = self._client(source, target)
        return [self._translate_one(client, text) for text in texts]

    def _translate_one(self, client: Any, text: str) -> str:
        import tenacity  # here, not at import: every run imports this module (the registry)

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1),
            retry=tenacity.retry_if_exception(lambda e: isinstance(e, Failed) and e.retried),
            wait=self._delay,
            reraise=True,
        )
        try:
            return retrying(self._request, client, text)
        except Failed as failed:
            attempts = retrying.statistics.get("attempt_number", 1)
            tries = f" after {attempts} attempts" if attempts > 1 else ""
            code = f" (HTTP {failed.status})" if failed.status else ""
            error = failed.error
            message = f"{self.name}{code}{tries}: {type(error).__name__}: {error}"
            raise TranslationError(redact(message, self._secrets)) from None

    def _request(self, client: Any, text: str) -> str:
        from pipeline.engines.translate import http  # requests: only when a request is made

        with http.policy(self.timeout, self.deadline) as exchange:
            try:
                answer = client.translate(text)
                if not isinstance(answer, str):
                    raise TranslationError(f"{self.name}: no translation in the answer")
                return answer
            except Exception as error:  # deep-translator and requests raise unrelated types
                response = exchange.response
                raise Failed(error, response) from None

    def _delay(self, state: tenacity.RetryCallState) -> float:
        """Retry-After when the server gives one, else exponential backoff with full jitter."""
        failed = state.outcome.exception() if state.outcome else None
        response = failed.response if isinstance(failed, Failed) else None
        retry_after: str | None = (
            response.headers.get("Retry-After") if response is not None else None
        )
        if retry_after is not None:
            try:
                return float(min(self.max_delay, max(0.0, float(retry_after))))
            except ValueError:
                pass  # an HTTP date: fall back to backoff
        attempt = state.attempt_number - 1
        return float(
            min(self.max_delay, self.backoff * 2**attempt) * self._jitter.uniform(0.5, 1.0)
        )

    def _client(self, source: str, target: str) -> Any:
        key = (source, target)
        if key not in self._clients:
            src, tgt = service_code(source, self._codes), service_code(target, self._codes)
            if src is None or tgt is None:
                raise TranslationError(f"{self.name} does not translate {source}→{target}")
            self._clients[key] = self._class(source=src, target=tgt, **self._options)
        return self._clients[key]

    def describe(self, source: str, target: str) -> str:
        return self.name

    def close(self) -> None:
        self._clients.clear()


def _register(service: str) -> None:
    translators.register(service, func=lambda **options: OnlineTranslator(service, **options))


for _service in SERVICES:
    _register(_service)
