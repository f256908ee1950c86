"""Timeouts and response capture for HTTP calls made inside deep-translator.

deep-translator calls `requests.post(...)` with no timeout (a slow server hangs the run) and
hides the response (so a 429's `Retry-After` is lost). Its API offers no hook, so
`requests.Session.request` is wrapped once per process; the wrapper acts only inside a
`policy(...)` block on the current thread, so code outside the pipeline is not affected.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import requests

_local = threading.local()
_lock = threading.Lock()


@dataclass
class Exchange:
    """What one policy block saw: the limits it imposed and the last response."""

    timeout: float
    deadline: float = 30.0
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
            response = within(exchange.deadline, lambda: original(self, method, url, **kwargs))
            exchange.response = response
            return response

        request._pipeline_policy = True  # type: ignore[attr-defined]
        requests.Session.request = request  # type: ignore[method-assign,assignment]


def within(seconds: float, call: Callable[[], requests.Response]) -> requests.Response:
    """`call()`, or `requests.Timeout` once `seconds` have passed, whatever the server does.

    The request runs on a daemon thread: a socket timeout bounds each read, not the whole
    answer, so a server dripping a byte at a time would otherwise hold the run for ever. A
    request given up on is left to finish or fail on its thread; nothing waits for it."""
    result: list[requests.Response] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as error:  # handed to the caller's thread below
            failure.append(error)

    thread = threading.Thread(target=run, daemon=True, name="http-request")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise requests.exceptions.Timeout(f"no complete answer within {seconds:g} s")
    if failure:
        raise failure[0]
    return result[0]


@contextmanager
def policy(timeout: float, deadline: float = 30.0) -> Iterator[Exchange]:
    """Within the block, requests on this thread time out after `timeout` s per socket
    operation and `deadline` s in all, and are recorded."""
    _install()
    exchange = Exchange(timeout, deadline)
    previous = getattr(_local, "exchange", None)
    _local.exchange = exchange
    try:
        yield exchange
    finally:
        _local.exchange = previous
