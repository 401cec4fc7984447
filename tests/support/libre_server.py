"""A local HTTP server speaking the LibreTranslate API, with a FAKE translation, for tests.

Its "translation" is "[en] " + the text without its Vietnamese diacritics (placeholders kept): clearly
not English, clearly not a real engine, and no Vietnamese letter left for the check to refuse. It can be
told to fail (429, 500, 403), to answer slowly, to answer with markup, to lose, duplicate or swap
placeholders, to answer with a lone surrogate, a huge or a gzip-bomb body, or to echo the key; it
counts every request and keeps where the key came (query string or body).
"""
from __future__ import annotations

import gzip
import json
import re
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit
from tests.support.stand_in import StandIn, reply

FAKE_PREFIX = "[en] "
MARKUP = ' <script>alert(1)</script> **bold** [click](javascript:alert(1))\n\n# Heading'


def unaccented(text: str) -> str:
    """`text` without Vietnamese diacritics, case kept ("Bộ Ngoại giao" → "Bo Ngoai giao")."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def fake_translation(text: str) -> str:
    """What the fake server answers for `text`."""
    return FAKE_PREFIX + unaccented(text)


class LibreServer(StandIn):
    """State of the fake server; `behaviour` is one of: ok, 429, 500, 403, slow, trickle, markup,
    lose-placeholder, duplicate-placeholder. `fail_times` limits a failing behaviour to the next
    n requests (then ok); None means always."""

    url_path = "/"

    def __init__(self):
        self.requests = 0
        self.texts: list[str] = []
        self.behaviour = "ok"
        self.fail_times: int | None = None
        self.delay = 2.0
        self.size = 0  # bytes of padding for "huge" and "gzip-bomb"
        self.key_in_query: list[bool] = []
        self._lock = threading.Lock()
        self._listen(self._handler())

    def set(self, behaviour: str, times: int | None = None, delay: float | None = None) -> None:
        self.behaviour, self.fail_times = behaviour, times
        if delay is not None:
            self.delay = delay

    def reset_count(self) -> None:
        with self._lock:
            self.requests = 0
            self.texts.clear()

    def _current(self) -> str:
        with self._lock:
            self.requests += 1
            behaviour = self.behaviour
            if self.fail_times is not None:
                if self.fail_times <= 0:
                    behaviour = "ok"
                self.fail_times -= 1
            return behaviour

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                fields = {k: v[0] for k, v in parse_qs(url.query).items()}
                if raw:
                    if self.headers.get("Content-Type", "").startswith("application/json"):
                        fields.update(json.loads(raw))
                    else:
                        fields.update({k: v[0] for k, v in parse_qs(raw).items()})
                behaviour = server._current()
                with server._lock:
                    server.key_in_query.append("api_key" in parse_qs(url.query))
                if url.path != "/translate":
                    return self._send(404, {"error": "Not Found"})
                if not fields.get("api_key"):
                    return self._send(403, {"error": "Please provide an API key"})
                if not fields.get("q") or not fields.get("source") or not fields.get("target"):
                    return self._send(400, {"error": "Invalid request: missing q, source or target"})
                text = fields["q"]
                with server._lock:
                    server.texts.append(text)
                if behaviour in ("429", "500", "403"):
                    return self._send(int(behaviour), {"error": f"fake server told to answer {behaviour}"})
                answer = fake_translation(text)
                if behaviour == "slow":
                    time.sleep(server.delay)
                elif behaviour == "markup":
                    answer += MARKUP
                elif behaviour == "lose-placeholder":
                    answer = re.sub(r"⟦\d+⟧", "", answer, count=1)
                elif behaviour == "duplicate-placeholder":
                    answer += "".join(" " + p for p in re.findall(r"⟦\d+⟧", answer)[:1])
                elif behaviour == "swap-placeholders":  # the first two change places (F25)
                    found = re.findall(r"⟦\d+⟧", answer)
                    if len(found) >= 2:
                        answer = answer.replace(found[0], "\0").replace(found[1], found[0]).replace("\0", found[1])
                elif behaviour == "surrogate":  # F9: the JSON escape of a lone surrogate
                    return self._send_raw(200, ('{"translatedText": "' + answer.replace('"', "'") + ' \\ud800"}').encode())
                elif behaviour == "echo-key":
                    answer += " " + fields["api_key"]
                elif behaviour == "huge":
                    answer += " A" * (server.size // 2)
                elif behaviour == "gzip-bomb":
                    body = gzip.compress(json.dumps({"translatedText": answer + " " + "A" * server.size}).encode())
                    return self._send_raw(200, body, {"Content-Encoding": "gzip"})
                if behaviour == "trickle":
                    return self._trickle({"translatedText": answer})
                return self._send(200, {"translatedText": answer})

            def _send(self, status: int, payload: dict):
                reply(self, status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

            def _send_raw(self, status: int, body: bytes, headers: dict | None = None):
                reply(self, status, body, headers=headers)

            def _trickle(self, payload: dict):
                """Answer one byte at a time, each within the read timeout, forever-ish in total."""
                reply(self, 200, json.dumps(payload).encode("utf-8"), trickle=server.delay)

        return Handler



if __name__ == "__main__":  # python -m tests.support.libre_server: serve until Ctrl-C
    with LibreServer() as running:
        print(f"LibreTranslate stand-in at {running.url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
