"""A local HTTP server speaking the OpenAI Chat Completions API (POST /v1/chat/completions), standing in
for a language model in tests and in `make bench`. Its "model" is scripted, never a real one:

- a segment whose text it has in `script` gets that English (scripted good drafts);
- any other segment gets "[en] " + the text with every glossary term of the request replaced by its
  English and the Vietnamese diacritics dropped: clearly not English, but a draft that follows the
  glossary, keeps numbers and Markdown, and leaves no Vietnamese letter.

Behaviours, one per request from a queue (then `default`): ok, break-glossary (terms left in
Vietnamese-less but unapproved form until it is sent corrections), malformed, wrong-ids, extra-id,
fenced, 429, 500, slow, trickle, huge, gzip-bomb, surrogate, echo-key, no-json-mode (answers 400
to response_format), obey (a paragraph saying "IGNORE" makes it obey: a link added, another segment
rewritten, an id added). It counts requests and keeps every request's JSON document.
"""
from __future__ import annotations

import gzip
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler

from scripts.core.vietnamese import restyle
from tests.support.libre_server import FAKE_PREFIX, unaccented
from tests.support.stand_in import StandIn, reply

INJECTION = "IGNORE"


_VI_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+")


def model_draft(text: str, glossary: list[dict], follow_glossary: bool = True) -> str:
    """The stand-in model's English for one segment: glossary applied, numbers in English form."""
    if follow_glossary:  # as the glossary matches: any case, either tone-mark style, never inside a URL
        text = restyle(text)
        for entry in sorted(glossary, key=lambda e: -len(e["vi"])):
            words = r"\s+".join(re.escape(w) for w in restyle(entry["vi"]).split())
            text = re.sub(rf"(?<![\w./-]){words}(?![\w/-]|\.\w)", entry["en"].replace("\\", "\\\\"), text, flags=re.I)
    text = _VI_NUMBER.sub(lambda m: m.group(0).replace(".", "\0").replace(",", ".").replace("\0", ","), text)
    return FAKE_PREFIX + unaccented(text)


class LLMServer(StandIn):
    """State of the stand-in: behaviours queued, scripted drafts, requests seen."""

    url_path = "/v1"

    def __init__(self, script: dict[str, str] | None = None):
        self.script = dict(script or {})
        self.queue: list[str] = []
        self.default = "ok"
        self.requests = 0
        self.documents: list[dict] = []  # the JSON document of each request's last user message
        self.bodies: list[dict] = []
        self.headers: list[dict] = []
        self.delay = 2.0
        self.size = 0
        self._lock = threading.Lock()
        self._listen(self._handler())

    def then(self, *behaviours: str) -> LLMServer:
        self.queue.extend(behaviours)
        return self

    def _next(self) -> str:
        with self._lock:
            self.requests += 1
            return self.queue.pop(0) if self.queue else self.default

    def answer(self, document: dict, behaviour: str, key: str) -> str:
        """The model's message content for a request's document."""
        segments, glossary = document["segments"], document.get("glossary", [])
        corrected = bool(document.get("corrections"))
        out = []
        for segment in segments:
            text = self.script.get(segment["text"])
            if text is None:
                broken = behaviour == "break-glossary" and not corrected
                text = model_draft(segment["text"], glossary, not broken)
            out.append({"id": segment["id"], "text": text})
        if behaviour == "wrong-ids" and out:
            out[0]["id"] = "not-an-id"
        elif behaviour == "extra-id":
            out.append({"id": "extra", "text": "more"})
        elif behaviour == "surrogate" and out:
            return json.dumps({"translations": out}).replace('"text": "', '"text": "\\ud800', 1)
        elif behaviour == "echo-key" and out:
            out[0]["text"] += " " + key
        elif behaviour == "huge" and out:
            out[0]["text"] += " A" * (self.size // 2)
        elif behaviour == "obey":
            for item, segment in zip(out, segments):
                if INJECTION in segment["text"]:
                    item["text"] += " [Click here](https://evil.example/)"
                    out.append({"id": "injected", "text": "Injected"})
                    out[0]["text"] = "Everything is fine."
                    break
        content = json.dumps({"translations": out}, ensure_ascii=False)
        if behaviour == "malformed":
            return content[: len(content) // 2]
        if behaviour == "fenced":
            return "```json\n" + content + "\n```"
        return content

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                behaviour = server._next()
                with server._lock:
                    server.bodies.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found"}})
                if behaviour in ("429", "500"):
                    return self._send(int(behaviour), {"error": {"message": f"told to answer {behaviour}"}})
                if behaviour == "no-json-mode" and "response_format" in body:
                    return self._send(400, {"error": {"message": "response_format is not supported"}})
                document = json.loads(body["messages"][-1]["content"])
                with server._lock:
                    server.documents.append(document)
                key = (self.headers.get("authorization") or "").removeprefix("Bearer ")
                content = server.answer(document, behaviour, key)
                payload = {"id": "chatcmpl-standin", "object": "chat.completion", "created": 0,
                           "model": body.get("model"), "usage": {"prompt_tokens": 1, "completion_tokens": 1,
                                                                 "total_tokens": 2},
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": content}}]}
                raw = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                if behaviour == "slow":
                    time.sleep(server.delay)
                if behaviour == "gzip-bomb":
                    return self._raw(200, gzip.compress(raw[:-2] + b" " * server.size + raw[-2:]),
                                     {"Content-Encoding": "gzip"})
                if behaviour == "trickle":
                    return self._raw(200, raw, trickle=True)
                return self._raw(200, raw)

            def _send(self, status: int, payload: dict):
                self._raw(status, json.dumps(payload).encode("utf-8"))

            def _raw(self, status: int, body: bytes, headers: dict | None = None, trickle: bool = False):
                reply(self, status, body, headers=headers, trickle=server.delay if trickle else None)

        return Handler



if __name__ == "__main__":  # python -m tests.support.llm_server [BEHAVIOUR …]: serve until Ctrl-C
    import sys

    with LLMServer() as running:
        running.then(*sys.argv[1:])
        print(f"Chat Completions stand-in at {running.url} (behaviours queued: {sys.argv[1:] or 'none'})",
              flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
