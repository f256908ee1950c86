"""A LibreTranslate-compatible HTTP server on 127.0.0.1 for tests of the online path.

It speaks the API deep-translator's `LibreTranslator` uses (POST /translate with `q`, `source`,
`target`, `format`, `api_key` in the query string or form, answering `{"translatedText": ...}`)
and "translates" by tagging the text, so tests can see exactly what went over the wire.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class LibreHandler(BaseHTTPRequestHandler):
    requests: list[dict[str, str]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode()
        params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
        params.update({k: v[0] for k, v in parse_qs(body).items()})
        if urlsplit(self.path).path != "/translate":
            self.send_error(404)
            return
        self.server.requests.append(params)  # type: ignore[attr-defined]
        answer = {"translatedText": f"<{params['source']}→{params['target']}> {params['q']}"}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def libre_server() -> Iterator[ThreadingHTTPServer]:
    """Start the server on a free loopback port; `server.url` is the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), LibreHandler)
    server.requests = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
