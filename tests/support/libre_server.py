"""A local HTTP server speaking the LibreTranslate API, with a FAKE translation, for tests.

Its "translation" is "[en] " + the text (placeholders kept): clearly not English, clearly not a real
engine. It can be told to fail (429, 500, 403), to answer slowly, to answer with markup, or to lose
or duplicate a placeholder; it counts every request.
"""
from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FAKE_PREFIX = "[en] "
MARKUP = ' <script>alert(1)</script> **bold** [click](javascript:alert(1))\n\n# Heading'


def fake_translation(text: str) -> str:
    """What the fake server answers for `text`."""
    return FAKE_PREFIX + text


class LibreServer:
    """State of the fake server; `behaviour` is one of: ok, 429, 500, 403, slow, trickle, markup,
    lose-placeholder, duplicate-placeholder. `fail_times` limits a failing behaviour to the next
    n requests (then ok); None means always."""

    def __init__(self):
        self.requests = 0
        self.texts: list[str] = []
        self.behaviour = "ok"
        self.fail_times: int | None = None
        self.delay = 2.0
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

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
                if behaviour == "trickle":
                    return self._trickle({"translatedText": answer})
                return self._send(200, {"translatedText": answer})

            def _send(self, status: int, payload: dict):
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

            def _trickle(self, payload: dict):
                """Answer one byte at a time, each within the read timeout, forever-ish in total."""
                body = json.dumps(payload).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    for byte in body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(server.delay)

        return Handler

    def __enter__(self) -> LibreServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
