"""A local HTTP server speaking the DeepL API v2 as the official `deepl` SDK calls it: /v2/glossaries
(list, create from TSV, delete) and /v2/translate (JSON, glossary_id), key in the Authorization header
("DeepL-Auth-Key …"). Its "translation" applies the glossary given, then drops Vietnamese diacritics
after "[en] ": clearly not a real engine. Behaviours: ok, 429, 500, 403, huge (translations and the glossary
list padded to `size`); it counts requests."""
from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler

from scripts.core.vietnamese import restyle
from tests.support.libre_server import FAKE_PREFIX, unaccented
from tests.support.stand_in import StandIn, reply


class DeepLServer(StandIn):
    def __init__(self, key: str = "deepl-test-key:fx"):
        self.key = key
        self.behaviour = "ok"
        self.times: int | None = None
        self.requests: list[tuple[str, str]] = []  # (method, path)
        self.glossaries: dict[str, dict] = {}  # id → {name, entries, source_lang, target_lang}
        self.created = 0
        self.translated: list[dict] = []
        self.size = 0
        self._lock = threading.Lock()
        self._listen(self._handler())

    def translate(self, text: str, glossary_id: str | None) -> str:
        entries = self.glossaries.get(glossary_id, {}).get("entries", {}) if glossary_id else {}
        text = restyle(text)
        for vi, en in sorted(entries.items(), key=lambda e: -len(e[0])):
            words = r"\s+".join(re.escape(w) for w in restyle(vi).split())
            text = re.sub(rf"(?<![\w./-]){words}(?![\w/-]|\.\w)", en.replace("\\", "\\\\"), text, flags=re.I)
        return FAKE_PREFIX + unaccented(text)

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                self._serve("GET")

            def do_POST(self):  # noqa: N802
                self._serve("POST")

            def do_DELETE(self):  # noqa: N802
                self._serve("DELETE")

            def _serve(self, method: str):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                with server._lock:
                    server.requests.append((method, path))
                if self.headers.get("Authorization") != f"DeepL-Auth-Key {server.key}":
                    return self._send(403, {"message": "Wrong key"})
                behaviour = server._current()
                if behaviour in ("429", "500"):
                    return self._send(int(behaviour), {"message": f"told to answer {behaviour}"})
                body = json.loads(raw) if raw.startswith(b"{") else {}
                if path == "/v2/glossaries" and method == "GET":
                    padding = {"padding": "A" * server.size} if behaviour == "huge" else {}
                    return self._send(200, {"glossaries": [info(i, g) for i, g in server.glossaries.items()], **padding})
                if path == "/v2/glossaries" and method == "POST":
                    server.created += 1
                    gid = f"g{server.created}"
                    entries = dict(line.split("\t", 1) for line in body["entries"].splitlines() if "\t" in line)
                    server.glossaries[gid] = {"name": body["name"], "entries": entries,
                                              "source_lang": body["source_lang"], "target_lang": body["target_lang"]}
                    return self._send(201, info(gid, server.glossaries[gid]))
                if path.startswith("/v2/glossaries/") and method == "DELETE":
                    server.glossaries.pop(path.rsplit("/", 1)[1], None)
                    return self._send(204, None)
                if path == "/v2/translate":
                    server.translated.append(body)
                    texts = body["text"] if isinstance(body["text"], list) else [body["text"]]
                    out = [{"detected_source_language": "VI", "text": server.translate(t, body.get("glossary_id")),
                            "billed_characters": len(t)} for t in texts]
                    if behaviour == "huge":
                        out[0]["text"] += " A" * (server.size // 2)
                    return self._send(200, {"translations": out})
                return self._send(404, {"message": "Not found"})

            def _send(self, status: int, payload):
                reply(self, status, b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8"))

        return Handler



def info(gid: str, glossary: dict) -> dict:
    return {"glossary_id": gid, "name": glossary["name"], "ready": True, "source_lang": glossary["source_lang"].lower(),
            "target_lang": glossary["target_lang"].lower(), "creation_time": "2026-11-30T00:00:00.000Z",
            "entry_count": len(glossary["entries"])}
