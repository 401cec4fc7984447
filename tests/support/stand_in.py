"""What every engine stand-in server shares (deepl_server, engine_servers, libre_server, llm_server): an
HTTP server on 127.0.0.1 at a free port, serving from a thread while the `with` block lasts, and how an
answer is written."""
from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class StandIn:
    """Base of the stand-ins: `_listen(handler class)` at the end of __init__ sets `url` (with
    `url_path` after the port); `with server:` serves. `set(behaviour, times)` scripts the next
    answers (`times` of them, then "ok"; every one when `times` is None), `_current()` takes one."""

    url_path = ""
    behaviour = "ok"
    times: int | None = None

    def set(self, behaviour: str, times: int | None = None) -> None:
        self.behaviour, self.times = behaviour, times

    def _current(self) -> str:
        with self._lock:
            behaviour = self.behaviour
            if self.times is not None:
                behaviour = behaviour if self.times > 0 else "ok"
                self.times -= 1
            return behaviour

    def _listen(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{self.url_path}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str = "application/json",
          headers: dict | None = None, trickle: float | None = None) -> None:
    """Answer `body`; a client that hung up is not the stand-in's error. With `trickle`, one byte at a
    time, `trickle` seconds apart (each byte within a read timeout, the whole past a deadline)."""
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    with contextlib.suppress(OSError):
        if trickle is None:
            handler.wfile.write(body)
            return
        for byte in body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(trickle)
