"""Local HTTP servers speaking the protocols of Microsoft Translator v3, MyMemory and Google's free web
endpoint (as deep-translator calls them), with the same FAKE translation as the LibreTranslate stand-in
("[en] " + the text without diacritics). Each can be told to answer 429 or 500, slowly, or with a
huge body; each counts its requests and keeps the headers and query of each."""
from __future__ import annotations

import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.support.libre_server import fake_translation
from tests.support.stand_in import StandIn, reply


class ProtocolServer(StandIn):
    """One stand-in; `protocol` is microsoft, mymemory or google."""

    def __init__(self, protocol: str):
        self.protocol = protocol
        self.behaviour = "ok"
        self.times: int | None = None
        self.requests = 0
        self.seen: list[dict] = []
        self.delay = 2.0
        self.size = 0
        self._lock = threading.Lock()
        self._listen(self._handler())

    def _current(self) -> str:
        with self._lock:
            self.requests += 1
        return super()._current()

    def _answer(self, path: str, query: dict, body: bytes) -> tuple[int, bytes, str]:
        if self.protocol == "microsoft":
            if path == "/languages":
                names = {"translation": {"vi": {"name": "Vietnamese"}, "en": {"name": "English"}}}
                return 200, json.dumps(names).encode(), "application/json"
            items = json.loads(body or b"[]")
            out = [{"translations": [{"text": fake_translation(i["text"]), "to": query.get("to")}]} for i in items]
            return 200, json.dumps(out, ensure_ascii=False).encode(), "application/json"
        if self.protocol == "mymemory":
            text = fake_translation(query["q"])
            data = {"responseData": {"translatedText": text, "match": 1}, "responseStatus": 200, "matches": []}
            return 200, json.dumps(data, ensure_ascii=False).encode(), "application/json"
        page = f'<html><body><div class="result-container">{html.escape(fake_translation(query["q"]))}</div></body></html>'
        return 200, page.encode(), "text/html; charset=utf-8"

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                self._serve(b"")

            def do_POST(self):  # noqa: N802
                self._serve(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _serve(self, body: bytes):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                languages = url.path == "/languages"
                behaviour = "ok" if languages else server._current()
                if not languages:
                    with server._lock:
                        server.seen.append({"path": url.path, "query": query, "headers": dict(self.headers)})
                if behaviour in ("429", "500"):
                    return self._send(int(behaviour), b'{"error": {"message": "told to fail"}}', "application/json")
                status, payload, kind = server._answer(url.path, query, body)
                if behaviour == "slow":
                    time.sleep(server.delay)
                if behaviour == "huge":
                    payload = payload.replace(b"[en] ", b"[en] " + b"A" * server.size, 1)
                self._send(status, payload, kind)

            def _send(self, status: int, body: bytes, kind: str):
                reply(self, status, body, kind)

        return Handler

