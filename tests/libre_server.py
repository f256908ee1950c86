"""A LibreTranslate-compatible HTTP server on 127.0.0.1 that misbehaves on demand.

It speaks the API deep-translator's `LibreTranslator` uses (POST /translate with `q`, `source`,
`target`, `format`, `api_key` in the query string or form, answering `{"translatedText": ...}`)
and "translates" by tagging the text, so tests can see exactly what went over the wire.
`server.transform`, when set, is the translation instead (a test's mangling engine).
`server.faults` is a list of faults served to the next requests, one each, in order:
`("status", code, retry_after)`, `("garbage",)`, `("reset",)`, `("hang", seconds)`, `("drip", seconds)` (a
normal answer sent one byte every `seconds`, status line included); then it answers normally.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pipeline.engines.translate.online import OnlineTranslator
from pipeline.stages.translate import Translate


class LibreServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), LibreHandler)
        self.requests: list[dict[str, str]] = []
        self.faults: list[tuple[Any, ...]] = []
        self.always: tuple[Any, ...] | None = None  # a fault served to every request
        self.transform: Callable[[str], str] | None = None  # "translates" q (default: tags it)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"

    def next_fault(self) -> tuple[Any, ...] | None:
        with self.lock:
            return self.faults.pop(0) if self.faults else self.always


class LibreHandler(BaseHTTPRequestHandler):
    server: LibreServer

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        params.update({k: v[0] for k, v in parse_qs(body).items()})
        if url.path != "/translate":
            self.send_error(404)
            return
        with self.server.lock:
            self.server.requests.append(params)
        fault = self.server.next_fault()
        if fault and fault[0] == "hang":
            self.server.stopping.wait(fault[1])
            return
        if fault and fault[0] == "drip":
            answer = json.dumps({"translatedText": params["q"]}).encode()
            raw = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(answer), answer)
            for byte in raw:
                if self.server.stopping.wait(fault[1]):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return
            return
        if fault and fault[0] == "status":
            self.reply(
                fault[1],
                b'{"error": "fault"}',
                {"Retry-After": str(fault[2])} if fault[2] is not None else {},
            )
        elif fault and fault[0] == "garbage":
            self.reply(200, b"<html>proxy error</html>")
        elif fault and fault[0] == "reset":  # the connection dropped: TCP RST, no answer
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        else:
            text = params["q"]
            tagged = f"<{params['source']}→{params['target']}> {text}"
            answer = {
                "translatedText": self.server.transform(text) if self.server.transform else tagged
            }
            self.reply(200, json.dumps(answer).encode())

    def reply(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def libre_server() -> Iterator[LibreServer]:
    """Start the server on a free loopback port; `server.url` is the base URL."""
    server = LibreServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()


@contextmanager
def mangling_stage(transform: Callable[[str], str]) -> Iterator[tuple[LibreServer, Translate]]:
    """The server, answering each text as `transform` changes it (what an online engine may
    do to it), and a translation stage through it: no cache, no fallback to another engine."""
    with libre_server() as server:
        server.transform = transform
        engine = OnlineTranslator("libre", custom_url=server.url, backoff=0.05)  # type: ignore[arg-type]
        stage = Translate(engine=engine, cache=None, fallback="none")
        try:
            yield server, stage
        finally:
            stage.close()
