"""Timeouts and response capture for HTTP calls made inside deep-translator.

deep-translator calls `requests.post(...)` with no timeout (a slow server hangs the run) and
hides the response (so a 429's `Retry-After` is lost). Its API offers no hook, so
`requests.Session.request` is wrapped once per process; the wrapper acts only inside a
`policy(...)` block on the current thread, so code outside the pipeline is not affected.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

_local = threading.local()
_lock = threading.Lock()


@dataclass
class Exchange:
    """What one policy block saw: the timeout it imposed and the last response."""

    timeout: float
    response: requests.Response | None = None


def _install() -> None:
    with _lock:
        if getattr(requests.Session.request, "_pipeline_policy", False):
            return
        original = requests.Session.request

        def request(
            self: requests.Session, method: str, url: str, **kwargs: Any
        ) -> requests.Response:
            exchange: Exchange | None = getattr(_local, "exchange", None)
            if exchange is None:
                return original(self, method, url, **kwargs)
            if kwargs.get("timeout") is None:
                kwargs["timeout"] = exchange.timeout
            response = original(self, method, url, **kwargs)
            exchange.response = response
            return response

        request._pipeline_policy = True  # type: ignore[attr-defined]
        requests.Session.request = request  # type: ignore[method-assign,assignment]


@contextmanager
def policy(timeout: float) -> Iterator[Exchange]:
    """Within the block, requests on this thread time out after `timeout` s and are recorded."""
    _install()
    exchange = Exchange(timeout)
    previous = getattr(_local, "exchange", None)
    _local.exchange = exchange
    try:
        yield exchange
    finally:
        _local.exchange = previous
